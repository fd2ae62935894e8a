//! The SWF side: the world a call meets, request validation, and the start itself.
//!
//! [`simulate`] runs a call the way CONTRACT.md orders it: request validation
//! (`ValidationException`), IAM authorization (`OPERATION_NOT_PERMITTED`), domain exists, domain
//! not deprecated, type exists, type not deprecated (`UnknownResourceFault`,
//! `TypeDeprecatedFault`), defaults (`DefaultUndefinedFault`, in the order
//! executionStartToCloseTimeout, taskList, taskStartToCloseTimeout, childPolicy), the
//! open-execution limit (`LimitExceededFault`), the open `workflowId`
//! (`WorkflowExecutionAlreadyStartedFault`). Without a world it stops after authorization.

use crate::arn::Arn;
use crate::eval::{
    decide, Decision, Detail, EvalRequest, Evaluation, Evaluator, PolicySet, BRIEF, DEFERRED, FULL,
};
use crate::json::{Json, JsonValue};
use crate::request::{
    build_context, build_context_with, members, opt_string, CallInputs, CallKeys, Context,
    InputError, StartRequest, WorkflowTypeRef, WorldFacts, ACTION,
};
use crate::source::Span;
use index::TextIndex;
use std::collections::BTreeMap;

mod index;

/// `REGISTERED` or `DEPRECATED`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Usable.
    #[default]
    Registered,
    /// No new executions.
    Deprecated,
}

/// A registered workflow type (RegisterWorkflowType's fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowType {
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Status.
    pub status: Status,
    /// `defaultTaskList.name`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_task_list"
    )]
    pub default_task_list: Option<String>,
    /// `defaultTaskPriority`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_priority: Option<String>,
    /// `defaultExecutionStartToCloseTimeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_execution_start_to_close_timeout: Option<String>,
    /// `defaultTaskStartToCloseTimeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_start_to_close_timeout: Option<String>,
    /// `defaultChildPolicy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_child_policy: Option<String>,
    /// `defaultLambdaRole`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_lambda_role: Option<String>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

fn ser_task_list<S: serde::Serializer>(t: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(1))?;
    if let Some(name) = t {
        m.serialize_entry("name", name)?;
    }
    m.end()
}

/// An open execution.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Execution {
    /// `workflowId`.
    pub workflow_id: String,
    /// `runId`.
    pub run_id: String,
    /// Its type, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_type: Option<WorkflowTypeRef>,
}

/// A domain.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    /// Name.
    pub name: String,
    /// Status.
    pub status: Status,
    /// Tags (`aws:ResourceTag/KEY`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `workflowExecutionRetentionPeriodInDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_retention_period_in_days: Option<String>,
    /// Registered workflow types.
    pub workflow_types: Vec<WorkflowType>,
    /// Open executions.
    pub open_executions: Vec<Execution>,
    /// Closed executions (they never block a start).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub closed_executions: Vec<Execution>,
}

/// Limits.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// Open executions per domain (SWF's quota: 100,000).
    pub open_executions_per_domain: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            open_executions_per_domain: 100_000,
        }
    }
}

/// The SWF state a call meets.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct World {
    /// The account that owns the domains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The region the domains live in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Limits.
    pub limits: Limits,
    /// Domains ([`World::domains`]).
    domains: Vec<Domain>,
    /// Where each domain, open `workflowId` and `runId` stands.
    #[serde(skip)]
    index: WorldIndex,
}

/// Where a `runId` stands: a domain's open or closed execution.
#[derive(Clone, Copy, Debug)]
struct RunPlace {
    domain: u32,
    closed: bool,
    at: u32,
}

/// A world's indexes: found in constant time, so a batch's starts and a world's reading are
/// linear. Kept by the world alone (its domains are private), so never out of step with them.
#[derive(Clone, Debug, Default)]
struct WorldIndex {
    /// Domains by name.
    domains: TextIndex<u32>,
    /// For each domain, its open executions by `workflowId`.
    open: Vec<TextIndex<u32>>,
    /// Every execution by `runId` (open or closed: a new one must differ from both).
    run_ids: TextIndex<RunPlace>,
}

/// The indexes follow from the domains: two worlds of equal domains are equal.
impl PartialEq for WorldIndex {
    fn eq(&self, _: &WorldIndex) -> bool {
        true
    }
}

impl Eq for WorldIndex {}

/// Why a string is not an SWF name (domain, workflowId, type name or version, task list).
pub fn name_problem(s: &str) -> bool {
    // Every byte looked up in a table, no early exit: any byte a forbidden character can start
    // with (a C1 control is 0xC2 then 0x80 to 0x9F in UTF-8). Only a name with such a byte is
    // judged character by character.
    const MAYBE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = (b < 0x20 || matches!(b, b':' | b'/' | b'|' | 0x7f | 0xc2)) as u8;
            c += 1;
        }
        t
    };
    let maybe = s.bytes().fold(0, |hit, c| hit | MAYBE[usize::from(c)]);
    s == "arn"
        || (maybe != 0
            && s.chars().any(|c| {
                matches!(c, ':' | '/' | '|')
                    || (c as u32) <= 0x1f
                    || (0x7f..=0x9f).contains(&(c as u32))
            }))
}

