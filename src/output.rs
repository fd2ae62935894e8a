//! Renderers: the library returns typed data, and only this module turns it into words.
//!
//! # Wire format of `simulate --format json`
//!
//! One JSON object per call (one line per case with `--requests`). Stable fields:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `decision` | string or null | `allowed`, `explicitDeny`, `implicitDeny`, `unknown`; null when validation failed before IAM ran |
//! | `outcome` | string | `started`, `authorized`, `OPERATION_NOT_PERMITTED`, an SWF fault name, `ValidationException`, or `unknown` |
//! | `resource` | string | the domain ARN authorized |
//! | `context` | object | every condition key of the call: `{"KEY": {"values": [...], "source": "request"}}`; sources: `request`, `typeDefault`, `world`, `principal`, `region`, `commandLine`, `clock`, `default` |
//! | `runId` | string | on a start |
//! | `summary` | string | one line for a person |
//! | `reason` | object | `{"kind": "allowed" \| "explicitDeny" \| "noAllow" \| "crossAccount" \| "undecided", ...}`; `layer` names the policy type |
//! | `decidingStatements` | array | statements that decided: `{file, line, column, layer, document, index, sid, effect}` |
//! | `statements` | array | every statement whose Action and Resource matched (applied or nearly applied), with `action`, `resource`, `conditions` (each with `operator`, `key`, `policyValues`, `result`, `present`, `values`, `missingRule`, `explanation`) and `applies` |
//! | `layers` | array | per policy type: `allow`, `deny`, `required` |
//! | `missingContextKeys` | array | keys relevant statements asked for that the call did not carry |
//! | `fault` | object | `{type, message, detail}` for denials, SWF faults and validation |
//! | `validationErrors` | array | `{path, value, constraint}` |
//! | `event` | object | on a start: `{"eventType": "WorkflowExecutionStarted", "workflowExecutionStartedEventAttributes": {...}}` |
//! | `settings` | object | where each resolved setting came from: `request`, `typeDefault`, `serviceDefault` |
//! | `notes` | array | facts about the world that shaped the answer |

pub mod analysis;
mod settle;
mod fix;

pub use fix::fix_hint;

use crate::condition::{MissingRule, Truth};
use crate::eval::{ConditionTrace, Decision, Evaluation, Layer, PolicySet, Reason, StatementTrace};
use crate::policy::Effect;
use crate::request::{Context, ContextEntry, ValueSource};
use crate::source::{SourceId, SourceMap, Span};
use crate::swf::{Outcome, SimResult};
use serde_json::{json, Map, Value};

fn source_name(s: ValueSource) -> &'static str {
    // The name inside `value_close`'s text: one table for all three.
    let close = value_close(s);
    close
        .get(r#""],"source":""#.len()..close.len() - 2)
        .and_then(|n| std::str::from_utf8(n).ok())
        .unwrap_or_default()
}

/// What follows a context entry's values: `],"source":"NAME"}` (one copy instead of three), with
/// each source's name on the wire.
fn source_close(s: ValueSource) -> &'static [u8] {
    value_close(s).get(1..).unwrap_or_default()
}

/// [`value_close`]'s text for each source, by its number, padded (see [`push_padded`]).
const VALUE_CLOSES: [([u8; 32], u8); 9] = {
    const SOURCES: [ValueSource; 9] = [
        ValueSource::Request,
        ValueSource::TypeDefault,
        ValueSource::World,
        ValueSource::Principal,
        ValueSource::Region,
        ValueSource::CommandLine,
        ValueSource::Clock,
        ValueSource::Default,
        ValueSource::Derived,
    ];
    let mut table = [([0u8; 32], 0u8); 9];
    let mut i = 0;
    while i < SOURCES.len() {
        table[SOURCES[i] as usize] = padded(&[value_close(SOURCES[i])]);
        i += 1;
    }
    table
};

/// `parts` one after another in a row of `N` bytes, with their length (built at compile time).
const fn padded<const N: usize>(parts: &[&[u8]]) -> ([u8; N], u8) {
    let mut row = [0u8; N];
    let mut n = 0;
    let mut i = 0;
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            assert!(n < N && n < 256, "a padded row is too short for its text");
            row[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    (row, n as u8)
}

/// Appends the first `len` bytes of `row`: all `N` are copied, then the rest is cut off. A
/// copy of a fixed size is a few moves; one whose length is known only when it runs is a call
/// into `memcpy`, which for a few bytes costs more than the copy.
fn push_padded<const N: usize>(out: &mut Vec<u8>, (row, len): &([u8; N], u8)) {
    let start = out.len();
    out.extend_from_slice(row);
    out.truncate(start + usize::from(*len));
}

/// What follows a context entry's one value: its closing quote and [`source_close`]'s text.
const fn value_close(s: ValueSource) -> &'static [u8] {
    match s {
        ValueSource::Request => b"\"],\"source\":\"request\"}",
        ValueSource::TypeDefault => b"\"],\"source\":\"typeDefault\"}",
        ValueSource::World => b"\"],\"source\":\"world\"}",
        ValueSource::Principal => b"\"],\"source\":\"principal\"}",
        ValueSource::Region => b"\"],\"source\":\"region\"}",
        ValueSource::CommandLine => b"\"],\"source\":\"commandLine\"}",
        ValueSource::Clock => b"\"],\"source\":\"clock\"}",
        ValueSource::Default => b"\"],\"source\":\"default\"}",
        ValueSource::Derived => b"\"],\"source\":\"derived\"}",
    }
}

fn source_words(s: ValueSource) -> &'static str {
    match s {
        ValueSource::Request => "from the request",
        ValueSource::TypeDefault => "the workflow type's default",
        ValueSource::World => "from the world",
        ValueSource::Principal => "from the principal",
        ValueSource::Region => "the call's region",
        ValueSource::CommandLine => "from the command line",
        ValueSource::Clock => "the time of the call",
        ValueSource::Default => "swfsim's default",
        ValueSource::Derived => "follows from other keys of the call",
    }
}

/// `file:line:col` of a span.
pub fn location(sources: &SourceMap, id: SourceId, span: Span) -> String {
    format!("{}:{}", sources.name(id), sources.line_col(id, span))
}

fn quote_list<S: AsRef<str>>(v: &[S]) -> String {
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

fn layer_words(l: Layer) -> String {
    l.describe()
}

/// The one-line summary.
pub fn summary(r: &SimResult) -> String {
    if r.outcome == Outcome::ValidationException {
        return "ValidationException: the request is not valid; SWF rejects it before IAM is consulted".into();
    }
    let Some(e) = &r.evaluation else {
        return r.outcome.as_str().to_string();
    };
    let iam = match &e.reason {
        Reason::Allowed { root: true } => "allowed: the caller is the account root, and nothing denies".to_string(),
        Reason::Allowed { root: false } => "allowed by every policy type that must allow, and nothing denies".to_string(),
        Reason::ExplicitDeny { layer } => format!("explicitly denied by a Deny statement in the {}", layer_words(*layer)),
        Reason::NoAllow { layer } => format!("implicitly denied: no statement in the {} allows {} on this domain", layer_words(*layer), crate::request::ACTION),
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
fn deciding_iter(e: &Evaluation) -> impl Iterator<Item = &StatementTrace> {
    e.statements.iter().filter(move |s| decides(e, s))
}

/// Whether `s`, one of `e`'s statements, decided the answer.
fn decides(e: &Evaluation, s: &StatementTrace) -> bool {
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

/// The statements a full explanation lists that matched the call's Action and Resource and did
/// not decide, at most: past that, the nearest misses are listed and the rest counted
/// (`omittedStatements`). A policy set of thousands of statements would otherwise list each one
/// whose Action and Resource matched, on every line (hundreds of KB a line).
pub const MAX_NEAR_MISSES: usize = 16;

/// Which statements of an evaluation a full explanation lists: every statement that decided,
/// and of those that matched (Action, Resource and Principal) and did not decide, all when they
/// are at most [`MAX_NEAR_MISSES`], else the nearest misses: those that apply before those that
/// do not, then those with fewer conditions that do not hold, then the first in the policies.
struct Shown {
    /// By the evaluation's statements, whether each is listed; `None`: every one that matched.
    listed: Option<Vec<bool>>,
    /// The statements that matched and are not listed.
    omitted: usize,
}

impl Shown {
    /// `failing()`: how many conditions of each of the evaluation's statements do not hold
    /// (asked only when some are left out).
    fn of(e: &Evaluation, failing: impl FnOnce() -> Vec<usize>) -> Shown {
        let missed = |s: &StatementTrace| s.relevant() && !decides(e, s);
        let count = e.statements.iter().filter(|s| missed(s)).count();
        if count <= MAX_NEAR_MISSES {
            return Shown {
                listed: None,
                omitted: 0,
            };
        }
        let failing = failing();
        let mut near: Vec<(bool, usize, usize)> = (e.statements.iter().enumerate())
            .filter(|(_, s)| missed(s))
            .map(|(i, s)| {
                let failing = failing.get(i).copied().unwrap_or_default();
                (s.applies == Truth::False, failing, i)
            })
            .collect();
        near.select_nth_unstable(MAX_NEAR_MISSES);
        let mut listed: Vec<bool> = e.statements.iter().map(|s| decides(e, s)).collect();
        for &(_, _, i) in &near[..MAX_NEAR_MISSES] {
            listed[i] = true;
        }
        Shown {
            listed: Some(listed),
            omitted: count - MAX_NEAR_MISSES,
        }
    }

    /// Whether the evaluation's `i`th statement, `s`, is listed.
    fn lists(&self, i: usize, s: &StatementTrace) -> bool {
        s.relevant() && self.listed.as_ref().is_none_or(|l| l[i])
    }

    /// How many traced conditions of each of `e`'s statements do not hold.
    fn failing_traced(e: &Evaluation) -> Vec<usize> {
        let failing = |s: &StatementTrace| {
            (s.conditions.iter())
                .filter(|c| c.outcome.result != Truth::True)
                .count()
        };
        e.statements.iter().map(failing).collect()
    }
}

/// A statement as the wire format shows it (borrowed: serialised without an intermediate tree).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct StatementView<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    layer: Layer,
    document: u32,
    index: u32,
    sid: Option<&'a str>,
    effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'a crate::eval::MatchTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a crate::eval::MatchTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    principal: Option<&'a crate::eval::MatchTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<Vec<ConditionView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applies: Option<Truth>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ConditionView<'a> {
    #[serde(flatten)]
    trace: &'a ConditionTrace,
    line: u32,
    column: u32,
    explanation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<String>,
}

fn statement_view<'a>(
    s: &'a StatementTrace,
    sources: &'a SourceMap,
    context: &Context,
    full: bool,
) -> StatementView<'a> {
    let lc = sources.line_col(s.statement.source, s.statement.span);
    StatementView {
        file: sources.name(s.statement.source),
        line: lc.line,
        column: lc.column,
        layer: s.statement.layer,
        document: s.statement.document,
        index: s.statement.index,
        sid: s.statement.sid.as_deref(),
        effect: s.statement.effect,
        action: full.then_some(&s.action),
        resource: full.then_some(&s.resource),
        principal: if full { s.principal.as_ref() } else { None },
        conditions: full.then(|| {
            s.conditions
                .iter()
                .map(|c| {
                    let lc = sources.line_col(s.statement.source, c.span);
                    ConditionView {
                        trace: c,
                        line: lc.line,
                        column: lc.column,
                        explanation: condition_sentence(c, context),
                        fix: fix_hint(c, s.statement.effect),
                    }
                })
                .collect()
        }),
        applies: full.then_some(s.applies),
    }
}

/// For each known key's slot, `,"KEY":{"values":["` with the key's canonical spelling, and
/// its length: a context entry's text up to its first value, in one copy (built at compile
/// time; a test checks each).
const KEY_HEADS: [([u8; 64], u8); crate::condition::KNOWN_KEYS.len()] = {
    let mut table = [([0u8; 64], 0u8); crate::condition::KNOWN_KEYS.len()];
    let mut i = 0;
    while i < crate::condition::CANONICAL_KEYS.len() {
        let (key, slot) = crate::condition::CANONICAL_KEYS[i];
        table[slot as usize] = padded(&[b",\"", key.as_bytes(), b"\":{\"values\":[\""]);
        i += 1;
    }
    table
};

/// The context as `{"KEY": {"values": [...], "source": "..."}}`, in the order it was built.
struct ContextView<'a>(&'a Context);

