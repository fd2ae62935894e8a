//! SWF201 `unknown-swf-action`: An `swf:` action that does not exist.
//!
//! ## What it does
//!
//! Reports `swf:` actions that name none of SWF's 51 actions (compared without regard to case), and
//! `swf:` patterns that match none, with the closest action as a hint.
//!
//! ## Why is this bad?
//!
//! IAM accepts unknown actions silently; the statement never grants or denies what its author
//! meant.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecutions", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_ACTION`
//! - <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    let names: Vec<String> = ACTIONS.iter().map(|(n, _)| format!("swf:{n}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for (_, s, _) in cx.statements() {
        for (i, a) in s.action.items.iter().enumerate() {
            let Some((svc, _)) = a.node.split_once(':') else {
                continue;
            };
            if !svc.eq_ignore_ascii_case("swf") {
                continue;
            }
            let p = Pattern::wildcard(&a.node, true);
            if refs.iter().any(|n| p.matches(n)) {
                continue;
            }
            let help = did_you_mean(&a.node, &refs).map(|s| format!("did you mean `{s}`?"));
            let what = if p.has_wildcard() {
                "matches no SWF action"
            } else {
                "is not an SWF action"
            };
            out.push(format!("`{}` {what}", a.node),
                a.span,
                format!("{}.{}[{i}]", cx.path_of(s), action_name(s)),
                help,
            );
        }
    }
}
