//! The reference workload (bench/workload.rs): the fast path decides every case as the traced
//! path does, and the mix of answers is the workload's (allows, explicit and implicit denies).

#[path = "../bench/workload.rs"]
mod workload;

use swfsim::eval::{decide, evaluate, Decision, Detail::Brief};

#[test]
fn fast_path_equals_traced_path_on_the_whole_workload() {
    let set = workload::policies();
    let mut counts = std::collections::HashMap::new();
    // One decider for the whole run: its plans serve requests with other principals, tags, task
    // lists and clocks than the request that made them.
    let mut decider = swfsim::eval::Decider::new(&set);
    for c in workload::cases(100_000, 20_260_101) {
        let p = workload::prepare(&c);
        let req = p.request();
        let traced = evaluate(&set, &req).decision;
        assert_eq!(decide(&set, &req), traced, "{:?}", c.request);
        assert_eq!(decider.decide(&req), traced, "decider: {:?}", c.request);
        *counts.entry(traced).or_insert(0usize) += 1;
    }
    for d in [
        Decision::Allowed,
        Decision::ExplicitDeny,
        Decision::ImplicitDeny,
    ] {
        assert!(counts.get(&d).copied().unwrap_or(0) > 1_000, "{counts:?}");
    }
    assert_eq!(counts.get(&Decision::Unknown), None);
}

/// A brief JSON line is built from a brief evaluation (no condition traces): on 20,000 workload
/// cases it is the line the full evaluation gives, fresh and through a render cache, and the
/// brief evaluation is the full one's brief part.
#[test]
fn brief_lines_from_a_brief_evaluation_equal_those_from_a_full_one() {
    use swfsim::output::{sim_json_line as line, sim_json_line_cached as cached};
    let (set, no_files) = (workload::policies(), swfsim::source::SourceMap::new());
    let (mut cache, mut ids) = (Default::default(), swfsim::swf::RunIds::new(7));
    let mut deciding = 0;
    for c in workload::cases(20_000, 7) {
        let (req, call) = (&c.request, &c.call);
        let full = swfsim::swf::simulate(req, &set, call, None, &mut ids);
        let brief = swfsim::swf::simulate_with(req, &set, call, None, &mut ids, Brief);
        let want = full.evaluation.as_ref().map(|e| e.brief());
        assert_eq!(brief.evaluation, want, "{req:?}");
        let want = line(&full, &no_files, false);
        assert_eq!(line(&brief, &no_files, false), want);
        assert_eq!(
            cached(&brief, &no_files, &set, false, &mut cache),
            want.as_bytes()
        );
        // Written in full, a brief evaluation shows its own statements (no condition traces),
        // through the cache as without it: its traces are not taken for the set's first ones.
        assert_eq!(
            cached(&brief, &no_files, &set, true, &mut cache),
            line(&brief, &no_files, true).as_bytes()
        );
        deciding += usize::from(want.contains("\"decidingStatements\":[{"));
    }
    assert!(deciding > 5_000, "{deciding} lines had deciding statements");
}

/// A batch evaluates through one `Evaluator` a thread, which keeps each statement's Action and
/// Resource traces per (action, resource), and builds contexts through one `CallKeys`, which
/// keeps the keys of each call: over 20,000 workload cases (other callers, tags, task lists and
/// clocks than the case that made each plan) its results, full and brief, and their contexts
/// are those of a fresh evaluation.
#[test]
fn an_evaluator_simulates_every_workload_case_as_a_fresh_evaluation_does() {
    use swfsim::swf::{simulate_planned, simulate_with, RunIds};
    let set = workload::policies();
    let mut evaluator = swfsim::eval::Evaluator::new(&set);
    let mut calls = swfsim::request::CallKeys::default();
    let (mut fresh_ids, mut planned_ids) = (RunIds::new(3), RunIds::new(3));
    let mut per_request = 0;
    for c in workload::cases(20_000, 3) {
        let (req, call) = (&c.request, &c.call);
        for detail in [swfsim::eval::Detail::Full, Brief] {
            let want = simulate_with(req, &set, call, None, &mut fresh_ids, detail);
            let got = simulate_planned(
                req,
                &mut evaluator,
                &mut calls,
                call,
                None,
                &mut planned_ids,
                detail,
            );
            assert_eq!(got.evaluation, want.evaluation, "{detail:?} {req:?}");
            assert_eq!(got.context, want.context, "{req:?}");
            assert_eq!((got.outcome, got.run_id), (want.outcome, want.run_id));
        }
        // The workload's `${aws:username}-*` Resource, matched per request, lets some through.
        let own = |s: &swfsim::eval::StatementTrace| {
            s.statement.sid.as_deref() == Some("OwnDomain") && s.resource.matched
        };
        let e = simulate_with(req, &set, call, None, &mut RunIds::new(0), Brief).evaluation;
        per_request += usize::from(e.is_some_and(|e| e.statements.iter().any(own)));
    }
    assert!(per_request > 500, "{per_request}");
}

