//! `--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a
//! heading with the verdict or the total, the counts, then a table of the entries, worst first.

use super::escape::push_visible;
use super::report::Report;

/// Rows the table shows at most; the rest are counted below it. A step summary holds at most
/// 1 MiB.
pub const MAX_ROWS: usize = 1000;

/// `text` for a table cell: Markdown's markup characters backslash-escaped (`|` among them, so
/// a cell never ends early), `@` too (no one is mentioned), line breaks as spaces and the
/// other control characters escaped (`\u{1b}`).
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '@' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "### swfsim {}: {}\n\n",
        report.command,
        cell(&report.summary())
    );
    let counts: Vec<&(String, usize)> = report.counts.iter().filter(|(_, n)| *n > 0).collect();
    if !counts.is_empty() {
        let what = if report.command == "lint" {
            "severity"
        } else {
            "outcome"
        };
        out.push_str(&format!("| {what} | {} |\n| --- | ---: |\n", report.noun.1));
        for (label, n) in counts {
            out.push_str(&format!("| {} | {n} |\n", cell(label)));
        }
        out.push('\n');
    }
    let entries = report.worst_first();
    if entries.is_empty() {
        return out;
    }
    // A title that only repeats the label (an outcome) has no column.
    let titled = entries.iter().any(|e| e.title != e.label);
    out.push_str(if titled {
        "| | file | line | title | message |\n| --- | --- | ---: | --- | --- |\n"
    } else {
        "| | file | line | message |\n| --- | --- | ---: | --- |\n"
    });
    for e in entries.iter().take(MAX_ROWS) {
        let p = &e.place;
        let line = match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => l.to_string(),
            _ => String::new(),
        };
        let title = match titled {
            true => format!(" {} |", cell(&e.title)),
            false => String::new(),
        };
        out.push_str(&format!(
            "| {} | {} | {line} |{title} {} |\n",
            cell(&e.label),
            cell(p.file.as_deref().unwrap_or("")),
            cell(&e.message)
        ));
    }
    if entries.len() > MAX_ROWS {
        out.push_str(&format!(
            "\n{} more not shown; `--format json` lists them all.\n",
            entries.len() - MAX_ROWS
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_markup_and_breaks() {
        assert_eq!(cell("a|b *c* `d`\n@e"), "a\\|b \\*c\\* \\`d\\` \\@e");
        assert_eq!(cell("a\u{1b}x\u{7f}"), "a\\u{1b}x\\u{7f}");
    }
}
