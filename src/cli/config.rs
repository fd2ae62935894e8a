//! `lint`'s configuration: `swfsim.toml`, or the `[tool.swfsim]` table of a `pyproject.toml`,
//! found upward from the working directory as ruff finds its own (or named by `--config`), and
//! the settings in effect once the command line is laid over it.

use super::args::{FailOn, KindArg, LintArgs};
use super::failure::Failure;
use super::lint::{match_glob, match_path};
use clap::ValueEnum;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use swfsim::lint::{Finding, Reported, Suppression};
use swfsim::source::LineIndex;
use toml::Spanned;

/// The keys of a configuration, as its file spells them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Keys {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    per_file_ignores: Vec<Spanned<PerFileIgnore>>,
    #[serde(default)]
    suppressions: Vec<Spanned<FileSuppression>>,
}

/// `[[per-file-ignores]]`: rules turned off for the files a glob matches, with a reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PerFileIgnore {
    files: Spanned<String>,
    rules: Spanned<Vec<Spanned<String>>>,
    reason: Spanned<String>,
}

/// `[[suppressions]]`: one rule turned off for the files a glob matches, with a reason, until a
/// day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSuppression {
    rule: Spanned<String>,
    files: Spanned<String>,
    reason: Spanned<String>,
    expires: Option<Spanned<toml::Value>>,
}

/// A `pyproject.toml`: only `[tool.swfsim]` is read.
#[derive(Deserialize)]
struct Pyproject {
    tool: Option<Tool>,
}

/// A `pyproject.toml`'s `[tool]` table.
#[derive(Deserialize)]
struct Tool {
    swfsim: Option<Keys>,
}

/// A day of the calendar (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    year: i64,
    month: u32,
    day: u32,
}

