//! What policies can ever allow: exact comparison (`diff`) and property checks (`check`), each
//! answer with a witness request that the evaluator confirms.
//!
//! The space of StartWorkflowExecution requests has finitely many dimensions: the domain (its
//! region, account and name, which make the resource ARN), each condition key the policies read
//! (`swf:workflowType.name`, `.version`, `swf:taskList.name`, each `swf:tagList.member.N`, each
//! global key, the clock). Within one dimension, the policies' patterns, literals and constants
//! cut the values into finitely many classes that every condition treats alike: string classes
//! come from a product of pattern automata ([`automata`]), numbers, dates and addresses from
//! their breakpoints, presence from the key being absent. A class is kept only once per distinct
//! vector of condition results, with one example value.
//!
//! A depth-first search assigns one class per dimension, evaluating every statement in
//! three-valued logic (a condition on an unassigned dimension is unknown) with the layers and the
//! combination of [`crate::eval`]; as soon as the answer of every policy set is known on the
//! partial assignment, the whole region is decided: it is reported (with the constraints that
//! define it) or dropped. Each reported region's witness, a complete request, is run through
//! [`crate::swf::simulate`]; a disagreement stops the analysis as "unknown".
//!
//! Callers: without `principals`, the caller is an IAM user of the domain's account (any
//! account); a policy that reads the caller's name, ARN or type (conditions or `${...}`
//! variables) then needs the callers named. Regions range over SWF's regions of the partition.

pub mod automata;
pub mod spec;

pub use spec::Spec;

use crate::condition::{BaseOp, CompiledCondition, Family, Lookup, Truth, Value};
use crate::eval::{self, Decision, PolicySet};
use crate::keys::{Availability, KeyType};
use crate::pattern::{Template, Tok};
use crate::policy::ResourceItem;
use crate::request::{format_time, CallInputs, Principal, StartRequest, UserKey, WorkflowTypeRef};
use automata::{reachable, Atom, Halt, Product, State};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The regions where SWF is offered, by partition (AWS's service endpoints page).
pub fn swf_regions(partition: &str) -> &'static [&'static str] {
    match partition {
        "aws-cn" => &["cn-north-1", "cn-northwest-1"],
        "aws-us-gov" => &["us-gov-east-1", "us-gov-west-1"],
        // us-east-1 first: witnesses name the first region of their class.
        _ => &[
            "us-east-1",
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ca-central-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "sa-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    }
}

/// The search stops after this many regions before merging them.
pub const SEARCH_REGIONS: usize = 20_000;

/// What the search looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Requests the second set allows and the first does not.
    Gained,
    /// Requests the first set allows and the second does not.
    Lost,
    /// Requests the one policy set allows.
    Allowed,
    /// Requests the one policy set does not allow.
    Denied,
}

/// The requests an analysis covers, and its bounds.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The callers; empty: an IAM user of the domain's account, any account.
    pub principals: Vec<Principal>,
    /// Regions; `None`: SWF's regions of the partition.
    pub regions: Option<Vec<String>>,
    /// Restrictions on the requests.
    pub spec: Spec,
    /// Stop after this many regions.
    pub max_regions: usize,
    /// The search stops after this many regions, before merging them
    /// ([`SEARCH_REGIONS`] by default).
    pub search_regions: usize,
    /// Give up after this many search nodes.
    pub max_nodes: usize,
    /// Give up when one dimension's automaton product exceeds this many states (or its
    /// literals this many values).
    pub max_states: usize,
    /// Give up when the clock passes this (set-up and search alike); `None`: no limit.
    pub deadline: Option<Deadline>,
}

/// A wall-clock limit: the instant, and the budget it was set from (for the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// When to give up.
    pub at: Instant,
    /// The budget, as the user gave it.
    pub budget: Duration,
}

impl Deadline {
    /// A budget starting now; `None` when it is too far to represent.
    pub fn after(budget: Duration) -> Option<Deadline> {
        Instant::now()
            .checked_add(budget)
            .map(|at| Deadline { at, budget })
    }
}

/// The deadline as the analysis's loops check it: the clock is read once every few checks.
struct Budget {
    deadline: Option<Deadline>,
    ticks: std::cell::Cell<u32>,
    passed: std::cell::Cell<bool>,
}

impl Budget {
    fn new(deadline: Option<Deadline>) -> Budget {
        Budget {
            deadline,
            ticks: std::cell::Cell::new(0),
            passed: std::cell::Cell::new(false),
        }
    }

    /// Whether the deadline has passed.
    fn passed(&self) -> bool {
        let Some(d) = self.deadline else {
            return false;
        };
        if self.passed.get() {
            return true;
        }
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(64) && Instant::now() >= d.at {
            self.passed.set(true);
        }
        self.passed.get()
    }

    /// An error naming what was under way when the deadline passed.
    fn check(&self, what: &dyn Fn() -> String) -> Result<(), Unknown> {
        if self.passed() {
            return Err(self.out_of_time(&what()));
        }
        Ok(())
    }

    fn out_of_time(&self, what: &str) -> Unknown {
        let budget = self.deadline.map_or(Duration::ZERO, |d| d.budget);
        Unknown {
            reason: format!(
                "the analysis ran out of its time budget ({}) while {what}",
                show_duration(budget)
            ),
            help: Some(
                "raise --timeout, or narrow the question: name the callers (--principal) and regions (--region), or compare fewer statements"
                    .into(),
            ),
        }
    }
}

/// `5s`, `250ms`.
fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

impl Default for Scope {
    fn default() -> Scope {
        Scope {
            principals: Vec::new(),
            regions: None,
            spec: Spec::default(),
            max_regions: 50,
            search_regions: SEARCH_REGIONS,
            max_nodes: 5_000_000,
            max_states: 200_000,
            deadline: None,
        }
    }
}

/// Why the analysis cannot answer exactly.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Unknown {
    /// One line.
    pub reason: String,
    /// What to do about it.
    pub help: Option<String>,
}

fn unknown(reason: impl Into<String>) -> Unknown {
    Unknown {
        reason: reason.into(),
        help: None,
    }
}

/// One dimension's constraint in a region.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraint {
    /// `domain`, a condition key, or `clock` (`aws:CurrentTime` and `aws:EpochTime`).
    pub dimension: String,
    /// The key may be absent.
    pub absent: bool,
    /// The key may be present (with a value passing `holds`, `fails`, `anyOf`).
    pub present: bool,
    /// Patterns or tests every value of the region passes.
    pub holds: Vec<String>,
    /// Patterns or tests every value of the region fails.
    pub fails: Vec<String>,
    /// Patterns of which every value of the region matches at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    /// For the domain: the regions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// One example value per class of values the region spans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// A complete request: what `swfsim simulate --requests` takes, one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// The request.
    pub request: StartRequest,
    /// The caller.
    pub principal: Principal,
    /// The region.
    pub region: String,
    /// Context keys.
    pub context: Vec<(String, String)>,
    /// The clock, epoch seconds (also in the context when a policy reads it).
    pub now: i64,
    /// How the call is signed, when the region needs a caller who may sign either way to use
    /// temporary credentials.
    pub credentials: Option<crate::request::Credentials>,
}

impl Witness {
    /// The batch line of CONTRACT.md.
    pub fn to_json(&self) -> serde_json::Value {
        let r = &self.request;
        let mut req = serde_json::Map::new();
        req.insert("domain".into(), r.domain.clone().into());
        req.insert("workflowId".into(), r.workflow_id.clone().into());
        if let Some(t) = &r.workflow_type {
            req.insert(
                "workflowType".into(),
                serde_json::json!({"name": t.name, "version": t.version}),
            );
        }
        if let Some(Some(tl)) = &r.task_list {
            req.insert("taskList".into(), serde_json::json!({ "name": tl }));
        }
        if let Some(tags) = &r.tag_list {
            req.insert("tagList".into(), serde_json::json!(tags));
        }
        let context: serde_json::Map<String, serde_json::Value> = self
            .context
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let mut line = serde_json::json!({
            "request": req,
            "principal": self.principal.arn,
            "region": self.region,
            "context": context,
        });
        if self.credentials == Some(crate::request::Credentials::Temporary) {
            line["credentials"] = "temporary".into();
        }
        line
    }
}

/// A set of requests on which every policy set's answer is the same, with a witness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The constraints that define it (dimensions not listed are free).
    pub constraints: Vec<Constraint>,
    /// The callers it holds for.
    pub callers: Vec<String>,
    /// Each policy set's decision on the witness (the whole region is allowed or not alike).
    pub decisions: Vec<Decision>,
    /// The witness.
    pub witness: Witness,
}

/// The answer of an analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The regions found, disjoint, in search order.
    pub regions: Vec<Region>,
    /// The search stopped at `max_regions`: there may be more.
    pub truncated: bool,
    /// The search stopped at its own limit of regions before merging them
    /// ([`Scope::search_regions`]): the list is incomplete and its regions need not be the
    /// fewest.
    pub search_truncated: bool,
    /// The dimensions the policies depend on.
    pub dimensions: Vec<String>,
    /// Classes across all dimensions (for the last caller analysed).
    pub classes: usize,
    /// Search nodes visited.
    pub nodes: usize,
    /// The callers covered (empty: any IAM user of the domain's account).
    pub principals: Vec<String>,
}

/// What the analysis knows of a request: a context (the evaluator's own lookup type), each key
/// set to one value.
type Facts = crate::request::Context;

/// Sets a single-valued key of the facts.
trait Put {
    fn put(&mut self, key: &str, value: String);
}

impl Put for Facts {
    fn put(&mut self, key: &str, value: String) {
        self.set(key, vec![value], crate::request::ValueSource::Default);
    }
}

/// How a condition key relates to the request space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Set by the domain dimension (region or account).
    Domain,
    /// Determined by the caller.
    Fixed,
    /// Never present for StartWorkflowExecution.
    Absent,
    /// `aws:CurrentTime` / `aws:EpochTime`.
    Clock,
    /// A request member: type name, version (always present), task list.
    Request { required: bool },
    /// `swf:tagList.member.N`.
    Tag(usize),
    /// A free single-valued key; `always`: the simulator always supplies it.
    Free { ty: KeyType, always: bool },
}

/// Keys that depend on who calls: the analysis needs a named caller to read them.
const PRINCIPAL_KEYS: &[&str] = &["aws:principalarn", "aws:principaltype", "aws:username"];

/// The caller and the call as one pass of the analysis covers them: what the key catalogue
/// makes present, absent, or free for them. A caller who may sign either way (an IAM user, the
/// root user) is analysed with long-term and with temporary credentials when a policy reads a
/// key only the latter carry, and every call directly and through a VPC endpoint when a policy
/// reads a network key: each pass fixes which keys AWS includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mode {
    /// No caller named: any IAM user of the domain's account.
    free: bool,
    /// The caller's type (an IAM user when none is named).
    kind: crate::request::PrincipalType,
    /// Signed with temporary credentials.
    temporary: bool,
    /// Sent through a VPC endpoint.
    via_endpoint: bool,
    /// Whether the pass is one of two, direct and through an endpoint (a policy reads a network
    /// key): its witness then says which.
    network: bool,
    /// The account belongs to an organization.
    organization: bool,
}

