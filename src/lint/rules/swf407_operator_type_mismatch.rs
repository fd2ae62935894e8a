//! SWF407 `operator-type-mismatch`: An operator of another type than the key's values.
//!
//! ## What it does
//!
//! Reports String operators on Boolean, numeric, date and IP-address global keys
//! (`aws:SecureTransport`, `aws:MultiFactorAuthAge`, `aws:CurrentTime`, `aws:SourceIp`, ...), and
//! Numeric, Date, Bool, IP-address and Binary operators on keys whose values are strings: SWF's
//! own keys (`swf:tagList.member.0`, `swf:workflowType.version`, ...), tag keys and the String
//! global keys.
//!
//! ## Why is this bad?
//!
//! A String operator compares text: `"TRUE"` does not equal `true`, `"3600"` is not compared as a
//! number, and a CIDR block is not a range. The other way round, the operator reads the key's
//! text as its own type: `NumericEquals` on `swf:workflowType.version` compares the version as a
//! number, and for a version that is not one (`2.0-beta`) AWS documents no result, so swfsim
//! answers that comparison unknown.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"NumericEquals": {"swf:workflowType.version": "2"}}}, {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SecureTransport": "false"}}}]}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:workflowType.version": "2"}}}, {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `TYPE_MISMATCH`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let path = || format!("{}.Condition.{}", cx.path_of(s), c.operator.node);
            let family = c.operator.node.base.family();
            if let Some((canon, ty, _)) = global_key(&c.key.node) {
                let want = match ty {
                    KeyType::Bool => "Boolean",
                    KeyType::Numeric => "Numeric",
                    KeyType::Date => "Date",
                    KeyType::Ip => "IP address",
                    _ => "",
                };
                if !want.is_empty() && family == Family::String {
                    out.push(format!("use the operator type {want} instead of operator string for the condition key `{canon}`"), c.key.span, path(), None);
                    continue;
                }
            }
            let Some(reads) = reads_as(family) else {
                continue;
            };
            if string_key(&c.key.node) {
                out.push(
                    format!(
                        "`{}` reads `{}`, a String key, as {reads}: the comparison is unknown for a value that is not {reads}",
                        c.operator.node, c.key.node
                    ),
                    c.key.span,
                    path(),
                    Some("compare it with a String operator (`StringEquals`, `StringLike`)".into()),
                );
            }
        }
    }
}

/// What an operator family reads a request's value as, when it is not text.
fn reads_as(family: Family) -> Option<&'static str> {
    Some(match family {
        Family::Numeric => "a number",
        Family::Date => "a date",
        Family::Bool => "a Boolean",
        Family::Ip => "an IP address",
        Family::Binary => "base64",
        _ => return None,
    })
}

/// Whether the key catalogue says a key's values are strings: SWF's keys, tag keys, the String
/// global keys.
fn string_key(key: &str) -> bool {
    let ty = crate::keys::swf_lookup(key)
        .map(|k| k.ty)
        .or_else(|| crate::keys::lookup(key).map(|g| g.ty));
    ty == Some(KeyType::String)
}
