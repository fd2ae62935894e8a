//! The caller's policies from an account export (`--account-details`) and an org file
//! (`--org`), loaded beside the policy files: each document a source of its own, read out of
//! the export and located there.

use super::args::PolicyFiles;
use super::failure::Failure;
use super::load::{input_errors, load_text, read_file};
use super::stdin;
use std::sync::Arc;
use swfsim::eval::{CompiledPolicy, PolicySet};
use swfsim::inputs::account::{self, CallerError, Document};
use swfsim::inputs::{export, org};
use swfsim::policy::PolicyKind;
use swfsim::request::Principal;
use swfsim::source::{SourceId, SourceMap};

/// What the account export and the org file say of the caller beyond its policies.
#[derive(Clone, Debug, Default)]
pub struct Exported {
    /// `aws:userid`.
    pub userid: Option<String>,
    /// A role's unique id, when the caller is the role itself (`aws:userid`'s known start).
    pub role_id: Option<String>,
    /// The user's or role's tags.
    pub tags: Vec<(String, String)>,
    /// The role's path, for a role or a session of it.
    pub role_path: Option<String>,
    /// The org file describes the caller's account (it belongs to an organization).
    pub in_org: bool,
    /// The organization's id and the account's path in it, when the org file gives the id.
    pub org: Option<(String, String)>,
}

/// Adds to `set` what `--account-details` and `--org` give for the caller `principal` names;
/// problems go to `problems`, warnings to `notes`.
pub fn add_exported(
    a: &PolicyFiles,
    principal: Option<&str>,
    sources: &mut SourceMap,
    set: &mut PolicySet,
    problems: &mut Vec<String>,
    mut notes: Option<&mut Vec<String>>,
) -> Option<Exported> {
    if a.account_details.is_none() && a.org.is_none() {
        return None;
    }
    let Some(arn) = principal else {
        problems.push(
            "error: --account-details and --org need the caller: give --principal ARN (a user or role of the export)"
                .to_string(),
        );
        return None;
    };
    let p = match Principal::parse(arn) {
        Ok(p) => p,
        Err(e) => {
            problems.push(format!("error: --principal: {e}"));
            return None;
        }
    };
    let mut out = Exported::default();
    if let Some(path) = &a.account_details {
        let (id, text) = source(path, sources)
            .map_err(|Failure(m)| problems.extend(m))
            .ok()?;
        let caller = export::read(&text)
            .map_err(|e| input_errors(sources, id, &e))
            .and_then(|x| {
                if let Some(n) = notes.as_deref_mut() {
                    n.extend(repaired_warnings(&x, sources, id));
                }
                account::caller(&x, &text, &p).map_err(|e| caller_error(e, path, sources, id))
            });
        match caller {
            Ok(c) => {
                for (arn, version) in &c.shipped {
                    if let Some(n) = notes.as_deref_mut() {
                        n.push(format!(
                            "warning: the AWS managed policy `{arn}` is not in {}: swfsim's shipped copy ({version}) is used; the account's version may differ\n",
                            stdin::display(path)
                        ));
                    }
                }
                let mut compile = |d: &Document, kind| {
                    compiled(sources, id, d, kind, problems, notes.as_deref_mut())
                };
                for d in &c.identity {
                    set.identity.extend(compile(d, PolicyKind::Identity));
                }
                match (&c.boundary, &set.boundary) {
                    // Two boundaries: the caller has one, and which is meant is not known.
                    (Some(b), Some(_)) => problems.push(format!(
                        "error: the account export gives the caller's permissions boundary (`{}`) and a boundary file is given too\n  = help: leave out the boundary file to use the export's, or give the caller's boundary one way",
                        b.label
                    )),
                    (Some(b), None) => {
                        let compiled = compile(b, PolicyKind::Boundary);
                        set.boundary = Some(compiled);
                    }
                    (None, _) => {}
                }
                out.userid = c.userid;
                out.role_id = c.role_id;
                out.tags = c.tags;
                out.role_path = c.role_path;
            }
            Err(m) => problems.extend(m),
        }
    }
    if let Some(path) = &a.org {
        let (id, text) = source(path, sources)
            .map_err(|Failure(m)| problems.extend(m))
            .ok()?;
        match org::levels(&text, &p.account) {
            Ok(levels) => {
                out.in_org = true;
                out.org = levels.organization_id.clone().zip(levels.org_path.clone());
                for (levels, kind) in [
                    (&levels.scps, PolicyKind::Scp),
                    (&levels.rcps, PolicyKind::Rcp),
                ] {
                    for l in levels {
                        let mut level = Vec::new();
                        for d in &l.policies {
                            level.extend(compiled(
                                sources,
                                id,
                                d,
                                kind,
                                problems,
                                notes.as_deref_mut(),
                            ));
                        }
                        let (layers, names) = match kind {
                            PolicyKind::Scp => (&mut set.scps, &mut set.level_names.scp),
                            _ => (&mut set.rcps, &mut set.level_names.rcp),
                        };
                        layers.push(level);
                        names.push(l.name.clone());
                    }
                }
            }
            Err(e) => problems.extend(input_errors(sources, id, &e)),
        }
    }
    Some(out)
}

