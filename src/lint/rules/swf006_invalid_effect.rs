//! SWF006 `invalid-effect`: `Effect` is not `Allow` or `Deny`.
//!
//! ## What it does
//!
//! Reports an `Effect` other than the two case-sensitive values.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`The policy failed legacy parsing`); `allow` is not `Allow`.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "allow", "Action": "swf:ListDomains", "Resource": "*"}}
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
//! - IAM Access Analyzer policy check `INVALID_EFFECT`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