/// Whether AWS includes a catalogued key in a call of this mode: always, never, or it may.
fn presence(a: Availability, m: &Mode) -> Option<bool> {
    use crate::request::PrincipalType as P;
    let (always, maybe, never) = (Some(true), Some(false), None);
    match a {
        Availability::Always => always,
        Availability::IamUser => {
            if m.kind == P::User {
                always
            } else {
                never
            }
        }
        Availability::TemporaryCredentials if m.temporary => always,
        Availability::MultiFactor if m.temporary => maybe,
        Availability::TemporaryCredentials | Availability::MultiFactor => never,
        Availability::Organization if m.organization => always,
        Availability::Organization => never,
        Availability::NotViaVpcEndpoint if m.via_endpoint => never,
        Availability::NotViaVpcEndpoint => always,
        Availability::ViaVpcEndpoint if m.via_endpoint => always,
        Availability::ViaVpcEndpoint => never,
        Availability::RoleSession if m.kind == P::AssumedRole => maybe,
        Availability::AssumeRoot if m.kind == P::Account && m.temporary => maybe,
        Availability::RoleSession | Availability::AssumeRoot => never,
        Availability::PrincipalTags
        | Availability::ResourceTags
        | Availability::ForwardAccess
        | Availability::CallerSends => maybe,
        Availability::ServicePrincipal | Availability::NeverForSwf => never,
    }
}

/// The type of a global key the simulator does not list (AWS adds global keys over time): the
/// one type of the operators that read it, strings when only `Null` does.
fn inferred_type(key_lower: &str, sets: &[&PolicySet]) -> Result<KeyType, Unknown> {
    let mut ty: Option<KeyType> = None;
    for set in sets {
        for (_, c) in statements(set) {
            for cc in c.conditions.iter().filter(|cc| cc.key_lower == key_lower) {
                let t = match cc.operator.node.base.family() {
                    Family::Null => continue,
                    Family::String => KeyType::String,
                    Family::Numeric => KeyType::Numeric,
                    Family::Date => KeyType::Date,
                    Family::Bool => KeyType::Bool,
                    Family::Ip => KeyType::Ip,
                    Family::Arn => KeyType::Arn,
                    Family::Binary => {
                        return Err(unknown(format!(
                            "the analysis does not cover `BinaryEquals` on `{}`",
                            cc.key.node
                        )))
                    }
                };
                if ty.is_some_and(|x| x != t) {
                    return Err(unknown(format!(
                        "the policies compare `{}` as two different types",
                        cc.key.node
                    )));
                }
                ty = Some(t);
            }
        }
    }
    Ok(ty.unwrap_or(KeyType::String))
}

fn role(key_lower: &str, mode: &Mode, sets: &[&PolicySet]) -> Result<Role, Unknown> {
    let free_caller = mode.free;
    Ok(match key_lower {
        "swf:workflowtype.name" | "swf:workflowtype.version" => Role::Request { required: true },
        "swf:tasklist.name" => Role::Request { required: false },
        "aws:requestedregion" => Role::Domain,
        "aws:resourceaccount" | "aws:principalaccount" => {
            if free_caller {
                Role::Domain
            } else {
                Role::Fixed
            }
        }
        "aws:currenttime" | "aws:epochtime" => Role::Clock,
        k if PRINCIPAL_KEYS.contains(&k) => {
            if free_caller {
                return Err(Unknown {
                    reason: format!("the policies read `{k}`, which depends on who calls"),
                    help: Some(
                        "name the callers with --principal ARN (repeatable) or `principal` in the SPEC"
                            .into(),
                    ),
                });
            }
            Role::Fixed
        }
        // The ARN gives the root user's and a federated user's; anyone else's is a unique id
        // swfsim cannot know: any text.
        "aws:userid" => match mode.kind {
            crate::request::PrincipalType::Account
            | crate::request::PrincipalType::FederatedUser
                if !free_caller =>
            {
                Role::Fixed
            }
            _ => Role::Free {
                ty: KeyType::String,
                always: true,
            },
        },
        k => {
            if let Some(n) = k.strip_prefix("swf:taglist.member.") {
                match n.parse::<usize>() {
                    Ok(i) if i < 5 && n.len() == 1 => Role::Tag(i),
                    _ => Role::Absent,
                }
            } else if k.starts_with("swf:") {
                Role::Absent
            } else if let Some(g) = crate::keys::lookup(k) {
                match presence(g.availability, mode) {
                    None => Role::Absent,
                    Some(_) if g.multivalued => {
                        return Err(unknown(format!(
                            "the policies read the multivalued key `{k}`; the analysis covers single-valued keys"
                        )));
                    }
                    Some(always) => Role::Free { ty: g.ty, always },
                }
            } else if k.starts_with("aws:") {
                // A global key the simulator does not list: a caller may still send it.
                Role::Free {
                    ty: inferred_type(k, sets)?,
                    always: false,
                }
            } else {
                // Another service's key: never part of an SWF request.
                Role::Absent
            }
        }
    })
}

/// A condition of a statement that can apply to StartWorkflowExecution.
struct Cond<'a> {
    cond: &'a CompiledCondition,
    role: Role,
}

