//! SWF407 `operator-type-mismatch`: An operator of another type than the key's values.
//!
//! ## What it does
//!
//! Reports String operators on Boolean, numeric, date and IP-address global keys
//! (`aws:SecureTransport`, `aws:MultiFactorAuthAge`, `aws:CurrentTime`, `aws:SourceIp`, ...).
//!
//! ## Why is this bad?
//!
//! The comparison is textual: `"TRUE"` does not equal `true`, `"3600"` is not compared as a number,
//! and a CIDR block is not a range.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SecureTransport": "false"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `TYPE_MISMATCH`

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let Some((canon, ty, _)) = global_key(&c.key.node) else {
                continue;
            };
            let want = match ty {
                KeyType::Bool => "Boolean",
                KeyType::Numeric => "Numeric",
                KeyType::Date => "Date",
                KeyType::Ip => "IP address",
                _ => continue,
            };
            if c.operator.node.base.family() == Family::String {
                out.push(format!("use the operator type {want} instead of operator string for the condition key `{canon}`"), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), None);
            }
        }
    }
}
