//! The text answer of `simulate`, for a person: the decision first, then why.

use super::explanation::{
    condition_sentence, deciding, default_words, location, quote_list, source_words, summary_in,
};
use super::fix_hint;
use super::settle::{self, settle_with};
use crate::condition::Truth;
use crate::eval::{Decision, Evaluation, PolicySet, StatementTrace};
use crate::policy::Effect;
use crate::request::{Context, ValueSource};
use crate::source::SourceMap;
use crate::swf::{Outcome, SimResult};
use serde_json::{json, Value};

/// The text result of one call: the decision first, then why.
pub fn sim_text(r: &SimResult, sources: &SourceMap, policies: &PolicySet) -> String {
    let mut out = String::new();
    head_text(&mut out, r, policies);
    if let Some(e) = &r.evaluation {
        iam_text(&mut out, r, e, sources, policies);
    }
    violations_text(&mut out, r);
    event_text(&mut out, r);
    context_text(&mut out, &r.context);
    super::escape::escape_lines(out)
}

/// The decision and summary, the resource, the run id, the fault's message and the notes.
fn head_text(out: &mut String, r: &SimResult, policies: &PolicySet) {
    let head = match (r.outcome, r.decision) {
        (Outcome::Started, _) => "STARTED".to_string(),
        (Outcome::Authorized, _) => "ALLOWED".to_string(),
        (Outcome::OperationNotPermitted, Some(d)) => format!("DENIED ({})", d.as_str()),
        (Outcome::Unknown, _) => "UNKNOWN".to_string(),
        (_, _) => "FAILED".to_string(),
    };
    out.push_str(&format!("{head}: {}\n", summary_in(r, Some(policies))));
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
    for d in &r.defaults {
        out.push_str(&format!("  note: {}\n", default_words(d).3));
    }
}

/// Why IAM decided as it did: the deciding statements, those that nearly applied, the Allow
/// statements that missed on the Resource, the missing keys and what would settle an unknown.
fn iam_text(
    out: &mut String,
    r: &SimResult,
    e: &Evaluation,
    sources: &SourceMap,
    policies: &PolicySet,
) {
    let dec = deciding(e);
    if !dec.is_empty() {
        out.push_str("\ndeciding statements:\n");
        for s in &dec {
            out.push_str(&format!("  {}\n", stmt_title(s, sources, policies)));
            // Why a Deny applied, or why an answer is unknown, is what a reader must change.
            if e.decision != Decision::Allowed {
                statement_details(out, s, sources, policies, &r.context);
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
            out.push_str(&format!("  {}\n", stmt_title(s, sources, policies)));
            statement_details(out, s, sources, policies, &r.context);
        }
    }
    if e.decision == Decision::ImplicitDeny {
        resource_misses_text(out, r, e, sources, policies);
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
    settle_text(out, r);
}

/// Allow statements whose Action matched but no Resource entry did: the usual "wrong ARN".
fn resource_misses_text(
    out: &mut String,
    r: &SimResult,
    e: &Evaluation,
    sources: &SourceMap,
    policies: &PolicySet,
) {
    let misses: Vec<&StatementTrace> = e
        .statements
        .iter()
        .filter(|s| s.statement.effect == Effect::Allow && s.action.matched && !s.resource.matched)
        .take(5)
        .collect();
    if misses.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\nAllow statements whose Action matches but whose Resource does not match {}:\n",
        r.resource
    ));
    for s in misses {
        let (_, resources) = policies.statement_texts(&s.statement);
        out.push_str(&format!("  {}\n", stmt_title(s, sources, policies)));
        let verb = if s.resource.negated {
            "NotResource excludes it"
        } else {
            "Resource"
        };
        out.push_str(&format!("    {verb}: {}\n", quote_list(&resources)));
    }
}

/// The request's validation errors.
fn violations_text(out: &mut String, r: &SimResult) {
    if r.violations.is_empty() {
        return;
    }
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

/// The started event's attributes, each with where its setting came from.
fn event_text(out: &mut String, r: &SimResult) {
    let Some(ev) = &r.event else {
        return;
    };
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
            (ValueSource::Principal, "aws:resourceaccount") => {
                ": the caller's account, as no world gives an `account`"
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

fn stmt_title(s: &StatementTrace, sources: &SourceMap, policies: &PolicySet) -> String {
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
    let what = match sources.label(s.statement.source) {
        Some(label) => format!("{label} / Statement[{}]", s.statement.index),
        None => format!("statement {}", s.statement.index),
    };
    format!(
        "{}: {effect} {what}{sid}{doc} in the {}",
        location(sources, s.statement.source, s.statement.span),
        policies.describe_layer(s.statement.layer)
    )
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