/// Length as SWF (Java) counts it: UTF-16 code units (for ASCII, the bytes).
pub fn swf_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// The longest execution: one year.
pub const ONE_YEAR: u64 = 31_536_000;

/// A duration problem, if any: digits only, at most 8; `NONE` only where allowed; at most a year.
pub fn duration_problem(v: &str, none_ok: bool, max_year: bool) -> Option<&'static str> {
    if v == "NONE" {
        return (!none_ok).then_some("Member must not be NONE");
    }
    if v.is_empty() || v.len() > 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(if none_ok {
            "Member must be a whole number of seconds of at most 8 digits, or NONE"
        } else {
            "Member must be a whole number of seconds of at most 8 digits"
        });
    }
    if max_year && v.parse::<u64>().map_or(true, |n| n > ONE_YEAR) {
        return Some("Member must be at most 31536000 seconds (one year)");
    }
    None
}

/// The child policies.
pub const CHILD_POLICIES: &[&str] = &["TERMINATE", "REQUEST_CANCEL", "ABANDON"];

fn priority_ok(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && v.parse::<i32>().is_ok()
}

const NAME_RULE: &str = "Member must not contain a ':' (colon), '/' (slash), '|' (vertical bar), or any control characters (\\u0000-\\u001f | \\u007f-\\u009f), and must not be the literal string 'arn'";

impl World {
    /// Reads a world file; every problem is returned at once.
    pub fn from_json(json: &Json) -> Result<World, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut w = World::default();
        for (k, v) in members(
            json,
            "the world",
            &["account", "region", "limits", "domains"],
            &mut errors,
        ) {
            match k {
                "account" => {
                    w.account = opt_string(v, k, &mut errors);
                    if let Some(a) = &w.account {
                        if a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()) {
                            errors.push(InputError::new(
                                format!("`account` `{a}` is not a 12-digit account id"),
                                v.span,
                            ));
                        }
                    }
                }
                "region" => w.region = opt_string(v, k, &mut errors),
                "limits" => {
                    for (lk, lv) in
                        members(v, "`limits`", &["openExecutionsPerDomain"], &mut errors)
                    {
                        match &lv.value {
                            JsonValue::Number(n) if n.parse::<u64>().is_ok() => {
                                w.limits.open_executions_per_domain = n.parse().unwrap_or(100_000)
                            }
                            _ => errors.push(InputError::new(
                                format!("`limits.{lk}` must be a whole number"),
                                lv.span,
                            )),
                        }
                    }
                }
                _ => match v.as_array() {
                    Some(items) => {
                        for (i, d) in items.iter().enumerate() {
                            if let Some((d, open)) = domain_from_json(d, i, &mut errors) {
                                let twice = format!("domain `{}` is described twice", d.name);
                                if !w.add_domain(d, open) {
                                    errors.push(InputError::new(twice, items[i].span));
                                }
                            }
                        }
                    }
                    None => errors.push(InputError::new(
                        format!("`domains` must be an array, found {}", v.kind_name()),
                        v.span,
                    )),
                },
            }
        }
        if errors.is_empty() {
            Ok(w)
        } else {
            Err(errors)
        }
    }

    /// The domains, in the world file's order.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// The domain of a name.
    pub fn domain(&self, name: &str) -> Option<&Domain> {
        self.domain_at(name).map(|d| &self.domains[d])
    }

    /// The place of the domain of a name.
    fn domain_at(&self, name: &str) -> Option<usize> {
        let ds = &self.domains;
        let d = self
            .index
            .domains
            .find(name, |d| ds[d as usize].name == name)?;
        Some(d as usize)
    }

    /// The open execution of a `workflowId` in the domain at `domain`.
    fn open_execution(&self, domain: usize, workflow_id: &str) -> Option<&Execution> {
        let open = &self.domains[domain].open_executions;
        let at = self.index.open[domain]
            .find(workflow_id, |e| open[e as usize].workflow_id == workflow_id)?;
        Some(&open[at as usize])
    }

    /// Whether an execution (open or closed) has this `runId`.
    fn has_run_id(&self, run_id: &str) -> bool {
        let ds = &self.domains;
        self.index
            .run_ids
            .find(run_id, |p| run_id_at(ds, p) == run_id)
            .is_some()
    }

    /// Adds a domain whose open executions `open` indexes by `workflowId`; `false` (the domain
    /// added all the same, not found by name) when a domain of its name is already there.
    fn add_domain(&mut self, domain: Domain, open: TextIndex<u32>) -> bool {
        let d = self.domains.len() as u32;
        let ds = &self.domains;
        let new = self
            .index
            .domains
            .insert(&domain.name, d, |x| ds[x as usize].name == domain.name)
            .is_ok();
        self.domains.push(domain);
        self.index.open.push(open);
        let domain = &self.domains[d as usize];
        let places = [
            (false, &domain.open_executions),
            (true, &domain.closed_executions),
        ];
        for (closed, executions) in places {
            for (at, e) in executions.iter().enumerate() {
                let place = RunPlace {
                    domain: d,
                    closed,
                    at: at as u32,
                };
                let ds = &self.domains;
                // A `runId` given twice is found at its first place.
                let _ = self
                    .index
                    .run_ids
                    .insert(&e.run_id, place, |p| run_id_at(ds, p) == e.run_id);
            }
        }
        new
    }

    /// Opens an execution in the domain at `domain` (its `workflowId` not open there, its
    /// `runId` new to the world).
    fn open(&mut self, domain: usize, execution: Execution) {
        let ds = &self.domains;
        let open = &ds[domain].open_executions;
        let at = open.len() as u32;
        let place = RunPlace {
            domain: domain as u32,
            closed: false,
            at,
        };
        let by_id = self.index.open[domain].insert(&execution.workflow_id, at, |e| {
            open[e as usize].workflow_id == execution.workflow_id
        });
        let by_run = (self.index.run_ids).insert(&execution.run_id, place, |p| {
            run_id_at(ds, p) == execution.run_id
        });
        debug_assert!(by_id.is_ok() && by_run.is_ok());
        self.domains[domain].open_executions.push(execution);
    }
}

