//! SWF013 `duplicate-sid`: Two statements of one policy share a `Sid`.
//!
//! ## What it does
//!
//! Reports the later statement's Sid.
//!
//! ## Why is this bad?
//!
//! IAM refuses it (`Statement IDs (SID) in a single policy must be unique`).
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Sid": "StartOrders", "Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}, {"Sid": "StartOrders", "Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/billing"}]}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Sid": "StartOrders", "Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}, {"Sid": "StartBilling", "Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/billing"}]}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `DUPLICATE_SID`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    super::lowering_errors(cx, out);
}
