//! Request validation: every rule of the API model and the documented character rules, in
//! AWS's words.

use super::values::{
    duration_problem, name_problem, priority_ok, swf_len, CHILD_POLICIES, NAME_RULE,
};
use crate::request::StartRequest;

/// One violated constraint.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    /// The member path (`workflowId`, `workflowType.name`, `tagList.1.member`).
    pub path: String,
    /// The value (`None` for a missing member).
    pub value: Option<String>,
    /// The constraint, in AWS's words.
    pub constraint: String,
}

/// AWS's message: `1 validation error detected: Value 'x' at 'p' failed to satisfy constraint: ...`.
pub fn validation_message(v: &[Violation]) -> String {
    let items: Vec<String> = v
        .iter()
        .map(|x| match &x.value {
            Some(val) => format!(
                "Value '{val}' at '{}' failed to satisfy constraint: {}",
                x.path, x.constraint
            ),
            None => format!(
                "Value null at '{}' failed to satisfy constraint: {}",
                x.path, x.constraint
            ),
        })
        .collect();
    let head = if v.len() == 1 {
        "1 validation error detected: ".to_string()
    } else {
        format!("{} validation errors detected: ", v.len())
    };
    head + &items.join("; ")
}

/// Checks every rule of the API model and the documented character rules; returns every violation.
pub fn validate(r: &StartRequest) -> Vec<Violation> {
    let mut found = Found(Vec::new());
    found.name("domain", r.domain.as_deref(), 256);
    found.name("workflowId", r.workflow_id.as_deref(), 256);
    match &r.workflow_type {
        None => found.push("workflowType", None, "Member must not be null"),
        Some(t) => {
            found.name("workflowType.name", t.name.as_deref(), 256);
            found.name("workflowType.version", t.version.as_deref(), 64);
        }
    }
    if let Some(tl) = &r.task_list {
        found.name("taskList.name", tl.as_deref(), 256);
    }
    found.settings(r);
    found.tags(r.tag_list.as_deref());
    if let Some(l) = &r.lambda_role {
        if swf_len(l) < 1 {
            found.push(
                "lambdaRole",
                Some(l),
                "Member must have length greater than or equal to 1",
            );
        } else if swf_len(l) > 1600 {
            found.push(
                "lambdaRole",
                Some(l),
                "Member must have length less than or equal to 1600",
            );
        }
    }
    found.0
}

/// The violations found so far, in the order the members are checked.
struct Found(Vec<Violation>);

impl Found {
    /// Records one violation.
    fn push(&mut self, path: &str, value: Option<&str>, constraint: &str) {
        self.0.push(Violation {
            path: path.to_string(),
            value: value.map(str::to_string),
            constraint: constraint.to_string(),
        })
    }

    /// A name: present, 1 to `max` long, of the characters SWF allows.
    fn name(&mut self, path: &str, v: Option<&str>, max: usize) {
        match v {
            None => self.push(path, None, "Member must not be null"),
            Some(s) => {
                let len = swf_len(s);
                if len < 1 {
                    self.push(
                        path,
                        Some(s),
                        "Member must have length greater than or equal to 1",
                    );
                } else if len > max {
                    self.push(
                        path,
                        Some(s),
                        &format!("Member must have length less than or equal to {max}"),
                    );
                }
                if name_problem(s) {
                    self.push(path, Some(s), NAME_RULE);
                }
            }
        }
    }

    /// The priority, the input, the timeouts and the child policy, where given.
    fn settings(&mut self, r: &StartRequest) {
        if let Some(p) = &r.task_priority {
            if !priority_ok(p) {
                self.push(
                    "taskPriority",
                    Some(p),
                    "Member must be an integer between -2147483648 and 2147483647",
                );
            }
        }
        if let Some(i) = &r.input {
            if swf_len(i) > 32_768 {
                self.push(
                    "input",
                    Some(i),
                    "Member must have length less than or equal to 32768",
                );
            }
        }
        if let Some(d) = &r.execution_start_to_close_timeout {
            if let Some(p) = duration_problem(d, false, true) {
                self.push("executionStartToCloseTimeout", Some(d), p);
            }
        }
        if let Some(d) = &r.task_start_to_close_timeout {
            if let Some(p) = duration_problem(d, true, false) {
                self.push("taskStartToCloseTimeout", Some(d), p);
            }
        }
        if let Some(c) = &r.child_policy {
            if !CHILD_POLICIES.contains(&c.as_str()) {
                self.push(
                    "childPolicy",
                    Some(c),
                    "Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]",
                );
            }
        }
    }

    /// The tag list, where given: at most five tags, each at most 256 long.
    fn tags(&mut self, tags: Option<&[String]>) {
        let Some(tags) = tags else {
            return;
        };
        if tags.len() > 5 {
            let shown = format!("[{}]", tags.join(", "));
            self.push(
                "tagList",
                Some(&shown),
                "Member must have length less than or equal to 5",
            );
        }
        for (i, t) in tags.iter().enumerate() {
            if swf_len(t) > 256 {
                self.push(
                    &format!("tagList.{}.member", i + 1),
                    Some(t),
                    "Member must have length less than or equal to 256",
                );
            }
        }
    }
}
