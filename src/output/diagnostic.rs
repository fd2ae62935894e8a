//! Located problems, in the one form every text report uses (lint's findings, the errors of
//! `simulate`, `diff` and `check`, a batch line that cannot be read):
//!
//! ```text
//! FILE:LINE:COL: SEVERITY[CODE]: MESSAGE
//!   |
//! 9 |         "StringEqulas": {"swf:workflowType.name": "x"}
//!   |         ^^^^^^^^^^^^^^
//!   = help: did you mean `StringEquals`?
//! ```
//!
//! SEVERITY is `error`, `security-warning`, `warning` or `suggestion`; `[CODE]` is there when the
//! problem has a rule code. Compilers write this form, and editors and CI problem matchers read
//! it. Control characters of the input are made visible ([`super::escape`]).

use super::escape::{escape_controls, excerpt};
use crate::lint::Severity;
use crate::source::{LineCol, SourceId, SourceMap, Span};

/// A problem to show: how grave, its code, what is wrong and the advice.
#[derive(Clone, Copy, Debug)]
pub(super) struct Problem<'a> {
    pub(super) severity: Severity,
    pub(super) code: Option<&'a str>,
    pub(super) message: &'a str,
    pub(super) help: Option<&'a str>,
}

/// `file:line:col: error[CODE]: message`, the source line with a caret, and `help:`: a problem
/// that stops a command.
pub fn diagnostic(
    sources: &SourceMap,
    id: SourceId,
    span: Span,
    code: Option<&str>,
    message: &str,
    help: Option<&str>,
) -> String {
    let problem = Problem {
        severity: Severity::Error,
        code,
        message,
        help,
    };
    let mut out = String::new();
    located(&mut out, sources, id, span, &problem, true);
    out
}

/// The first line alone, `file:line:col: SEVERITY[CODE]: message`, without its newline: a
/// problem whose file is not kept (a batch's line).
pub fn diagnostic_line(
    file: &str,
    at: LineCol,
    severity: Severity,
    code: Option<&str>,
    message: &str,
) -> String {
    let code = code.map(|c| format!("[{c}]")).unwrap_or_default();
    format!(
        "{}:{at}: {}{code}: {}",
        escape_controls(file),
        severity.as_str(),
        escape_controls(message)
    )
}

/// Appends `problem` at `span` of file `id`: its first line, with `excerpt` the source line
/// and a caret row, and its help.
pub(super) fn located(
    out: &mut String,
    sources: &SourceMap,
    id: SourceId,
    span: Span,
    problem: &Problem<'_>,
    with_excerpt: bool,
) {
    // A document read out of an export is shown where it stands in the export, and named.
    let label = sources.label(id);
    let (id, span) = sources.resolve(id, span);
    let lc = sources.line_col(id, span);
    let p = problem;
    out.push_str(&diagnostic_line(
        sources.name(id),
        lc,
        p.severity,
        p.code,
        p.message,
    ));
    out.push('\n');
    if let Some(file) = sources.get(id).filter(|_| with_excerpt) {
        let line = file.lines.line_text(&file.text, lc.line);
        let at = (span.start as usize).saturating_sub(file.lines.line_start(lc.line));
        let (clipped, col) = clip_line(line, at, lc.column as usize);
        if !clipped.is_empty() {
            let width = file.snippet(span).chars().take(60).count().max(1);
            let from = col.saturating_sub(1);
            let (shown, carets) = excerpt(&clipped, from, from + width);
            let gutter = lc.line.to_string().len();
            out.push_str(&format!("{:gutter$} |\n", ""));
            out.push_str(&format!("{} | {}\n", lc.line, shown));
            out.push_str(&format!("{:gutter$} | {}\n", "", carets));
        }
    }
    if let Some(l) = label {
        out.push_str(&format!("  = note: in {}\n", escape_controls(l)));
    }
    if let Some(h) = p.help {
        out.push_str(&format!("  = help: {}\n", escape_controls(h)));
    }
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

    #[test]
    fn one_form_with_and_without_a_code() {
        let mut sources = SourceMap::new();
        let id = sources.add("p.json", "{\n  \"Effect\": \"allow\"\n}\n");
        let text = diagnostic(
            &sources,
            id,
            Span::new(14, 21),
            Some("SWF006"),
            "invalid `Effect` value `allow`",
            Some("write `Allow`"),
        );
        assert_eq!(
            text,
            "p.json:2:13: error[SWF006]: invalid `Effect` value `allow`\n  |\n2 |   \"Effect\": \"allow\"\n  |             ^^^^^^^\n  = help: write `Allow`\n"
        );
        let line = diagnostic_line(
            "b.jsonl",
            LineCol { line: 3, column: 1 },
            Severity::Error,
            None,
            "not JSON: `\u{1b}`",
        );
        assert_eq!(line, "b.jsonl:3:1: error: not JSON: `\\u{1b}`");
    }
}
