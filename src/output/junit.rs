//! `--format junit`: JUnit XML, one `<testsuite>` for the run, a `<testcase>` per case, a
//! `<failure>` (or `<error>`) per entry that fails it.

use super::escape::push_visible;
use super::plain::plain;
use super::report::{Mark, Report};

/// `text` as XML character data or an attribute value: the five markup characters as
/// entities, tab, CR and LF as character references (an attribute keeps them), the other
/// control characters escaped as everywhere else (`\u{1b}`), and U+FFFE and U+FFFF (XML 1.0
/// does not allow them) replaced by U+FFFD.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c.is_control() => push_visible(&mut out, c),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The report as JUnit XML.
pub fn junit(report: &Report) -> String {
    let mut by_case: Vec<Vec<usize>> = vec![Vec::new(); report.cases.len()];
    for (i, e) in report.entries.iter().enumerate() {
        if let Some(v) = by_case.get_mut(e.case) {
            v.push(i);
        }
    }
    // A case with an error is an error; else one with a failure is a failure.
    let state = |es: &Vec<usize>| {
        let has = |m: Mark| es.iter().any(|&i| report.entries[i].mark == m);
        [Mark::Error, Mark::Failure].into_iter().find(|&m| has(m))
    };
    let count = |m: Mark| by_case.iter().filter(|es| state(es) == Some(m)).count();
    let (failures, errors) = (count(Mark::Failure), count(Mark::Error));
    let name = xml(&format!("swfsim {}", report.command));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\"",
        report.cases.len()
    );
    out.push_str(&format!("<testsuites name=\"{name}\" {counts}>\n"));
    out.push_str(&format!(
        "  <testsuite name=\"{name}\" {counts} skipped=\"0\">\n"
    ));
    for (case, entries) in report.cases.iter().zip(&by_case) {
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(&case.class),
            xml(&case.name)
        ));
        if entries.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut notes = Vec::new();
        for &i in entries {
            let e = &report.entries[i];
            let message = plain(&e.message);
            let text = format!("{}{}: {}", e.place.prefix(), e.title, message);
            let element = match e.mark {
                Mark::Failure => "failure",
                Mark::Error => "error",
                Mark::Note => {
                    notes.push(text);
                    continue;
                }
            };
            out.push_str(&format!(
                "      <{element} type=\"{}\" message=\"{}\">{}</{element}>\n",
                xml(&e.label),
                xml(&message),
                xml(&text)
            ));
        }
        if !notes.is_empty() {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml(&notes.join("\n"))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            xml("a<b>&\"c'\u{1}\u{1b}[2J\t\n\u{9b}\u{ffff}é"),
            "a&lt;b&gt;&amp;&quot;c&apos;\\u{1}\\u{1b}[2J&#9;&#10;\\u{9b}\u{fffd}é"
        );
    }
}
