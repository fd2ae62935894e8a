//! The JSON answer of `simulate --format json`, in its serde form: the wire format's one
//! definition (its fields are described in docs/wire-format.md). A single answer is written
//! from it; a batch's lines are written by [`line`], which writes the same bytes faster (tests
//! hold the two equal).

mod cache;
mod line;

pub use cache::RenderCache;
pub use line::{append_sim_json_line, sim_json_line_cached};

use super::explanation::{condition_sentence, deciding_iter, default_words, summary};
use super::fix_hint;
use super::plain::{plain, plain_str, plain_strs};
use super::settle::{settle_with, SettleView};
use super::shown::Shown;
use crate::condition::Truth;
use crate::eval::{ConditionTrace, Decision, Layer, Reason, StatementTrace};
use crate::policy::Effect;
use crate::request::{CaseId, Context, ValueSource};
use crate::source::SourceMap;
use crate::swf::SimResult;
use serde_json::Value;

/// The JSON result of one call (see docs/wire-format.md), as one line. Without `full`,
/// `statements` and `layers` (the per-statement traces) are left out.
pub fn sim_json_line(r: &SimResult, sources: &SourceMap, full: bool) -> String {
    serde_json::to_string(&sim_view(r, sources, full, None)).unwrap_or_default()
}

/// [`sim_json_line`] for the answer to a batch's line: with its `line` and `id` members.
pub fn batch_json_line(r: &SimResult, sources: &SourceMap, full: bool, at: LinePlace) -> String {
    serde_json::to_string(&sim_view(r, sources, full, Some(at))).unwrap_or_default()
}

/// The JSON result of one call, with every statement trace (see docs/wire-format.md).
pub fn sim_json(r: &SimResult, sources: &SourceMap) -> Value {
    serde_json::to_value(sim_view(r, sources, true, None)).unwrap_or(Value::Null)
}

/// Which line of a batch an answer is to: its number in the input (from 1) and its own `id`.
#[derive(Clone, Copy, Debug)]
pub struct LinePlace<'a> {
    /// The line's number in the input, from 1.
    pub line: usize,
    /// The line's `id` member, when it has one.
    pub id: Option<&'a CaseId>,
}

/// The wire format's name of each source of a context value.
pub(super) const fn source_name(s: ValueSource) -> &'static str {
    match s {
        ValueSource::Request => "request",
        ValueSource::TypeDefault => "typeDefault",
        ValueSource::World => "world",
        ValueSource::Principal => "principal",
        ValueSource::Account => "account",
        ValueSource::Org => "org",
        ValueSource::Region => "region",
        ValueSource::CommandLine => "commandLine",
        ValueSource::Clock => "clock",
        ValueSource::Default => "default",
        ValueSource::Derived => "derived",
    }
}

/// A statement as the wire format shows it (borrowed: serialised without an intermediate tree).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct StatementView<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
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
        policy: sources.label(s.statement.source),
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
                        explanation: plain(&condition_sentence(c, context)).into_owned(),
                        fix: fix_hint(c, s.statement.effect).map(|f| plain(&f).into_owned()),
                    }
                })
                .collect()
        }),
        applies: full.then_some(s.applies),
    }
}

/// The context as `{"KEY": {"values": [...], "source": "..."}}`, in the order it was built.
struct ContextView<'a>(&'a Context);

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

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct FaultView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(serialize_with = "plain_str")]
    message: &'a str,
    #[serde(serialize_with = "plain_str")]
    detail: &'a str,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a CaseId>,
    resource: &'a str,
    context: ContextView<'a>,
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

/// The members after `fault` (the batch line writer writes the ones before by hand).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SimMore<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    validation_errors: &'a [crate::swf::Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<EventView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<SettingsView<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty", serialize_with = "plain_strs")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    defaults: Vec<DefaultView<'a>>,
}

/// A default a denial was decided with, as the wire format shows it.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DefaultView<'a> {
    input: &'static str,
    value: &'a str,
    set_by: String,
    explanation: String,
}

fn sim_view<'a>(
    r: &'a SimResult,
    sources: &'a SourceMap,
    full: bool,
    at: Option<LinePlace<'a>>,
) -> SimView<'a> {
    let e = r.evaluation.as_ref();
    let traced = e.filter(|_| full);
    let shown = traced.map(|e| Shown::of(e, || Shown::failing_traced(e)));
    let view = |s, full| statement_view(s, sources, &r.context, full);
    SimView {
        decision: r.decision.map(Decision::as_str),
        outcome: r.outcome.as_str(),
        line: at.map(|a| a.line),
        id: at.and_then(|a| a.id),
        resource: &r.resource,
        context: ContextView(&r.context),
        run_id: r.run_id.as_deref(),
        summary: plain(&summary(r)).into_owned(),
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
    }
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
        defaults: defaults_view(&r.defaults),
        ..more_view_but_defaults(r)
    }
}

/// [`more_view`] with no `defaults` (the batch line writer takes them from its cache).
fn more_view_but_defaults(r: &SimResult) -> SimMore<'_> {
    SimMore {
        validation_errors: &r.violations,
        event: r.event.as_ref().map(|ev| EventView {
            event_type: "WorkflowExecutionStarted",
            workflow_execution_started_event_attributes: ev,
        }),
        settings: (!r.settings.is_empty()).then_some(SettingsView(&r.settings)),
        notes: &r.notes,
        defaults: Vec::new(),
    }
}

/// The `defaults` array's members.
fn defaults_view(defaults: &[crate::swf::DefaultInput]) -> Vec<DefaultView<'_>> {
    (defaults.iter())
        .map(|d| {
            let (input, value, set_by, explanation) = default_words(d);
            DefaultView {
                input,
                value,
                set_by: plain(set_by).into_owned(),
                explanation: plain(&explanation).into_owned(),
            }
        })
        .collect()
}

/// The batch line for input line `line` that could not be read: no decision, `inputError`, and
/// the first problem (its column, its message, `file:line`).
pub fn input_error_json_line(file: &str, line: usize, column: u32, message: &str) -> String {
    serde_json::json!({
        "decision": null,
        "outcome": "inputError",
        "line": line,
        "column": column,
        "error": plain(message),
        "file": format!("{file}:{line}"),
    })
    .to_string()
}
