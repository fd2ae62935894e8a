use super::*;
use crate::request::{
    build_context, CallInputs, StartRequest, WorkflowTypeRef, WorldFacts, ACTION,
};
use proptest::prelude::*;

fn policy(text: &str, kind: PolicyKind) -> Vec<CompiledPolicy> {
    load(text, SourceId(0), kind).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

#[derive(Debug)]
struct Case {
    principal: Principal,
    context: Context,
    resource: String,
}

fn case(domain: &str, task_list: Option<&str>, tags: &[&str], principal: &str) -> Case {
    let r = StartRequest {
        domain: Some(domain.into()),
        workflow_id: Some("w".into()),
        workflow_type: Some(WorkflowTypeRef {
            name: Some("P".into()),
            version: Some("1".into()),
        }),
        task_list: task_list.map(|t| Some(t.to_string())),
        tag_list: (!tags.is_empty()).then(|| tags.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    };
    let p = Principal::parse(principal).unwrap();
    let call = CallInputs {
        principal: p.clone().into(),
        region: "us-east-1".into(),
        user_keys: vec![],
        now: 1_764_072_000,
        caller: Default::default(),
    };
    Case {
        context: build_context(&r, &call, "123456789012", &WorldFacts::default()),
        resource: format!("arn:aws:swf:us-east-1:123456789012:/domain/{domain}"),
        principal: p,
    }
}

const USER: &str = "arn:aws:iam::123456789012:user/alice";

impl Case {
    fn request(&self) -> EvalRequest<'_> {
        EvalRequest {
            action: ACTION,
            resource: &self.resource,
            resource_account: "123456789012",
            principal: &self.principal,
            context: &self.context,
        }
    }
}

fn run(set: &PolicySet, c: &Case) -> Evaluation {
    let req = c.request();
    let e = evaluate(set, &req);
    assert_eq!(decide(set, &req), e.decision, "fast path disagrees");
    assert_eq!(
        evaluate_with(set, &req, Detail::Brief),
        e.brief(),
        "the brief evaluation is not the full one's brief part"
    );
    // A deferred evaluation is the full one's statements that matched, without condition
    // traces, which `trace_conditions` gives back for each of them.
    let mut without = e.clone();
    without.statements.retain(StatementTrace::relevant);
    for s in &mut without.statements {
        s.conditions.clear();
    }
    without.detail = Detail::Deferred;
    assert_eq!(e.detail, Detail::Full);
    let deferred = evaluate_with(set, &req, Detail::Deferred);
    assert_eq!(deferred, without, "deferred evaluation");
    let mut compiled = Vec::new();
    set.each_compiled(|c| compiled.push(c));
    assert_eq!(compiled.len(), e.statements.len());
    assert_eq!(set.statement_count(), e.statements.len());
    for (n, (s, c)) in e.statements.iter().zip(compiled).enumerate() {
        assert_eq!(s.position as usize, n, "a trace's place is its statement's");
        if s.relevant() {
            assert_eq!(super::trace_conditions(c, req.context), s.conditions);
        }
    }
    // A decider's first answer builds the plan; its second reads the plan it kept.
    let mut d = super::Decider::new(set);
    assert_eq!(d.decide(&req), e.decision, "decider (new plan) disagrees");
    assert_eq!(d.decide(&req), e.decision, "decider (kept plan) disagrees");
    // So does an evaluator's, in either detail.
    let mut ev = super::Evaluator::new(set);
    for plan in ["new", "kept"] {
        assert_eq!(
            ev.evaluate(&req, Detail::Full),
            e,
            "evaluator ({plan} plan)"
        );
        assert_eq!(
            ev.evaluate(&req, Detail::Brief),
            e.brief(),
            "brief evaluator ({plan} plan)"
        );
        assert_eq!(
            ev.evaluate(&req, Detail::Deferred),
            without,
            "deferred evaluator ({plan} plan)"
        );
    }
    e
}

#[test]
fn identity_allow_and_deny() {
    let allow = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"swf:StartWorkflowExecution","Resource":"arn:aws:swf:*:123456789012:/domain/*"}}"#;
    let deny = r#"{"Version":"2012-10-17","Statement":{"Sid":"NoProd","Effect":"Deny","Action":"swf:*","Resource":"arn:aws:swf:*:*:/domain/prod"}}"#;
    let mut set = PolicySet {
        identity: policy(allow, PolicyKind::Identity),
        ..Default::default()
    };
    assert_eq!(
        run(&set, &case("orders", None, &[], USER)).decision,
        Decision::Allowed
    );
    set.identity.extend(policy(deny, PolicyKind::Identity));
    let e = run(&set, &case("prod", None, &[], USER));
    assert_eq!(e.decision, Decision::ExplicitDeny);
    assert_eq!(
        e.reason,
        Reason::ExplicitDeny {
            layer: Layer::Identity
        }
    );
    let deciding: Vec<_> = e
        .statements
        .iter()
        .filter(|s| s.applies == Truth::True)
        .collect();
    assert_eq!(deciding.len(), 2);
    assert_eq!(deciding[1].statement.sid.as_deref(), Some("NoProd"));
}

