//! The text and JSON reports of `lint`.

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
        .map(|r| json!({"code": r.meta.code, "name": r.meta.name, "severity": r.meta.severity.as_str(), "summary": r.meta.summary}))
        .collect();
    Value::Array(v).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
