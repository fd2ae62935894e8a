//! SWF406 `wildcard-without-like`: `*` or `?` in a value of an operator that does not take wildcards.
//!
//! ## What it does
//!
//! Reports values with `*` or `?` under `StringEquals`, `StringNotEquals` and their `IgnoreCase`
//! forms.
//!
//! ## Why is this bad?
//!
//! Those operators compare literally: `orders-*` matches only the text `orders-*`.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "orders-*"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringLike": {"swf:taskList.name": "orders-*"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `WILDCARD_WITHOUT_LIKE_OPERATOR`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            if c.operator.node.base.family() != Family::String || c.operator.node.base.wildcards() {
                continue;
            }
            for (v, raw) in c.values.iter().zip(&c.raw) {
                let plain = raw.replace("${*}", "").replace("${?}", "");
                if plain.contains(['*', '?']) {
                    out.push(format!("`{}` compares `{raw}` literally", c.operator.node),
                        v.span,
                        format!(
                            "{}.Condition.{}.{}",
                            cx.path_of(s),
                            c.operator.node,
                            c.key.node
                        ),
                        Some(format!(
                            "use `{}`",
                            c.operator
                                .node
                                .to_string()
                                .replace("StringEqualsIgnoreCase", "StringLike")
                                .replace("StringNotEqualsIgnoreCase", "StringNotLike")
                                .replace("StringEquals", "StringLike")
                                .replace("StringNotEquals", "StringNotLike")
                        )),
                    );
                }
            }
        }
    }
}
