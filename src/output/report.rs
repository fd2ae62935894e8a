//! A run's answers as CI reports take them: entries with a level, a place and a message, test
//! cases they belong to, and counts. `lint`'s findings, `simulate`'s answers and `check`'s
//! verdict are each turned into a [`Report`], which the GitHub, JUnit and Markdown renderers
//! write.

use super::lint::{end_of, LintRow};
use crate::analysis::{Analysis, Unknown};
use crate::lint::Severity;
use crate::source::{SourceId, SourceMap};
use crate::swf::{Outcome, SimResult};
use std::collections::HashMap;

/// How loud an entry is: GitHub's three annotation levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `::error`.
    Error,
    /// `::warning`.
    Warning,
    /// `::notice`.
    Notice,
}

impl Level {
    /// GitHub's command name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

/// What an entry makes of its test case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The case fails (a finding at or above `--fail-on`, a call not allowed, a property
    /// violated).
    Failure,
    /// The question could not be answered (an unreadable line, an unknown answer).
    Error,
    /// Reported, but the case passes (a finding below `--fail-on`).
    Note,
}

/// Where an entry points: a file, and a line and column in it when known (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The file, as the user named it.
    pub file: Option<String>,
    /// The line.
    pub line: Option<usize>,
    /// The column (characters).
    pub column: Option<usize>,
    /// Where the span ends: line and column.
    pub end: Option<(usize, usize)>,
}

impl Place {
    /// `file:line:col`, as much of it as is known, followed by `: `; empty when nothing is.
    pub fn prefix(&self) -> String {
        let mut at = self.file.clone().unwrap_or_default();
        for n in [self.line, self.column].into_iter().flatten() {
            at.push_str(&format!(":{n}"));
        }
        if !at.is_empty() {
            at.push_str(": ");
        }
        at
    }
}

/// One thing to report.
#[derive(Clone, Debug)]
pub struct Entry {
    /// GitHub's level.
    pub level: Level,
    /// How bad, for ordering: 0 is the worst.
    pub rank: u8,
    /// What it is counted as: a severity (`security-warning`) or an outcome
    /// (`OPERATION_NOT_PERMITTED`).
    pub label: String,
    /// A short title: a rule's code and name, an outcome.
    pub title: String,
    /// Where it points.
    pub place: Place,
    /// The message, one line.
    pub message: String,
    /// What it makes of its case.
    pub mark: Mark,
    /// Its test case, an index into [`Report::cases`].
    pub case: usize,
}

/// A test case: what JUnit calls a class (a file) and a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The file.
    pub class: String,
    /// The case in it: a rule, a request line, a property.
    pub name: String,
}

/// A run as CI reports take it.
#[derive(Clone, Debug)]
pub struct Report {
    /// The command (`lint`, `simulate`, `check`).
    pub command: &'static str,
    /// What is counted, singular and plural (`finding`, `request`).
    pub noun: (&'static str, &'static str),
    /// How many were counted.
    pub total: usize,
    /// The counts by label, in the order they are shown.
    pub counts: Vec<(String, usize)>,
    /// Whether a label is a noun that takes an `s` in the summary (`2 errors`), rather than an
    /// outcome written as the wire format spells it (`2 OPERATION_NOT_PERMITTED`).
    pub plural_labels: bool,
    /// The verdict, when the run has one beside its counts (`check`).
    pub verdict: Option<String>,
    /// The test cases, in input order.
    pub cases: Vec<Case>,
    /// The entries, in input order.
    pub entries: Vec<Entry>,
}

impl Report {
    /// The entries, worst first (input order among equals).
    pub fn worst_first(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().collect();
        v.sort_by_key(|e| e.rank);
        v
    }

