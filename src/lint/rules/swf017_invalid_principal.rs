//! SWF017 `invalid-principal`: A principal IAM does not accept in a resource control policy.
//!
//! ## What it does
//!
//! Reports principals other than `*` and `{"AWS": ...}`.
//!
//! ## Why is this bad?
//!
//! Resource control policies name `"Principal": "*"`; anything else is refused.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Deny", "Principal": {"Service": "swf.amazonaws.com"}, "Action": "swf:*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "swf:*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF017",
    name: "invalid-principal",
    severity: Severity::Error,
    summary: "A principal IAM does not accept in a resource control policy.",
    what: "Reports principals other than `*` and `{\"AWS\": ...}`.",
    why: "Resource control policies name `\"Principal\": \"*\"`; anything else is refused.",
    example: "{\"Statement\": {\"Effect\": \"Deny\", \"Principal\": {\"Service\": \"swf.amazonaws.com\"}, \"Action\": \"swf:*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"swf:*\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `INVALID_PRINCIPAL`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
