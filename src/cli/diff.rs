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
    // Each side: the shared flags, with its own export and org file.
    let side = |details: &Option<std::path::PathBuf>, org: &Option<std::path::PathBuf>| {
        let mut files = a.shared.clone();
        files.account_details = details.clone().or(files.account_details);
        files.org = org.clone().or(files.org);
        files
    };
    let (old_files, new_files) = (
        side(&a.old_account_details, &a.old_org),
        side(&a.new_account_details, &a.new_org),
    );
    let either = if old_files.account_details.is_some() || old_files.org.is_some() {
        &old_files
    } else {
        &new_files
    };
    let caller = analysis_caller(either, &a.flags.principal)?;
    let old = load_set_for(&old_files, &a.old, a.kind, caller, &mut sources, None);
    let new = load_set_for(&new_files, &a.new, a.kind, caller, &mut sources, None);
    let (old, new, exported) = match (old, new) {
        (Ok((o, x)), Ok((n, y))) => {
            // One caller is analysed: its keys must be the same on both sides.
            let keys = |e: &Option<super::account::Exported>| {
                e.as_ref()
                    .map(|e| (e.tags.clone(), e.userid.clone(), e.org.clone()))
            };
            if x.is_some() && y.is_some() && keys(&x) != keys(&y) {
                return Err(Failure::one(
                    "error: the caller's tags, unique id or organization differ between the old and new exports; diff compares two policy sets for one caller\n  = help: compare each side with `simulate`, or diff with the tags fixed by --context".to_string(),
                ));
            }
            (o, n, x.or(y))
        }
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
        fixed_keys(&x.tags, x.userid.as_ref(), &mut spec);
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
