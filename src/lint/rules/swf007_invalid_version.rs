//! SWF007 `invalid-version`: `Version` is not `2012-10-17` or `2008-10-17`.
//!
//! ## What it does
//!
//! Reports any other `Version` value.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`The policy must contain a valid version string`).
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-18", "Statement": []}
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
    code: "SWF007",
    name: "invalid-version",
    severity: Severity::Error,
    summary: "`Version` is not `2012-10-17` or `2008-10-17`.",
    what: "Reports any other `Version` value.",
    why: "IAM refuses it (`The policy must contain a valid version string`).",
    example: "{\"Version\": \"2012-10-18\", \"Statement\": []}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": []}",
    references: &[
        "IAM Access Analyzer policy check `INVALID_VERSION`",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
    ],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
