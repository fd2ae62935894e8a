//! SWF011 `invalid-resource-format`: A resource that is neither `*` nor an ARN.
//!
//! ## What it does
//!
//! Reports resources that do not start with `arn:`.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Resource must be in ARN format or "*"`). An SWF domain is
//! `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "orders"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_ARN`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