/// The `runId` at a place.
fn run_id_at(domains: &[Domain], p: RunPlace) -> &str {
    let d = &domains[p.domain as usize];
    let executions = if p.closed {
        &d.closed_executions
    } else {
        &d.open_executions
    };
    &executions[p.at as usize].run_id
}

impl Domain {
    /// The workflow type of a name and version.
    pub fn workflow_type(&self, name: &str, version: &str) -> Option<&WorkflowType> {
        self.workflow_types
            .iter()
            .find(|t| t.name == name && t.version == version)
    }
}

fn required_string(
    json: &Json,
    key: &str,
    what: &str,
    errors: &mut Vec<InputError>,
) -> Option<String> {
    match json.get(key) {
        Some(v) => {
            let s = opt_string(v, key, errors);
            if s.is_none() && matches!(v.value, JsonValue::Null) {
                errors.push(InputError::new(
                    format!("`{key}` of {what} must not be null"),
                    v.span,
                ));
            }
            s
        }
        None => {
            errors.push(InputError::new(
                format!("{what} needs `{key}`"),
                Span::new(json.span.start as usize, json.span.start as usize + 1),
            ));
            None
        }
    }
}

fn status(v: &Json, errors: &mut Vec<InputError>) -> Status {
    match v.as_str() {
        Some("REGISTERED") => Status::Registered,
        Some("DEPRECATED") => Status::Deprecated,
        Some(other) => {
            errors.push(
                InputError::new(format!("unknown status `{other}`"), v.span)
                    .with_help("a status is `REGISTERED` or `DEPRECATED`"),
            );
            Status::Registered
        }
        None => {
            errors.push(InputError::new(
                format!("`status` must be a string, found {}", v.kind_name()),
                v.span,
            ));
            Status::Registered
        }
    }
}

/// A domain, and its open executions indexed by `workflowId`.
fn domain_from_json(
    json: &Json,
    i: usize,
    errors: &mut Vec<InputError>,
) -> Option<(Domain, TextIndex<u32>)> {
    let what = format!("domain {}", i + 1);
    let known = [
        "name",
        "status",
        "tags",
        "description",
        "workflowExecutionRetentionPeriodInDays",
        "workflowTypes",
        "openExecutions",
        "closedExecutions",
    ];
    let ms = members(json, &what, &known, errors);
    let mut d = Domain::default();
    let mut open = TextIndex::default();
    let mut types = std::collections::HashSet::new();
    let name = required_string(json, "name", &what, errors)?;
    if name.is_empty() || swf_len(&name) > 256 || name_problem(&name) {
        errors.push(InputError::new(
            format!("`{name}` is not a valid domain name"),
            json.get("name").map_or(json.span, |v| v.span),
        ));
    }
    d.name = name;
    for (k, v) in ms {
        match k {
            "status" => d.status = status(v, errors),
            "description" => d.description = opt_string(v, k, errors),
            "workflowExecutionRetentionPeriodInDays" => {
                d.workflow_execution_retention_period_in_days = opt_string(v, k, errors)
            }
            "tags" => match v.as_object() {
                Some(tags) => {
                    for t in tags {
                        match t.value.as_str() {
                            Some(val) => {
                                if d.tags.insert(t.key.clone(), val.to_string()).is_some() {
                                    errors.push(InputError::new(
                                        format!("tag `{}` is given twice", t.key),
                                        t.key_span,
                                    ));
                                }
                            }
                            None => errors.push(InputError::new(
                                format!("tag `{}` must have a string value", t.key),
                                t.value.span,
                            )),
                        }
                    }
                }
                None => errors.push(InputError::new(
                    "`tags` must be an object of tag keys and values",
                    v.span,
                )),
            },
            "workflowTypes" => match v.as_array() {
                Some(items) => {
                    for (j, t) in items.iter().enumerate() {
                        if let Some(t) = type_from_json(t, &d.name, errors) {
                            if !types.insert((t.name.clone(), t.version.clone())) {
                                errors.push(InputError::new(
                                    format!("workflow type `{}` version `{}` is described twice in domain `{}`", t.name, t.version, d.name),
                                    items[j].span,
                                ));
                            }
                            d.workflow_types.push(t);
                        }
                    }
                }
                None => errors.push(InputError::new("`workflowTypes` must be an array", v.span)),
            },
            "openExecutions" | "closedExecutions" => match v.as_array() {
                Some(items) => {
                    for e in items {
                        if let Some(x) = execution_from_json(e, errors) {
                            if k == "openExecutions" {
                                let os = &d.open_executions;
                                let at = os.len() as u32;
                                if open
                                    .insert(&x.workflow_id, at, |o| {
                                        os[o as usize].workflow_id == x.workflow_id
                                    })
                                    .is_err()
                                {
                                    errors.push(InputError::new(
                                        format!("two open executions of domain `{}` have workflowId `{}`", d.name, x.workflow_id),
                                        e.span,
                                    ).with_help("SWF allows one open execution per workflowId in a domain"));
                                }
                                d.open_executions.push(x);
                            } else {
                                d.closed_executions.push(x);
                            }
                        }
                    }
                }
                None => errors.push(InputError::new(format!("`{k}` must be an array"), v.span)),
            },
            _ => {}
        }
    }
    Some((d, open))
}

