//! SWF016 `invalid-condition-key-format`: A condition key that is not `prefix:name`.
//!
//! ## What it does
//!
//! Reports keys without a colon or with an empty prefix.
//!
//! ## Why is this bad?
//!
//! No request carries such a key; the condition never holds as written.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"taskList": "tl"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_CONDITION_KEY_FORMAT`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
