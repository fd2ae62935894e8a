//! The faults of an authorized call that the world decides: no such domain or type, a
//! deprecated one, the open-execution limit, an open `workflowId`.

use super::outcome::{Fault, Outcome};
use super::start::Place;
use super::world::{Status, WorkflowType, World};

/// Why SWF refuses a call the policies allow: the outcome and its fault.
pub(super) struct Refusal {
    /// The outcome.
    pub(super) outcome: Outcome,
    /// SWF's message and the reason in words.
    pub(super) fault: Fault,
}

impl Refusal {
    /// A refusal with SWF's `message` and the reason in words.
    pub(super) fn new(outcome: Outcome, message: String, detail: String) -> Refusal {
        Refusal {
            outcome,
            fault: Fault { message, detail },
        }
    }
}

/// Step 3: the place of the call's domain in the world and its workflow type, both existing
/// and not deprecated.
pub(super) fn domain_and_type<'w>(
    world: &'w World,
    place: &Place<'_>,
    tname: &str,
    tversion: &str,
) -> Result<(usize, &'w WorkflowType), Refusal> {
    let domain_name = place.domain;
    let type_text = format!("WorkflowType=[name={tname}, version={tversion}]");
    let Some(at) = world.domain_at(domain_name).filter(|_| place.in_region) else {
        let detail = if place.in_region {
            format!("the world has no domain `{domain_name}`")
        } else {
            format!(
                "domains exist only in the world's region; the call went to `{}`",
                place.region
            )
        };
        return Err(Refusal::new(
            Outcome::UnknownResourceFault,
            format!("Unknown domain: {domain_name}"),
            detail,
        ));
    };
    let domain = &world.domains()[at];
    if domain.status == Status::Deprecated {
        return Err(Refusal::new(
            Outcome::TypeDeprecatedFault,
            type_text,
            format!("domain `{domain_name}` is deprecated, which deprecates all its types"),
        ));
    }
    let Some(wt) = domain.workflow_type(tname, tversion) else {
        return Err(Refusal::new(
            Outcome::UnknownResourceFault,
            format!("Unknown type: {type_text}"),
            format!("domain `{domain_name}` has no workflow type `{tname}` version `{tversion}`"),
        ));
    };
    if wt.status == Status::Deprecated {
        return Err(Refusal::new(
            Outcome::TypeDeprecatedFault,
            type_text,
            format!("workflow type `{tname}` version `{tversion}` is deprecated"),
        ));
    }
    Ok((at, wt))
}

/// Steps 5 and 6: the domain at `at` is below its open-execution limit and has no open
/// execution of `workflow_id`.
pub(super) fn room_for(
    world: &World,
    at: usize,
    domain_name: &str,
    workflow_id: &str,
) -> Result<(), Refusal> {
    let open = world.domains()[at].open_executions.len() as u64;
    let limit = world.limits.open_executions_per_domain;
    if open >= limit {
        return Err(Refusal::new(
            Outcome::LimitExceededFault,
            format!("The maximum number of open workflow executions ({limit}) in domain {domain_name} has been reached"),
            format!("domain `{domain_name}` has {open} open executions; the limit is {limit}"),
        ));
    }
    if let Some(existing) = world.open_execution(at, workflow_id) {
        return Err(Refusal::new(
            Outcome::WorkflowExecutionAlreadyStartedFault,
            String::new(),
            format!("domain `{domain_name}` has an open execution with workflowId `{workflow_id}` (runId `{}`)", existing.run_id),
        ));
    }
    Ok(())
}
