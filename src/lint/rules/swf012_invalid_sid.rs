//! SWF012 `invalid-sid`: A `Sid` with characters other than ASCII letters and digits.
//!
//! ## What it does
//!
//! Reports Sids that do not match `[0-9A-Za-z]*`.
//!
//! ## Why is this bad?
//!
//! IAM refuses it in identity policies (`Statement IDs (SID) must be alpha-numeric`).
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Sid": "start-orders", "Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Sid": "StartOrders", "Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_SID`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
