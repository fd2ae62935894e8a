//! SWF402 `redundant-action`: An action covered by another action of the same statement.
//!
//! ## What it does
//!
//! Reports every action of a statement that another action's pattern covers, and the action that
//! covers it.
//!
//! ## Why is this bad?
//!
//! Redundant entries make a policy longer (policies have a size quota) and harder to review.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["swf:Describe*", "swf:DescribeDomain"], "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:Describe*", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `REDUNDANT_ACTION`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Suggestion;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, _) in cx.statements() {
        let items: Vec<&str> = s.action.items.iter().map(|a| a.node.as_str()).collect();
        for (i, j) in redundant_pairs(&items, true, false) {
            let (a, b) = (&s.action.items[i], &s.action.items[j]);
            out.push(format!("`{}` is covered by `{}`", a.node, b.node),
                a.span,
                format!("{}.{}[{i}]", cx.path_of(s), action_name(s)),
                Some(format!("remove `{}`", a.node)),
            );
            out.push(format!("`{}` covers `{}`", b.node, a.node),
                b.span,
                format!("{}.{}[{j}]", cx.path_of(s), action_name(s)),
                None,
            );
        }
    }
}
