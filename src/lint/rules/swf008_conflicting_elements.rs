//! SWF008 `conflicting-elements`: `Action` with `NotAction`, or `Resource` with `NotResource`, in one statement.
//!
//! ## What it does
//!
//! Reports the second of two elements that exclude each other.
//!
//! ## Why is this bad?
//!
//! A statement has either a list of what it covers or a list of what it does not; IAM refuses both
//! at once.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:List*", "NotAction": "swf:ListDomains", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:List*", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `UNSUPPORTED_ELEMENT_COMBINATION`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