/// Every key a relevant statement reads and the call lacks is reported missing, a `Null`
/// test's key included (giving it settles the test), once each in any spelling, in the order
/// the statements ask for them.
#[test]
fn a_null_tests_key_is_missing_too() {
    let p = r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"swf:StartWorkflowExecution","Resource":"*","Condition":{
        "Null":{"aws:TokenIssueTime":"true"},"StringEquals":{"swf:taskList.name":"tl"}}},
      {"Effect":"Allow","Action":"swf:StartWorkflowExecution","Resource":"*","Condition":{
        "StringLike":{"SWF:TASKLIST.NAME":"t*","aws:SourceVpc":"vpc-1"}}}]}"#;
    let set = PolicySet {
        identity: policy(p, PolicyKind::Identity),
        ..Default::default()
    };
    let e = run(&set, &case("orders", None, &[], USER));
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert_eq!(
        e.missing_keys,
        vec!["aws:TokenIssueTime", "swf:taskList.name", "aws:SourceVpc"]
    );
}

#[test]
fn missing_keys_are_reported() {
    let p = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"swf:StartWorkflowExecution","Resource":"*","Condition":{"StringEquals":{"swf:taskList.name":"tl"}}}}"#;
    let set = PolicySet {
        identity: policy(p, PolicyKind::Identity),
        ..Default::default()
    };
    let e = run(&set, &case("orders", None, &[], USER));
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert_eq!(e.missing_keys, vec!["swf:taskList.name"]);
    assert_eq!(
        e.reason,
        Reason::NoAllow {
            layer: Layer::Identity
        }
    );
}

#[test]
fn layers_combine_as_iam_combines_them() {
    let all = r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#;
    let s3 = r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#;
    let id = policy(all, PolicyKind::Identity);
    let c = case("orders", None, &[], USER);
    // A boundary must also allow.
    let set = PolicySet {
        identity: id.clone(),
        boundary: Some(policy(s3, PolicyKind::Boundary)),
        ..Default::default()
    };
    assert_eq!(
        run(&set, &c).reason,
        Reason::NoAllow {
            layer: Layer::Boundary
        }
    );
    // A boundary alone grants nothing.
    let set = PolicySet {
        boundary: Some(policy(all, PolicyKind::Boundary)),
        ..Default::default()
    };
    assert_eq!(
        run(&set, &c).reason,
        Reason::NoAllow {
            layer: Layer::Identity
        }
    );
    // Every SCP level must allow.
    let set = PolicySet {
        identity: id.clone(),
        scps: vec![policy(all, PolicyKind::Scp), policy(s3, PolicyKind::Scp)],
        ..Default::default()
    };
    assert_eq!(
        run(&set, &c).reason,
        Reason::NoAllow {
            layer: Layer::Scp(1)
        }
    );
    // An RCP level holds RCPFullAWSAccess implicitly: only its Deny matters.
    let rcp_deny =
        r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"swf:*","Resource":"*"}}"#;
    let set = PolicySet {
        identity: id.clone(),
        rcps: vec![policy(rcp_deny, PolicyKind::Rcp)],
        ..Default::default()
    };
    assert_eq!(
        run(&set, &c).reason,
        Reason::ExplicitDeny {
            layer: Layer::Rcp(0)
        }
    );
    // The root user needs no identity Allow and ignores a boundary, but not SCPs.
    let root = case("orders", None, &[], "arn:aws:iam::123456789012:root");
    let set = PolicySet {
        boundary: Some(policy(s3, PolicyKind::Boundary)),
        ..Default::default()
    };
    assert_eq!(run(&set, &root).decision, Decision::Allowed);
    let set = PolicySet {
        scps: vec![policy(s3, PolicyKind::Scp)],
        ..Default::default()
    };
    assert_eq!(run(&set, &root).decision, Decision::ImplicitDeny);
    // Another account's caller is denied: SWF has no resource-based policies.
    let other = case(
        "orders",
        None,
        &[],
        "arn:aws:iam::999999999999:user/mallory",
    );
    let set = PolicySet {
        identity: id,
        ..Default::default()
    };
    assert!(matches!(
        run(&set, &other).reason,
        Reason::CrossAccount { .. }
    ));
}

