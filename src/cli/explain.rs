//! `swfsim explain`: what a lint rule finds, why, and what to write instead.

use super::exit::Exit;
use std::io::Write;

/// Runs `swfsim explain CODE`.
pub fn run(code: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match swfsim::lint::rule(code) {
        Some(r) => {
            let _ = write!(out, "{}", r.meta.explain());
            Exit::Yes
        }
        None => {
            let _ = writeln!(err, "error: no rule `{code}`; `swfsim rules` lists them");
            Exit::Unanswerable
        }
    }
}
