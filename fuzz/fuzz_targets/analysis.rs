//! The analysis on any pair of policy texts (split at the first NUL byte): it never panics, never
//! disagrees with the evaluator on a witness (it would answer unknown, which this target treats
//! as a failure unless the reason is one the analysis documents), and finds every difference on
//! a fixed set of requests built from the literals the policies mention.
#![no_main]
use libfuzzer_sys::fuzz_target;
use swfsim::analysis::{analyze, Goal, Scope};
use swfsim::eval::{decide, load, EvalRequest, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{build_context, CallInputs, Principal, StartRequest, WorkflowTypeRef, WorldFacts, ACTION};

fn set(text: &str) -> Option<PolicySet> {
    Some(PolicySet { identity: load(text, Default::default(), PolicyKind::Identity).ok()?, ..Default::default() })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (old, new) = text.split_once('\0').unwrap_or((text, "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    let (Some(a), Some(b)) = (set(old), set(new)) else { return };
    let alice = Principal::parse("arn:aws:iam::123456789012:user/alice").unwrap();
    let scope = Scope {
        principals: vec![alice.clone()],
        regions: Some(vec!["us-east-1".into()]),
        max_nodes: 20_000,
        max_states: 5_000,
        ..Scope::default()
    };
    let (gained, lost) = match (analyze(&[&a, &b], Goal::Gained, &scope), analyze(&[&a, &b], Goal::Lost, &scope)) {
        (Ok(g), Ok(l)) => (g, l),
        (Err(u), _) | (_, Err(u)) => {
            assert!(!u.reason.starts_with("internal"), "{u}");
            return;
        }
    };
    // Requests from the policies' own words: every quoted string of either text as a domain and
    // a task list.
    let mut words: Vec<String> = text
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && w.len() < 40 && !w.contains([':', '/', '|', '*', '?']))
        .map(str::to_string)
        .take(12)
        .collect();
    words.push("x".into());
    for d in &words {
        for t in &words {
            let request = StartRequest {
                domain: Some(d.clone()),
                workflow_id: Some("w".into()),
                workflow_type: Some(WorkflowTypeRef { name: Some(t.clone()), version: Some("1".into()) }),
                task_list: Some(Some(t.clone())),
                ..Default::default()
            };
            let call = CallInputs { principal: alice.clone().into(), region: "us-east-1".into(), user_keys: vec![], now: 1_767_225_600, caller: Default::default() };
            let context = build_context(&request, &call, "123456789012", &WorldFacts::default());
            let resource = format!("arn:aws:swf:us-east-1:123456789012:/domain/{d}");
            let req = EvalRequest { action: ACTION, resource: &resource, resource_account: "123456789012", principal: &alice, context: &context };
            let (x, y) = (decide(&a, &req), decide(&b, &req));
            use swfsim::eval::Decision::{Allowed, Unknown};
            if x == Unknown || y == Unknown || (x == Allowed) == (y == Allowed) || swfsim::swf::name_problem(d) || swfsim::swf::name_problem(t) {
                continue;
            }
            let found = if y == Allowed { &gained } else { &lost };
            assert!(!found.regions.is_empty() || found.truncated, "{d} {t}: {x:?} -> {y:?}");
        }
    }
});