fn type_from_json(json: &Json, domain: &str, errors: &mut Vec<InputError>) -> Option<WorkflowType> {
    let what = format!("a workflow type of domain `{domain}`");
    let known = [
        "name",
        "version",
        "status",
        "description",
        "defaultTaskList",
        "defaultTaskPriority",
        "defaultExecutionStartToCloseTimeout",
        "defaultTaskStartToCloseTimeout",
        "defaultChildPolicy",
        "defaultLambdaRole",
    ];
    let ms = members(json, &what, &known, errors);
    let name = required_string(json, "name", &what, errors);
    let version = required_string(json, "version", &what, errors);
    let (name, version) = (name?, version?);
    let mut t = WorkflowType {
        name,
        version,
        ..Default::default()
    };
    // What RegisterWorkflowType itself would refuse.
    let mut refuse = |span: Span, msg: String| {
        errors.push(
            InputError::new(msg, span).with_help("RegisterWorkflowType would refuse this type"),
        );
    };
    if t.name.is_empty() || swf_len(&t.name) > 256 || name_problem(&t.name) {
        refuse(
            json.span,
            format!("`{}` is not a valid workflow type name", t.name),
        );
    }
    if t.version.is_empty() || swf_len(&t.version) > 64 || name_problem(&t.version) {
        refuse(
            json.span,
            format!("`{}` is not a valid workflow type version", t.version),
        );
    }
    for (k, v) in ms {
        match k {
            "status" => t.status = status(v, errors),
            "description" => t.description = opt_string(v, k, errors),
            "defaultTaskList" => {
                let mut name = None;
                for (_, tv) in members(v, "`defaultTaskList`", &["name"], errors) {
                    name = opt_string(tv, "defaultTaskList.name", errors);
                }
                match &name {
                    Some(n) if n.is_empty() || swf_len(n) > 256 || name_problem(n) => errors.push(
                        InputError::new(format!("`{n}` is not a valid task list name"), v.span)
                            .with_help("RegisterWorkflowType would refuse this type"),
                    ),
                    None => {
                        errors.push(InputError::new("`defaultTaskList` needs a `name`", v.span))
                    }
                    _ => {}
                }
                t.default_task_list = name;
            }
            "defaultTaskPriority" => {
                t.default_task_priority = opt_string(v, k, errors);
                if let Some(p) = &t.default_task_priority {
                    if !priority_ok(p) {
                        errors.push(InputError::new(format!("`defaultTaskPriority` `{p}` is not an integer in Java's int range"), v.span).with_help("RegisterWorkflowType would refuse this type"));
                    }
                }
            }
            "defaultExecutionStartToCloseTimeout" | "defaultTaskStartToCloseTimeout" => {
                let val = opt_string(v, k, errors);
                if let Some(d) = &val {
                    let exec = k == "defaultExecutionStartToCloseTimeout";
                    if let Some(p) = duration_problem(d, !exec, exec) {
                        errors.push(
                            InputError::new(
                                format!("`{k}` `{d}`: {}", p.trim_start_matches("Member ")),
                                v.span,
                            )
                            .with_help("RegisterWorkflowType would refuse this type"),
                        );
                    }
                }
                if k == "defaultExecutionStartToCloseTimeout" {
                    t.default_execution_start_to_close_timeout = val;
                } else {
                    t.default_task_start_to_close_timeout = val;
                }
            }
            "defaultChildPolicy" => {
                t.default_child_policy = opt_string(v, k, errors);
                if let Some(c) = &t.default_child_policy {
                    if !CHILD_POLICIES.contains(&c.as_str()) {
                        errors.push(InputError::new(format!("`defaultChildPolicy` `{c}` is not one of TERMINATE, REQUEST_CANCEL, ABANDON"), v.span).with_help("RegisterWorkflowType would refuse this type"));
                    }
                }
            }
            "defaultLambdaRole" => t.default_lambda_role = opt_string(v, k, errors),
            _ => {}
        }
    }
    Some(t)
}

fn execution_from_json(json: &Json, errors: &mut Vec<InputError>) -> Option<Execution> {
    let ms = members(
        json,
        "an execution",
        &["workflowId", "runId", "workflowType"],
        errors,
    );
    let workflow_id = required_string(json, "workflowId", "an execution", errors)?;
    let mut e = Execution {
        workflow_id,
        ..Default::default()
    };
    for (k, v) in ms {
        match k {
            "runId" => e.run_id = opt_string(v, k, errors).unwrap_or_default(),
            "workflowType" => {
                let mut t = WorkflowTypeRef::default();
                for (tk, tv) in members(v, "`workflowType`", &["name", "version"], errors) {
                    if tk == "name" {
                        t.name = opt_string(tv, "workflowType.name", errors);
                    } else {
                        t.version = opt_string(tv, "workflowType.version", errors);
                    }
                }
                e.workflow_type = Some(t);
            }
            _ => {}
        }
    }
    Some(e)
}

