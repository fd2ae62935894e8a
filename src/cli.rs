//! The command line: clap structs, validated into a configuration, then library calls.
//!
//! [`run`] writes to the writers it is given and returns an [`Exit`]; `main` only forwards them.

use crate::eval::{self, Detail, PolicySet};
use crate::json;
use crate::output;
use crate::policy::{PolicyError, PolicyKind};
use crate::request::{
    check_caller_keys, check_world_key, context_from_json, validate_user_key, CallInputs,
    CallerFacts, Credentials, InputError, Organization, Principal, StartRequest, UserKey,
    DEFAULT_PRINCIPAL,
};
use crate::source::{SourceId, SourceMap, Span};
use crate::swf::{simulate, simulate_planned, Outcome, RunIds, World};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use world_file::WorldOut;

mod world_file;

/// The exit code of every subcommand (CONTRACT.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Exit {
    /// 0: the answer is yes.
    #[default]
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

const TOP_EXAMPLES: &str = "\
Examples:
  swfsim simulate --request req.json --policy user.json          # allowed? and if not, why
  swfsim simulate --request req.json --policy user.json --world world.json --seed 1
  swfsim diff --old main/user.json --new pr/user.json            # does the change grant more?
  swfsim check --policy user.json --must-not-allow '{\"domain\": \"prod-*\"}'   # never, proved
  swfsim lint iam/ --format sarif > swfsim.sarif                 # CI: findings for code scanning
  swfsim explain SWF304                                          # what a lint rule means

Exit codes: 0 yes, 1 no, 2 the question could not be answered. `swfsim help simulate` for more.";

const SIMULATE_EXAMPLES: &str = "\
Examples:
  # Is this start allowed by the caller's identity policy?
  swfsim simulate --request policies/requests/order.json --policy policies/e3-workflow-starter.json

  # With a permissions boundary, an SCP level, a principal and context keys
  swfsim simulate --request req.json --policy user.json --boundary boundary.json \\
      --scp org-root.json --principal arn:aws:iam::123456789012:role/deployer \\
      --context aws:SourceIp=203.0.113.7 --format json

  # A role session whose role lives under a path, and the session's unique id (an answer that
  # depends on values swfsim cannot know exits 2 and names the --context or --role-path to give)
  swfsim simulate --request req.json --policy role.json \\
      --principal arn:aws:sts::123456789012:assumed-role/deployer/ci --role-path /teams/ \\
      --context aws:userid=AROAEXAMPLEID:ci

  # An IAM user signing with a session's credentials (aws:TokenIssueTime is then present)
  swfsim simulate --request req.json --policy user.json --credentials temporary

  # Against an SWF world: faults, defaults, a runId and the started event
  swfsim simulate --request req.json --policy user.json --world world.json --seed 7

  # Batch: JSON Lines in, JSON Lines out; starts accumulate in the world
  swfsim simulate --requests deploy.jsonl --policy user.json --world world.json --world-out after.json

  # Batch from standard input (`-`), brief JSON lines on every core
  gen-cases | swfsim simulate --requests - --policy user.json --format json --explain brief

Exit codes: 0 allowed (and started), 1 denied or an SWF fault, 2 the question could not be answered.";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "swfsim", version, about = ABOUT, propagate_version = true, after_help = TOP_EXAMPLES)]
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
    Simulate(Box<SimulateArgs>),
    /// Find what is wrong or dangerous in policies, with stable codes and exact places.
    #[command(after_help = LINT_EXAMPLES)]
    Lint(LintArgs),
    /// List the lint rules.
    Rules(RulesArgs),
    /// List every kind of start one policy set allows and another does not, each with a witness.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(Box<DiffArgs>),
    /// Prove that no start matching a SPEC is allowed (or that every one is), or show one.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(Box<CheckArgs>),
    /// Explain a lint rule.
    Explain {
        /// The rule's code (`SWF304`) or name (`first-tag-only`).
        code: String,
    },
}

const LINT_EXAMPLES: &str = "\
Examples:
  swfsim lint iam/                               # every .json file below the folder
  swfsim lint p.json --format sarif > swfsim.sarif
  swfsim lint scp.json --kind scp --fail-on warning
  swfsim lint p.json --suppress 'SWF303:policies/admin-*.json:break-glass role, reviewed 2026-11'
  swfsim explain SWF304

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 a file could not be read.";

/// Lint output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// For a person: the source line and a caret.
    Text,
    /// `{"findings": [...]}`.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

/// The policy type a file is linted as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Identity-based policy.
    Identity,
    /// Permissions boundary.
    Boundary,
    /// Service control policy (a policy or an array of policies).
    Scp,
    /// Resource control policy.
    Rcp,
    /// Session policy.
    Session,
}

impl KindArg {
    fn kind(self) -> PolicyKind {
        match self {
            KindArg::Identity => PolicyKind::Identity,
            KindArg::Boundary => PolicyKind::Boundary,
            KindArg::Scp => PolicyKind::Scp,
            KindArg::Rcp => PolicyKind::Rcp,
            KindArg::Session => PolicyKind::Session,
        }
    }
}

/// The least severity that fails a lint run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Security warnings and errors.
    SecurityWarning,
    /// Warnings and above.
    Warning,
    /// Everything.
    Suggestion,
    /// Never fail on findings.
    None,
}

/// `swfsim lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Policy files, or folders to search for `.json` files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Exit 1 when a finding has this severity or a higher one.
    #[arg(long = "fail-on", value_enum, default_value_t = FailOn::SecurityWarning)]
    pub fail_on: FailOn,
    /// The policy type of the files.
    #[arg(long, value_enum, default_value_t = KindArg::Identity)]
    pub kind: KindArg,
    /// Run only these rules (repeatable).
    #[arg(long, value_name = "CODE")]
    pub select: Vec<String>,
    /// Turn a rule off for files matching a glob, with a reason: `CODE:GLOB:REASON` (repeatable).
    #[arg(long, value_name = "CODE:GLOB:REASON")]
    pub suppress: Vec<String>,
    /// A JSON file of suppressions: `[{"code": ..., "files": ..., "reason": ...}]`.
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,
}

/// `swfsim rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person.
    Text,
    /// For tools (see the README's wire format).
    Json,
}

/// `--credentials`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CredentialsArg {
    /// Access keys of an IAM user or the root user.
    LongTerm,
    /// A session's temporary credentials.
    Temporary,
}

/// How much explanation JSON results carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Explain {
    /// Every statement that applied or nearly applied, with each condition.
    Full,
    /// The deciding statements, the reason, the missing keys and the fault.
    Brief,
    /// `full` for a call that is not allowed or not started, `brief` for the others.
    Auto,
}

impl Explain {
    /// Whether a result of `outcome` is explained in full.
    fn full_for(self, outcome: Outcome) -> bool {
        match self {
            Explain::Full => true,
            Explain::Brief => false,
            Explain::Auto => exit_of(outcome) != Exit::Yes,
        }
    }
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
    /// JSON Lines: one request (or {"request", "principal", "region", "context"}) per line;
    /// `-` reads standard input.
    #[arg(long, value_name = "FILE.jsonl")]
    pub requests: Option<PathBuf>,
    /// The caller's policies.
    #[command(flatten)]
    pub policies: PolicyFiles,
    /// The caller's ARN.
    #[arg(long, value_name = "ARN", default_value = DEFAULT_PRINCIPAL)]
    pub principal: String,
    /// How the call is signed: an IAM user's (or the root user's) access keys, or a session's
    /// temporary credentials (aws:TokenIssueTime and aws:MultiFactorAuthPresent are then
    /// present) [default: long-term, unless a key given exists only for temporary credentials;
    /// role sessions and federated users always use temporary credentials].
    #[arg(long, value_enum, value_name = "KIND")]
    pub credentials: Option<CredentialsArg>,
    /// The path of the role a session belongs to (`/teams/ops/`), which the session's ARN does
    /// not carry: aws:PrincipalArn is the role's ARN with it [default: `/`, shown as swfsim's
    /// default; for an IAM Identity Center role, `/aws-reserved/sso.amazonaws.com/...`, known in
    /// part].
    #[arg(long = "role-path", value_name = "PATH")]
    pub role_path: Option<String>,
    /// The caller's account belongs to no AWS organization: aws:PrincipalOrgID and the other
    /// organization keys are absent [default: with --scp or --rcp, the account is in an
    /// organization and those keys are present with unknown values; otherwise they are left
    /// out and listed as missing when a policy reads them].
    #[arg(long = "no-organization", conflicts_with_all = ["scp", "rcp"])]
    pub no_organization: bool,
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
    /// How much of the explanation JSON output carries: `full` (every statement that applied or
    /// nearly applied, with each condition), `brief` (the deciding statements, the reason, the
    /// missing keys and the fault) or `auto` (full for a call that is not allowed or not
    /// started, brief for the others) [default: full with --request, auto with --requests].
    #[arg(long, value_enum)]
    pub explain: Option<Explain>,
    /// Threads for `--requests` [default: the number of cores; at most 4 per core]. Output keeps
    /// the input order; with `--world` starts depend on their order, so cases run one after
    /// another.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// The policy-type flags shared by `diff` and `check`.
#[derive(Debug, Args, Clone, Default)]
pub struct PolicyFiles {
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
}

/// Bounds and scope shared by `diff` and `check`.
#[derive(Debug, Args, Clone)]
pub struct AnalysisFlags {
    /// A caller (repeatable) [default: any IAM user of the domain's account; needed when the
    /// policies read the caller's name, ARN or type].
    #[arg(long, value_name = "ARN")]
    pub principal: Vec<String>,
    /// A region to cover (repeatable) [default: every region where SWF is offered].
    #[arg(long, value_name = "REGION")]
    pub region: Vec<String>,
    /// Fix a global condition key, KEY=VALUE (repeatable): the requests covered carry it, and
    /// policy variables over it (`${aws:PrincipalTag/team}`) resolve to it.
    #[arg(long, value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// List at most this many regions per answer.
    #[arg(long = "max-regions", value_name = "N", default_value_t = 50)]
    pub max_regions: usize,
    /// Answer "unknown" rather than search more than this many cases.
    #[arg(long = "max-nodes", value_name = "N", default_value_t = 5_000_000)]
    pub max_nodes: usize,
    /// Answer "unknown" rather than enumerate more automaton states for one part of a request.
    #[arg(long = "max-states", value_name = "N", default_value_t = 200_000)]
    pub max_states: usize,
    /// Answer "unknown" rather than run longer than this, set-up and search together (`500ms`,
    /// `10s`, `2m`, or seconds).
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
}

/// A duration: a number with `ms`, `s` or `m`, or plain seconds; more than zero.
fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" => 60.0,
        _ => {
            return Err(format!(
                "`{text}` is not a duration (e.g. `500ms`, `10s`, `2m`)"
            ))
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (e.g. `500ms`, `10s`, `2m`)"))?;
    std::time::Duration::try_from_secs_f64(value * scale)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("`{text}` is not a duration more than zero"))
}

