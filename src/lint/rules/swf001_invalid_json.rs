//! SWF001 `invalid-json`: The file is not valid JSON.
//!
//! ## What it does
//!
//! Reports the place where reading stopped when the text is not JSON (RFC 8259): a missing comma or
//! colon, a trailing comma, a comment, an unterminated string.
//!
//! `swfsim lint` reports under this code, too, text that is not UTF-8 (at the first byte that is
//! not) and a path it cannot read: a missing file, a file or folder it may not read (at line 1,
//! column 1 of that path, whatever `--select` and the suppressions say; the run then exits 2).
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
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `JSON_SYNTAX_ERROR`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
