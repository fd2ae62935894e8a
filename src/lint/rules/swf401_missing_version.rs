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
//!
//! ## References
//!
//! - IAM Access Analyzer policy check `MISSING_VERSION`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for d in &cx.lowered.documents {
        if d.version.is_none() {
            let span = Span::new(d.span.start as usize, d.span.start as usize + 1);
            out.push("the policy has no `Version`".into(),
                span,
                String::new(),
                Some("add `\"Version\": \"2012-10-17\"`".into()),
            );
        }
    }
}
