//! SWF013 `duplicate-sid`: Two statements of one policy share a `Sid`.
//!
//! ## What it does
//!
//! Reports the later statement's Sid.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Statement IDs (SID) in a single policy must be unique`).
//!
//! ## Example
//!
//! ```json
//! {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "*", "Resource": "*"}]}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `DUPLICATE_SID`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
