//! SWF306 `forallvalues-allow-on-missing-key`: `ForAllValues:` in an Allow on a key that may be missing.
//!
//! ## What it does
//!
//! Reports Allow statements with `ForAllValues:` conditions on keys a request may not carry.
//!
//! ## Why is this bad?
//!
//! `ForAllValues:` is true when the key is missing (the empty set is a subset of anything), so the
//! Allow grants to requests without the key.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:TagResource", "Resource": "arn:aws:swf:*:123456789012:/domain/*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:TagResource", "Resource": "arn:aws:swf:*:123456789012:/domain/*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}, "Null": {"aws:TagKeys": "false"}}}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow {
            continue;
        }
        for c in conds {
            if c.operator.node.set != Some(SetQualifier::ForAllValues)
                || !may_be_missing(&c.key.node)
            {
                continue;
            }
            let guarded = conds.iter().any(|o| {
                o.key_lower == c.key_lower
                    && o.operator.node.base == BaseOp::Null
                    && o.raw.iter().all(|v| v.eq_ignore_ascii_case("false"))
            });
            if !guarded {
                out.push(format!(
                        "`{}` holds when `{}` is missing, and this Allow applies",
                        c.operator.node, c.key.node
                    ),
                    c.operator.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    Some(format!("add `\"Null\": {{\"{}\": \"false\"}}`", c.key.node)),
                );
            }
        }
    }
}
