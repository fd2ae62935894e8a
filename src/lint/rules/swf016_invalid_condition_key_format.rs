//! SWF016 `invalid-condition-key-format`: A condition key that is not `prefix:name`.
//!
//! ## What it does
//!
//! Reports keys without a colon or with an empty prefix.
//!
//! ## Why is this bad?
//!
//! No request carries such a key; the condition never holds as written.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"taskList": "tl"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF016",
    name: "invalid-condition-key-format",
    severity: Severity::Error,
    summary: "A condition key that is not `prefix:name`.",
    what: "Reports keys without a colon or with an empty prefix.",
    why: "No request carries such a key; the condition never holds as written.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"taskList\": \"tl\"}}}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"swf:taskList.name\": \"tl\"}}}}",
    references: &["IAM Access Analyzer policy check `INVALID_CONDITION_KEY_FORMAT`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
