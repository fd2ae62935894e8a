//! A run that could not answer (a policy refused, an input that cannot be read), as a CI report:
//! each problem an error entry of one test case, located when its message has a place, so that
//! CI gets a valid report carrying the errors rather than an empty file.

use super::report::{Case, Entry, Level, Mark, Place, Report};

impl Report {
    /// `command`'s run that could not answer, `case` its one test case, a problem a message as
    /// standard error shows it: a diagnostic (`FILE:LINE:COL: error[CODE]: MESSAGE`, its
    /// excerpt, `  = help: HELP`) or `error: MESSAGE`.
    pub fn refused(command: &'static str, case: Case, problems: &[String]) -> Report {
        let entries: Vec<Entry> = problems.iter().map(|p| entry(p)).collect();
        Report {
            command,
            noun: ("error", "errors"),
            total: entries.len(),
            counts: Vec::new(),
            plural_labels: false,
            verdict: Some("could not answer".to_string()),
            cases: vec![case],
            entries,
        }
    }
}

/// One problem as an error entry: its place and code from the first line, its help after the
/// message.
fn entry(problem: &str) -> Entry {
    let mut lines = problem.lines();
    let first = lines.next().unwrap_or_default();
    let (place, code, mut message) = header(first);
    let help = lines.find_map(|l| l.trim_start().strip_prefix("= help: "));
    if let Some(h) = help {
        message.push_str(&format!(" (help: {h})"));
    }
    Entry {
        level: Level::Error,
        rank: 0,
        label: "error".to_string(),
        title: match code {
            Some(c) => format!("error[{c}]"),
            None => "error".to_string(),
        },
        place,
        message,
        mark: Mark::Error,
        case: 0,
    }
}

/// The place, the code and the message of a diagnostic's first line; a line of another form is
/// the message, unplaced (without its `error: `).
fn header(line: &str) -> (Place, Option<String>, String) {
    // The first `: error` after `:LINE:COL` (a file name may hold `: error` too, rarely).
    for (at, _) in line.match_indices(": error") {
        let Some((file, line_no, column)) = located(&line[..at]) else {
            continue;
        };
        let rest = &line[at + ": error".len()..];
        let (code, rest) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((code, rest)) => (Some(code.to_string()), rest),
            None => (None, rest),
        };
        let Some(message) = rest.strip_prefix(": ") else {
            continue;
        };
        let place = Place {
            file: Some(file.to_string()),
            line: Some(line_no),
            column: Some(column),
            end: None,
        };
        return (place, code, message.to_string());
    }
    let message = line.strip_prefix("error: ").unwrap_or(line);
    (Place::default(), None, message.to_string())
}

/// `FILE:LINE:COL` split, when it ends in two numbers after a non-empty file.
fn located(text: &str) -> Option<(&str, usize, usize)> {
    let (rest, column) = text.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some((file, number(line)?, number(column)?)).filter(|(f, _, _)| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_is_located_and_keeps_its_code_and_help() {
        let e = entry(
            "p.json:3:17: error[SWF014]: unknown condition operator `StringEqulas`\n  |\n3 | x\n  |   ^\n  = help: did you mean `StringEquals`?\n",
        );
        assert_eq!(e.place.file.as_deref(), Some("p.json"));
        assert_eq!((e.place.line, e.place.column), (Some(3), Some(17)));
        assert_eq!(e.title, "error[SWF014]");
        assert_eq!(
            e.message,
            "unknown condition operator `StringEqulas` (help: did you mean `StringEquals`?)"
        );
    }

    #[test]
    fn a_file_name_may_hold_colons() {
        let (p, code, m) = header("a:1:2: error.json:4:5: error: invalid JSON: x");
        assert_eq!(p.file.as_deref(), Some("a:1:2: error.json"));
        assert_eq!((p.line, p.column, code), (Some(4), Some(5), None));
        assert_eq!(m, "invalid JSON: x");
    }

    #[test]
    fn an_unlocated_error_has_no_place() {
        let (p, code, m) = header("error: cannot read `nope.json`: No such file or directory");
        assert_eq!((p, code), (Place::default(), None));
        assert_eq!(m, "cannot read `nope.json`: No such file or directory");
    }

    #[test]
    fn the_summary_says_the_run_could_not_answer() {
        let case = Case {
            class: "r.jsonl".into(),
            name: "requests".into(),
        };
        let two = ["error: a".to_string(), "error: b".to_string()];
        let r = Report::refused("simulate", case.clone(), &two);
        assert_eq!(r.summary(), "could not answer (2 errors)");
        let one = Report::refused("simulate", case, &two[..1]);
        assert_eq!(one.summary(), "could not answer (1 error)");
    }
}