const DIFF_EXAMPLES: &str = "\
Examples:
  # Does the new identity policy allow any start the old one did not?
  swfsim diff --old main/deployer.json --new pr/deployer.json

  # The same, within a boundary and an SCP level, for two named callers
  swfsim diff --old old.json --new new.json --boundary boundary.json --scp root.json \\
      --principal arn:aws:iam::111122223333:user/alice --principal arn:aws:iam::111122223333:user/bob

  # An SCP change, with the identity policies unchanged
  swfsim diff --kind scp --old scp-before.json --new scp-after.json --policy user.json --format json

Every region comes with a witness: one line for `swfsim simulate --requests`.
Exit codes: 0 the new set allows nothing new, 1 it allows more, 2 the question could not be answered.";

const CHECK_EXAMPLES: &str = "\
Examples:
  # No start in a prod-* domain without the team tag, ever
  swfsim check --policy user.json --must-not-allow '{\"domain\": \"prod-*\", \"tagList\": []}'

  # The deploy's starts stay possible (a SPEC file)
  swfsim check --policy user.json --boundary b.json --must-allow deploy-spec.json \\
      --principal arn:aws:iam::111122223333:role/deployer

SPEC (JSON, inline or a file; every member optional, patterns use IAM's * and ?):
  {\"domain\": [\"prod-*\"], \"workflowType\": {\"name\": \"OrderFlow\", \"version\": [\"1.*\"]},
   \"taskList\": \"prod-*\", \"tagList\": [\"team-a\", \"*\"], \"principal\": [\"arn:...\"],
   \"region\": [\"us-east-1\"], \"context\": {\"aws:SecureTransport\": \"true\"}}
`tagList` gives the exact number of tags, one pattern each; `taskList` requires a task list.

Exit codes: 0 proved, 1 a counterexample (shown with a witness), 2 the question could not be answered.";

/// `swfsim diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The policies before the change, of type --kind (for `scp` and `rcp` each file is one
    /// level, after the shared levels).
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub old: Vec<PathBuf>,
    /// The policies after the change, of type --kind (as for --old).
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub new: Vec<PathBuf>,
    /// The policy type of the --old and --new files.
    #[arg(long, value_enum, default_value_t = KindArg::Identity)]
    pub kind: KindArg,
    /// Policies both sets share.
    #[command(flatten)]
    pub shared: PolicyFiles,
    /// Scope and bounds.
    #[command(flatten)]
    pub flags: AnalysisFlags,
}

/// `swfsim check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policies.
    #[command(flatten)]
    pub policies: PolicyFiles,
    /// No request matching SPEC (inline JSON or a file) may be allowed.
    #[arg(
        long = "must-not-allow",
        value_name = "SPEC",
        conflicts_with = "must_allow",
        required_unless_present = "must_allow"
    )]
    pub must_not_allow: Option<String>,
    /// Every request matching SPEC (inline JSON or a file) must be allowed.
    #[arg(long = "must-allow", value_name = "SPEC")]
    pub must_allow: Option<String>,
    /// Scope and bounds.
    #[command(flatten)]
    pub flags: AnalysisFlags,
}

/// What the environment gives a run: the clock, a seed of randomness, the machine.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    /// Epoch seconds now.
    pub now: i64,
    /// A seed for run ids when `--seed` is not given.
    pub entropy: u64,
    /// Whether stderr is a terminal (a progress line is shown for long batch runs).
    pub progress: bool,
    /// Cores available.
    pub cores: usize,
}

/// Runs a parsed command line. An answer that could not be written in full is no answer: exit
/// 2, with the error on `err` (a reader that went away, as `head` does, included: what it read
/// was not the whole answer).
pub fn run(cli: Cli, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let mut out = Checked { out, failed: None };
    let code = run_command(cli, env, &mut out, err);
    finish(out, code, err)
}

/// What a command line clap could not run gives: `--help` and `--version` are answers, written
/// (and checked) as every other answer is; a usage error is clap's message on `err`, exit 2.
/// `color` says, for `out` and for `err`, whether it is a terminal (clap's styles are shown
/// there only).
pub fn parse_failure(
    e: clap::Error,
    color: [bool; 2],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    use clap::error::ErrorKind;
    let answer = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    let styled = e.render();
    let text = if color[usize::from(!answer)] {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    if answer {
        let mut out = Checked { out, failed: None };
        let _ = out.write_all(text.as_bytes());
        finish(out, Exit::Yes, err)
    } else {
        let _ = err.write_all(text.as_bytes());
        Exit::Unanswerable
    }
}

/// The exit of a command whose output went to `out`: its own, unless writing failed.
fn finish(mut out: Checked<'_>, code: Exit, err: &mut dyn Write) -> Exit {
    let _ = out.flush();
    match out.failed {
        None => code,
        Some((kind, message)) => {
            if kind == std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(
                    err,
                    "error: the output was closed before the whole answer was written"
                );
            } else {
                let _ = writeln!(err, "error: cannot write the output: {message}");
            }
            Exit::Unanswerable
        }
    }
}

/// The command's output, keeping the first error writing it (and failing every write after
/// it: a batch stops there).
struct Checked<'a> {
    out: &'a mut dyn Write,
    failed: Option<(std::io::ErrorKind, String)>,
}

impl Checked<'_> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r {
            if e.kind() != std::io::ErrorKind::Interrupted && self.failed.is_none() {
                self.failed = Some((e.kind(), e.to_string()));
            }
        }
        r
    }

    fn refuse(&self) -> std::io::Result<()> {
        match &self.failed {
            Some((kind, message)) => Err(std::io::Error::new(*kind, message.clone())),
            None => Ok(()),
        }
    }
}

impl Write for Checked<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.refuse()?;
        let r = self.out.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.refuse()?;
        let r = self.out.flush();
        self.keep(r)
    }
}

