//! SWF204 `domain-arn-without-slash`: An SWF domain ARN without the `/` before `domain`.
//!
//! ## What it does
//!
//! Reports SWF resources whose resource part is `domain/NAME` rather than `/domain/NAME`.
//!
//! ## Why is this bad?
//!
//! SWF's domain ARNs are `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`; an old Service Authorization
//! Reference page wrote them without the slash. Such a pattern never matches a domain, whatever
//! wildcards it holds (a domain ARN has five colons, and `/domain/` after the fifth): it grants
//! or denies nothing in `Resource`, and excludes nothing in `NotResource`.
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
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for_each_swf_arn(cx, false, |a, seg, span, path| {
        if lacks_domain_slash(seg) {
            out.push(format!(
                    "`{}` lacks the `/` before `domain`: it never matches a domain",
                    a.text
                ),
                span,
                path,
                Some(format!(
                    "write `{}`",
                    a.text.replacen(":domain/", ":/domain/", 1)
                )),
            );
        }
    });
}
