//! The call's members, as the SWF API names them, and their parsing.

use super::InputError;
use crate::json::{Json, JsonValue};
use crate::policy::did_you_mean;

/// `{"name": ..., "version": ...}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkflowTypeRef {
    /// The type name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The type version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The `StartWorkflowExecution` input. Every member is optional here: missing required members
/// are reported by validation, as SWF reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartRequest {
    /// `domain`
    pub domain: Option<String>,
    /// `workflowId`
    pub workflow_id: Option<String>,
    /// `workflowType`
    pub workflow_type: Option<WorkflowTypeRef>,
    /// `taskList` (outer `Some` when the member is present; inner is its `name`)
    pub task_list: Option<Option<String>>,
    /// `taskPriority`
    pub task_priority: Option<String>,
    /// `input`
    pub input: Option<String>,
    /// `executionStartToCloseTimeout`
    pub execution_start_to_close_timeout: Option<String>,
    /// `taskStartToCloseTimeout`
    pub task_start_to_close_timeout: Option<String>,
    /// `childPolicy`
    pub child_policy: Option<String>,
    /// `tagList`
    pub tag_list: Option<Vec<String>>,
    /// `lambdaRole`
    pub lambda_role: Option<String>,
}

/// The members of the request, in the API's order.
pub(super) const REQUEST_MEMBERS: &[&str] = &[
    "domain",
    "workflowId",
    "workflowType",
    "taskList",
    "taskPriority",
    "input",
    "executionStartToCloseTimeout",
    "taskStartToCloseTimeout",
    "childPolicy",
    "tagList",
    "lambdaRole",
];

/// Reads an object's members, refusing unknown names and duplicates.
pub fn members<'a>(
    json: &'a Json,
    what: &str,
    known: &[&str],
    errors: &mut Vec<InputError>,
) -> Vec<(&'a str, &'a Json)> {
    let Some(ms) = json.as_object() else {
        errors.push(InputError::new(
            format!("{what} must be a JSON object, found {}", json.kind_name()),
            json.span,
        ));
        return Vec::new();
    };
    let mut out: Vec<(&str, &Json)> = Vec::new();
    for m in ms {
        if !known.contains(&m.key.as_str()) {
            let mut e =
                InputError::new(format!("unknown member `{}` in {what}", m.key), m.key_span);
            if let Some(s) = did_you_mean(&m.key, known) {
                e = e.with_help(format!("did you mean `{s}`?"));
            } else {
                e = e.with_help(format!("known members: {}", known.join(", ")));
            }
            errors.push(e);
            continue;
        }
        if out.iter().any(|(k, _)| *k == m.key) {
            errors.push(InputError::new(
                format!("duplicate member `{}` in {what}", m.key),
                m.key_span,
            ));
            continue;
        }
        out.push((m.key.as_str(), &m.value));
    }
    out
}

/// A string member; JSON `null` counts as absent.
pub fn opt_string(json: &Json, path: &str, errors: &mut Vec<InputError>) -> Option<String> {
    match &json.value {
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Null => None,
        _ => {
            errors.push(InputError::new(
                format!("`{path}` must be a string, found {}", json.kind_name()),
                json.span,
            ));
            None
        }
    }
}

impl StartRequest {
    /// Reads a request object; all problems are returned at once.
    pub fn from_json(json: &Json) -> Result<StartRequest, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut r = StartRequest::default();
        for (k, v) in members(json, "the request", REQUEST_MEMBERS, &mut errors) {
            match k {
                "domain" => r.domain = opt_string(v, k, &mut errors),
                "workflowId" => r.workflow_id = opt_string(v, k, &mut errors),
                "taskPriority" => r.task_priority = opt_string(v, k, &mut errors),
                "input" => r.input = opt_string(v, k, &mut errors),
                "executionStartToCloseTimeout" => {
                    r.execution_start_to_close_timeout = opt_string(v, k, &mut errors)
                }
                "taskStartToCloseTimeout" => {
                    r.task_start_to_close_timeout = opt_string(v, k, &mut errors)
                }
                "childPolicy" => r.child_policy = opt_string(v, k, &mut errors),
                "lambdaRole" => r.lambda_role = opt_string(v, k, &mut errors),
                "workflowType" if !matches!(v.value, JsonValue::Null) => {
                    let mut t = WorkflowTypeRef::default();
                    for (tk, tv) in members(v, "`workflowType`", &["name", "version"], &mut errors)
                    {
                        match tk {
                            "name" => t.name = opt_string(tv, "workflowType.name", &mut errors),
                            _ => t.version = opt_string(tv, "workflowType.version", &mut errors),
                        }
                    }
                    r.workflow_type = Some(t);
                }
                "taskList" if !matches!(v.value, JsonValue::Null) => {
                    let mut name = None;
                    for (_, tv) in members(v, "`taskList`", &["name"], &mut errors) {
                        name = opt_string(tv, "taskList.name", &mut errors);
                    }
                    r.task_list = Some(name);
                }
                "tagList" => match &v.value {
                    JsonValue::Null => {}
                    JsonValue::Array(items) => {
                        let mut tags = Vec::new();
                        for (i, item) in items.iter().enumerate() {
                            match item.as_str() {
                                Some(s) => tags.push(s.to_string()),
                                None => errors.push(InputError::new(
                                    format!(
                                        "`tagList[{i}]` must be a string, found {}",
                                        item.kind_name()
                                    ),
                                    item.span,
                                )),
                            }
                        }
                        r.tag_list = Some(tags);
                    }
                    _ => errors.push(InputError::new(
                        format!(
                            "`tagList` must be an array of strings, found {}",
                            v.kind_name()
                        ),
                        v.span,
                    )),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(r)
        } else {
            Err(errors)
        }
    }

    /// The task list named in the request, if any.
    pub fn task_list_name(&self) -> Option<&str> {
        self.task_list.as_ref().and_then(|t| t.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_request_as_the_api_takes_it() {
        let j = crate::json::parse(r#"{"domain":"orders","workflowId":"o-1","workflowType":{"name":"P","version":"1"},"taskList":{"name":"tl"},"tagList":["a","b"],"childPolicy":null}"#).unwrap();
        let r = StartRequest::from_json(&j).unwrap();
        assert_eq!(r.domain.as_deref(), Some("orders"));
        assert_eq!(r.task_list_name(), Some("tl"));
        assert_eq!(r.child_policy, None);
        let bad = crate::json::parse(r#"{"domian":"x","workflowId":5,"tagList":"a"}"#).unwrap();
        let errs = StartRequest::from_json(&bad).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `domain`?"));
    }
}
