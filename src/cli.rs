//! The command line: clap structs, validated into a configuration, then library calls.
//!
//! [`run`] writes to the writers it is given and returns an [`Exit`]; `main` only forwards them.

use crate::eval::{self, PolicySet};
use crate::json;
use crate::output;
use crate::policy::{PolicyError, PolicyKind};
use crate::request::{
    context_from_json, validate_user_key, CallInputs, InputError, Principal, StartRequest, UserKey,
    DEFAULT_PRINCIPAL,
};
use crate::source::{SourceId, SourceMap, Span};
use crate::swf::{simulate, Outcome, RunIds, World};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The exit code of every subcommand (CONTRACT.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: the answer is yes.
    Yes = 0,
    /// 1: the answer is no.
    No = 1,
    /// 2: the question could not be answered.
    Unanswerable = 2,
}

impl Exit {
    /// Combines the answers of several cases: the worst wins.
    pub fn and(self, other: Exit) -> Exit {
        if (other as u8) > (self as u8) {
            other
        } else {
            self
        }
    }
}

const ABOUT: &str =
    "Will this Amazon SWF StartWorkflowExecution call succeed, and if not, why? Offline and exact.";

const SIMULATE_EXAMPLES: &str = "\
Examples:
  # Is this start allowed by the caller's identity policy?
  swfsim simulate --request policies/requests/order.json --policy policies/e3-starter.json

  # With a permissions boundary, an SCP level, a principal and context keys
  swfsim simulate --request req.json --policy user.json --boundary boundary.json \\
      --scp org-root.json --principal arn:aws:iam::123456789012:role/deployer \\
      --context aws:SourceIp=203.0.113.7 --format json

  # Against an SWF world: faults, defaults, a runId and the started event
  swfsim simulate --request req.json --policy user.json --world world.json --seed 7

  # Batch: JSON Lines in, JSON Lines out; starts accumulate in the world
  swfsim simulate --requests deploy.jsonl --policy user.json --world world.json --world-out after.json

Exit codes: 0 allowed (and started), 1 denied or an SWF fault, 2 the question could not be answered.";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "swfsim", version, about = ABOUT, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide a StartWorkflowExecution call: IAM, then SWF's own checks.
    #[command(after_help = SIMULATE_EXAMPLES)]
    Simulate(SimulateArgs),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person.
    Text,
    /// For tools (see the README's wire format).
    Json,
}

/// `swfsim simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The StartWorkflowExecution input, as the SWF API takes it.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "requests",
        required_unless_present = "requests"
    )]
    pub request: Option<PathBuf>,
    /// JSON Lines: one request (or {"request", "principal", "region", "context"}) per line.
    #[arg(long, value_name = "FILE.jsonl")]
    pub requests: Option<PathBuf>,
    /// An identity-based policy of the caller (repeatable).
    #[arg(long, value_name = "FILE")]
    pub policy: Vec<PathBuf>,
    /// The caller's permissions boundary.
    #[arg(long, value_name = "FILE")]
    pub boundary: Option<PathBuf>,
    /// One level of service control policies: a policy or an array of policies (repeatable).
    #[arg(long, value_name = "FILE")]
    pub scp: Vec<PathBuf>,
    /// One level of resource control policies (repeatable).
    #[arg(long, value_name = "FILE")]
    pub rcp: Vec<PathBuf>,
    /// A session policy (repeatable).
    #[arg(long = "session-policy", value_name = "FILE")]
    pub session_policy: Vec<PathBuf>,
    /// The caller's ARN.
    #[arg(long, value_name = "ARN", default_value = DEFAULT_PRINCIPAL)]
    pub principal: String,
    /// The region the call is sent to [default: the world's region, else us-east-1].
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// A condition key of the call, KEY=VALUE (repeat a key for a multivalued key).
    #[arg(long, value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// A JSON object of condition keys.
    #[arg(long = "context-file", value_name = "FILE")]
    pub context_file: Option<PathBuf>,
    /// The SWF world the call meets.
    #[arg(long, value_name = "FILE")]
    pub world: Option<PathBuf>,
    /// Write the world after the run (new executions added) to this file.
    #[arg(long = "world-out", value_name = "FILE", requires = "world")]
    pub world_out: Option<PathBuf>,
    /// Seed for run ids, for reproducible output.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// The time of the call (aws:CurrentTime), epoch seconds or a W3C date [default: now].
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What the environment gives a run: the clock and a seed of randomness.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    /// Epoch seconds now.
    pub now: i64,
    /// A seed for run ids when `--seed` is not given.
    pub entropy: u64,
}

