//! SWF013 `duplicate-sid`: Two statements of one policy share a `Sid`.
//!
//! ## What it does
//!
//! Reports the later statement's Sid.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Statement IDs (SID) in a single policy must be unique`).
//!
//! ## Example
//!
//! ```json
//! {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "*", "Resource": "*"}]}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF013",
    name: "duplicate-sid",
    severity: Severity::Error,
    summary: "Two statements of one policy share a `Sid`.",
    what: "Reports the later statement's Sid.",
    why: "IAM refuses it (`Statement IDs (SID) in a single policy must be unique`).",
    example: "{\"Statement\": [{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}, {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}",
    instead: "{\"Statement\": [{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}, {\"Sid\": \"B\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}",
    references: &["IAM Access Analyzer policy check `DUPLICATE_SID`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