/// One dimension of the search.
#[derive(Clone, Debug)]
struct Dim {
    /// `domain`, a key as written, or `clock`.
    name: String,
    /// The lower-case keys it sets (the domain: its keys; the resource ARN is separate).
    keys: Vec<String>,
    /// The classes.
    classes: Vec<Class>,
    /// Tag position.
    tag: Option<usize>,
    /// The patterns whose verdicts describe a class of this dimension (a class's `members`).
    atoms: Vec<Atom>,
    /// The domain: per region group, which patterns the name can turn either way (the others
    /// the region and account settle, and the region list already says); empty: all.
    mixed: Vec<Vec<bool>>,
    /// The domain: each pattern's whole ARN text as a label, and whether its account is `*`.
    whole: Vec<(String, bool)>,
    /// The domain: no caller named (the account varies).
    free: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ClassValue {
    Absent,
    Text(String),
    Domain {
        regions: Vec<String>,
        account: String,
        name: String,
    },
    Clock(i64),
}

/// A class of values. Its `holds`/`fails`/`any_of` are described when a region shows it: from
/// the conditions (set when the class is made) or from its members' pattern verdicts.
#[derive(Clone, Debug)]
struct Class {
    value: ClassValue,
    holds: Vec<String>,
    fails: Vec<String>,
    any_of: Vec<String>,
    /// One text per automaton state of the class (the domain: the whole ARN), read by the
    /// dimension's `atoms` when the class is described.
    members: Vec<String>,
    /// The domain: the region groups whose names reach the class.
    groups: Vec<usize>,
}

impl Class {
    fn new(value: ClassValue) -> Class {
        Class {
            value,
            holds: Vec::new(),
            fails: Vec::new(),
            any_of: Vec::new(),
            members: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// The analysis of one caller: the dimensions and the search.
struct Space<'a> {
    sets: &'a [&'a PolicySet],
    conds: Vec<Cond<'a>>,
    dims: Vec<Dim>,
    /// Lower-case key to its dimension.
    key_dim: HashMap<String, usize>,
    /// Keys the caller determines.
    fixed: Facts,
    principal: Option<Principal>,
    partition: String,
    /// Context keys the SPEC fixes.
    spec_context: Vec<(String, String)>,
    /// Characters equal ignoring case, built on first need.
    cases: &'a std::cell::OnceCell<std::rc::Rc<automata::CaseTable>>,
    /// The caller and the call this pass covers.
    mode: Mode,
    /// The clock.
    budget: &'a Budget,
}

fn statements(
    set: &PolicySet,
) -> impl Iterator<Item = (&crate::policy::Statement, &eval::CompiledStatement)> {
    set.layers()
        .into_iter()
        .flat_map(|(_, ps)| ps.iter())
        .flat_map(|p| p.doc.statements.iter().zip(&p.statements))
        .filter(|(_, c)| c.start_action)
}

/// What the analysed sets say of the caller: an account with service or resource control
/// policies belongs to an organization.
fn caller_facts(sets: &[&PolicySet]) -> crate::request::CallerFacts {
    let org = sets
        .iter()
        .any(|s| !s.scps.is_empty() || !s.rcps.is_empty());
    crate::request::CallerFacts {
        credentials: None,
        organization: if org {
            crate::request::Organization::Member
        } else {
            crate::request::Organization::Unstated
        },
    }
}

fn principal_facts(p: &Principal) -> Facts {
    let mut f = Facts::new();
    // A session's role path is not in its ARN: what the simulator takes as `/` by default is
    // known only in part here, so that no proof rests on the default.
    match p.principal_arn_certain() {
        Ok(arn) => f.put("aws:PrincipalArn", arn.to_string()),
        Err(known) => f.set_partial(
            "aws:PrincipalArn",
            known,
            crate::request::ValueSource::Principal,
        ),
    }
    f.put("aws:PrincipalAccount", p.account.clone());
    f.put("aws:PrincipalType", p.kind.as_str().to_string());
    f.put("aws:ResourceAccount", p.account.clone());
    if let Some(u) = &p.username {
        f.put("aws:username", u.clone());
    }
    if let Some(u) = &p.userid {
        f.put("aws:userid", u.clone());
    }
    f
}

/// Variables may only read what the caller determines.
fn check_variables<'v>(
    vars: impl Iterator<Item = &'v crate::pattern::Variable>,
    mode: &Mode,
    fixed_keys: &[(String, String)],
    whereabouts: &str,
) -> Result<(), Unknown> {
    let free_caller = mode.free;
    for v in vars {
        let k = v.key_lower.as_str();
        if fixed_keys.iter().any(|(x, _)| x.eq_ignore_ascii_case(k)) {
            continue;
        }
        let caller = PRINCIPAL_KEYS.contains(&k)
            || (k == "aws:userid" && role(k, mode, &[]).is_ok_and(|r| r == Role::Fixed))
            || k == "aws:principalaccount"
            || k == "aws:resourceaccount";
        if !caller {
            return Err(Unknown {
                reason: format!(
                    "{whereabouts} holds the variable `${{{}}}`, which ties two parts of the request together; the analysis substitutes only variables the caller or a fixed key determines",
                    v.key
                ),
                help: Some(format!(
                    "fix its value: --context {}=VALUE (diff and check) or `context` in the SPEC",
                    v.key
                )),
            });
        }
        if free_caller {
            return Err(Unknown {
                reason: format!(
                    "{whereabouts} holds the variable `${{{}}}`, which depends on who calls",
                    v.key
                ),
                help: Some(
                    "name the callers with --principal ARN (repeatable) or `principal` in the SPEC"
                        .into(),
                ),
            });
        }
    }
    Ok(())
}

fn family_fits(family: Family, role: Role, key: &str) -> bool {
    if family == Family::Null {
        return true;
    }
    match role {
        Role::Fixed | Role::Absent => true,
        Role::Domain | Role::Request { .. } | Role::Tag(_) => family == Family::String,
        Role::Clock => {
            if key == "aws:currenttime" {
                family == Family::Date
            } else {
                matches!(family, Family::Numeric | Family::Date)
            }
        }
        Role::Free { ty, .. } => matches!(
            (ty, family),
            (KeyType::String, Family::String)
                | (KeyType::Numeric, Family::Numeric)
                | (KeyType::Date, Family::Date)
                | (KeyType::Bool, Family::Bool)
                | (KeyType::Ip, Family::Ip)
        ),
    }
}

/// The string atoms a condition's values give, variables substituted.
fn string_atoms(c: &CompiledCondition, fixed: &Facts) -> Vec<Atom> {
    let lookup = |k: &str| fixed.single(k);
    let base = c
        .operator
        .node
        .base
        .positive()
        .unwrap_or(c.operator.node.base);
    let mut out = Vec::new();
    for (v, raw) in c.values.iter().zip(&c.raw) {
        // Text is literal (wildcards were not parsed); a pattern keeps its wildcards.
        let t: &Template = match &v.node {
            Value::Text(t) | Value::Like(t, _) => t,
            _ => continue,
        };
        let Some(toks) = t.resolve(&lookup) else {
            continue;
        };
        let icase = base == BaseOp::StringEqualsIgnoreCase;
        let label = if icase {
            format!("`{raw}` (any case)")
        } else {
            format!("`{raw}`")
        };
        out.push(Atom { toks, icase, label });
    }
    out
}

fn spec_atoms(patterns: &Option<Vec<String>>) -> Vec<Atom> {
    patterns
        .iter()
        .flatten()
        .map(|p| {
            let mut a = Atom::wildcard(p);
            a.label = format!("SPEC {}", a.label);
            a
        })
        .collect()
}

fn spec_match(patterns: &Option<Vec<String>>, value: &str) -> bool {
    patterns.as_ref().is_none_or(|ps| {
        ps.iter()
            .any(|p| crate::pattern::reference_match(p, value, false))
    })
}

/// Names SWF accepts (domain, type name and version, task list): no `:`, `/`, `|`, no control
/// characters, not `arn`.
fn name_char(c: char) -> bool {
    !matches!(c, ':' | '/' | '|') && (c as u32) > 0x1f && !(0x7f..=0x9f).contains(&(c as u32))
}

impl<'a> Space<'a> {
    fn new(
        sets: &'a [&'a PolicySet],
        principal: Option<Principal>,
        mode: Mode,
        scope: &Scope,
        cases: &'a std::cell::OnceCell<std::rc::Rc<automata::CaseTable>>,
        budget: &'a Budget,
    ) -> Result<Space<'a>, Unknown> {
        let free = principal.is_none();
        let mut fixed = principal.as_ref().map(principal_facts).unwrap_or_default();
        // Keys the SPEC fixes resolve policy variables like the caller's keys do.
        for (k, v) in &scope.spec.context {
            fixed.put(k, v.clone());
        }
        let partition = principal
            .as_ref()
            .map_or_else(|| "aws".to_string(), |p| p.partition.clone());
        let mut conds = Vec::new();
        for set in sets {
            for (s, c) in statements(set) {
                if let Some(pr) = &s.principal {
                    if free && !pr.any {
                        return Err(Unknown {
                            reason: "a resource control policy names principals".into(),
                            help: Some("name the callers with --principal ARN (repeatable)".into()),
                        });
                    }
                }
                if let Some(r) = &s.resource {
                    for item in &r.node.items {
                        if let ResourceItem::Arn(p) = &item.node {
                            if let Some(t) = p.resource_template() {
                                check_variables(
                                    t.variables(),
                                    &mode,
                                    &scope.spec.context,
                                    &format!("the resource `{}`", p.text),
                                )?;
                            }
                        }
                    }
                }
                for cc in &c.conditions {
                    let role = role(&cc.key_lower, &mode, sets)?;
                    let family = cc.operator.node.base.family();
                    if !family_fits(family, role, &cc.key_lower) {
                        return Err(unknown(format!(
                            "`{}` compares `{}` with {} values; the analysis covers each key with the operators of its type",
                            cc.operator.node, cc.key.node, format!("{family:?}").to_lowercase()
                        )));
                    }
                    for v in &cc.values {
                        let t = match &v.node {
                            Value::Text(t) | Value::Like(t, _) => Some(t),
                            Value::Arn(p) => p.resource_template(),
                            _ => None,
                        };
                        if let Some(t) = t {
                            check_variables(
                                t.variables(),
                                &mode,
                                &scope.spec.context,
                                &format!(
                                    "the condition `{}` on `{}`",
                                    cc.operator.node, cc.key.node
                                ),
                            )?;
                        }
                    }
                    conds.push(Cond { cond: cc, role });
                }
            }
        }
        let mut space = Space {
            sets,
            conds,
            dims: Vec::new(),
            key_dim: HashMap::new(),
            fixed,
            principal,
            partition,
            spec_context: scope.spec.context.clone(),
            cases,
            mode,
            budget,
        };
        space.build_dims(scope)?;
        Ok(space)
    }

    fn case_table(&self) -> std::rc::Rc<automata::CaseTable> {
        self.cases
            .get_or_init(|| std::rc::Rc::new(automata::CaseTable::new()))
            .clone()
    }

    fn conds_on(&self, keys: &[&str]) -> Vec<&'a CompiledCondition> {
        self.conds
            .iter()
            .filter(|c| keys.contains(&c.cond.key_lower.as_str()))
            .map(|c| c.cond)
            .collect()
    }

    /// The vector of condition results for facts.
    fn vector(conds: &[&CompiledCondition], facts: &Facts) -> Vec<Truth> {
        conds.iter().map(|c| c.holds(facts)).collect()
    }

    /// When every value of every condition on a key is a case-sensitive literal: each literal
    /// with the conditions that list it. On a single value, such a condition's result depends
    /// only on whether it lists the value (`Null` only on its presence), so two values listed
    /// by the same conditions have the same results: one evaluation stands for them.
    fn literal_conditions(
        &self,
        conds: &[&CompiledCondition],
    ) -> Option<HashMap<String, Vec<usize>>> {
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in conds.iter().enumerate() {
            if c.operator.node.base == BaseOp::Null {
                continue;
            }
            let atoms = string_atoms(c, &self.fixed);
            if atoms.len() != c.values.len() {
                return None;
            }
            for a in atoms {
                let text = literal_text(&a)?;
                let listed = out.entry(text).or_default();
                if listed.last() != Some(&i) {
                    listed.push(i);
                }
            }
        }
        Some(out)
    }

    fn build_dims(&mut self, scope: &Scope) -> Result<(), Unknown> {
        let spec = &scope.spec;
        // The domain first: most statements read it.
        let domain = self.domain_dim(scope)?;
        self.dims.push(domain);
        // Request members and tags.
        let mut keys: Vec<(String, String, Role)> = Vec::new();
        for c in &self.conds {
            if matches!(
                c.role,
                Role::Fixed | Role::Absent | Role::Domain | Role::Clock
            ) {
                continue;
            }
            if !keys.iter().any(|(k, _, _)| *k == c.cond.key_lower) {
                keys.push((c.cond.key_lower.clone(), c.cond.key.node.clone(), c.role));
            }
        }
        let add = |k: &str, shown: &str, r: Role, keys: &mut Vec<(String, String, Role)>| {
            if !keys.iter().any(|(x, _, _)| x == k) {
                keys.push((k.to_string(), shown.to_string(), r));
            }
        };
        // Request members the SPEC names are dimensions even when no policy reads them.
        for (named, lower, shown, required) in [
            (
                spec.type_name.is_some(),
                "swf:workflowtype.name",
                "swf:workflowType.name",
                true,
            ),
            (
                spec.type_version.is_some(),
                "swf:workflowtype.version",
                "swf:workflowType.version",
                true,
            ),
            (
                spec.task_list.is_some(),
                "swf:tasklist.name",
                "swf:taskList.name",
                false,
            ),
        ] {
            if named {
                add(lower, shown, Role::Request { required }, &mut keys);
            }
        }
        // A key the SPEC fixes is a dimension of one value (the clock is handled below).
        for (k, _) in &spec.context {
            let lower = k.to_ascii_lowercase();
            let r = role(&lower, &self.mode, self.sets)?;
            if matches!(r, Role::Free { .. }) {
                add(&lower, k, r, &mut keys);
            }
        }
        // Tags: every position up to the highest one read or named.
        let top = keys
            .iter()
            .filter_map(|(_, _, r)| match r {
                Role::Tag(i) => Some(*i + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .max(spec.tag_list.as_ref().map_or(0, Vec::len));
        for i in 0..top {
            let k = format!("swf:taglist.member.{i}");
            add(
                &k,
                &format!("swf:tagList.member.{i}"),
                Role::Tag(i),
                &mut keys,
            );
        }
        // Keys read more often first: the search decides sooner.
        let count = |k: &str| self.conds.iter().filter(|c| c.cond.key_lower == k).count();
        keys.sort_by_key(|(k, _, r)| {
            (
                matches!(r, Role::Tag(_)),
                match r {
                    Role::Tag(i) => *i,
                    _ => 0,
                },
                std::cmp::Reverse(count(k)),
            )
        });
        for (k, shown, r) in keys {
            let dim = self.key_dim(&k, &shown, r, scope)?;
            self.dims.push(dim);
        }
        let fixed_clock = spec
            .context
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("aws:CurrentTime"))
            .and_then(|(_, v)| crate::condition::parse_date(v))
            .map(|ns| ns.div_euclid(1_000_000_000) as i64);
        if self.conds.iter().any(|c| c.role == Role::Clock) || fixed_clock.is_some() {
            let dim = self.clock_dim(fixed_clock)?;
            self.dims.push(dim);
        }
        for (i, d) in self.dims.iter().enumerate() {
            for k in &d.keys {
                self.key_dim.insert(k.clone(), i);
            }
            if d.classes.is_empty() {
                return Err(unknown(format!("no value of `{}` fits the SPEC", d.name)));
            }
        }
        Ok(())
    }

    /// A string, number, date, boolean or address key.
    fn key_dim(&self, k: &str, shown: &str, r: Role, scope: &Scope) -> Result<Dim, Unknown> {
        let spec = &scope.spec;
        let conds = self.conds_on(&[k]);
        let fixed_value = spec
            .context
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone());
        let (spec_patterns, may_be_absent): (Option<Vec<String>>, bool) = match r {
            Role::Request { required } => (
                match k {
                    "swf:workflowtype.name" => spec.type_name.clone(),
                    "swf:workflowtype.version" => spec.type_version.clone(),
                    _ => spec.task_list.clone(),
                },
                !required && spec.task_list.is_none(),
            ),
            Role::Tag(i) => match &spec.tag_list {
                Some(tags) => match tags.get(i) {
                    Some(p) => (Some(vec![p.clone()]), false),
                    None => (None, true),
                },
                None => (None, true),
            },
            // A session's id ends with its name (IAM's policy variables page): its values are
            // those of that form.
            Role::Free { always, .. } => {
                let session = match (k, &self.principal) {
                    ("aws:userid", Some(p)) => p.session.as_deref(),
                    _ => None,
                };
                let own = session
                    .filter(|s| !s.contains(['*', '?']))
                    .map(|s| vec![format!("*:{s}")]);
                (own, !always && fixed_value.is_none())
            }
            _ => (None, true),
        };
        let must_be_absent =
            matches!((r, &spec.tag_list), (Role::Tag(i), Some(tags)) if i >= tags.len());
        // Candidate values.
        let mut candidates: Vec<Option<String>> = Vec::new();
        let mut atoms: Vec<Atom> = Vec::new();
        if !must_be_absent {
            if let Some(v) = &fixed_value {
                candidates.push(Some(v.clone()));
            } else {
                match r {
                    Role::Free {
                        ty: KeyType::Numeric,
                        ..
                    } => {
                        candidates.extend(numeric_candidates(&conds).into_iter().map(Some));
                    }
                    Role::Free {
                        ty: KeyType::Date, ..
                    } => {
                        candidates.extend(
                            clock_candidates(&conds)
                                .into_iter()
                                .map(|s| Some(format_time(s))),
                        );
                    }
                    Role::Free {
                        ty: KeyType::Bool, ..
                    } => {
                        candidates.push(Some("true".into()));
                        candidates.push(Some("false".into()));
                    }
                    Role::Free {
                        ty: KeyType::Ip, ..
                    } => {
                        candidates.extend(ip_candidates(&conds).into_iter().map(Some));
                    }
                    Role::Free {
                        ty: KeyType::Arn, ..
                    } => {
                        return Err(unknown(format!(
                            "the analysis does not cover ARN-valued `{shown}`"
                        )));
                    }
                    _ => {
                        // Each pattern once (the two sets of a diff share most).
                        let mut distinct = std::collections::HashSet::new();
                        atoms = conds
                            .iter()
                            .flat_map(|c| string_atoms(c, &self.fixed))
                            .filter(|a| distinct.insert((a.toks.clone(), a.icase)))
                            .collect();
                        let names = matches!(r, Role::Request { .. });
                        let max_len = if k == "swf:workflowtype.version" {
                            64
                        } else {
                            256
                        };
                        let texts =
                            self.string_candidates(&atoms, &spec_patterns, names, scope, &|| {
                                format!("`{shown}` ({} patterns)", atoms.len())
                            })?;
                        for text in texts {
                            if (names && (text.is_empty() || text == "arn"))
                                || text.encode_utf16().count() > max_len
                            {
                                if text.encode_utf16().count() > max_len {
                                    return Err(unknown(format!(
                                        "a class of `{shown}` needs values longer than SWF allows"
                                    )));
                                }
                                continue;
                            }
                            candidates.push(Some(text));
                        }
                    }
                }
            }
        }
        if may_be_absent || must_be_absent {
            candidates.push(None);
        }
        // Group by the conditions' results (and the SPEC). An absent key keeps a class of its
        // own, even where the conditions treat it as some value: the region then says so.
        let mut classes: Vec<(Vec<Truth>, Class)> = Vec::new();
        let mut index: automata::StateMap<(Vec<u64>, bool), usize> = Default::default();
        let listed = if atoms.is_empty() {
            None
        } else {
            self.literal_conditions(&conds)
        };
        let mut by_listing: HashMap<Vec<usize>, Vec<Truth>> = HashMap::new();
        for value in candidates {
            self.budget
                .check(&|| format!("sorting the values of `{shown}` into classes"))?;
            if let Some(v) = &value {
                if !spec_match(&spec_patterns, v) {
                    continue;
                }
            } else if spec_patterns.is_some() {
                continue;
            }
            let evaluate = || {
                let mut facts = self.fixed.clone();
                if let Some(v) = &value {
                    facts.put(k, v.clone());
                }
                Self::vector(&conds, &facts)
            };
            let vec = match (&listed, &value) {
                (Some(listed), Some(v)) => {
                    let conditions = listed.get(v).cloned().unwrap_or_default();
                    by_listing
                        .entry(conditions)
                        .or_insert_with(evaluate)
                        .clone()
                }
                _ => evaluate(),
            };
            match index.entry((packed(&vec), value.is_none())) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let c = &mut classes[*e.get()].1;
                    if let (ClassValue::Text(old), Some(new)) = (&mut c.value, &value) {
                        if nicer(old, new) {
                            *old = new.clone();
                        }
                    }
                    c.members.extend(value);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    let mut class =
                        Class::new(value.clone().map_or(ClassValue::Absent, ClassValue::Text));
                    class.members.extend(value);
                    classes.push((vec, class));
                    e.insert(classes.len() - 1);
                }
            }
        }
        let classes = classes
            .into_iter()
            .map(|(truths, mut class)| {
                if class.value != ClassValue::Absent && atoms.is_empty() {
                    class.members.clear();
                    describe_by_conditions(&mut class, &conds, &truths);
                }
                class
            })
            .collect();
        Ok(Dim {
            name: shown.to_string(),
            keys: vec![k.to_string()],
            classes,
            tag: match r {
                Role::Tag(i) => Some(i),
                _ => None,
            },
            atoms,
            mixed: Vec::new(),
            whole: Vec::new(),
            free: false,
        })
    }

    /// One value of every class of strings the atoms (and the SPEC's patterns) tell apart:
    /// the texts of a product automaton's states, or, when every atom is a case-sensitive
    /// literal and the SPEC names no pattern, the literals themselves, the empty text and one
    /// text equal to none (a literal's class is its text alone; every other text fails them
    /// all). Values SWF refuses are filtered by the caller.
    fn string_candidates(
        &self,
        atoms: &[Atom],
        spec_patterns: &Option<Vec<String>>,
        names: bool,
        scope: &Scope,
        what: &dyn Fn() -> String,
    ) -> Result<Vec<String>, Unknown> {
        let valid: &dyn Fn(char) -> bool = if names { &name_char } else { &|_| true };
        let policy = Product::new(atoms.to_vec());
        if spec_patterns.is_none() && policy.literal() {
            let mut texts: std::collections::HashSet<String> = atoms
                .iter()
                .filter_map(literal_text)
                .filter(|t| t.chars().all(valid))
                .collect();
            // A text equal to no literal: `x`, `xx`, ... (one of the first few is free).
            let fresh = (1..)
                .map(|n| "x".repeat(n))
                .find(|t| !texts.contains(t) && t != "arn")
                .unwrap_or_default();
            if texts.len() >= scope.max_states {
                return Err(too_large(&what()));
            }
            texts.insert(fresh);
            texts.insert(String::new());
            let mut out: Vec<String> = texts.into_iter().collect();
            out.sort_unstable();
            return Ok(out);
        }
        let mut all = atoms.to_vec();
        all.extend(spec_atoms(spec_patterns));
        if names {
            let mut arn = Atom::literal("arn", false);
            arn.label = String::new();
            all.push(arn);
        }
        let product = Product::new(all);
        let alphabet = product.alphabet(valid, &|| self.case_table());
        let mut states = reachable(
            &product,
            &product.start(),
            &alphabet,
            scope.max_states,
            &|| self.budget.passed(),
        )
        .map_err(|h| match h {
            Halt::States => too_large(&what()),
            Halt::Time => self
                .budget
                .out_of_time(&format!("enumerating the classes of {}", what())),
        })?;
        // One more example, readable where the shortest is empty: extra candidates are
        // harmless (each is classified by the conditions).
        if let Some(&fresh) = alphabet.last() {
            let st = product.step(&product.start(), fresh);
            states.push((fresh.to_string(), st));
        }
        Ok(states.into_iter().map(|(text, _)| text).collect())
    }

    fn clock_dim(&self, fixed: Option<i64>) -> Result<Dim, Unknown> {
        let conds = self.conds_on(&["aws:currenttime", "aws:epochtime"]);
        let mut classes: Vec<(Vec<Truth>, Class)> = Vec::new();
        let candidates = match fixed {
            Some(s) => vec![s],
            None => clock_candidates(&conds),
        };
        for s in candidates {
            let mut facts = self.fixed.clone();
            facts.put("aws:CurrentTime", format_time(s));
            facts.put("aws:EpochTime", s.to_string());
            let vec = Self::vector(&conds, &facts);
            if !classes.iter().any(|(v, _)| *v == vec) {
                let mut class = Class::new(ClassValue::Clock(s));
                describe_by_conditions(&mut class, &conds, &vec);
                classes.push((vec, class));
            }
        }
        Ok(Dim {
            name: "clock".into(),
            keys: vec!["aws:currenttime".into(), "aws:epochtime".into()],
            classes: classes.into_iter().map(|(_, c)| c).collect(),
            tag: None,
            atoms: Vec::new(),
            mixed: Vec::new(),
            whole: Vec::new(),
            free: false,
        })
    }

    /// The domain: region (from the list), account (the caller's, or any twelve digits) and
    /// name, read as one ARN by the resource patterns.
    fn domain_dim(&self, scope: &Scope) -> Result<Dim, Unknown> {
        let spec = &scope.spec;
        let lookup = |k: &str| self.fixed.single(k);
        // Every ARN pattern of a statement that can apply, and its whole text: a class that
        // spans several region groups, or accounts the pattern names, is described by whole
        // ARNs (`prod` in us-east-1 and `dev` in eu-west-1 are not `prod` and `dev` in both).
        let mut arn_atoms: Vec<Atom> = Vec::new();
        let mut whole: Vec<(String, bool)> = Vec::new();
        for set in self.sets {
            for (s, _) in statements(set) {
                for item in s.resource.iter().flat_map(|r| &r.node.items) {
                    if let ResourceItem::Arn(p) = &item.node {
                        if let Some(pat) = p.resolve(&lookup) {
                            if !arn_atoms.iter().any(|a| a.toks == pat.toks()) {
                                let label = match p.text.split_once(":/domain/") {
                                    Some((_, name))
                                        if !p.text.contains('$') || !name.is_empty() =>
                                    {
                                        format!("`{name}`")
                                    }
                                    _ => format!("`{}`", p.text),
                                };
                                arn_atoms.push(Atom {
                                    toks: pat.toks().to_vec(),
                                    icase: false,
                                    label,
                                });
                                let any_account = p.text.split(':').nth(4) == Some("*");
                                whole.push((format!("`{}`", p.text), any_account));
                            }
                        }
                    }
                }
            }
        }
        let arn = Product::new(arn_atoms.clone());
        let region_conds = self.conds_on(&["aws:requestedregion"]);
        let account_conds = if self.principal.is_none() {
            self.conds_on(&["aws:principalaccount", "aws:resourceaccount"])
        } else {
            Vec::new()
        };
        let regions: Vec<String> = match (&scope.regions, &spec.regions) {
            (_, Some(r)) => r.clone(),
            (Some(r), None) => r.clone(),
            (None, None) => swf_regions(&self.partition)
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        // Regions that the patterns and region conditions cannot tell apart share a group.
        let mut groups: Vec<(State, Vec<Truth>, Vec<String>)> = Vec::new();
        for r in &regions {
            let st = arn.run(&arn.start(), &format!("arn:{}:swf:{r}:", self.partition));
            let mut facts = self.fixed.clone();
            facts.put("aws:RequestedRegion", r.clone());
            let v = Self::vector(&region_conds, &facts);
            match groups.iter_mut().find(|(s, x, _)| *s == st && *x == v) {
                Some(g) => g.2.push(r.clone()),
                None => groups.push((st, v, vec![r.clone()])),
            }
        }
        // Accounts: the caller's, or every class of twelve digits.
        let mut acct_atoms: Vec<Atom> = Vec::new();
        for c in &account_conds {
            acct_atoms.extend(string_atoms(c, &self.fixed));
        }
        let acct = Product::new(acct_atoms);
        // (group, arn state after ":/domain/", account example)
        let mut after_account: Vec<(usize, State, String)> = Vec::new();
        for (gi, (st, _, _)) in groups.iter().enumerate() {
            match &self.principal {
                Some(p) => {
                    let s = arn.run(st, &format!("{}:/domain/", p.account));
                    after_account.push((gi, s, p.account.clone()));
                }
                None => {
                    let mut frontier: Vec<(State, State, String)> =
                        vec![(st.clone(), acct.start(), String::new())];
                    for _ in 0..12 {
                        self.budget
                            .check(&|| "enumerating the domain's accounts".to_string())?;
                        let mut next: Vec<(State, State, String)> = Vec::new();
                        for (a, b, text) in &frontier {
                            for d in '0'..='9' {
                                let na = arn.step(a, d);
                                let nb = acct.step(b, d);
                                if !next.iter().any(|(x, y, _)| *x == na && *y == nb) {
                                    let mut t = text.clone();
                                    t.push(d);
                                    next.push((na, nb, t));
                                }
                            }
                        }
                        if next.len() > scope.max_states {
                            return Err(too_large("the domain's account"));
                        }
                        frontier = next;
                    }
                    for (a, _, text) in frontier {
                        let s = arn.run(&a, ":/domain/");
                        after_account.push((gi, s, text));
                    }
                }
            }
        }
        // Names: the ARN patterns go on reading; the SPEC's domain patterns read the name alone.
        let mut name_atoms = spec_atoms(&spec.domain);
        let mut arn_lit = Atom::literal("arn", false);
        arn_lit.label = String::new();
        name_atoms.push(arn_lit);
        let mut all = arn_atoms.clone();
        all.extend(name_atoms.iter().cloned());
        let both = Product::new(all);
        let alphabet = both.alphabet(&name_char, &|| self.case_table());
        let names = Product::new(name_atoms);
        let resource_stmts: Vec<&crate::policy::Statement> = self
            .sets
            .iter()
            .flat_map(|s| statements(s))
            .map(|(s, _)| s)
            .collect();
        let mut classes: Vec<Class> = Vec::new();
        let mut index: automata::StateMap<Vec<u64>, usize> = Default::default();
        let mut seen: automata::StateMap<(usize, State, State), ()> = Default::default();
        // Per region group, which ARN patterns the name can change (the others the region and
        // account settle, and the region list already says).
        let mut seen_true = vec![vec![false; arn_atoms.len()]; groups.len()];
        let mut seen_false = vec![vec![false; arn_atoms.len()]; groups.len()];
        let what = || {
            format!(
                "enumerating the classes of the domain ({} resource patterns)",
                arn_atoms.len()
            )
        };
        // Each (region group, account) start explores its own names: two accounts with the same
        // ARN-pattern state may still differ on the account conditions.
        // A name's characters never include a colon or a slash: positions waiting for one are
        // dropped before the names are explored.
        let live = arn.live_mask(&alphabet);
        for (ai, (gi, st, account)) in after_account.iter().enumerate() {
            let st: State = st.iter().zip(&live).map(|(s, m)| s & m).collect();
            // A joint product state: the ARN patterns' and the name patterns'.
            let mut queue: std::collections::VecDeque<(State, State, String)> =
                std::collections::VecDeque::from([(st, names.start(), String::new())]);
            while let Some((a, b, name)) = queue.pop_front() {
                self.budget.check(&what)?;
                if !name.is_empty() && name != "arn" {
                    if name.encode_utf16().count() > 256 {
                        return Err(unknown(
                            "a class of domain names needs names longer than SWF allows",
                        ));
                    }
                    for (i, b) in arn.verdicts(&a).iter().enumerate() {
                        if *b {
                            seen_true[*gi][i] = true;
                        } else {
                            seen_false[*gi][i] = true;
                        }
                    }
                    let spec_ok = spec.domain.is_none()
                        || (0..names.atoms().len() - 1).any(|i| names.accepts(&b, i));
                    if spec_ok {
                        let group = &groups[*gi];
                        let region = group.2[0].clone();
                        let resource = format!(
                            "arn:{}:swf:{region}:{account}:/domain/{name}",
                            self.partition
                        );
                        let mut facts = self.fixed.clone();
                        facts.put("aws:RequestedRegion", region.clone());
                        if self.principal.is_none() {
                            facts.put("aws:PrincipalAccount", account.clone());
                            facts.put("aws:ResourceAccount", account.clone());
                        }
                        let mut vec: Vec<Truth> = resource_stmts
                            .iter()
                            .map(|s| eval::resource_applies(s, &resource, &facts))
                            .collect();
                        vec.extend(Self::vector(&region_conds, &facts));
                        vec.extend(Self::vector(&account_conds, &facts));
                        let vec = packed(&vec);
                        match index.get(&vec) {
                            Some(&ci) => {
                                let c = &mut classes[ci];
                                if let ClassValue::Domain {
                                    regions,
                                    account: a,
                                    name: n,
                                } = &mut c.value
                                {
                                    for r in &group.2 {
                                        if !regions.contains(r) {
                                            regions.push(r.clone());
                                        }
                                    }
                                    // The example is one request of the class: a name goes
                                    // with the account and the region group it was found
                                    // under (the first group of the class's list).
                                    if nicer(n, &name) {
                                        *n = name.clone();
                                        *a = account.clone();
                                        c.groups.retain(|g| g != gi);
                                        c.groups.insert(0, *gi);
                                    }
                                }
                                if !c.groups.contains(gi) {
                                    c.groups.push(*gi);
                                }
                                c.members.push(resource);
                            }
                            None => {
                                let mut class = Class::new(ClassValue::Domain {
                                    regions: group.2.clone(),
                                    account: account.clone(),
                                    name: name.clone(),
                                });
                                class.groups.push(*gi);
                                class.members.push(resource);
                                index.insert(vec, classes.len());
                                classes.push(class);
                            }
                        }
                    }
                }
                for &c in &alphabet {
                    let na = arn.step(&a, c);
                    let nb = names.step(&b, c);
                    let key = (ai, na.clone(), nb.clone());
                    if seen.contains_key(&key) {
                        continue;
                    }
                    if seen.len() >= scope.max_states {
                        return Err(too_large(&format!(
                            "the domain ({} resource patterns)",
                            arn_atoms.len()
                        )));
                    }
                    seen.insert(key, ());
                    let mut n = name.clone();
                    n.push(c);
                    queue.push_back((na, nb, n));
                }
            }
        }
        for class in &mut classes {
            // The example's region first (`us-east-1` where its group has it).
            if let ClassValue::Domain { regions: rs, .. } = &mut class.value {
                let example = &groups[class.groups[0]].2;
                rs.sort_by_key(|r| (!example.contains(r), r != "us-east-1", r.clone()));
            }
        }
        let mixed = seen_true
            .iter()
            .zip(&seen_false)
            .map(|(t, f)| t.iter().zip(f).map(|(t, f)| *t && *f).collect())
            .collect();
        Ok(Dim {
            name: "domain".into(),
            keys: vec![
                "aws:requestedregion".into(),
                "aws:principalaccount".into(),
                "aws:resourceaccount".into(),
            ],
            classes,
            tag: None,
            atoms: arn_atoms,
            mixed,
            whole,
            free: self.principal.is_none(),
        })
    }
}

