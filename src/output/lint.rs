//! The text and JSON reports of `lint`.

use super::diagnostic::{located, Problem};
use super::plain::plain;
use crate::source::{SourceId, SourceMap, Span};
use serde_json::{json, Map, Value};

/// One lint finding, located, for rendering.
#[derive(Clone, Debug)]
pub struct LintRow<'a> {
    /// The file.
    pub source: SourceId,
    /// The finding and its suppression.
    pub reported: &'a crate::lint::Reported,
}

/// The line and column where `span` ends.
pub(super) fn end_of(sources: &SourceMap, id: SourceId, span: Span) -> crate::source::LineCol {
    let end = Span::new(span.end as usize, span.end as usize);
    sources.line_col(id, end)
}

/// The text report: each finding in the form every diagnostic takes (see
/// [`super::diagnostic`]), `file:line:col: SEVERITY[CODE]: message`, the source line, a caret,
/// `= help:`, then a blank line; and the count.
pub fn lint_text(rows: &[LintRow<'_>], sources: &SourceMap) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for r in rows {
        let f = &r.reported.finding;
        if r.reported.suppressed.is_some() {
            continue;
        }
        shown += 1;
        located(&mut out, sources, r.source, f.span, &problem(f), true);
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

/// A finding as a diagnostic.
fn problem(f: &crate::lint::Finding) -> Problem<'_> {
    Problem {
        severity: f.severity,
        code: Some(f.code),
        message: &f.message,
        help: f.help.as_deref(),
    }
}

/// A lint finding as a note beside another command's answer (on stderr): its place, severity,
/// code and message, and its help.
pub fn lint_note(sources: &SourceMap, id: SourceId, f: &crate::lint::Finding) -> String {
    let mut out = String::new();
    located(&mut out, sources, id, f.span, &problem(f), false);
    out
}

/// The JSON report of `lint` (docs/wire-format.md, "`lint --format json`").
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
            // In the file: a document read out of an export is located in the export.
            let (_, at) = sources.resolve(r.source, f.span);
            m.insert("offset".into(), json!(at.start));
            m.insert("endOffset".into(), json!(at.end));
            if let Some(label) = sources.label(r.source) {
                m.insert("policy".into(), json!(label));
            }
            m.insert("severity".into(), json!(f.severity.as_str()));
            m.insert("code".into(), json!(f.code));
            m.insert(
                "name".into(),
                json!(crate::lint::rule(f.code).map(|r| r.meta.name)),
            );
            m.insert("message".into(), json!(plain(&f.message)));
            m.insert("path".into(), json!(f.path));
            if let Some(h) = &f.help {
                m.insert("help".into(), json!(plain(h)));
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

/// `swfsim rules`: a rule a line (code, severity, name, summary), as a table.
pub fn rules_text(rules: &[crate::lint::Rule]) -> String {
    let mut out = String::new();
    for r in rules {
        let m = r.meta;
        out.push_str(&format!(
            "{}  {:<17} {:<36} {}\n",
            m.code,
            m.severity.as_str(),
            m.name,
            m.summary
        ));
    }
    out
}

/// `swfsim rules --format json`: an array of `{code, name, severity, summary}`.
pub fn rules_json(rules: &[crate::lint::Rule]) -> String {
    let v: Vec<Value> = rules
        .iter()
        .map(|r| json!({"code": r.meta.code, "name": r.meta.name, "severity": r.meta.severity.as_str(), "summary": plain(r.meta.summary)}))
        .collect();
    Value::Array(v).to_string()
}
