//! The sentences every format shares: the one-line summary of an answer, how a condition fared,
//! where a value came from, and which statements decided.

use super::settle;
use crate::condition::{MissingRule, Truth};
use crate::eval::{ConditionTrace, Decision, Evaluation, Layer, PolicySet, Reason, StatementTrace};
use crate::policy::Effect;
use crate::request::{Context, ValueSource};
use crate::source::{SourceId, SourceMap, Span};
use crate::swf::{DefaultInput, Outcome, SimResult};

/// Where a context value came from, in words.
pub(super) fn source_words(s: ValueSource) -> &'static str {
    match s {
        ValueSource::Request => "from the request",
        ValueSource::TypeDefault => "the workflow type's default",
        ValueSource::World => "from the world",
        ValueSource::Principal => "from the principal",
        ValueSource::Account => "from the account export",
        ValueSource::Org => "from the org file",
        ValueSource::Region => "the call's region",
        ValueSource::CommandLine => "from the command line",
        ValueSource::Clock => "the time of the call",
        ValueSource::Default => "swfsim's default",
        ValueSource::Derived => "follows from other keys of the call",
    }
}

/// A default a denial was decided with: what it is called on the wire, its value, what sets it
/// instead, and a sentence saying so.
pub(super) fn default_words(d: &DefaultInput) -> (&'static str, &str, &'static str, String) {
    match d {
        DefaultInput::Principal(arn) => (
            "principal",
            arn,
            "--principal",
            format!("the caller `{arn}` is swfsim's default: --principal sets it"),
        ),
        DefaultInput::Region(region) => (
            "region",
            region,
            "--region",
            format!(
                "the region `{region}` is swfsim's default: --region (or a world's `region`) sets it"
            ),
        ),
        DefaultInput::Account(account) => (
            "account",
            account,
            "the world's `account`",
            format!(
                "the domain's account `{account}` is the caller's, as no world gives an `account`: a world's `account` sets it"
            ),
        ),
    }
}

/// `file:line:col` of a span.
pub fn location(sources: &SourceMap, id: SourceId, span: Span) -> String {
    format!("{}:{}", sources.name(id), sources.line_col(id, span))
}