/// Batch lines take statement traces (and layers, and faults) from a render cache. Every line of the
/// workload renders as it does without the cache, full and brief through one cache (the same
/// trace renders differently in each), and so do two lines whose traces are equal but whose task
/// list came from elsewhere (the request; the workflow type's default), which the explanations
/// tell apart.
#[test]
fn cached_statement_rendering_equals_fresh_rendering() {
    use swfsim::eval::Detail::Deferred;
    use swfsim::output::{sim_json_line, sim_json_line_cached, RenderCache};
    use swfsim::request::{CallInputs, Principal, StartRequest};
    use swfsim::swf::{simulate, simulate_with, RunIds, World};
    let set = workload::policies();
    let sources = swfsim::source::SourceMap::new();
    let mut cache = RenderCache::default();
    let mut ids = RunIds::new(7);
    let mut rendered = 0;
    for c in workload::cases(5_000, 99) {
        let r = simulate(&c.request, &set, &c.call, None, &mut ids);
        for full in [true, false] {
            let fresh = sim_json_line(&r, &sources, full);
            assert_eq!(
                sim_json_line_cached(&r, &sources, &set, full, &mut cache),
                fresh.as_bytes(),
                "full: {full}"
            );
            rendered += usize::from(fresh.contains("\"statements\":[{"));
        }
        // A deferred evaluation (no condition traces) renders the full line through the cache.
        let deferred = simulate_with(&c.request, &set, &c.call, None, &mut ids, Deferred);
        assert_eq!(
            sim_json_line_cached(&deferred, &sources, &set, true, &mut cache),
            sim_json_line(&r, &sources, true).as_bytes()
        );
    }
    assert!(rendered > 4_000, "{rendered} lines had statement traces");

    let world = r#"{"account": "111122223333", "domains": [{"name": "shared", "workflowTypes": [
        {"name": "T", "version": "1", "defaultTaskList": {"name": "alice-tl"},
         "defaultExecutionStartToCloseTimeout": "60", "defaultTaskStartToCloseTimeout": "60",
         "defaultChildPolicy": "TERMINATE"}]}]}"#;
    let mut world = World::from_json(&swfsim::json::parse(world).unwrap()).unwrap();
    let call = CallInputs {
        principal: Principal::parse("arn:aws:iam::111122223333:user/alice")
            .unwrap()
            .into(),
        region: "us-east-1".into(),
        user_keys: Vec::new(),
        now: 0,
        caller: Default::default(),
    };
    let mut lines = Vec::new();
    for (id, task_list) in [
        ("a", r#","taskList":{"name":"alice-tl"}"#),
        ("b", ""),
        ("c", ""),
    ] {
        let text = format!(
            r#"{{"domain":"shared","workflowId":"{id}","workflowType":{{"name":"T","version":"1"}}{task_list}}}"#
        );
        let req = StartRequest::from_json(&swfsim::json::parse(&text).unwrap()).unwrap();
        // The same start, traced in full and deferred, on the same world and run ids.
        let r = simulate(
            &req,
            &set,
            &call,
            Some(&mut world.clone()),
            &mut ids.clone(),
        );
        let deferred = simulate_with(&req, &set, &call, Some(&mut world), &mut ids, Deferred);
        let fresh = sim_json_line(&r, &sources, true);
        for r in [&r, &deferred] {
            assert_eq!(
                sim_json_line_cached(r, &sources, &set, true, &mut cache),
                fresh.as_bytes()
            );
        }
        lines.push(fresh);
    }
    assert!(
        lines[0].contains("'alice-tl' (from the request)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("'alice-tl' (the workflow type's default)"),
        "{}",
        lines[1]
    );
}