fn run_command(cli: Cli, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match cli.command {
        Command::Simulate(a) => simulate_cmd(*a, env, out, err),
        Command::Diff(a) => report(diff_cmd(*a, out), err),
        Command::Check(a) => report(check_cmd(*a, out), err),
        Command::Lint(a) => match lint_cmd(a, out) {
            Ok(code) => code,
            Err(Failure(msgs)) => {
                for m in msgs {
                    let _ = writeln!(err, "{}", m.trim_end());
                }
                Exit::Unanswerable
            }
        },
        Command::Rules(a) => {
            match a.format {
                Format::Text => {
                    for r in crate::lint::rules::ALL {
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
                    let v: Vec<serde_json::Value> = crate::lint::rules::ALL
                        .iter()
                        .map(|r| serde_json::json!({"code": r.meta.code, "name": r.meta.name, "severity": r.meta.severity.as_str(), "summary": r.meta.summary}))
                        .collect();
                    let _ = writeln!(out, "{}", serde_json::Value::Array(v));
                }
            }
            Exit::Yes
        }
        Command::Explain { code } => match crate::lint::rule(&code) {
            Some(r) => {
                let _ = write!(out, "{}", r.meta.explain());
                Exit::Yes
            }
            None => {
                let _ = writeln!(err, "error: no rule `{code}`; `swfsim rules` lists them");
                Exit::Unanswerable
            }
        },
    }
}

struct Failure(Vec<String>);

fn report(r: Result<Exit, Failure>, err: &mut dyn Write) -> Exit {
    match r {
        Ok(code) => code,
        Err(Failure(msgs)) => {
            for m in msgs {
                let _ = writeln!(err, "{}", m.trim_end());
            }
            Exit::Unanswerable
        }
    }
}

fn scope_of(
    f: &AnalysisFlags,
    mut spec: crate::analysis::Spec,
) -> Result<crate::analysis::Scope, Failure> {
    for kv in &f.context {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Failure(vec![format!(
                "error: --context `{kv}` is not KEY=VALUE"
            )]));
        };
        crate::analysis::spec::check_key(k, v)
            .map_err(|e| Failure(vec![format!("error: --context: {e}")]))?;
        match spec.context.iter().find(|(x, _)| x.eq_ignore_ascii_case(k)) {
            Some((_, old)) if old != v => {
                return Err(Failure(vec![format!(
                    "error: --context fixes `{k}` to `{v}`, the SPEC to `{old}`"
                )]))
            }
            Some(_) => {}
            None => spec.context.push((k.to_string(), v.to_string())),
        }
    }
    let mut principals = Vec::new();
    for p in f.principal.iter().chain(&spec.principals) {
        let parsed =
            Principal::parse(p).map_err(|e| Failure(vec![format!("error: principal: {e}")]))?;
        if !principals.iter().any(|x: &Principal| x.arn == parsed.arn) {
            principals.push(parsed);
        }
    }
    Ok(crate::analysis::Scope {
        principals,
        regions: (!f.region.is_empty()).then(|| f.region.clone()),
        spec,
        max_regions: f.max_regions.max(1),
        search_regions: crate::analysis::SEARCH_REGIONS,
        max_nodes: f.max_nodes,
        max_states: f.max_states,
        // One budget for the whole command (`diff` runs two searches).
        deadline: crate::analysis::Deadline::after(f.timeout),
    })
}

fn diff_cmd(a: DiffArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use crate::analysis::{analyze, Goal};
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
    let scope = scope_of(&a.flags, crate::analysis::Spec::default())?;
    let sets = [&old, &new];
    let result = analyze(&sets, Goal::Gained, &scope)
        .and_then(|g| analyze(&sets, Goal::Lost, &scope).map(|l| (g, l)));
    let code = match &result {
        Err(_) => Exit::Unanswerable,
        Ok((g, _)) if !g.regions.is_empty() => Exit::No,
        Ok(_) => Exit::Yes,
    };
    let text = match a.flags.format {
        Format::Text => output::analysis::diff_text(&result),
        Format::Json => format!("{}\n", output::analysis::diff_json(&result)),
    };
    let _ = out.write_all(text.as_bytes());
    Ok(code)
}

fn check_cmd(a: CheckArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use crate::analysis::{analyze, Goal, Spec};
    let mut sources = SourceMap::default();
    let must_allow = a.must_allow.is_some();
    let raw = a.must_allow.or(a.must_not_allow).unwrap_or_default();
    let (id, json) = if raw.trim_start().starts_with('{') {
        let id = sources.add("SPEC".to_string(), raw.clone());
        let j = json::parse(&raw).map_err(|e| {
            Failure(vec![output::diagnostic(
                &sources,
                id,
                Span::new(e.offset as usize, e.offset as usize),
                None,
                &format!("invalid JSON: {}", e.kind),
                None,
            )])
        })?;
        (id, j)
    } else {
        parse_json(&mut sources, Path::new(&raw))?
    };
    let spec = Spec::from_json(&json).map_err(|e| Failure(input_errors(&sources, id, &e)))?;
    let set = load_set(&a.policies, &[], KindArg::Identity, &mut sources, None)?;
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
    let text = match a.flags.format {
        Format::Text => output::analysis::check_text(must_allow, &result),
        Format::Json => format!("{}\n", output::analysis::check_json(must_allow, &result)),
    };
    let _ = out.write_all(text.as_bytes());
    Ok(code)
}

fn read_file(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure(vec![format!(
            "error: cannot read `{}`: {e}",
            path.display()
        )])
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).to_string();
        let lc = crate::source::LineIndex::new(&prefix).line_col(&prefix, at as u32);
        Failure(vec![format!(
            "{}:{lc}: error: the file is not UTF-8 text (byte {at})",
            path.display()
        )])
    })
}

