//! The SWF state a call meets: domains, their workflow types and executions, and the indexes
//! that find them.

use super::index::TextIndex;
use crate::request::WorkflowTypeRef;
use std::collections::BTreeMap;

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

/// `defaultTaskList` as `{"name": ...}`.
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

impl World {
    /// The domains, in the world file's order.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// The domain of a name.
    pub fn domain(&self, name: &str) -> Option<&Domain> {
        self.domain_at(name).map(|d| &self.domains[d])
    }

    /// The place of the domain of a name.
    pub(super) fn domain_at(&self, name: &str) -> Option<usize> {
        let ds = &self.domains;
        let d = self
            .index
            .domains
            .find(name, |d| ds[d as usize].name == name)?;
        Some(d as usize)
    }

    /// The open execution of a `workflowId` in the domain at `domain`.
    pub(super) fn open_execution(&self, domain: usize, workflow_id: &str) -> Option<&Execution> {
        let open = &self.domains[domain].open_executions;
        let at = self.index.open[domain]
            .find(workflow_id, |e| open[e as usize].workflow_id == workflow_id)?;
        Some(&open[at as usize])
    }

    /// Whether an execution (open or closed) has this `runId`.
    pub(super) fn has_run_id(&self, run_id: &str) -> bool {
        let ds = &self.domains;
        self.index
            .run_ids
            .find(run_id, |p| run_id_at(ds, p) == run_id)
            .is_some()
    }

    /// Adds a domain whose open executions `open` indexes by `workflowId`; `false` (the domain
    /// added all the same, not found by name) when a domain of its name is already there.
    pub(super) fn add_domain(&mut self, domain: Domain, open: TextIndex<u32>) -> bool {
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
    pub(super) fn open(&mut self, domain: usize, execution: Execution) {
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
