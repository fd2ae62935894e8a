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

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF206",
    name: "arn-uppercase-segment",
    severity: Severity::Warning,
    summary: "Upper-case letters in an ARN's partition, service, region or account.",
    what: "Reports SWF resources with upper-case letters before the resource part.",
    why: "These segments are lower case in every real ARN and swfsim compares them case-sensitively, so the pattern never matches.",
    example: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"arn:aws:swf:US-EAST-1:123456789012:/domain/orders\"}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"arn:aws:swf:us-east-1:123456789012:/domain/orders\"}}",
    references: &["IAM Access Analyzer policy check `INVALID_ARN_SERVICE_CASE`"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for_each_swf_arn(cx, true, |a, seg, span, path| {
        let upper = seg
            .iter()
            .take(5)
            .any(|x| x.chars().any(|c| c.is_ascii_uppercase()));
        if upper {
            out.push(finding(
                &META,
                format!(
                    "`{}` has upper-case letters before the resource part",
                    a.text
                ),
                span,
                path,
                Some("write the partition, service, region and account in lower case".into()),
            ));
        }
    });
}
