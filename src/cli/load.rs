//! Loading what a command reads: files as text, JSON, policy sets; their problems as
//! diagnostics.

use super::account::Exported;
use super::args::{KindArg, PolicyFiles};
use super::failure::Failure;
use super::stdin;
use std::path::{Path, PathBuf};
use swfsim::eval::{self, PolicySet};
use swfsim::json;
use swfsim::output;
use swfsim::policy::{PolicyError, PolicyKind};
use swfsim::request::InputError;
use swfsim::source::{SourceId, SourceMap, Span};

/// A file's text (standard input's for `-`); a file that cannot be read, or is not UTF-8, is a
/// failure.
pub fn read_file(path: &Path) -> Result<String, Failure> {
    let bytes = stdin::read(path).map_err(|e| Failure::unreadable(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).to_string();
        let lc = swfsim::source::LineIndex::new(&prefix).line_col(&prefix, at as u32);
        Failure(vec![format!(
            "{}:{lc}: error: the file is not UTF-8 text (byte {at})",
            stdin::display(path)
        )])
    })
}

/// Policy errors as diagnostics.
pub fn policy_errors(sources: &SourceMap, id: SourceId, errs: &[PolicyError]) -> Vec<String> {
    errs.iter()
        .map(|e| {
            output::diagnostic(
                sources,
                id,
                e.span,
                Some(e.kind.code()),
                &e.to_string(),
                e.help.as_deref(),
            )
        })
        .collect()
}

/// Input errors as diagnostics.
pub fn input_errors(sources: &SourceMap, id: SourceId, errs: &[InputError]) -> Vec<String> {
    errs.iter()
        .map(|e| output::diagnostic(sources, id, e.span, None, &e.message, e.help.as_deref()))
        .collect()
}

/// Reads and parses a JSON file, adding its text to `sources`.
pub fn parse_json(sources: &mut SourceMap, path: &Path) -> Result<(SourceId, json::Json), Failure> {
    // One copy of the text: the map's, shared.
    let text: std::sync::Arc<str> = read_file(path)?.into();
    let id = sources.add(stdin::display(path), text.clone());
    match json::parse(&text) {
        Ok(j) => Ok((id, j)),
        Err(e) => Err(json_error(sources, id, &e)),
    }
}

/// JSON that could not be parsed, as a diagnostic at the place parsing stopped.
pub fn json_error(sources: &SourceMap, id: SourceId, e: &json::JsonError) -> Failure {
    Failure::one(output::diagnostic(
        sources,
        id,
        Span::new(e.offset as usize, e.offset as usize),
        None,
        &format!("invalid JSON: {}", e.kind),
        None,
    ))
}

/// [`load_set`] for the caller `principal` names, with what the account export says of it.
pub fn load_set_for(
    a: &PolicyFiles,
    extra: &[PathBuf],
    kind: KindArg,
    principal: Option<&str>,
    sources: &mut SourceMap,
    mut notes: Option<&mut Vec<String>>,
) -> Result<(PolicySet, Option<Exported>), Failure> {
    let mut set = PolicySet::default();
    let mut problems = Vec::new();
    let mut load = |path: &Path,
                    kind: PolicyKind,
                    problems: &mut Vec<String>,
                    notes: Option<&mut Vec<String>>|
     -> Vec<eval::CompiledPolicy> {
        let text = match read_file(path) {
            Ok(t) => t,
            Err(Failure(m)) => {
                problems.extend(m);
                return Vec::new();
            }
        };
        // One copy of the text: the map's, shared.
        let text: std::sync::Arc<str> = text.into();
        let id = sources.add(stdin::display(path), text.clone());
        load_text(sources, id, &text, kind, problems, notes)
    };
    for p in &a.policy {
        let loaded = load(p, PolicyKind::Identity, &mut problems, notes.as_deref_mut());
        set.identity.extend(loaded);
    }
    if let Some(b) = &a.boundary {
        set.boundary = Some(load(
            b,
            PolicyKind::Boundary,
            &mut problems,
            notes.as_deref_mut(),
        ));
    }
    for p in &a.scp {
        let loaded = load(p, PolicyKind::Scp, &mut problems, notes.as_deref_mut());
        set.scps.push(loaded);
    }
    for p in &a.rcp {
        let loaded = load(p, PolicyKind::Rcp, &mut problems, notes.as_deref_mut());
        set.rcps.push(loaded);
    }
    for p in &a.session_policy {
        let loaded = load(p, PolicyKind::Session, &mut problems, notes.as_deref_mut());
        set.session.extend(loaded);
    }
    for p in extra {
        let loaded = load(p, kind.kind(), &mut problems, notes.as_deref_mut());
        match kind {
            KindArg::Identity => set.identity.extend(loaded),
            KindArg::Boundary => set.boundary.get_or_insert_with(Vec::new).extend(loaded),
            KindArg::Scp => set.scps.push(loaded),
            KindArg::Rcp => set.rcps.push(loaded),
            KindArg::Session => set.session.extend(loaded),
        }
    }
    let exported =
        super::account::add_exported(a, principal, sources, &mut set, &mut problems, notes);
    if problems.is_empty() {
        Ok((set, exported))
    } else {
        Err(Failure(problems))
    }
}

/// Lowers and compiles one policy text of source `id`; its problems as diagnostics. With
/// `notes`, its lint findings of error level are added there, the text read once for both.
pub fn load_text(
    sources: &SourceMap,
    id: SourceId,
    text: &str,
    kind: PolicyKind,
    problems: &mut Vec<String>,
    notes: Option<&mut Vec<String>>,
) -> Vec<eval::CompiledPolicy> {
    let loaded = match notes {
        // Read, lowered and compiled once for the lint and the evaluation (read twice,
        // the freed first copy stayed committed: 117 MB for 10,000 statements).
        Some(notes) => {
            let cx = swfsim::lint::LintContext::new(text, id, kind);
            notes.extend(error_findings(sources, id, &cx));
            match cx.into_parts() {
                (lowered, conditions, errors) if lowered.errors.is_empty() && errors.is_empty() => {
                    Ok((lowered.documents.into_iter())
                        .zip(conditions)
                        .map(|(doc, c)| eval::compile_with(doc, c))
                        .collect())
                }
                // The errors as loading reports them.
                _ => eval::load(text, id, kind),
            }
        }
        None => eval::load(text, id, kind),
    };
    match loaded {
        Ok(p) => p,
        Err(errs) => {
            problems.extend(policy_errors(sources, id, &errs));
            Vec::new()
        }
    }
}

/// The lint findings of error level in a policy file a run uses, for stderr: a statement that
/// never matches as written (an action SWF does not have, a variable IAM does not substitute)
/// is never silent. The answer itself is unchanged.
fn error_findings(
    sources: &SourceMap,
    id: SourceId,
    cx: &swfsim::lint::LintContext<'_>,
) -> Vec<String> {
    let select: Vec<&str> = swfsim::lint::rules::ALL
        .iter()
        .filter(|r| r.meta.severity == swfsim::lint::Severity::Error)
        .map(|r| r.meta.code)
        .collect();
    swfsim::lint::check(cx, &select)
        .iter()
        .map(|f| output::lint_note(sources, id, f))
        .collect()
}