/// Runs a parsed command line.
pub fn run(cli: Cli, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match cli.command {
        Command::Simulate(a) => simulate_cmd(a, env, out, err),
    }
}

struct Failure(Vec<String>);

fn read_file(path: &Path) -> Result<String, Failure> {
    std::fs::read(path)
        .map_err(|e| {
            Failure(vec![format!(
                "error: cannot read `{}`: {e}",
                path.display()
            )])
        })
        .and_then(|b| {
            String::from_utf8(b).map_err(|e| {
                Failure(vec![format!(
                    "error: `{}` is not UTF-8 (byte {})",
                    path.display(),
                    e.utf8_error().valid_up_to()
                )])
            })
        })
}

fn policy_errors(sources: &SourceMap, id: SourceId, errs: &[PolicyError]) -> Vec<String> {
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

fn input_errors(sources: &SourceMap, id: SourceId, errs: &[InputError]) -> Vec<String> {
    errs.iter()
        .map(|e| output::diagnostic(sources, id, e.span, None, &e.message, e.help.as_deref()))
        .collect()
}

fn parse_json(sources: &mut SourceMap, path: &Path) -> Result<(SourceId, json::Json), Failure> {
    let text = read_file(path)?;
    let id = sources.add(path.display().to_string(), text.clone());
    match json::parse(&text) {
        Ok(j) => Ok((id, j)),
        Err(e) => Err(Failure(vec![output::diagnostic(
            sources,
            id,
            Span::new(e.offset as usize, e.offset as usize),
            None,
            &format!("invalid JSON: {}", e.kind),
            None,
        )])),
    }
}

fn load_policies(a: &SimulateArgs, sources: &mut SourceMap) -> Result<PolicySet, Failure> {
    let mut set = PolicySet::default();
    let mut problems = Vec::new();
    let mut load =
        |path: &Path, kind: PolicyKind, problems: &mut Vec<String>| -> Vec<eval::CompiledPolicy> {
            let text = match read_file(path) {
                Ok(t) => t,
                Err(Failure(m)) => {
                    problems.extend(m);
                    return Vec::new();
                }
            };
            let id = sources.add(path.display().to_string(), text.clone());
            match eval::load(&text, id, kind) {
                Ok(p) => p,
                Err(errs) => {
                    problems.extend(policy_errors(sources, id, &errs));
                    Vec::new()
                }
            }
        };
    for p in &a.policy {
        set.identity
            .extend(load(p, PolicyKind::Identity, &mut problems));
    }
    if let Some(b) = &a.boundary {
        set.boundary = Some(load(b, PolicyKind::Boundary, &mut problems));
    }
    for p in &a.scp {
        set.scps.push(load(p, PolicyKind::Scp, &mut problems));
    }
    for p in &a.rcp {
        set.rcps.push(load(p, PolicyKind::Rcp, &mut problems));
    }
    for p in &a.session_policy {
        set.session
            .extend(load(p, PolicyKind::Session, &mut problems));
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Failure(problems))
    }
}

/// Parses `--now`: epoch seconds or a W3C date.
fn parse_now(text: &str) -> Option<i64> {
    let ns = crate::condition::parse_date(text)?;
    i64::try_from(ns.div_euclid(1_000_000_000)).ok()
}

