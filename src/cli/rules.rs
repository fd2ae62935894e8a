//! `swfsim rules`: the lint rules, one a line or as JSON.

use super::args::{Format, RulesArgs};
use super::exit::Exit;
use std::io::Write;

/// Runs `swfsim rules`.
pub fn run(a: RulesArgs, out: &mut dyn Write) -> Exit {
    let rules = swfsim::lint::rules::ALL;
    let text = match a.format {
        Format::Text => swfsim::output::rules_text(rules),
        Format::Json => swfsim::output::rules_json(rules) + "\n",
    };
    let _ = out.write_all(text.as_bytes());
    Exit::Yes
}
