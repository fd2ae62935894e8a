//! `swfsim lint`: findings in policy files, as text, JSON or SARIF.

use super::args::{FailOn, LintArgs, LintFormat};
use super::config::{self, Settings};
use super::exit::Exit;
use super::failure::Failure;
use super::lint_exports::Holder;
use super::lint_inputs::{self, Entry};
use super::load::read_file;
use super::stdin;
use std::io::Write;
use std::path::{Path, PathBuf};
use swfsim::lint::{Finding, Reported};
use swfsim::output;
use swfsim::source::{SourceId, SourceMap, Span};

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
        let list: Vec<FlagSuppression> =
            serde_json::from_str(body).map_err(|e| Failure::one(suppressions_error(p, &e)))?;
        for s in &list {
            if swfsim::lint::rule(&s.code).is_none() || s.reason.trim().is_empty() {
                return Err(Failure(vec![format!(
                    "error: `{}`: suppression of `{}` needs a known code and a reason",
                    stdin::display(p),
                    s.code
                )]));
            }
        }
        out.extend(list.into_iter().map(|s| swfsim::lint::Suppression {
            code: s.code,
            files: match_glob(&s.files),
            reason: s.reason,
        }));
    }
    Ok(out)
}

/// An entry of a `--suppressions` file: a member it does not know is refused, as in every
/// input file, so that a misspelled or unsupported one (`expires`) is not silently dropped.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagSuppression {
    code: String,
    files: String,
    reason: String,
}

/// A `--suppressions` file that is not a list of suppressions, at its `FILE:LINE:COLUMN`.
fn suppressions_error(p: &Path, e: &serde_json::Error) -> String {
    let text = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let message = text.strip_suffix(&place).unwrap_or(&text);
    let help = if message.starts_with("unknown field `expires`") {
        "\n  = help: a suppression that expires is a `[[suppressions]]` entry of swfsim.toml, with \
         `expires = YYYY-MM-DD`"
    } else {
        ""
    };
    let file = stdin::display(p);
    format!("{file}:{}:{}: error: {message}{help}", e.line(), e.column())
}

/// Runs `swfsim lint`; the environment's clock decides which suppressions expired, and
/// `--quiet` leaves out the summary line.
pub fn run(
    a: LintArgs,
    env: super::Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    check_stdin_filename(&a)?;
    let cwd = std::env::current_dir().ok();
    let settings = config::resolve(&a, parse_suppressions(&a)?, cwd.as_deref(), env.now)?;
    if a.config.show_settings {
        let _ = write!(out, "{}", super::show_settings::text(&settings));
        return Ok(Exit::Yes);
    }
    if let Some(e) = settings.no_rules_error() {
        return Err(e);
    }
    for w in settings.expired_warnings() {
        let _ = writeln!(err, "{w}");
    }
    let excluded = |p: &Path| settings.excluded(cwd.as_deref(), p);
    let (files, empty) = lint_inputs::collect(&a.files, &excluded);
    for dir in empty {
        let _ = writeln!(
            err,
            "warning: `{}` holds no .json policy file",
            dir.display()
        );
    }
    let mut sources = SourceMap::new();
    let mut reports: Vec<(SourceId, Vec<swfsim::lint::Reported>)> = Vec::new();
    let select = settings.rules();
    let file = File {
        args: &a,
        settings: &settings,
        select: &select,
        cwd: cwd.as_deref(),
    };
    let mut unreadable = false;
    for f in files {
        let (id, reported, read) = file.lint(f, &mut sources, err);
        unreadable |= !read;
        reports.push((id, reported));
    }
    let holders = (a.account_details.iter().map(|p| (p, Holder::Account)))
        .chain(a.org.iter().map(|p| (p, Holder::Org)));
    for (path, holder) in holders {
        unreadable |= !file.lint_holder(path, holder, &mut sources, &mut reports);
    }
    // A suppression that covers nothing is a typo or a fixed finding: say so.
    for i in 0..settings.suppressions.len() {
        let used = (reports.iter().flat_map(|(_, rs)| rs)).any(|r| r.suppressed_by == Some(i));
        if let Some(w) = settings.unused_warning(i).filter(|_| !used) {
            let _ = writeln!(err, "{w}");
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
    let threshold = match settings.fail_on.0 {
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
        LintFormat::Text => {
            let text = output::lint_text(&rows, &sources);
            // The summary is the last line.
            let shown = match text.trim_end_matches('\n').rfind('\n') {
                Some(i) if env.quiet => &text[..=i],
                None if env.quiet => "",
                _ => &text,
            };
            write!(out, "{shown}")
        }
        LintFormat::Json => writeln!(out, "{}", output::lint_json(&rows, &sources)),
        LintFormat::Sarif => {
            let sarif = output::lint_sarif(&rows, &sources, cwd.as_deref());
            let text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
            for w in output::sarif_limits(&sarif, &text) {
                let _ = writeln!(err, "{w}");
            }
            writeln!(out, "{text}")
        }
        LintFormat::Github => write!(out, "{}", output::github(&report(), cwd.as_deref())),
        LintFormat::Junit => write!(out, "{}", output::junit(&report())),
        LintFormat::Markdown => write!(out, "{}", output::markdown(&report())),
    };
    let failing = threshold.is_some_and(|t| {
        rows.iter()
            .any(|r| r.reported.suppressed.is_none() && r.reported.finding.severity >= t)
    });
    Ok(if unreadable {
        Exit::Unanswerable
    } else if failing {
        Exit::No
    } else {
        Exit::Yes
    })
}

/// `--stdin-filename` names the text of `-`, so it needs a `-` among the files.
fn check_stdin_filename(a: &LintArgs) -> Result<(), Failure> {
    match &a.stdin_filename {
        Some(name) if !a.files.iter().any(|f| stdin::is_stdin(f)) => Err(Failure::one(format!(
            "error: --stdin-filename `{}` names standard input, but no FILE is `-`\n  = help: add `-` to the files to lint the text of standard input",
            name.display()
        ))),
        _ => Ok(()),
    }
}

/// What each file of a run is linted with.
pub(super) struct File<'a> {
    args: &'a LintArgs,
    pub(super) settings: &'a Settings,
    pub(super) select: &'a [&'a str],
    pub(super) cwd: Option<&'a Path>,
}

