//! SWF206 `arn-uppercase-segment`: Upper-case letters in an ARN's partition, service, region or account.
//!
//! ## What it does
//!
//! Reports SWF resources with upper-case letters before the resource part.
//!
//! ## Why is this bad?
//!
//! These segments are lower case in every real ARN and swfsim compares them case-sensitively, so
//! the pattern never matches.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:US-EAST-1:123456789012:/domain/orders"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_ARN_SERVICE_CASE`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for_each_swf_arn(cx, true, |a, seg, span, path| {
        if upper_case_before_resource(seg) {
            out.push(format!(
                    "`{}` has upper-case letters before the resource part",
                    a.text
                ),
                span,
                path,
                Some("write the partition, service, region and account in lower case".into()),
            );
        }
    });
}