/// Reads a file for `lint`: text that is not UTF-8 is kept (lossily) with the byte where
/// decoding stopped, so it becomes a finding rather than a refusal.
fn read_lint_file(path: &Path) -> Result<(String, Option<usize>), Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure(vec![format!(
            "error: cannot read `{}`: {e}",
            path.display()
        )])
    })?;
    match String::from_utf8(bytes) {
        Ok(t) => Ok((t, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Ok((String::from_utf8_lossy(e.as_bytes()).to_string(), Some(at)))
        }
    }
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
    // One copy of the text: the map's, shared.
    let text: std::sync::Arc<str> = read_file(path)?.into();
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

fn load_policies(
    a: &SimulateArgs,
    sources: &mut SourceMap,
    notes: &mut Vec<String>,
) -> Result<PolicySet, Failure> {
    load_set(&a.policies, &[], KindArg::Identity, sources, Some(notes))
}

/// Loads a policy set from the policy-type flags, plus `extra` files of type `kind`.
/// Loads the policy files; with `notes`, each file's lint findings of error level are added
/// there (found before the file is compiled, so the two never take memory at once).
fn load_set(
    a: &PolicyFiles,
    extra: &[PathBuf],
    kind: KindArg,
    sources: &mut SourceMap,
    mut notes: Option<&mut Vec<String>>,
) -> Result<PolicySet, Failure> {
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
            // One copy of the text: the map's, shared.
            let text: std::sync::Arc<str> = text.into();
            let id = sources.add(path.display().to_string(), text.clone());
            let loaded = match notes.as_deref_mut() {
                // Read, lowered and compiled once for the lint and the evaluation (read twice,
                // the freed first copy stayed committed: 117 MB for 10,000 statements).
                Some(notes) => {
                    let cx = crate::lint::LintContext::new(&text, id, kind);
                    notes.extend(error_findings(sources, id, &cx));
                    match cx.into_parts() {
                        (lowered, conditions, errors)
                            if lowered.errors.is_empty() && errors.is_empty() =>
                        {
                            Ok((lowered.documents.into_iter())
                                .zip(conditions)
                                .map(|(doc, c)| eval::compile_with(doc, c))
                                .collect())
                        }
                        // The errors as loading reports them.
                        _ => eval::load(&text, id, kind),
                    }
                }
                None => eval::load(&text, id, kind),
            };
            match loaded {
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
    for p in extra {
        let loaded = load(p, kind.kind(), &mut problems);
        match kind {
            KindArg::Identity => set.identity.extend(loaded),
            KindArg::Boundary => set.boundary.get_or_insert_with(Vec::new).extend(loaded),
            KindArg::Scp => set.scps.push(loaded),
            KindArg::Rcp => set.rcps.push(loaded),
            KindArg::Session => set.session.extend(loaded),
        }
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Failure(problems))
    }
}

/// The first second of year 1 and the last of year 9999 (UTC), in epoch seconds: the times
/// `aws:CurrentTime` can be written as (`YYYY-MM-DDThh:mm:ssZ`).
const NOW_RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Parses `--now`: epoch seconds or a W3C date, within the years 1 to 9999.
fn parse_now(text: &str) -> Result<i64, Failure> {
    let secs = crate::condition::parse_date(text)
        .and_then(|ns| i64::try_from(ns.div_euclid(1_000_000_000)).ok())
        .ok_or_else(|| {
            Failure(vec![format!(
                "error: --now `{text}` is not epoch seconds or a W3C date"
            )])
        })?;
    if !NOW_RANGE.contains(&secs) {
        return Err(Failure(vec![format!(
            "error: --now `{text}` is outside the years 1 to 9999\n  help: aws:CurrentTime is written `YYYY-MM-DDThh:mm:ssZ`; give a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
        )]));
    }
    Ok(secs)
}

/// The keys of `--context-file` and `--context`, the latter winning, and the context file's
/// source.
fn user_keys(
    a: &SimulateArgs,
    sources: &mut SourceMap,
) -> Result<(Vec<UserKey>, Option<SourceId>), Failure> {
    let mut keys: Vec<UserKey> = Vec::new();
    let mut file = None;
    if let Some(path) = &a.context_file {
        let (id, j) = parse_json(sources, path)?;
        keys = context_from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
        file = Some(id);
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
    Ok((keys, file))
}

/// The caller of the command line: its ARN (with `--role-path`), the keys given, what is said
/// of it; a key AWS never includes for it is an error.
fn caller_of(
    a: &SimulateArgs,
    sources: &mut SourceMap,
) -> Result<(Principal, Vec<UserKey>, CallerFacts), Failure> {
    let principal = Principal::parse(&a.principal)
        .map_err(|e| Failure(vec![format!("error: --principal: {e}")]))?;
    let principal = match &a.role_path {
        Some(path) => principal
            .with_role_path(path)
            .map_err(|e| Failure(vec![format!("error: --role-path: {e}")]))?,
        None => principal,
    };
    let (keys, context_file) = user_keys(a, sources)?;
    let caller = caller_facts(a);
    check_caller_keys(&principal, &caller, &keys)
        .map_err(|(key, e)| caller_key_error(a, sources, context_file, key.as_deref(), &e))?;
    if a.world.is_some() {
        for k in &keys {
            check_world_key(k)
                .map_err(|e| caller_key_error(a, sources, context_file, Some(&k.key), &e))?;
        }
    }
    Ok((principal, keys, caller))
}

/// What the command line says of the caller beyond its ARN.
fn caller_facts(a: &SimulateArgs) -> CallerFacts {
    CallerFacts {
        credentials: a.credentials.map(|c| match c {
            CredentialsArg::LongTerm => Credentials::LongTerm,
            CredentialsArg::Temporary => Credentials::Temporary,
        }),
        organization: if a.no_organization {
            Organization::None
        } else if !a.policies.scp.is_empty() || !a.policies.rcp.is_empty() {
            Organization::Member
        } else {
            Organization::Unstated
        },
    }
}

/// A key given that AWS never includes for this caller: located in the context file when it
/// came from there, else named as a `--context` key.
fn caller_key_error(
    a: &SimulateArgs,
    sources: &SourceMap,
    file: Option<SourceId>,
    key: Option<&str>,
    e: &InputError,
) -> Failure {
    let on_line = |key: &str| {
        a.context.iter().any(|kv| {
            kv.split_once('=')
                .is_some_and(|(k, _)| k.eq_ignore_ascii_case(key))
        })
    };
    match (file, key) {
        (Some(id), Some(key)) if !on_line(key) => {
            Failure(input_errors(sources, id, std::slice::from_ref(e)))
        }
        _ => {
            let mut msg = format!("error: {}", e.message);
            if let Some(h) = &e.help {
                msg.push_str(&format!("\n  = help: {h}"));
            }
            Failure(vec![msg])
        }
    }
}

fn exit_of(o: Outcome) -> Exit {
    match o {
        Outcome::Started | Outcome::Authorized => Exit::Yes,
        Outcome::Unknown => Exit::Unanswerable,
        _ => Exit::No,
    }
}

fn simulate_cmd(a: SimulateArgs, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let result = simulate_inner(a, env, &mut buffered, err);
    let _ = buffered.flush();
    match result {
        Ok(code) => code,
        Err(Failure(msgs)) => {
            for m in msgs {
                let _ = write!(err, "{}{}", m, if m.ends_with('\n') { "" } else { "\n" });
            }
            Exit::Unanswerable
        }
    }
}

/// The lint findings of error level in a policy file a run uses, for stderr: a statement that
/// never matches as written (an action SWF does not have, a variable IAM does not substitute)
/// is never silent. The answer itself is unchanged.
fn error_findings(
    sources: &SourceMap,
    id: SourceId,
    cx: &crate::lint::LintContext<'_>,
) -> Vec<String> {
    let select: Vec<&str> = crate::lint::rules::ALL
        .iter()
        .filter(|r| r.meta.severity == crate::lint::Severity::Error)
        .map(|r| r.meta.code)
        .collect();
    crate::lint::check(cx, &select)
        .iter()
        .map(|f| output::lint_note(sources, id, f))
        .collect()
}

fn simulate_inner(
    a: SimulateArgs,
    env: Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let mut sources = SourceMap::new();
    let mut notes = Vec::new();
    let policies = load_policies(&a, &mut sources, &mut notes)?;
    for n in notes {
        let _ = write!(err, "{n}");
    }
    let (principal, keys, caller) = caller_of(&a, &mut sources)?;
    // Before the world is read: a run writing the world it reads reads the last run's.
    let world_out = match &a.world_out {
        Some(p) => Some(WorldOut::prepare(p, err).map_err(|e| Failure(vec![e]))?),
        None => None,
    };
    let mut world = match &a.world {
        Some(p) => {
            let (id, j) = parse_json(&mut sources, p)?;
            Some(World::from_json(&j).map_err(|e| Failure(input_errors(&sources, id, &e)))?)
        }
        None => None,
    };
    let region = a
        .region
        .clone()
        .or_else(|| world.as_ref().and_then(|w| w.region.clone()))
        .unwrap_or_else(|| "us-east-1".to_string());
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(Failure(vec![format!(
            "error: --region: `{region}` is not a region name (such as `us-east-1`)"
        )]));
    }
    let now = match &a.now {
        Some(t) => parse_now(t)?,
        None => env.now,
    };
    let call = CallInputs {
        principal: principal.into(),
        region,
        user_keys: keys,
        now,
        caller,
    };
    let mut run_ids = RunIds::new(a.seed.unwrap_or(env.entropy));
    let mut exit = Exit::Yes;
    if let Some(path) = &a.request {
        let (id, j) = parse_json(&mut sources, path)?;
        let req =
            StartRequest::from_json(&j).map_err(|e| Failure(input_errors(&sources, id, &e)))?;
        let r = simulate(&req, &policies, &call, world.as_mut(), &mut run_ids);
        let explain = a.explain.unwrap_or(Explain::Full);
        write_result(
            out,
            &r,
            &sources,
            &policies,
            a.format,
            explain.full_for(r.outcome),
        );
        exit = exit_of(r.outcome);
        if r.outcome == Outcome::Unknown {
            let _ = writeln!(err, "{}", output::unknown_error(&r));
        }
    } else if let Some(path) = &a.requests {
        // `-` is standard input, named `<stdin>` where a line is located. A file's size gives
        // the progress bar its end (none for a pipe).
        type Input = Box<dyn std::io::Read + Send>;
        let (file, name, size): (Input, String, Option<u64>) = if path.as_os_str() == "-" {
            (Box::new(std::io::stdin()), "<stdin>".into(), None)
        } else {
            let file = std::fs::File::open(path).map_err(|e| {
                Failure(vec![format!(
                    "error: cannot read `{}`: {e}",
                    path.display()
                )])
            })?;
            let size = file
                .metadata()
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            (Box::new(file), path.display().to_string(), size)
        };
        let jobs = if world.is_some() {
            1
        } else {
            let (jobs, lowered) = capped_jobs(a.jobs, env.cores);
            if lowered {
                let _ = writeln!(
                    err,
                    "note: --jobs {} lowered to {jobs} ({JOBS_PER_CORE} per core, {} cores)",
                    a.jobs.unwrap_or_default(),
                    env.cores
                );
            }
            jobs
        };
        let batch = Batch {
            policies: &policies,
            sources: &sources,
            call: &call,
            format: a.format,
            explain: a.explain.unwrap_or(Explain::Auto),
            file: name.clone(),
            world: world.is_some(),
        };
        let mut input = std::io::BufReader::with_capacity(1 << 16, file);
        let mut progress = Progress::new(env.progress, size);
        // A block's lines are written at once, then their errors, in input order. `false` once
        // the output cannot be written: the batch stops (`run` reports it).
        let mut emit =
            |text: &[u8], cases: &[CaseOutput], out: &mut dyn Write, err: &mut dyn Write| {
                if out.write_all(text).is_err() {
                    return false;
                }
                for c in cases {
                    for e in &c.err {
                        let _ = writeln!(err, "{e}");
                    }
                    exit = exit.and(c.exit);
                }
                true
            };
        let read_error = |(n, e): (usize, std::io::Error)| {
            Failure(vec![format!(
                "error: cannot read `{name}` at line {n}: {e}"
            )])
        };
        if jobs == 1 {
            let mut state = LineState::new(batch.policies, batch.call, batch.world);
            // The answers' text is written a buffer's worth at a time, straight from here: line
            // by line, each was copied into the writer's buffer first (a twentieth of a run).
            const WRITE_AT: usize = 1 << 16;
            let mut text = Vec::with_capacity(2 * WRITE_AT);
            // A line at a time: each is answered before the next is read.
            let (mut block, mut next) = (LineBlock::with_capacity(1, 512), 1);
            loop {
                let read = block.fill(&mut input, &mut next, 1);
                for (n, line) in block.iter() {
                    let c = batch.run(n, line, world.as_mut(), &mut run_ids, &mut state, &mut text);
                    emit(&[], std::slice::from_ref(&c), out, err);
                    progress.tick(1, block.bytes(), err);
                }
                if text.len() >= WRITE_AT || block.is_empty() || read.is_err() {
                    if !emit(&text, &[], out, err) {
                        break;
                    }
                    text.clear();
                }
                read.map_err(read_error)?;
                if block.is_empty() {
                    break;
                }
            }
        } else {
            batch_parallel(
                &batch,
                input,
                jobs,
                &mut |text: &[u8], block: &[CaseOutput], bytes: usize| {
                    let written = emit(text, block, out, err);
                    progress.tick(block.len(), bytes, err);
                    written
                },
            )
            .map_err(read_error)?;
        }
        progress.finish(err);
    }
    // Answers that could not be written leave no world after them (`run` reports the error):
    // the run is to be made again, from the world it started from.
    if a.world_out.is_some() && out.flush().is_err() {
        return Err(Failure(Vec::new()));
    }
    if let (Some(o), Some(w)) = (world_out, &world) {
        o.commit(w).map_err(|e| Failure(vec![e]))?;
    }
    Ok(exit)
}

/// Threads a batch runs on at most, per core: past the cores they only wait for one, and each
/// holds blocks of lines and text (`--jobs 100000` took 24 GB before the kernel killed it).
const JOBS_PER_CORE: usize = 4;

/// The threads of a batch run: `asked` (`--jobs`, default the number of cores), at least one
/// and at most [`JOBS_PER_CORE`] per core, and whether that lowered it.
fn capped_jobs(asked: Option<usize>, cores: usize) -> (usize, bool) {
    let cap = cores.max(1).saturating_mul(JOBS_PER_CORE);
    let jobs = asked.unwrap_or(cores).max(1);
    (jobs.min(cap), jobs > cap)
}

/// Lines per block of a parallel batch run, and the room a block's text is given, by how much
/// a line writes: memory stays flat in the number of requests. Each block costs thread
/// wake-ups (256 full JSON lines of 6.5 KB: 2.5% less wall time than 128 on the reference
/// workload; 512: faster still, but 46 MB peak for a million requests). Brief JSON lines (1.9
/// KB) go 512 to a block (2.6% less wall time than 256); text answers (3.6 KB) 256. A block's
/// text has room for its lines at once: grown step by step, the freed steps stayed committed
/// (30 MB more at the peak); given more room than it uses, the memory pages of the room it
/// touches are committed whole. These are the most a block holds: where lines write more (the
/// full explanations of a large policy set), a thread's blocks hold as many as fill the room
/// (`Worker::resize`).
fn block_size(batch: &Batch<'_>) -> (usize, usize) {
    match (batch.format, batch.explain) {
        (Format::Json, Explain::Brief) => (512, 512 * 2048),
        (Format::Json, Explain::Full | Explain::Auto) => (256, 256 * 8192),
        (Format::Text, _) => (256, 256 * 4096),
    }
}

/// Runs a batch on `jobs` threads, handing each block's results (the text of its lines, and
/// each case's errors and answer) to `emit` in input order.
///
/// Each of `jobs` threads (this one and `jobs - 1` others) reads its next block itself (one at
/// a time, under a lock, which numbers the blocks) and answers it, so a block's lines are in
/// the cache of the core that answers them (read by one thread and answered by another, they
/// came over from the other core's: full lines took 6% more wall time). This thread also puts
/// the answered blocks back in order and emits them, between its own blocks (a thread that only
/// emitted was woken for every block: 2% more wall time). A thread takes a text buffer before
/// reading a block, and the buffer comes back once the block is written: at most `jobs + 2`
/// blocks are read and not yet written, so memory stays flat and no channel fills (`2 * jobs +
/// 2` took 2% more wall time: more buffers, each colder when used again). This thread never
/// waits for a buffer (only it gives them back): with none free it waits for an answered
/// block, which another thread is answering.
fn batch_parallel(
    batch: &Batch<'_>,
    input: impl std::io::BufRead + Send,
    jobs: usize,
    emit: &mut Emit<'_>,
) -> Result<(), (usize, std::io::Error)> {
    use std::sync::mpsc::sync_channel;
    use std::sync::Mutex;
    let in_flight = jobs + 2;
    let (lines, room) = block_size(batch);
    let reading = Mutex::new(Reading {
        input,
        next_line: 1,
        next_block: 0,
        ended: false,
        failed: None,
    });
    let (done_tx, done_rx) = sync_channel::<Done>(in_flight);
    // The text buffers, one per block in flight: a worker waits for one before it reads.
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(in_flight);
    for _ in 0..in_flight {
        let _ = spare_tx.send(Vec::with_capacity(room));
    }
    let spare_rx = Mutex::new(spare_rx);
    std::thread::scope(|scope| {
        // This thread answers blocks too: `jobs - 1` threads besides it (a thread that only
        // wrote was woken for every block, on cores the workers were using).
        for _ in 1..jobs {
            let (reading, spare_rx, done_tx) = (&reading, &spare_rx, done_tx.clone());
            scope.spawn(move || {
                let mut worker = Worker::new(batch, (lines, room));
                loop {
                    // The lock is held only to take a buffer.
                    let Ok(Ok(text)) = spare_rx.lock().map(|rx| rx.recv()) else {
                        break;
                    };
                    let Some(done) = worker.answer_next(batch, text, reading) else {
                        break;
                    };
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the other threads send answered blocks: once they all stop, receiving ends.
        drop(done_tx);
        let mut out = InOrder {
            waiting: std::collections::BTreeMap::new(),
            written: 0,
            spare: spare_tx,
            emit,
            stopped: false,
        };
        let mut worker = Worker::new(batch, (lines, room));
        let mut reading_on = true;
        loop {
            while let Ok(done) = done_rx.try_recv() {
                out.take(done);
            }
            if out.stopped && reading_on {
                // The output failed: no block is read after (the others' blocks in hand are
                // answered and dropped).
                reading_on = false;
                if let Ok(mut r) = reading.lock() {
                    r.ended = true;
                }
            }
            if reading_on {
                // A buffer if one is free (never waiting: the buffers come back from here).
                let text = spare_rx.try_lock().ok().and_then(|rx| rx.try_recv().ok());
                if let Some(text) = text {
                    match worker.answer_next(batch, text, &reading) {
                        Some(done) => out.take(done),
                        None => reading_on = false,
                    }
                    continue;
                }
            }
            // Every buffer is in a block another thread answers, or read to the end: wait for
            // the next answered block (a thread that panicked makes the scope panic).
            match done_rx.recv() {
                Ok(done) => out.take(done),
                Err(_) if reading_on => reading_on = false,
                Err(_) => break,
            }
        }
    });
    let reading = reading
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    reading.failed.map_or(Ok(()), Err)
}

/// Where a parallel batch's answered blocks go, in input order: each block's text, answers and
/// bytes of input; `false` once the output cannot be written (the batch stops).
type Emit<'a> = dyn FnMut(&[u8], &[CaseOutput], usize) -> bool + 'a;

/// What a thread answering a parallel batch's blocks keeps from block to block.
struct Worker<'s> {
    ids: RunIds,
    state: LineState<'s>,
    block: LineBlock,
    /// Lines the next block holds.
    lines: usize,
    /// Lines a block holds at most, and the bytes of answers a block is given room for.
    most: (usize, usize),
}

impl<'s> Worker<'s> {
    fn new(batch: &Batch<'s>, (lines, room): (usize, usize)) -> Worker<'s> {
        Worker {
            ids: RunIds::new(0),
            state: LineState::new(batch.policies, batch.call, batch.world),
            // Room for a block of the reference workload's lines (300 bytes each).
            block: LineBlock::with_capacity(lines, lines * 512),
            // The first block is small: how much a line writes is not known yet.
            lines: lines.div_ceil(8),
            most: (lines, room),
        }
    }

    /// Sizes the next block by what the last one's lines wrote: as many lines as fill a
    /// block's room at that rate, at most the usual number. The full explanations of a set of
    /// thousands of statements take tens of KB a line: 256 of them were 9 MB a block and each
    /// of `jobs + 2` buffers grew to 16 MB.
    fn resize(&mut self, lines: usize, bytes: usize) {
        let (most, room) = self.most;
        // Fewer than the most: sized for a quarter over the last rate (lines differ, and a
        // block past its room doubles it).
        let per_line = (bytes / lines.max(1)).max(1);
        self.lines = if room / per_line >= most {
            most
        } else {
            (room / (per_line + per_line / 4)).max(1)
        };
    }

    /// Reads the next block (numbering it) and answers it into `text`; `None` once the input
    /// has ended (or failed: the reading side keeps the error).
    fn answer_next<R: std::io::BufRead>(
        &mut self,
        batch: &Batch<'_>,
        mut text: Vec<u8>,
        reading: &std::sync::Mutex<Reading<R>>,
    ) -> Option<Done> {
        let lines = self.lines;
        let mut guard = reading.lock().ok()?;
        let r = &mut *guard;
        if r.ended {
            return None;
        }
        let failed = self.block.fill(&mut r.input, &mut r.next_line, lines).err();
        // The lines before an unreadable one are answered, as with `--jobs 1`.
        if failed.is_some() || self.block.len() < lines {
            r.ended = true;
            r.failed = failed;
        }
        if self.block.is_empty() {
            return None;
        }
        let seq = r.next_block;
        r.next_block += 1;
        drop(guard);
        text.clear();
        let answers = self
            .block
            .iter()
            .map(|(n, l)| batch.run(n, l, None, &mut self.ids, &mut self.state, &mut text))
            .collect();
        self.resize(self.block.len(), text.len());
        let bytes = self.block.bytes();
        Some(Done {
            seq,
            text,
            answers,
            bytes,
        })
    }
}

/// The input of a parallel batch, which the workers read a block at a time.
struct Reading<R> {
    input: R,
    /// The number of the next line.
    next_line: usize,
    /// The number of the next block (blocks are emitted in this order).
    next_block: usize,
    /// Whether the input ended (or failed): no block is read after.
    ended: bool,
    /// The line that could not be read, and why.
    failed: Option<(usize, std::io::Error)>,
}

/// A block a worker has answered: its lines' text, and each case's errors and answer.
struct Done {
    seq: usize,
    text: Vec<u8>,
    answers: Vec<CaseOutput>,
    /// The bytes of input its lines were.
    bytes: usize,
}

/// The writing side of a parallel batch: answered blocks, emitted in input order, their text
/// buffers handed back to the threads that answer blocks.
struct InOrder<'e> {
    /// Answered blocks by number.
    waiting: std::collections::BTreeMap<usize, Done>,
    /// Blocks emitted so far.
    written: usize,
    spare: std::sync::mpsc::SyncSender<Vec<u8>>,
    emit: &'e mut Emit<'e>,
    /// Whether `emit` failed (the output cannot be written): nothing is emitted after.
    stopped: bool,
}

impl InOrder<'_> {
    /// Takes an answered block, emits every block that is next in order and hands their text
    /// buffers back (emptied by the thread that takes one next).
    fn take(&mut self, done: Done) {
        self.waiting.insert(done.seq, done);
        while let Some(done) = self.waiting.remove(&self.written) {
            self.stopped = self.stopped || !(self.emit)(&done.text, &done.answers, done.bytes);
            // Fails only once every thread has stopped taking buffers.
            let _ = self.spare.send(done.text);
            self.written += 1;
        }
    }
}

/// A block of input lines for a parallel batch: their text one after another (one buffer for
/// the block, not a string a line), and each line's number and place in it.
struct LineBlock {
    text: String,
    lines: Vec<BlockLine>,
    /// The bytes of input the lines were, their ends included.
    read: usize,
}

/// A line of a [`LineBlock`]: its number, its place in the block's text, and for a line that is
/// not UTF-8 the offset of its first invalid byte (its place then holds the text before it).
struct BlockLine {
    n: usize,
    at: std::ops::Range<usize>,
    not_utf8: Option<usize>,
}

/// A line as a batch reads it: its text, or the text before its first byte that is not UTF-8
/// and that byte's offset (an input error for that line alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line<'a> {
    Text(&'a str),
    NotUtf8 { before: &'a str, at: usize },
}

impl LineBlock {
    fn with_capacity(lines: usize, bytes: usize) -> LineBlock {
        LineBlock {
            text: String::with_capacity(bytes),
            lines: Vec::with_capacity(lines),
            read: 0,
        }
    }

    /// Empties the block and reads up to `max` lines into it, numbered from `*next` on, as
    /// `BufRead::lines` reads them (without the `\n` or `\r\n` that ends them), but for a line
    /// that is not UTF-8: it is kept as [`Line::NotUtf8`], and the lines after it are read. On
    /// an error reading the input the lines before it stay, with the failing line's number.
    /// The lines' ends are found with `memchr` and the block is checked as UTF-8 at once
    /// (`read_line` searched and checked each line on its own: 800 instructions a line of the
    /// reference workload); only a block that fails is checked line by line.
    fn fill(
        &mut self,
        input: &mut impl std::io::BufRead,
        next: &mut usize,
        max: usize,
    ) -> Result<(), (usize, std::io::Error)> {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        self.lines.clear();
        // Each line's number and bytes, its end included.
        let mut read = Ok(());
        while self.lines.len() < max {
            let start = bytes.len();
            if let Err(e) = read_until_newline(input, &mut bytes) {
                read = Err((*next, e));
                break;
            }
            if bytes.len() == start {
                break;
            }
            self.lines.push(BlockLine {
                n: *next,
                at: start..bytes.len(),
                not_utf8: None,
            });
            *next += 1;
        }
        self.read = bytes.len();
        self.text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => self.keep_utf8(&e.into_bytes()),
        };
        for l in &mut self.lines {
            let line = &self.text.as_bytes()[l.at.clone()];
            let ending = match line {
                _ if l.not_utf8.is_some() => 0,
                [.., b'\r', b'\n'] => 2,
                [.., b'\n'] => 1,
                _ => 0,
            };
            l.at.end -= ending;
        }
        read
    }

    /// The block's text from `bytes`, which are not all UTF-8: each line that is not keeps the
    /// text before its first invalid byte, and that byte's offset. (A newline is never part of
    /// a character: the lines are checked one by one.)
    fn keep_utf8(&mut self, bytes: &[u8]) -> String {
        let mut text = String::with_capacity(bytes.len());
        for l in &mut self.lines {
            let raw = bytes.get(l.at.clone()).unwrap_or_default();
            let start = text.len();
            match std::str::from_utf8(raw) {
                Ok(line) => text.push_str(line),
                Err(e) => {
                    let at = e.valid_up_to();
                    text.push_str(std::str::from_utf8(&raw[..at]).unwrap_or_default());
                    l.not_utf8 = Some(at);
                }
            }
            l.at = start..text.len();
        }
        text
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The bytes of input the lines were, their ends included.
    fn bytes(&self) -> usize {
        self.read
    }

    /// Each line's number and text.
    fn iter(&self) -> impl Iterator<Item = (usize, Line<'_>)> {
        self.lines.iter().map(|l| {
            let text = self.text.get(l.at.clone()).unwrap_or_default();
            let line = match l.not_utf8 {
                None => Line::Text(text),
                Some(at) => Line::NotUtf8 { before: text, at },
            };
            (l.n, line)
        })
    }
}

/// Appends the next line of `input` to `buf`, its `\n` included (none at the end of the input),
/// as `BufRead::read_until` does, finding the newline with `memchr`.
fn read_until_newline(input: &mut impl std::io::BufRead, buf: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), available.is_empty()),
        };
        buf.extend_from_slice(&available[..used]);
        input.consume(used);
        if done {
            return Ok(());
        }
    }
}

