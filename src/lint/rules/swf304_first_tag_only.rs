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
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEqualsIfExists": {"swf:tagList.member.0": ["some_ok_tag", "another_ok_tag"]}, "Null": {"swf:tagList.member.1": "true"}}}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF304",
    name: "first-tag-only",
    severity: Severity::SecurityWarning,
    summary: "A condition on `swf:tagList.member.0` that leaves tags 1–4 free.",
    what: "Reports Allow statements that constrain `swf:tagList.member.0` but none of `swf:tagList.member.1` to `.4`.",
    why: "The SWF developer guide's own warning: only the first tag is checked, so a caller can add any tags after it. Require `\"Null\": {\"swf:tagList.member.1\": \"true\"}` to allow one tag at most.",
    example: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"*\", \"Condition\": {\"StringEqualsIfExists\": {\"swf:tagList.member.0\": [\"some_ok_tag\", \"another_ok_tag\"]}}}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:StartWorkflowExecution\", \"Resource\": \"*\", \"Condition\": {\"StringEqualsIfExists\": {\"swf:tagList.member.0\": [\"some_ok_tag\", \"another_ok_tag\"]}, \"Null\": {\"swf:tagList.member.1\": \"true\"}}}}",
    references: &["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
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
            out.push(finding(&META, "only the first tag is constrained: tags 1 to 4 may be anything".into(), first.key.span, format!("{}.Condition.{}", cx.path_of(s), first.operator.node), Some("add `\"Null\": {\"swf:tagList.member.1\": \"true\"}` (at most one tag) or constrain members 1 to 4".into())));
        }
    }
}
