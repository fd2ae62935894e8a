//! SWF015 `duplicate-condition-key-case`: Two keys under one operator differ only in case.
//!
//! ## What it does
//!
//! Reports the later key.
//!
//! ## Why is this bad?
//!
//! Condition key names are case-insensitive, so the two entries are the same key and IAM's handling
//! of them is not what either line says.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "a", "swf:tasklist.name": "b"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": ["a", "b"]}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `DUPLICATE_KEYS_WITH_DIFFERENT_CASE`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
