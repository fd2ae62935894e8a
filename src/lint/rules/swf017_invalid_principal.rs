//! SWF017 `invalid-principal`: A principal IAM does not accept in a resource control policy.
//!
//! ## What it does
//!
//! Reports principals other than `*` and `{"AWS": ...}`.
//!
//! ## Why is this bad?
//!
//! Resource control policies name `"Principal": "*"`; anything else is refused.
//!
//! ## Example
//!
//! As a resource control policy (`--kind rcp`):
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": {"Service": "swf.amazonaws.com"}, "Action": "swf:*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "swf:*", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_PRINCIPAL`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
