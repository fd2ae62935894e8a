use super::validate::{validate, validation_message};
use super::*;
use crate::condition::Lookup as _;
use crate::eval::{load, PolicySet};
use crate::policy::PolicyKind;
use crate::request::{CallInputs, Principal, StartRequest};

fn req(v: serde_json::Value) -> StartRequest {
    let j = crate::json::parse(&v.to_string()).unwrap();
    StartRequest::from_json(&j).unwrap()
}

fn base() -> serde_json::Value {
    serde_json::json!({"domain": "orders", "workflowId": "order-1", "workflowType": {"name": "P", "version": "1"}})
}

fn with(pairs: &[(&str, serde_json::Value)]) -> StartRequest {
    let mut v = base();
    for (k, x) in pairs {
        if x.is_null() {
            v.as_object_mut().unwrap().remove(*k);
        } else {
            v[*k] = x.clone();
        }
    }
    req(v)
}

/// A `workflowType` member for [`with`].
fn typ(name: &str, version: &str) -> (&'static str, serde_json::Value) {
    (
        "workflowType",
        serde_json::json!({"name": name, "version": version}),
    )
}

fn paths(r: &StartRequest) -> Vec<String> {
    validate(r).into_iter().map(|v| v.path).collect()
}

#[test]
fn a_valid_request_has_no_violations() {
    assert!(validate(&with(&[])).is_empty());
    let full = with(&[
        ("taskList", serde_json::json!({"name": "tl"})),
        ("taskPriority", "-2147483648".into()),
        ("input", "x".repeat(32_768).into()),
        ("executionStartToCloseTimeout", "31536000".into()),
        ("taskStartToCloseTimeout", "NONE".into()),
        ("childPolicy", "REQUEST_CANCEL".into()),
        ("tagList", serde_json::json!(["a", "b", "c", "d", "e"])),
        ("lambdaRole", "arn:aws:iam::123456789012:role/r".into()),
    ]);
    assert_eq!(validate(&full), vec![]);
}

#[test]
fn required_members_and_lengths() {
    assert_eq!(
        paths(&with(&[("domain", serde_json::Value::Null)])),
        vec!["domain"]
    );
    assert_eq!(
        paths(&with(&[("workflowType", serde_json::json!({"name": "P"}))])),
        vec!["workflowType.version"]
    );
    assert_eq!(
        paths(&with(&[("workflowId", "".into())])),
        vec!["workflowId"]
    );
    assert_eq!(
        paths(&with(&[("workflowId", "w".repeat(257).into())])),
        vec!["workflowId"]
    );
    assert!(validate(&with(&[("workflowId", "w".repeat(256).into())])).is_empty());
    assert_eq!(
        paths(&with(&[(
            "workflowType",
            serde_json::json!({"name": "P", "version": "v".repeat(65)})
        )])),
        vec!["workflowType.version"]
    );
    assert_eq!(
        paths(&with(&[("taskList", serde_json::json!({}))])),
        vec!["taskList.name"]
    );
    assert_eq!(
        paths(&with(&[("input", "x".repeat(32_769).into())])),
        vec!["input"]
    );
    assert_eq!(
        paths(&with(&[(
            "tagList",
            serde_json::json!(["a", "b", "c", "d", "e", "f"])
        )])),
        vec!["tagList"]
    );
    assert_eq!(
        paths(&with(&[("tagList", serde_json::json!(["t".repeat(257)]))])),
        vec!["tagList.1.member"]
    );
    assert!(
        validate(&with(&[("tagList", serde_json::json!([""]))])).is_empty(),
        "a tag may be empty"
    );
    assert_eq!(
        paths(&with(&[("lambdaRole", "".into())])),
        vec!["lambdaRole"]
    );
    assert_eq!(
        paths(&with(&[("lambdaRole", "r".repeat(1601).into())])),
        vec!["lambdaRole"]
    );
    // Lengths count UTF-16 code units, as SWF's Java service does.
    assert_eq!(
        paths(&with(&[("workflowId", "\u{1F600}".repeat(129).into())])),
        vec!["workflowId"]
    );
}

