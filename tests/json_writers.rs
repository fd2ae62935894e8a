//! `simulate --format json` has one wire format and two writers of it: the serde form, which a
//! single answer is written with, and the batch line writer (hand-written head and context,
//! statement texts from a render cache), which a batch's lines are written with. A batch line
//! must be, byte for byte, the serde form of the same answer: here on the reference workload,
//! evaluated as a batch evaluates it (one evaluator and one render cache for the run) for
//! `--explain full`, `brief` and `auto`, and on the deploy example against its world (started
//! executions, duplicates, faults, validation errors). Every other line carries the `line` and
//! `id` members a batch adds, the ids of each kind.

mod common;
use common::workload;

use std::collections::BTreeSet;
use swfsim::eval::{Detail, Evaluator, PolicySet};
use swfsim::output::{
    append_sim_json_line, batch_json_line, sim_json_line, sim_json_line_cached, LinePlace,
    RenderCache,
};
use swfsim::request::{CallInputs, CallKeys, CaseId, StartRequest};
use swfsim::source::SourceMap;
use swfsim::swf::{simulate_planned, simulate_with, Outcome, RunIds, SimResult, World};

/// What a batch run keeps from line to line, and the run ids and world its answers take.
struct Run<'s> {
    evaluator: Evaluator<'s>,
    calls: CallKeys,
    cache: RenderCache,
    ids: RunIds,
    world: Option<World>,
}

