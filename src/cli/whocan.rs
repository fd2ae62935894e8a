//! `swfsim whocan`: which users and roles of an account may make a call, each decided exactly
//! as `simulate --account-details F --principal ARN` decides it, with its deciding statements.

use super::args::{Format, WhoCanArgs};
use super::exit::Exit;
use super::failure::Failure;
use super::load::{input_errors, json_error, parse_json};
use super::stdin;
use std::collections::HashMap;
use std::io::Write;
use swfsim::analysis::{analyze, Analysis, Goal, Spec, Unknown};
use swfsim::eval::{CompiledPolicy, PolicySet};
use swfsim::inputs::account::{self, CallerError, Document};
use swfsim::inputs::{export, org};
use swfsim::output::{self, Unanswered, WhoCanAnswer};
use swfsim::policy::PolicyKind;
use swfsim::request::{CallInputs, CallerFacts, Organization, Principal, StartRequest};
use swfsim::source::{SourceId, SourceMap};
use swfsim::swf::{simulate, RunIds, SimResult};

/// Each principal's answer.
enum Answer {
    Call(Box<SimResult>),
    Spec(Result<Analysis, Unknown>),
    Errors(Vec<Unanswered>),
}

/// What is asked of every principal.
enum Question {
    Call(StartRequest),
    Spec(Spec),
}

/// Runs `swfsim whocan`.
pub fn run(
    a: WhoCanArgs,
    env: super::Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let mut sources = SourceMap::new();
    let question = question(&a, &mut sources)?;
    let (xid, text) = super::account::source(&a.account_details, &mut sources)?;
    let export = export::read(&text).map_err(|e| Failure(input_errors(&sources, xid, &e)))?;
    for w in super::account::repaired_warnings(&export, &sources, xid) {
        let _ = write!(err, "{w}");
    }
    let principals: Vec<(String, &'static str)> = (export.users.iter())
        .map(|u| (u.arn.node.clone(), "user"))
        .chain(export.roles.iter().map(|r| (r.arn.node.clone(), "role")))
        .collect();
    let org = match &a.org {
        Some(p) => Some(super::account::source(p, &mut sources)?),
        None => None,
    };
    let region = a.region.clone().unwrap_or_else(|| "us-east-1".to_string());
    let mut cx = Asking {
        export: &export,
        text: &text,
        xid,
        org: org.as_ref().map(|(id, t)| (*id, &**t)),
        levels: HashMap::new(),
        cache: HashMap::new(),
        shipped: Vec::new(),
    };
    let mut run_ids = RunIds::new(1);
    let mut writer = output::WhoCanWriter::new(a.format == Format::Json);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    for (arn, kind) in &principals {
        let answer = match cx.caller(arn, &mut sources) {
            Err(problems) => Answer::Errors(problems),
            Ok((set, principal)) => match &question {
                Question::Call(request) => {
                    let call = CallInputs {
                        principal: principal.into(),
                        region: region.clone(),
                        user_keys: Vec::new(),
                        now: env.now,
                        caller: CallerFacts {
                            organization: if org.is_some() {
                                Organization::Member
                            } else {
                                Organization::Unstated
                            },
                            policies_are_its_own: true,
                            // As `simulate` says: a denial decided in swfsim's default region.
                            defaulted: swfsim::request::Defaulted {
                                principal: false,
                                region: a.region.is_none(),
                            },
                            ..CallerFacts::default()
                        },
                    };
                    Answer::Call(Box::new(simulate(request, &set, &call, None, &mut run_ids)))
                }
                Question::Spec(spec) => Answer::Spec(analyze(
                    &[&set],
                    Goal::Allowed,
                    &spec_scope(spec, principal, &a),
                )),
            },
        };
        // Written (or its lines kept) at once: no principal's answer outlives its row.
        let row = output::WhoCanRow {
            arn,
            kind,
            levels: account_of(arn)
                .and_then(|acct| cx.levels.get(acct))
                .and_then(|l| l.as_ref().ok())
                .map(|(set, _)| set),
            answer: match &answer {
                Answer::Call(r) => WhoCanAnswer::Call(r),
                Answer::Spec(r) => WhoCanAnswer::Spec(r),
                Answer::Errors(e) => WhoCanAnswer::Errors(e),
            },
        };
        let _ = out.write_all(writer.row(&row, &sources).as_bytes());
    }
    for (arn, version) in &cx.shipped {
        let _ = writeln!(
            err,
            "warning: the AWS managed policy `{arn}` is not in {}: swfsim's shipped copy ({version}) is used; the account's version may differ",
            stdin::display(&a.account_details)
        );
    }
    let counts = writer.counts();
    let _ = out.write_all(writer.finish().as_bytes());
    let _ = out.flush();
    Ok(if counts[4] > 0 || counts[2] > 0 {
        Exit::Unanswerable
    } else {
        Exit::Yes
    })
}

/// The request, or the SPEC, of the command line.
fn question(a: &WhoCanArgs, sources: &mut SourceMap) -> Result<Question, Failure> {
    if let Some(path) = &a.request {
        let (id, j) = parse_json(sources, path)?;
        let request =
            StartRequest::from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
        return Ok(Question::Call(request));
    }
    let raw = a.spec.clone().unwrap_or_default();
    let (id, j) = if raw.trim_start().starts_with('{') {
        let id = sources.add("SPEC".to_string(), raw.clone());
        let j = swfsim::json::parse(&raw).map_err(|e| json_error(sources, id, &e))?;
        (id, j)
    } else {
        parse_json(sources, std::path::Path::new(&raw))?
    };
    let spec = Spec::from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
    if !spec.principals.is_empty() {
        return Err(Failure::one(
            "error: the SPEC names callers; whocan asks each user and role of the export in turn: leave out `principal`".to_string(),
        ));
    }
    Ok(Question::Spec(spec))
}

/// An analysis of one caller: the SPEC with the caller's tags and unique id fixed.
fn spec_scope(spec: &Spec, principal: Principal, a: &WhoCanArgs) -> swfsim::analysis::Scope {
    let mut spec = spec.clone();
    super::account::fixed_keys(&principal.tags, principal.userid.as_ref(), &mut spec);
    swfsim::analysis::Scope {
        principals: vec![principal],
        regions: a.region.clone().map(|r| vec![r]),
        spec,
        max_regions: 1,
        search_regions: swfsim::analysis::SEARCH_REGIONS,
        max_nodes: 5_000_000,
        max_states: 200_000,
        deadline: swfsim::analysis::Deadline::after(a.timeout),
    }
}

/// The account of an ARN.
fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4)
}

