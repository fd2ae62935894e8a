//! Lowering and compiling any text as any kind of policy never panics; a policy that loads can be
//! evaluated, and the fast path, a decider and a brief evaluation agree with the traced path; the
//! linter never panics either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use swfsim::eval::{decide, evaluate, evaluate_with, load, Decider, Detail, EvalRequest, Evaluator, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{build_context, CallInputs, Principal, StartRequest, WorkflowTypeRef, WorldFacts, ACTION};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [PolicyKind::Identity, PolicyKind::Boundary, PolicyKind::Scp, PolicyKind::Rcp, PolicyKind::Session] {
        // Every rule sees every text, valid or not.
        let _ = swfsim::lint::lint(text, Default::default(), kind, &[]);
        let Ok(policies) = load(text, Default::default(), kind) else { continue };
        let mut set = PolicySet::default();
        match kind {
            PolicyKind::Identity => set.identity = policies,
            PolicyKind::Boundary => set.boundary = Some(policies),
            PolicyKind::Scp => set.scps.push(policies),
            PolicyKind::Rcp => set.rcps.push(policies),
            PolicyKind::Session => set.session = policies,
        }
        let request = StartRequest {
            domain: Some("orders".into()),
            workflow_id: Some("w".into()),
            workflow_type: Some(WorkflowTypeRef { name: Some("P".into()), version: Some("1".into()) }),
            task_list: Some(Some("tl".into())),
            tag_list: Some(vec!["a".into(), "team:x".into()]),
            ..Default::default()
        };
        let principal = Principal::parse("arn:aws:iam::123456789012:user/alice").unwrap();
        let call = CallInputs { principal: principal.clone().into(), region: "us-east-1".into(), user_keys: vec![], now: 1_795_608_000, caller: Default::default() };
        let context = build_context(&request, &call, "123456789012", &WorldFacts::default());
        let req = EvalRequest {
            action: ACTION,
            resource: "arn:aws:swf:us-east-1:123456789012:/domain/orders",
            resource_account: "123456789012",
            principal: &principal,
            context: &context,
        };
        let full = evaluate(&set, &req);
        let traced = full.decision;
        assert_eq!(decide(&set, &req), traced);
        // A brief evaluation (`--explain brief`) is the full one's brief part.
        assert_eq!(evaluate_with(&set, &req, Detail::Brief), full.brief());
        // A decider agrees, planning the pair and reading the plan back.
        let mut decider = Decider::new(&set);
        assert_eq!(decider.decide(&req), traced);
        assert_eq!(decider.decide(&req), traced);
        // So does an evaluator (a batch's), trace for trace.
        let mut evaluator = Evaluator::new(&set);
        assert_eq!(evaluator.evaluate(&req, Detail::Full), full);
        assert_eq!(evaluator.evaluate(&req, Detail::Brief), full.brief());
    }
});
