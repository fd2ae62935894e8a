//! SWF205 `domain-arn-empty-region`: An SWF domain ARN with an empty region.
//!
//! ## What it does
//!
//! Reports SWF resources whose region segment is empty.
//!
//! ## Why is this bad?
//!
//! The Service Authorization Reference writes SWF's domain ARN without a region, but the ARN AWS
//! authorizes carries the region (`arn:aws:swf:us-east-1:...`); an empty segment matches only an
//! empty region, so the pattern never matches a domain, whatever wildcards it holds (no two
//! colons of a domain ARN are side by side): it grants or denies nothing in `Resource`, and
//! excludes nothing in `NotResource`.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf::123456789012:/domain/orders"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html>
//! - <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for_each_swf_arn(cx, false, |a, seg, span, path| {
        if empty_region(seg) {
            out.push(format!(
                    "`{}` has an empty region: it never matches a domain",
                    a.text
                ),
                span,
                path,
                Some("name the region, or `*` for every region".into()),
            );
        }
    });
}
