//! SWF209 `tag-key-never-present`: A condition key AWS never includes in a StartWorkflowExecution call, in a statement that applies to it.
//!
//! ## What it does
//!
//! Reports, in statements whose actions include `swf:StartWorkflowExecution`, keys the key
//! catalogue says AWS never includes in that call: request tags (`aws:RequestTag/*`,
//! `aws:TagKeys`), keys only a service principal's calls carry (`aws:SourceArn`,
//! `aws:PrincipalServiceName`, ...), and keys whose supported services do not include SWF
//! (`aws:SourceVpcArn`, `aws:VpceAccount`, ...).
//!
//! ## Why is this bad?
//!
//! The key is never present for the call, so positive operators never hold and negated ones always
//! do. StartWorkflowExecution carries no request tags (its `tagList` is `swf:tagList.member.N`).
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
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.0": "team:orders"}, "Null": {"swf:tagList.member.1": "true"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`
//! - <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html>
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        if !applies_to_start(s) {
            continue;
        }
        for c in conds {
            let Some(g) = never_present(&c.key.node) else {
                continue;
            };
            let help = if g.name.starts_with("aws:RequestTag") || g.name == "aws:TagKeys" {
                "constrain the execution's tags with `swf:tagList.member.N`".to_string()
            } else {
                format!("AWS includes `{}` {}", g.name, g.availability.describe())
            };
            out.push(format!(
                    "`{}` is never present for swf:StartWorkflowExecution",
                    c.key.node
                ),
                c.key.span,
                format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                Some(help),
            );
        }
    }
}