impl ContextView<'_> {
    /// Appends the object's compact JSON text, as serde_json writes it (a test holds them
    /// equal), directly: a context has some fifty short strings, and serde's machinery per
    /// string cost more than the rest of a brief line. Strings with nothing to escape (nearly
    /// all) are copied; the others are written by serde_json.
    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        match self.0.call_keys() {
            // The keys of the call, appended as they are to the request's: their text is
            // written once for the call (each entry after a comma) and copied from there.
            Some((at, call)) => {
                self.write_entries(out, &self.0.entries()[..at], 0);
                let text = call.text(|keys| {
                    let mut text = Vec::new();
                    ContextView(keys).write_entries(&mut text, keys.entries(), 1);
                    text
                });
                let comma = usize::from(at == 0 && !text.is_empty());
                out.extend_from_slice(&text[comma..]);
            }
            None => self.write_entries(out, self.0.entries(), 0),
        }
        out.push(b'}');
    }

    /// Writes `entries` of this context, the first as the `first`th of the object (after a
    /// comma unless it is the 0th).
    fn write_entries(&self, out: &mut Vec<u8>, entries: &[ContextEntry], first: usize) {
        for (i, e) in entries.iter().enumerate() {
            let i = i + first;
            // The usual entry (a canonical key, one value with nothing to escape) in three
            // copies: the text up to the value's quote (from `KEY_HEADS`), value, the rest.
            if let (Some(slot), Some(v)) = (e.canonical, self.0.entry_single_bytes(e)) {
                if crate::json::escape_at(v).is_none() {
                    let head = &KEY_HEADS[usize::from(slot)];
                    match i {
                        0 => out.extend_from_slice(&head.0[1..usize::from(head.1)]),
                        _ => push_padded(out, head),
                    }
                    out.extend_from_slice(v);
                    push_padded(out, &VALUE_CLOSES[e.source as usize]);
                    continue;
                }
            }
            if i > 0 {
                out.push(b',');
            }
            match &e.key {
                // A canonical spelling: nothing to escape (a test checks them all).
                std::borrow::Cow::Borrowed(k) => {
                    out.push(b'"');
                    out.extend_from_slice(k.as_bytes());
                    out.extend_from_slice(b"\":{\"values\":[");
                }
                std::borrow::Cow::Owned(k) => {
                    json_str(out, k);
                    out.extend_from_slice(b":{\"values\":[");
                }
            }
            let values = self.0.entry_values(e);
            json_strs(out, values.iter());
            out.extend_from_slice(source_close(e.source));
            if let Some(p) = values.partial() {
                // `,"unknownValue":{...}` inside the entry's object.
                out.pop();
                out.extend_from_slice(b",\"unknownValue\":");
                let _ = serde_json::to_writer(&mut *out, p);
                out.push(b'}');
            }
        }
    }
}

impl serde::Serialize for ContextView<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(serde::Serialize)]
        struct Entry<'a> {
            #[serde(serialize_with = "values_seq")]
            values: crate::condition::Values<'a>,
            source: &'static str,
            #[serde(rename = "unknownValue", skip_serializing_if = "Option::is_none")]
            partial: Option<&'a crate::condition::Partial>,
        }
        fn values_seq<S: serde::Serializer>(
            v: &crate::condition::Values<'_>,
            ser: S,
        ) -> Result<S::Ok, S::Error> {
            ser.collect_seq(v.iter())
        }
        let mut m = ser.serialize_map(Some(self.0.entries().len()))?;
        for e in self.0.entries() {
            let values = self.0.entry_values(e);
            m.serialize_entry(
                &e.key,
                &Entry {
                    values,
                    source: source_name(e.source),
                    partial: values.partial(),
                },
            )?;
        }
        m.end()
    }
}

/// Appends the items of an array of strings (not its brackets), as serde_json writes them.
fn json_strs<'s>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'s str>) {
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, s);
    }
}

/// Appends `s` as a JSON string, exactly as serde_json writes it (UTF-8 in, UTF-8 out).
fn json_str(out: &mut Vec<u8>, s: &str) {
    if crate::json::escape_at(s.as_bytes()).is_some() {
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct FaultView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    message: &'a str,
    detail: &'a str,
}

impl FaultView<'_> {
    /// Appends the object's compact JSON text, as serde_json writes it (a test holds them
    /// equal): its three strings, each copied unless it holds something to escape.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"type\":");
        json_str(out, self.kind);
        out.extend_from_slice(b",\"message\":");
        json_str(out, self.message);
        out.extend_from_slice(b",\"detail\":");
        json_str(out, self.detail);
        out.push(b'}');
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct EventView<'a> {
    event_type: &'static str,
    workflow_execution_started_event_attributes: &'a crate::swf::StartedEvent,
}

struct SettingsView<'a>(&'a [(&'static str, crate::swf::SettingSource)]);

impl serde::Serialize for SettingsView<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One call's result as the wire format shows it.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SimView<'a> {
    decision: Option<&'static str>,
    outcome: &'static str,
    resource: &'a str,
    context: ContextView<'a>,
    #[serde(flatten)]
    rest: SimRest<'a>,
}

/// The members after `context`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SimRest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    run_id: Option<&'a str>,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deciding_statements: Option<Vec<StatementView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    statements: Option<Vec<StatementView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted_statements: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layers: Option<&'a [crate::eval::LayerTrace]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing_context_keys: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    settle_with: Vec<SettleView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fault: Option<FaultView<'a>>,
    #[serde(flatten)]
    more: SimMore<'a>,
}

/// The members after `fault` (a batch line writes the ones before by hand).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SimMore<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    validation_errors: &'a [crate::swf::Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<EventView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<SettingsView<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
}

fn sim_view<'a>(r: &'a SimResult, sources: &'a SourceMap, full: bool) -> SimView<'a> {
    let e = r.evaluation.as_ref();
    let traced = e.filter(|_| full);
    let shown = traced.map(|e| Shown::of(e, || Shown::failing_traced(e)));
    let view = |s, full| statement_view(s, sources, &r.context, full);
    SimView {
        decision: r.decision.map(Decision::as_str),
        outcome: r.outcome.as_str(),
        resource: &r.resource,
        context: ContextView(&r.context),
        rest: SimRest {
            run_id: r.run_id.as_deref(),
            summary: summary(r),
            reason: e.map(|e| &e.reason),
            deciding_statements: e.map(|e| deciding_iter(e).map(|s| view(s, false)).collect()),
            statements: traced.zip(shown.as_ref()).map(|(e, shown)| {
                (e.statements.iter().enumerate())
                    .filter(|(i, s)| shown.lists(*i, s))
                    .map(|(_, s)| view(s, true))
                    .collect()
            }),
            omitted_statements: shown.map(|s| s.omitted).filter(|&n| n > 0),
            layers: traced.map(|e| e.layers.as_slice()),
            missing_context_keys: e.map(|e| e.missing_keys.as_slice()),
            settle_with: settle_with(r),
            fault: r.fault.as_ref().map(|f| fault_view(r, f)),
            more: more_view(r),
        },
    }
}

