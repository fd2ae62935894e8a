//! SWF304 `first-tag-only`: A condition on `swf:tagList.member.0` that leaves tags 1–4 free.
//!
//! ## What it does
//!
//! Reports Allow statements that constrain `swf:tagList.member.0` but none of
//! `swf:tagList.member.1` to `.4`.
//!
//! ## Why is this bad?
//!
//! The SWF developer guide's own warning: only the first tag is checked, so a caller can add any
//! tags after it. Require `"Null": {"swf:tagList.member.1": "true"}` to allow one tag at most.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEqualsIfExists": {"swf:tagList.member.0": ["some_ok_tag", "another_ok_tag"]}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.0": ["some_ok_tag", "another_ok_tag"]}, "Null": {"swf:tagList.member.1": "true"}}}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::SecurityWarning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow {
            continue;
        }
        let Some(first) = conds.iter().find(|c| c.key_lower == "swf:taglist.member.0") else {
            continue;
        };
        let rest = conds.iter().any(|c| {
            matches!(
                c.key_lower.as_str(),
                "swf:taglist.member.1"
                    | "swf:taglist.member.2"
                    | "swf:taglist.member.3"
                    | "swf:taglist.member.4"
            )
        });
        if !rest {
            out.push("only the first tag is constrained: tags 1 to 4 may be anything".into(), first.key.span, format!("{}.Condition.{}", cx.path_of(s), first.operator.node), Some("add `\"Null\": {\"swf:tagList.member.1\": \"true\"}` (at most one tag) or constrain members 1 to 4".into()));
        }
    }
}