/// Reads a file into the source map.
pub fn source(
    path: &std::path::Path,
    sources: &mut SourceMap,
) -> Result<(SourceId, Arc<str>), Failure> {
    let text: Arc<str> = read_file(path)?.into();
    Ok((sources.add(stdin::display(path), text.clone()), text))
}

/// One document of the export (or shipped), added to the sources and compiled.
fn compiled(
    sources: &mut SourceMap,
    export: SourceId,
    d: &Document,
    kind: PolicyKind,
    problems: &mut Vec<String>,
    notes: Option<&mut Vec<String>>,
) -> Vec<CompiledPolicy> {
    let id = match &d.offsets {
        Some(o) => sources.add_within(export, d.label.as_str(), d.text.clone(), o.clone()),
        None => sources.add_labelled("<shipped with swfsim>", d.label.as_str(), d.text.clone()),
    };
    load_text(sources, id, &d.text, kind, problems, notes)
}

/// Why the caller could not be read, in words.
fn caller_error(
    e: CallerError,
    path: &std::path::Path,
    sources: &SourceMap,
    id: SourceId,
) -> Vec<String> {
    match e {
        CallerError::NotInExport { arn, suggestion } => {
            let mut m = format!(
                "error: --principal: `{arn}` is not a user or role of {}",
                stdin::display(path)
            );
            match suggestion {
                Some(s) => m.push_str(&format!("\n  = help: did you mean `{s}`?")),
                None => m.push_str("\n  = help: a user's or role's ARN as the export writes it (`Arn`, path included), or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`"),
            }
            vec![m]
        }
        CallerError::Input(errs) => input_errors(sources, id, &errs),
    }
}

/// The caller an analysis (`check`, `diff`) of an account export or org file is about: the one
/// `--principal` given; `None` without either file.
pub fn analysis_caller<'p>(
    a: &PolicyFiles,
    principals: &'p [String],
) -> Result<Option<&'p str>, Failure> {
    if a.account_details.is_none() && a.org.is_none() {
        return Ok(None);
    }
    match principals {
        [one] => Ok(Some(one)),
        _ => Err(Failure::one(
            "error: with --account-details or --org, give exactly one --principal: the user or role whose policies they hold"
                .to_string(),
        )),
    }
}

/// The condition keys an account export fixes for an analysis: the caller's tags, and its
/// unique id when the export gives all of it (a SPEC's own keys stand).
pub fn fixed_keys(
    tags: &[(String, String)],
    userid: Option<&String>,
    spec: &mut swfsim::analysis::Spec,
) {
    let mut fixed: Vec<(String, String)> = (tags.iter())
        .map(|(k, v)| (format!("aws:PrincipalTag/{k}"), v.clone()))
        .collect();
    if let Some(id) = userid {
        fixed.push(("aws:userid".to_string(), id.clone()));
    }
    for (k, v) in fixed {
        if !spec.context.iter().any(|(x, _)| x.eq_ignore_ascii_case(&k)) {
            spec.context.push((k, v));
        }
    }
}

/// A warning for each user or role ARN of the export written without an account, saying
/// which ARN stands for it.
pub fn repaired_warnings(x: &export::Export, sources: &SourceMap, id: SourceId) -> Vec<String> {
    (x.repaired.iter())
        .map(|(written, used)| {
            swfsim::output::diagnostic_line(
                sources.name(id),
                sources.line_col(id, written.span),
                swfsim::lint::Severity::Warning,
                None,
                &format!(
                    "`{}` names no account: it is read as `{used}`, in the account the export's other ARNs name",
                    written.node
                ),
            ) + "\n"
        })
        .collect()
}
