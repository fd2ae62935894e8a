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
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "swf:List*", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:List*", "Resource": "*"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `UNSUPPORTED_ELEMENT`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
