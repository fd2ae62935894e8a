//! SWF008 `conflicting-elements`: `Action` with `NotAction`, or `Resource` with `NotResource`, in one statement.
//!
//! ## What it does
//!
//! Reports the second of two elements that exclude each other.
//!
//! ## Why is this bad?
//!
//! A statement has either a list of what it covers or a list of what it does not; IAM refuses both
//! at once.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:*", "NotAction": "swf:Delete*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "NotAction": "swf:Delete*", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF008",
    name: "conflicting-elements",
    severity: Severity::Error,
    summary: "`Action` with `NotAction`, or `Resource` with `NotResource`, in one statement.",
    what: "Reports the second of two elements that exclude each other.",
    why: "A statement has either a list of what it covers or a list of what it does not; IAM refuses both at once.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:*\", \"NotAction\": \"swf:Delete*\", \"Resource\": \"*\"}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"NotAction\": \"swf:Delete*\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `UNSUPPORTED_ELEMENT_COMBINATION`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
