//! SWF405 `policy-size-over-quota`: The policy is larger than IAM's quota for its type.
//!
//! ## What it does
//!
//! Counts characters as IAM does (whitespace not counted for identity policies and boundaries;
//! every character for SCPs and RCPs) and reports policies over 10,240 characters (the largest
//! identity-policy quota), 2,048 for session policies, 5,120 for SCPs and RCPs.
//!
//! ## Why is this bad?
//!
//! IAM refuses to store it (`LimitExceeded: Cannot exceed quota for PolicySize`).
//!
//! ## References
//!
//! - IAM Access Analyzer policy checks `POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA`,
//!   `POLICY_SIZE_EXCEEDS_SCP_QUOTA`
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>

use super::*;

/// How bad a finding of this rule is.
pub const SEVERITY: Severity = Severity::Warning;

/// Appends this rule's findings for one file.
pub fn check(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for d in &cx.lowered.documents {
        let text = cx
            .text
            .get(d.span.start as usize..d.span.end as usize)
            .unwrap_or("");
        let (count, limit, counted) = match cx.kind {
            PolicyKind::Scp | PolicyKind::Rcp => (text.chars().count(), 5_120, "characters"),
            PolicyKind::Session => (
                text.chars().filter(|c| !c.is_whitespace()).count(),
                2_048,
                "characters excluding whitespace",
            ),
            _ => (
                text.chars().filter(|c| !c.is_whitespace()).count(),
                10_240,
                "characters excluding whitespace",
            ),
        };
        if count > limit {
            out.push(format!(
                    "{count} {counted} exceed the quota of {limit} characters for this {}",
                    cx.kind.describe()
                ),
                d.span,
                String::new(),
                Some("split the policy into smaller policies".into()),
            );
        }
    }
}
