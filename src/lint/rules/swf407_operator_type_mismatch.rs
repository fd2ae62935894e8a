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

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF407",
    name: "operator-type-mismatch",
    severity: Severity::Warning,
    summary: "An operator of another type than the key's values.",
    what: "Reports String operators on Boolean, numeric, date and IP-address global keys (`aws:SecureTransport`, `aws:MultiFactorAuthAge`, `aws:CurrentTime`, `aws:SourceIp`, ...).",
    why: "The comparison is textual: `\"TRUE\"` does not equal `true`, `\"3600\"` is not compared as a number, and a CIDR block is not a range.",
    example: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:SecureTransport\": \"false\"}}}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}}",
    references: &["IAM Access Analyzer policy check `TYPE_MISMATCH`"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
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
                out.push(finding(&META, format!("use the operator type {want} instead of operator string for the condition key `{canon}`"), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), None));
            }
        }
    }
}
