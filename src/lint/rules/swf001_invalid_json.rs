//! SWF001 `invalid-json`: The file is not valid JSON.
//!
//! ## What it does
//!
//! Reports the place where reading stopped when the text is not JSON (RFC 8259): a missing comma or
//! colon, a trailing comma, a comment, an unterminated string.
//!
//! ## Why is this bad?
//!
//! IAM refuses the document (`MalformedPolicyDocument: Syntax errors in policy`), and no tool can
//! say what it grants.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow",}}
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
    code: "SWF001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "The file is not valid JSON.",
    what: "Reports the place where reading stopped when the text is not JSON (RFC 8259): a missing comma or colon, a trailing comma, a comment, an unterminated string.",
    why: "IAM refuses the document (`MalformedPolicyDocument: Syntax errors in policy`), and no tool can say what it grants.",
    example: "{\"Statement\": {\"Effect\": \"Allow\",}}",
    instead: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:ListDomains\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `JSON_SYNTAX_ERROR`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    super::lowering_errors(cx, &META, out);
}
