//! Reading a world file: every problem at once, each with its place.

use super::index::TextIndex;
use super::values::{duration_problem, name_problem, priority_ok, swf_len, CHILD_POLICIES};
use super::world::{Domain, Execution, Status, WorkflowType, World};
use crate::json::{Json, JsonValue};
use crate::request::{members, opt_string, InputError, WorkflowTypeRef};
use crate::source::Span;
use std::collections::BTreeMap;

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
}

/// A string member the object must have, not null.
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

/// A `status`: `REGISTERED` or `DEPRECATED`.
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
            "tags" => tags_from_json(v, &mut d.tags, errors),
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
            "openExecutions" | "closedExecutions" => {
                executions_from_json(k, v, &mut d, &mut open, errors)
            }
            _ => {}
        }
    }
    Some((d, open))
}

/// A domain's `tags`: an object of string values, each key once.
fn tags_from_json(v: &Json, out: &mut BTreeMap<String, String>, errors: &mut Vec<InputError>) {
    let Some(tags) = v.as_object() else {
        errors.push(InputError::new(
            "`tags` must be an object of tag keys and values",
            v.span,
        ));
        return;
    };
    for t in tags {
        match t.value.as_str() {
            Some(val) => {
                if out.insert(t.key.clone(), val.to_string()).is_some() {
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

/// A domain's `openExecutions` (each indexed by `workflowId` in `open`) or
/// `closedExecutions`, as member `k` says.
fn executions_from_json(
    k: &str,
    v: &Json,
    d: &mut Domain,
    open: &mut TextIndex<u32>,
    errors: &mut Vec<InputError>,
) {
    let Some(items) = v.as_array() else {
        errors.push(InputError::new(format!("`{k}` must be an array"), v.span));
        return;
    };
    for e in items {
        let Some(x) = execution_from_json(e, errors) else {
            continue;
        };
        if k != "openExecutions" {
            d.closed_executions.push(x);
            continue;
        }
        let os = &d.open_executions;
        let at = os.len() as u32;
        if open
            .insert(&x.workflow_id, at, |o| {
                os[o as usize].workflow_id == x.workflow_id
            })
            .is_err()
        {
            errors.push(
                InputError::new(
                    format!(
                        "two open executions of domain `{}` have workflowId `{}`",
                        d.name, x.workflow_id
                    ),
                    e.span,
                )
                .with_help("SWF allows one open execution per workflowId in a domain"),
            );
        }
        d.open_executions.push(x);
    }
}

/// A workflow type of `domain`.
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
        type_member(&mut t, k, v, errors);
    }
    Some(t)
}

/// Member `k` of a workflow type (other than its name and version), checked as
/// RegisterWorkflowType would.
fn type_member(t: &mut WorkflowType, k: &str, v: &Json, errors: &mut Vec<InputError>) {
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
                None => errors.push(InputError::new("`defaultTaskList` needs a `name`", v.span)),
                _ => {}
            }
            t.default_task_list = name;
        }
        "defaultTaskPriority" => {
            t.default_task_priority = opt_string(v, k, errors);
            if let Some(p) = &t.default_task_priority {
                if !priority_ok(p) {
                    errors.push(
                        InputError::new(
                            format!(
                                "`defaultTaskPriority` `{p}` is not an integer in Java's int range"
                            ),
                            v.span,
                        )
                        .with_help("RegisterWorkflowType would refuse this type"),
                    );
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

/// An open or closed execution.
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