/// Whether no text matches both patterns, seen from their literal starts: at the start, or, for
/// ARN patterns whose first five segments hold no wildcard that takes a colon, at the start of
/// their resource parts (a text's first five colons are then the patterns' own). `false` says
/// nothing.
fn disjoint(a: &[Tok], b: &[Tok]) -> bool {
    fn diverge(a: &[Tok], b: &[Tok]) -> bool {
        for (x, y) in a.iter().zip(b) {
            match (x, y) {
                (Tok::Lit(x), Tok::Lit(y)) if x == y => continue,
                (Tok::Lit(_), Tok::Lit(_)) => return true,
                _ => return false,
            }
        }
        false
    }
    fn resource_part(t: &[Tok]) -> Option<&[Tok]> {
        let mut colons = 0;
        for (i, tok) in t.iter().enumerate() {
            match tok {
                Tok::Lit(':') => {
                    colons += 1;
                    if colons == 5 {
                        return Some(&t[i + 1..]);
                    }
                }
                Tok::Many { cross: true } | Tok::One { cross: true } => return None,
                _ => {}
            }
        }
        None
    }
    diverge(a, b)
        || matches!((resource_part(a), resource_part(b)), (Some(x), Some(y)) if diverge(x, y))
}

/// A case-sensitive literal atom's text.
fn literal_text(a: &Atom) -> Option<String> {
    if a.icase {
        return None;
    }
    a.toks
        .iter()
        .map(|t| match t {
            Tok::Lit(c) => Some(*c),
            _ => None,
        })
        .collect()
}

