//! `swfsim lint`: findings in policy files, as text, JSON or SARIF.

use super::args::{FailOn, LintArgs, LintFormat};
use super::exit::Exit;
use super::failure::Failure;
use super::load::read_file;
use std::io::Write;
use std::path::{Path, PathBuf};
use swfsim::output;
use swfsim::source::{SourceId, SourceMap, Span};

/// Reads a file for `lint`: text that is not UTF-8 is kept (lossily) with the byte where
/// decoding stopped, so it becomes a finding rather than a refusal.
fn read_lint_file(path: &Path) -> Result<(String, Option<usize>), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::unreadable(path, e))?;
    match String::from_utf8(bytes) {
        Ok(t) => Ok((t, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Ok((String::from_utf8_lossy(e.as_bytes()).to_string(), Some(at)))
        }
    }
}

/// The files `lint` is given, and the `.json` files below the folders it is given, each
/// folder's in name order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|e| Failure::unreadable(&dir, e))?;
                let mut found: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                found.sort();
                for f in found {
                    if f.is_dir() {
                        stack.push(f);
                    } else if f.extension().is_some_and(|x| x == "json") {
                        out.push(f);
                    }
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The suppressions of `--suppress` and `--suppressions`, each with a known code and a reason.
fn parse_suppressions(a: &LintArgs) -> Result<Vec<swfsim::lint::Suppression>, Failure> {
    let mut out = Vec::new();
    for s in &a.suppress {
        let mut parts = s.splitn(3, ':');
        let (code, files, reason) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        if swfsim::lint::rule(code).is_none() || files.is_empty() || reason.trim().is_empty() {
            return Err(Failure(vec![format!(
                "error: --suppress `{s}` must be RULE:GLOB:REASON with a known rule and a reason"
            )]));
        }
        out.push(swfsim::lint::Suppression {
            code: code.to_string(),
            files: match_glob(files),
            reason: reason.to_string(),
        });
    }
    if let Some(p) = &a.suppressions {
        let text = read_file(p)?;
        // A byte order mark is skipped, as every JSON reader of swfsim skips it.
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let list: Vec<swfsim::lint::Suppression> = serde_json::from_str(body).map_err(|e| {
            Failure(vec![format!(
                "{}:{}:{}: error: {e}",
                p.display(),
                e.line(),
                e.column()
            )])
        })?;
        for s in &list {
            if swfsim::lint::rule(&s.code).is_none() || s.reason.trim().is_empty() {
                return Err(Failure(vec![format!(
                    "error: `{}`: suppression of `{}` needs a known code and a reason",
                    p.display(),
                    s.code
                )]));
            }
        }
        out.extend(list.into_iter().map(|s| swfsim::lint::Suppression {
            files: match_glob(&s.files),
            ..s
        }));
    }
    Ok(out)
}

/// Runs `swfsim lint`.
pub fn run(a: LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Failure> {
    for c in &a.select {
        if swfsim::lint::rule(c).is_none() {
            return Err(Failure(vec![format!(
                "error: --select: no rule `{c}`; `swfsim rules` lists them"
            )]));
        }
    }
    let suppressions = parse_suppressions(&a)?;
    let files = collect_files(&a.files)?;
    let cwd = std::env::current_dir().ok();
    let mut sources = SourceMap::new();
    let mut reports: Vec<(SourceId, Vec<swfsim::lint::Reported>)> = Vec::new();
    let select: Vec<&str> = a.select.iter().map(String::as_str).collect();
    for f in &files {
        let (text, bad_utf8) = read_lint_file(f)?;
        let name = f.display().to_string();
        let id = sources.add(name.clone(), text.clone());
        let findings = match bad_utf8 {
            Some(at) => {
                let meta = swfsim::lint::rule("SWF001").map(|r| r.meta);
                meta.map(|m| {
                    // Offsets index the lossy text; its prefix up to `at` is the file's own bytes.
                    vec![swfsim::lint::finding(
                        m,
                        format!("invalid JSON: the text is not UTF-8 (byte {at})"),
                        Span::new(at, at),
                        String::new(),
                        Some("policies are UTF-8 JSON".into()),
                    )]
                })
                .unwrap_or_default()
            }
            None => swfsim::lint::lint(&text, id, a.kind.kind(), &select),
        };
        reports.push((
            id,
            swfsim::lint::apply_suppressions(
                &match_path(cwd.as_deref(), f),
                findings,
                &suppressions,
            ),
        ));
    }
    // A suppression that covers nothing is a typo or a fixed finding: say so.
    for (i, s) in suppressions.iter().enumerate() {
        let used = (reports.iter().flat_map(|(_, rs)| rs)).any(|r| r.suppressed_by == Some(i));
        if !used {
            let _ = writeln!(
                err,
                "warning: suppression `{}:{}` matched no finding",
                s.code, s.files
            );
        }
    }
    let rows: Vec<output::LintRow<'_>> = reports
        .iter()
        .flat_map(|(id, rs)| {
            rs.iter().map(move |r| output::LintRow {
                source: *id,
                reported: r,
            })
        })
        .collect();
    let threshold = match a.fail_on {
        FailOn::Error => Some(swfsim::lint::Severity::Error),
        FailOn::SecurityWarning => Some(swfsim::lint::Severity::SecurityWarning),
        FailOn::Warning => Some(swfsim::lint::Severity::Warning),
        FailOn::Suggestion => Some(swfsim::lint::Severity::Suggestion),
        FailOn::None => None,
    };
    let report = || {
        let ids: Vec<SourceId> = reports.iter().map(|(id, _)| *id).collect();
        output::Report::lint(&rows, &ids, &sources, &select, threshold)
    };
    let _ = match a.format {
        LintFormat::Text => write!(out, "{}", output::lint_text(&rows, &sources)),
        LintFormat::Json => writeln!(out, "{}", output::lint_json(&rows, &sources)),
        LintFormat::Sarif => {
            let sarif = output::lint_sarif(&rows, &sources, cwd.as_deref());
            let text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
            for w in output::sarif_limits(&sarif, &text) {
                let _ = writeln!(err, "{w}");
            }
            writeln!(out, "{text}")
        }
        LintFormat::Github => write!(out, "{}", output::github(&report())),
        LintFormat::Junit => write!(out, "{}", output::junit(&report())),
        LintFormat::Markdown => write!(out, "{}", output::markdown(&report())),
    };
    let failing = threshold.is_some_and(|t| {
        rows.iter()
            .any(|r| r.reported.suppressed.is_none() && r.reported.finding.severity >= t)
    });
    Ok(if failing { Exit::No } else { Exit::Yes })
}

/// The path suppression globs are matched against: relative to the working directory when the
/// file is under it, without `.` components and with `dir/..` folded, in `/` form. So
/// `iam/04-*.json` covers the file however it was typed (`iam/04-a.json`, `./iam/04-a.json`,
/// its absolute path).
fn match_path(cwd: Option<&Path>, file: &Path) -> String {
    use std::path::Component;
    let relative = cwd.and_then(|c| file.strip_prefix(c).ok()).unwrap_or(file);
    let mut parts: Vec<String> = Vec::new();
    for c in relative.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            Component::ParentDir => parts.push("..".into()),
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// A suppression's glob in the form [`match_path`] gives paths: without a leading `./`.
fn match_glob(glob: &str) -> String {
    let mut g = glob;
    while let Some(rest) = g.strip_prefix("./") {
        g = rest;
    }
    g.to_string()
}
