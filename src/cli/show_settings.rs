//! `swfsim lint --show-settings`: the configuration file found and the settings in effect, as
//! text.

use super::config::{Origin, Settings, Written};
use clap::ValueEnum;
use std::fmt::Write;

/// The settings, one per line, each with where it comes from.
pub fn text(s: &Settings) -> String {
    let mut t = String::new();
    let file = s.file.as_ref();
    let _ = match file {
        Some(f) if f.pyproject => writeln!(t, "config: {} ([tool.swfsim])", f.shown),
        Some(f) => writeln!(t, "config: {}", f.shown),
        None if s.isolated => writeln!(t, "config: none (--isolated)"),
        None => writeln!(t, "config: none found"),
    };
    if let Some(f) = file {
        let _ = writeln!(t, "globs relative to: {}/", f.dir);
    }
    let from = |origin: Origin, flag: &str| match (origin, file) {
        (Origin::Default, _) | (Origin::File, None) => "default".to_string(),
        (Origin::File, Some(f)) => f.shown.clone(),
        (Origin::Flag, _) => flag.to_string(),
    };
    let (select, origin) = &s.select;
    let select = if select.is_empty() {
        "all rules".to_string()
    } else {
        select.join(", ")
    };
    let _ = writeln!(t, "select: {select} ({})", from(*origin, "--select"));
    let ignore = match s.ignore.as_slice() {
        [] => "none".to_string(),
        list => format!("{} ({})", list.join(", "), from(Origin::File, "")),
    };
    let _ = writeln!(t, "ignore: {ignore}");
    let name = |v: Option<clap::builder::PossibleValue>| {
        v.map_or(String::new(), |p| p.get_name().to_string())
    };
    let (fail_on, origin) = s.fail_on;
    let fail_on = name(fail_on.to_possible_value());
    let _ = writeln!(t, "fail-on: {fail_on} ({})", from(origin, "--fail-on"));
    let (kind, origin) = s.kind;
    let kind = name(kind.to_possible_value());
    let _ = writeln!(t, "kind: {kind} ({})", from(origin, "--kind"));
    let mut exclude = vec!["hidden folders, `node_modules`, `target` (default)".to_string()];
    for x in &s.exclude {
        exclude.push(format!("`{}` ({})", x.glob, from(x.origin, "--exclude")));
    }
    let _ = writeln!(t, "exclude: {}", exclude.join("; "));
    let _ = writeln!(t, "today: {}", s.today);
    let _ = writeln!(t, "suppressions:");
    if s.suppressions.is_empty() {
        let _ = writeln!(t, "  none");
    }
    for (x, w) in s.suppressions.iter().zip(&s.written) {
        let (until, at) = match w {
            Written::Flag => (String::new(), "command line".to_string()),
            Written::Suppression { at, expires } => (
                expires.map_or(String::new(), |d| format!(" until {d}")),
                at.clone(),
            ),
            Written::PerFileIgnore { at } => (String::new(), format!("per-file-ignores, {at}")),
        };
        let _ = writeln!(t, "  {} `{}`{until} ({at}): {}", x.code, x.files, x.reason);
    }
    for (x, w) in &s.expired {
        if let Written::Suppression {
            at,
            expires: Some(d),
        } = w
        {
            let _ = writeln!(
                t,
                "  {} `{}` expired after {d} ({at}): {}",
                x.code, x.files, x.reason
            );
        }
    }
    t
}