/// Truths packed two bits each, to hash and compare as words.
fn packed(truths: &[Truth]) -> Vec<u64> {
    let mut out = vec![0u64; truths.len().div_ceil(32)];
    for (i, t) in truths.iter().enumerate() {
        let bits: u64 = match t {
            Truth::False => 1,
            Truth::True => 2,
            Truth::Unknown => 3,
        };
        out[i / 32] |= bits << (2 * (i % 32));
    }
    out
}

/// Whether `b` reads better than `a` as an example: not empty, fewer punctuation and unusual
/// characters, then shorter.
fn nicer(a: &str, b: &str) -> bool {
    let score = |s: &str| {
        (
            s.is_empty(),
            s.chars().filter(|c| !c.is_ascii_alphanumeric()).count(),
            s.chars().count(),
        )
    };
    score(b) < score(a)
}

fn too_large(what: &str) -> Unknown {
    Unknown {
        reason: format!("the patterns on {what} have too many combinations to enumerate"),
        help: Some("raise --max-states, or split the policies".into()),
    }
}

/// `holds`/`fails`: the atoms on which every member of the class agrees; `any_of`: the others,
/// when every member matches one of them. Only atoms with a label, not `*`, and that the
/// class's region groups leave open (the domain) are named.
fn describe_by_atoms(
    class: &mut Class,
    d: &Dim,
    product: &Product,
    budget: &Budget,
) -> Result<(), Unknown> {
    // A domain class that spans several region groups, or accounts a pattern names, is
    // described by whole ARNs (`prod` in us-east-1 and `dev` in eu-west-1 are not `prod` and
    // `dev` in both).
    let labels: Vec<&str> = d
        .atoms
        .iter()
        .enumerate()
        .map(|(i, a)| match d.whole.get(i) {
            Some((text, any_account)) if class.groups.len() > 1 || (d.free && !any_account) => {
                text.as_str()
            }
            _ => a.label.as_str(),
        })
        .collect();
    let n = d.atoms.len();
    // How many members each atom matches.
    let mut matched = vec![0usize; n];
    if product.literal() {
        let members: std::collections::HashSet<&str> =
            class.members.iter().map(String::as_str).collect();
        for (i, a) in d.atoms.iter().enumerate() {
            let text = literal_text(a).unwrap_or_default();
            matched[i] = usize::from(members.contains(text.as_str()));
        }
    } else {
        for m in &class.members {
            budget.check(&|| format!("describing the classes of `{}`", d.name))?;
            let st = product.run(&product.start(), m);
            for (i, hit) in matched.iter_mut().enumerate() {
                *hit += usize::from(product.accepts(&st, i));
            }
        }
    }
    let shown = |i: usize| d.mixed.is_empty() || class.groups.iter().any(|&g| d.mixed[g][i]);
    let mut some = Vec::new();
    let mut listed: std::collections::HashSet<String> =
        class.holds.iter().chain(&class.fails).cloned().collect();
    for (i, a) in d.atoms.iter().enumerate() {
        let label = labels[i];
        if label.is_empty() || a.toks == [Tok::Many { cross: true }] || !shown(i) {
            continue;
        }
        if matched[i] == class.members.len() {
            if listed.insert(label.to_string()) {
                class.holds.push(label.to_string());
            }
        } else if matched[i] == 0 {
            if listed.insert(label.to_string()) {
                class.fails.push(label.to_string());
            }
        } else {
            some.push(i);
        }
    }
    // Every member matches one of the others: only when each member matches some (checked by
    // running the members again, as the count alone does not say).
    if !some.is_empty() {
        let covered = class.members.iter().all(|m| {
            let st = product.run(&product.start(), m);
            some.iter().any(|&i| product.accepts(&st, i))
        });
        if covered {
            for i in some {
                if !class.any_of.iter().any(|x| x == labels[i]) {
                    class.any_of.push(labels[i].to_string());
                }
            }
        }
    }
    Ok(())
}

/// [`implied_fails`] checks lists up to this long.
const IMPLIED_FAILS_CHECKED: usize = 64;