/// What one batch case produced besides its output line: its error lines, its answer.
#[derive(Debug, Default)]
struct CaseOutput {
    err: Vec<String>,
    exit: Exit,
}

/// What every case of a batch shares.
struct Batch<'a> {
    policies: &'a PolicySet,
    sources: &'a SourceMap,
    call: &'a CallInputs,
    format: Format,
    explain: Explain,
    file: String,
    /// Whether the cases meet a world (a line may not set the keys it determines).
    world: bool,
}

impl Batch<'_> {
    /// Answers line `n`: appends its text and newline to `text` (nothing for a blank line).
    fn run(
        &self,
        n: usize,
        line: Line<'_>,
        world: Option<&mut World>,
        run_ids: &mut RunIds,
        state: &mut LineState<'_>,
        text: &mut Vec<u8>,
    ) -> CaseOutput {
        let line = match line {
            Line::Text(line) => line,
            Line::NotUtf8 { before, at } => {
                let e = InputError::new(
                    format!("the line is not UTF-8 text (byte {at})"),
                    Span::new(at, at),
                )
                .with_help("batch lines are UTF-8 JSON");
                return self.input_error(n, before, &[e], text);
            }
        };
        if line.trim().is_empty() {
            return CaseOutput::default();
        }
        let answer = match state.reader.read(line, &state.call) {
            Ok((req, call)) => {
                // A brief JSON line shows no condition traces: none are built for it. A full
                // one traces a statement's conditions only when its text is new (see
                // `RenderCache::write_traced`). An `auto` line is evaluated as a full one and
                // written brief when the call is allowed (a deferred evaluation holds all a
                // brief line shows).
                let detail = match (self.format, self.explain) {
                    (Format::Json, Explain::Brief) => Detail::Brief,
                    (Format::Json, Explain::Full | Explain::Auto) => Detail::Deferred,
                    (Format::Text, _) => Detail::Full,
                };
                let r = simulate_planned(
                    &req,
                    &mut state.evaluator,
                    &mut state.calls,
                    &call,
                    world,
                    run_ids,
                    detail,
                );
                match self.format {
                    Format::Json => output::append_sim_json_line(
                        &r,
                        self.sources,
                        state.evaluator.policies(),
                        self.explain.full_for(r.outcome),
                        &mut state.cache,
                        text,
                    ),
                    Format::Text => text.extend_from_slice(
                        output::sim_text(&r, self.sources, self.policies).as_bytes(),
                    ),
                }
                CaseOutput {
                    err: Vec::new(),
                    exit: exit_of(r.outcome),
                }
            }
            Err(errs) => return self.input_error(n, line, &errs, text),
        };
        text.push(b'\n');
        answer
    }

    /// The answer to line `n` (of text `line`) that could not be read: an `inputError` line
    /// for the first of `errs` (never empty), and each on stderr.
    fn input_error(
        &self,
        n: usize,
        line: &str,
        errs: &[InputError],
        text: &mut Vec<u8>,
    ) -> CaseOutput {
        let mut line_sources = SourceMap::new();
        let id = line_sources.add(self.file.clone(), line.to_string());
        let col = |e: &InputError| line_sources.line_col(id, e.span).column;
        let err = errs
            .iter()
            .map(|e| format!("{}:{n}:{}: error: {}", self.file, col(e), e.message))
            .collect();
        if let Some(first) = errs.first() {
            let v = serde_json::json!({"decision": null, "outcome": "inputError", "line": n, "column": col(first), "error": first.message, "file": format!("{}:{n}", self.file)});
            text.extend_from_slice(v.to_string().as_bytes());
            text.push(b'\n');
        }
        CaseOutput {
            err,
            exit: Exit::Unanswerable,
        }
    }
}

