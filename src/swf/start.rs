//! The call itself, in SWF's order: validation, authorization, the world's faults, the
//! defaults, the start.

use super::defaults;
use super::faults::{self, Refusal};
use super::outcome::{DefaultInput, Fault, Outcome, SimResult, StartedEvent, TaskListName};
use super::run_id::RunIds;
use super::validate::{validate, validation_message};
use super::world::{Execution, World};
use crate::arn::Arn;
use crate::eval::{
    decide, Decision, Detail, EvalRequest, Evaluator, PolicySet, Reason, BRIEF, DEFERRED, FULL,
};
use crate::request::{
    build_context, build_context_with, CallInputs, CallKeys, Context, StartRequest,
    WorkflowTypeRef, WorldFacts, ACTION,
};
use std::borrow::Cow;

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
    let account: Cow<'_, str> = match world.as_ref().and_then(|w| w.account.as_deref()) {
        Some(a) => a.to_string().into(),
        None => call.principal.account.as_str().into(),
    };
    let resource = Arn::swf_domain_text(
        &call.principal.partition,
        &call.region,
        &account,
        domain_name,
    );
    // The world as this call sees it: only in the world's region.
    let in_region = world
        .as_ref()
        .is_some_and(|w| w.region.as_deref().is_none_or(|r| r == call.region));
    let notes = region_notes(world.as_deref(), in_region, &call.region);
    let (evaluator, calls) = match kept {
        Some((e, calls)) => (Some(e), Some(calls)),
        None => (None, None),
    };
    let seen = world.as_deref().filter(|_| in_region);
    let of_world = world.as_ref().is_some_and(|w| w.account.is_some());
    let context = call_context(
        request,
        domain_name,
        call,
        (&account, of_world),
        seen,
        calls,
    );
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
        defaults: Vec::new(),
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
    if !authorize::<DETAIL>(&mut result, policies, evaluator, call, &account) {
        result.defaults = defaults_in_denial(&result, call, &account, of_world);
        return result;
    }
    let Some(world) = world else {
        result.outcome = Outcome::Authorized;
        return result;
    };
    // 3 to 7: the world.
    let place = Place {
        domain: domain_name,
        in_region,
        region: &call.region,
    };
    if let Err(Refusal { outcome, fault }) = start_in(&mut result, request, world, &place, run_ids)
    {
        result.outcome = outcome;
        result.fault = Some(fault);
    }
    result
}

/// Where a call meets the world: the domain it names, and whether the call is sent to the
/// world's region.
pub(super) struct Place<'c> {
    /// The request's domain (empty when it names none).
    pub(super) domain: &'c str,
    /// Whether the call is sent to the world's region.
    pub(super) in_region: bool,
    /// The region the call is sent to.
    pub(super) region: &'c str,
}

/// A note when the call is sent to another region than the world's.
fn region_notes(world: Option<&World>, in_region: bool, region: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(w) = world {
        if !in_region {
            notes.push(format!(
                "the call is sent to region `{region}`, the world's domains are in `{}`",
                w.region.as_deref().unwrap_or("")
            ));
        }
    }
    notes
}

/// The call's request context, with what the world (`None` outside its region) says of the
/// domain: its tags, the workflow type's default task list; through the call keys when given.
fn call_context(
    request: &StartRequest,
    domain_name: &str,
    call: &CallInputs,
    (account, account_of_world): (&str, bool),
    world: Option<&World>,
    calls: Option<&mut CallKeys>,
) -> Context {
    let domain = world.and_then(|w| w.domain(domain_name));
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
        account_of_world,
    };
    match calls {
        Some(calls) => build_context_with(request, call, account, &facts, calls),
        None => build_context(request, call, account, &facts),
    }
}

/// The inputs swfsim supplied by default that IAM's denial was decided with (none for an
/// answer that is not a denial). A cross-account denial is decided by the accounts alone: the
/// caller's, when it is the default. Any other denial may hang on every input: each default.
fn defaults_in_denial(
    result: &SimResult,
    call: &CallInputs,
    account: &str,
    account_of_world: bool,
) -> Vec<DefaultInput> {
    let Some(e) = result.evaluation.as_ref() else {
        return Vec::new();
    };
    if !matches!(e.decision, Decision::ExplicitDeny | Decision::ImplicitDeny) {
        return Vec::new();
    }
    let given = call.caller.defaulted;
    let mut out = Vec::new();
    if given.principal {
        out.push(DefaultInput::Principal(call.principal.arn.clone()));
    }
    if matches!(e.reason, Reason::CrossAccount { .. }) {
        return out;
    }
    if given.region {
        out.push(DefaultInput::Region(call.region.clone()));
    }
    if !account_of_world {
        out.push(DefaultInput::Account(account.to_string()));
    }
    out
}

/// Step 2, IAM authorization: records the decision and its evaluation; `false` when the call
/// ends here (a denial, or a decision swfsim cannot make).
fn authorize<const DETAIL: u8>(
    result: &mut SimResult,
    policies: &PolicySet,
    evaluator: Option<&mut Evaluator<'_>>,
    call: &CallInputs,
    account: &str,
) -> bool {
    let eval_req = EvalRequest {
        action: ACTION,
        resource: &result.resource,
        resource_account: account,
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
        Decision::Allowed => true,
        Decision::Unknown => {
            result.outcome = Outcome::Unknown;
            false
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
            false
        }
    }
}

/// Steps 3 to 7 of an authorized call: the domain and the type, the defaults (recorded in
/// `result` once resolved), the open-execution limit, the open `workflowId`, then the start,
/// which opens the execution in the world.
fn start_in(
    result: &mut SimResult,
    request: &StartRequest,
    world: &mut World,
    place: &Place<'_>,
    run_ids: &mut RunIds,
) -> Result<(), Refusal> {
    let t = request.workflow_type.clone().unwrap_or_default();
    let (tname, tversion) = (t.name.unwrap_or_default(), t.version.unwrap_or_default());
    // 3. Domain and type.
    let (at, wt) = faults::domain_and_type(world, place, &tname, &tversion)?;
    // 4. Defaults.
    let mut settings = defaults::resolve(request, wt, &tname, &tversion)?;
    result.settings = std::mem::take(&mut settings.sources);
    // 5. Limit; 6. open workflowId.
    let workflow_id = request.workflow_id.clone().unwrap_or_default();
    faults::room_for(world, at, place.domain, &workflow_id)?;
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
        execution_start_to_close_timeout: settings.execution_start_to_close_timeout,
        task_start_to_close_timeout: settings.task_start_to_close_timeout,
        child_policy: settings.child_policy,
        task_list: TaskListName {
            name: settings.task_list,
        },
        task_priority: settings.task_priority,
        workflow_type: workflow_type.clone(),
        tag_list: request.tag_list.clone(),
        parent_initiated_event_id: 0,
        lambda_role: settings.lambda_role,
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
    Ok(())
}
