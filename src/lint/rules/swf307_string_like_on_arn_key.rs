//! SWF307 `string-like-on-arn-key`: A string operator on an ARN-valued key.
//!
//! ## What it does
//!
//! Reports `StringLike` and `StringNotLike` (with any qualifier or `IfExists`) on keys whose values
//! are ARNs (`aws:PrincipalArn`, `aws:SourceArn`, and keys named `...Arn`).
//!
//! ## Why is this bad?
//!
//! String wildcards cross ARN segments (`*` matches `:`), so `arn:aws:iam::*:role/x` also matches
//! unexpected ARNs; ARN operators match segment by segment.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy*"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy*"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let b = c.operator.node.base;
            if matches!(b, BaseOp::StringLike | BaseOp::StringNotLike) && arn_valued(&c.key.node) {
                out.push(format!(
                        "`{}` holds ARNs: use an ARN operator instead of `{}`",
                        c.key.node, c.operator.node
                    ),
                    c.key.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    Some(format!(
                        "write `{}`",
                        c.operator
                            .node
                            .to_string()
                            .replace("StringLike", "ArnLike")
                            .replace("StringNotLike", "ArnNotLike")
                    )),
                );
            }
        }
    }
}