/// A batch's progress bar on stderr, for people: never in machine output, only when stderr is
/// a terminal (see [`progress_line`]).
struct Progress {
    on: bool,
    /// Requests answered and written.
    done: usize,
    /// Bytes of input they were.
    bytes: u64,
    /// The input's size, when it is a file.
    size: Option<u64>,
    start: std::time::Instant,
    last: std::time::Instant,
    /// The longest line shown.
    shown: usize,
}

impl Progress {
    fn new(on: bool, size: Option<u64>) -> Progress {
        let now = std::time::Instant::now();
        Progress {
            on,
            done: 0,
            bytes: 0,
            size,
            start: now,
            last: now,
            shown: 0,
        }
    }

    /// `n` more requests written, which were `bytes` of input.
    fn tick(&mut self, n: usize, bytes: usize, err: &mut dyn Write) {
        self.done += n;
        self.bytes += bytes as u64;
        if self.on && self.last.elapsed().as_millis() >= 200 {
            self.last = std::time::Instant::now();
            let line = progress_line(self.done, self.bytes, self.size, self.start.elapsed());
            let _ = write!(err, "\r{line}");
            self.shown = self.shown.max(line.len());
            let _ = err.flush();
        }
    }

    /// The last line, over the progress line (blanks cover what it does not).
    fn finish(&self, err: &mut dyn Write) {
        if self.on && self.start.elapsed().as_millis() >= 200 {
            let secs = self.start.elapsed().as_secs_f64();
            let line = format!("{} requests in {secs:.1}s", self.done);
            let _ = writeln!(err, "\r{line:<width$}", width = self.shown);
        }
    }
}