    /// `N findings: 2 errors, 1 warning` (and the verdict, for a run with one).
    pub fn summary(&self) -> String {
        let (one, many) = self.noun;
        let mut s = format!(
            "{} {}",
            self.total,
            if self.total == 1 { one } else { many }
        );
        let counts: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| {
                let s = if self.plural_labels && *n != 1 {
                    "s"
                } else {
                    ""
                };
                format!("{n} {l}{s}")
            })
            .collect();
        if !counts.is_empty() {
            s.push_str(&format!(": {}", counts.join(", ")));
        }
        match &self.verdict {
            Some(v) if self.total > 0 => format!("{v} ({s})"),
            Some(v) => v.clone(),
            None => s,
        }
    }

    /// `lint`'s findings: a case per file and rule that ran (`select`, every rule when empty);
    /// a finding at or above `fail_on` fails its case. Suppressed findings are left out.
    pub fn lint(
        rows: &[LintRow<'_>],
        files: &[SourceId],
        sources: &SourceMap,
        select: &[&str],
        fail_on: Option<Severity>,
    ) -> Report {
        let (cases, case_of) = lint_cases(rows, files, sources, select);
        let severities = [
            Severity::Error,
            Severity::SecurityWarning,
            Severity::Warning,
            Severity::Suggestion,
        ];
        let mut counts: Vec<(String, usize)> = severities
            .iter()
            .map(|s| (s.as_str().to_string(), 0))
            .collect();
        let mut entries = Vec::new();
        for r in rows.iter().filter(|r| r.reported.suppressed.is_none()) {
            let f = &r.reported.finding;
            let rank = severities
                .iter()
                .position(|s| *s == f.severity)
                .unwrap_or(0);
            counts[rank].1 += 1;
            let lc = sources.line_col(r.source, f.span);
            let end = end_of(sources, r.source, f.span);
            let case = case_of.get(&(r.source, f.code)).copied().unwrap_or(0);
            let message = match &f.help {
                Some(h) => format!("{} (help: {h})", f.message),
                None => f.message.clone(),
            };
            entries.push(Entry {
                level: match f.severity {
                    Severity::Error => Level::Error,
                    Severity::SecurityWarning | Severity::Warning => Level::Warning,
                    Severity::Suggestion => Level::Notice,
                },
                rank: rank as u8,
                label: f.severity.as_str().to_string(),
                title: cases
                    .get(case)
                    .map_or_else(|| f.code.to_string(), |c| c.name.clone()),
                place: Place {
                    file: Some(sources.name(r.source).to_string()),
                    line: Some(lc.line as usize),
                    column: Some(lc.column as usize),
                    end: Some((end.line as usize, end.column as usize)),
                },
                message,
                mark: if fail_on.is_some_and(|t| f.severity >= t) {
                    Mark::Failure
                } else {
                    Mark::Note
                },
                case,
            });
        }
        Report {
            command: "lint",
            noun: ("finding", "findings"),
            total: entries.len(),
            counts,
            plural_labels: true,
            verdict: None,
            cases,
            entries,
        }
    }

    /// `simulate`'s answers, a case a request: a call not allowed (or not started) fails its
    /// case, a line that could not be read or answered is an error.
    pub fn requests(file: &str, rows: &[RequestRow]) -> Report {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut cases = Vec::with_capacity(rows.len());
        let mut entries = Vec::new();
        for row in rows {
            let label = row.outcome.map_or("inputError", Outcome::as_str);
            match counts.iter_mut().find(|(l, _)| l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label.to_string(), 1)),
            }
            let case = cases.len();
            cases.push(Case {
                class: file.to_string(),
                name: match row.line {
                    Some(n) => format!("line {n}"),
                    None => "request".to_string(),
                },
            });
            let (level, rank, mark) = match row.outcome {
                Some(Outcome::Started | Outcome::Authorized) => continue,
                None => (Level::Error, 0, Mark::Error),
                Some(Outcome::Unknown) => (Level::Error, 1, Mark::Error),
                Some(Outcome::OperationNotPermitted) => (Level::Error, 2, Mark::Failure),
                Some(Outcome::ValidationException) => (Level::Error, 3, Mark::Failure),
                Some(_) => (Level::Warning, 4, Mark::Failure),
            };
            let mut message = row.message.clone();
            if !row.deciding.is_empty() {
                message.push_str(&format!("; decided by {}", row.deciding.join(", ")));
            }
            entries.push(Entry {
                level,
                rank,
                label: label.to_string(),
                title: label.to_string(),
                place: Place {
                    file: Some(file.to_string()),
                    line: row.line,
                    column: row.column,
                    end: None,
                },
                message,
                mark,
                case,
            });
        }
        // Allowed first, then the others as they came.
        counts.sort_by_key(|(l, _)| !matches!(l.as_str(), "authorized" | "started"));
        Report {
            command: "simulate",
            noun: ("request", "requests"),
            total: rows.len(),
            counts,
            plural_labels: false,
            verdict: None,
            cases,
            entries,
        }
    }

    /// `check`'s verdict, one case: a counterexample fails it (each region an entry, with its
    /// witness), an unknown answer is an error. `spec` is the SPEC's file, when it is one.
    pub fn check(
        must_allow: bool,
        result: &Result<Analysis, Unknown>,
        spec: Option<&str>,
    ) -> Report {
        let property = if must_allow {
            "must-allow"
        } else {
            "must-not-allow"
        };
        let place = Place {
            file: spec.map(str::to_string),
            ..Place::default()
        };
        let mut entries = Vec::new();
        let verdict = match result {
            Err(u) => {
                let mut message = u.reason.clone();
                if let Some(h) = &u.help {
                    message.push_str(&format!(" (help: {h})"));
                }
                entries.push(Entry {
                    level: Level::Error,
                    rank: 0,
                    label: "unknown".into(),
                    title: format!("{property}: unknown"),
                    place,
                    message,
                    mark: Mark::Error,
                    case: 0,
                });
                "unknown".to_string()
            }
            Ok(a) if a.regions.is_empty() => "proved".to_string(),
            Ok(a) => {
                let what = if must_allow {
                    "a start matching the SPEC is denied"
                } else {
                    "a start matching the SPEC is allowed"
                };
                for r in &a.regions {
                    entries.push(Entry {
                        level: Level::Error,
                        rank: 1,
                        label: "counterexample".into(),
                        title: format!("{property}: violated"),
                        place: place.clone(),
                        message: format!(
                            "{what}: {} (witness: {})",
                            r.callers.join(", "),
                            r.witness.to_json()
                        ),
                        mark: Mark::Failure,
                        case: 0,
                    });
                }
                "violated".to_string()
            }
        };
        Report {
            command: "check",
            noun: ("counterexample", "counterexamples"),
            total: entries.iter().filter(|e| e.mark == Mark::Failure).count(),
            counts: Vec::new(),
            plural_labels: false,
            verdict: Some(format!("{property}: {verdict}")),
            cases: vec![Case {
                class: spec.unwrap_or("SPEC").to_string(),
                name: property.to_string(),
            }],
            entries,
        }
    }
}

