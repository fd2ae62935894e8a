//! SWF207 `domain-arn-never-matches`: An SWF resource pattern that can never match a domain ARN.
//!
//! ## What it does
//!
//! Reports, in statements whose actions include SWF actions, resources that match no domain
//! ARN, `arn:PARTITION:swf:REGION:ACCOUNT:/domain/NAME`: a partition other than `aws`, `aws-cn`
//! and `aws-us-gov`, a service other than `swf`, a region that is not lower-case letters, digits
//! and `-`, an account that is not 12 digits, a resource part that cannot start with `/domain/`,
//! or a name no domain can have. SWF domain names are 1 to 256 characters, none of them `:`,
//! `/`, `|` or a control character, and never `arn`: S3-style `/domain/orders/*` matches no
//! domain. A resource whose service segment is not `swf` (a wildcard, or another service's such
//! as `arn:aws:s3:::bucket/*`) is reported only when every action of its statement is an SWF
//! action (`swf:*` and `swf:Start*` are; `*` and `s3:*` are not), and another service's only
//! in `Resource`: in `NotResource` it excludes what such a statement never touches anyway.
//! Resources that SWF204, SWF205, SWF206, SWF102 or SWF103 report are left to them.
//!
//! ## Why is this bad?
//!
//! Only domains are SWF resources. A pattern that matches no domain ARN grants or denies nothing
//! in `Resource`, and excludes nothing in `NotResource`; `swfsim check` proves the same.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders/*"}}
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
//! - <https://docs.aws.amazon.com/amazonswf/latest/apireference/API_RegisterDomain.html>

use super::*;
use crate::lint::domain_arn::{domain_mismatch, Mismatch};

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    // The statement's actions, judged once for all its resources.
    let mut actions: Option<(*const Statement, SwfActions)> = None;
    for_each_arn(cx, |s, a, seg, span, path| {
        let judged = match actions {
            Some((at, judged)) if std::ptr::eq(at, s) => judged,
            _ => actions.insert((s, swf_actions(s))).1,
        };
        let for_swf = match seg.get(2) {
            Some(&"swf") => judged != SwfActions::None,
            Some(service) if Pattern::wildcard(service, false).matches("swf") => {
                judged == SwfActions::Only
            }
            // Another service's resource: it grants or denies nothing in a statement only for
            // SWF, and excludes what the statement never touches anyway in `NotResource`.
            _ => judged == SwfActions::Only && resource_name(s) == "Resource",
        };
        if !for_swf || reported_by_another_rule(a, seg) {
            return;
        }
        let Some(m) = domain_mismatch(a) else { return };
        let why = match m {
            Mismatch::Parts => "it has fewer than six colon-separated parts",
            Mismatch::Partition => "SWF runs only in the partitions `aws`, `aws-cn` and `aws-us-gov`",
            Mismatch::Service => "its service is not `swf`",
            Mismatch::Region => "its region is not lower-case letters, digits and `-`",
            Mismatch::Account => "its account is not 12 digits",
            Mismatch::Resource => "its resource part does not start with `/domain/`",
            Mismatch::Name => {
                "no domain name fits it (a name is 1 to 256 characters without `:`, `/`, `|` or control characters, and not `arn`)"
            }
        };
        out.push(
            format!("`{}` never matches an SWF domain: {why}", a.text),
            span,
            path,
            Some("SWF's resources are domains: `arn:PARTITION:swf:REGION:ACCOUNT:/domain/NAME`".into()),
        );
    });
}

/// Which SWF actions a statement's actions take in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SwfActions {
    /// None.
    None,
    /// Some, with other services' actions or a `NotAction`.
    Some,
    /// Some, and only SWF's (every `Action` is `swf:...`).
    Only,
}

/// Which SWF actions a statement's actions take in: with a wildcard service segment, a resource
/// is SWF's only when they are all SWF's (it may be another service's otherwise).
fn swf_actions(s: &Statement) -> SwfActions {
    let patterns = action_patterns(s);
    let taken = |name: &str| {
        let action = format!("swf:{name}");
        patterns.iter().any(|p| p.matches(&action)) != s.action.negated
    };
    if !ACTIONS.iter().any(|(name, _)| taken(name)) {
        return SwfActions::None;
    }
    if !s.action.negated && only_swf_items(s) {
        SwfActions::Only
    } else {
        SwfActions::Some
    }
}

/// Whether another rule reports the resource's mistake: a variable outside the resource part
/// (SWF102) or without `Version` (SWF103), or SWF204's, SWF205's or SWF206's mistake.
fn reported_by_another_rule(a: &crate::arn::ArnPattern, seg: &[&str]) -> bool {
    let misplaced_variable = has_variable(&a.text)
        && (!a.has_variables() || seg.iter().take(5).any(|x| x.contains("${")));
    misplaced_variable
        || (swf_service(seg, false) && (lacks_domain_slash(seg) || empty_region(seg)))
        || (swf_service(seg, true) && upper_case_before_resource(seg))
}