/// Drops from `fails` the patterns no value matching every `holds` pattern can match: they go
/// without saying.
fn implied_fails(
    atoms: &[Atom],
    whole: &[(String, bool)],
    holds: &[String],
    fails: &mut Vec<String>,
    budget: &Budget,
) -> Result<(), Unknown> {
    let pattern = |a: &Atom| crate::pattern::Pattern::from_toks(a.toks.clone(), false);
    // Each case-sensitive pattern by its label, and a domain pattern by its whole ARN too.
    let mut by_label: HashMap<&str, &Atom> = HashMap::new();
    for (i, a) in atoms.iter().enumerate().rev().filter(|(_, a)| !a.icase) {
        by_label.insert(a.label.as_str(), a);
        if let Some((text, _)) = whole.get(i) {
            by_label.insert(text.as_str(), a);
        }
    }
    let holds: std::collections::HashSet<&str> = holds.iter().map(String::as_str).collect();
    let held: Vec<&Atom> = atoms
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.icase
                && (holds.contains(a.label.as_str())
                    || whole
                        .get(*i)
                        .is_some_and(|(t, _)| holds.contains(t.as_str())))
        })
        .map(|(_, a)| a)
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    // A literal held: its text is the only value, and it fails every pattern listed.
    if held
        .iter()
        .any(|a| a.toks.iter().all(|t| matches!(t, Tok::Lit(_))))
    {
        fails.retain(|label| !by_label.contains_key(label.as_str()));
        return Ok(());
    }
    // Past a few dozen, each needing a search of its own, the list stays whole: it only says
    // more than it must.
    if fails.len() > IMPLIED_FAILS_CHECKED {
        return Ok(());
    }
    let held_toks: Vec<&[Tok]> = held.iter().map(|a| a.toks.as_slice()).collect();
    let held: Vec<crate::pattern::Pattern> = held.into_iter().map(pattern).collect();
    let mut keep = Vec::with_capacity(fails.len());
    for label in fails.drain(..) {
        budget.check(&|| "describing the regions found".to_string())?;
        let Some(a) = by_label.get(label.as_str()) else {
            keep.push(label);
            continue;
        };
        if held_toks.iter().any(|h| disjoint(h, &a.toks)) {
            continue;
        }
        let f = pattern(a);
        let mut must: Vec<&crate::pattern::Pattern> = held.iter().collect();
        must.push(&f);
        if !matches!(crate::pattern::witness(&must, &[], 2_000), Ok(None)) {
            keep.push(label);
        }
    }
    *fails = keep;
    Ok(())
}

fn describe_by_conditions(class: &mut Class, conds: &[&CompiledCondition], truths: &[Truth]) {
    for (c, t) in conds.iter().zip(truths) {
        // Presence is the class's own `absent`/`present`.
        if c.operator.node.base == BaseOp::Null {
            continue;
        }
        let text = format!("{} {}", c.operator.node, c.raw.join(", "));
        let list = match t {
            Truth::True => &mut class.holds,
            Truth::False => &mut class.fails,
            Truth::Unknown => continue,
        };
        if !list.contains(&text) {
            list.push(text);
        }
    }
}

fn numeric_candidates(conds: &[&CompiledCondition]) -> Vec<String> {
    let mut points: Vec<f64> = conds
        .iter()
        .flat_map(|c| c.values.iter())
        .filter_map(|v| match v.node {
            Value::Number(n) => Some(n),
            _ => None,
        })
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut out = vec![0.0];
    for (i, p) in points.iter().enumerate() {
        out.extend([*p - 1.0, *p, *p + 1.0]);
        if let Some(q) = points.get(i + 1) {
            out.push(p + (q - p) / 2.0);
        }
    }
    // A value the simulator could not read as a number would make a condition unknown, and
    // the analysis would say so rather than skip it.
    out.into_iter().map(|x| format!("{x}")).collect()
}

/// Whole seconds: one in every cell the policies' instants cut the time line into.
fn clock_candidates(conds: &[&CompiledCondition]) -> Vec<i64> {
    const NS: i128 = 1_000_000_000;
    let mut points: Vec<i128> = conds
        .iter()
        .flat_map(|c| c.values.iter())
        .filter_map(|v| match v.node {
            Value::Date(d) => Some(d),
            Value::Number(n) => Some((n * NS as f64) as i128),
            _ => None,
        })
        .collect();
    points.sort_unstable();
    let mut out: Vec<i64> = vec![1_767_225_600]; // 2026-01-01T00:00:00Z
    for p in points {
        let floor = p.div_euclid(NS) as i64;
        out.extend([floor - 1, floor, floor + 1, floor + 2]);
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|s| *s >= 0);
    out
}

fn ip_candidates(conds: &[&CompiledCondition]) -> Vec<String> {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let mut out: Vec<IpAddr> = vec![
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    ];
    for v in conds.iter().flat_map(|c| c.values.iter()) {
        let Value::Ip(net) = v.node else { continue };
        match net.addr {
            IpAddr::V4(a) => {
                let mask = if net.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - net.prefix)
                };
                let lo = u32::from(a) & mask;
                let hi = lo | !mask;
                for x in [lo.checked_sub(1), Some(lo), Some(hi), hi.checked_add(1)]
                    .into_iter()
                    .flatten()
                {
                    out.push(IpAddr::V4(Ipv4Addr::from(x)));
                }
            }
            IpAddr::V6(a) => {
                let mask = if net.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - net.prefix)
                };
                let lo = u128::from(a) & mask;
                let hi = lo | !mask;
                for x in [lo.checked_sub(1), Some(lo), Some(hi), hi.checked_add(1)]
                    .into_iter()
                    .flatten()
                {
                    out.push(IpAddr::V6(Ipv6Addr::from(x)));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out.into_iter().map(|a| a.to_string()).collect()
}

/// The search over one caller's space.
struct Search<'s, 'a> {
    space: &'s Space<'a>,
    goal: Goal,
    /// Per dimension, the class whose values stand for its group (`sets`).
    assigned: Vec<Option<usize>>,
    /// Per dimension, the classes taken together: every open statement treats them alike.
    sets: Vec<Option<Vec<usize>>>,
    nodes: usize,
    max_nodes: usize,
    max_regions: usize,
    found: Vec<RawRegion>,
    truncated: bool,
    run_ids: crate::swf::RunIds,
}

impl Search<'_, '_> {
    fn facts(&self) -> (Facts, Option<String>) {
        let sp = self.space;
        let mut f = sp.fixed.clone();
        let mut resource = None;
        for (d, a) in sp.dims.iter().zip(&self.assigned) {
            let Some(ci) = a else { continue };
            self.put_class(&mut f, &mut resource, d, *ci);
        }
        (f, resource)
    }

    /// Sets the keys (and the resource) class `ci` of `d` gives.
    fn put_class(&self, f: &mut Facts, resource: &mut Option<String>, d: &Dim, ci: usize) {
        let sp = self.space;
        {
            match &d.classes[ci].value {
                ClassValue::Absent => {}
                ClassValue::Text(v) => f.put(&d.keys[0], v.clone()),
                ClassValue::Clock(s) => {
                    f.put("aws:CurrentTime", format_time(*s));
                    f.put("aws:EpochTime", s.to_string());
                }
                ClassValue::Domain {
                    regions,
                    account,
                    name,
                } => {
                    f.put("aws:RequestedRegion", regions[0].clone());
                    f.put("aws:PrincipalAccount", account.clone());
                    f.put("aws:ResourceAccount", account.clone());
                    *resource = Some(format!(
                        "arn:{}:swf:{}:{account}:/domain/{name}",
                        sp.partition, regions[0]
                    ));
                }
            }
        }
    }

    fn known(&self, key_lower: &str) -> bool {
        match self.space.key_dim.get(key_lower) {
            Some(&d) => self.assigned[d].is_some(),
            None => true,
        }
    }

    /// Whether a set allows, in three-valued logic over the partial assignment; `open` gets
    /// the places (in [`eval::allows_given`]'s order) of the statements not yet decided.
    fn allows(
        &self,
        set: &PolicySet,
        facts: &Facts,
        resource: Option<&str>,
        open: &mut Vec<usize>,
    ) -> Truth {
        let root = self
            .space
            .principal
            .as_ref()
            .is_some_and(Principal::is_root);
        let mut place = 0;
        let mut stmt = |s: &crate::policy::Statement, c: &eval::CompiledStatement| {
            let t = self.applies(s, c, facts, resource);
            if t == Truth::Unknown {
                open.push(place);
            }
            place += 1;
            t
        };
        eval::allows_given(set, root, &mut stmt)
    }

    /// Whether a statement applies, in three-valued logic over the partial assignment.
    fn applies(
        &self,
        s: &crate::policy::Statement,
        c: &eval::CompiledStatement,
        facts: &Facts,
        resource: Option<&str>,
    ) -> Truth {
        if !c.start_action {
            return Truth::False;
        }
        let principal = match &self.space.principal {
            Some(p) => eval::principal_applies(s, p, facts),
            None => Truth::True,
        };
        if principal == Truth::False {
            return Truth::False;
        }
        let mut t = match Self::resource_truth(s, resource, facts) {
            Some(t) => t,
            None => return Truth::False,
        };
        t = Truth::all([t, principal]);
        if t == Truth::False {
            return t;
        }
        for cc in &c.conditions {
            let v = if self.known(&cc.key_lower) {
                cc.holds(facts)
            } else {
                Truth::Unknown
            };
            t = Truth::all([t, v]);
            if t == Truth::False {
                return t;
            }
        }
        t
    }

    /// A statement's Resource on the domain's ARN (unknown while the domain is open); `None`
    /// without a Resource.
    fn resource_truth(
        s: &crate::policy::Statement,
        resource: Option<&str>,
        facts: &Facts,
    ) -> Option<Truth> {
        let r = s.resource.as_ref()?;
        Some(
            if r.node
                .items
                .iter()
                .any(|i| matches!(i.node, ResourceItem::Any))
            {
                Truth::from_bool(!r.node.negated)
            } else {
                match resource {
                    Some(arn) => eval::resource_applies(s, arn, facts),
                    None => Truth::Unknown,
                }
            },
        )
    }