#[test]
fn forbidden_characters_and_the_literal_arn() {
    for bad in [
        "a:b", "a/b", "a|b", "a\u{0}b", "a\u{1f}b", "a\u{7f}b", "a\u{9f}b", "arn",
    ] {
        assert_eq!(
            paths(&with(&[("workflowId", bad.into())])),
            vec!["workflowId"],
            "{bad:?}"
        );
        assert_eq!(
            paths(&with(&[("domain", bad.into())])),
            vec!["domain"],
            "{bad:?}"
        );
        assert_eq!(
            paths(&with(&[("taskList", serde_json::json!({"name": bad}))])),
            vec!["taskList.name"],
            "{bad:?}"
        );
    }
    for ok in ["arn2", "ARN", "a\u{a0}b", "a b", "Arn"] {
        assert!(
            validate(&with(&[("workflowId", ok.into())])).is_empty(),
            "{ok:?}"
        );
    }
}

#[test]
fn enums_durations_and_priority() {
    assert_eq!(
        paths(&with(&[("childPolicy", "terminate".into())])),
        vec!["childPolicy"]
    );
    assert_eq!(
        paths(&with(&[("executionStartToCloseTimeout", "NONE".into())])),
        vec!["executionStartToCloseTimeout"]
    );
    assert_eq!(
        paths(&with(&[(
            "executionStartToCloseTimeout",
            "31536001".into()
        )])),
        vec!["executionStartToCloseTimeout"]
    );
    assert_eq!(
        paths(&with(&[(
            "executionStartToCloseTimeout",
            "123456789".into()
        )])),
        vec!["executionStartToCloseTimeout"]
    );
    assert_eq!(
        paths(&with(&[("taskStartToCloseTimeout", "99999999".into())])),
        Vec::<String>::new()
    );
    assert_eq!(
        paths(&with(&[("taskStartToCloseTimeout", "-1".into())])),
        vec!["taskStartToCloseTimeout"]
    );
    assert_eq!(
        paths(&with(&[("taskStartToCloseTimeout", "abc".into())])),
        vec!["taskStartToCloseTimeout"]
    );
    assert_eq!(
        paths(&with(&[("taskPriority", "2147483648".into())])),
        vec!["taskPriority"]
    );
    assert_eq!(
        paths(&with(&[("taskPriority", "high".into())])),
        vec!["taskPriority"]
    );
    assert!(validate(&with(&[("taskPriority", "+5".into())])).is_empty());
}

#[test]
fn the_message_follows_aws_grammar_and_lists_every_violation() {
    let one = validate(&with(&[("workflowId", "a|b".into())]));
    assert!(validation_message(&one).starts_with("1 validation error detected: Value 'a|b' at 'workflowId' failed to satisfy constraint: Member must not contain"));
    let two = validate(&with(&[
        ("domain", serde_json::Value::Null),
        ("childPolicy", "X".into()),
    ]));
    assert_eq!(
        validation_message(&two),
        "2 validation errors detected: Value null at 'domain' failed to satisfy constraint: Member must not be null; Value 'X' at 'childPolicy' failed to satisfy constraint: Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]"
    );
}

fn world(extra: serde_json::Value) -> World {
    let mut w = serde_json::json!({"account": "123456789012", "region": "us-east-1", "domains": [
        {"name": "orders", "tags": {"env": "prod"}, "workflowTypes": [
            {"name": "P", "version": "1", "defaultTaskList": {"name": "d-tl"}, "defaultExecutionStartToCloseTimeout": "60", "defaultTaskStartToCloseTimeout": "10", "defaultChildPolicy": "ABANDON"},
            {"name": "P", "version": "old", "status": "DEPRECATED", "defaultTaskList": {"name": "d-tl"}, "defaultExecutionStartToCloseTimeout": "60", "defaultTaskStartToCloseTimeout": "10", "defaultChildPolicy": "ABANDON"},
            {"name": "Bare", "version": "1"}],
         "openExecutions": [{"workflowId": "busy", "runId": "r0"}]},
        {"name": "gone", "status": "DEPRECATED", "workflowTypes": [{"name": "P", "version": "1"}]}]});
    if let serde_json::Value::Object(m) = extra {
        for (k, v) in m {
            w[k] = v;
        }
    }
    World::from_json(&crate::json::parse(&w.to_string()).unwrap()).unwrap()
}

