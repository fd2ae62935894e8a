//! Any text as a batch line is read alike by the plain and the tree reader; as a request, a
//! context or a world it never panics, a result's JSON line says what its
//! JSON tree says (and says it again through a render cache, from a full or a deferred
//! evaluation, and through a batch's evaluator and call keys), and a start against any world that
//! loads keeps the world loadable.
#![no_main]
use libfuzzer_sys::fuzz_target;
use swfsim::eval::{load, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{context_from_json, CallInputs, CaseReader, Principal, StartRequest};
use swfsim::swf::{simulate, RunIds, World};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // As a batch line: the reader (plain form first) reads what the tree reader reads, case,
    // spans and errors alike.
    let base = CallInputs { principal: Principal::parse("arn:aws:iam::123456789012:user/u").unwrap().into(), region: "us-east-1".into(), user_keys: vec![], now: 0, caller: Default::default() };
    assert_eq!(CaseReader::default().read(text, &base), CaseReader::read_through_tree(text, &base), "{text}");
    let Ok(json) = swfsim::json::parse(text) else { return };
    let _ = context_from_json(&json);
    let allow = PolicySet {
        identity: load(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, Default::default(), PolicyKind::Identity).unwrap(),
        ..Default::default()
    };
    let call = CallInputs { principal: Principal::parse("arn:aws:iam::123456789012:user/u").unwrap().into(), region: "us-east-1".into(), user_keys: vec![], now: 0, caller: Default::default() };
    if let Ok(r) = StartRequest::from_json(&json) {
        let mut call = call.clone();
        if let Ok(keys) = context_from_json(&json) {
            call.user_keys = keys;
        }
        let res = simulate(&r, &allow, &call, None, &mut RunIds::new(0));
        // The line writer (head and context by hand) says what serde_json's tree says.
        let sources = swfsim::source::SourceMap::new();
        let line = swfsim::output::sim_json_line(&res, &sources, true);
        let parsed: serde_json::Value = serde_json::from_str(&line).expect("a line is JSON");
        assert_eq!(parsed, swfsim::output::sim_json(&res, &sources), "{line}");
        // Through a render cache (the batch's way), filled then hit, full and brief: the same text.
        let mut cache = swfsim::output::RenderCache::default();
        for full in [true, false, true, false] {
            let fresh = swfsim::output::sim_json_line(&res, &sources, full);
            assert_eq!(swfsim::output::sim_json_line_cached(&res, &sources, &allow, full, &mut cache), fresh.as_bytes());
        }
        // A deferred evaluation (a batch's full lines) writes the full line, filled then hit.
        let deferred = swfsim::swf::simulate_with(&r, &allow, &call, None, &mut RunIds::new(0), swfsim::eval::Detail::Deferred);
        for _ in 0..2 {
            assert_eq!(swfsim::output::sim_json_line_cached(&deferred, &sources, &allow, true, &mut cache), line.as_bytes());
        }
        // Through an evaluator and call keys (a batch's way), the keys built then copied: the
        // same context, the same full line.
        let mut evaluator = swfsim::eval::Evaluator::new(&allow);
        let mut calls = swfsim::request::CallKeys::default();
        for _ in 0..2 {
            let planned = swfsim::swf::simulate_planned(&r, &mut evaluator, &mut calls, &call, None, &mut RunIds::new(0), swfsim::eval::Detail::Deferred);
            assert_eq!(planned.context, res.context);
            assert_eq!(swfsim::output::sim_json_line_cached(&planned, &sources, &allow, true, &mut cache), line.as_bytes());
        }
        // A brief evaluation (a batch's `--explain brief`) is the full one's brief part.
        let brief = swfsim::swf::simulate_with(&r, &allow, &call, None, &mut RunIds::new(0), swfsim::eval::Detail::Brief);
        assert_eq!(brief.evaluation, res.evaluation.as_ref().map(|e| e.brief()));
        assert_eq!(swfsim::output::sim_json_line(&brief, &sources, false), swfsim::output::sim_json_line(&res, &sources, false));
    }
    if let Ok(mut w) = World::from_json(&json) {
        let r = StartRequest {
            domain: w.domains().first().map(|d| d.name.clone()),
            workflow_id: Some("fuzz".into()),
            workflow_type: w.domains().first().and_then(|d| d.workflow_types.first()).map(|t| swfsim::request::WorkflowTypeRef { name: Some(t.name.clone()), version: Some(t.version.clone()) }),
            ..Default::default()
        };
        simulate(&r, &allow, &call, Some(&mut w), &mut RunIds::new(0));
        let again = serde_json::to_string(&w).unwrap();
        World::from_json(&swfsim::json::parse(&again).unwrap()).expect("a world we wrote loads again");
    }
});
