//! SWF208 `set-operator-on-single-valued-key`: `ForAllValues:` or `ForAnyValue:` on a single-valued key.
//!
//! ## What it does
//!
//! Reports set qualifiers on SWF's keys (all single-valued) and on single-valued global keys.
//!
//! ## Why is this bad?
//!
//! Set operators compare sets of request values; on a single-valued key `ForAllValues:` is true
//! when the key is missing, which in an Allow grants more than intended.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"swf:taskList.name": "tl"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `FORALLVALUES_WITH_SINGLE_VALUED_KEY`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            if c.operator.node.set.is_some() && single_valued(&c.key.node) {
                out.push(format!(
                        "`{}` is single-valued: `{}` treats it as a set",
                        c.key.node, c.operator.node
                    ),
                    c.operator.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    Some("drop the `ForAllValues:`/`ForAnyValue:` qualifier".into()),
                );
            }
        }
    }
}
