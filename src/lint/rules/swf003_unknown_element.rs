//! SWF003 `unknown-element`: An element name IAM does not know, or one written in the wrong case.
//!
//! ## What it does
//!
//! Reports top-level and statement keys other than `Version`, `Id`, `Statement`, `Sid`, `Effect`,
//! `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition`.
//! Names are case-sensitive.
//!
//! ## Why is this bad?
//!
//! IAM refuses the policy (`Unknown field statement`).
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "statement": []}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": []}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF003",
    name: "unknown-element",
    severity: Severity::Error,
    summary: "An element name IAM does not know, or one written in the wrong case.",
    what: "Reports top-level and statement keys other than `Version`, `Id`, `Statement`, `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition`. Names are case-sensitive.",
    why: "IAM refuses the policy (`Unknown field statement`).",
    example: "{\"Version\": \"2012-10-17\", \"statement\": []}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": []}",
    references: &["IAM Access Analyzer policy check `UNKNOWN_ELEMENT`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
