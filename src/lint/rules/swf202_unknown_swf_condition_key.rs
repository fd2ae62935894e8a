//! SWF202 `unknown-swf-condition-key`: An `swf:` condition key that does not exist.
//!
//! ## What it does
//!
//! Reports `swf:` keys that are not among SWF's condition keys (`swf:tagList.member.0`–`4`,
//! `swf:taskList.name`, `swf:workflowType.name`, ...), with the closest key as a hint.
//!
//! ## Why is this bad?
//!
//! No request ever carries the key: a positive operator on it never holds, a negated one always
//! does. `swf:tagList.member.5` does not exist because a start carries at most five tags.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.5": "x"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.4": "x"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_SERVICE_CONDITION_KEY`
//! - <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.api.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    let keys: Vec<&str> = CONDITION_KEYS
        .iter()
        .copied()
        .filter(|k| k.starts_with("swf:"))
        .collect();
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let k = &c.key.node;
            if !crate::request::starts_with_ignore_case(k, "swf:")
                || keys.iter().any(|x| x.eq_ignore_ascii_case(k))
            {
                continue;
            }
            let help = did_you_mean(k, &keys).map(|s| format!("did you mean `{s}`?"));
            out.push(format!("`{k}` is not an SWF condition key"),
                c.key.span,
                format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                help,
            );
        }
    }
}