impl File<'_> {
    /// Reads and lints one file (added to `sources`), its findings with the suppressions
    /// applied, and whether it could be read: a path that cannot be read is one finding and a
    /// line on `err`.
    fn lint(
        &self,
        entry: Entry,
        sources: &mut SourceMap,
        err: &mut dyn Write,
    ) -> (SourceId, Vec<Reported>, bool) {
        let (path, text) = match entry {
            Entry::File(p) => {
                let text = lint_inputs::read(&p).map_err(|e| (e, "file"));
                (p, text)
            }
            Entry::Unreadable(p, e) => (p, Err((e, "folder"))),
        };
        // Standard input goes by `--stdin-filename`, in positions and suppressions alike.
        let shown = match &self.args.stdin_filename {
            Some(name) if stdin::is_stdin(&path) => name.clone(),
            _ => PathBuf::from(stdin::display(&path)),
        };
        let name = shown.display().to_string();
        match text {
            Ok((text, bad_utf8)) => {
                let id = sources.add(name, text.clone());
                let findings = match bad_utf8 {
                    // Offsets index the lossy text; its prefix up to `at` is the file's own bytes.
                    Some(at) => invalid_json_at(
                        format!("invalid JSON: the text is not UTF-8 (byte {at})"),
                        at,
                        "policies are UTF-8 JSON",
                    ),
                    None if self.select.is_empty() => Vec::new(),
                    None => swfsim::lint::lint(&text, id, self.settings.kind.0.kind(), self.select),
                };
                (id, self.settings.apply(self.cwd, &shown, findings), true)
            }
            // Whatever --select and the suppressions say: the run could not see this file.
            Err((e, what)) => {
                let shown = swfsim::output::escape_controls(&name);
                let _ = writeln!(err, "error: cannot read `{shown}`: {e}");
                let id = sources.add(name, String::new());
                let findings = invalid_json_at(
                    format!("cannot read the {what}: {e}"),
                    0,
                    "check that the path exists and that swfsim may read it",
                );
                (id, findings.into_iter().map(unsuppressed).collect(), false)
            }
        }
    }
}

/// A finding of SWF001 (`invalid-json`) at byte `at`: the rule also covers text that is not
/// UTF-8 and a path that cannot be read, whose text is not JSON either.
pub(super) fn invalid_json_at(message: String, at: usize, help: &str) -> Vec<Finding> {
    let meta = swfsim::lint::rule("SWF001").map(|r| r.meta);
    meta.map(|m| {
        vec![swfsim::lint::finding(
            m,
            message,
            Span::new(at, at),
            String::new(),
            Some(help.into()),
        )]
    })
    .unwrap_or_default()
}

/// A finding no suppression covers.
pub(super) fn unsuppressed(finding: Finding) -> Reported {
    Reported {
        finding,
        suppressed: None,
        suppressed_by: None,
    }
}

/// The path suppression globs are matched against: the file's path joined to the working
/// directory, `.` parts dropped and `dir/..` folded, then written relative to the working
/// directory (`../x/a.json` beside it), in `/` form. So `iam/04-*.json` covers the file however
/// it was typed (`iam/04-a.json`, `./iam/04-a.json`, `../here/iam/04-a.json`, its absolute
/// path). Without a working directory the path is folded as given. The file system is not
/// asked: a symbolic link is a name like any other.
pub(super) fn match_path(cwd: Option<&Path>, file: &Path) -> String {
    let Some(cwd) = cwd else {
        return folded(file).join("/");
    };
    let (path, base) = (folded(&cwd.join(file)), folded(cwd));
    let shared = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if shared == 0 {
        // Nothing in common, not even a root (another drive): the path as it is.
        return path.join("/");
    }
    let up = std::iter::repeat_n("..".to_string(), base.len() - shared);
    up.chain(path[shared..].iter().cloned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A path's parts, folded ([`swfsim::source::path::folded`]), the root an empty part.
fn folded(path: &Path) -> Vec<String> {
    use std::path::Component;
    (swfsim::source::path::folded(path).components())
        .map(|c| match c {
            Component::RootDir => String::new(),
            c => c.as_os_str().to_string_lossy().into_owned(),
        })
        .collect()
}

/// A suppression's glob in the form [`match_path`] gives paths: without a leading `./`.
pub(super) fn match_glob(glob: &str) -> String {
    let mut g = glob;
    while let Some(rest) = g.strip_prefix("./") {
        g = rest;
    }
    g.to_string()
}
