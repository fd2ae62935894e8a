//! SWF014 `unknown-operator`: A condition operator IAM does not know.
//!
//! ## What it does
//!
//! Reports operator names that are not one of IAM's operators with optional
//! `ForAllValues:`/`ForAnyValue:` and `IfExists`; names are case-sensitive, and `Null` takes
//! neither `IfExists` nor a set qualifier.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Invalid Condition type : stringEquals`); `NullIfExists` is always true or
//! always false.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"stringEquals": {"swf:taskList.name": "tl"}}}}
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
//! - IAM Access Analyzer policy check `INVALID_CONDITION_TYPE, NULL_WITH_IF_EXISTS`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
