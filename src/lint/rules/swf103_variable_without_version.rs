//! SWF103 `variable-without-version`: A policy variable in a policy without `"Version": "2012-10-17"`.
//!
//! ## What it does
//!
//! Reports `${...}` in resources and String or ARN condition values when `Version` is missing or
//! `2008-10-17`.
//!
//! ## Why is this bad?
//!
//! Without Version 2012-10-17, IAM compares `${aws:username}` as literal text: the statement
//! silently matches nothing.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}"}}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `VARIABLE_UNSUPPORTED_IN_VERSION`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for (d, s, conds) in cx.statements() {
        if d.variables_enabled() {
            continue;
        }
        let p = cx.path_of(s);
        let help = Some("add `\"Version\": \"2012-10-17\"` to the policy".to_string());
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    if has_variable(&a.text) {
                        out.push(format!("`{}` is literal text without Version 2012-10-17", a.text),
                            item.span,
                            format!("{p}.{}[{i}]", resource_name(s)),
                            help.clone(),
                        );
                    }
                }
            }
        }
        for c in conds {
            if c.operator.node.base.variables() {
                for (v, raw) in c.values.iter().zip(&c.raw) {
                    if has_variable(raw) {
                        out.push(format!("`{raw}` is literal text without Version 2012-10-17"),
                            v.span,
                            format!("{p}.Condition.{}.{}", c.operator.node, c.key.node),
                            help.clone(),
                        );
                    }
                }
            }
        }
    }
}
