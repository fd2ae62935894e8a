//! Located error messages: `file:line:col: error[CODE]: message`, the source line with a caret,
//! and `help:`.

use crate::source::{SourceId, SourceMap, Span};

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