/// The progress line after `done` requests of `bytes` of input in `elapsed`: with the input's
/// `size`, a bar, the share read and the time left at the rate so far; without (a pipe), the
/// count and the rate. Blanks at the end cover a longer line before it.
fn progress_line(
    done: usize,
    bytes: u64,
    size: Option<u64>,
    elapsed: std::time::Duration,
) -> String {
    const WIDTH: usize = 24;
    let secs = elapsed.as_secs_f64().max(1e-9);
    let rate = done as f64 / secs;
    let counts = format!("{done} requests  {rate:.0}/s");
    match size.filter(|&s| s > 0) {
        Some(size) => {
            let share = (bytes as f64 / size as f64).min(1.0);
            let filled = (share * WIDTH as f64) as usize;
            let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
            let left = if share > 0.0 {
                format!("{:.0}s left", secs * (1.0 - share) / share)
            } else {
                "?s left".into()
            };
            let percent = (share * 100.0) as u32;
            format!("[{bar}] {percent:>3}%  {counts}  {left}   ")
        }
        None => format!("{counts}   "),
    }
}

/// What one thread of a batch keeps from line to line: rendered traces, the callers its
/// reader has parsed, and what its evaluator found of each statement's Action and Resource.
struct LineState<'s> {
    cache: output::RenderCache,
    reader: crate::request::CaseReader,
    evaluator: crate::eval::Evaluator<'s>,
    /// The context keys of the calls its lines make.
    calls: crate::request::CallKeys,
    /// The batch's call, its caller in an allocation of this thread's (lines that name no
    /// caller share it, and its reference count is written on every line: the threads do not
    /// write one count from two cores).
    call: CallInputs,
}