fn user_keys(a: &SimulateArgs, sources: &mut SourceMap) -> Result<Vec<UserKey>, Failure> {
    let mut keys: Vec<UserKey> = Vec::new();
    if let Some(path) = &a.context_file {
        let (id, j) = parse_json(sources, path)?;
        keys = context_from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
    }
    let mut cli_keys: Vec<UserKey> = Vec::new();
    for kv in &a.context {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Failure(vec![format!(
                "error: `--context {kv}` must be KEY=VALUE"
            )]));
        };
        match cli_keys.iter_mut().find(|u| u.key.eq_ignore_ascii_case(k)) {
            Some(u) => u.values.push(v.to_string()),
            None => cli_keys.push(UserKey {
                key: k.to_string(),
                values: vec![v.to_string()],
                span: Span::default(),
            }),
        }
    }
    for u in &cli_keys {
        validate_user_key(u)
            .map_err(|e| Failure(vec![format!("error: --context: {}", e.message)]))?;
    }
    for u in cli_keys {
        keys.retain(|k| !k.key.eq_ignore_ascii_case(&u.key));
        keys.push(u);
    }
    Ok(keys)
}

fn write_world(path: &Path, world: &World) -> Result<(), String> {
    let text = serde_json::to_string_pretty(world).map_err(|e| e.to_string())? + "\n";
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "world".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("error: cannot write `{}`: {e}", path.display())
    })
}

fn exit_of(o: Outcome) -> Exit {
    match o {
        Outcome::Started | Outcome::Authorized => Exit::Yes,
        Outcome::Unknown => Exit::Unanswerable,
        _ => Exit::No,
    }
}

fn simulate_cmd(a: SimulateArgs, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match simulate_inner(a, env, out, err) {
        Ok(code) => code,
        Err(Failure(msgs)) => {
            for m in msgs {
                let _ = write!(err, "{}{}", m, if m.ends_with('\n') { "" } else { "\n" });
            }
            Exit::Unanswerable
        }
    }
}

