//! A command that could not answer: its messages, for stderr, and exit 2.

use super::exit::Exit;
use std::io::Write;
use swfsim::output::escape_lines;

/// Why a command could not answer: one message per problem found, each one or more lines.
pub struct Failure(pub Vec<String>);

impl Failure {
    /// A failure with one message.
    pub fn one(message: String) -> Failure {
        Failure(vec![message])
    }

    /// A file or folder that could not be read.
    pub fn unreadable(path: &std::path::Path, e: std::io::Error) -> Failure {
        let name = super::stdin::display(path);
        Failure::one(format!("error: cannot read `{name}`: {e}"))
    }
}

/// The exit of a command: its own, or 2 with each message on `err`, trailing blanks trimmed.
/// Control characters a message echoes from the command line (a path, a value) are escaped.
pub fn report(r: Result<Exit, Failure>, err: &mut dyn Write) -> Exit {
    match r {
        Ok(code) => code,
        Err(Failure(msgs)) => {
            for m in msgs {
                let _ = writeln!(err, "{}", escape_lines(m.trim_end().to_string()));
            }
            Exit::Unanswerable
        }
    }
}

/// The exit of `simulate`: its own, or 2 with each message on `err` as it is, ended with a
/// newline when it has none (control characters escaped, as [`report`] does).
pub fn report_as_is(r: Result<Exit, Failure>, err: &mut dyn Write) -> Exit {
    match r {
        Ok(code) => code,
        Err(Failure(msgs)) => {
            for m in msgs {
                let end = if m.ends_with('\n') { "" } else { "\n" };
                let _ = write!(err, "{}{end}", escape_lines(m));
            }
            Exit::Unanswerable
        }
    }
}