fn allow_all() -> PolicySet {
    PolicySet {
        identity: load(
            r#"{"Statement":{"Effect":"Allow","Action":"swf:*","Resource":"*"}}"#,
            Default::default(),
            PolicyKind::Identity,
        )
        .unwrap(),
        ..Default::default()
    }
}

fn call(region: &str) -> CallInputs {
    CallInputs {
        principal: Principal::parse("arn:aws:iam::123456789012:user/u")
            .unwrap()
            .into(),
        region: region.into(),
        user_keys: vec![],
        now: 0,
        caller: Default::default(),
    }
}

fn run(r: &StartRequest, w: &mut World) -> SimResult {
    simulate(
        r,
        &allow_all(),
        &call("us-east-1"),
        Some(w),
        &mut RunIds::new(1),
    )
}

#[test]
fn every_fault_with_its_message() {
    let mut w = world(serde_json::json!({}));
    let r = run(&with(&[("domain", "nope".into())]), &mut w);
    assert_eq!(
        (r.outcome, r.fault.unwrap().message.as_str()),
        (Outcome::UnknownResourceFault, "Unknown domain: nope")
    );
    let r = run(&with(&[typ("P", "9")]), &mut w);
    assert_eq!(
        (r.outcome, r.fault.unwrap().message.as_str()),
        (
            Outcome::UnknownResourceFault,
            "Unknown type: WorkflowType=[name=P, version=9]"
        )
    );
    let r = run(&with(&[typ("P", "old")]), &mut w);
    assert_eq!(
        (r.outcome, r.fault.unwrap().message.as_str()),
        (
            Outcome::TypeDeprecatedFault,
            "WorkflowType=[name=P, version=old]"
        )
    );
    let r = run(&with(&[("domain", "gone".into())]), &mut w);
    assert_eq!(r.outcome, Outcome::TypeDeprecatedFault);
    assert!(r
        .fault
        .unwrap()
        .detail
        .contains("domain `gone` is deprecated"));
    let r = run(&with(&[("workflowId", "busy".into())]), &mut w);
    assert_eq!(
        (r.outcome, r.fault.unwrap().message.as_str()),
        (Outcome::WorkflowExecutionAlreadyStartedFault, "")
    );
}

#[test]
fn defaults_are_required_in_order() {
    let mut w = world(serde_json::json!({}));
    let bare = |pairs: &[(&str, serde_json::Value)]| {
        let mut v = vec![typ("Bare", "1")];
        v.extend(pairs.iter().cloned());
        with(&v)
    };
    let order = [
        (
            "executionStartToCloseTimeout",
            serde_json::Value::from("60"),
        ),
        ("taskList", serde_json::json!({"name": "tl"})),
        ("taskStartToCloseTimeout", "NONE".into()),
        ("childPolicy", "ABANDON".into()),
    ];
    for i in 0..4 {
        let r = run(&bare(&order[..i]), &mut w);
        assert_eq!(r.outcome, Outcome::DefaultUndefinedFault);
        assert_eq!(r.fault.unwrap().message, order[i].0);
    }
    let r = run(&bare(&order), &mut w);
    assert_eq!(r.outcome, Outcome::Started);
    let ev = r.event.unwrap();
    assert_eq!(
        ev.task_priority, "0",
        "neither request nor type sets a priority: SWF uses 0"
    );
    assert_eq!(ev.task_start_to_close_timeout, "NONE");
}

