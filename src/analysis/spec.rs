//! The SPEC of `swfsim check`: which StartWorkflowExecution requests a property is about.
//!
//! ```json
//! {"domain": ["prod-*"],
//!  "workflowType": {"name": "OrderFlow", "version": ["1.*", "2.*"]},
//!  "taskList": "prod-*",
//!  "tagList": ["team-a", "*"],
//!  "principal": ["arn:aws:iam::111122223333:user/alice"],
//!  "region": ["us-east-1"],
//!  "context": {"aws:SecureTransport": "true"}}
//! ```
//!
//! Every member is optional; a missing member means "any". Patterns are IAM wildcards (`*`, `?`),
//! case-sensitive, and a string stands for a list of one. `taskList` requires the request to name
//! a task list matching one of the patterns. `tagList` gives the exact number of tags and one
//! pattern per position. `context` fixes the value of global condition keys.

use crate::json::{Json, JsonValue};
use crate::request::{members, InputError};

/// Which requests a property is about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// Domain-name patterns.
    pub domain: Option<Vec<String>>,
    /// Workflow type name patterns.
    pub type_name: Option<Vec<String>>,
    /// Workflow type version patterns.
    pub type_version: Option<Vec<String>>,
    /// Task list name patterns (a task list must be given).
    pub task_list: Option<Vec<String>>,
    /// One pattern per tag: exactly this many tags.
    pub tag_list: Option<Vec<String>>,
    /// The callers.
    pub principals: Vec<String>,
    /// The regions.
    pub regions: Option<Vec<String>>,
    /// Fixed context keys.
    pub context: Vec<(String, String)>,
}

const MEMBERS: &[&str] = &[
    "domain",
    "workflowType",
    "taskList",
    "tagList",
    "principal",
    "region",
    "context",
];

fn strings(j: &Json, what: &str, errors: &mut Vec<InputError>) -> Vec<String> {
    let one = |j: &Json, errors: &mut Vec<InputError>| match &j.value {
        JsonValue::String(s) => Some(s.clone()),
        _ => {
            errors.push(InputError::new(
                format!(
                    "{what} must be a string or an array of strings, found {}",
                    j.kind_name()
                ),
                j.span,
            ));
            None
        }
    };
    match j.as_array() {
        Some(items) => items.iter().filter_map(|i| one(i, errors)).collect(),
        None => one(j, errors).into_iter().collect(),
    }
}

impl Spec {
    /// Reads a SPEC, reporting every problem at once.
    pub fn from_json(json: &Json) -> Result<Spec, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut spec = Spec::default();
        for (k, v) in members(json, "a SPEC", MEMBERS, &mut errors) {
            match k {
                "domain" => spec.domain = Some(strings(v, "`domain`", &mut errors)),
                "workflowType" => {
                    for (k2, v2) in members(v, "`workflowType`", &["name", "version"], &mut errors)
                    {
                        let list = strings(v2, &format!("`workflowType.{k2}`"), &mut errors);
                        if k2 == "name" {
                            spec.type_name = Some(list);
                        } else {
                            spec.type_version = Some(list);
                        }
                    }
                }
                "taskList" => spec.task_list = Some(strings(v, "`taskList`", &mut errors)),
                "tagList" => {
                    let tags = strings(v, "`tagList`", &mut errors);
                    if tags.len() > 5 {
                        errors.push(InputError::new(
                            format!(
                                "`tagList` has {} patterns; SWF takes at most 5 tags",
                                tags.len()
                            ),
                            v.span,
                        ));
                    }
                    spec.tag_list = Some(tags);
                }
                "principal" => spec.principals = strings(v, "`principal`", &mut errors),
                "region" => spec.regions = Some(strings(v, "`region`", &mut errors)),
                _ => {
                    let Some(ms) = v.as_object() else {
                        errors.push(InputError::new(
                            format!("`context` must be a JSON object, found {}", v.kind_name()),
                            v.span,
                        ));
                        continue;
                    };
                    for m in ms {
                        let value = match &m.value.value {
                            JsonValue::String(s) => s.clone(),
                            JsonValue::Number(n) => n.clone(),
                            JsonValue::Bool(b) => b.to_string(),
                            _ => {
                                errors.push(InputError::new(
                                    format!(
                                        "the value of `{}` must be a string, number or boolean",
                                        m.key
                                    ),
                                    m.value.span,
                                ));
                                continue;
                            }
                        };
                        if let Err(e) = check_key(&m.key, &value) {
                            errors.push(InputError::new(e, m.key_span));
                            continue;
                        }
                        spec.context.push((m.key.clone(), value));
                    }
                }
            }
        }
        for (what, list) in [
            ("domain", &spec.domain),
            ("workflowType.name", &spec.type_name),
            ("workflowType.version", &spec.type_version),
            ("taskList", &spec.task_list),
            ("region", &spec.regions),
        ] {
            if list.as_ref().is_some_and(Vec::is_empty) {
                errors.push(InputError::new(
                    format!("`{what}` is an empty list: no request could match"),
                    json.span,
                ));
            }
        }
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(errors)
        }
    }
}

/// Whether a SPEC (or `--context`) may fix `key` to `value`: a global key of the right type, not
/// one the caller, the region or the request determines.
pub fn check_key(key: &str, value: &str) -> Result<(), String> {
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("swf:") {
        return Err(format!(
            "`{key}` is set through `domain`, `workflowType`, `taskList` and `tagList`, not `context`"
        ));
    }
    match lower.as_str() {
        "aws:requestedregion" => return Err("set the region through `region`".into()),
        "aws:principalarn"
        | "aws:principalaccount"
        | "aws:principaltype"
        | "aws:username"
        | "aws:userid"
        | "aws:resourceaccount" => {
            return Err(format!(
                "`{key}` follows from the caller: name it through `principal`"
            ))
        }
        "aws:epochtime" => return Err("fix the clock through `aws:CurrentTime`".into()),
        _ => {}
    }
    if let Some((_, _, multi)) = crate::keys::global_key(key) {
        if multi {
            return Err(format!(
                "`{key}` is multivalued; the analysis covers single values"
            ));
        }
        return crate::request::check_context_value(key, value).map(|_| ());
    }
    if lower.starts_with("aws:") {
        return Ok(());
    }
    Err(format!(
        "`{key}` is not a condition key StartWorkflowExecution carries (the global `aws:` keys, `aws:ResourceTag/`, `aws:PrincipalTag/`)"
    ))
}
