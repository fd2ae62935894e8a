//! SWF408 `equivalent-to-null-false`: `StringLike` with the value `*`: a test that the key exists.
//!
//! ## What it does
//!
//! Reports `StringLike` conditions whose value is exactly `*`.
//!
//! ## Why is this bad?
//!
//! `"StringLike": {"KEY": "*"}` holds whenever the key is present; `"Null": {"KEY": "false"}` says
//! so directly.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringLike": {"swf:taskList.name": "*"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"Null": {"swf:taskList.name": "false"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `EQUIVALENT_TO_NULL_FALSE`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Suggestion;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let op = c.operator.node;
            if op.base != BaseOp::StringLike || op.set.is_some() {
                continue;
            }
            for (v, raw) in c.values.iter().zip(&c.raw) {
                if raw == "*" {
                    out.push(format!("`{}` with `*` only tests that `{}` exists", op, c.key.node),
                        v.span,
                        format!("{}.Condition.{}.{}", cx.path_of(s), op, c.key.node),
                        Some(format!(
                            "write `\"Null\": {{\"{}\": \"false\"}}`",
                            c.key.node
                        )),
                    );
                }
            }
        }
    }
}