#[test]
fn the_earlier_check_wins_when_two_problems_meet() {
    let mut w = world(serde_json::json!({}));
    // Invalid request to an unknown domain: validation first.
    let r = run(
        &with(&[("domain", "nope".into()), ("childPolicy", "x".into())]),
        &mut w,
    );
    assert_eq!(r.outcome, Outcome::ValidationException);
    // Deprecated domain and unknown type: the domain's deprecation first.
    let r = run(&with(&[("domain", "gone".into()), typ("Q", "1")]), &mut w);
    assert_eq!(r.outcome, Outcome::TypeDeprecatedFault);
    // Deprecated type and an open workflowId: the type first.
    let r = run(
        &with(&[("workflowId", "busy".into()), typ("P", "old")]),
        &mut w,
    );
    assert_eq!(r.outcome, Outcome::TypeDeprecatedFault);
    // Missing defaults and an open workflowId: defaults first.
    let r = run(
        &with(&[("workflowId", "busy".into()), typ("Bare", "1")]),
        &mut w,
    );
    assert_eq!(r.outcome, Outcome::DefaultUndefinedFault);
    // Limit and an open workflowId: the limit first.
    let mut small = world(serde_json::json!({"limits": {"openExecutionsPerDomain": 1}}));
    let r = run(&with(&[("workflowId", "busy".into())]), &mut small);
    assert_eq!(r.outcome, Outcome::LimitExceededFault);
    // IAM before existence.
    let deny = PolicySet::default();
    let r = simulate(
        &with(&[("domain", "nope".into())]),
        &deny,
        &call("us-east-1"),
        Some(&mut w),
        &mut RunIds::new(1),
    );
    assert_eq!(r.outcome, Outcome::OperationNotPermitted);
}

#[test]
fn world_meets_iam_and_starts_accumulate() {
    let mut w = world(serde_json::json!({}));
    let r = run(&with(&[]), &mut w);
    assert_eq!(r.outcome, Outcome::Started);
    let tl = r.context.get("swf:taskList.name").unwrap();
    assert_eq!(
        (r.context.entry_values(tl).to_vec()[0], tl.source),
        ("d-tl", crate::request::ValueSource::TypeDefault)
    );
    assert_eq!(
        r.context.values("aws:ResourceTag/env").unwrap().to_vec(),
        ["prod"]
    );
    let id = r.run_id.unwrap();
    assert!(id.len() <= 64 && id.ends_with('='));
    // The same workflowId is now open.
    assert_eq!(
        run(&with(&[]), &mut w).outcome,
        Outcome::WorkflowExecutionAlreadyStartedFault
    );
    // Other domains and closed executions never block.
    let mut w2 = serde_json::to_value(world(serde_json::json!({}))).unwrap();
    w2["domains"][0]["closedExecutions"] =
        serde_json::json!([{"workflowId": "order-1", "runId": "c"}]);
    let mut w2 = World::from_json(&crate::json::parse(&w2.to_string()).unwrap()).unwrap();
    assert_eq!(run(&with(&[]), &mut w2).outcome, Outcome::Started);
}

#[test]
fn another_region_finds_no_domain() {
    let mut w = world(serde_json::json!({}));
    let r = simulate(
        &with(&[]),
        &allow_all(),
        &call("eu-west-1"),
        Some(&mut w),
        &mut RunIds::new(1),
    );
    assert_eq!(r.outcome, Outcome::UnknownResourceFault);
    assert_eq!(
        r.resource,
        "arn:aws:swf:eu-west-1:123456789012:/domain/orders"
    );
    assert!(r.context.get("aws:ResourceTag/env").is_none());
}

#[test]
fn run_ids_are_reproducible_and_distinct() {
    let (mut a, mut b) = (RunIds::new(7), RunIds::new(7));
    let xs: Vec<String> = (0..100).map(|_| a.next_id()).collect();
    let ys: Vec<String> = (0..100).map(|_| b.next_id()).collect();
    assert_eq!(xs, ys);
    let mut sorted = xs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 100);
    assert!(xs.iter().all(|x| x.len() == 49));
}