#[test]
fn unknown_values_make_the_decision_unknown_only_when_they_matter() {
    let bad = r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"soon"}}}}"#;
    let good = r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#;
    let mut c = case("orders", None, &[], USER);
    c.context.set(
        "aws:MultiFactorAuthAge",
        vec!["10".into()],
        crate::request::ValueSource::CommandLine,
    );
    let set = PolicySet {
        identity: policy(bad, PolicyKind::Identity),
        ..Default::default()
    };
    assert_eq!(run(&set, &c).decision, Decision::Unknown);
    let mut set2 = set.clone();
    set2.identity.extend(policy(good, PolicyKind::Identity));
    assert_eq!(
        run(&set2, &c).decision,
        Decision::Allowed,
        "another Allow decides regardless"
    );
    let deny_bad = bad.replace("Allow", "Deny");
    let mut set3 = PolicySet {
        identity: policy(good, PolicyKind::Identity),
        ..Default::default()
    };
    set3.identity
        .extend(policy(&deny_bad, PolicyKind::Identity));
    assert_eq!(
        run(&set3, &c).decision,
        Decision::Unknown,
        "an undecidable Deny leaves the answer open"
    );
}

// ---- property tests -------------------------------------------------------------------------

fn action_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "swf:StartWorkflowExecution",
        "swf:Start*",
        "swf:*",
        "*",
        "swf:List*",
        "s3:*",
        "SWF:startworkflowexecution",
        "swf:StartWorkflowExecutio?",
    ])
}
fn resource_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "*",
        "arn:aws:swf:*:123456789012:/domain/*",
        "arn:aws:swf:us-east-1:123456789012:/domain/orders",
        "arn:aws:swf:us-east-1:123456789012:/domain/b*",
        "arn:aws:swf::123456789012:/domain/orders",
        "arn:aws:swf:*:*:/domain/${aws:username}",
        "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}",
        "arn:aws:swf:eu-west-1:123456789012:/domain/${aws:username}*",
        // Keys AWS includes with values swfsim does not know: the match is unknown.
        "arn:aws:swf:*:123456789012:/domain/${aws:userid}",
        "arn:aws:swf:*:123456789012:/domain/${aws:TokenIssueTime, 'orders'}",
    ])
}
fn condition_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        r#","Condition":{"StringEquals":{"swf:taskList.name":"tl"}}"#,
        r#","Condition":{"StringEqualsIfExists":{"swf:taskList.name":"tl"}}"#,
        r#","Condition":{"StringNotEquals":{"swf:taskList.name":["tl","x"]}}"#,
        r#","Condition":{"StringLike":{"swf:tagList.member.0":"team:*"}}"#,
        r#","Condition":{"Null":{"swf:tagList.member.1":"true"}}"#,
        r#","Condition":{"ForAllValues:StringEquals":{"swf:tagList.member.0":["a"]}}"#,
        r#","Condition":{"ForAnyValue:StringLike":{"swf:tagList.member.0":["a*"]}}"#,
        r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
        r#","Condition":{"NumericLessThan":{"aws:EpochTime":"1"}}"#,
        r#","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01"}}"#,
        // Values known only in part, or not at all.
        r#","Condition":{"Null":{"aws:TokenIssueTime":"false"}}"#,
        r#","Condition":{"StringLike":{"aws:userid":"*:s"}}"#,
        r#","Condition":{"StringEquals":{"aws:userid":"AROAX:s"}}"#,
        r#","Condition":{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}"#,
        r#","Condition":{"StringEquals":{"swf:taskList.name":"${aws:userid}"}}"#,
    ])
}

