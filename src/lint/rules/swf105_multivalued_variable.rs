//! SWF105 `multivalued-variable`: A policy variable that names a multivalued key.
//!
//! ## What it does
//!
//! Reports `${...}` variables in the resource part of `Resource`/`NotResource` ARNs and in String
//! and ARN condition values (with `Version` 2012-10-17) whose key is multivalued: `aws:CalledVia`,
//! `aws:PrincipalOrgPaths`, `aws:PrincipalServiceNamesList`, `aws:ResourceOrgPaths`,
//! `aws:SourceOrgPaths`, `aws:TagKeys`.
//!
//! ## Why is this bad?
//!
//! IAM substitutes only single-valued keys: a multivalued key never resolves as a variable,
//! whatever the number of values the request carries. The default of `${key, 'default'}` always
//! applies; without one the resource or value holding the variable matches nothing.
//!
//! ## Example
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:PrincipalOrgPaths}"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:PrincipalOrgID}"}}
//! ```
//!
//! ## References
//!
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Error;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    // The one place this rule asks which keys are multivalued.
    let multivalued = |key: &str| {
        global_key(key)
            .filter(|(_, _, multi)| *multi)
            .map(|(canon, _, _)| canon)
    };
    let mut report = |t: &Template, what: &str, span: Span, path: String| {
        for v in t.variables() {
            let Some(canon) = multivalued(&v.key) else {
                continue;
            };
            let (shown, outcome) = match &v.default {
                Some(d) => (
                    format!("${{{}, '{d}'}}", v.key),
                    format!("the default `{d}` always applies"),
                ),
                None => (
                    format!("${{{}}}", v.key),
                    format!("the {what} matches nothing"),
                ),
            };
            out.push(format!("`{shown}` names a multivalued key, which IAM never substitutes: {outcome}"), span, path.clone(), Some(format!("use a single-valued key, or compare `{canon}` itself with a set operator such as `ForAnyValue:StringEquals`")));
        }
    };
    for (d, s, conds) in cx.statements() {
        if !d.variables_enabled() {
            continue; // SWF103: no variable is substituted at all.
        }
        let p = cx.path_of(s);
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    if let Some(t) = a.resource_template() {
                        report(
                            t,
                            "resource",
                            item.span,
                            format!("{p}.{}[{i}]", resource_name(s)),
                        );
                    }
                }
            }
        }
        for c in conds {
            for v in &c.values {
                let t = match &v.node {
                    Value::Text(t) | Value::Like(t, _) => t,
                    Value::Arn(a) => match a.resource_template() {
                        Some(t) => t,
                        None => continue,
                    },
                    _ => continue,
                };
                report(
                    t,
                    "value",
                    v.span,
                    format!("{p}.Condition.{}.{}", c.operator.node, c.key.node),
                );
            }
        }
    }
}
