//! The SWF developer guide's IAM examples (E1-E7, E10), re-authored in policies/, with the tests
//! the guide's text implies.

mod common;
use swfsim::eval::{load, Decision, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{CallInputs, Principal, StartRequest};
use swfsim::swf::{simulate, Outcome, RunIds, World};

fn policy(name: &str) -> PolicySet {
    let text = std::fs::read_to_string(common::root().join("policies").join(name)).unwrap();
    PolicySet {
        identity: load(&text, Default::default(), PolicyKind::Identity).unwrap(),
        ..Default::default()
    }
}

fn request(
    domain: &str,
    name: &str,
    version: &str,
    task_list: Option<&str>,
    tags: &[&str],
) -> StartRequest {
    let mut v = serde_json::json!({"domain": domain, "workflowId": "w-1", "workflowType": {"name": name, "version": version}});
    if let Some(t) = task_list {
        v["taskList"] = serde_json::json!({"name": t});
    }
    if !tags.is_empty() {
        v["tagList"] = serde_json::json!(tags);
    }
    StartRequest::from_json(&swfsim::json::parse(&v.to_string()).unwrap()).unwrap()
}

fn decide(
    set: &PolicySet,
    r: &StartRequest,
    principal: &str,
    world: Option<&mut World>,
) -> (Decision, Outcome) {
    let call = CallInputs {
        principal: Principal::parse(principal).unwrap().into(),
        region: "us-east-1".into(),
        user_keys: vec![],
        now: 0,
        caller: Default::default(),
    };
    let res = simulate(r, set, &call, world, &mut RunIds::new(0));
    (res.decision.unwrap(), res.outcome)
}

const ME: &str = "arn:aws:iam::123456789012:user/dev";
const OTHER: &str = "arn:aws:iam::999999999999:user/dev";
use Decision::{Allowed as A, ImplicitDeny as I};

#[test]
fn e1_all_swf_actions_in_one_account() {
    let p = policy("e1-all-swf-one-account.json");
    assert_eq!(
        decide(&p, &request("anything", "T", "1", None, &[]), ME, None).0,
        A
    );
    assert_eq!(
        decide(&p, &request("anything", "T", "1", None, &[]), OTHER, None).0,
        I
    );
}

#[test]
fn e2_two_named_domains() {
    let p = policy("e2-two-domains.json");
    for (domain, want) in [
        ("department1", A),
        ("department2", A),
        ("department3", I),
        ("Department1", I),
    ] {
        assert_eq!(
            decide(&p, &request(domain, "T", "1", None, &[]), ME, None).0,
            want,
            "{domain}"
        );
    }
}

#[test]
fn e3_workflow_starter_in_one_domain() {
    let p = policy("e3-workflow-starter.json");
    assert_eq!(
        decide(&p, &request("orders", "T", "1", None, &[]), ME, None).0,
        A
    );
    assert_eq!(
        decide(&p, &request("billing", "T", "1", None, &[]), ME, None).0,
        I
    );
}

#[test]
fn e4_type_name_and_version_both_required() {
    let p = policy("e4-type-name-and-version.json");
    for (name, version, want) in [
        ("workflow1", "version2", A),
        ("workflow1", "version3", I),
        ("workflow2", "version2", I),
    ] {
        assert_eq!(
            decide(&p, &request("d", name, version, None, &[]), ME, None).0,
            want,
            "{name} {version}"
        );
    }
}

#[test]
fn e5_task_list_optional_but_constrained() {
    let p = policy("e5-optional-task-list.json");
    assert_eq!(
        decide(
            &p,
            &request("d", "T", "1", Some("task_list_name"), &[]),
            ME,
            None
        )
        .0,
        A
    );
    assert_eq!(
        decide(&p, &request("d", "T", "1", Some("other"), &[]), ME, None).0,
        I
    );
    assert_eq!(
        decide(&p, &request("d", "T", "1", None, &[]), ME, None).0,
        A,
        "no task list and no default: IfExists holds"
    );
    // No task list, but the type's registered default is another list: denied, as SWF decides on the default.
    let mut w: World = World::from_json(&swfsim::json::parse(r#"{"account":"123456789012","region":"us-east-1","domains":[{"name":"d","workflowTypes":[{"name":"T","version":"1","defaultTaskList":{"name":"other"},"defaultExecutionStartToCloseTimeout":"60","defaultTaskStartToCloseTimeout":"10","defaultChildPolicy":"ABANDON"}]}]}"#).unwrap()).unwrap();
    assert_eq!(
        decide(&p, &request("d", "T", "1", None, &[]), ME, Some(&mut w)),
        (I, Outcome::OperationNotPermitted)
    );
}

#[test]
fn e6_checking_only_the_first_tag_lets_extra_tags_through() {
    let p = policy("e6-first-tag-only-insecure.json");
    for (tags, want) in [
        (&[][..], A),
        (&["some_ok_tag"][..], A),
        (&["bad"][..], I),
        (&["some_ok_tag", "anything"][..], A),
    ] {
        assert_eq!(
            decide(&p, &request("d", "T", "1", None, tags), ME, None).0,
            want,
            "{tags:?}"
        );
    }
}

#[test]
fn e7_null_on_the_second_tag_closes_the_gap() {
    let p = policy("e7-first-tag-only-safer.json");
    for (tags, want) in [
        (&[][..], A),
        (&["some_ok_tag"][..], A),
        (&["another_ok_tag"][..], A),
        (&["some_ok_tag", "x"][..], I),
        (&["bad"][..], I),
    ] {
        assert_eq!(
            decide(&p, &request("d", "T", "1", None, tags), ME, None).0,
            want,
            "{tags:?}"
        );
    }
}

#[test]
fn e10_domain_tags_come_from_the_world() {
    let p = policy("e10-production-domains-deny.json");
    let text = std::fs::read_to_string(common::root().join("policies/world.json")).unwrap();
    let mut w = World::from_json(&swfsim::json::parse(&text).unwrap()).unwrap();
    assert_eq!(
        decide(
            &p,
            &request("billing", "ChargeCard", "2", None, &[]),
            ME,
            Some(&mut w)
        )
        .0,
        Decision::ExplicitDeny
    );
    assert_eq!(
        decide(
            &p,
            &request("orders", "ProcessOrder", "1.0", None, &[]),
            ME,
            Some(&mut w)
        ),
        (A, Outcome::Started)
    );
    // Without a world the tag is missing: StringEquals is false, the Deny does not apply.
    assert_eq!(
        decide(
            &p,
            &request("billing", "ChargeCard", "2", None, &[]),
            ME,
            None
        )
        .0,
        A
    );
}
