//! The analysis on any pair of policy texts (split at the first NUL byte): it never panics, never
//! disagrees with the evaluator on a witness (it would answer unknown, which this target treats
//! as a failure unless the reason is one the analysis documents), and finds every difference on
//! a grid of requests built from the literals the policies mention: domains and type names,
//! regions of every partition, and callers' accounts.
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
    // Named callers of three partitions, or (when the policies do not read who calls) any IAM
    // user of the domain's account, in every region SWF offers.
    let named = data.len() % 2 == 0;
    let callers = ["arn:aws:iam::123456789012:user/alice", "arn:aws-cn:iam::123456789012:user/alice", "arn:aws-us-gov:iam::111122223333:user/alice"];
    let scope = Scope {
        principals: if named { callers.iter().map(|c| Principal::parse(c).unwrap()).collect() } else { Vec::new() },
        regions: None,
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
    // Requests from the policies' own words: every quoted string of either text, and every part
    // of one between `:` and `/`, as a domain and a task list, a region or an account.
    let parts: Vec<&str> = text.split('"').skip(1).step_by(2).flat_map(|w| w.split([':', '/'])).collect();
    let mut words: Vec<String> = parts.iter().filter(|w| !w.is_empty() && w.len() < 40 && !w.contains(['|', '*', '?'])).map(|w| w.to_string()).take(10).collect();
    words.push("x".into());
    let mut accounts: Vec<&str> = parts.iter().copied().filter(|w| w.len() == 12 && w.bytes().all(|b| b.is_ascii_digit())).take(3).collect();
    accounts.push("999988887777");
    let mut grid: Vec<(Principal, &str)> = Vec::new();
    let callers: Vec<String> = if named { callers.iter().map(|c| c.to_string()).collect() } else { accounts.iter().map(|a| format!("arn:aws:iam::{a}:user/alice")).collect() };
    for c in &callers {
        let caller = Principal::parse(c).unwrap();
        let all = swfsim::analysis::swf_regions(&caller.partition);
        let mut regions: Vec<&str> = all.iter().copied().filter(|r| parts.contains(r)).take(3).collect();
        regions.extend(all.iter().copied().find(|r| !parts.contains(r)));
        for r in regions {
            grid.push((caller.clone(), r));
        }
    }
    for (caller, region) in &grid {
      for d in &words {
        for t in &words {
            let request = StartRequest {
                domain: Some(d.clone()),
                workflow_id: Some("w".into()),
                workflow_type: Some(WorkflowTypeRef { name: Some(t.clone()), version: Some("1".into()) }),
                task_list: Some(Some(t.clone())),
                ..Default::default()
            };
            let call = CallInputs { principal: caller.clone().into(), region: region.to_string(), user_keys: vec![], now: 1_767_225_600, caller: Default::default() };
            let context = build_context(&request, &call, &caller.account, &WorldFacts::default());
            let resource = format!("arn:{}:swf:{region}:{}:/domain/{d}", caller.partition, caller.account);
            let req = EvalRequest { action: ACTION, resource: &resource, resource_account: &caller.account, principal: caller, context: &context };
            let (x, y) = (decide(&a, &req), decide(&b, &req));
            use swfsim::eval::Decision::{Allowed, Unknown};
            if x == Unknown || y == Unknown || (x == Allowed) == (y == Allowed) || swfsim::swf::name_problem(d) || swfsim::swf::name_problem(t) {
                continue;
            }
            let found = if y == Allowed { &gained } else { &lost };
            assert!(!found.regions.is_empty() || found.truncated, "{} in {region}: {d} {t}: {x:?} -> {y:?}", caller.arn);
        }
      }
    }
});
