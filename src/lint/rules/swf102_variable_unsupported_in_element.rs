//! SWF102 `variable-unsupported-in-element`: A policy variable where IAM does not substitute it.
//!
//! ## What it does
//!
//! Reports `${...}` in `Action`, in the partition, service, region or account of an ARN, in
//! condition keys, and in values of Numeric, Date, Bool, BinaryEquals, IpAddress and Null
//! operators.
//!
//! ## Why is this bad?
//!
//! IAM substitutes variables only in the resource part of an ARN and in String and ARN condition
//! values; elsewhere the text stays literal and never matches what the author meant.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:${aws:RequestedRegion}:123456789012:/domain/*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy checks `VARIABLE_UNSUPPORTED_IN_ELEMENT`,
//!   `INVALID_VARIABLE_FOR_OPERATOR`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (d, s, conds) in cx.statements() {
        let p = cx.path_of(s);
        for (i, a) in s.action.items.iter().enumerate() {
            if a.node.contains("${") {
                out.push(format!("the variable in action `{}` is not substituted", a.node), a.span, format!("{p}.{}[{i}]", action_name(s)), Some("variables are allowed only in the resource part of an ARN and in String and ARN condition values".into()));
            }
        }
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    let prefix: String =
                        a.text.splitn(6, ':').take(5).collect::<Vec<_>>().join(":");
                    if prefix.contains("${") && d.variables_enabled() {
                        out.push(format!(
                                "the variable in `{}` is outside the resource part of the ARN",
                                a.text
                            ),
                            item.span,
                            format!("{p}.{}[{i}]", resource_name(s)),
                            Some("IAM substitutes variables only after the fifth colon".into()),
                        );
                    }
                }
            }
        }
        for c in conds {
            if c.key.node.contains("${") {
                out.push(format!("condition key `{}` holds a variable", c.key.node),
                    c.key.span,
                    format!("{p}.Condition.{}", c.operator.node),
                    None,
                );
            }
            if !c.operator.node.base.variables() {
                for (v, raw) in c.values.iter().zip(&c.raw) {
                    if raw.contains("${") && d.variables_enabled() {
                        out.push(format!(
                                "`{}` does not substitute variables: `{raw}` stays literal",
                                c.operator.node
                            ),
                            v.span,
                            format!("{p}.Condition.{}.{}", c.operator.node, c.key.node),
                            None,
                        );
                    }
                }
            }
        }
    }
}
