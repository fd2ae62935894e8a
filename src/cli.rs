//! The command line: clap's arguments, validated into library calls, the answers written.
//!
//! [`run`] writes to the writers it is given and returns an [`Exit`]; `main` only forwards them.
//! Each command has a file of its own; [`args`] holds what clap reads.

mod account;
mod args;
mod batch_lines;
mod caller;
mod check;
mod checked;
mod config;
mod diff;
mod exit;
mod explain;
mod failure;
mod lint;
mod lint_exports;
mod lint_inputs;
mod load;
mod reports;
mod rules;
mod scope;
mod shell;
mod show_settings;
mod simulate;
mod terminal;
mod stdin;
#[cfg(test)]
mod tests;
mod whocan;
mod world_file;

pub use args::Cli;
pub use exit::Exit;

use args::Command;
use checked::Checked;
use failure::report;
use std::io::Write;

/// What the environment gives a run: the clock, a seed of randomness, the machine.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    /// Epoch seconds now.
    pub now: i64,
    /// A seed for run ids when `--seed` is not given.
    pub entropy: u64,
    /// Whether stderr is a terminal (a progress line is shown for long batch runs).
    pub progress: bool,
    /// Cores available.
    pub cores: usize,
    /// Whether standard output and standard error are terminals.
    pub terminals: [bool; 2],
    /// Whether `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `--quiet`: answers and errors only.
    pub quiet: bool,
}

/// Runs a parsed command line. An answer that could not be written in full is no answer: exit
/// 2, with the error on `err` (a reader that went away, as `head` does, included: what it read
/// was not the whole answer).
pub fn run(cli: Cli, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let env = Env {
        quiet: cli.quiet,
        // The progress line is neither an answer nor an error.
        progress: env.progress && !cli.quiet,
        ..env
    };
    let paint = [
        terminal::colour(cli.color, env.terminals[0], env.no_color)
            && terminal::writes_text(&cli.command),
        terminal::colour(cli.color, env.terminals[1], env.no_color),
    ];
    let mut painted_out;
    let out: &mut dyn Write = if paint[0] {
        painted_out = terminal::Lines::new(out, true, false);
        &mut painted_out
    } else {
        out
    };
    let mut painted_err;
    let err: &mut dyn Write = if paint[1] || env.quiet {
        painted_err = terminal::Lines::new(err, paint[1], env.quiet);
        &mut painted_err
    } else {
        err
    };
    let code = run_command(cli, env, out, err);
    let _ = err.flush();
    code
}

/// Runs the command, its answer on `out`.
fn run_command(cli: Cli, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    if let Err(f) = stdin::one_reader(&cli.command) {
        return report(Err(f), err);
    }
    let mut out = Checked::new(out);
    let code = match cli.command {
        Command::Simulate(a) => simulate::run(*a, env, &mut out, err),
        Command::Diff(a) => report(diff::run(*a, &mut out), err),
        Command::Check(a) => report(check::run(*a, &mut out), err),
        Command::Lint(a) => report(lint::run(*a, env, &mut out, err), err),
        Command::WhoCan(a) => report(whocan::run(*a, env, &mut out, err), err),
        Command::Rules(a) => rules::run(a, &mut out),
        Command::Explain { code } => explain::run(&code, &mut out, err),
        Command::Completions { shell } => shell::completions(shell, &mut out),
        Command::Man { dir } => report(shell::man(dir.as_deref(), &mut out), err),
    };
    out.finish(code, err)
}

/// What a command line clap could not run gives: `--help` and `--version` are answers, written
/// (and checked) as every other answer is; a usage error is clap's message on `err`, exit 2.
/// `color` says, for `out` and for `err`, whether it is a terminal (clap's styles are shown
/// there only).
pub fn parse_failure(
    e: clap::Error,
    color: [bool; 2],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    use clap::error::ErrorKind;
    let answer = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    let styled = e.render();
    let text = if color[usize::from(!answer)] {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    if answer {
        let mut out = Checked::new(out);
        let _ = out.write_all(text.as_bytes());
        out.finish(Exit::Yes, err)
    } else {
        let _ = err.write_all(text.as_bytes());
        Exit::Unanswerable
    }
}
