//! `--format github`: GitHub Actions workflow commands (`::error file=F,line=L,col=C,title=T::M`),
//! the worst entries first, as many as GitHub shows, then a summary notice.

use super::escape::{escape_controls, escape_lines};
use super::plain::plain;
use super::report::{Level, Report};
use crate::source::path::below;
use std::path::Path;

/// Annotations of one level GitHub shows for a step: 10 errors and 10 warnings (notices are
/// held to the same).
pub const PER_LEVEL: usize = 10;

/// Workflow-command data: `%`, CR and LF percent-encoded, as the Actions runner decodes them.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow-command property: as data, and `:` and `,` too (they end a property); control
/// characters other than line breaks escaped.
fn property(s: &str) -> String {
    data(&escape_lines(s.to_string()))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A file as GitHub finds it in the repository: relative to `root` (the working directory, the
/// workspace's root in a job) when it is below it, as named otherwise.
fn from_root(file: &str, root: Option<&Path>) -> String {
    match root.and_then(|root| below(root, Path::new(file))) {
        Some(relative) => relative.to_string_lossy().replace('\\', "/"),
        None => file.to_string(),
    }
}

/// A message as GitHub shows it: plain text (no Markdown backticks), the input's other control
/// characters escaped (line breaks are encoded by [`data`]).
fn annotation_text(message: &str) -> String {
    escape_lines(plain(message).into_owned())
}

/// The report as workflow commands: an annotation per entry, worst first, while GitHub shows
/// them (10 of a level, one notice kept for the summary); the
/// entries past that as plain lines (`file:line:col: level title: message`); then the summary
/// as a notice, saying how many were not annotated.
pub fn github(report: &Report, root: Option<&Path>) -> String {
    let mut out = String::new();
    let mut shown = [0usize; 3];
    let mut plain = Vec::new();
    for e in report.worst_first() {
        let level = e.level as usize;
        // One notice is the summary's.
        let room = if e.level == Level::Notice {
            PER_LEVEL - 1
        } else {
            PER_LEVEL
        };
        if shown[level] >= room {
            plain.push(e);
            continue;
        }
        shown[level] += 1;
        let mut props = Vec::new();
        let p = &e.place;
        if let Some(f) = &p.file {
            props.push(format!("file={}", property(&from_root(f, root))));
            if let Some(l) = p.line {
                props.push(format!("line={l}"));
                if let Some(c) = p.column {
                    props.push(format!("col={c}"));
                }
                if let Some((el, ec)) = p.end {
                    props.push(format!("endLine={el}"));
                    // GitHub takes an end column only on the line the annotation starts on.
                    if el == l {
                        props.push(format!("endColumn={ec}"));
                    }
                }
            }
        }
        props.push(format!("title={}", property(&e.title)));
        out.push_str(&format!(
            "::{} {}::{}\n",
            e.level.as_str(),
            props.join(","),
            data(&annotation_text(&e.message))
        ));
    }
    for e in &plain {
        // A plain line is one line, and never a command.
        let text = format!(
            "{}{} {}: {}",
            e.place.prefix(),
            e.level.as_str(),
            e.title,
            annotation_text(&e.message)
        )
        .replace(['\r', '\n'], " ");
        out.push_str(escape_controls(&text).trim_start_matches(':'));
        out.push('\n');
    }
    let mut summary = format!("swfsim {}: {}", report.command, report.summary());
    if !plain.is_empty() {
        summary.push_str(&format!(
            "; {} not annotated (GitHub shows at most {PER_LEVEL} annotations of a level a step): they are listed above",
            plain.len()
        ));
    }
    out.push_str(&format!("::notice title=swfsim::{}\n", data(&summary)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_percent_encoded() {
        assert_eq!(data("50%\r\nnext: a, b"), "50%25%0D%0Anext: a, b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(property("a\u{1b}[31m\r"), "a\\u{1b}[31m\\u{d}");
    }
}