/// A key whose value would settle an unknown answer.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SettleView<'a> {
    key: &'a str,
    unknown_value: &'a crate::condition::Partial,
    /// The flag that gives it, with an example value.
    flag: String,
}

/// The keys that would settle an unknown decision, with the flag that gives each.
fn settle_with(r: &SimResult) -> Vec<SettleView<'_>> {
    let Some(e) = r
        .evaluation
        .as_ref()
        .filter(|e| e.decision == Decision::Unknown)
    else {
        return Vec::new();
    };
    e.unknown_keys
        .iter()
        .filter_map(|k| {
            let p = r
                .context
                .get(k)
                .and_then(|e| r.context.entry_values(e).partial())?;
            Some(SettleView {
                key: k,
                unknown_value: p,
                flag: settle::settle_flag(k, p),
            })
        })
        .collect()
}

/// The error line of an unknown answer: the flags that settle it, or the conditions that
/// cannot be evaluated.
pub fn unknown_error(r: &SimResult) -> String {
    let settle = settle_with(r);
    if settle.is_empty() {
        return "error: the answer depends on a condition swfsim cannot evaluate (see the statements marked ???)".into();
    }
    let flags: Vec<&str> = settle.iter().map(|s| s.flag.as_str()).collect();
    format!(
        "error: the answer depends on values swfsim does not know: give {}",
        flags.join(" ")
    )
}

/// The `fault` object of a result.
fn fault_view<'a>(r: &SimResult, f: &'a crate::swf::Fault) -> FaultView<'a> {
    FaultView {
        kind: r.outcome.as_str(),
        message: &f.message,
        detail: &f.detail,
    }
}

/// The members after `fault`.
fn more_view(r: &SimResult) -> SimMore<'_> {
    SimMore {
        validation_errors: &r.violations,
        event: r.event.as_ref().map(|ev| EventView {
            event_type: "WorkflowExecutionStarted",
            workflow_execution_started_event_attributes: ev,
        }),
        settings: (!r.settings.is_empty()).then_some(SettingsView(&r.settings)),
        notes: &r.notes,
    }
}

impl SimView<'_> {
    /// The compact JSON line: the text `serde_json::to_string` writes for the view (a test holds
    /// them equal), with the head and the context written directly and the rest by serde_json.
    fn line(&self, capacity: usize) -> String {
        let mut out = Vec::with_capacity(capacity);
        self.append_line(&mut out);
        match String::from_utf8(out) {
            Ok(line) => line,
            // Not reached: serde_json writes UTF-8 and the head is built from `&str`s.
            Err(_) => serde_json::to_string(self).unwrap_or_default(),
        }
    }

    /// Appends the line's UTF-8 text to `buf` (what it held before is kept). A batch writes the
    /// bytes as they are: the text is not validated again (a 6.5 KB line cost 2,900
    /// instructions to check).
    fn append_line(&self, buf: &mut Vec<u8>) {
        let start = buf.len();
        write_line_head(
            buf,
            self.decision,
            self.outcome,
            self.resource,
            &self.context,
        );
        if close_with_members(buf, &self.rest) {
            return;
        }
        // Not reached with this crate's views: the whole view through serde_json.
        buf.truncate(start);
        let _ = serde_json::to_writer(buf, self);
    }
}

/// Appends the members of `rest` (an object) to the object open in `buf` and closes it: its
/// `{` becomes the `,` after what precedes it, and an empty one just closes. False, with `buf`
/// to be rewritten, when `rest` does not serialise as an object.
fn close_with_members(buf: &mut Vec<u8>, rest: &impl serde::Serialize) -> bool {
    let mark = buf.len();
    if serde_json::to_writer(&mut *buf, rest).is_err() || buf.get(mark) != Some(&b'{') {
        return false;
    }
    if buf.len() == mark + 2 {
        buf.truncate(mark);
        buf.push(b'}');
    } else {
        buf[mark] = b',';
    }
    true
}

/// Appends `{"decision":...,"outcome":...,"resource":...,"context":{...}` as serde_json writes
/// it.
fn write_line_head(
    buf: &mut Vec<u8>,
    decision: Option<&str>,
    outcome: &str,
    resource: &str,
    context: &ContextView<'_>,
) {
    buf.extend_from_slice(b"{\"decision\":");
    match decision {
        Some(d) => json_str(buf, d),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"outcome\":");
    json_str(buf, outcome);
    buf.extend_from_slice(b",\"resource\":");
    json_str(buf, resource);
    buf.extend_from_slice(b",\"context\":");
    context.write(buf);
}

/// The JSON result of one call (see the module's wire format), as one line. Without `full`,
/// `statements` and `layers` (the per-statement traces) are left out.
pub fn sim_json_line(r: &SimResult, sources: &SourceMap, full: bool) -> String {
    sim_view(r, sources, full).line(2048)
}

/// [`sim_json_line`] for the lines of a batch: the same text as UTF-8 bytes (a batch writes
/// them as they are), statement traces taken from `cache` when an earlier line rendered the
/// same one. `policies` are those the evaluation was made with: a statement's full trace is
/// found by what it is made of (the statement, how Action and Resource went, the values of
/// its conditions' keys), and its conditions are traced only when that is new, so the
/// evaluation may be [`crate::eval::Detail::Deferred`].
pub fn sim_json_line_cached(
    r: &SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    cache: &mut RenderCache,
) -> Vec<u8> {
    let mut line = Vec::new();
    append_sim_json_line(r, sources, policies, full, cache, &mut line);
    line
}

/// [`sim_json_line_cached`] appended to `buf` (a batch writes a block of lines into one
/// buffer, which is then written out whole: no buffer a line, no copy into a writer's buffer).
pub fn append_sim_json_line(
    r: &SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    cache: &mut RenderCache,
    buf: &mut Vec<u8>,
) {
    // The members in the wire format's order, as serde_json writes `SimView` (a test holds the
    // two equal): most of the text comes from the cache, and nothing is collected first.
    let start = buf.len();
    let decision = r.decision.map(Decision::as_str);
    let context = ContextView(&r.context);
    write_line_head(buf, decision, r.outcome.as_str(), &r.resource, &context);
    if let Some(id) = &r.run_id {
        buf.extend_from_slice(b",\"runId\":");
        json_str(buf, id);
    }
    buf.push(b',');
    cache.write_head(buf, r);
    if let Some(e) = &r.evaluation {
        let mut list =
            |buf: &mut Vec<u8>, name: &[u8], items: &mut dyn Iterator<Item = _>, full| {
                buf.extend_from_slice(name);
                for (i, s) in items.enumerate() {
                    if i > 0 {
                        buf.push(b',');
                    }
                    cache.write_statement(buf, s, sources, &r.context, full);
                }
                buf.push(b']');
            };
        list(
            buf,
            b",\"decidingStatements\":[",
            &mut deciding_iter(e),
            false,
        );
        if full && e.detail == crate::eval::Detail::Brief {
            let shown = Shown::of(e, || Shown::failing_traced(e));
            let listed = e.statements.iter().enumerate();
            let listed = &mut listed.filter(|(i, s)| shown.lists(*i, s)).map(|(_, s)| s);
            list(buf, b",\"statements\":[", listed, true);
            write_omitted(buf, shown.omitted);
            buf.extend_from_slice(b",\"layers\":");
            cache.write_layers(buf, &e.layers);
        } else if full {
            let shown = Shown::of(e, || failing_deferred(policies, e, &r.context));
            buf.extend_from_slice(b",\"statements\":[");
            let (mut first, mut i) = (true, 0);
            with_compiled(policies, e.statements.iter(), |n, s, c| {
                if shown.lists(i, s) {
                    if !first {
                        buf.push(b',');
                    }
                    first = false;
                    cache.write_traced(buf, n, s, c, sources, &r.context);
                }
                i += 1;
            });
            buf.push(b']');
            write_omitted(buf, shown.omitted);
            buf.extend_from_slice(b",\"layers\":");
            cache.write_layers(buf, &e.layers);
        }
        buf.extend_from_slice(b",\"missingContextKeys\":[");
        json_strs(buf, e.missing_keys.iter().map(String::as_str));
        buf.push(b']');
        if e.decision == Decision::Unknown {
            let settle = settle_with(r);
            if !settle.is_empty() {
                buf.extend_from_slice(b",\"settleWith\":");
                let _ = serde_json::to_writer(&mut *buf, &settle);
            }
        }
    }
    if let Some(f) = &r.fault {
        buf.extend_from_slice(b",\"fault\":");
        fault_view(r, f).write(buf);
    }
    if close_with_members(buf, &more_view(r)) {
        return;
    }
    // Not reached: the line as the view writes it, its conditions traced.
    buf.truncate(start);
    let mut traced = r.clone();
    let deferred = |e: &&mut Evaluation| e.detail == crate::eval::Detail::Deferred;
    if let Some(e) = traced.evaluation.as_mut().filter(deferred) {
        with_compiled(policies, e.statements.iter_mut(), |_, s, c| {
            if s.relevant() && s.conditions.len() != c.conditions.len() {
                s.conditions = crate::eval::trace_conditions(c, &r.context);
            }
        });
    }
    sim_view(&traced, sources, full).append_line(buf);
}

/// Appends `,"omittedStatements":N` when `n` statements are left out (see [`Shown`]).
fn write_omitted(buf: &mut Vec<u8>, n: usize) {
    if n > 0 {
        buf.extend_from_slice(b",\"omittedStatements\":");
        buf.extend_from_slice(n.to_string().as_bytes());
    }
}

