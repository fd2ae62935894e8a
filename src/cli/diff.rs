//! `swfsim diff`: every kind of start one policy set allows and another does not.

use super::args::{DiffArgs, Format};
use super::exit::Exit;
use super::failure::Failure;
use super::load::load_set;
use super::scope::scope_of;
use std::io::Write;
use swfsim::output;
use swfsim::source::SourceMap;

/// Runs `swfsim diff`.
pub fn run(a: DiffArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use swfsim::analysis::{analyze, Goal};
    let mut sources = SourceMap::default();
    let old = load_set(&a.shared, &a.old, a.kind, &mut sources, None);
    let new = load_set(&a.shared, &a.new, a.kind, &mut sources, None);
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let mut msgs = Vec::new();
            for r in [o, n] {
                if let Err(Failure(m)) = r {
                    msgs.extend(m);
                }
            }
            return Err(Failure(msgs));
        }
    };
    let scope = scope_of(&a.flags, swfsim::analysis::Spec::default())?;
    let sets = [&old, &new];
    let result = analyze(&sets, Goal::Gained, &scope)
        .and_then(|g| analyze(&sets, Goal::Lost, &scope).map(|l| (g, l)));
    let code = match &result {
        Err(_) => Exit::Unanswerable,
        Ok((g, _)) if !g.regions.is_empty() => Exit::No,
        Ok(_) => Exit::Yes,
    };
    let text = match a.format {
        Format::Text => output::analysis::diff_text(&result),
        Format::Json => format!("{}\n", output::analysis::diff_json(&result)),
    };
    let _ = out.write_all(text.as_bytes());
    Ok(code)
}