fn statement_strategy() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        any::<bool>(),
        action_strategy(),
        any::<bool>(),
        resource_strategy(),
        condition_strategy(),
    )
        .prop_map(|(allow, not_action, a, not_res, r, c)| {
            format!(
                r#"{{"Effect":"{}","{}":"{}","{}":"{}"{}}}"#,
                if allow { "Allow" } else { "Deny" },
                if not_action { "NotAction" } else { "Action" },
                a,
                if not_res { "NotResource" } else { "Resource" },
                r,
                c
            )
        })
}

fn doc(statements: &[String]) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn set_strategy() -> impl Strategy<Value = (Vec<String>, Option<Vec<String>>, Vec<Vec<String>>)> {
    (
        prop::collection::vec(statement_strategy(), 0..4),
        prop::option::of(prop::collection::vec(statement_strategy(), 0..3)),
        prop::collection::vec(prop::collection::vec(statement_strategy(), 0..3), 0..2),
    )
}

fn build(identity: &[String], boundary: &Option<Vec<String>>, scps: &[Vec<String>]) -> PolicySet {
    PolicySet {
        identity: policy(&doc(identity), PolicyKind::Identity),
        boundary: boundary
            .as_ref()
            .map(|b| policy(&doc(b), PolicyKind::Boundary)),
        scps: scps
            .iter()
            .map(|l| policy(&doc(l), PolicyKind::Scp))
            .collect(),
        ..Default::default()
    }
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec!["orders", "billing", "alice"]),
        prop::option::of(prop::sample::select(vec!["tl", "x", "other"])),
        prop::collection::vec(prop::sample::select(vec!["a", "team:x", "b"]), 0..3),
        prop::sample::select(vec![
            USER,
            "arn:aws:iam::123456789012:role/r",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::999999999999:user/x",
            "arn:aws:sts::123456789012:assumed-role/r/s",
        ]),
    )
        .prop_map(|(d, t, tags, p)| case(d, t, &tags, p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn fast_path_agrees_with_traced_path((i, b, s) in set_strategy(), c in case_strategy()) {
        let set = build(&i, &b, &s);
        run(&set, &c);
    }

    #[test]
    fn explicit_deny_always_wins((i, b, s) in set_strategy(), c in case_strategy(), extra in statement_strategy()) {
        let deny_all = r#"{"Effect":"Deny","Action":"*","Resource":"*"}"#.to_string();
        let mut i2 = i.clone();
        i2.push(deny_all);
        let _ = extra;
        prop_assert_eq!(run(&build(&i2, &b, &s), &c).decision, Decision::ExplicitDeny);
    }

    #[test]
    fn adding_an_allow_never_removes_access((i, b, s) in set_strategy(), c in case_strategy(), extra in statement_strategy()) {
        prop_assume!(extra.contains("\"Allow\""));
        let before = run(&build(&i, &b, &s), &c).decision;
        let mut i2 = i.clone();
        i2.push(extra);
        let after = run(&build(&i2, &b, &s), &c).decision;
        if before == Decision::Allowed {
            prop_assert_eq!(after, Decision::Allowed);
        }
    }

    #[test]
    fn adding_a_deny_never_grants((i, b, s) in set_strategy(), c in case_strategy(), extra in statement_strategy()) {
        prop_assume!(extra.contains("\"Deny\""));
        let before = run(&build(&i, &b, &s), &c).decision;
        let mut i2 = i.clone();
        i2.push(extra);
        let after = run(&build(&i2, &b, &s), &c).decision;
        if before != Decision::Allowed {
            prop_assert_ne!(after, Decision::Allowed);
        }
    }
}

/// A decider (and an evaluator) keeps one plan per (action, resource) and reuses it for every
/// caller: a Resource or NotResource list mixing plain items and items with `${aws:username}`
/// must still be matched per caller when no plain item decided it, and dropping the plans past
/// the limit must not change an answer (or a trace).
#[test]
fn decider_plans_serve_every_caller_and_survive_being_dropped() {
    let set = PolicySet {
        identity: policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"swf:StartWorkflowExecution",
               "Resource":["arn:aws:swf:us-east-1:123456789012:/domain/shared",
                           "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}-*"]},
              {"Effect":"Deny","Action":"swf:*",
               "NotResource":["arn:aws:swf:*:123456789012:/domain/d*",
                              "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}-*",
                              "arn:aws:swf:us-east-1:123456789012:/domain/shared"]},
              {"Effect":"Allow","Action":"swf:StartWorkflowExecution",
               "Resource":"arn:aws:swf:us-east-1:123456789012:/domain/d*"}]}"#,
            PolicyKind::Identity,
        ),
        ..Default::default()
    };
    let users = [
        USER,
        "arn:aws:iam::123456789012:user/bob",
        "arn:aws:iam::123456789012:role/r",
    ];
    let mut domains: Vec<String> = ["shared", "alice-x", "bob-x", "alice", "d1", "e1"]
        .iter()
        .map(|d| d.to_string())
        .collect();
    domains.extend((0..Decider::MAX_PLANS + 10).map(|i| format!("d{i}")));
    let mut decider = Decider::new(&set);
    let mut evaluator = Evaluator::new(&set);
    let mut seen = std::collections::HashMap::new();
    for round in 0..2 {
        for (i, d) in domains.iter().enumerate() {
            for u in users {
                let c = case(d, None, &[], u);
                let req = c.request();
                let traced = evaluate(&set, &req);
                let want = traced.decision;
                assert_eq!(decider.decide(&req), want, "{d} {u} (round {round})");
                assert_eq!(
                    evaluator.evaluate(&req, Detail::Full),
                    traced,
                    "evaluator: {d} {u} (round {round})"
                );
                if i < 6 {
                    seen.insert((d.clone(), u), want);
                }
            }
        }
    }
    // The answers differ by caller for the same domain, so one plan served different answers.
    let of = |d: &str, u: &'static str| seen.get(&(d.to_string(), u)).copied();
    assert_eq!(of("alice-x", USER), Some(Decision::Allowed));
    assert_eq!(
        of("alice-x", "arn:aws:iam::123456789012:user/bob"),
        Some(Decision::ExplicitDeny)
    );
    assert_eq!(of("d1", USER), Some(Decision::Allowed));
    assert_eq!(of("e1", USER), Some(Decision::ExplicitDeny));
}