    /// The classes of dimension `level` the search may take, in groups that every statement
    /// still open (in a set whose answer is still open) treats alike: the same Resource
    /// verdict (the domain) and the same result of each condition on the dimension's keys.
    /// For a tag and the MFA keys, whether a class is absent (and whether it says MFA was
    /// used) keeps classes apart too: the order of tags and the MFA keys' pairing read it. A group's first class
    /// stands for it; a statement's answer is the same on every class of the group, so the
    /// search's answers hold for the group.
    fn groups(
        &self,
        level: usize,
        facts: &Facts,
        verdicts: &[Truth],
        open: &[Vec<usize>],
    ) -> Result<Vec<Vec<usize>>, Unknown> {
        let sp = self.space;
        let dim = &sp.dims[level];
        let mut live: Vec<(&crate::policy::Statement, &eval::CompiledStatement)> = Vec::new();
        for ((set, v), open) in sp.sets.iter().zip(verdicts).zip(open) {
            if *v != Truth::Unknown {
                continue;
            }
            let mut places = open.iter().peekable();
            for (i, pair) in set
                .layers()
                .into_iter()
                .flat_map(|(_, ps)| ps.iter())
                .flat_map(|p| p.doc.statements.iter().zip(&p.statements))
                .enumerate()
            {
                if places.peek() == Some(&&i) {
                    places.next();
                    live.push(pair);
                }
            }
        }
        let domain = matches!(
            dim.classes.first().map(|c| &c.value),
            Some(ClassValue::Domain { .. })
        );
        let mfa = dim.keys.iter().any(|k| k == "aws:multifactorauthpresent");
        let paired = dim.tag.is_some()
            || dim
                .keys
                .iter()
                .any(|k| k == "aws:multifactorauthpresent" || k == "aws:multifactorauthage");
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut index: automata::StateMap<(bool, bool, Vec<u64>), usize> = Default::default();
        for ci in 0..dim.classes.len() {
            sp.budget.check(&|| self.searching())?;
            if !self.allowed_class(level, ci) {
                continue;
            }
            let value = &dim.classes[ci].value;
            let mut f = facts.clone();
            let mut arn = None;
            self.put_class(&mut f, &mut arn, dim, ci);
            let mut key = Vec::new();
            for (s, c) in &live {
                if domain {
                    key.extend(Self::resource_truth(s, arn.as_deref(), &f));
                }
                for cc in c
                    .conditions
                    .iter()
                    .filter(|cc| dim.keys.contains(&cc.key_lower))
                {
                    key.push(cc.holds(&f));
                }
            }
            let said_mfa =
                mfa && matches!(value, ClassValue::Text(v) if v.eq_ignore_ascii_case("true"));
            match index.entry((
                paired && *value == ClassValue::Absent,
                said_mfa,
                packed(&key),
            )) {
                std::collections::hash_map::Entry::Occupied(e) => groups[*e.get()].push(ci),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(groups.len());
                    groups.push(vec![ci]);
                }
            }
        }
        Ok(groups)
    }

    /// What the search is doing, for a give-up: the cases visited and the widest dimension.
    fn searching(&self) -> String {
        format!(
            "searching the requests ({} cases visited; {})",
            self.nodes,
            self.widest()
        )
    }

    /// The dimension with the most classes, for a give-up.
    fn widest(&self) -> String {
        match self.space.dims.iter().max_by_key(|d| d.classes.len()) {
            Some(d) => format!(
                "{} parts of a request; the widest: `{}`, {} classes",
                self.space.dims.len(),
                d.name,
                d.classes.len()
            ),
            None => "no part of the request varies".into(),
        }
    }

    fn run(&mut self, level: usize) -> Result<(), Unknown> {
        if self.truncated {
            return Ok(());
        }
        self.nodes += 1;
        self.space.budget.check(&|| self.searching())?;
        if self.nodes > self.max_nodes {
            return Err(Unknown {
                reason: format!(
                    "the search passed {} cases without an answer ({})",
                    self.max_nodes,
                    self.widest()
                ),
                help: Some("raise --max-nodes, or name fewer callers and regions".into()),
            });
        }
        let (facts, resource) = self.facts();
        let mut open = vec![Vec::new(); self.space.sets.len()];
        let verdicts: Vec<Truth> = self
            .space
            .sets
            .iter()
            .zip(&mut open)
            .map(|(s, open)| self.allows(s, &facts, resource.as_deref(), open))
            .collect();
        let (t, f) = (Truth::True, Truth::False);
        let v = |i: usize| verdicts[i];
        let (hit, dead) = match self.goal {
            Goal::Gained => (v(0) == f && v(1) == t, v(0) == t || v(1) == f),
            Goal::Lost => (v(0) == t && v(1) == f, v(0) == f || v(1) == t),
            Goal::Allowed => (v(0) == t, v(0) == f),
            Goal::Denied => (v(0) == f, v(0) == t),
        };
        if hit {
            return self.emit(&verdicts);
        }
        if dead {
            return Ok(());
        }
        if level == self.space.dims.len() {
            if self.space.fixed.has_partial() {
                return Err(Unknown {
                    reason: "the answer depends on the caller's aws:PrincipalArn, which a session's ARN gives only in part (it leaves out the role's path)".into(),
                    help: Some("name the role with its path (--principal arn:aws:iam::ACCOUNT:role/PATH/NAME), or fix it with --context aws:PrincipalArn=ARN".into()),
                });
            }
            return Err(unknown(
                "a condition cannot be evaluated on some request (a policy value that does not fit its operator)",
            ));
        }
        let all = self.space.dims[level].classes.len();
        for group in self.groups(level, &facts, &verdicts, &open)? {
            self.assigned[level] = Some(group[0]);
            self.sets[level] = (group.len() < all).then_some(group);
            self.run(level + 1)?;
            self.assigned[level] = None;
            self.sets[level] = None;
            if self.truncated {
                break;
            }
        }
        Ok(())
    }

    /// Tags come in order: position N is present only if position N-1 is. And AWS includes
    /// `aws:MultiFactorAuthAge` exactly when `aws:MultiFactorAuthPresent` is true.
    fn allowed_class(&self, level: usize, ci: usize) -> bool {
        let dims = &self.space.dims;
        if !self.mfa_agrees(level, ci) {
            return false;
        }
        let Some(pos) = dims[level].tag else {
            return true;
        };
        if pos == 0 {
            return true;
        }
        let present = dims[level].classes[ci].value != ClassValue::Absent;
        let prev = dims
            .iter()
            .zip(&self.assigned)
            .find(|(d, _)| d.tag == Some(pos - 1));
        match prev {
            Some((d, Some(pi))) => !present || d.classes[*pi].value != ClassValue::Absent,
            _ => true,
        }
    }

    /// Whether class `ci` of dimension `level` agrees with the other MFA key's class, when
    /// both keys are dimensions and the other is assigned.
    fn mfa_agrees(&self, level: usize, ci: usize) -> bool {
        const PRESENT: &str = "aws:multifactorauthpresent";
        const AGE: &str = "aws:multifactorauthage";
        let dims = &self.space.dims;
        let other = match dims[level].keys.first().map(String::as_str) {
            Some(PRESENT) => AGE,
            Some(AGE) => PRESENT,
            _ => return true,
        };
        let Some(&o) = self.space.key_dim.get(other) else {
            return true;
        };
        let Some(oc) = self.assigned[o] else {
            return true;
        };
        let (here, there) = (&dims[level].classes[ci].value, &dims[o].classes[oc].value);
        let (present, age) = if other == AGE {
            (here, there)
        } else {
            (there, here)
        };
        let mfa = matches!(present, ClassValue::Text(v) if v.eq_ignore_ascii_case("true"));
        mfa == (*age != ClassValue::Absent)
    }

    /// Completes the assignment, confirms the witness with the simulator, records the region.
    fn emit(&mut self, verdicts: &[Truth]) -> Result<(), Unknown> {
        let sp = self.space;
        let mut full = self.assigned.clone();
        for level in 0..full.len() {
            if full[level].is_none() {
                let saved = std::mem::replace(&mut self.assigned, full.clone());
                let pick = (0..sp.dims[level].classes.len())
                    .filter(|ci| self.allowed_class(level, *ci))
                    .min_by_key(|ci| sp.dims[level].classes[*ci].value != ClassValue::Absent);
                self.assigned = saved;
                full[level] = pick;
                if pick.is_none() {
                    // The classes chosen so far may hold no request AWS can make (an MFA age
                    // without MFA): that region is empty. Nothing else may leave one so.
                    let mfa = sp.dims[level].keys.iter().any(|k| {
                        k == "aws:multifactorauthage" || k == "aws:multifactorauthpresent"
                    });
                    if mfa {
                        return Ok(());
                    }
                    return Err(unknown("internal: no class completes the region"));
                }
            }
        }
        let witness = self.witness(&full);
        let mut decisions = Vec::new();
        for (set, want) in sp.sets.iter().zip(verdicts) {
            let call = CallInputs {
                principal: witness.principal.clone().into(),
                region: witness.region.clone(),
                user_keys: user_keys(&witness.context),
                now: witness.now,
                caller: crate::request::CallerFacts {
                    credentials: witness.credentials,
                    ..caller_facts(sp.sets)
                },
            };
            let r = crate::swf::simulate(&witness.request, set, &call, None, &mut self.run_ids);
            let Some(d) = r.decision else {
                return Err(unknown(format!(
                    "internal: the witness {} does not pass SWF's validation",
                    witness.to_json()
                )));
            };
            if (d == Decision::Allowed) != (*want == Truth::True) || d == Decision::Unknown {
                return Err(unknown(format!(
                    "internal: the evaluator decides {} on the witness {}, the analysis expected the opposite",
                    d.as_str(),
                    witness.to_json()
                )));
            }
            decisions.push(d);
        }
        self.found.push(RawRegion {
            sets: self
                .assigned
                .iter()
                .zip(&self.sets)
                .map(|(_, set)| set.as_ref().map(|s| s.iter().copied().collect()))
                .collect(),
            decisions,
            witness,
        });
        if self.found.len() >= self.max_regions {
            self.truncated = true;
        }
        Ok(())
    }

    fn witness(&self, full: &[Option<usize>]) -> Witness {
        let sp = self.space;
        let mut request = StartRequest {
            workflow_id: Some("swfsim-witness".into()),
            workflow_type: Some(WorkflowTypeRef {
                name: Some("Witness".into()),
                version: Some("1".into()),
            }),
            ..Default::default()
        };
        let mut region = "us-east-1".to_string();
        let mut account = "111122223333".to_string();
        let mut context = Vec::new();
        let mut now = 1_767_225_600; // 2026-01-01T00:00:00Z
        let mut tags: Vec<(usize, String)> = Vec::new();
        for (d, a) in sp.dims.iter().zip(full) {
            let Some(ci) = a else { continue };
            match &d.classes[*ci].value {
                ClassValue::Absent => {}
                ClassValue::Domain {
                    regions,
                    account: acct,
                    name,
                } => {
                    region = regions[0].clone();
                    account = acct.clone();
                    request.domain = Some(name.clone());
                }
                ClassValue::Clock(s) => {
                    now = *s;
                    context.push(("aws:CurrentTime".to_string(), format_time(*s)));
                    context.push(("aws:EpochTime".to_string(), s.to_string()));
                }
                ClassValue::Text(v) => match d.keys[0].as_str() {
                    "swf:workflowtype.name" => {
                        if let Some(t) = request.workflow_type.as_mut() {
                            t.name = Some(v.clone());
                        }
                    }
                    "swf:workflowtype.version" => {
                        if let Some(t) = request.workflow_type.as_mut() {
                            t.version = Some(v.clone());
                        }
                    }
                    "swf:tasklist.name" => request.task_list = Some(Some(v.clone())),
                    _ => match d.tag {
                        Some(i) => tags.push((i, v.clone())),
                        None => context.push((d.name.clone(), v.clone())),
                    },
                },
            }
        }
        for (k, v) in &sp.spec_context {
            if !context.iter().any(|(x, _)| x.eq_ignore_ascii_case(k)) {
                context.push((k.clone(), v.clone()));
            }
        }
        if !tags.is_empty() {
            tags.sort();
            request.tag_list = Some(tags.into_iter().map(|(_, v)| v).collect());
        }
        let principal = match &sp.principal {
            Some(p) => p.clone(),
            None => Principal::parse(&format!("arn:aws:iam::{account}:user/swfsim-witness"))
                .unwrap_or_else(|_| fallback_principal()),
        };
        // No age says MFA was not used (a present age makes the simulator say it was).
        let age_absent = sp.key_dim.get("aws:multifactorauthage").is_some_and(|&d| {
            full[d].is_some_and(|ci| sp.dims[d].classes[ci].value == ClassValue::Absent)
        });
        let has = |k: &str, context: &[(String, String)]| {
            context.iter().any(|(x, _)| x.eq_ignore_ascii_case(k))
        };
        if sp.mode.temporary && age_absent && !has("aws:MultiFactorAuthPresent", &context) {
            context.push(("aws:MultiFactorAuthPresent".into(), "false".into()));
        }
        // A call through a VPC endpoint carries its keys; one no policy reads stands for them.
        let via = |k: &str| crate::keys::under(k, &[Availability::ViaVpcEndpoint]);
        if sp.mode.via_endpoint && !context.iter().any(|(k, _)| via(k)) {
            context.push(("aws:SourceVpce".into(), "vpce-0a1b2c3d4e5f60789".into()));
        }
        // And a direct call its address, when the other pass went through an endpoint.
        if sp.mode.network && !sp.mode.via_endpoint && !has("aws:SourceIp", &context) {
            context.push(("aws:SourceIp".into(), "203.0.113.7".into()));
        }
        let credentials = (sp.mode.temporary && !principal.always_temporary())
            .then_some(crate::request::Credentials::Temporary);
        Witness {
            request,
            principal,
            region,
            context,
            now,
            credentials,
        }
    }
}

