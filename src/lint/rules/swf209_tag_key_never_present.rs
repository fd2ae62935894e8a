//! SWF209 `tag-key-never-present`: `aws:RequestTag/*` or `aws:TagKeys` in a statement that applies to StartWorkflowExecution.
//!
//! ## What it does
//!
//! Reports request-tag keys in statements whose actions include `swf:StartWorkflowExecution`.
//!
//! ## Why is this bad?
//!
//! StartWorkflowExecution carries no request tags (its `tagList` is `swf:tagList.member.N`): the
//! key is never present, so positive operators never hold and negated ones always do.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestTag/team": "orders"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.0": "team:orders"}}}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF209",
    name: "tag-key-never-present",
    severity: Severity::Warning,
    summary: "`aws:RequestTag/*` or `aws:TagKeys` in a statement that applies to StartWorkflowExecution.",
    what: "Reports request-tag keys in statements whose actions include `swf:StartWorkflowExecution`.",
    why: "StartWorkflowExecution carries no request tags (its `tagList` is `swf:tagList.member.N`): the key is never present, so positive operators never hold and negated ones always do.",
    example: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:RequestTag/team\": \"orders\"}}}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"swf:tagList.member.0\": \"team:orders\"}}}}",
    references: &["IAM Access Analyzer policy check `ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`", "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for (_, s, conds) in cx.statements() {
        if !applies_to_start(s) {
            continue;
        }
        for c in conds {
            let k = c.key.node.to_ascii_lowercase();
            if k.starts_with("aws:requesttag/") || k == "aws:tagkeys" {
                out.push(finding(
                    &META,
                    format!(
                        "`{}` is never present for swf:StartWorkflowExecution",
                        c.key.node
                    ),
                    c.key.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    Some("constrain the execution's tags with `swf:tagList.member.N`".into()),
                ));
            }
        }
    }
}
