//! SWF303 `allow-all-swf`: `Allow` of `swf:*` or `*` on every resource without conditions.
//!
//! ## What it does
//!
//! Reports unconditional Allow statements whose actions include `*` or `swf:*` and whose resources
//! include `*`, in identity-based policies: the only type that grants. An SCP, RCP, boundary or
//! session policy that allows everything limits nothing, which is what AWS attaches by default
//! (`FullAWSAccess`, `RCPFullAWSAccess`).
//!
//! ## Why is this bad?
//!
//! It grants every SWF action (starting, signalling and terminating any workflow, deprecating
//! domains) in every domain; `*` grants every action of every service besides.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["swf:StartWorkflowExecution", "swf:Describe*"], "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    if cx.kind != PolicyKind::Identity {
        return;
    }
    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow || s.action.negated || !conds.is_empty() {
            continue;
        }
        let broad = s
            .action
            .items
            .iter()
            .find(|a| a.node == "*" || a.node.eq_ignore_ascii_case("swf:*"));
        let all = s.resource.as_ref().is_some_and(|r| {
            !r.node.negated
                && r.node
                    .items
                    .iter()
                    .any(|i| matches!(i.node, ResourceItem::Any))
        });
        if let (Some(a), true) = (broad, all) {
            let grants = if a.node == "*" {
                "every action of every service on every resource, SWF's in every domain among them"
            } else {
                "every SWF action in every domain"
            };
            out.push(
                format!("`{}` on `*` grants {grants}", a.node),
                a.span,
                format!("{}.Action", cx.path_of(s)),
                Some("list the actions and domains the caller needs".into()),
            );
        }
    }
}
