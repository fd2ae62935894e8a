//! SWF301 `allow-with-not-action`: `Allow` with `NotAction`.
//!
//! ## What it does
//!
//! Reports Allow statements that use `NotAction`.
//!
//! ## Why is this bad?
//!
//! An Allow with NotAction grants every action of every service except the few listed, including
//! actions added to AWS later.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}
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
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, _) in cx.statements() {
        if s.effect.node == Effect::Allow && s.action.negated {
            out.push("`Allow` with `NotAction` grants every action not listed".into(),
                s.action.span,
                format!("{}.NotAction", cx.path_of(s)),
                Some("list the actions to allow in `Action`".into()),
            );
        }
    }
}