/// Documents compiled, by whether as a boundary and where they stand in the export (a shipped
/// one by its name), with their policies or the problems compiling them found.
type Compiled = HashMap<(bool, Result<u32, String>), Result<Vec<CompiledPolicy>, Vec<Unanswered>>>;

/// An account's SCP and RCP levels (compiled, named) and its place in the organization; or
/// why they cannot be read.
type OrgPart = Result<(PolicySet, Option<(String, String)>), Vec<Unanswered>>;

/// What every principal's question shares: the export, the org file, each account's levels
/// and each document compiled so far (or the problems compiling it found).
struct Asking<'x> {
    export: &'x export::Export,
    text: &'x str,
    xid: SourceId,
    org: Option<(SourceId, &'x str)>,
    levels: HashMap<String, OrgPart>,
    cache: Compiled,
    /// AWS managed policies taken from swfsim's copies: ARN and version, once each.
    shipped: Vec<(String, String)>,
}

impl Asking<'_> {
    /// A principal's policy set and the caller, with what the export says of it.
    fn caller(
        &mut self,
        arn: &str,
        sources: &mut SourceMap,
    ) -> Result<(PolicySet, Principal), Vec<Unanswered>> {
        let mut principal = Principal::parse(arn).map_err(|e| vec![unplaced(e)])?;
        let caller = account::caller(self.export, self.text, &principal).map_err(|e| match e {
            CallerError::Input(errs) => located(self.xid, &errs),
            CallerError::NotInExport { arn, .. } => {
                vec![unplaced(format!("`{arn}` is not in the export"))]
            }
        })?;
        for s in &caller.shipped {
            if !self.shipped.contains(s) {
                self.shipped.push(s.clone());
            }
        }
        let mut set = PolicySet::default();
        let mut problems = Vec::new();
        for d in &caller.identity {
            set.identity
                .extend(self.compiled(sources, d, PolicyKind::Identity, &mut problems));
        }
        if let Some(b) = &caller.boundary {
            set.boundary = Some(self.compiled(sources, b, PolicyKind::Boundary, &mut problems));
        }
        if let Some((id, text)) = self.org {
            let account = principal.account.clone();
            let part = (self.levels)
                .entry(account.clone())
                .or_insert_with(|| org_levels(id, text, &account, sources));
            match part {
                Ok((levels, place)) => {
                    set.scps = levels.scps.clone();
                    set.rcps = levels.rcps.clone();
                    set.level_names = levels.level_names.clone();
                    principal.org = place.clone();
                }
                Err(e) => problems.extend(e.iter().cloned()),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        principal.userid = caller.userid.clone();
        principal.role_id = caller.role_id.clone();
        principal.tags = caller.tags.clone();
        principal.from_account = true;
        Ok((set, principal))
    }

    /// A document, compiled once: every principal that uses it gets the same policies, or the
    /// same problems.
    fn compiled(
        &mut self,
        sources: &mut SourceMap,
        d: &Document,
        kind: PolicyKind,
        problems: &mut Vec<Unanswered>,
    ) -> Vec<CompiledPolicy> {
        let found = cached(&mut self.cache, sources, self.xid, d, kind);
        match found {
            Ok(c) => c.clone(),
            Err(e) => {
                problems.extend(e.iter().cloned());
                Vec::new()
            }
        }
    }
}

/// A document compiled once, however many principals use it: one of the export by where it
/// starts there (no two documents start at one place), a shipped one by its name (its label
/// names its ARN and version).
fn cached<'c>(
    cache: &'c mut Compiled,
    sources: &mut SourceMap,
    export: SourceId,
    d: &Document,
    kind: PolicyKind,
) -> &'c Result<Vec<CompiledPolicy>, Vec<Unanswered>> {
    let place = match &d.offsets {
        Some(o) => Ok(o.map(0)),
        None => Err(d.label.rsplit(" / ").next().unwrap_or_default().to_string()),
    };
    cache
        .entry((kind == PolicyKind::Boundary, place))
        .or_insert_with(|| {
            // Named as it is in the account, for every principal that uses it: a managed
            // policy (or boundary) by its ARN and version alone, however it is attached; an
            // inline policy by its holder (`group devs / inline x`) or alone.
            let label = match d.label.rsplit_once(" / ") {
                Some((_, last)) if last.starts_with("policy ") || last.starts_with("boundary ") => {
                    last
                }
                _ => d
                    .label
                    .split_once(" / ")
                    .map_or(d.label.as_str(), |(_, rest)| rest),
            };
            let id = match &d.offsets {
                Some(o) => sources.add_within(export, label, d.text.clone(), o.clone()),
                None => sources.add_labelled("<shipped with swfsim>", label, d.text.clone()),
            };
            compiled_at(id, &d.text, kind)
        })
}

