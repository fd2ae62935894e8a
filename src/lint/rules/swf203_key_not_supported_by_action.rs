//! SWF203 `key-not-supported-by-action`: An `swf:` condition key that none of the statement's SWF actions supports.
//!
//! ## What it does
//!
//! For statements whose `Action` lists only SWF actions, reports `swf:` keys that none of those
//! actions carries (for example `swf:activityType.name` on `swf:StartWorkflowExecution`).
//!
//! ## Why is this bad?
//!
//! The key is never present for those actions: a positive operator never holds, a negated one
//! always does.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:activityType.name": "x", "swf:typeFilter.version": "1"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:workflowType.name": "x", "swf:workflowType.version": "1"}}}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.api.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        if s.action.negated || s.action.items.is_empty() {
            continue;
        }
        if !only_swf_items(s) {
            continue;
        }
        let pats = action_patterns(s);
        let actions: Vec<&(&str, &[&str])> = ACTIONS
            .iter()
            .filter(|(n, _)| pats.iter().any(|p| p.matches(&format!("swf:{n}"))))
            .collect();
        if actions.is_empty() {
            continue;
        }
        for c in conds {
            let k = &c.key.node;
            let known = CONDITION_KEYS.iter().any(|x| x.eq_ignore_ascii_case(k));
            if !known || !k.to_ascii_lowercase().starts_with("swf:") {
                continue;
            }
            if !actions
                .iter()
                .any(|(_, keys)| keys.iter().any(|x| x.eq_ignore_ascii_case(k)))
            {
                let names: Vec<String> = actions
                    .iter()
                    .take(3)
                    .map(|(n, _)| format!("swf:{n}"))
                    .collect();
                let mut supported: Vec<&str> = actions
                    .iter()
                    .flat_map(|(_, keys)| keys.iter().copied())
                    .collect();
                supported.sort_unstable();
                supported.dedup();
                // These are real keys of other actions: suggest the supported keys with the same
                // final part (`swf:typeFilter.version` -> `swf:workflowType.version`).
                let last = |x: &str| x.rsplit('.').next().unwrap_or(x).to_ascii_lowercase();
                let same: Vec<String> = supported
                    .iter()
                    .filter(|x| last(x) == last(k))
                    .map(|x| format!("`{x}`"))
                    .collect();
                let help = match same.len() {
                    0 => did_you_mean(k, &supported).map(|x| format!("did you mean `{x}`?")),
                    1 => Some(format!("did you mean {}?", same[0])),
                    _ => Some(format!("did you mean one of {}?", same.join(", "))),
                };
                out.push(format!("`{k}` is never present for {}", names.join(", ")),
                    c.key.span,
                    format!("{}.Condition.{}", cx.path_of(s), c.operator.node),
                    help,
                );
            }
        }
    }
}