impl Day {
    /// A TOML date without a time (`2027-01-31`), or `None`.
    fn of_toml(v: &toml::Value) -> Option<Day> {
        match v {
            toml::Value::Datetime(toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => Some(Day {
                year: i64::from(d.year),
                month: u32::from(d.month),
                day: u32::from(d.day),
            }),
            _ => None,
        }
    }

    /// Days since 1970-01-01.
    fn number(self) -> i64 {
        swfsim::condition::days_from_civil(self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The configuration file read.
#[derive(Debug)]
pub struct ConfigFile {
    /// Its path as messages show it: as given to `--config`, or relative to the working
    /// directory when found.
    pub shown: String,
    /// Whether it is a `pyproject.toml` (its `[tool.swfsim]` table).
    pub pyproject: bool,
    /// The folder its globs are relative to, absolute, in the form `match_path` writes.
    pub dir: String,
}

/// Where a setting in effect comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// swfsim's default.
    Default,
    /// The configuration file.
    File,
    /// The command line.
    Flag,
}

/// An `exclude` glob.
#[derive(Debug)]
pub struct Exclude {
    /// The glob as written, without a trailing `/`.
    pub glob: String,
    /// The glob in the form of [`match_glob`].
    matched: String,
    /// Whether it has no `/` and so matches a name at any depth, as in `.gitignore`.
    by_name: bool,
    /// The configuration file or the command line.
    pub origin: Origin,
}

impl Exclude {
    /// A glob as written in the configuration or to `--exclude`.
    fn new(text: &str, origin: Origin) -> Exclude {
        let glob = text.trim_end_matches('/');
        Exclude {
            glob: glob.to_string(),
            matched: match_glob(glob),
            by_name: !glob.contains('/'),
            origin,
        }
    }
}

/// Where a suppression was written.
#[derive(Clone, Debug)]
pub enum Written {
    /// `--suppress` or `--suppressions`: its glob is relative to the working directory.
    Flag,
    /// A `[[suppressions]]` entry at a `file:line:column`, with its `expires` day.
    Suppression {
        /// `file:line:column`.
        at: String,
        /// The last day it applies.
        expires: Option<Day>,
    },
    /// A `[[per-file-ignores]]` entry at a `file:line:column`.
    PerFileIgnore {
        /// `file:line:column`.
        at: String,
    },
}

/// The settings of a lint run: the configuration file's, with the command line's over them.
#[derive(Debug)]
pub struct Settings {
    /// The configuration file read, if any.
    pub file: Option<ConfigFile>,
    /// Whether `--isolated` turned configuration files off.
    pub isolated: bool,
    /// The rules selected (empty: all).
    pub select: (Vec<String>, Origin),
    /// The rules turned off.
    pub ignore: Vec<String>,
    /// The least severity that fails the run.
    pub fail_on: (FailOn, Origin),
    /// The policy type of the files.
    pub kind: (KindArg, Origin),
    /// What a folder's walk passes over besides hidden folders, `node_modules` and `target`:
    /// the configuration's globs, then `--exclude`'s.
    pub exclude: Vec<Exclude>,
    /// The suppressions in effect, the command line's first.
    pub suppressions: Vec<Suppression>,
    /// Where each of `suppressions` was written.
    pub written: Vec<Written>,
    /// The suppressions whose `expires` day has passed, and where they were written.
    pub expired: Vec<(Suppression, Written)>,
    /// The day `expires` is compared with.
    pub today: Day,
}

impl Settings {
    /// The codes of the rules to run.
    pub fn rules(&self) -> Vec<&'static str> {
        let named = |list: &[String], code: &str| {
            (list.iter()).any(|s| swfsim::lint::rule(s).is_some_and(|r| r.meta.code == code))
        };
        (swfsim::lint::rules::ALL.iter())
            .map(|r| r.meta.code)
            .filter(|c| self.select.0.is_empty() || named(&self.select.0, c))
            .filter(|c| !named(&self.ignore, c))
            .collect()
    }

    /// The error of settings that leave no rule to run: `ignore` turns off every rule selected,
    /// a run that could only say "0 findings".
    pub fn no_rules_error(&self) -> Option<Failure> {
        if !self.rules().is_empty() {
            return None;
        }
        let shown = self.file.as_ref().map_or("", |f| f.shown.as_str());
        let list = |l: &[String]| format!("`{}`", l.join("`, `"));
        let select = match &self.select {
            (l, _) if l.is_empty() => "every rule".to_string(),
            (l, Origin::Flag) => format!("--select {}", list(l)),
            (l, _) => format!("select {} ({shown})", list(l)),
        };
        Some(Failure::one(format!(
            "error: no rule to run: {select} and ignore {} ({shown}) leave none\n  = help: a rule \
             both selected and ignored is not run; take it out of `ignore` to run it",
            list(&self.ignore)
        )))
    }

    /// `file`'s path from the configuration's folder (its absolute path when outside it), in the
    /// form of [`match_path`]; `None` without a configuration.
    fn path_from_config(&self, cwd: Option<&Path>, file: &Path) -> Option<String> {
        self.file.as_ref().map(|c| {
            let absolute = match_path(None, &cwd.map_or(file.to_path_buf(), |d| d.join(file)));
            match absolute.strip_prefix(&format!("{}/", c.dir)) {
                Some(rest) => rest.to_string(),
                None => absolute,
            }
        })
    }

    /// Whether a walk passes over `path` (a file or a folder found below a folder given): an
    /// `exclude` glob without `/` matched against its name, one with `/` against its path (from
    /// the configuration's folder for the file's globs, from the working directory for
    /// `--exclude`'s).
    pub fn excluded(&self, cwd: Option<&Path>, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let from_cwd = match_path(cwd, path);
        let from_config = self.path_from_config(cwd, path);
        (self.exclude.iter()).any(|x| {
            let against = match x.origin {
                _ if x.by_name => name.as_ref().unwrap_or(&from_cwd),
                Origin::File => from_config.as_ref().unwrap_or(&from_cwd),
                _ => &from_cwd,
            };
            swfsim::pattern::Pattern::wildcard(&x.matched, false).matches(against)
        })
    }

    /// The findings of `file` with the suppressions that cover it: a flag's glob matched against
    /// its path from the working directory, a configuration's against its path from the
    /// configuration's folder.
    pub fn apply(&self, cwd: Option<&Path>, file: &Path, findings: Vec<Finding>) -> Vec<Reported> {
        let from_cwd = match_path(cwd, file);
        let from_config = self.path_from_config(cwd, file);
        let covers = |i: usize, s: &Suppression| {
            let path = match self.written[i] {
                Written::Flag => &from_cwd,
                _ => from_config.as_ref().unwrap_or(&from_cwd),
            };
            swfsim::pattern::Pattern::wildcard(&s.files, false).matches(path)
        };
        swfsim::lint::apply_suppressions_where(findings, &self.suppressions, covers)
    }

    /// The warning for suppression `i` when it covered no finding; none for a per-file ignore
    /// (a group of rules for a group of files).
    pub fn unused_warning(&self, i: usize) -> Option<String> {
        let s = &self.suppressions[i];
        match &self.written[i] {
            Written::Flag => Some(format!(
                "warning: suppression `{}:{}` matched no finding",
                s.code, s.files
            )),
            Written::Suppression { at, .. } => Some(format!(
                "warning: {at}: suppression `{}:{}` matched no finding",
                s.code, s.files
            )),
            Written::PerFileIgnore { .. } => None,
        }
    }

    /// A warning for each suppression whose `expires` day has passed.
    pub fn expired_warnings(&self) -> Vec<String> {
        (self.expired.iter())
            .filter_map(|(s, w)| match w {
                Written::Suppression {
                    at,
                    expires: Some(day),
                } => Some(format!(
                    "warning: {at}: suppression `{}:{}` expired after {day}; its findings are \
                     reported again\n  = help: fix them, or renew the suppression with a later \
                     `expires`",
                    s.code, s.files
                )),
                _ => None,
            })
            .collect()
    }
}

/// The settings of `lint`: the configuration file's (found, named by `--config`, or none with
/// `--isolated`) with the command line's over them. `flag_suppressions` are those of
/// `--suppress` and `--suppressions`; `now` is the clock, epoch seconds.
pub fn resolve(
    a: &LintArgs,
    flag_suppressions: Vec<Suppression>,
    cwd: Option<&Path>,
    now: i64,
) -> Result<Settings, Failure> {
    let mut select = Vec::new();
    for c in &a.select {
        match swfsim::lint::rule(c) {
            Some(r) => select.push(r.meta.code.to_string()),
            None => {
                return Err(Failure::one(format!(
                    "error: --select: no rule `{c}`; `swfsim rules` lists them"
                )))
            }
        }
    }
    let today = match &a.config.today {
        Some(t) => parse_today(t)?,
        None => day_of(now),
    };
    let loaded = if a.config.isolated {
        None
    } else if let Some(p) = &a.config.config {
        let shown = p.display().to_string();
        let pyproject = p.file_name().is_some_and(|n| n == "pyproject.toml");
        let dir = p
            .parent()
            .map(|d| cwd.map_or(d.to_path_buf(), |c| c.join(d)));
        let read = read_config(p, shown.clone(), pyproject, dir.as_deref())?;
        Some(read.ok_or_else(|| {
            Failure::one(format!("error: `{shown}` has no `[tool.swfsim]` table"))
        })?)
    } else {
        match cwd {
            Some(c) => discover(c)?,
            None => None,
        }
    };
    let mut s = Settings {
        file: None,
        isolated: a.config.isolated,
        select: (Vec::new(), Origin::Default),
        ignore: Vec::new(),
        fail_on: (FailOn::SecurityWarning, Origin::Default),
        kind: (KindArg::Identity, Origin::Default),
        exclude: Vec::new(),
        written: vec![Written::Flag; flag_suppressions.len()],
        suppressions: flag_suppressions,
        expired: Vec::new(),
        today,
    };
    if let Some(loaded) = loaded {
        loaded.settle(&mut s)?;
        s.file = Some(loaded.file);
    }
    if !select.is_empty() {
        s.select = (select, Origin::Flag);
    }
    if let Some(f) = a.fail_on {
        s.fail_on = (f, Origin::Flag);
    }
    if let Some(k) = a.kind {
        s.kind = (k, Origin::Flag);
    }
    for g in &a.exclude {
        if g.trim_end_matches('/').trim().is_empty() {
            return Err(Failure::one(format!(
                "error: --exclude `{g}` matches no path\n  = help: give a name (`legacy`) or a path from the working directory (`iam/legacy/*`)"
            )));
        }
        s.exclude.push(Exclude::new(g, Origin::Flag));
    }
    Ok(s)
}

/// The day of an epoch second, UTC.
fn day_of(now: i64) -> Day {
    // Howard Hinnant's `civil_from_days`.
    let z = now.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day { year, month, day }
}

/// `--today`: a date `YYYY-MM-DD`.
fn parse_today(text: &str) -> Result<Day, Failure> {
    let value = text.parse::<toml::value::Datetime>().ok();
    value
        .and_then(|d| Day::of_toml(&toml::Value::Datetime(d)))
        .ok_or_else(|| Failure::one(format!("error: --today `{text}` is not a date YYYY-MM-DD")))
}

/// The first configuration upward from `cwd`: `swfsim.toml`, else a `pyproject.toml` with a
/// `[tool.swfsim]` table.
fn discover(cwd: &Path) -> Result<Option<Loaded>, Failure> {
    for (up, dir) in cwd.ancestors().enumerate() {
        let shown = |name: &str| format!("{}{name}", "../".repeat(up));
        let path = dir.join("swfsim.toml");
        if path.is_file() {
            return read_config(&path, shown("swfsim.toml"), false, Some(dir));
        }
        let path = dir.join("pyproject.toml");
        if path.is_file() {
            if let Some(found) = read_config(&path, shown("pyproject.toml"), true, Some(dir))? {
                return Ok(Some(found));
            }
        }
    }
    Ok(None)
}

/// A configuration file read: its text and its keys.
struct Loaded {
    file: ConfigFile,
    text: String,
    lines: LineIndex,
    /// The bytes of a byte order mark skipped before the TOML (spans count from after it).
    skipped: usize,
    keys: Keys,
}

/// Reads a configuration file; `None` for a `pyproject.toml` without `[tool.swfsim]`.
fn read_config(
    path: &Path,
    shown: String,
    pyproject: bool,
    dir: Option<&Path>,
) -> Result<Option<Loaded>, Failure> {
    let text = super::load::read_file(path)?;
    // A byte order mark is skipped; positions count from the file's first byte.
    let skipped = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let dir = dir.map_or(String::new(), |d| match_path(None, d));
    let mut loaded = Loaded {
        file: ConfigFile {
            shown,
            pyproject,
            dir,
        },
        lines: LineIndex::new(&text),
        skipped,
        text,
        keys: Keys::default(),
    };
    let body = &loaded.text[skipped..];
    let parsed = if pyproject {
        toml::from_str::<Pyproject>(body).map(|p| p.tool.and_then(|t| t.swfsim))
    } else {
        toml::from_str::<Keys>(body).map(Some)
    };
    match parsed {
        Ok(Some(keys)) => {
            loaded.keys = keys;
            Ok(Some(loaded))
        }
        Ok(None) => Ok(None),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            Err(loaded.error(span, e.message().trim_end(), None))
        }
    }
}

impl Loaded {
    /// `file:line:column` of a span's start (a span of the TOML, after any byte order mark).
    fn at(&self, span: &Range<usize>) -> String {
        let offset = u32::try_from(span.start + self.skipped).unwrap_or(u32::MAX);
        let lc = self.lines.line_col(&self.text, offset);
        format!("{}:{}:{}", self.file.shown, lc.line, lc.column)
    }

