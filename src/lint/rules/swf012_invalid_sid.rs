//! SWF012 `invalid-sid`: A `Sid` with characters other than ASCII letters and digits.
//!
//! ## What it does
//!
//! Reports Sids that do not match `[0-9A-Za-z]*`.
//!
//! ## Why is this bad?
//!
//! IAM refuses it in identity policies (`Statement IDs (SID) must be alpha-numeric`).
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Sid": "start-orders", "Effect": "Allow", "Action": "*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Sid": "StartOrders", "Effect": "Allow", "Action": "*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF012",
    name: "invalid-sid",
    severity: Severity::Error,
    summary: "A `Sid` with characters other than ASCII letters and digits.",
    what: "Reports Sids that do not match `[0-9A-Za-z]*`.",
    why: "IAM refuses it in identity policies (`Statement IDs (SID) must be alpha-numeric`).",
    example: "{\"Statement\": {\"Sid\": \"start-orders\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Sid\": \"StartOrders\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `INVALID_SID`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
