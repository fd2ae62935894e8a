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
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `UNKNOWN_ELEMENT`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
