//! `swfsim rules`: the lint rules, one a line or as JSON.

use super::args::{Format, RulesArgs};
use super::exit::Exit;
use std::io::Write;

/// Runs `swfsim rules`.
pub fn run(a: RulesArgs, out: &mut dyn Write) -> Exit {
    match a.format {
        Format::Text => {
            for r in swfsim::lint::rules::ALL {
                let m = r.meta;
                let _ = writeln!(
                    out,
                    "{}  {:<17} {:<36} {}",
                    m.code,
                    m.severity.as_str(),
                    m.name,
                    m.summary
                );
            }
        }
        Format::Json => {
            let v: Vec<serde_json::Value> = swfsim::lint::rules::ALL
                .iter()
                .map(|r| serde_json::json!({"code": r.meta.code, "name": r.meta.name, "severity": r.meta.severity.as_str(), "summary": r.meta.summary}))
                .collect();
            let _ = writeln!(out, "{}", serde_json::Value::Array(v));
        }
    }
    Exit::Yes
}
