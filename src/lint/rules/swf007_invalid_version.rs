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
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `INVALID_VERSION`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
