//! SWF005 `missing-element`: A required element is missing.
//!
//! ## What it does
//!
//! Reports a policy without `Statement`, and statements without `Effect`, without
//! `Action`/`NotAction`, without `Resource`/`NotResource`, or (resource control policies) without
//! `Principal`; and `Action`, `NotAction`, `Resource`, `NotResource` or a condition key given an
//! empty list.
//!
//! ## Why is this bad?
//!
//! IAM refuses the policy; a statement without a resource in an identity policy means nothing.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `MISSING_RESOURCE`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
