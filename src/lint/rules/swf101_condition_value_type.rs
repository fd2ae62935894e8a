//! SWF101 `condition-value-type`: A condition value does not fit its operator.
//!
//! ## What it does
//!
//! Reports values of Numeric, Date, Bool, BinaryEquals, IpAddress/NotIpAddress and Null operators
//! that are not numbers, W3C dates or epoch seconds, `true`/`false`, base64, IP addresses or CIDR
//! blocks.
//!
//! ## Why is this bad?
//!
//! The comparison cannot be made; swfsim answers `unknown` for any decision that depends on it, and
//! AWS's behaviour is undocumented.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}}}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy checks `INVALID_CONDITION_DATA_TYPE`, `DATA_TYPE_MISMATCH`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (_, s, conds) in cx.statements() {
        for c in conds {
            for v in &c.values {
                if let Value::Invalid { expected } = &v.node {
                    let raw = cx
                        .text
                        .get(v.span.start as usize..v.span.end as usize)
                        .unwrap_or("");
                    out.push(format!(
                            "`{}` under `{}` must be {expected}",
                            raw.trim_matches('"'),
                            c.operator.node
                        ),
                        v.span,
                        format!(
                            "{}.Condition.{}.{}",
                            cx.path_of(s),
                            c.operator.node,
                            c.key.node
                        ),
                        None,
                    );
                }
            }
        }
    }
}