/// `` `a`, `b` ``: each item quoted, separated by commas.
pub(super) fn quote_list<S: AsRef<str>>(v: &[S]) -> String {
    v.iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence on how a condition fared.
pub fn condition_sentence(c: &ConditionTrace, context: &Context) -> String {
    let o = &c.outcome;
    let src = context
        .get(&c.key)
        .map(|e| format!(" ({})", source_words(e.source)))
        .unwrap_or_default();
    let verdict = match o.result {
        Truth::True => "holds",
        Truth::False => "fails",
        Truth::Unknown => "cannot be decided",
    };
    if let Some(p) = &o.partial {
        let why = match o.result {
            Truth::True => "every value it may have matches",
            Truth::False => "no value it may have matches",
            Truth::Unknown => "some values it may have match and others do not",
        };
        return format!(
            "{} {} {}: {verdict}: `{}` is {}{src}, and {why}",
            c.operator,
            c.key,
            quote_list(&c.policy_values),
            c.key,
            settle::known_words(p)
        );
    }
    if let Some(rule) = o.missing_rule {
        let why = match rule {
            MissingRule::Null => {
                if o.present {
                    let vals: Vec<String> = o.values.iter().map(|v| v.value.clone()).collect();
                    format!("the key is present: {}{src}", quote_list(&vals))
                } else {
                    "the key is absent".to_string()
                }
            }
            MissingRule::Positive => {
                "the key is absent, and a positive operator on a missing key is false".into()
            }
            MissingRule::Negated => {
                "the key is absent, and a negated operator on a missing key is true".into()
            }
            MissingRule::IfExists => {
                "the key is absent, and ...IfExists on a missing key is true".into()
            }
            MissingRule::ForAllValues => {
                "the key is absent, and ForAllValues: on a missing key is true".into()
            }
            MissingRule::ForAnyValue => {
                "the key is absent, and ForAnyValue: on a missing key is false".into()
            }
        };
        return format!(
            "{} {} {}: {verdict}: {why}",
            c.operator,
            c.key,
            quote_list(&c.policy_values)
        );
    }
    let mut parts = Vec::new();
    for v in &o.values {
        let what = match (v.matched, &v.unknown) {
            (Some(i), _) => format!(
                "`{}`{src} matches `{}`",
                v.value,
                c.policy_values.get(i).map(String::as_str).unwrap_or("")
            ),
            (None, Some(why)) => format!("`{}`{src}: {why}", v.value),
            (None, None) => format!(
                "`{}`{src} matches none of {}",
                v.value,
                quote_list(&c.policy_values)
            ),
        };
        parts.push(what);
    }
    format!("{} {}: {verdict}: {}", c.operator, c.key, parts.join("; "))
}

/// The one-line summary.
pub fn summary(r: &SimResult) -> String {
    summary_in(r, None)
}

/// The one-line summary, a layer named by its level's name when `set` (an org file's) has one.
pub fn summary_in(r: &SimResult, set: Option<&PolicySet>) -> String {
    let describe = |layer: Layer| match set {
        Some(s) => s.describe_layer(layer),
        None => layer.describe(),
    };
    if r.outcome == Outcome::ValidationException {
        return "ValidationException: the request is not valid; SWF rejects it before IAM is consulted".into();
    }
    let Some(e) = &r.evaluation else {
        return r.outcome.as_str().to_string();
    };
    let iam = match &e.reason {
        Reason::Allowed { root: true } => "allowed: the caller is the account root, and nothing denies".to_string(),
        Reason::Allowed { root: false } => "allowed by every policy type that must allow, and nothing denies".to_string(),
        Reason::ExplicitDeny { layer } => format!("explicitly denied by a Deny statement in the {}", describe(*layer)),
        Reason::NoAllow { layer } => format!("implicitly denied: no statement in the {} allows {} on this domain", describe(*layer), crate::request::ACTION),
        Reason::CrossAccount { principal_account, resource_account } => format!(
            "implicitly denied: the caller's account {principal_account} is not the domain's account {resource_account}, and SWF has no resource-based policies to grant cross-account access"
        ),
        Reason::Undecided => "unknown: the answer depends on a value swfsim does not know, or on a condition it cannot evaluate".into(),
    };
    match r.outcome {
        Outcome::Started => format!("started ({iam})"),
        Outcome::Authorized => format!("authorized ({iam}); the request is valid"),
        Outcome::OperationNotPermitted | Outcome::Unknown => iam,
        other => {
            let detail = r
                .fault
                .as_ref()
                .map(|f| f.detail.clone())
                .unwrap_or_default();
            format!("{}: {detail} (IAM {iam})", other.as_str())
        }
    }
}

/// The statements that decided the answer.
pub fn deciding(e: &Evaluation) -> Vec<&StatementTrace> {
    deciding_iter(e).collect()
}

/// [`deciding`], one at a time.
pub(super) fn deciding_iter(e: &Evaluation) -> impl Iterator<Item = &StatementTrace> {
    e.statements.iter().filter(move |s| decides(e, s))
}

/// Whether `s`, one of `e`'s statements, decided the answer.
pub(super) fn decides(e: &Evaluation, s: &StatementTrace) -> bool {
    let required = |l: Layer| e.layers.iter().any(|x| x.layer == l && x.required);
    match e.decision {
        Decision::ExplicitDeny => s.statement.effect == Effect::Deny && s.applies == Truth::True,
        Decision::Allowed => {
            s.statement.effect == Effect::Allow
                && s.applies == Truth::True
                && required(s.statement.layer)
        }
        Decision::Unknown => s.applies == Truth::Unknown,
        Decision::ImplicitDeny => false,
    }
}
