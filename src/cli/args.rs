//! The command line's arguments, as clap reads them, with each command's help and examples.

use super::exit::Exit;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use swfsim::policy::PolicyKind;
use swfsim::request::DEFAULT_PRINCIPAL;
use swfsim::swf::Outcome;

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

  # A policy from standard input: any one input file may be `-`
  git show main:iam/user.json | swfsim simulate --request req.json --policy -

Exit codes: 0 allowed (and started), 1 denied or an SWF fault, 2 the question could not be answered.";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "swfsim", version = env!("SWFSIM_LONG_VERSION"), about = ABOUT, propagate_version = true, after_help = TOP_EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour text answers and messages: on a terminal unless `NO_COLOR` is set
    /// (`auto`), `always`, `never`.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Print answers and errors only: no warnings, notes, summary lines or progress.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    /// Always, terminal or not.
    Always,
    /// Never.
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide a StartWorkflowExecution call: IAM, then SWF's own checks.
    #[command(after_help = SIMULATE_EXAMPLES)]
    Simulate(Box<SimulateArgs>),
    /// Find what is wrong or dangerous in policies, with stable codes and exact places.
    #[command(after_help = LINT_EXAMPLES)]
    Lint(Box<LintArgs>),
    /// List the lint rules.
    Rules(RulesArgs),
    /// List every kind of start one policy set allows and another does not, each with a witness.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(Box<DiffArgs>),
    /// Prove that no start matching a SPEC is allowed (or that every one is), or show one.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(Box<CheckArgs>),
    /// Which users and roles of an account export may make a call, and why the others may not.
    #[command(name = "whocan", after_help = WHOCAN_EXAMPLES)]
    WhoCan(Box<WhoCanArgs>),
    /// Explain a lint rule.
    Explain {
        /// The rule's code (`SWF304`) or name (`first-tag-only`).
        code: String,
    },
    /// Print the completion script for a shell.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = MAN_EXAMPLES)]
    Man {
        /// Write `swfsim.1` and `swfsim-COMMAND.1` here instead of printing `swfsim.1`.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

const WHOCAN_EXAMPLES: &str = "\
Examples:
  # Who in the account may start this workflow?
  swfsim whocan --account-details policies/account/account-details.json \\
      --request policies/requests/order.json

  # Within the organization's SCP and RCP levels, as JSON
  swfsim whocan --account-details account.json --org org.json --request req.json --format json

  # Who can start anything at all in a prod-* domain (each with a witness)?
  swfsim whocan --account-details account.json --spec '{\"domain\": \"prod-*\"}'

Each user is asked as its ARN, each role as the role itself (a session's name is not known).
Exit codes: 0 every principal answered, 2 one could not be (its error is listed) or its answer
is unknown.";

/// `swfsim whocan`.
#[derive(Debug, Args)]
pub struct WhoCanArgs {
    /// The account's authorization details (`aws iam get-account-authorization-details`).
    #[arg(long = "account-details", value_name = "FILE")]
    pub account_details: PathBuf,
    /// The StartWorkflowExecution input.
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "spec",
        conflicts_with = "spec"
    )]
    pub request: Option<PathBuf>,
    /// Instead of one request, every request a SPEC describes (as for `check`, inline JSON or a
    /// file): who can start at least one of them, with a witness.
    #[arg(long, value_name = "SPEC")]
    pub spec: Option<String>,
    /// With --spec: answer "unknown" for a principal rather than search longer than this.
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
    /// The organization's SCP and RCP levels (see docs/org-file.md).
    #[arg(long, value_name = "FILE")]
    pub org: Option<PathBuf>,
    /// The region the call is sent to [default: us-east-1].
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  swfsim completions bash > ~/.local/share/bash-completion/completions/swfsim
  swfsim completions zsh > ~/.zfunc/_swfsim        # with fpath+=(~/.zfunc) in .zshrc
  swfsim completions fish > ~/.config/fish/completions/swfsim.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  swfsim man | man -l -
  swfsim man --dir /usr/local/share/man/man1";

const LINT_EXAMPLES: &str = "\
Examples:
  swfsim lint iam/                               # every .json file below the folder
  swfsim lint p.json --format sarif > swfsim.sarif
  swfsim lint iam/ --format github                # CI: annotations on the pull request
  swfsim lint scp.json --kind scp --fail-on warning
  swfsim lint p.json --suppress 'SWF303:policies/admin-*.json:break-glass role, reviewed 2026-11'
  git show HEAD:iam/a.json | swfsim lint - --stdin-filename iam/a.json
  swfsim explain SWF304

A path that cannot be read is an SWF001 finding at its line 1, column 1; the other files are
still linted. A folder with no .json file below it is a warning. Searching a folder passes over
hidden folders, node_modules, target and --exclude's globs.

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 a path could not be read.";

/// Lint output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// For a person: the source line and a caret.
    Text,
    /// `{"findings": [...]}`.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands), the worst first.
    Github,
    /// JUnit XML: a test case per file and rule.
    Junit,
    /// A Markdown summary for a pull request or `$GITHUB_STEP_SUMMARY`.
    Markdown,
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
    /// The policy type.
    pub fn kind(self) -> PolicyKind {
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
    /// Policy files, or folders to search for `.json` files; `-` reads standard input.
    #[arg(required_unless_present_any = ["show_settings", "account_details", "org"], value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Lint every policy of an account export (`aws iam get-account-authorization-details`),
    /// each finding at its place in the export (repeatable).
    #[arg(long = "account-details", value_name = "FILE")]
    pub account_details: Vec<PathBuf>,
    /// Lint every SCP and RCP of an org file (docs/org-file.md) (repeatable).
    #[arg(long, value_name = "FILE")]
    pub org: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Exit 1 when a finding has this severity or a higher one [default: security-warning].
    #[arg(long = "fail-on", value_enum)]
    pub fail_on: Option<FailOn>,
    /// The policy type of the files [default: identity].
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Run only these rules, each named by its code or its name (repeatable; replaces the
    /// configuration's `select`).
    #[arg(long, value_name = "RULE")]
    pub select: Vec<String>,
    /// Turn a rule (code or name) off for files matching a glob, with a reason:
    /// `RULE:GLOB:REASON` (repeatable). One that covers no finding is reported.
    #[arg(long, value_name = "RULE:GLOB:REASON")]
    pub suppress: Vec<String>,
    /// A JSON file of suppressions: `[{"code": ..., "files": ..., "reason": ...}]` (one with an
    /// `expires` day is a `[[suppressions]]` entry of swfsim.toml).
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,
    /// Pass over files and folders matching a glob when searching a folder (repeatable; adds to
    /// the configuration's `exclude`): a name (`legacy`) at any depth, or a path from the
    /// working directory (`iam/legacy/*`). Hidden folders, `node_modules` and `target` are
    /// always passed over; a path given is always linted.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The path the text of standard input (`-`) stands for: its findings' positions name it,
    /// suppressions match it, SARIF points at it [default: `<stdin>`].
    #[arg(long = "stdin-filename", value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// The configuration.
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Where `lint` finds its configuration, and showing it.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this configuration file (`swfsim.toml`, or a `pyproject.toml` with `[tool.swfsim]`)
    /// instead of finding one upward from the working directory.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, alias = "no-config")]
    pub isolated: bool,
    /// Print the configuration file found and the settings in effect, and lint nothing.
    #[arg(long = "show-settings")]
    pub show_settings: bool,
    /// The day suppressions' `expires` dates are compared with (`YYYY-MM-DD`) [default: today,
    /// UTC].
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,
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

/// Output formats of `simulate` and `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For a person.
    Text,
    /// For tools (see the README's wire format).
    Json,
    /// GitHub Actions annotations (workflow commands), the worst first.
    Github,
    /// JUnit XML: a test case per request (`simulate`) or per property (`check`).
    Junit,
    /// A Markdown summary for a pull request or `$GITHUB_STEP_SUMMARY`.
    Markdown,
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
    pub fn full_for(self, outcome: Outcome) -> bool {
        match self {
            Explain::Full => true,
            Explain::Brief => false,
            Explain::Auto => Exit::of(outcome) != Exit::Yes,
        }
    }
}

/// `swfsim simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The StartWorkflowExecution input, as the SWF API takes it; `-` reads standard input.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "requests",
        required_unless_present = "requests"
    )]
    pub request: Option<PathBuf>,
    /// JSON Lines: one request (or {"request", "principal", "region", "context", "credentials",
    /// "rolePath", "id"}) per line;
    /// `-` reads standard input. Text gives a line a request (`LINE: VERDICT reason`) and a
    /// summary; JSON a line a request, with its `line` and `id`.
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
    #[arg(long = "no-organization", conflicts_with_all = ["scp", "rcp", "org"])]
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
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// How much of the explanation JSON output carries: `full` (every statement that applied or
    /// nearly applied, with each condition), `brief` (the deciding statements, the reason, the
    /// missing keys and the fault) or `auto` (full for a call that is not allowed or not
    /// started, brief for the others) [default: full with --request, auto with --requests].
    #[arg(long, value_enum)]
    pub explain: Option<Explain>,
    /// With `--requests` and text output, explain every answer in full, the allowed ones too
    /// [default: only the answers that were not allowed or not started].
    #[arg(long)]
    pub verbose: bool,
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
    /// The account's authorization details (`aws iam get-account-authorization-details`): the
    /// policies, groups, boundary and tags of the user or role `--principal` names.
    #[arg(long = "account-details", value_name = "FILE")]
    pub account_details: Option<PathBuf>,
    /// The organization's SCP and RCP levels for the caller's account (see docs/org-file.md).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scp", "rcp"])]
    pub org: Option<PathBuf>,
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
    #[arg(long, value_name = "FILE", num_args = 1.., required_unless_present_any = ["old_account_details", "old_org"])]
    pub old: Vec<PathBuf>,
    /// The policies after the change, of type --kind (as for --old).
    #[arg(long, value_name = "FILE", num_args = 1.., required_unless_present_any = ["new_account_details", "new_org"])]
    pub new: Vec<PathBuf>,
    /// The account export before the change (the caller `--principal` names).
    #[arg(
        long = "old-account-details",
        value_name = "FILE",
        conflicts_with = "account_details"
    )]
    pub old_account_details: Option<PathBuf>,
    /// The account export after the change.
    #[arg(
        long = "new-account-details",
        value_name = "FILE",
        conflicts_with = "account_details"
    )]
    pub new_account_details: Option<PathBuf>,
    /// The org file before the change.
    #[arg(long = "old-org", value_name = "FILE", conflicts_with_all = ["org", "scp", "rcp"])]
    pub old_org: Option<PathBuf>,
    /// The org file after the change.
    #[arg(long = "new-org", value_name = "FILE", conflicts_with_all = ["org", "scp", "rcp"])]
    pub new_org: Option<PathBuf>,
    /// The policy type of the --old and --new files.
    #[arg(long, value_enum, default_value_t = KindArg::Identity)]
    pub kind: KindArg,
    /// Policies both sets share.
    #[command(flatten)]
    pub shared: PolicyFiles,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Scope and bounds.
    #[command(flatten)]
    pub flags: AnalysisFlags,
}
