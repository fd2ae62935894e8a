//! SWF104 `missing-qualifier`: A multivalued key under an operator without `ForAllValues:` or `ForAnyValue:`.
//!
//! ## What it does
//!
//! Reports operators without a set qualifier on the multivalued global keys `aws:CalledVia`,
//! `aws:PrincipalOrgPaths`, `aws:PrincipalServiceNamesList`, `aws:ResourceOrgPaths`,
//! `aws:SourceOrgPaths` and `aws:TagKeys`.
//!
//! ## Why is this bad?
//!
//! How IAM compares a set of values with a plain operator is undocumented; swfsim evaluates it as
//! `ForAnyValue:`, which may not be what was meant.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `MISSING_QUALIFIER`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let multi = global_key(&c.key.node).is_some_and(|(_, _, m)| m);
            if multi && c.operator.node.set.is_none() && c.operator.node.base != BaseOp::Null {
                out.push(format!(
                        "`{}` is multivalued: qualify `{}` with `ForAllValues:` or `ForAnyValue:`",
                        c.key.node, c.operator.node
                    ),
                    c.key.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    None,
                );
            }
        }
    }
}