#[test]
fn bad_worlds_are_refused_with_places() {
    let bad = r#"{"domains": [
        {"name": "a", "status": "ACTIVE"},
        {"name": "a"},
        {"name": "b", "workflowTypes": [{"name": "T", "version": "1", "defaultExecutionStartToCloseTimeout": "NONE", "defaultChildPolicy": "KILL"},
                                         {"name": "T", "version": "1"}],
         "openExecutions": [{"workflowId": "x"}, {"workflowId": "x"}]},
        {"nmae": "c"}]}"#;
    let errs = World::from_json(&crate::json::parse(bad).unwrap()).unwrap_err();
    let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    for want in [
        "unknown status `ACTIVE`",
        "domain `a` is described twice",
        "`defaultExecutionStartToCloseTimeout` `NONE`",
        "`defaultChildPolicy` `KILL`",
        "workflow type `T` version `1` is described twice",
        "two open executions",
        "unknown member `nmae`",
    ] {
        assert!(
            msgs.iter().any(|m| m.contains(want)),
            "missing {want:?} in {msgs:?}"
        );
    }
}

#[test]
fn the_world_round_trips_through_its_json() {
    let mut w = world(serde_json::json!({}));
    run(&with(&[]), &mut w);
    let text = serde_json::to_string(&w).unwrap();
    let again = World::from_json(&crate::json::parse(&text).unwrap()).unwrap();
    assert_eq!(again, w);
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    /// The name rule and SWF's length (with its ASCII shortcut) agree with the character-wise
    /// definitions (`:`, `/`, `|`, C0 and C1 controls; UTF-16 code units).
    #[test]
    fn names_are_judged_alike_with_or_without_the_ascii_shortcut(
        s in proptest::collection::vec(
            proptest::prop_oneof![
                4 => proptest::char::range('a', 'z'),
                1 => proptest::sample::select(vec![':', '/', '|', '\u{0}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', 'é', '😀', ' ']),
            ],
            0..12,
        ).prop_map(|cs| cs.into_iter().collect::<String>())
    ) {
        let bad = s == "arn"
            || s.chars().any(|c| {
                matches!(c, ':' | '/' | '|') || (c as u32) <= 0x1f || (0x7f..=0x9f).contains(&(c as u32))
            });
        proptest::prop_assert_eq!(name_problem(&s), bad, "{:?}", s);
        proptest::prop_assert_eq!(swf_len(&s), s.encode_utf16().count(), "{:?}", s);
    }
}

/// What a start meets, found by scanning the world's executions one by one: the model the
/// world's indexes are held to.
struct ScannedWorld {
    domains: Vec<ScannedDomain>,
    limit: usize,
}

/// A domain's name, open (workflowId, runId) pairs and closed runIds.
type ScannedDomain = (String, Vec<(String, String)>, Vec<String>);

