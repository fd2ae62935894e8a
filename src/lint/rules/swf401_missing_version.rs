//! SWF401 `missing-version`: The policy has no `Version`.
//!
//! ## What it does
//!
//! Reports policies without a `Version` element.
//!
//! ## Why is this bad?
//!
//! Without `"Version": "2012-10-17"` policy variables are literal text, and newer features may not
//! apply.
//!
//! ## Example
//!
//! ```json
//! {"Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}
//! ```

#[allow(unused_imports)]
use super::*;

/// The rule's documentation and identity.
pub static META: RuleMeta = RuleMeta {
    code: "SWF401",
    name: "missing-version",
    severity: Severity::Warning,
    summary: "The policy has no `Version`.",
    what: "Reports policies without a `Version` element.",
    why: "Without `\"Version\": \"2012-10-17\"` policy variables are literal text, and newer features may not apply.",
    example: "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:ListDomains\", \"Resource\": \"*\"}}",
    instead: "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:ListDomains\", \"Resource\": \"*\"}}",
    references: &["IAM Access Analyzer policy check `MISSING_VERSION`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html"],
};

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for d in &cx.lowered.documents {
        if d.version.is_none() {
            let span = Span::new(d.span.start as usize, d.span.start as usize + 1);
            out.push(finding(
                &META,
                "the policy has no `Version`".into(),
                span,
                String::new(),
                Some("add `\"Version\": \"2012-10-17\"`".into()),
            ));
        }
    }
}
