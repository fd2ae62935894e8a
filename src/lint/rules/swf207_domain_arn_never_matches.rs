//! SWF207 `domain-arn-never-matches`: An SWF resource pattern that can never match a domain ARN.
//!
//! ## What it does
//!
//! Reports SWF resources whose partition is not `aws`, `aws-cn` or `aws-us-gov`, whose account is
//! not 12 digits, or whose resource part cannot begin with `/domain/`, where no wildcard could make
//! up for it.
//!
//! ## Why is this bad?
//!
//! Only domains are SWF resources; a pattern that cannot match
//! `arn:PARTITION:swf:REGION:ACCOUNT:/domain/NAME` grants or denies nothing.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/workflow/orders"}}
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
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for_each_swf_arn(cx, false, |a, seg, span, path| {
        if let Some(why) = never_matches_domain(seg) {
            out.push(format!("`{}` never matches a domain: {why}", a.text),
                span,
                path,
                None,
            );
        }
    });
}