impl<'s> LineState<'s> {
    fn new(policies: &'s PolicySet, call: &CallInputs, world: bool) -> LineState<'s> {
        LineState {
            cache: output::RenderCache::default(),
            reader: crate::request::CaseReader::new(world),
            evaluator: crate::eval::Evaluator::new(policies),
            calls: crate::request::CallKeys::default(),
            call: CallInputs {
                principal: std::sync::Arc::new(Principal::clone(&call.principal)),
                ..call.clone()
            },
        }
    }
}

fn write_result(
    out: &mut dyn Write,
    r: &crate::swf::SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    format: Format,
    full: bool,
) {
    let _ = match format {
        Format::Json => writeln!(out, "{}", output::sim_json_line(r, sources, full)),
        Format::Text => writeln!(out, "{}", output::sim_text(r, sources, policies)),
    };
}

fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|e| {
                    Failure(vec![format!("error: cannot read `{}`: {e}", dir.display())])
                })?;
                let mut found: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                found.sort();
                for f in found {
                    if f.is_dir() {
                        stack.push(f);
                    } else if f.extension().is_some_and(|x| x == "json") {
                        out.push(f);
                    }
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn parse_suppressions(a: &LintArgs) -> Result<Vec<crate::lint::Suppression>, Failure> {
    let mut out = Vec::new();
    for s in &a.suppress {
        let mut parts = s.splitn(3, ':');
        let (code, files, reason) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        if crate::lint::rule(code).is_none() || files.is_empty() || reason.trim().is_empty() {
            return Err(Failure(vec![format!(
                "error: --suppress `{s}` must be CODE:GLOB:REASON with a known code and a reason"
            )]));
        }
        out.push(crate::lint::Suppression {
            code: code.to_string(),
            files: files.to_string(),
            reason: reason.to_string(),
        });
    }
    if let Some(p) = &a.suppressions {
        let text = read_file(p)?;
        // A byte order mark is skipped, as every JSON reader of swfsim skips it.
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let list: Vec<crate::lint::Suppression> = serde_json::from_str(body).map_err(|e| {
            Failure(vec![format!(
                "{}:{}:{}: error: {e}",
                p.display(),
                e.line(),
                e.column()
            )])
        })?;
        for s in &list {
            if crate::lint::rule(&s.code).is_none() || s.reason.trim().is_empty() {
                return Err(Failure(vec![format!(
                    "error: `{}`: suppression of `{}` needs a known code and a reason",
                    p.display(),
                    s.code
                )]));
            }
        }
        out.extend(list);
    }
    Ok(out)
}

fn lint_cmd(a: LintArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    for c in &a.select {
        if crate::lint::rule(c).is_none() {
            return Err(Failure(vec![format!(
                "error: --select: no rule `{c}`; `swfsim rules` lists them"
            )]));
        }
    }
    let suppressions = parse_suppressions(&a)?;
    let files = collect_files(&a.files)?;
    let mut sources = SourceMap::new();
    let mut reports: Vec<(SourceId, Vec<crate::lint::Reported>)> = Vec::new();
    let select: Vec<&str> = a.select.iter().map(String::as_str).collect();
    for f in &files {
        let (text, bad_utf8) = read_lint_file(f)?;
        let name = f.display().to_string();
        let id = sources.add(name.clone(), text.clone());
        let findings = match bad_utf8 {
            Some(at) => {
                let meta = crate::lint::rule("SWF001").map(|r| r.meta);
                meta.map(|m| {
                    // Offsets index the lossy text; its prefix up to `at` is the file's own bytes.
                    vec![crate::lint::finding(
                        m,
                        format!("invalid JSON: the text is not UTF-8 (byte {at})"),
                        Span::new(at, at),
                        String::new(),
                        Some("policies are UTF-8 JSON".into()),
                    )]
                })
                .unwrap_or_default()
            }
            None => crate::lint::lint(&text, id, a.kind.kind(), &select),
        };
        reports.push((
            id,
            crate::lint::apply_suppressions(&name, findings, &suppressions),
        ));
    }
    let rows: Vec<output::LintRow<'_>> = reports
        .iter()
        .flat_map(|(id, rs)| {
            rs.iter().map(move |r| output::LintRow {
                source: *id,
                reported: r,
            })
        })
        .collect();
    let _ = match a.format {
        LintFormat::Text => write!(out, "{}", output::lint_text(&rows, &sources)),
        LintFormat::Json => writeln!(out, "{}", output::lint_json(&rows, &sources)),
        LintFormat::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&output::lint_sarif(&rows, &sources)).unwrap_or_default()
        ),
    };
    let threshold = match a.fail_on {
        FailOn::Error => Some(crate::lint::Severity::Error),
        FailOn::SecurityWarning => Some(crate::lint::Severity::SecurityWarning),
        FailOn::Warning => Some(crate::lint::Severity::Warning),
        FailOn::Suggestion => Some(crate::lint::Severity::Suggestion),
        FailOn::None => None,
    };
    let failing = threshold.is_some_and(|t| {
        rows.iter()
            .any(|r| r.reported.suppressed.is_none() && r.reported.finding.severity >= t)
    });
    Ok(if failing { Exit::No } else { Exit::Yes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A line as a batch reads it: its text, or the text before its first byte that is not
    /// UTF-8 and that byte's offset.
    type Read = Result<String, (String, usize)>;

    /// What a batch reads of `input`: each line as `BufRead::lines` reads it (`\n` or `\r\n`
    /// ends it), or the text before the first byte of it that is not UTF-8, and that byte's
    /// offset.
    fn by_lines(input: &[u8]) -> Vec<Read> {
        let mut lines = Vec::new();
        let mut rest = input;
        while !rest.is_empty() {
            let (mut raw, ended) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (rest[..i].to_vec(), i + 1),
                None => (rest.to_vec(), rest.len()),
            };
            if rest.get(ended - 1) == Some(&b'\n') && raw.last() == Some(&b'\r') {
                raw.pop();
            }
            rest = &rest[ended..];
            lines.push(String::from_utf8(raw).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                (String::from_utf8(e.as_bytes()[..at].to_vec()).unwrap(), at)
            }));
        }
        lines
    }

    /// What blocks of `max` lines read, through a reader buffer of `capacity` bytes.
    fn by_blocks(input: &[u8], max: usize, capacity: usize) -> Vec<Read> {
        let mut reader = std::io::BufReader::with_capacity(capacity, input);
        let (mut block, mut next, mut lines) = (LineBlock::with_capacity(max, 16), 1, Vec::new());
        let mut bytes = 0;
        loop {
            block.fill(&mut reader, &mut next, max).unwrap();
            bytes += block.bytes();
            for (n, line) in block.iter() {
                assert_eq!(n, lines.len() + 1);
                lines.push(match line {
                    Line::Text(l) => Ok(l.to_string()),
                    Line::NotUtf8 { before, at } => Err((before.to_string(), at)),
                });
            }
            if block.is_empty() {
                assert_eq!(bytes, input.len(), "every byte counted");
                return lines;
            }
        }
    }

    /// Bytes that make lines: text, `\r`, `\n`, a multi-byte character, and broken UTF-8.
    fn input() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            6 => "[a-z{}\":]{0,12}".prop_map(String::into_bytes),
            3 => Just(b"\n".to_vec()),
            1 => Just(b"\r\n".to_vec()),
            1 => Just(b"\r".to_vec()),
            1 => Just("é€".as_bytes().to_vec()),
            1 => Just(vec![0xff]),
            1 => Just(vec![0xe2, 0x82]),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn blocks_read_the_lines_as_lines_does_and_keep_each_broken_line(
            input in input(),
            max in 1usize..6,
            capacity in 1usize..24,
        ) {
            prop_assert_eq!(by_blocks(&input, max, capacity), by_lines(&input));
        }
    }

    #[test]
    fn blocks_read_long_lines_crlf_and_an_unended_last_line_as_lines_does() {
        let long = "x".repeat(100_000);
        for input in [
            String::new(),
            "\n".into(),
            "a\r\nb\n\nc".into(),
            format!("{long}\r\n{long}\n{long}"),
            "a\r\r\n\r".into(),
        ] {
            for max in [1, 2, 128] {
                assert_eq!(
                    by_blocks(input.as_bytes(), max, 7),
                    by_lines(input.as_bytes())
                );
            }
        }
        let mut broken = b"ok\n".to_vec();
        broken.extend_from_slice(&[0xc3, b'\n', b'z']);
        assert_eq!(
            by_blocks(&broken, 128, 64),
            [
                Ok("ok".to_string()),
                Err((String::new(), 0)),
                Ok("z".into())
            ]
        );
    }

    /// The progress line of a file shows a bar, the share read and the time left at the rate so
    /// far, never past the end (a file that grew while read); a pipe's shows the count and the
    /// rate.
    #[test]
    fn progress_shows_a_bar_for_a_file_and_a_count_for_a_pipe() {
        let ten = std::time::Duration::from_secs(10);
        assert_eq!(
            progress_line(500, 250, Some(1000), ten),
            "[######------------------]  25%  500 requests  50/s  30s left   "
        );
        assert_eq!(
            progress_line(900, 1200, Some(1000), ten),
            "[########################] 100%  900 requests  90/s  0s left   "
        );
        assert_eq!(
            progress_line(0, 0, Some(1000), ten),
            "[------------------------]   0%  0 requests  0/s  ?s left   "
        );
        for size in [None, Some(0)] {
            assert_eq!(progress_line(500, 250, size, ten), "500 requests  50/s   ");
        }
    }

    /// A writer that fails every write with `kind`, counting the writes it was asked for.
    struct Failing(std::io::ErrorKind, usize);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            self.1 += 1;
            Err(std::io::Error::new(self.0, "the output is gone"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The environment of the tests' runs: a fixed clock and seed, two cores.
    const TWO_CORES: Env = Env {
        now: 1_795_608_000,
        entropy: 7,
        progress: false,
        cores: 2,
    };

    /// `args` run with an output that fails with `kind`: the exit code, stderr, and the writes
    /// the output was asked for.
    fn run_failing(args: &[&str], kind: std::io::ErrorKind) -> (Exit, String, usize) {
        let cli = Cli::try_parse_from([&["swfsim"], args].concat()).unwrap();
        let (mut out, mut err) = (Failing(kind, 0), Vec::new());
        let code = run(cli, TWO_CORES, &mut out, &mut err);
        (code, String::from_utf8(err).unwrap(), out.1)
    }

    /// A scratch folder holding `batch.jsonl`: `n` copies of one request, then `tail`.
    fn batch_of(name: &str, n: usize, tail: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("swfsim-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("batch.jsonl");
        let line =
            r#"{"domain":"orders","workflowId":"w","workflowType":{"name":"P","version":"1"}}"#;
        std::fs::write(&file, format!("{line}\n").repeat(n) + tail).unwrap();
        (dir, file)
    }

    /// `--jobs 100000` (which took 24 GB and was killed) runs on four threads per core, says so
    /// on stderr, and answers as one thread does; the default and a count within the cap say
    /// nothing.
    #[test]
    fn jobs_beyond_four_per_core_are_lowered_with_a_note() {
        let (dir, file) = batch_of("jobs-cap", 2000, "");
        let run_jobs = |jobs: Option<&str>| {
            let mut args = vec!["swfsim", "simulate", "--requests", file.to_str().unwrap()];
            args.extend([
                "--policy",
                "policies/e3-workflow-starter.json",
                "--format",
                "json",
            ]);
            args.extend(jobs.map(|j| ["--jobs", j]).into_iter().flatten());
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = run(
                Cli::try_parse_from(args).unwrap(),
                TWO_CORES,
                &mut out,
                &mut err,
            );
            (
                code,
                String::from_utf8(out).unwrap(),
                String::from_utf8(err).unwrap(),
            )
        };
        let (code, out, err) = run_jobs(Some("100000"));
        assert_eq!(
            err,
            "note: --jobs 100000 lowered to 8 (4 per core, 2 cores)\n"
        );
        assert_eq!((code, out.lines().count()), (Exit::Yes, 2000));
        assert_eq!((code, out, String::new()), run_jobs(Some("1")));
        for jobs in [None, Some("8")] {
            assert_eq!(run_jobs(jobs).2, "", "{jobs:?}");
        }
        assert_eq!(capped_jobs(Some(0), 0), (1, false));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// An answer that could not be written is no answer: exit 2 and the error, not the exit
    /// code of the answers no one received; a batch stops at the failure, reporting no line
    /// after it (its line 3,001 is broken), on one thread or several.
    #[test]
    fn output_that_cannot_be_written_is_exit_2_and_stops_the_batch() {
        let (dir, file) = batch_of("unwritable", 3000, "not json\n");
        let file = file.to_str().unwrap();
        let policy = ["--policy", "policies/e3-workflow-starter.json"];
        for jobs in ["1", "2", "3"] {
            for form in [["--format", "json"], ["--format", "text"]] {
                let args = [
                    &["simulate", "--requests", file][..],
                    &policy,
                    &form,
                    &["--jobs", jobs],
                ]
                .concat();
                let (code, err, writes) = run_failing(&args, std::io::ErrorKind::StorageFull);
                let case = format!("--jobs {jobs} {form:?}");
                assert_eq!(code, Exit::Unanswerable, "{case}");
                assert_eq!(
                    err, "error: cannot write the output: the output is gone\n",
                    "{case}"
                );
                assert_eq!(writes, 1, "{case}: nothing is written after the failure");
            }
        }
        // A reader that went away (`| head`) did not read the whole answer: exit 2, and why.
        let args = [
            &["simulate", "--requests", file][..],
            &policy,
            &["--jobs", "2"],
        ]
        .concat();
        let (code, err, _) = run_failing(&args, std::io::ErrorKind::BrokenPipe);
        assert_eq!(
            (code, err.as_str()),
            (
                Exit::Unanswerable,
                "error: the output was closed before the whole answer was written\n"
            )
        );
        // With a world, nothing is written after the failure either: not the world.
        let after = dir.join("after.json");
        let after_arg = after.to_str().unwrap();
        for requests in [
            &["--requests", file][..],
            &["--request", "policies/requests/order.json"],
        ] {
            let world = ["--world", "policies/world.json", "--world-out", after_arg];
            let args = [&["simulate"][..], requests, &policy, &world].concat();
            let (code, err, _) = run_failing(&args, std::io::ErrorKind::StorageFull);
            assert_eq!(code, Exit::Unanswerable, "{requests:?}");
            assert_eq!(err, "error: cannot write the output: the output is gone\n");
            assert!(
                !after.exists(),
                "{requests:?}: no world after answers not written"
            );
        }
        // Every command: one answer, the rules' list (a line at a time), a lint report.
        let request = "policies/requests/order.json";
        for args in [
            &["simulate", "--request", request, "--policy", policy[1]][..],
            &["rules"],
            &["lint", policy[1]],
        ] {
            let (code, err, writes) = run_failing(args, std::io::ErrorKind::StorageFull);
            assert_eq!(code, Exit::Unanswerable, "{args:?}");
            assert!(
                err.starts_with("error: cannot write the output"),
                "{args:?}: {err}"
            );
            assert_eq!(writes, 1, "{args:?}: nothing is written after the failure");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