fn simulate_inner(
    a: SimulateArgs,
    env: Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let mut sources = SourceMap::new();
    let policies = load_policies(&a, &mut sources)?;
    let principal = Principal::parse(&a.principal)
        .map_err(|e| Failure(vec![format!("error: --principal: {e}")]))?;
    let keys = user_keys(&a, &mut sources)?;
    let mut world = match &a.world {
        Some(p) => {
            let (id, j) = parse_json(&mut sources, p)?;
            Some(World::from_json(&j).map_err(|e| Failure(input_errors(&sources, id, &e)))?)
        }
        None => None,
    };
    if let Some(w) = &world {
        if keys
            .iter()
            .any(|k| k.key.to_ascii_lowercase().starts_with("aws:resourcetag/"))
        {
            let _ = w;
            return Err(Failure(vec!["error: aws:ResourceTag/* keys come from the world's domain tags; do not set them with --context when --world is given".into()]));
        }
    }
    let region = a
        .region
        .clone()
        .or_else(|| world.as_ref().and_then(|w| w.region.clone()))
        .unwrap_or_else(|| "us-east-1".to_string());
    let now = match &a.now {
        Some(t) => parse_now(t).ok_or_else(|| {
            Failure(vec![format!(
                "error: --now `{t}` is not epoch seconds or a W3C date"
            )])
        })?,
        None => env.now,
    };
    let call = CallInputs {
        principal,
        region,
        user_keys: keys,
        now,
    };
    let mut run_ids = RunIds::new(a.seed.unwrap_or(env.entropy));
    let mut exit = Exit::Yes;
    if let Some(path) = &a.request {
        let (id, j) = parse_json(&mut sources, path)?;
        let req =
            StartRequest::from_json(&j).map_err(|e| Failure(input_errors(&sources, id, &e)))?;
        let r = simulate(&req, &policies, &call, world.as_mut(), &mut run_ids);
        write_result(out, &r, &sources, &policies, a.format);
        exit = exit_of(r.outcome);
        if r.outcome == Outcome::Unknown {
            let _ = writeln!(err, "error: the answer depends on a condition swfsim cannot evaluate (see the statements marked ???)");
        }
    } else if let Some(path) = &a.requests {
        let file = std::fs::File::open(path).map_err(|e| {
            Failure(vec![format!(
                "error: cannot read `{}`: {e}",
                path.display()
            )])
        })?;
        let reader = std::io::BufReader::new(file);
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| {
                Failure(vec![format!(
                    "error: cannot read `{}`: {e}",
                    path.display()
                )])
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let name = format!("{}:{}", path.display(), n + 1);
            let mut line_sources = SourceMap::new();
            let id = line_sources.add(format!("{}", path.display()), line.clone());
            match batch_case(&line, &call) {
                Ok((req, case_call)) => {
                    let r = simulate(&req, &policies, &case_call, world.as_mut(), &mut run_ids);
                    write_result(out, &r, &sources, &policies, a.format);
                    exit = exit.and(exit_of(r.outcome));
                }
                Err(errs) => {
                    exit = Exit::Unanswerable;
                    let first = &errs[0];
                    let col = line_sources.line_col(id, first.span).column;
                    for e in &errs {
                        let c = line_sources.line_col(id, e.span).column;
                        let _ = writeln!(
                            err,
                            "{}:{}:{c}: error: {}",
                            path.display(),
                            n + 1,
                            e.message
                        );
                    }
                    let v = serde_json::json!({"decision": null, "outcome": "inputError", "line": n + 1, "column": col, "error": first.message, "file": name});
                    let _ = writeln!(out, "{v}");
                }
            }
        }
    }
    if let (Some(p), Some(w)) = (&a.world_out, &world) {
        write_world(p, w).map_err(|e| Failure(vec![e]))?;
    }
    Ok(exit)
}

fn batch_case(
    line: &str,
    base: &CallInputs,
) -> Result<(StartRequest, CallInputs), Vec<InputError>> {
    let j = json::parse(line).map_err(|e| {
        vec![InputError::new(
            format!("invalid JSON: {}", e.kind),
            Span::new(e.offset as usize, e.offset as usize),
        )]
    })?;
    let mut call = base.clone();
    if j.get("request").is_none() {
        return Ok((StartRequest::from_json(&j)?, call));
    }
    let mut errors = Vec::new();
    let fields = crate::request::members(
        &j,
        "a batch case",
        &["request", "principal", "region", "context"],
        &mut errors,
    );
    let mut req = None;
    for (k, v) in fields {
        match k {
            "request" => match StartRequest::from_json(v) {
                Ok(r) => req = Some(r),
                Err(mut e) => errors.append(&mut e),
            },
            "principal" => match v.as_str().map(Principal::parse) {
                Some(Ok(p)) => call.principal = p,
                Some(Err(e)) => errors.push(InputError::new(e, v.span)),
                None => errors.push(InputError::new("`principal` must be a string", v.span)),
            },
            "region" => match v.as_str() {
                Some(r) => call.region = r.to_string(),
                None => errors.push(InputError::new("`region` must be a string", v.span)),
            },
            _ => match context_from_json(v) {
                Ok(keys) => {
                    for k in keys {
                        call.user_keys
                            .retain(|u| !u.key.eq_ignore_ascii_case(&k.key));
                        call.user_keys.push(k);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            },
        }
    }
    match (req, errors.is_empty()) {
        (Some(r), true) => Ok((r, call)),
        _ => Err(errors),
    }
}

fn write_result(
    out: &mut dyn Write,
    r: &crate::swf::SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    format: Format,
) {
    let _ = match format {
        Format::Json => writeln!(out, "{}", output::sim_json(r, sources)),
        Format::Text => writeln!(out, "{}", output::sim_text(r, sources, policies)),
    };
}