/// One violated constraint.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    /// The member path (`workflowId`, `workflowType.name`, `tagList.1.member`).
    pub path: String,
    /// The value (`None` for a missing member).
    pub value: Option<String>,
    /// The constraint, in AWS's words.
    pub constraint: String,
}

/// AWS's message: `1 validation error detected: Value 'x' at 'p' failed to satisfy constraint: ...`.
pub fn validation_message(v: &[Violation]) -> String {
    let items: Vec<String> = v
        .iter()
        .map(|x| match &x.value {
            Some(val) => format!(
                "Value '{val}' at '{}' failed to satisfy constraint: {}",
                x.path, x.constraint
            ),
            None => format!(
                "Value null at '{}' failed to satisfy constraint: {}",
                x.path, x.constraint
            ),
        })
        .collect();
    let head = if v.len() == 1 {
        "1 validation error detected: ".to_string()
    } else {
        format!("{} validation errors detected: ", v.len())
    };
    head + &items.join("; ")
}

/// Checks every rule of the API model and the documented character rules; returns every violation.
pub fn validate(r: &StartRequest) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut push = |path: &str, value: Option<&str>, constraint: &str| {
        out.push(Violation {
            path: path.to_string(),
            value: value.map(str::to_string),
            constraint: constraint.to_string(),
        })
    };
    let name = |path: &str,
                v: Option<&str>,
                max: usize,
                push: &mut dyn FnMut(&str, Option<&str>, &str)| match v {
        None => push(path, None, "Member must not be null"),
        Some(s) => {
            let len = swf_len(s);
            if len < 1 {
                push(
                    path,
                    Some(s),
                    "Member must have length greater than or equal to 1",
                );
            } else if len > max {
                push(
                    path,
                    Some(s),
                    &format!("Member must have length less than or equal to {max}"),
                );
            }
            if name_problem(s) {
                push(path, Some(s), NAME_RULE);
            }
        }
    };
    name("domain", r.domain.as_deref(), 256, &mut push);
    name("workflowId", r.workflow_id.as_deref(), 256, &mut push);
    match &r.workflow_type {
        None => push("workflowType", None, "Member must not be null"),
        Some(t) => {
            name("workflowType.name", t.name.as_deref(), 256, &mut push);
            name("workflowType.version", t.version.as_deref(), 64, &mut push);
        }
    }
    if let Some(tl) = &r.task_list {
        name("taskList.name", tl.as_deref(), 256, &mut push);
    }
    if let Some(p) = &r.task_priority {
        if !priority_ok(p) {
            push(
                "taskPriority",
                Some(p),
                "Member must be an integer between -2147483648 and 2147483647",
            );
        }
    }
    if let Some(i) = &r.input {
        if swf_len(i) > 32_768 {
            push(
                "input",
                Some(i),
                "Member must have length less than or equal to 32768",
            );
        }
    }
    if let Some(d) = &r.execution_start_to_close_timeout {
        if let Some(p) = duration_problem(d, false, true) {
            push("executionStartToCloseTimeout", Some(d), p);
        }
    }
    if let Some(d) = &r.task_start_to_close_timeout {
        if let Some(p) = duration_problem(d, true, false) {
            push("taskStartToCloseTimeout", Some(d), p);
        }
    }
    if let Some(c) = &r.child_policy {
        if !CHILD_POLICIES.contains(&c.as_str()) {
            push(
                "childPolicy",
                Some(c),
                "Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]",
            );
        }
    }
    if let Some(tags) = &r.tag_list {
        if tags.len() > 5 {
            let shown = format!("[{}]", tags.join(", "));
            push(
                "tagList",
                Some(&shown),
                "Member must have length less than or equal to 5",
            );
        }
        for (i, t) in tags.iter().enumerate() {
            if swf_len(t) > 256 {
                push(
                    &format!("tagList.{}.member", i + 1),
                    Some(t),
                    "Member must have length less than or equal to 256",
                );
            }
        }
    }
    if let Some(l) = &r.lambda_role {
        if swf_len(l) < 1 {
            push(
                "lambdaRole",
                Some(l),
                "Member must have length greater than or equal to 1",
            );
        } else if swf_len(l) > 1600 {
            push(
                "lambdaRole",
                Some(l),
                "Member must have length less than or equal to 1600",
            );
        }
    }
    out
}

