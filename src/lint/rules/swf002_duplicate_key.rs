//! SWF002 `duplicate-key`: An object holds the same key twice.
//!
//! ## What it does
//!
//! Reports every repeated key of a JSON object, at the later occurrence.
//!
//! ## Why is this bad?
//!
//! IAM's grammar forbids it, and tools disagree on which value wins: a reviewer may read one
//! `Effect` while AWS applies the other.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `DUPLICATE_KEYS`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
