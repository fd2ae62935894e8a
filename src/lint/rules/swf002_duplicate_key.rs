//! SWF002 `duplicate-key`: An object holds the same key twice.
//!
//! ## What it does
//!
//! Reports every repeated key of a JSON object, at the later occurrence.
//!
//! ## Why is this bad?
//!
//! IAM's grammar forbids it, and tools disagree on which value wins: a reviewer may read one
//! `Effect` while AWS applies the other.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF002",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "An object holds the same key twice.",
    what: "Reports every repeated key of a JSON object, at the later occurrence.",
    why: "IAM's grammar forbids it, and tools disagree on which value wins: a reviewer may read one `Effect` while AWS applies the other.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `DUPLICATE_KEYS`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
