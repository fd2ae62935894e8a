//! SWF404 `statement-never-applies`: A statement that can never apply.
//!
//! ## What it does
//!
//! Reports Allow statements whose every action and resource an unconditional Deny of the same
//! policy covers, and statements whose conditions contradict each other (a key required absent by
//! `Null` and compared by a positive operator; `StringEquals` and `StringNotEquals` on the same
//! values).
//!
//! ## Why is this bad?
//!
//! The statement does nothing; its author probably expected it to grant or deny something.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}, {"Effect": "Deny", "Action": "swf:*", "Resource": "*"}]}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}, {"Effect": "Deny", "Action": "swf:Delete*", "Resource": "*"}]}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for d in &cx.lowered.documents {
        // Only an unconditional Deny can shadow: found once, not once per Allow.
        let denies: Vec<&Statement> = d
            .statements
            .iter()
            .filter(|x| x.effect.node == Effect::Deny && x.conditions.is_empty())
            .collect();
        for s in &d.statements {
            let p = cx.path_of(s);
            if s.effect.node == Effect::Allow {
                if let Some(deny) = denies.iter().find(|x| shadows(x, s)) {
                    out.push(format!("an unconditional Deny (statement {}) covers every action and resource of this Allow", deny.index), s.span, p.clone(), None);
                }
            }
        }
    }
    for (_, s, conds) in cx.statements() {
        if let Some(why) = contradiction(conds) {
            out.push(format!("the conditions contradict each other: {why}"),
                s.condition_span.unwrap_or(s.span),
                format!("{}.Condition", cx.path_of(s)),
                None,
            );
        }
    }
}
