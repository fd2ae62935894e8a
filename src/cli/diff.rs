//! `swfsim diff`: every kind of start one policy set allows and another does not.

use super::account::{analysis_caller, fixed_keys};
use super::args::{DiffArgs, Format};
use super::exit::Exit;
use super::failure::Failure;
use super::load::load_set_for;
use super::scope::scope_of;
use std::io::Write;
use swfsim::output;
use swfsim::source::SourceMap;

/// Runs `swfsim diff`.
pub fn run(a: DiffArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use swfsim::analysis::{analyze, Goal};
    let mut sources = SourceMap::default();
    let caller = analysis_caller(&a.shared, &a.flags.principal)?;
    let old = load_set_for(&a.shared, &a.old, a.kind, caller, &mut sources, None);
    let new = load_set_for(&a.shared, &a.new, a.kind, caller, &mut sources, None);
    let (old, new, exported) = match (old, new) {
        (Ok((o, x)), Ok((n, _))) => (o, n, x),
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
    let mut spec = swfsim::analysis::Spec::default();
    if let Some(x) = &exported {
        fixed_keys(x, &mut spec);
    }
    let scope = scope_of(&a.flags, spec)?;
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