impl ScannedWorld {
    fn start(&mut self, domain: &str, workflow_id: &str, ids: &mut RunIds) -> (Outcome, String) {
        let Some(d) = self.domains.iter().position(|d| d.0 == domain) else {
            return (Outcome::UnknownResourceFault, String::new());
        };
        if self.domains[d].1.len() >= self.limit {
            return (Outcome::LimitExceededFault, String::new());
        }
        if let Some((_, run)) = self.domains[d].1.iter().find(|(w, _)| w == workflow_id) {
            return (Outcome::WorkflowExecutionAlreadyStartedFault, run.clone());
        }
        let taken = |r: &str, ds: &[ScannedDomain]| {
            ds.iter()
                .any(|d| d.1.iter().any(|(_, o)| o == r) || d.2.iter().any(|c| c == r))
        };
        let mut run = ids.next_id();
        while taken(&run, &self.domains) {
            run = ids.next_id();
        }
        self.domains[d]
            .1
            .push((workflow_id.to_string(), run.clone()));
        (Outcome::Started, run)
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 64, ..Default::default() })]
    /// A world finds its domains, open workflowIds and runIds through indexes: every start (to
    /// a domain it has or not, of a workflowId open or not, past the limit, with runIds the
    /// world already holds from the same seed, open or closed) is answered as a scan of the
    /// executions answers it, and the world written after is the scan's.
    #[test]
    fn starts_meet_the_world_as_a_scan_of_its_executions_does(
        open in proptest::collection::vec((0..3usize, 0..6u8, proptest::bool::ANY), 0..12),
        closed in proptest::collection::vec(0..3usize, 0..6),
        starts in proptest::collection::vec((0..4usize, 0..8u8), 1..40),
        limit in 1..10usize,
    ) {
        let names = ["a", "b", "c", "missing"];
        // The runIds the world holds are those `RunIds::new(1)` draws first.
        let mut seeded = RunIds::new(1);
        let mut model = ScannedWorld { domains: Vec::new(), limit };
        for n in &names[..3] {
            model.domains.push((n.to_string(), Vec::new(), Vec::new()));
        }
        for (d, w, reuse) in open {
            let wid = format!("w{w}");
            if model.domains[d].1.iter().all(|(x, _)| *x != wid) {
                let run = if reuse { seeded.next_id() } else { format!("r-{d}-{w}") };
                model.domains[d].1.push((wid, run));
            }
        }
        for d in closed {
            model.domains[d].2.push(seeded.next_id());
        }
        let t = serde_json::json!({"name": "P", "version": "1", "defaultTaskList": {"name": "q"},
            "defaultExecutionStartToCloseTimeout": "60", "defaultTaskStartToCloseTimeout": "10",
            "defaultChildPolicy": "ABANDON"});
        let domains: Vec<_> = model.domains.iter().map(|(n, o, c)| serde_json::json!({
            "name": n, "workflowTypes": [t],
            "openExecutions": o.iter().map(|(w, r)| serde_json::json!({"workflowId": w, "runId": r})).collect::<Vec<_>>(),
            "closedExecutions": c.iter().map(|r| serde_json::json!({"workflowId": "old", "runId": r})).collect::<Vec<_>>(),
        })).collect();
        let text = serde_json::json!({"account": "123456789012", "region": "us-east-1",
            "limits": {"openExecutionsPerDomain": limit}, "domains": domains}).to_string();
        let mut w = World::from_json(&crate::json::parse(&text).unwrap()).unwrap();
        let (mut ids, mut model_ids) = (RunIds::new(1), RunIds::new(1));
        for (d, wid) in starts {
            let wid = format!("w{wid}");
            let r = simulate(
                &with(&[("domain", names[d].into()), ("workflowId", wid.as_str().into()), typ("P", "1")]),
                &allow_all(), &call("us-east-1"), Some(&mut w), &mut ids,
            );
            let (outcome, run) = model.start(names[d], &wid, &mut model_ids);
            proptest::prop_assert_eq!(r.outcome, outcome);
            match outcome {
                Outcome::Started => proptest::prop_assert_eq!(r.run_id.as_deref(), Some(run.as_str())),
                Outcome::WorkflowExecutionAlreadyStartedFault => {
                    let detail = r.fault.unwrap().detail;
                    proptest::prop_assert!(detail.contains(&format!("(runId `{run}`)")), "{}", detail);
                }
                _ => {}
            }
        }
        for (d, (name, open, _)) in w.domains().iter().zip(&model.domains) {
            proptest::prop_assert_eq!(&d.name, name);
            let got: Vec<_> = d.open_executions.iter().map(|e| (e.workflow_id.clone(), e.run_id.clone())).collect();
            proptest::prop_assert_eq!(&got, open);
        }
        // The world written loads again as the same world, indexes and all.
        let again = World::from_json(&crate::json::parse(&serde_json::to_string(&w).unwrap()).unwrap()).unwrap();
        proptest::prop_assert_eq!(&again, &w);
        proptest::prop_assert!(again.domains().iter().enumerate().all(|(i, d)| again.domain_at(&d.name) == Some(i)));
    }
}