    /// An error at a span, with help.
    fn error(&self, span: Range<usize>, message: &str, help: Option<&str>) -> Failure {
        let help = help.map_or(String::new(), |h| format!("\n  = help: {h}"));
        Failure::one(format!("{}: error: {message}{help}", self.at(&span)))
    }

    /// A rule's name or code, known.
    fn rule(&self, r: &Spanned<String>) -> Result<String, Failure> {
        match swfsim::lint::rule(r.get_ref()) {
            Some(rule) => Ok(rule.meta.code.to_string()),
            None => Err(self.error(
                r.span(),
                &format!("no rule `{}`", r.get_ref()),
                Some("`swfsim rules` lists them, by code and by name"),
            )),
        }
    }

    /// A glob over paths from the configuration's folder, with only `*` and `?`.
    fn glob(&self, g: &Spanned<String>) -> Result<String, Failure> {
        let text = g.get_ref();
        let bad = if text.trim().is_empty() {
            Some("an empty glob matches no file")
        } else if text.contains(['[', ']', '{', '}']) {
            Some("swfsim's globs have `*` (any characters, `/` included) and `?` only")
        } else if text.starts_with('/') || text.split('/').any(|p| p == "..") {
            Some("a glob is relative to the configuration file's folder, and stays within it")
        } else {
            None
        };
        match bad {
            Some(help) => Err(self.error(g.span(), &format!("bad glob `{text}`"), Some(help))),
            None => Ok(match_glob(text)),
        }
    }

