//! `swfsim check`: a proof that no start matching a SPEC is allowed (or that every one is).

use super::account::{analysis_caller, fixed_keys};
use super::args::{CheckArgs, KindArg, ReportFormat};
use super::exit::Exit;
use super::failure::Failure;
use super::load::{input_errors, json_error, load_set_for, parse_json};
use super::reports;
use super::scope::scope_of;
use super::stdin;
use std::io::Write;
use std::path::Path;
use swfsim::json;
use swfsim::output;
use swfsim::source::SourceMap;

/// Runs `swfsim check`; in a report format a run that could not answer writes its errors as a
/// report.
pub fn run(a: CheckArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let must_allow = a.must_allow.is_some();
    let property = if must_allow {
        "must-allow"
    } else {
        "must-not-allow"
    };
    let raw = a.must_allow.as_ref().or(a.must_not_allow.as_ref());
    let spec = raw.filter(|r| !inline(r));
    let case = output::Case {
        class: spec.map_or_else(|| "SPEC".to_string(), |r| stdin::display(Path::new(r))),
        name: property.to_string(),
    };
    let format = a.format;
    // Every failure comes before the answer is written.
    let result = answer(a, out);
    reports::refusal(result, format, "check", case, false, out)
}

/// Whether a SPEC is given inline (a JSON object) rather than as a file.
fn inline(raw: &str) -> bool {
    raw.trim_start().starts_with('{')
}

/// Loads the SPEC and the policies, and writes the proof or the counterexamples.
fn answer(a: CheckArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use swfsim::analysis::{analyze, Goal, Spec};
    let mut sources = SourceMap::default();
    let must_allow = a.must_allow.is_some();
    let raw = a.must_allow.or(a.must_not_allow).unwrap_or_default();
    let inline = inline(&raw);
    let (id, json) = if inline {
        let id = sources.add("SPEC".to_string(), raw.clone());
        let j = json::parse(&raw).map_err(|e| json_error(&sources, id, &e))?;
        (id, j)
    } else {
        parse_json(&mut sources, Path::new(&raw))?
    };
    let mut spec = Spec::from_json(&json).map_err(|e| Failure(input_errors(&sources, id, &e)))?;
    let caller = analysis_caller(&a.policies, &a.flags.principal)?;
    let (set, exported) = load_set_for(
        &a.policies,
        &[],
        KindArg::Identity,
        caller,
        &mut sources,
        None,
    )?;
    if let Some(x) = &exported {
        fixed_keys(&x.tags, x.userid.as_ref(), &mut spec);
    }
    let scope = scope_of(&a.flags, spec)?;
    let goal = if must_allow {
        Goal::Denied
    } else {
        Goal::Allowed
    };
    let result = analyze(&[&set], goal, &scope);
    let code = match &result {
        Err(_) => Exit::Unanswerable,
        Ok(r) if r.regions.is_empty() => Exit::Yes,
        Ok(_) => Exit::No,
    };
    let text = match a.format {
        ReportFormat::Text => output::analysis::check_text(must_allow, &result),
        ReportFormat::Json => format!("{}\n", output::analysis::check_json(must_allow, &result)),
        format => {
            let spec = (!inline).then(|| sources.name(id));
            reports::render(format, &output::Report::check(must_allow, &result, spec))
        }
    };
    let _ = out.write_all(text.as_bytes());
    Ok(code)
}