/// How many conditions of each of `e`'s statements do not hold in `context`, as their traces
/// would say (a deferred evaluation has none: they are decided on the compiled statements of
/// `policies`).
fn failing_deferred(policies: &PolicySet, e: &Evaluation, context: &Context) -> Vec<usize> {
    let mut failing = Vec::with_capacity(e.statements.len());
    with_compiled(policies, e.statements.iter(), |_, _, c| {
        let count = (c.conditions.iter())
            .filter(|cc| cc.holds(context) != Truth::True)
            .count();
        failing.push(count);
    });
    failing
}

/// Calls `f` with each of `traces` (an evaluation's, in their order), its statement's place
/// and its statement's compiled form, found by that place (a deferred or brief evaluation
/// holds only some statements' traces).
fn with_compiled<'p, T: std::ops::Deref<Target = StatementTrace>>(
    policies: &'p PolicySet,
    traces: impl Iterator<Item = T>,
    mut f: impl FnMut(usize, T, &'p crate::eval::CompiledStatement),
) {
    let (mut traces, mut n) = (traces.peekable(), 0);
    policies.each_compiled(|c| {
        if let Some(s) = traces.next_if(|s| s.position as usize == n) {
            f(n, s, c);
        }
        n += 1;
    });
}

/// The rendered JSON of statement traces, by what the rendering reads: the trace itself (which
/// statement, how Action, Resource and each condition went, on which values) and where the
/// context took each condition's key from (the explanation says so). The file names and line
/// index are those of the run. A batch meets the same few outcomes of each statement on most of
/// its lines: a hit costs a hash and a comparison instead of sentences and escaping. Each trace
/// is kept in its full form (`statements`) and its short one (`decidingStatements`) apart. The
/// `layers` arrays of a batch are kept the same way, by their whole content, and the `summary`
/// and `reason` members by the outcome, the reason and the fault's detail. At
/// most [`RenderCache::MAX`] entries of each kind (64 `layers` arrays and heads): memory stays
/// flat.
#[derive(Default)]
pub struct RenderCache {
    map: Buckets<CachedView>,
    /// Full statement texts by what the trace is made of (see [`RenderCache::write_traced`]).
    traced: Buckets<CachedTraced>,
    /// The `layers` arrays met so far (a batch meets a handful), with their text.
    layers: Vec<(Vec<crate::eval::LayerTrace>, Box<[u8]>)>,
    /// The `summary` and `reason` members met so far (a batch meets a handful), by what the
    /// summary reads: the outcome, the reason and the fault's detail.
    heads: Vec<CachedHead>,
}

struct CachedHead {
    outcome: Outcome,
    reason: Option<Reason>,
    detail: String,
    /// `"summary":...` and, with an evaluation, `,"reason":{...}`.
    text: Box<[u8]>,
}

/// Entries by their key's hash (equal hashes share a bucket), at most [`RenderCache::MAX`]: past
/// that, all are dropped and the cache starts over.
struct Buckets<E> {
    map: crate::hash::WordMap<u64, Vec<E>>,
    len: usize,
}

impl<E> Default for Buckets<E> {
    fn default() -> Self {
        Buckets {
            map: Default::default(),
            len: 0,
        }
    }
}

impl<E> Buckets<E> {
    fn find(&self, hash: u64, is: impl Fn(&E) -> bool) -> Option<&E> {
        self.map.get(&hash)?.iter().find(|e| is(e))
    }

    fn insert(&mut self, hash: u64, e: E) {
        if self.len >= RenderCache::MAX {
            self.map.clear();
            self.len = 0;
        }
        self.len += 1;
        self.map.entry(hash).or_default().push(e);
    }
}

/// A statement's full text and what it was made of: the statement (its place in the policy
/// set), how Action, Resource and Principal went, whether it applies, and for each condition
/// where its key's values came from and what they were.
struct CachedTraced {
    statement: usize,
    /// Action, Resource, Principal and `applies`, as [`RenderCache::write_traced`] packs them.
    shape: [u64; 4],
    /// The conditions' keys as [`encode_keys`] writes them, then the text: one allocation,
    /// read front to back (a vector of keys, each with a vector of strings, was three pointers
    /// to follow on every lookup, each a likely cache miss).
    bytes: Box<[u8]>,
    /// Where the text starts in `bytes`.
    text_at: usize,
}

/// Each condition's key, as the cache compares them: its source (`0xff` for none), then
/// `0` for no values or `1` and their count, then each value's length and bytes (lengths and
/// counts as 4-byte little-endian numbers).
type Keys<'a> = [(Option<ValueSource>, Option<crate::condition::Values<'a>>)];

fn encode_keys(out: &mut Vec<u8>, keys: &Keys<'_>) {
    for (source, values) in keys {
        out.push(source.map_or(0xff, |s| s as u8));
        match values {
            None => out.push(0),
            Some(values) => {
                out.push(1);
                out.extend_from_slice(&(values.iter().count() as u32).to_le_bytes());
                for v in values.iter() {
                    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
                    out.extend_from_slice(v.as_bytes());
                }
            }
        }
    }
}

