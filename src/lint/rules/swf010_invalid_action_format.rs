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
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:Start:Workflow", "Resource": "*"}}
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
//! - IAM Access Analyzer policy check `INVALID_ACTION_FORMAT`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
