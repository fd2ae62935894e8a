//! SWF403 `redundant-resource`: A resource covered by another resource of the same statement.
//!
//! ## What it does
//!
//! Reports every resource of a statement that another resource's pattern covers, and the resource
//! that covers it.
//!
//! ## Why is this bad?
//!
//! Redundant entries make a policy longer and harder to review.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": ["arn:aws:swf:*:123456789012:/domain/*", "arn:aws:swf:*:123456789012:/domain/orders"]}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `REDUNDANT_RESOURCE`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Suggestion;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, _) in cx.statements() {
        let Some(r) = &s.resource else { continue };
        let texts: Vec<String> = r
            .node
            .items
            .iter()
            .map(|i| match &i.node {
                ResourceItem::Any => "*".to_string(),
                ResourceItem::Arn(a) => a.text.clone(),
            })
            .collect();
        let items: Vec<&str> = texts.iter().map(String::as_str).collect();
        for (i, j) in redundant_pairs(&items, false, true) {
            let name = resource_name(s);
            out.push(format!("`{}` is covered by `{}`", items[i], items[j]),
                r.node.items[i].span,
                format!("{}.{name}[{i}]", cx.path_of(s)),
                Some(format!("remove `{}`", items[i])),
            );
            out.push(format!("`{}` covers `{}`", items[j], items[i]),
                r.node.items[j].span,
                format!("{}.{name}[{j}]", cx.path_of(s)),
                None,
            );
        }
    }
}