/// Whether `stored` (as [`encode_keys`] wrote it) holds exactly `keys`.
fn same_keys(stored: &[u8], keys: &Keys<'_>) -> bool {
    /// The next `n` bytes of `at`, taken.
    fn take<'s>(at: &mut &'s [u8], n: usize) -> Option<&'s [u8]> {
        let (head, rest) = at.split_at_checked(n)?;
        *at = rest;
        Some(head)
    }
    fn number(at: &mut &[u8]) -> Option<usize> {
        let b = take(at, 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    let mut at = stored;
    for (source, values) in keys {
        let Some(&[src, has]) = take(&mut at, 2) else {
            return false;
        };
        if src != source.map_or(0xff, |s| s as u8) {
            return false;
        }
        match (has, values) {
            (0, None) => {}
            (1, Some(values)) => {
                let Some(mut left) = number(&mut at) else {
                    return false;
                };
                for v in values.iter() {
                    if left == 0
                        || number(&mut at) != Some(v.len())
                        || take(&mut at, v.len()) != Some(v.as_bytes())
                    {
                        return false;
                    }
                    left -= 1;
                }
                if left != 0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    at.is_empty()
}

struct CachedView {
    trace: StatementTrace,
    /// Rendered as `statements` shows it (else as `decidingStatements` does).
    full: bool,
    key_sources: u64,
    text: Box<[u8]>,
}

impl RenderCache {
    /// Entries kept before the cache starts over.
    pub const MAX: usize = 4096;

    /// Distinct `layers` arrays (and heads) kept before that list starts over.
    const MAX_LAYERS: usize = 64;

    /// Appends a line's `summary` and `reason` members, as serde_json writes them.
    fn write_head(&mut self, buf: &mut Vec<u8>, r: &SimResult) {
        let reason = r.evaluation.as_ref().map(|e| &e.reason);
        let detail = r.fault.as_ref().map_or("", |f| f.detail.as_str());
        if let Some(hit) = self.heads.iter().find(|h| {
            h.outcome == r.outcome
                && h.reason.as_ref() == reason
                && crate::pattern::same_text(&h.detail, detail)
        }) {
            buf.extend_from_slice(&hit.text);
            return;
        }
        let start = buf.len();
        buf.extend_from_slice(b"\"summary\":");
        json_str(buf, &summary(r));
        if let Some(reason) = reason {
            buf.extend_from_slice(b",\"reason\":");
            let _ = serde_json::to_writer(&mut *buf, reason);
        }
        if self.heads.len() >= Self::MAX_LAYERS {
            self.heads.clear();
        }
        self.heads.push(CachedHead {
            outcome: r.outcome,
            reason: reason.cloned(),
            detail: detail.to_string(),
            text: buf[start..].into(),
        });
    }

    /// Appends a `layers` array.
    fn write_layers(&mut self, buf: &mut Vec<u8>, layers: &[crate::eval::LayerTrace]) {
        if let Some((_, text)) = self.layers.iter().find(|(l, _)| l.as_slice() == layers) {
            buf.extend_from_slice(text);
            return;
        }
        if let Some(text) = write_fresh(buf, &layers) {
            if self.layers.len() >= Self::MAX_LAYERS {
                self.layers.clear();
            }
            self.layers.push((layers.to_vec(), text));
        }
    }

    /// Appends the `n`th statement's trace `s` (`c`, its compiled form) as `statements` shows
    /// it. A statement whose conditions read no policy variable is written from what its trace
    /// is made of: which statement it is, how Action, Resource and Principal went, whether it
    /// applies, and each condition's key (its values as the condition reads them, and their
    /// source, which the sentence names). Nothing else enters its text, so a hit needs no
    /// condition traced; a miss traces them (a [`crate::eval::Detail::Deferred`] trace has
    /// none) and keeps the text. Other statements (a condition reading a policy variable, or
    /// more than eight conditions) go by their whole trace.
    /// [`RenderCache::write_traced`]'s text written without the cache, its conditions traced
    /// first when the evaluation deferred them.
    fn write_afresh(
        &mut self,
        buf: &mut Vec<u8>,
        s: &StatementTrace,
        c: &crate::eval::CompiledStatement,
        sources: &SourceMap,
        context: &Context,
    ) {
        if s.conditions.len() != c.conditions.len() {
            let traced = StatementTrace {
                conditions: crate::eval::trace_conditions(c, context),
                ..s.clone()
            };
            self.write_statement(buf, &traced, sources, context, true);
        } else {
            self.write_statement(buf, s, sources, context, true);
        }
    }

    fn write_traced(
        &mut self,
        buf: &mut Vec<u8>,
        n: usize,
        s: &StatementTrace,
        c: &crate::eval::CompiledStatement,
        sources: &SourceMap,
        context: &Context,
    ) {
        use crate::condition::Lookup;
        use std::hash::{Hash, Hasher};
        let deferred = s.conditions.len() != c.conditions.len();
        let traced = || StatementTrace {
            conditions: crate::eval::trace_conditions(c, context),
            ..s.clone()
        };
        const MAX_KEYS: usize = 8;
        if c.conditions_read_variables || c.conditions.len() > MAX_KEYS {
            return self.write_afresh(buf, s, c, sources, context);
        }
        // Each condition's key as the text reads it: the values' source and the values.
        let mut keys: [(Option<ValueSource>, Option<crate::condition::Values<'_>>); MAX_KEYS] =
            [(None, None); MAX_KEYS];
        for (k, cc) in keys.iter_mut().zip(&c.conditions) {
            let source = context.get_slot(cc.slot, &cc.shown.key).map(|e| e.source);
            *k = (source, context.values_of(cc.slot, &cc.key_lower));
        }
        let keys = &keys[..c.conditions.len()];
        // A value known only in part is not among the keys the cache compares: written afresh.
        if keys
            .iter()
            .any(|(_, v)| v.is_some_and(|v| v.partial().is_some()))
        {
            return self.write_afresh(buf, s, c, sources, context);
        }
        // How Action, Resource and Principal went and whether it applies, as four words (an
        // item index has 32 bits).
        let word = |m: &crate::eval::MatchTrace| {
            u64::from(m.matched)
                | u64::from(m.negated) << 1
                | m.item.map_or(0, |i| u64::from(i) + 1) << 2
                | u64::from(m.unknown) << 62
        };
        let principal = s.principal.as_ref();
        let shape = [
            word(&s.action),
            word(&s.resource),
            principal.map_or(0, word),
            u64::from(principal.is_some()) | (s.applies as u64) << 1,
        ];
        let mut h = crate::hash::WordHasher::default();
        (n, shape).hash(&mut h);
        for (source, values) in keys {
            source.map(|src| src as u8).hash(&mut h);
            match values {
                Some(values) => {
                    for v in values.iter() {
                        v.hash(&mut h);
                    }
                }
                None => 0xfeu8.hash(&mut h),
            }
        }
        let hash = h.finish();
        let same = |e: &CachedTraced| {
            e.statement == n
                && e.shape == shape
                && same_keys(e.bytes.get(..e.text_at).unwrap_or_default(), keys)
        };
        if let Some(hit) = self.traced.find(hash, same) {
            buf.extend_from_slice(hit.bytes.get(hit.text_at..).unwrap_or_default());
            return;
        }
        let fresh;
        let trace = if deferred {
            fresh = traced();
            &fresh
        } else {
            s
        };
        let start = buf.len();
        let view = statement_view(trace, sources, context, true);
        if serde_json::to_writer(&mut *buf, &view).is_ok() {
            // The keys, then the text as written (copied once, not boxed first).
            let text = buf.get(start..).unwrap_or_default();
            let mut bytes = Vec::with_capacity(64 + text.len());
            encode_keys(&mut bytes, keys);
            let text_at = bytes.len();
            bytes.extend_from_slice(text);
            let cached = CachedTraced {
                statement: n,
                shape,
                bytes: bytes.into(),
                text_at,
            };
            self.traced.insert(hash, cached);
        }
    }

    /// Appends a statement trace as `statements` (`full`) or `decidingStatements` show it.
    fn write_statement(
        &mut self,
        buf: &mut Vec<u8>,
        s: &StatementTrace,
        sources: &SourceMap,
        context: &Context,
        full: bool,
    ) {
        use std::hash::{Hash, Hasher};
        let view = |s| statement_view(s, sources, context, full);
        // Four bits a condition: 0 for an absent key, else its source plus one. A full text of
        // a statement with more than sixteen conditions is rendered afresh (a deciding
        // statement's text goes by its reference, whatever its conditions).
        if full && s.conditions.len() > 16 {
            let _ = serde_json::to_writer(&mut *buf, &view(s));
            return;
        }
        // `Derived` is the last source: every source fits four bits.
        const _: () = assert!((ValueSource::Derived as u64) < 15);
        // Only fields that equality compares: equal traces hash alike. A statement shown as
        // `decidingStatements` shows it is its reference alone (file, place, layer, Sid,
        // effect): it goes by that (hashing the whole trace was a brief line's third most
        // costly step).
        let mut h = crate::hash::WordHasher::default();
        let st = &s.statement;
        (st.source, st.layer, st.document, st.index, st.span, full).hash(&mut h);
        let mut key_sources = 0;
        if full {
            key_sources = s.conditions.iter().fold(0u64, |acc, c| {
                let src = context
                    .get_slot(c.slot, &c.key)
                    .map_or(0, |e| e.source as u64 + 1);
                acc << 4 | src
            });
            for m in [Some(&s.action), Some(&s.resource), s.principal.as_ref()] {
                m.map(|m| (m.matched, m.item, m.negated)).hash(&mut h);
            }
            s.applies.hash(&mut h);
            for c in &s.conditions {
                let o = &c.outcome;
                (c.span, o.result, o.present, o.values.len()).hash(&mut h);
                for v in &o.values {
                    (&v.value, v.matched, v.result).hash(&mut h);
                }
            }
            key_sources.hash(&mut h);
        }
        let hash = h.finish();
        if let Some(hit) = self.map.find(hash, |c| {
            c.full == full
                && if full {
                    c.key_sources == key_sources && c.trace == *s
                } else {
                    c.trace.statement == *st
                }
        }) {
            buf.extend_from_slice(&hit.text);
            return;
        }
        if let Some(text) = write_fresh(buf, &view(s)) {
            let cached = CachedView {
                trace: s.clone(),
                full,
                key_sources,
                text,
            };
            self.map.insert(hash, cached);
        }
    }
}

/// Appends `view`'s JSON text, and returns that text for a cache (`None`, keeping nothing, when
/// it does not serialise: none of this module's views fails to).
fn write_fresh(buf: &mut Vec<u8>, view: &impl serde::Serialize) -> Option<Box<[u8]>> {
    let start = buf.len();
    serde_json::to_writer(&mut *buf, view).ok()?;
    Some(buf[start..].into())
}

/// The JSON result of one call (see the module's wire format).
pub fn sim_json(r: &SimResult, sources: &SourceMap) -> Value {
    serde_json::to_value(sim_view(r, sources, true)).unwrap_or(Value::Null)
}

/// `Action `x` matches`, `NotResource `y` excludes it`, ...
fn match_line(kind: &str, m: &crate::eval::MatchTrace, items: &[String]) -> String {
    let not = if m.negated { "Not" } else { "" };
    match (m.negated, m.item.and_then(|i| items.get(i as usize))) {
        (false, Some(i)) => format!("{not}{kind} `{i}` matches"),
        (false, None) => format!("{not}{kind}: no entry matches"),
        (true, Some(i)) => format!("{not}{kind} `{i}` excludes it"),
        (true, None) => format!("{not}{kind}: no entry excludes it"),
    }
}

/// The text result of one call: the decision first, then why.
pub fn sim_text(r: &SimResult, sources: &SourceMap, policies: &PolicySet) -> String {
    let mut out = String::new();
    let head = match (r.outcome, r.decision) {
        (Outcome::Started, _) => "STARTED".to_string(),
        (Outcome::Authorized, _) => "ALLOWED".to_string(),
        (Outcome::OperationNotPermitted, Some(d)) => format!("DENIED ({})", d.as_str()),
        (Outcome::Unknown, _) => "UNKNOWN".to_string(),
        (_, _) => "FAILED".to_string(),
    };
    out.push_str(&format!("{head}: {}\n", summary(r)));
    out.push_str(&format!("  resource: {}\n", r.resource));
    if let Some(id) = &r.run_id {
        out.push_str(&format!("  runId: {id}\n"));
    }
    if let Some(f) = &r.fault {
        if r.outcome != Outcome::OperationNotPermitted || !f.message.is_empty() {
            out.push_str(&format!(
                "  {}: {}\n",
                r.outcome.as_str(),
                if f.message.is_empty() {
                    "(empty message)"
                } else {
                    &f.message
                }
            ));
        }
    }
    for n in &r.notes {
        out.push_str(&format!("  note: {n}\n"));
    }
    if let Some(e) = &r.evaluation {
        let dec = deciding(e);
        if !dec.is_empty() {
            out.push_str("\ndeciding statements:\n");
            for s in &dec {
                out.push_str(&format!("  {}\n", stmt_title(s, sources)));
                // Why a Deny applied, or why an answer is unknown, is what a reader must change.
                if e.decision != Decision::Allowed {
                    statement_details(&mut out, s, sources, policies, &r.context);
                }
            }
        }
        let relevant: Vec<&StatementTrace> = e.statements.iter().filter(|s| s.relevant()).collect();
        let near: Vec<&&StatementTrace> = relevant
            .iter()
            .filter(|s| s.applies != Truth::True)
            .collect();
        if !near.is_empty() {
            out.push_str("\nstatements that nearly applied (Action and Resource matched):\n");
            for s in near {
                out.push_str(&format!("  {}\n", stmt_title(s, sources)));
                statement_details(&mut out, s, sources, policies, &r.context);
            }
        }
        // Allow statements whose Action matched but no Resource entry did: the usual "wrong ARN".
        if e.decision == Decision::ImplicitDeny {
            let misses: Vec<&StatementTrace> = e
                .statements
                .iter()
                .filter(|s| {
                    s.statement.effect == Effect::Allow && s.action.matched && !s.resource.matched
                })
                .take(5)
                .collect();
            if !misses.is_empty() {
                out.push_str(&format!("\nAllow statements whose Action matches but whose Resource does not match {}:\n", r.resource));
                for s in misses {
                    let (_, resources) = policies.statement_texts(&s.statement);
                    out.push_str(&format!("  {}\n", stmt_title(s, sources)));
                    let verb = if s.resource.negated {
                        "NotResource excludes it"
                    } else {
                        "Resource"
                    };
                    out.push_str(&format!("    {verb}: {}\n", quote_list(&resources)));
                }
            }
        }
        if e.decision != Decision::Allowed && relevant.is_empty() {
            out.push_str(&format!(
                "\nno statement in any policy has both an Action that matches {} and a Resource that matches {}\n",
                crate::request::ACTION,
                r.resource
            ));
        }
        if !e.missing_keys.is_empty() {
            out.push_str(&format!(
                "\nmissing context keys: {}\n",
                e.missing_keys.join(", ")
            ));
        }
        settle_text(&mut out, r);
    }
    if !r.violations.is_empty() {
        out.push_str("\nvalidation errors:\n");
        for v in &r.violations {
            let val = v
                .value
                .as_deref()
                .map(|s| format!("`{s}`"))
                .unwrap_or_else(|| "missing".into());
            out.push_str(&format!("  {}: {val}: {}\n", v.path, v.constraint));
        }
    }
    if let Some(ev) = &r.event {
        out.push_str("\nWorkflowExecutionStarted:\n");
        if let Value::Object(attrs) = json!(ev) {
            for (k, v) in attrs {
                let src = r
                    .settings
                    .iter()
                    .find(|(n, _)| *n == k || (k == "taskList" && *n == "taskList"))
                    .map(|(_, s)| match s {
                        crate::swf::SettingSource::Request => "  (request)",
                        crate::swf::SettingSource::TypeDefault => "  (type default)",
                        crate::swf::SettingSource::ServiceDefault => "  (SWF default)",
                    })
                    .unwrap_or("");
                out.push_str(&format!("  {k}: {v}{src}\n"));
            }
        }
    }
    context_text(&mut out, &r.context);
    out
}

/// The keys that settle an unknown answer, with the flag for each.
fn settle_text(out: &mut String, r: &SimResult) {
    let settle = settle_with(r);
    if settle.is_empty() {
        return;
    }
    out.push_str("\nthe answer waits on values swfsim does not know; give them to settle it:\n");
    for s in &settle {
        out.push_str(&format!(
            "  {} ({}): {}\n",
            s.key,
            settle::known_words(s.unknown_value),
            s.flag
        ));
    }
}

/// The context table: each key, its value (or what is known of it) and where it came from.
fn context_text(out: &mut String, context: &Context) {
    out.push_str("\ncontext:\n");
    for e in context.entries() {
        let values = context.entry_values(e);
        let vals = match (values.partial(), values.single()) {
            (Some(p), _) => format!("? ({})", settle::known_words(p)),
            (None, Some(v)) => v.to_string(),
            (None, None) => format!("{:?}", values.iter().collect::<Vec<_>>()),
        };
        let note = match (e.source, e.key.to_ascii_lowercase().as_str()) {
            (ValueSource::Default, "aws:principalarn") => {
                "; the role's path is taken as `/`: --role-path sets it"
            }
            _ => "",
        };
        out.push_str(&format!(
            "  {} = {vals}  ({}{note})\n",
            e.key,
            source_words(e.source)
        ));
    }
}

/// A statement's Action and Resource matches and each condition, with what to change.
fn statement_details(
    out: &mut String,
    s: &StatementTrace,
    sources: &SourceMap,
    policies: &PolicySet,
    context: &Context,
) {
    let (actions, resources) = policies.statement_texts(&s.statement);
    out.push_str(&format!(
        "    {}\n",
        match_line("Action", &s.action, &actions)
    ));
    out.push_str(&format!(
        "    {}\n",
        match_line("Resource", &s.resource, &resources)
    ));
    for c in &s.conditions {
        let mark = match c.outcome.result {
            Truth::True => "ok  ",
            Truth::False => "FAIL",
            Truth::Unknown => "??? ",
        };
        let lc = sources.line_col(s.statement.source, c.span);
        out.push_str(&format!(
            "    {mark} {} (line {})\n",
            condition_sentence(c, context),
            lc.line
        ));
        if let Some(h) = fix_hint(c, s.statement.effect) {
            out.push_str(&format!("         to fix: {h}\n"));
        }
    }
}

fn stmt_title(s: &StatementTrace, sources: &SourceMap) -> String {
    let sid = s
        .statement
        .sid
        .as_deref()
        .map(|x| format!(" Sid `{x}`"))
        .unwrap_or_default();
    let effect = match s.statement.effect {
        Effect::Allow => "Allow",
        Effect::Deny => "Deny",
    };
    let doc = if s.statement.document > 0 {
        format!(" (document {})", s.statement.document)
    } else {
        String::new()
    };
    format!(
        "{}: {effect} statement {}{sid}{doc} in the {}",
        location(sources, s.statement.source, s.statement.span),
        s.statement.index,
        layer_words(s.statement.layer)
    )
}

/// `file:line:col: error[CODE]: message`, the source line with a caret, and `help:`.
pub fn diagnostic(
    sources: &SourceMap,
    id: SourceId,
    span: Span,
    code: Option<&str>,
    message: &str,
    help: Option<&str>,
) -> String {
    let mut out = String::new();
    let lc = sources.line_col(id, span);
    let code = code.map(|c| format!("[{c}]")).unwrap_or_default();
    out.push_str(&format!(
        "{}:{}: error{code}: {message}\n",
        sources.name(id),
        lc
    ));
    if let Some(f) = sources.get(id) {
        let line = f.lines.line_text(&f.text, lc.line);
        if !line.is_empty() && line.len() <= 300 {
            let pad = " ".repeat(lc.column.saturating_sub(1) as usize);
            let width = f.snippet(span).chars().take(80).count().max(1);
            out.push_str(&format!("    {line}\n    {pad}{}\n", "^".repeat(width)));
        }
    }
    if let Some(h) = help {
        out.push_str(&format!("  help: {h}\n"));
    }
    out
}

/// One lint finding, located, for rendering.
#[derive(Clone, Debug)]
pub struct LintRow<'a> {
    /// The file.
    pub source: SourceId,
    /// The finding and its suppression.
    pub reported: &'a crate::lint::Reported,
}

fn end_of(sources: &SourceMap, id: SourceId, span: Span) -> crate::source::LineCol {
    let end = Span::new(span.end as usize, span.end as usize);
    sources.line_col(id, end)
}

/// Ruff-style text: `file:line:col: CODE [severity] message`, the source line, a caret, `help:`.
pub fn lint_text(rows: &[LintRow<'_>], sources: &SourceMap) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for r in rows {
        let f = &r.reported.finding;
        if r.reported.suppressed.is_some() {
            continue;
        }
        shown += 1;
        let lc = sources.line_col(r.source, f.span);
        out.push_str(&format!(
            "{}:{}: {} [{}] {}\n",
            sources.name(r.source),
            lc,
            f.code,
            f.severity.as_str(),
            f.message
        ));
        if let Some(file) = sources.get(r.source) {
            let line = file.lines.line_text(&file.text, lc.line);
            let at = (f.span.start as usize).saturating_sub(file.lines.line_start(lc.line));
            let (shown_line, col) = clip_line(line, at, lc.column as usize);
            if !shown_line.is_empty() {
                let width = file.snippet(f.span).chars().take(60).count().max(1);
                let gutter = lc.line.to_string().len();
                out.push_str(&format!("{:gutter$} |\n", ""));
                out.push_str(&format!("{} | {}\n", lc.line, shown_line));
                out.push_str(&format!(
                    "{:gutter$} | {}{}\n",
                    "",
                    " ".repeat(col.saturating_sub(1)),
                    "^".repeat(width)
                ));
            }
        }
        if let Some(h) = &f.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        out.push('\n');
    }
    let suppressed = rows.len() - shown;
    out.push_str(&format!(
        "{shown} finding{}{}\n",
        if shown == 1 { "" } else { "s" },
        if suppressed > 0 {
            format!(" ({suppressed} suppressed)")
        } else {
            String::new()
        }
    ));
    out
}

/// A lint finding as a note beside another command's answer (on stderr): its place, code,
/// severity and message, and its help.
pub fn lint_note(sources: &SourceMap, id: SourceId, f: &crate::lint::Finding) -> String {
    let mut out = format!(
        "{}:{}: {} [{}] {}\n",
        sources.name(id),
        sources.line_col(id, f.span),
        f.code,
        f.severity.as_str(),
        f.message
    );
    if let Some(h) = &f.help {
        out.push_str(&format!("  = help: {h}\n"));
    }
    out
}

/// Long lines (one-line policies) are shown as a window around the column: 39 characters
/// before it and 100 in all. `at` is the column's byte offset in the line; only the window is
/// walked, so a finding costs the same on a minified policy as on a pretty-printed one.
fn clip_line(line: &str, at: usize, column: usize) -> (String, usize) {
    if line.chars().nth(120).is_none() {
        return (line.to_string(), column);
    }
    let mut at = at.min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    let back = column.saturating_sub(1).min(39);
    let from = match back {
        0 => at,
        n => line[..at]
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(0, |(i, _)| i),
    };
    let to = line[from..]
        .char_indices()
        .nth(100)
        .map_or(line.len(), |(i, _)| from + i);
    let (head, shift) = if from > 0 { ("...", 3) } else { ("", 0) };
    let tail = if to < line.len() { "..." } else { "" };
    (format!("{head}{}{tail}", &line[from..to]), back + 1 + shift)
}

/// The JSON report of `lint` (CONTRACT.md's fields, and more).
pub fn lint_json(rows: &[LintRow<'_>], sources: &SourceMap) -> Value {
    let findings: Vec<Value> = rows
        .iter()
        .map(|r| {
            let f = &r.reported.finding;
            let lc = sources.line_col(r.source, f.span);
            let end = end_of(sources, r.source, f.span);
            let mut m = Map::new();
            m.insert("file".into(), json!(sources.name(r.source)));
            m.insert("line".into(), json!(lc.line));
            m.insert("column".into(), json!(lc.column));
            m.insert("endLine".into(), json!(end.line));
            m.insert("endColumn".into(), json!(end.column));
            m.insert("offset".into(), json!(f.span.start));
            m.insert("endOffset".into(), json!(f.span.end));
            m.insert("severity".into(), json!(f.severity.as_str()));
            m.insert("code".into(), json!(f.code));
            m.insert(
                "name".into(),
                json!(crate::lint::rule(f.code).map(|r| r.meta.name)),
            );
            m.insert("message".into(), json!(f.message));
            m.insert("path".into(), json!(f.path));
            if let Some(h) = &f.help {
                m.insert("help".into(), json!(h));
            }
            if let Some(reason) = &r.reported.suppressed {
                m.insert("suppressed".into(), json!(true));
                m.insert("suppressionReason".into(), json!(reason));
            }
            Value::Object(m)
        })
        .collect();
    json!({ "findings": findings })
}

fn fingerprint(parts: &[&str]) -> String {
    // FNV-1a, 64 bits: stable across runs and versions.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn sarif_level(s: crate::lint::Severity) -> &'static str {
    match s {
        crate::lint::Severity::Error => "error",
        crate::lint::Severity::SecurityWarning | crate::lint::Severity::Warning => "warning",
        crate::lint::Severity::Suggestion => "note",
    }
}

/// SARIF 2.1.0 as GitHub code scanning takes it: every rule in `driver.rules`, stable rule ids,
/// 1-based lines and columns (Unicode code points), suppressed findings left out.
pub fn lint_sarif(rows: &[LintRow<'_>], sources: &SourceMap) -> Value {
    use crate::lint::{rules::ALL, Severity};
    let rules: Vec<Value> = ALL
        .iter()
        .map(|r| {
            let m = r.meta;
            let mut props = json!({
                "tags": match m.severity {
                    Severity::SecurityWarning => vec!["security", "iam", "swf"],
                    _ => vec!["iam", "swf"],
                },
                "precision": "very-high",
                "problem.severity": match m.severity {
                    Severity::Error => "error",
                    Severity::SecurityWarning | Severity::Warning => "warning",
                    Severity::Suggestion => "recommendation",
                },
            });
            if m.severity == Severity::SecurityWarning {
                props["security-severity"] = json!("7.0");
            }
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.what},
                "help": {"text": format!("{}\n\n{}", m.what, m.why), "markdown": m.explain()},
                "defaultConfiguration": {"level": sarif_level(m.severity)},
                "properties": props,
            })
        })
        .collect();
    let results: Vec<Value> = rows
        .iter()
        .filter(|r| r.reported.suppressed.is_none())
        .map(|r| {
            let f = &r.reported.finding;
            let lc = sources.line_col(r.source, f.span);
            let mut end = end_of(sources, r.source, f.span);
            if end <= lc {
                end = crate::source::LineCol { line: lc.line, column: lc.column + 1 };
            }
            let index = ALL.iter().position(|x| x.meta.code == f.code).unwrap_or(0);
            let uri = sources.name(r.source).trim_start_matches("./").to_string();
            json!({
                "ruleId": f.code,
                "ruleIndex": index,
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": lc.line, "startColumn": lc.column, "endLine": end.line, "endColumn": end.column}
                }}],
                "partialFingerprints": {"primaryLocationLineHash": fingerprint(&[f.code, &uri, &f.path, &f.message])},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "swfsim",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Detail::Deferred;
    use crate::request::{CallInputs, Principal, StartRequest, UserKey};
    use crate::swf::{simulate, simulate_with, RunIds, World};

    /// The window a long line is shown in is the one counted over the whole line: 39
    /// characters before the column, 100 in all, `...` where the line goes on.
    #[test]
    fn a_long_line_is_clipped_around_the_column_it_shows() {
        fn by_counting(line: &str, column: usize) -> (String, usize) {
            let chars: Vec<char> = line.chars().collect();
            if chars.len() <= 120 {
                return (line.to_string(), column);
            }
            let start = column.saturating_sub(40);
            let end = (start + 100).min(chars.len());
            let body: String = chars[start..end].iter().collect();
            let (head, shift) = if start > 0 { ("...", 3) } else { ("", 0) };
            let tail = if end < chars.len() { "..." } else { "" };
            (format!("{head}{body}{tail}"), column - start + shift)
        }
        for n in [50, 120, 121, 400] {
            let line: String = (0..n)
                .map(|i| ['a', '\u{e9}', '\u{1f600}'][i % 3])
                .collect();
            let ends = line.char_indices().map(|(i, _)| i).chain([line.len()]);
            for (c, at) in ends.enumerate() {
                assert_eq!(
                    clip_line(&line, at, c + 1),
                    by_counting(&line, c + 1),
                    "{n} {c}"
                );
            }
        }
    }

    /// Every byte below 0x80 and a few wider characters, in every position of an eight-byte
    /// word: written as serde_json writes them (a missed escape would show here).
    /// The render cache's key comparison (it settles what equal 64-bit hashes leave open):
    /// keys equal to those encoded are the same; a different source, value, count of values,
    /// absence, or number of keys is not, however the values' lengths line up.
    #[test]
    fn cached_keys_are_the_same_only_when_every_source_and_value_is() {
        use crate::condition::Values::{Many, One};
        use crate::request::ValueSource::{CommandLine, Request};
        let ab = ["a".to_string(), "b".to_string()];
        let ba = ["b".to_string(), "a".to_string()];
        let kept = [
            (Some(Request), Some(One("dev-q"))),
            (None, Some(Many(&ab))),
            (None, None),
        ];
        let mut stored = Vec::new();
        encode_keys(&mut stored, &kept);
        assert!(same_keys(&stored, &kept));
        let (a, ab_) = (["a".to_string()], ["ab".to_string()]);
        let with = |i: usize, key| {
            let mut keys = kept.to_vec();
            keys[i] = key;
            keys
        };
        let others = [
            with(0, (Some(Request), Some(One("ops-q")))),
            with(0, (Some(CommandLine), Some(One("dev-q")))),
            with(1, (None, Some(Many(&ba)))),
            with(1, (None, Some(Many(&a)))),
            with(1, (None, Some(Many(&ab_)))),
            with(2, (None, Some(Many(&[])))),
            kept[..2].to_vec(),
            [&kept[..], &[(None, None)]].concat(),
        ];
        for other in &others {
            assert!(!same_keys(&stored, other), "{other:?}");
            let mut theirs = Vec::new();
            encode_keys(&mut theirs, other);
            assert!(!same_keys(&theirs, &kept), "{other:?}");
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        for c in (0u32..0x80).chain([0xE9, 0x2028, 0x1F600]) {
            let ch = char::from_u32(c).unwrap_or('?');
            for at in 0..17 {
                let mut s: String = "abcdefghijklmnopq".chars().take(at).collect();
                s.push(ch);
                s.push_str("rstuvwxyz");
                let mut out = Vec::new();
                json_str(&mut out, &s);
                assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
            }
        }
    }

    const DENY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "NoForbidden",
        "Effect": "Deny", "Action": "swf:StartWorkflowExecution", "Resource": "*",
        "Condition": {"StringEquals": {"swf:tagList.member.2": "forbidden"},
                      "StringLikeIfExists": {"swf:taskList.name": ["*", "${aws:username}-*"]}}}]}"#;

    /// The wire format's names of the context's sources (the module's table), and the text
    /// that closes an entry with each.
    #[test]
    fn context_sources_have_their_wire_names() {
        for (src, name) in [
            (ValueSource::Request, "request"),
            (ValueSource::TypeDefault, "typeDefault"),
            (ValueSource::World, "world"),
            (ValueSource::Principal, "principal"),
            (ValueSource::Region, "region"),
            (ValueSource::CommandLine, "commandLine"),
            (ValueSource::Clock, "clock"),
            (ValueSource::Default, "default"),
            (ValueSource::Derived, "derived"),
        ] {
            assert_eq!(source_name(src), name);
            let close = format!(r#"],"source":"{name}"}}"#);
            assert_eq!(source_close(src), close.as_bytes());
            assert_eq!(value_close(src), format!("\"{close}").as_bytes());
            let mut padded = b"x".to_vec();
            push_padded(&mut padded, &VALUE_CLOSES[src as usize]);
            assert_eq!(padded, format!("x\"{close}").as_bytes());
        }
    }

    /// The context writer copies a key it holds borrowed without looking for bytes to escape:
    /// such a key is a canonical spelling, and none of those holds one. Its text up to the
    /// value comes from `KEY_HEADS` by the entry's slot.
    #[test]
    fn canonical_keys_hold_nothing_to_escape() {
        for (k, _) in crate::condition::CANONICAL_KEYS {
            assert_eq!(crate::json::escape_at(k.as_bytes()), None, "{k}");
        }
        let mut cx = Context::new();
        cx.set("AWS:USERNAME", "a".to_string(), ValueSource::CommandLine);
        cx.set(
            "aws:PrincipalTag/\"",
            "b".to_string(),
            ValueSource::CommandLine,
        );
        cx.set("aws:username", "c".to_string(), ValueSource::CommandLine);
        cx.set("aws:SourceIp", "d".to_string(), ValueSource::CommandLine);
        // Every canonical key, set by its own spelling, is written from its `KEY_HEADS` text.
        for &(k, slot) in crate::condition::CANONICAL_KEYS {
            let (head, len) = &KEY_HEADS[usize::from(slot)];
            let want = format!(",\"{k}\":{{\"values\":[\"");
            assert_eq!(&head[..usize::from(*len)], want.as_bytes());
            cx.set(k, format!("v-{slot}"), ValueSource::Request);
        }
        for e in cx.entries() {
            // A key held borrowed is a canonical spelling, and its entry knows its slot.
            match (&e.key, e.canonical) {
                (std::borrow::Cow::Borrowed(k), Some(slot)) => assert!(
                    crate::condition::CANONICAL_KEYS.contains(&(k, slot)),
                    "{k} {slot}"
                ),
                (std::borrow::Cow::Owned(_), None) => {}
                (k, slot) => panic!("{k} {slot:?}"),
            }
        }
        let mut out = Vec::new();
        ContextView(&cx).write(&mut out);
        assert_eq!(out, serde_json::to_vec(&ContextView(&cx)).unwrap());
    }

    /// A context that took a call's keys as they are is written with their text made once:
    /// what serde_json writes, whether the request gave keys before them or none, for every
    /// context that shares the text, and once the context changed.
    #[test]
    fn call_keys_are_written_as_serde_json_writes_them() {
        use crate::request::{
            build_context_with, CallInputs, CallKeys, Principal, StartRequest, UserKey,
            WorkflowTypeRef, WorldFacts,
        };
        let call = CallInputs {
            principal: Principal::parse("arn:aws:iam::111122223333:user/bob")
                .unwrap()
                .into(),
            region: "eu-west-1".into(),
            user_keys: vec![UserKey {
                key: "app:Quote\"".into(),
                values: vec!["a\"b".into(), "c".into()],
                span: Default::default(),
            }],
            now: 1_795_608_000,
            caller: Default::default(),
        };
        let typed = StartRequest {
            workflow_type: Some(WorkflowTypeRef {
                name: Some("N".into()),
                version: Some("1".into()),
            }),
            ..Default::default()
        };
        let mut calls = CallKeys::default();
        let facts = WorldFacts::default();
        for request in [typed.clone(), StartRequest::default(), typed] {
            let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
            assert!(cx.call_keys().is_some());
            for _changed in 0..2 {
                let mut out = Vec::new();
                ContextView(&cx).write(&mut out);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(&ContextView(&cx)).unwrap()
                );
                cx.set(
                    "aws:SourceIp",
                    "203.0.113.7".to_string(),
                    ValueSource::CommandLine,
                );
            }
        }
    }

    /// The line writer (head and context by hand, the rest by serde_json, statement traces
    /// from the cache) writes what serde_json writes for the whole view: allowed, denied,
    /// started (runId, event, settings), faults, validation errors, and values to escape.
    #[test]
    fn lines_are_the_text_serde_json_writes() {
        let mut sources = SourceMap::new();
        let mut load = |name: &str, text: &str, kind| {
            let id = sources.add(name.to_string(), text.to_string());
            crate::eval::load(text, id, kind).unwrap()
        };
        let kind = crate::policy::PolicyKind::Identity;
        let set = PolicySet {
            identity: [
                load(
                    "i1.json",
                    include_str!("../bench/workload/identity-1.json"),
                    kind,
                ),
                load("deny.json", DENY, kind),
                load(
                    "e4.json",
                    include_str!("../policies/e4-type-name-and-version.json"),
                    kind,
                ),
                load(
                    "e1.json",
                    include_str!("../policies/e1-all-swf-one-account.json"),
                    kind,
                ),
            ]
            .concat(),
            ..Default::default()
        };
        let world_text = include_str!("../policies/world.json");
        let mut world = World::from_json(&crate::json::parse(world_text).unwrap()).unwrap();
        let principal = |user: &str| {
            Principal::parse(&format!("arn:aws:iam::123456789012:user/{user}")).unwrap()
        };
        let requests = [
            r#"{"domain":"orders","workflowId":"a","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
            r#"{"domain":"orders","workflowId":"a","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
            r#"{"domain":"prod-x","workflowId":"b","workflowType":{"name":"OrderFlow","version":"1.0"},"taskList":{"name":"prod-\"q\"\n"},"tagList":["team-a","é\u0001"]}"#,
            r#"{"domain":"alice-x","workflowId":"c","workflowType":{"name":"R","version":"0.1"},"tagList":["x","y","forbidden"]}"#,
            r#"{"domain":"nowhere","workflowId":"d","workflowType":{"name":"N","version":"9.9"}}"#,
            r#"{"domain":"orders","workflowId":"","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
            // The same outcome and reason as `nowhere`'s, another fault detail in the summary.
            r#"{"domain":"orders","workflowId":"e","workflowType":{"name":"NoSuchType","version":"1.0"}}"#,
            // An unknown domain whose name the fault's message and detail must escape (the
            // second time, against the world).
            r#"{"domain":"no\"where\\","workflowId":"f","workflowType":{"name":"N","version":"9.9"}}"#,
            r#"{"domain":"no\"where\\","workflowId":"f","workflowType":{"name":"N","version":"9.9"}}"#,
        ];
        let mut cache = RenderCache::default();
        let mut ids = RunIds::new(3);
        let mut outcomes = std::collections::BTreeSet::new();
        for (i, text) in requests.iter().enumerate() {
            let req = StartRequest::from_json(&crate::json::parse(text).unwrap()).unwrap();
            for user in ["alice", "bob"] {
                let call = CallInputs {
                    principal: principal(user).into(),
                    region: "us-east-1".into(),
                    user_keys: vec![
                        UserKey {
                            key: "aws:CurrentTime".into(),
                            values: vec!["2026-06-01T00:00:00Z".into()],
                            span: Span::default(),
                        },
                        // A key of the caller's own spelling, with bytes to escape.
                        UserKey {
                            key: "aws:PrincipalTag/q\"\u{1}".into(),
                            values: vec!["v\\".into()],
                            span: Span::default(),
                        },
                    ],
                    now: 1_767_225_600,
                    caller: Default::default(),
                };
                let w = (i % 2 == 0).then_some(&mut world);
                let mut w_before = w.as_deref().cloned();
                let mut ids_before = ids.clone();
                let r = simulate(&req, &set, &call, w, &mut ids);
                outcomes.insert(r.outcome.as_str());
                for full in [true, false] {
                    let want = serde_json::to_string(&sim_view(&r, &sources, full)).unwrap();
                    assert_eq!(sim_json_line(&r, &sources, full), want);
                    assert_eq!(
                        sim_json_line_cached(&r, &sources, &set, full, &mut cache),
                        want.as_bytes()
                    );
                }
                // Deferred, on the world and run ids as they were: the full line again.
                let deferred = simulate_with(
                    &req,
                    &set,
                    &call,
                    w_before.as_mut(),
                    &mut ids_before,
                    Deferred,
                );
                let want = serde_json::to_string(&sim_view(&r, &sources, true)).unwrap();
                assert_eq!(
                    sim_json_line_cached(&deferred, &sources, &set, true, &mut cache),
                    want.as_bytes()
                );
            }
        }
        assert_eq!(outcomes.len(), 6, "{outcomes:?}");
    }

    /// A statement whose condition reads a policy variable is written from its whole trace: two
    /// callers sending the same values get different condition results from it (one of two
    /// conditions holds for one of them), with the statement failing for both.
    #[test]
    fn a_statement_reading_a_policy_variable_is_not_written_from_its_keys_alone() {
        let mut sources = SourceMap::new();
        let text = r#"{"Version": "2012-10-17", "Statement": {"Sid": "OwnList", "Effect": "Allow",
            "Action": "swf:StartWorkflowExecution", "Resource": "*",
            "Condition": {"StringEquals": {"swf:taskList.name": "${aws:username}-tl",
                                           "swf:workflowType.name": "Nope"}}}}"#;
        let id = sources.add("own.json".to_string(), text.to_string());
        let kind = crate::policy::PolicyKind::Identity;
        let set = PolicySet {
            identity: crate::eval::load(text, id, kind).unwrap(),
            ..Default::default()
        };
        let req = StartRequest::from_json(
            &crate::json::parse(
                r#"{"domain":"d","workflowId":"w","workflowType":{"name":"T","version":"1"},"taskList":{"name":"alice-tl"}}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let mut cache = RenderCache::default();
        let mut lines = Vec::new();
        for user in ["alice", "bob", "alice", "bob"] {
            let call = CallInputs {
                principal: Principal::parse(&format!("arn:aws:iam::123456789012:user/{user}"))
                    .unwrap()
                    .into(),
                region: "us-east-1".into(),
                user_keys: Vec::new(),
                now: 0,
                caller: Default::default(),
            };
            let full = simulate(&req, &set, &call, None, &mut RunIds::new(1));
            let want = sim_json_line(&full, &sources, true);
            let deferred = simulate_with(&req, &set, &call, None, &mut RunIds::new(1), Deferred);
            for r in [&deferred, &full] {
                assert_eq!(
                    sim_json_line_cached(r, &sources, &set, true, &mut cache),
                    want.as_bytes(),
                    "{user}"
                );
            }
            lines.push(want);
        }
        assert_ne!(lines[0], lines[1]);
        assert!(lines[0].contains("\"result\":\"true\""), "{}", lines[0]);
    }
}