/// `lint`'s test cases: for each file, one per rule that ran (`select`, every rule when empty)
/// and one per other rule with a finding there; and each (file, code)'s case.
fn lint_cases<'a>(
    rows: &[LintRow<'a>],
    files: &[SourceId],
    sources: &SourceMap,
    select: &[&str],
) -> (Vec<Case>, HashMap<(SourceId, &'a str), usize>) {
    use crate::lint::rules::ALL;
    let ran: Vec<&str> = ALL
        .iter()
        .filter(|r| {
            select.is_empty()
                || select
                    .iter()
                    .any(|s| crate::lint::rule(s).is_some_and(|x| x.meta.code == r.meta.code))
        })
        .map(|r| r.meta.code)
        .collect();
    let mut found: HashMap<SourceId, Vec<&'a str>> = HashMap::new();
    for r in rows {
        let codes = found.entry(r.source).or_default();
        if !ran.contains(&r.reported.finding.code) && !codes.contains(&r.reported.finding.code) {
            codes.push(r.reported.finding.code);
        }
    }
    let mut cases = Vec::new();
    let mut case_of = HashMap::new();
    for &id in files {
        let extra = found.get(&id).map_or(&[][..], Vec::as_slice);
        for &code in ran.iter().chain(extra) {
            case_of.insert((id, code), cases.len());
            let name = match crate::lint::rule(code) {
                Some(r) => format!("{code} {}", r.meta.name),
                None => code.to_string(),
            };
            cases.push(Case {
                class: sources.name(id).to_string(),
                name,
            });
        }
    }
    (cases, case_of)
}

/// What a report keeps of one request's answer: little for an allowed call, the summary and
/// the deciding statements' places for the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRow {
    /// The line of the requests file (none for `--request`).
    pub line: Option<usize>,
    /// The column a line's input error is at.
    pub column: Option<usize>,
    /// The outcome; none for a line that could not be read.
    pub outcome: Option<Outcome>,
    /// The one-line summary (empty for an allowed call).
    pub message: String,
    /// `file:line:col` of each deciding statement (none for an allowed call).
    pub deciding: Vec<String>,
}

impl RequestRow {
    /// What a report keeps of `r`, the answer to line `line`.
    pub fn of(r: &SimResult, sources: &SourceMap, line: Option<usize>) -> RequestRow {
        let allowed = matches!(r.outcome, Outcome::Started | Outcome::Authorized);
        // The statements that denied it, or that leave it unknown; not those that allowed a
        // call SWF then refused.
        let iam = matches!(r.outcome, Outcome::OperationNotPermitted | Outcome::Unknown);
        let deciding = match (&r.evaluation, iam) {
            (Some(e), true) => super::explanation::deciding_iter(e)
                .map(|s| super::location(sources, s.statement.source, s.statement.span))
                .collect(),
            _ => Vec::new(),
        };
        RequestRow {
            line,
            column: None,
            outcome: Some(r.outcome),
            message: if allowed {
                String::new()
            } else {
                super::summary(r)
            },
            deciding,
        }
    }

    /// A line that could not be read: `message` at `column`.
    pub fn input_error(line: usize, column: usize, message: &str) -> RequestRow {
        RequestRow {
            line: Some(line),
            column: Some(column),
            outcome: None,
            message: message.to_string(),
            deciding: Vec::new(),
        }
    }
}