/// A plan decides a variable item's part through the fifth colon once, for its ARN: every item
/// that part leaves open (here two, one written whole and one with a region wildcard) must still
/// be matched per caller, and a NotResource item so left must be matched negated.
#[test]
fn a_plan_matches_every_variable_item_its_arn_leaves_open() {
    let set = PolicySet {
        identity: policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"swf:StartWorkflowExecution",
               "Resource":["arn:aws:swf:us-east-1:123456789012:/domain/x-${aws:username}",
                           "arn:aws:swf:*:123456789012:/domain/y-${aws:username}",
                           "arn:aws:swf:eu-west-1:123456789012:/domain/${aws:username}"]},
              {"Effect":"Deny","Action":"swf:*",
               "NotResource":"arn:aws:swf:us-east-1:123456789012:/domain/*-${aws:username}"}]}"#,
            PolicyKind::Identity,
        ),
        ..Default::default()
    };
    let bob = "arn:aws:iam::123456789012:user/bob";
    for (domain, user, want) in [
        ("x-alice", USER, Decision::Allowed),
        ("y-alice", USER, Decision::Allowed),
        ("x-bob", bob, Decision::Allowed),
        ("y-alice", bob, Decision::ExplicitDeny),
        ("alice", USER, Decision::ExplicitDeny),
    ] {
        assert_eq!(
            run(&set, &case(domain, None, &[], user)).decision,
            want,
            "{domain} {user}"
        );
    }
}