/// The org file's levels for an account, compiled, and the account's place in the
/// organization.
fn org_levels(id: SourceId, text: &str, account: &str, sources: &mut SourceMap) -> OrgPart {
    let levels = org::levels(text, account).map_err(|e| located(id, &e))?;
    let mut set = PolicySet::default();
    let mut problems = Vec::new();
    for (list, kind) in [
        (&levels.scps, PolicyKind::Scp),
        (&levels.rcps, PolicyKind::Rcp),
    ] {
        for l in list {
            let mut level = Vec::new();
            for d in &l.policies {
                let offsets = d.offsets.clone().unwrap_or_default();
                let did = sources.add_within(id, d.label.as_str(), d.text.clone(), offsets);
                match compiled_at(did, &d.text, kind) {
                    Ok(c) => level.extend(c),
                    Err(e) => problems.extend(e),
                }
            }
            let (layers, names) = match kind {
                PolicyKind::Scp => (&mut set.scps, &mut set.level_names.scp),
                _ => (&mut set.rcps, &mut set.level_names.rcp),
            };
            layers.push(level);
            names.push(l.name.clone());
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let place = levels.organization_id.zip(levels.org_path);
    Ok((set, place))
}

/// A document's policies, or its problems at their places.
fn compiled_at(
    id: SourceId,
    text: &str,
    kind: PolicyKind,
) -> Result<Vec<CompiledPolicy>, Vec<Unanswered>> {
    swfsim::eval::load(text, id, kind).map_err(|errs| {
        (errs.iter())
            .map(|e| Unanswered {
                at: Some((id, e.span)),
                code: Some(e.kind.code()),
                message: e.to_string(),
                help: e.help.clone(),
            })
            .collect()
    })
}

/// Input errors of a source, at their places.
fn located(id: SourceId, errs: &[swfsim::request::InputError]) -> Vec<Unanswered> {
    (errs.iter())
        .map(|e| Unanswered {
            at: Some((id, e.span)),
            code: None,
            message: e.message.clone(),
            help: e.help.clone(),
        })
        .collect()
}

/// A problem without a place.
fn unplaced(message: impl Into<String>) -> Unanswered {
    Unanswered {
        at: None,
        code: None,
        message: message.into(),
        help: None,
    }
}
