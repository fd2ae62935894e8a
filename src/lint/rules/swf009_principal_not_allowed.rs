//! SWF009 `principal-not-allowed`: `Principal` or `NotPrincipal` in a policy type that has none.
//!
//! ## What it does
//!
//! Reports `Principal` and `NotPrincipal` in identity policies, boundaries, SCPs and session
//! policies, and `NotPrincipal` in resource control policies.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Policy document should not specify a principal`): the caller is implied by
//! where the policy is attached.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "swf:*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF009",
    name: "principal-not-allowed",
    severity: Severity::Error,
    summary: "`Principal` or `NotPrincipal` in a policy type that has none.",
    what: "Reports `Principal` and `NotPrincipal` in identity policies, boundaries, SCPs and session policies, and `NotPrincipal` in resource control policies.",
    why: "IAM refuses it (`Policy document should not specify a principal`): the caller is implied by where the policy is attached.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"swf:*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:*\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `UNSUPPORTED_ELEMENT`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