/// A statement an RCP may hold: a Deny with a Principal.
fn rcp_statement_strategy() -> impl Strategy<Value = String> {
    statement_strategy().prop_map(|s| {
        s.replacen(r#"{"Effect":"Allow""#, r#"{"Effect":"Deny""#, 1)
            .replacen(r#"{"Effect""#, r#"{"Principal":"*","Effect""#, 1)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// RCP levels and session policies beside the others: the fast path and a decider still
    /// decide as the traced path does (the properties above use identity policies, boundaries
    /// and SCPs only).
    #[test]
    fn every_layer_decides_alike_traced_fast_and_planned(
        (i, b, s) in set_strategy(),
        rcps in prop::collection::vec(prop::collection::vec(rcp_statement_strategy(), 0..3), 0..2),
        session in prop::collection::vec(statement_strategy(), 0..3),
        c in case_strategy(),
    ) {
        let mut set = build(&i, &b, &s);
        set.rcps = rcps.iter().map(|l| policy(&doc(l), PolicyKind::Rcp)).collect();
        set.session = if session.is_empty() { Vec::new() } else { policy(&doc(&session), PolicyKind::Session) };
        run(&set, &c);
    }
}

/// The hand-written equality of traces (a pointer compare first for shared texts) is the
/// derived one's: equal contents in other allocations are equal, and each field differing
/// makes them differ.
#[test]
fn traces_are_equal_by_content_whether_or_not_they_share_texts() {
    use crate::condition::{ConditionOutcome, ValueOutcome};
    use std::sync::Arc;
    let condition = |op: &str, key: &str, values: &[&str], value: &str| ConditionTrace {
        operator: Arc::from(op),
        key: Arc::from(key),
        policy_values: values.iter().map(|v| v.to_string()).collect(),
        span: crate::source::Span::new(3, 9),
        slot: Some(4),
        outcome: ConditionOutcome {
            result: Truth::True,
            present: true,
            values: vec![ValueOutcome {
                value: value.to_string(),
                matched: Some(0),
                result: Truth::True,
                unknown: None,
            }],
            missing_rule: None,
            partial: None,
        },
    };
    let a = condition("StringEquals", "swf:taskList.name", &["a", "b"], "a");
    assert_eq!(a, a.clone(), "shared texts");
    assert_eq!(
        a,
        condition("StringEquals", "swf:taskList.name", &["a", "b"], "a")
    );
    for other in [
        condition("StringLike", "swf:taskList.name", &["a", "b"], "a"),
        condition("StringEquals", "swf:tasklist.name", &["a", "b"], "a"),
        condition("StringEquals", "swf:taskList.name", &["a", "c"], "a"),
        condition("StringEquals", "swf:taskList.name", &["a"], "a"),
        condition("StringEquals", "swf:taskList.name", &["a", "b"], "b"),
        ConditionTrace {
            span: crate::source::Span::new(3, 10),
            ..a.clone()
        },
        ConditionTrace {
            slot: None,
            ..a.clone()
        },
    ] {
        assert_ne!(a, other);
        assert_ne!(other, a);
    }
    let statement = |sid: Option<&str>, index| StatementRef {
        layer: Layer::Identity,
        source: crate::source::SourceId(0),
        document: 0,
        index,
        sid: sid.map(Arc::from),
        effect: crate::policy::Effect::Allow,
        span: crate::source::Span::new(0, 1),
    };
    let s = statement(Some("Orders"), 1);
    assert_eq!(s, s.clone());
    assert_eq!(s, statement(Some("Orders"), 1));
    assert_eq!(statement(None, 1), statement(None, 1));
    for other in [
        statement(Some("orders"), 1),
        statement(None, 1),
        statement(Some("Orders"), 2),
    ] {
        assert_ne!(s, other);
        assert_ne!(other, s);
    }
}

/// A trace names the item of Action, Resource or NotResource that matched (for a `Not...`
/// element, the one that excluded the request), by its index in the list, in every path `run`
/// compares (evaluator, deferred, brief).
#[test]
fn a_trace_names_the_item_that_matched_by_its_index() {
    let set = PolicySet {
        identity: policy(
            r#"{"Statement": [
                {"Effect": "Allow", "Action": ["swf:List*", "swf:Describe*", "swf:Start*"],
                 "Resource": ["arn:aws:swf:*:*:/domain/a", "arn:aws:swf:*:*:/domain/b",
                              "arn:aws:swf:*:*:/domain/orders"]},
                {"Effect": "Deny", "NotAction": ["swf:List*", "swf:StartWorkflowExecution"],
                 "NotResource": ["arn:aws:swf:*:*:/domain/x", "arn:aws:swf:*:*:/domain/ord*"]},
                {"Effect": "Deny", "Action": "swf:List*", "Resource": "*"}
            ]}"#,
            PolicyKind::Identity,
        ),
        ..Default::default()
    };
    let e = run(&set, &case("orders", None, &[], USER));
    let items = |s: &StatementTrace| {
        (
            (s.action.matched, s.action.item),
            (s.resource.matched, s.resource.item),
        )
    };
    assert_eq!(items(&e.statements[0]), ((true, Some(2)), (true, Some(2))));
    assert_eq!(
        items(&e.statements[1]),
        ((false, Some(1)), (false, Some(1)))
    );
    assert_eq!(items(&e.statements[2]), ((false, None), (true, Some(0))));
    assert_eq!(e.decision, Decision::Allowed);
}

/// A deferred evaluation (a batch's full JSON lines) keeps the statements whose Action,
/// Resource and Principal matched: an RCP Deny naming another caller matched Action and
/// Resource but not Principal, so a full evaluation traces it as not relevant and a deferred
/// one leaves it out (`run` holds the deferred evaluation to the full one's relevant traces).
#[test]
fn a_deferred_evaluation_leaves_out_an_rcp_statement_for_another_principal() {
    let all = r#"{"Statement":{"Effect":"Allow","Action":"swf:*","Resource":"*"}}"#;
    let bob = r#"{"Statement":[
        {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},"Action":"swf:*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"swf:*","Resource":"*","Condition":{"Bool":{"aws:ViaAWSService":"true"}}}]}"#;
    let set = PolicySet {
        identity: policy(all, PolicyKind::Identity),
        rcps: vec![policy(bob, PolicyKind::Rcp)],
        ..Default::default()
    };
    let e = run(&set, &case("orders", None, &[], USER));
    assert_eq!(e.decision, Decision::Allowed);
    let rcp: Vec<_> = e
        .statements
        .iter()
        .filter(|s| s.statement.layer == Layer::Rcp(0))
        .collect();
    assert_eq!(rcp.len(), 2);
    assert!(rcp[0].action.matched && rcp[0].resource.matched && !rcp[0].relevant());
    assert!(rcp[1].relevant());
    let deferred = evaluate_with(
        &set,
        &case("orders", None, &[], USER).request(),
        Detail::Deferred,
    );
    let kept: Vec<_> = deferred.statements.iter().map(|s| s.position).collect();
    assert_eq!(
        kept,
        [1, 2],
        "the RCP's second statement and the identity Allow"
    );
}

/// An evaluator's plan for a pair keeps the statements whose Resource matched it, not every
/// statement of the set (a batch thread kept 24 bytes a statement a pair: some 20 MB at
/// 10,000 statements), and evaluates as the traced evaluation does: a statement whose Resource
/// names another domain, a `NotResource` that excludes the domain and one that lets it through.
#[test]
fn an_evaluator_plan_keeps_only_the_statements_whose_resource_matched() {
    let mut statements: Vec<String> = (0..1_000)
        .map(|i| {
            format!(
                r#"{{"Effect":"Allow","Action":"swf:*","Resource":"arn:aws:swf:us-east-1:123456789012:/domain/d{}"}}"#,
                i % 10
            )
        })
        .collect();
    for name in ["d3", "x"] {
        statements.push(format!(
            r#"{{"Effect":"Deny","Action":"swf:StartWorkflowExecution","NotResource":"arn:aws:swf:us-east-1:123456789012:/domain/{name}"}}"#
        ));
    }
    let text = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    );
    let set = PolicySet {
        identity: policy(&text, PolicyKind::Identity),
        ..Default::default()
    };
    let c = case("d3", None, &[], USER);
    let e = run(&set, &c);
    assert_eq!(e.decision, Decision::ExplicitDeny);
    assert_eq!(e.statements.iter().filter(|s| s.relevant()).count(), 101);
    // 100 statements name d3 and the NotResource of d3 has an item that matched it; 100 and
    // the NotResource of x apply.
    let plan = Evaluator::new(&set).plan(&c.request());
    assert_eq!(plan.places(), 101 + 101);
}