impl<'s> Run<'s> {
    fn new(set: &'s PolicySet, world: Option<&World>) -> Run<'s> {
        Run {
            evaluator: Evaluator::new(set),
            calls: CallKeys::default(),
            cache: RenderCache::default(),
            ids: RunIds::new(1),
            world: world.cloned(),
        }
    }

    /// The answer to `req` as a batch line with `detail` evaluates it.
    fn answer(&mut self, req: &StartRequest, call: &CallInputs, detail: Detail) -> SimResult {
        let world = self.world.as_mut();
        let (evaluator, calls, ids) = (&mut self.evaluator, &mut self.calls, &mut self.ids);
        simulate_planned(req, evaluator, calls, call, world, ids, detail)
    }

    /// The batch line of `r`, with the members of `at` when given.
    fn line(&mut self, r: &SimResult, full: bool, at: Option<LinePlace<'_>>) -> String {
        let set = self.evaluator.policies();
        let none = SourceMap::new();
        let bytes = match at {
            None => sim_json_line_cached(r, &none, set, full, &mut self.cache),
            Some(at) => {
                let mut bytes = Vec::new();
                append_sim_json_line(r, &none, set, full, Some(at), &mut self.cache, &mut bytes);
                bytes
            }
        };
        String::from_utf8(bytes).expect("a batch line is UTF-8")
    }
}

/// The ids a line may carry: none, a string with something to escape, a number as written.
fn ids() -> [Option<CaseId>; 3] {
    [
        None,
        Some(CaseId::Text("deploy \"7\"\n".into())),
        Some(CaseId::Number("1.50e3".into())),
    ]
}

/// The serde form of `r`, as a batch line at `at` when given.
fn serde_line(r: &SimResult, full: bool, at: Option<LinePlace<'_>>) -> String {
    match at {
        None => sim_json_line(r, &SourceMap::new(), full),
        Some(at) => batch_json_line(r, &SourceMap::new(), full, at),
    }
}

/// `--explain auto`: a full line for a call that is not allowed or started, else a brief one.
fn auto_full(outcome: Outcome) -> bool {
    !matches!(outcome, Outcome::Started | Outcome::Authorized)
}

/// Each request answered as a single answer is (traced in full, serde form) and as a batch
/// line of each `--explain` is; every pair of lines must be equal. Returns the outcomes met and
/// how many lines were full explanations with statements listed, and how many named defaults.
fn check_batch(
    set: &PolicySet,
    cases: &[(StartRequest, CallInputs)],
    world: Option<&World>,
) -> (BTreeSet<&'static str>, usize, usize) {
    let mut single = Run::new(set, world);
    let mut full_run = Run::new(set, world);
    let mut brief_run = Run::new(set, world);
    let mut auto_run = Run::new(set, world);
    let (mut outcomes, mut listed, mut defaults) = (BTreeSet::new(), 0, 0);
    let ids = ids();
    for (i, (req, call)) in cases.iter().enumerate() {
        let id = ids[i % ids.len()].as_ref();
        let at = (i % 2 == 1).then_some(LinePlace { line: i + 1, id });
        let traced = {
            let w = single.world.as_mut();
            simulate_with(req, set, call, w, &mut single.ids, Detail::Full)
        };
        let (want_full, want_brief) = (
            serde_line(&traced, true, at),
            serde_line(&traced, false, at),
        );
        listed += usize::from(want_full.contains("\"statements\":[{"));
        defaults += usize::from(want_full.contains("\"defaults\":[{"));
        outcomes.insert(traced.outcome.as_str());

        let r = full_run.answer(req, call, Detail::Deferred);
        assert_eq!(
            full_run.line(&r, true, at),
            want_full,
            "--explain full, case {i}"
        );
        let r = brief_run.answer(req, call, Detail::Brief);
        assert_eq!(
            brief_run.line(&r, false, at),
            want_brief,
            "--explain brief, case {i}"
        );
        let r = auto_run.answer(req, call, Detail::Deferred);
        let full = auto_full(r.outcome);
        let want = if full { &want_full } else { &want_brief };
        assert_eq!(
            &auto_run.line(&r, full, at),
            want,
            "--explain auto, case {i}"
        );
    }
    (outcomes, listed, defaults)
}

#[test]
fn batch_lines_are_the_serde_form_on_the_reference_workload() {
    let set = workload::policies();
    let cases: Vec<_> = workload::cases(10_000, 20_260_101)
        .into_iter()
        .map(|c| (c.request, c.call))
        .collect();
    let (outcomes, listed, _) = check_batch(&set, &cases, None);
    assert!(listed > 5_000, "{listed} full lines listed statements");
    assert!(outcomes.len() >= 2, "{outcomes:?}");
}

#[test]
fn batch_lines_are_the_serde_form_against_a_world() {
    let root = common::root();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect(p);
    let load = |p: &str, kind| {
        let text = read(p);
        swfsim::eval::load(&text, Default::default(), kind).expect(p)
    };
    use swfsim::policy::PolicyKind;
    let set = PolicySet {
        identity: load("policies/deployer-role.json", PolicyKind::Identity),
        boundary: Some(load(
            "policies/boundary-us-regions.json",
            PolicyKind::Boundary,
        )),
        scps: vec![load(
            "policies/scp-deny-insecure-transport.json",
            PolicyKind::Scp,
        )],
        ..Default::default()
    };
    let world = swfsim::json::parse(&read("policies/world.json")).expect("world JSON");
    let world = World::from_json(&world).expect("world");
    let call = CallInputs {
        principal: swfsim::request::Principal::parse("arn:aws:iam::123456789012:role/deployer")
            .expect("principal")
            .into(),
        region: "us-east-1".into(),
        user_keys: Vec::new(),
        now: 1_795_608_000,
        caller: Default::default(),
    };
    let requests = read("policies/requests/deploy.jsonl");
    let mut cases = Vec::new();
    for line in requests.lines().filter(|l| !l.trim().is_empty()) {
        let json = swfsim::json::parse(line).expect("request JSON");
        if let Ok(req) = StartRequest::from_json(&json) {
            cases.push((req, call.clone()));
        }
    }
    // The same requests again: the executions they started are now running; and once more
    // from a caller and region said to be swfsim's defaults, which denials name.
    cases.extend(cases.clone());
    let mut defaulted = call.clone();
    defaulted.caller.defaulted = swfsim::request::Defaulted {
        principal: true,
        region: true,
    };
    let again: Vec<_> = (cases.iter().take(cases.len() / 2))
        .map(|(r, _)| (r.clone(), defaulted.clone()))
        .collect();
    cases.extend(again);
    assert!(cases.len() >= 10, "{}", cases.len());
    let (outcomes, _, defaults) = check_batch(&set, &cases, Some(&world));
    assert!(defaults >= 1, "{defaults} lines named defaults");
    for outcome in [
        "started",
        "WorkflowExecutionAlreadyStartedFault",
        "OPERATION_NOT_PERMITTED",
    ] {
        assert!(outcomes.contains(outcome), "{outcomes:?}");
    }
}
