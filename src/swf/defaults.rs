//! Step 4 of a start: each setting from the request, else from the workflow type's default;
//! a required one with neither is a `DefaultUndefinedFault`.

use super::faults::Refusal;
use super::outcome::{Outcome, SettingSource};
use super::world::WorkflowType;
use crate::request::StartRequest;

/// The settings of a start, resolved.
pub(super) struct Settings {
    /// `executionStartToCloseTimeout`.
    pub(super) execution_start_to_close_timeout: String,
    /// `taskList.name`.
    pub(super) task_list: String,
    /// `taskStartToCloseTimeout`.
    pub(super) task_start_to_close_timeout: String,
    /// `childPolicy`.
    pub(super) child_policy: String,
    /// `taskPriority` (`0` when neither the request nor the type sets one).
    pub(super) task_priority: String,
    /// `lambdaRole`, when the request or the type names one.
    pub(super) lambda_role: Option<String>,
    /// Where each setting came from, in the order resolved.
    pub(super) sources: Vec<(&'static str, SettingSource)>,
}

/// Resolves the settings of a start of type `wt` (`tname`, `tversion`), in SWF's order.
pub(super) fn resolve(
    request: &StartRequest,
    wt: &WorkflowType,
    tname: &str,
    tversion: &str,
) -> Result<Settings, Refusal> {
    let mut sources = Vec::new();
    let mut pick = |name: &'static str, req: Option<&str>, def: Option<&str>| -> Option<String> {
        match (req.filter(|s| !s.is_empty()), def) {
            (Some(v), _) => {
                sources.push((name, SettingSource::Request));
                Some(v.to_string())
            }
            (None, Some(d)) => {
                sources.push((name, SettingSource::TypeDefault));
                Some(d.to_string())
            }
            (None, None) => None,
        }
    };
    // Each setting: its member, the request's value, the type's default; the first four are
    // required, in the order SWF checks them.
    let members = [
        (
            "executionStartToCloseTimeout",
            request.execution_start_to_close_timeout.as_deref(),
            wt.default_execution_start_to_close_timeout.as_deref(),
        ),
        (
            "taskList",
            request.task_list_name(),
            wt.default_task_list.as_deref(),
        ),
        (
            "taskStartToCloseTimeout",
            request.task_start_to_close_timeout.as_deref(),
            wt.default_task_start_to_close_timeout.as_deref(),
        ),
        (
            "childPolicy",
            request.child_policy.as_deref(),
            wt.default_child_policy.as_deref(),
        ),
        (
            "taskPriority",
            request.task_priority.as_deref(),
            wt.default_task_priority.as_deref(),
        ),
        (
            "lambdaRole",
            request.lambda_role.as_deref(),
            wt.default_lambda_role.as_deref(),
        ),
    ];
    let [estc, task_list, tstc, child, priority, lambda] =
        members.map(|(name, req, def)| pick(name, req, def));
    let missing = [&estc, &task_list, &tstc, &child]
        .iter()
        .position(|v| v.is_none())
        .map(|i| members[i].0);
    if let Some(member) = missing {
        let default_name = format!(
            "default{}{}",
            member[..1].to_ascii_uppercase(),
            &member[1..]
        );
        return Err(Refusal::new(
            Outcome::DefaultUndefinedFault,
            member.to_string(),
            format!("the request has no `{member}` and workflow type `{tname}` version `{tversion}` registered no `{default_name}`"),
        ));
    }
    if priority.is_none() {
        sources.push(("taskPriority", SettingSource::ServiceDefault));
    }
    Ok(Settings {
        execution_start_to_close_timeout: estc.unwrap_or_default(),
        task_list: task_list.unwrap_or_default(),
        task_start_to_close_timeout: tstc.unwrap_or_default(),
        child_policy: child.unwrap_or_default(),
        task_priority: priority.unwrap_or_else(|| "0".to_string()),
        lambda_role: lambda,
        sources,
    })
}
