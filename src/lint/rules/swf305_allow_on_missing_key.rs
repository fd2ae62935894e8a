//! SWF305 `allow-on-missing-key`: A negated operator or `...IfExists` in an Allow, on a key that may be missing.
//!
//! ## What it does
//!
//! Reports Allow statements whose conditions use a negated operator (`StringNotEquals`,
//! `ArnNotLike`, ...) or an `IfExists` operator on a key a request may not carry: SWF's tag and
//! task-list keys, and global keys that are not always present.
//!
//! ## Why is this bad?
//!
//! When the key is missing the condition holds, so the Allow grants to requests that say nothing: a
//! start without a task list (and no type default), or a caller without the tag.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringNotEquals": {"swf:taskList.name": "admin-tl"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "orders-tl"}}}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists>

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
            let op = c.operator.node;
            if op.set.is_some() || op.base == BaseOp::Null || !may_be_missing(&c.key.node) {
                continue;
            }
            if op.negated() || op.if_exists {
                let why = if op.if_exists {
                    "`IfExists` holds"
                } else {
                    "a negated operator holds"
                };
                out.push(format!("when `{}` is missing {why}, and this Allow applies", c.key.node), c.operator.span, format!("{}.Condition.{}", cx.path_of(s), op), Some(format!("require the key with a positive operator, or add `\"Null\": {{\"{}\": \"false\"}}`", c.key.node)));
            }
        }
    }
}