/// The witness caller of an account that parses (twelve digits always do; this is the
/// no-panic path).
fn fallback_principal() -> Principal {
    Principal::parse(crate::request::DEFAULT_PRINCIPAL).expect("the default principal parses")
}

/// Single-valued keys as the simulator takes them from a user.
fn user_keys(pairs: &[(String, String)]) -> Vec<UserKey> {
    pairs
        .iter()
        .map(|(k, v)| UserKey {
            key: k.clone(),
            values: vec![v.clone()],
            span: crate::source::Span::default(),
        })
        .collect()
}

/// The passes one caller needs: with temporary credentials only for a session or a
/// federated user, both ways for a caller who may sign either way when a policy reads a key
/// only temporary credentials carry; directly and through a VPC endpoint when a policy reads a
/// network key. The account is in an organization when service or resource control policies
/// apply, or an organization key is fixed.
fn modes(sets: &[&PolicySet], caller: Option<&Principal>, scope: &Scope) -> Vec<Mode> {
    // Whether a policy reads, or the SPEC fixes, a key of these rules.
    let reads = |rules: &[Availability]| {
        let of = |k: &str| crate::keys::under(k, rules);
        scope.spec.context.iter().any(|(k, _)| of(k))
            || sets.iter().any(|set| {
                statements(set).any(|(_, c)| c.conditions.iter().any(|cc| of(&cc.key_lower)))
            })
    };
    let kind = caller.map_or(crate::request::PrincipalType::User, |p| p.kind);
    let always_temporary = caller.is_some_and(Principal::always_temporary);
    let credentials: &[bool] = if always_temporary {
        &[true]
    } else if reads(&[
        Availability::TemporaryCredentials,
        Availability::MultiFactor,
        Availability::AssumeRoot,
    ]) {
        &[false, true]
    } else {
        &[false]
    };
    let network: &[bool] = if reads(&[
        Availability::NotViaVpcEndpoint,
        Availability::ViaVpcEndpoint,
    ]) {
        &[false, true]
    } else {
        &[false]
    };
    let spec_keys = user_keys(&scope.spec.context);
    // Without SCP or RCP levels, nothing says whether the account is in an organization: both.
    let organization: &[bool] = if crate::request::member(&caller_facts(sets), &spec_keys) {
        &[true]
    } else if reads(&[Availability::Organization]) {
        &[false, true]
    } else {
        &[false]
    };
    let mut out = Vec::new();
    for &temporary in credentials {
        for &via_endpoint in network {
            for &organization in organization {
                let mode = Mode {
                    free: caller.is_none(),
                    kind,
                    temporary,
                    via_endpoint,
                    network: network.len() > 1,
                    organization,
                };
                // A key the SPEC fixes is present: no pass where AWS leaves it out.
                let fits = spec_keys.iter().all(|k| {
                    crate::keys::lookup(&k.key)
                        .is_none_or(|g| presence(g.availability, &mode).is_some())
                });
                if fits {
                    out.push(mode);
                }
            }
        }
    }
    out
}

/// A region as the search finds it: a set of classes per dimension (`None`: every class).
#[derive(Clone, Debug)]
struct RawRegion {
    sets: Vec<Option<std::collections::BTreeSet<usize>>>,
    decisions: Vec<Decision>,
    witness: Witness,
}

/// Joins regions that differ in one dimension only, until none do: fewer, larger regions that
/// cover exactly the same requests (two boxes that differ in one coordinate make a box).
fn merge(
    mut regions: Vec<RawRegion>,
    dims: &[Dim],
    budget: &Budget,
) -> Result<Vec<RawRegion>, Unknown> {
    type Key = (
        Vec<Option<std::collections::BTreeSet<usize>>>,
        Vec<Decision>,
    );
    loop {
        let mut changed = false;
        for d in 0..dims.len() {
            let mut groups: automata::StateMap<Key, usize> = Default::default();
            let mut out: Vec<RawRegion> = Vec::with_capacity(regions.len());
            for r in regions.drain(..) {
                budget.check(&|| "merging the regions found".to_string())?;
                let mut key_sets = r.sets.clone();
                key_sets[d] = None;
                let key = (key_sets, r.decisions.clone());
                match groups.get(&key) {
                    Some(&i) => {
                        changed = true;
                        let joined = match (out[i].sets[d].take(), r.sets[d].clone()) {
                            (Some(mut a), Some(b)) => {
                                a.extend(b);
                                (a.len() < dims[d].classes.len()).then_some(a)
                            }
                            _ => None,
                        };
                        out[i].sets[d] = joined;
                    }
                    None => {
                        groups.insert(key, out.len());
                        out.push(r);
                    }
                }
            }
            regions = out;
        }
        if !changed {
            return Ok(regions);
        }
    }
}

/// Describes the classes the reported regions show, each once.
struct Describer<'d> {
    dims: &'d [Dim],
    products: Vec<Option<Product>>,
    described: HashMap<(usize, usize), Class>,
}

impl<'d> Describer<'d> {
    fn new(dims: &'d [Dim]) -> Describer<'d> {
        Describer {
            dims,
            products: vec![None; dims.len()],
            described: HashMap::new(),
        }
    }

    /// Class `ci` of dimension `di`, with its `holds`, `fails` and `any_of`.
    fn class(&mut self, di: usize, ci: usize, budget: &Budget) -> Result<&Class, Unknown> {
        if !self.described.contains_key(&(di, ci)) {
            let d = &self.dims[di];
            let mut class = d.classes[ci].clone();
            if class.value != ClassValue::Absent && !d.atoms.is_empty() && !class.members.is_empty()
            {
                let product =
                    self.products[di].get_or_insert_with(|| Product::new(d.atoms.clone()));
                describe_by_atoms(&mut class, d, product, budget)?;
            }
            class.members = Vec::new();
            self.described.insert((di, ci), class);
        }
        Ok(&self.described[&(di, ci)])
    }

    /// The constraint a set of classes of dimension `di` makes.
    fn constraint(
        &mut self,
        di: usize,
        set: &std::collections::BTreeSet<usize>,
        budget: &Budget,
    ) -> Result<Constraint, Unknown> {
        let mut classes = Vec::with_capacity(set.len());
        for &ci in set {
            classes.push(self.class(di, ci, budget)?.clone());
        }
        let d = &self.dims[di];
        let mut c = constraint(d, &classes);
        implied_fails(&d.atoms, &d.whole, &c.holds, &mut c.fails, budget)?;
        Ok(c)
    }
}

fn constraint(d: &Dim, classes: &[Class]) -> Constraint {
    let classes: Vec<&Class> = classes.iter().collect();
    let present: Vec<&Class> = classes
        .iter()
        .copied()
        .filter(|c| c.value != ClassValue::Absent)
        .collect();
    let common = |f: &dyn Fn(&Class) -> &Vec<String>| -> Vec<String> {
        match present.split_first() {
            None => Vec::new(),
            Some((first, rest)) => {
                let rest: Vec<std::collections::HashSet<&String>> =
                    rest.iter().map(|c| f(c).iter().collect()).collect();
                f(first)
                    .iter()
                    .filter(|x| rest.iter().all(|c| c.contains(x)))
                    .cloned()
                    .collect()
            }
        }
    };
    let mut regions: Vec<String> = Vec::new();
    let mut examples = Vec::new();
    for c in &present {
        match &c.value {
            ClassValue::Domain {
                regions: rs,
                account,
                name,
            } => {
                for r in rs {
                    if !regions.contains(r) {
                        regions.push(r.clone());
                    }
                }
                examples.push(format!("arn:aws:swf:{}:{account}:/domain/{name}", rs[0]));
            }
            ClassValue::Text(v) => examples.push(v.clone()),
            ClassValue::Clock(s) => examples.push(format_time(*s)),
            ClassValue::Absent => {}
        }
    }
    regions.sort_by_key(|r| (r != "us-east-1", r.clone()));
    Constraint {
        dimension: d.name.clone(),
        absent: classes.len() != present.len(),
        present: !present.is_empty(),
        holds: common(&|c| &c.holds),
        fails: common(&|c| &c.fails),
        any_of: if present.len() == 1 {
            present[0].any_of.clone()
        } else {
            Vec::new()
        },
        regions,
        examples,
    }
}

/// Runs an analysis: `Gained` and `Lost` compare `sets[0]` (old) with `sets[1]` (new); the
/// other goals look at `sets[0]` alone.
pub fn analyze(sets: &[&PolicySet], goal: Goal, scope: &Scope) -> Result<Analysis, Unknown> {
    let callers: Vec<Option<Principal>> = if scope.principals.is_empty() {
        vec![None]
    } else {
        scope.principals.iter().cloned().map(Some).collect()
    };
    let mut out = Analysis {
        regions: Vec::new(),
        truncated: false,
        dimensions: Vec::new(),
        classes: 0,
        nodes: 0,
        principals: scope.principals.iter().map(|p| p.arn.clone()).collect(),
        search_truncated: false,
    };
    let budget = Budget::new(scope.deadline);
    let cases = std::cell::OnceCell::new();
    let passes: Vec<(Option<Principal>, Mode)> = callers
        .into_iter()
        .flat_map(|caller| {
            modes(sets, caller.as_ref(), scope)
                .into_iter()
                .map(move |m| (caller.clone(), m))
        })
        .collect();
    if passes.is_empty() {
        return Err(Unknown {
            reason: "the SPEC's context fixes keys AWS never includes in one call".into(),
            help: Some(
                "a call carries aws:SourceIp or the VPC endpoint keys, not both; aws:username only for IAM users"
                    .into(),
            ),
        });
    }
    for (caller, mode) in passes {
        let space = Space::new(sets, caller, mode, scope, &cases, &budget)?;
        out.dimensions = space.dims.iter().map(|d| d.name.clone()).collect();
        out.classes = space.dims.iter().map(|d| d.classes.len()).sum();
        let mut search = Search {
            space: &space,
            goal,
            assigned: vec![None; space.dims.len()],
            sets: vec![None; space.dims.len()],
            nodes: 0,
            max_nodes: scope.max_nodes,
            max_regions: scope.search_regions.max(1),
            found: Vec::new(),
            truncated: false,
            run_ids: crate::swf::RunIds::new(1),
        };
        search.run(0)?;
        out.nodes += search.nodes;
        out.truncated |= search.truncated;
        out.search_truncated |= search.truncated;
        let mut describer = Describer::new(&space.dims);
        for raw in merge(search.found, &space.dims, &budget)? {
            let mut constraints: Vec<Constraint> = Vec::new();
            for (di, set) in raw.sets.iter().enumerate() {
                if let Some(set) = set {
                    constraints.push(describer.constraint(di, set, &budget)?);
                }
            }
            let caller = raw.witness.principal.arn.clone();
            let same = out
                .regions
                .iter_mut()
                .find(|r| r.constraints == constraints && r.decisions == raw.decisions);
            match same {
                Some(r) => {
                    if !r.callers.contains(&caller) {
                        r.callers.push(caller);
                    }
                }
                None => out.regions.push(Region {
                    constraints,
                    callers: vec![caller],
                    decisions: raw.decisions,
                    witness: raw.witness,
                }),
            }
        }
        if out.truncated {
            break;
        }
    }
    if out.regions.len() > scope.max_regions {
        out.regions.truncate(scope.max_regions);
        out.truncated = true;
    }
    Ok(out)
}