/// The outcome of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// Started (world given).
    #[serde(rename = "started")]
    Started,
    /// Allowed and valid (no world).
    #[serde(rename = "authorized")]
    Authorized,
    /// IAM denied.
    #[serde(rename = "OPERATION_NOT_PERMITTED")]
    OperationNotPermitted,
    /// Bad request.
    ValidationException,
    /// No such domain or type.
    UnknownResourceFault,
    /// Deprecated type (or domain).
    TypeDeprecatedFault,
    /// A required setting has no value and no default.
    DefaultUndefinedFault,
    /// Too many open executions.
    LimitExceededFault,
    /// An open execution has this workflowId.
    WorkflowExecutionAlreadyStartedFault,
    /// The tool could not decide.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Outcome {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Started => "started",
            Outcome::Authorized => "authorized",
            Outcome::OperationNotPermitted => "OPERATION_NOT_PERMITTED",
            Outcome::ValidationException => "ValidationException",
            Outcome::UnknownResourceFault => "UnknownResourceFault",
            Outcome::TypeDeprecatedFault => "TypeDeprecatedFault",
            Outcome::DefaultUndefinedFault => "DefaultUndefinedFault",
            Outcome::LimitExceededFault => "LimitExceededFault",
            Outcome::WorkflowExecutionAlreadyStartedFault => "WorkflowExecutionAlreadyStartedFault",
            Outcome::Unknown => "unknown",
        }
    }

    /// Whether the answer is yes (exit 0).
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Started | Outcome::Authorized)
    }
}

/// A fault with its message (and, where the tool knows more, a note for a person).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The message SWF returns.
    pub message: String,
    /// Why, in words.
    pub detail: String,
}

/// The `WorkflowExecutionStarted` event attributes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartedEvent {
    /// `input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Resolved execution timeout.
    pub execution_start_to_close_timeout: String,
    /// Resolved decision-task timeout.
    pub task_start_to_close_timeout: String,
    /// Resolved child policy.
    pub child_policy: String,
    /// Resolved task list.
    pub task_list: TaskListName,
    /// Resolved priority (`0` when neither the request nor the type sets one).
    pub task_priority: String,
    /// The type.
    pub workflow_type: WorkflowTypeRef,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// 0 for an API start.
    pub parent_initiated_event_id: i64,
    /// Resolved Lambda role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

/// `{"name": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TaskListName {
    /// The name.
    pub name: String,
}

/// Where a resolved setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SettingSource {
    /// The request.
    Request,
    /// The type's default.
    TypeDefault,
    /// SWF's documented fallback (priority 0).
    ServiceDefault,
}

