//! SWF302 `allow-with-not-resource`: `Allow` with `NotResource`.
//!
//! ## What it does
//!
//! Reports Allow statements that use `NotResource`.
//!
//! ## Why is this bad?
//!
//! An Allow with NotResource grants the actions on every resource except those listed, including
//! domains created later.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "NotResource": "arn:aws:swf:*:123456789012:/domain/prod"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/dev-*"}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, _) in cx.statements() {
        if s.effect.node == Effect::Allow {
            if let Some(r) = s.resource.as_ref().filter(|r| r.node.negated) {
                out.push("`Allow` with `NotResource` grants every resource not listed".into(),
                    r.span,
                    format!("{}.NotResource", cx.path_of(s)),
                    Some("list the domains to allow in `Resource`".into()),
                );
            }
        }
    }
}
