//! SWF004 `wrong-type`: An element of the wrong JSON type.
//!
//! ## What it does
//!
//! Reports elements whose value is not the type IAM expects: a number as `Action`, an object as
//! `Resource`, an array as a condition block.
//!
//! ## Why is this bad?
//!
//! IAM refuses the policy.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF004",
    name: "wrong-type",
    severity: Severity::Error,
    summary: "An element of the wrong JSON type.",
    what: "Reports elements whose value is not the type IAM expects: a number as `Action`, an object as `Resource`, an array as a condition block.",
    why: "IAM refuses the policy.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": 5, \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:ListDomains\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `INVALID_ELEMENT_TYPE`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
