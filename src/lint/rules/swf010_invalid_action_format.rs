//! SWF010 `invalid-action-format`: An action that is not `*` or `service:ActionName`.
//!
//! ## What it does
//!
//! Reports actions without a colon, with more than one colon, or with an empty service or name,
//! and actions with leading or trailing whitespace or a control character.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Actions/Condition can contain only one colon`).
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:Start:Workflow", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF010",
    name: "invalid-action-format",
    severity: Severity::Error,
    summary: "An action that is not `*` or `service:ActionName`.",
    what: "Reports actions without a colon, with more than one colon, or with an empty service or name, and actions with leading or trailing whitespace or a control character.",
    why: "IAM refuses it (`Actions/Condition can contain only one colon`).",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:Start:Workflow\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `INVALID_ACTION_FORMAT`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
