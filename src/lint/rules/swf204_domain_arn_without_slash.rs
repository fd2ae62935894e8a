//! SWF204 `domain-arn-without-slash`: An SWF domain ARN without the `/` before `domain`.
//!
//! ## What it does
//!
//! Reports SWF resources whose resource part is `domain/NAME` rather than `/domain/NAME`.
//!
//! ## Why is this bad?
//!
//! SWF's domain ARNs are `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`; an old Service Authorization
//! Reference page wrote them without the slash. Such a pattern never matches a domain.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:domain/orders"}}
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
    code: "SWF204",
    name: "domain-arn-without-slash",
    severity: Severity::Warning,
    summary: "An SWF domain ARN without the `/` before `domain`.",
    what: "Reports SWF resources whose resource part is `domain/NAME` rather than `/domain/NAME`.",
    why: "SWF's domain ARNs are `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`; an old Service Authorization Reference page wrote them without the slash. Such a pattern never matches a domain.",
    example: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"arn:aws:swf:us-east-1:123456789012:domain/orders\"}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"arn:aws:swf:us-east-1:123456789012:/domain/orders\"}}",
    references: &["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for_each_swf_arn(cx, false, |a, seg, span, path| {
        if seg.len() == 6 && seg[5].starts_with("domain/") {
            out.push(finding(
                &META,
                format!(
                    "`{}` lacks the `/` before `domain`: it never matches a domain",
                    a.text
                ),
                span,
                path,
                Some(format!(
                    "write `{}`",
                    a.text.replacen(":domain/", ":/domain/", 1)
                )),
            ));
        }
    });
}
