//! SWF006 `invalid-effect`: `Effect` is not `Allow` or `Deny`.
//!
//! ## What it does
//!
//! Reports an `Effect` other than the two case-sensitive values.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`The policy failed legacy parsing`); `allow` is not `Allow`.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF006",
    name: "invalid-effect",
    severity: Severity::Error,
    summary: "`Effect` is not `Allow` or `Deny`.",
    what: "Reports an `Effect` other than the two case-sensitive values.",
    why: "IAM refuses it (`The policy failed legacy parsing`); `allow` is not `Allow`.",
    example: "{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    references: &[
        "IAM Access Analyzer policy check `INVALID_EFFECT`",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
    ],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