/// The result of one simulated call.
#[derive(Clone, Debug)]
pub struct SimResult {
    /// The IAM decision (`None` when validation failed first).
    pub decision: Option<Decision>,
    /// The outcome.
    pub outcome: Outcome,
    /// The domain ARN that was (or would be) authorized.
    pub resource: String,
    /// The request context.
    pub context: Context,
    /// The IAM trace.
    pub evaluation: Option<Evaluation>,
    /// Validation problems.
    pub violations: Vec<Violation>,
    /// The fault, for SWF faults and denials.
    pub fault: Option<Fault>,
    /// The new run's id.
    pub run_id: Option<String>,
    /// The started event.
    pub event: Option<StartedEvent>,
    /// Where each resolved setting came from.
    pub settings: Vec<(&'static str, SettingSource)>,
    /// Facts about the world that shaped the answer.
    pub notes: Vec<String>,
}

/// Generates run ids: 48 base64 characters and `=`, like SWF's; reproducible from a seed.
#[derive(Clone, Debug)]
pub struct RunIds {
    state: u64,
}

impl RunIds {
    /// From a seed.
    pub fn new(seed: u64) -> RunIds {
        RunIds { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        // SplitMix64.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next id.
    pub fn next_id(&mut self) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::with_capacity(49);
        while s.len() < 48 {
            let mut x = self.next_u64();
            for _ in 0..10 {
                if s.len() == 48 {
                    break;
                }
                s.push(A[(x & 63) as usize] as char);
                x >>= 6;
            }
        }
        s.push('=');
        s
    }
}

/// Runs one call against the policies and, if given, the world (which a start changes).
pub fn simulate(
    request: &StartRequest,
    policies: &PolicySet,
    call: &CallInputs,
    world: Option<&mut World>,
    run_ids: &mut RunIds,
) -> SimResult {
    simulate_with(request, policies, call, world, run_ids, Detail::Full)
}

/// [`simulate`], its evaluation kept as `detail` asks ([`Detail::Brief`]: what a brief
/// explanation shows); everything else is the same.
pub fn simulate_with(
    request: &StartRequest,
    policies: &PolicySet,
    call: &CallInputs,
    world: Option<&mut World>,
    run_ids: &mut RunIds,
    detail: Detail,
) -> SimResult {
    match detail {
        Detail::Full => simulate_in::<FULL>(request, policies, None, call, world, run_ids),
        Detail::Brief => simulate_in::<BRIEF>(request, policies, None, call, world, run_ids),
        Detail::Deferred => simulate_in::<DEFERRED>(request, policies, None, call, world, run_ids),
    }
}

/// [`simulate_with`] for one of many calls against the same policies: `evaluator` (see
/// [`Evaluator`]) remembers what the calls before found of each statement's Action and
/// Resource, and `calls` (see [`CallKeys`]) the context keys of each call. The result is
/// [`simulate_with`]'s.
pub fn simulate_planned(
    request: &StartRequest,
    evaluator: &mut Evaluator<'_>,
    calls: &mut CallKeys,
    call: &CallInputs,
    world: Option<&mut World>,
    run_ids: &mut RunIds,
    detail: Detail,
) -> SimResult {
    let policies = evaluator.policies();
    let kept = Some((evaluator, calls));
    match detail {
        Detail::Full => simulate_in::<FULL>(request, policies, kept, call, world, run_ids),
        Detail::Brief => simulate_in::<BRIEF>(request, policies, kept, call, world, run_ids),
        Detail::Deferred => simulate_in::<DEFERRED>(request, policies, kept, call, world, run_ids),
    }
}

/// [`simulate_with`], one copy for each detail (see [`Detail`]), each with its
/// evaluation inlined; through an evaluator and call keys when given (the evaluator's policies
/// are `policies`).
fn simulate_in<const DETAIL: u8>(
    request: &StartRequest,
    policies: &PolicySet,
    kept: Option<(&mut Evaluator<'_>, &mut CallKeys)>,
    call: &CallInputs,
    world: Option<&mut World>,
    run_ids: &mut RunIds,
) -> SimResult {
    let domain_name = request.domain.as_deref().unwrap_or_default();
    // The world's account is copied (the world changes below); the caller's is borrowed.
    let account: std::borrow::Cow<'_, str> = match world.as_ref().and_then(|w| w.account.as_deref())
    {
        Some(a) => a.to_string().into(),
        None => call.principal.account.as_str().into(),
    };
    let resource = Arn::swf_domain_text(
        &call.principal.partition,
        &call.region,
        &account,
        domain_name,
    );
    let mut notes = Vec::new();
    // The world as this call sees it: only in the world's region.
    let in_region = world
        .as_ref()
        .is_some_and(|w| w.region.as_deref().is_none_or(|r| r == call.region));
    if let Some(w) = world.as_ref() {
        if !in_region {
            notes.push(format!(
                "the call is sent to region `{}`, the world's domains are in `{}`",
                call.region,
                w.region.as_deref().unwrap_or("")
            ));
        }
    }
    let domain = world
        .as_ref()
        .filter(|_| in_region)
        .and_then(|w| w.domain(domain_name));
    let wtype = match (&request.workflow_type, domain) {
        (
            Some(WorkflowTypeRef {
                name: Some(n),
                version: Some(v),
            }),
            Some(d),
        ) => d.workflow_type(n, v),
        _ => None,
    };
    let tags: Option<Vec<(String, String)>> =
        domain.map(|d| d.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
    let facts = WorldFacts {
        default_task_list: wtype.and_then(|t| t.default_task_list.as_deref()),
        domain_tags: tags.as_deref(),
    };
    let (context, evaluator) = match kept {
        Some((e, calls)) => (
            build_context_with(request, call, &account, &facts, calls),
            Some(e),
        ),
        None => (build_context(request, call, &account, &facts), None),
    };
    let mut result = SimResult {
        decision: None,
        outcome: Outcome::ValidationException,
        resource,
        context,
        evaluation: None,
        violations: Vec::new(),
        fault: None,
        run_id: None,
        event: None,
        settings: Vec::new(),
        notes,
    };
    // 1. Validation.
    let violations = validate(request);
    if !violations.is_empty() {
        result.fault = Some(Fault {
            message: validation_message(&violations),
            detail:
                "the request breaks the rules of the SWF API; SWF answers before IAM is consulted"
                    .into(),
        });
        result.violations = violations;
        return result;
    }
    // 2. IAM.
    let eval_req = EvalRequest {
        action: ACTION,
        resource: &result.resource,
        resource_account: &account,
        principal: &call.principal,
        context: &result.context,
    };
    let evaluation = match evaluator {
        Some(e) => e.evaluate_in::<DETAIL>(&eval_req),
        None => crate::eval::evaluate_in::<DETAIL>(policies, &eval_req, None),
    };
    debug_assert_eq!(decide(policies, &eval_req), evaluation.decision);
    let decision = evaluation.decision;
    result.decision = Some(decision);
    result.evaluation = Some(evaluation);
    match decision {
        Decision::Allowed => {}
        Decision::Unknown => {
            result.outcome = Outcome::Unknown;
            return result;
        }
        Decision::ExplicitDeny | Decision::ImplicitDeny => {
            result.outcome = Outcome::OperationNotPermitted;
            result.fault = Some(Fault {
                // AWS's wording; `concat` sizes the message once (most batch lines are denials).
                message: [
                    "User: ",
                    &call.principal.arn,
                    " is not authorized to perform: ",
                    ACTION,
                    " on resource: ",
                    &result.resource,
                ]
                .concat(),
                detail: String::new(),
            });
            return result;
        }
    }
    let Some(world) = world else {
        result.outcome = Outcome::Authorized;
        return result;
    };
    // 3. Domain and type.
    let fault = |result: &mut SimResult, outcome: Outcome, message: String, detail: String| {
        result.outcome = outcome;
        result.fault = Some(Fault { message, detail });
    };
    let t = request.workflow_type.clone().unwrap_or_default();
    let (tname, tversion) = (t.name.unwrap_or_default(), t.version.unwrap_or_default());
    let type_text = format!("WorkflowType=[name={tname}, version={tversion}]");
    let Some(at) = world.domain_at(domain_name).filter(|_| in_region) else {
        let detail = if in_region {
            format!("the world has no domain `{domain_name}`")
        } else {
            format!(
                "domains exist only in the world's region; the call went to `{}`",
                call.region
            )
        };
        fault(
            &mut result,
            Outcome::UnknownResourceFault,
            format!("Unknown domain: {domain_name}"),
            detail,
        );
        return result;
    };
    let domain = &world.domains[at];
    if domain.status == Status::Deprecated {
        fault(
            &mut result,
            Outcome::TypeDeprecatedFault,
            type_text,
            format!("domain `{domain_name}` is deprecated, which deprecates all its types"),
        );
        return result;
    }
    let Some(wt) = domain.workflow_type(&tname, &tversion) else {
        fault(
            &mut result,
            Outcome::UnknownResourceFault,
            format!("Unknown type: {type_text}"),
            format!("domain `{domain_name}` has no workflow type `{tname}` version `{tversion}`"),
        );
        return result;
    };
    if wt.status == Status::Deprecated {
        fault(
            &mut result,
            Outcome::TypeDeprecatedFault,
            type_text,
            format!("workflow type `{tname}` version `{tversion}` is deprecated"),
        );
        return result;
    }
    // 4. Defaults.
    let mut settings = Vec::new();
    let mut pick = |name: &'static str, req: Option<&str>, def: Option<&str>| -> Option<String> {
        match (req.filter(|s| !s.is_empty()), def) {
            (Some(v), _) => {
                settings.push((name, SettingSource::Request));
                Some(v.to_string())
            }
            (None, Some(d)) => {
                settings.push((name, SettingSource::TypeDefault));
                Some(d.to_string())
            }
            (None, None) => None,
        }
    };
    let estc = pick(
        "executionStartToCloseTimeout",
        request.execution_start_to_close_timeout.as_deref(),
        wt.default_execution_start_to_close_timeout.as_deref(),
    );
    let task_list = pick(
        "taskList",
        request.task_list_name(),
        wt.default_task_list.as_deref(),
    );
    let tstc = pick(
        "taskStartToCloseTimeout",
        request.task_start_to_close_timeout.as_deref(),
        wt.default_task_start_to_close_timeout.as_deref(),
    );
    let child = pick(
        "childPolicy",
        request.child_policy.as_deref(),
        wt.default_child_policy.as_deref(),
    );
    let priority = pick(
        "taskPriority",
        request.task_priority.as_deref(),
        wt.default_task_priority.as_deref(),
    );
    let lambda = pick(
        "lambdaRole",
        request.lambda_role.as_deref(),
        wt.default_lambda_role.as_deref(),
    );
    let missing = [
        ("executionStartToCloseTimeout", estc.is_none()),
        ("taskList", task_list.is_none()),
        ("taskStartToCloseTimeout", tstc.is_none()),
        ("childPolicy", child.is_none()),
    ]
    .into_iter()
    .find(|(_, m)| *m);
    if let Some((member, _)) = missing {
        let default_name = format!(
            "default{}{}",
            member[..1].to_ascii_uppercase(),
            &member[1..]
        );
        fault(
            &mut result,
            Outcome::DefaultUndefinedFault,
            member.to_string(),
            format!("the request has no `{member}` and workflow type `{tname}` version `{tversion}` registered no `{default_name}`"),
        );
        return result;
    }
    if priority.is_none() {
        settings.push(("taskPriority", SettingSource::ServiceDefault));
    }
    result.settings = settings;
    // 5. Limit.
    let open = domain.open_executions.len() as u64;
    let limit = world.limits.open_executions_per_domain;
    if open >= limit {
        fault(
            &mut result,
            Outcome::LimitExceededFault,
            format!("The maximum number of open workflow executions ({limit}) in domain {domain_name} has been reached"),
            format!("domain `{domain_name}` has {open} open executions; the limit is {limit}"),
        );
        return result;
    }
    // 6. Open workflowId.
    let workflow_id = request.workflow_id.clone().unwrap_or_default();
    if let Some(existing) = world.open_execution(at, &workflow_id) {
        fault(
            &mut result,
            Outcome::WorkflowExecutionAlreadyStartedFault,
            String::new(),
            format!("domain `{domain_name}` has an open execution with workflowId `{workflow_id}` (runId `{}`)", existing.run_id),
        );
        return result;
    }
    // 7. Start.
    let mut run_id = run_ids.next_id();
    while world.has_run_id(&run_id) {
        run_id = run_ids.next_id();
    }
    let workflow_type = WorkflowTypeRef {
        name: Some(tname),
        version: Some(tversion),
    };
    result.event = Some(StartedEvent {
        input: request.input.clone(),
        execution_start_to_close_timeout: estc.unwrap_or_default(),
        task_start_to_close_timeout: tstc.unwrap_or_default(),
        child_policy: child.unwrap_or_default(),
        task_list: TaskListName {
            name: task_list.unwrap_or_default(),
        },
        task_priority: priority.unwrap_or_else(|| "0".to_string()),
        workflow_type: workflow_type.clone(),
        tag_list: request.tag_list.clone(),
        parent_initiated_event_id: 0,
        lambda_role: lambda,
    });
    world.open(
        at,
        Execution {
            workflow_id,
            run_id: run_id.clone(),
            workflow_type: Some(workflow_type),
        },
    );
    result.run_id = Some(run_id);
    result.outcome = Outcome::Started;
    result
}

#[cfg(test)]
mod tests;
