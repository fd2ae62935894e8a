//! SWF018 `unclosed-variable`: A policy variable opened with `${` and never closed.
//!
//! ## What it does
//!
//! Reports a `${` with no `}` after it in a resource or a condition value of a policy with `"Version": "2012-10-17"`, where IAM reads policy variables.
//!
//! ## Why is this bad?
//!
//! The text is neither a variable nor literal text IAM would read as written; swfsim refuses to guess what it matches (AWS's behaviour is not documented).
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `MISSING_BRACE_IN_VARIABLE`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
