//! Standard input as an input file: `-` names it wherever a command reads a file, and at most
//! one input of a run reads it.

use super::args::{Command, PolicyFiles};
use super::failure::Failure;
use std::io::Read;
use std::path::Path;

/// The name standard input goes by in positions (`<stdin>:3:7`).
pub const NAME: &str = "<stdin>";

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a file's positions and messages give it: its path, or [`NAME`] for `-`.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// A file's bytes, or standard input's for `-`.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// Refuses a command line that gives `-` to two inputs (standard input can be read once),
/// naming both flags.
pub fn one_reader(command: &Command) -> Result<(), Failure> {
    let readers: Vec<&str> = inputs(command)
        .into_iter()
        .filter(|(_, p)| is_stdin(p))
        .map(|(flag, _)| flag)
        .collect();
    let (first, second) = match readers.as_slice() {
        [first, second, ..] => (first, second),
        _ => return Ok(()),
    };
    let both = if first == second {
        format!("`-` is given twice to `{first}`")
    } else {
        format!("`-` is given to both `{first}` and `{second}`")
    };
    Err(Failure::one(format!(
        "error: {both}: standard input can be read by one input only\n  = help: write all but one of them to a file"
    )))
}

/// Each file a command reads, with the flag that names it.
fn inputs(command: &Command) -> Vec<(&'static str, &Path)> {
    let mut out = Vec::new();
    match command {
        Command::Simulate(a) => {
            add(&mut out, "--request", &a.request);
            add(&mut out, "--requests", &a.requests);
            policy_inputs(&mut out, &a.policies);
            add(&mut out, "--context-file", &a.context_file);
            add(&mut out, "--world", &a.world);
        }
        Command::Diff(a) => {
            add(&mut out, "--old", &a.old);
            add(&mut out, "--new", &a.new);
            policy_inputs(&mut out, &a.shared);
        }
        Command::Check(a) => {
            policy_inputs(&mut out, &a.policies);
            add(&mut out, "--must-allow", &a.must_allow);
            add(&mut out, "--must-not-allow", &a.must_not_allow);
        }
        Command::Lint(a) => {
            add(&mut out, "lint FILE", &a.files);
            add(&mut out, "--suppressions", &a.suppressions);
            add(&mut out, "--account-details", &a.account_details);
            add(&mut out, "--org", &a.org);
        }
        Command::WhoCan(a) => {
            add(&mut out, "--account-details", [&a.account_details]);
            add(&mut out, "--request", &a.request);
            add(&mut out, "--org", &a.org);
        }
        Command::Rules(_)
        | Command::Explain { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => {}
    }
    out
}

/// Adds the files of one flag.
fn add<'a, P: AsRef<Path> + 'a>(
    out: &mut Vec<(&'static str, &'a Path)>,
    flag: &'static str,
    paths: impl IntoIterator<Item = &'a P>,
) {
    out.extend(paths.into_iter().map(|p| (flag, p.as_ref())));
}

/// Adds the files of the policy-type flags.
fn policy_inputs<'a>(out: &mut Vec<(&'static str, &'a Path)>, p: &'a PolicyFiles) {
    add(out, "--policy", &p.policy);
    add(out, "--boundary", &p.boundary);
    add(out, "--scp", &p.scp);
    add(out, "--rcp", &p.rcp);
    add(out, "--session-policy", &p.session_policy);
    add(out, "--account-details", &p.account_details);
    add(out, "--org", &p.org);
}