    /// A reason that says something.
    fn reason(&self, r: &Spanned<String>) -> Result<String, Failure> {
        if r.get_ref().trim().is_empty() {
            return Err(self.error(
                r.span(),
                "the `reason` is empty",
                Some("say why the findings are accepted, for whoever reads this next"),
            ));
        }
        Ok(r.get_ref().clone())
    }

    /// A value of a clap enum, spelled as on the command line.
    fn choice<T: ValueEnum>(&self, key: &str, v: &Spanned<String>) -> Result<T, Failure> {
        T::from_str(v.get_ref(), false).map_err(|_| {
            let names: Vec<String> = (T::value_variants().iter())
                .filter_map(|x| x.to_possible_value().map(|p| format!("`{}`", p.get_name())))
                .collect();
            self.error(
                v.span(),
                &format!("`{key}` cannot be `{}`", v.get_ref()),
                Some(&format!("one of {}", names.join(", "))),
            )
        })
    }

    /// Checks the keys and lays them into `s`.
    fn settle(&self, s: &mut Settings) -> Result<(), Failure> {
        let k = &self.keys;
        if let Some(list) = &k.select {
            let rules = list
                .iter()
                .map(|r| self.rule(r))
                .collect::<Result<_, _>>()?;
            s.select = (rules, Origin::File);
        }
        if let Some(list) = &k.ignore {
            s.ignore = list
                .iter()
                .map(|r| self.rule(r))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = &k.fail_on {
            s.fail_on = (self.choice("fail-on", v)?, Origin::File);
        }
        if let Some(v) = &k.kind {
            s.kind = (self.choice("kind", v)?, Origin::File);
        }
        for g in k.exclude.iter().flatten() {
            self.glob(g)?;
            s.exclude.push(Exclude::new(g.get_ref(), Origin::File));
        }
        for entry in &k.per_file_ignores {
            let e = entry.get_ref();
            let (files, reason) = (self.glob(&e.files)?, self.reason(&e.reason)?);
            if e.rules.get_ref().is_empty() {
                return Err(self.error(e.rules.span(), "`rules` names no rule", None));
            }
            for r in e.rules.get_ref() {
                s.suppressions.push(Suppression {
                    code: self.rule(r)?,
                    files: files.clone(),
                    reason: reason.clone(),
                });
                let at = self.at(&entry.span());
                s.written.push(Written::PerFileIgnore { at });
            }
        }
        for entry in &k.suppressions {
            let e = entry.get_ref();
            let suppression = Suppression {
                code: self.rule(&e.rule)?,
                files: self.glob(&e.files)?,
                reason: self.reason(&e.reason)?,
            };
            let expires = match &e.expires {
                Some(v) => Some(Day::of_toml(v.get_ref()).ok_or_else(|| {
                    self.error(
                        v.span(),
                        "`expires` takes a date",
                        Some("write the last day it applies, unquoted: `expires = 2027-01-31`"),
                    )
                })?),
                None => None,
            };
            let written = Written::Suppression {
                at: self.at(&entry.span()),
                expires,
            };
            if expires.is_some_and(|d| d.number() < s.today.number()) {
                s.expired.push((suppression, written));
            } else {
                s.suppressions.push(suppression);
                s.written.push(written);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_epoch_seconds() {
        let day = |y, m, d| Day {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(day_of(0), day(1970, 1, 1));
        assert_eq!(day_of(1_795_608_000), day(2026, 11, 25));
        assert_eq!(day_of(951_782_400), day(2000, 2, 29));
        assert_eq!(day_of(-1), day(1969, 12, 31));
        for n in [-800_000i64, -1, 0, 59, 10_000, 20_000, 2_000_000] {
            assert_eq!(day_of(n * 86_400 + 5).number(), n);
        }
    }
}
