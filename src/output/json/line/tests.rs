//! The fast line writer against the serde form: strings, context entries, the call's keys
//! and whole lines (allowed, denied, started, faults, validation errors, values to escape).

use super::*;
use crate::eval::Detail::Deferred;
use crate::output::json::{sim_json_line, ContextView};
use crate::output::RenderCache;
use crate::request::{CallInputs, Principal, StartRequest, UserKey};
use crate::source::Span;
use crate::swf::{simulate, simulate_with, RunIds, World};

/// Every byte below 0x80 and a few wider characters, in every position of an eight-byte
/// word: written as serde_json writes them (a missed escape would show here).
#[test]
fn strings_are_written_as_serde_json_writes_them() {
    for c in (0u32..0x80).chain([0xE9, 0x2028, 0x1F600]) {
        let ch = char::from_u32(c).unwrap_or('?');
        for at in 0..17 {
            let mut s: String = "abcdefghijklmnopq".chars().take(at).collect();
            s.push(ch);
            s.push_str("rstuvwxyz");
            let mut out = Vec::new();
            json_str(&mut out, &s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }
}

const DENY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "NoForbidden",
    "Effect": "Deny", "Action": "swf:StartWorkflowExecution", "Resource": "*",
    "Condition": {"StringEquals": {"swf:tagList.member.2": "forbidden"},
                  "StringLikeIfExists": {"swf:taskList.name": ["*", "${aws:username}-*"]}}}]}"#;

/// The wire format's names of the context's sources (the module's table), and the text
/// that closes an entry with each.
#[test]
fn context_sources_have_their_wire_names() {
    for (src, name) in [
        (ValueSource::Request, "request"),
        (ValueSource::TypeDefault, "typeDefault"),
        (ValueSource::World, "world"),
        (ValueSource::Principal, "principal"),
        (ValueSource::Region, "region"),
        (ValueSource::CommandLine, "commandLine"),
        (ValueSource::Clock, "clock"),
        (ValueSource::Default, "default"),
        (ValueSource::Derived, "derived"),
    ] {
        assert_eq!(source_name(src), name);
        let close = format!(r#"],"source":"{name}"}}"#);
        assert_eq!(source_close(src), close.as_bytes());
        let mut padded = b"x".to_vec();
        push_padded(&mut padded, &VALUE_CLOSES[src as usize]);
        assert_eq!(padded, format!("x\"{close}").as_bytes());
    }
}

/// The context writer copies a key it holds borrowed without looking for bytes to escape:
/// such a key is a canonical spelling, and none of those holds one. Its text up to the
/// value comes from `KEY_HEADS` by the entry's slot.
#[test]
fn canonical_keys_hold_nothing_to_escape() {
    for (k, _) in crate::condition::CANONICAL_KEYS {
        assert_eq!(crate::json::escape_at(k.as_bytes()), None, "{k}");
    }
    let mut cx = Context::new();
    cx.set("AWS:USERNAME", "a".to_string(), ValueSource::CommandLine);
    cx.set(
        "aws:PrincipalTag/\"",
        "b".to_string(),
        ValueSource::CommandLine,
    );
    cx.set("aws:username", "c".to_string(), ValueSource::CommandLine);
    cx.set("aws:SourceIp", "d".to_string(), ValueSource::CommandLine);
    // Every canonical key, set by its own spelling, is written from its `KEY_HEADS` text.
    for &(k, slot) in crate::condition::CANONICAL_KEYS {
        let (head, len) = &KEY_HEADS[usize::from(slot)];
        let want = format!(",\"{k}\":{{\"values\":[\"");
        assert_eq!(&head[..usize::from(*len)], want.as_bytes());
        cx.set(k, format!("v-{slot}"), ValueSource::Request);
    }
    for e in cx.entries() {
        // A key held borrowed is a canonical spelling, and its entry knows its slot.
        match (&e.key, e.canonical) {
            (std::borrow::Cow::Borrowed(k), Some(slot)) => assert!(
                crate::condition::CANONICAL_KEYS.contains(&(k, slot)),
                "{k} {slot}"
            ),
            (std::borrow::Cow::Owned(_), None) => {}
            (k, slot) => panic!("{k} {slot:?}"),
        }
    }
    let mut out = Vec::new();
    write_context(&mut out, &cx);
    assert_eq!(out, serde_json::to_vec(&ContextView(&cx)).unwrap());
}

/// A context that took a call's keys as they are is written with their text made once:
/// what serde_json writes, whether the request gave keys before them or none, for every
/// context that shares the text, and once the context changed.
#[test]
fn call_keys_are_written_as_serde_json_writes_them() {
    use crate::request::{
        build_context_with, CallInputs, CallKeys, Principal, StartRequest, UserKey,
        WorkflowTypeRef, WorldFacts,
    };
    let call = CallInputs {
        principal: Principal::parse("arn:aws:iam::111122223333:user/bob")
            .unwrap()
            .into(),
        region: "eu-west-1".into(),
        user_keys: vec![UserKey {
            key: "app:Quote\"".into(),
            values: vec!["a\"b".into(), "c".into()],
            span: Default::default(),
        }],
        now: 1_795_608_000,
        caller: Default::default(),
    };
    let typed = StartRequest {
        workflow_type: Some(WorkflowTypeRef {
            name: Some("N".into()),
            version: Some("1".into()),
        }),
        ..Default::default()
    };
    let mut calls = CallKeys::default();
    let facts = WorldFacts::default();
    for request in [typed.clone(), StartRequest::default(), typed] {
        let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
        assert!(cx.call_keys().is_some());
        for _changed in 0..2 {
            let mut out = Vec::new();
            write_context(&mut out, &cx);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&ContextView(&cx)).unwrap()
            );
            cx.set(
                "aws:SourceIp",
                "203.0.113.7".to_string(),
                ValueSource::CommandLine,
            );
        }
    }
}

/// The workload's first identity policy, [`DENY`] and two of the guide's examples, as one
/// identity policy set, with their files.
fn mixed_policies() -> (PolicySet, SourceMap) {
    let mut sources = SourceMap::new();
    let files = [
        (
            "i1.json",
            include_str!("../../../../bench/workload/identity-1.json"),
        ),
        ("deny.json", DENY),
        (
            "e4.json",
            include_str!("../../../../policies/e4-type-name-and-version.json"),
        ),
        (
            "e1.json",
            include_str!("../../../../policies/e1-all-swf-one-account.json"),
        ),
    ];
    let kind = crate::policy::PolicyKind::Identity;
    let mut identity = Vec::new();
    for (name, text) in files {
        let id = sources.add(name.to_string(), text.to_string());
        identity.extend(crate::eval::load(text, id, kind).unwrap());
    }
    let set = PolicySet {
        identity,
        ..Default::default()
    };
    (set, sources)
}

/// The line writer (head and context by hand, the rest by serde_json, statement traces
/// from the cache) writes the serde form's text: allowed, denied,
/// started (runId, event, settings), faults, validation errors, and values to escape.
#[test]
fn lines_are_the_text_serde_json_writes() {
    let (set, sources) = mixed_policies();
    let world_text = include_str!("../../../../policies/world.json");
    let mut world = World::from_json(&crate::json::parse(world_text).unwrap()).unwrap();
    let principal =
        |user: &str| Principal::parse(&format!("arn:aws:iam::123456789012:user/{user}")).unwrap();
    let requests = [
        r#"{"domain":"orders","workflowId":"a","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
        r#"{"domain":"orders","workflowId":"a","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
        r#"{"domain":"prod-x","workflowId":"b","workflowType":{"name":"OrderFlow","version":"1.0"},"taskList":{"name":"prod-\"q\"\n"},"tagList":["team-a","é\u0001"]}"#,
        r#"{"domain":"alice-x","workflowId":"c","workflowType":{"name":"R","version":"0.1"},"tagList":["x","y","forbidden"]}"#,
        r#"{"domain":"nowhere","workflowId":"d","workflowType":{"name":"N","version":"9.9"}}"#,
        r#"{"domain":"orders","workflowId":"","workflowType":{"name":"ProcessOrder","version":"1.0"}}"#,
        // The same outcome and reason as `nowhere`'s, another fault detail in the summary.
        r#"{"domain":"orders","workflowId":"e","workflowType":{"name":"NoSuchType","version":"1.0"}}"#,
        // An unknown domain whose name the fault's message and detail must escape (the
        // second time, against the world).
        r#"{"domain":"no\"where\\","workflowId":"f","workflowType":{"name":"N","version":"9.9"}}"#,
        r#"{"domain":"no\"where\\","workflowId":"f","workflowType":{"name":"N","version":"9.9"}}"#,
    ];
    let mut cache = RenderCache::default();
    let mut ids = RunIds::new(3);
    let mut outcomes = std::collections::BTreeSet::new();
    for (i, text) in requests.iter().enumerate() {
        let req = StartRequest::from_json(&crate::json::parse(text).unwrap()).unwrap();
        for user in ["alice", "bob"] {
            let call = CallInputs {
                principal: principal(user).into(),
                region: "us-east-1".into(),
                user_keys: vec![
                    UserKey {
                        key: "aws:CurrentTime".into(),
                        values: vec!["2026-06-01T00:00:00Z".into()],
                        span: Span::default(),
                    },
                    // A key of the caller's own spelling, with bytes to escape.
                    UserKey {
                        key: "aws:PrincipalTag/q\"\u{1}".into(),
                        values: vec!["v\\".into()],
                        span: Span::default(),
                    },
                ],
                now: 1_767_225_600,
                caller: Default::default(),
            };
            let w = (i % 2 == 0).then_some(&mut world);
            let mut w_before = w.as_deref().cloned();
            let mut ids_before = ids.clone();
            let r = simulate(&req, &set, &call, w, &mut ids);
            outcomes.insert(r.outcome.as_str());
            for full in [true, false] {
                let want = sim_json_line(&r, &sources, full);
                assert_eq!(sim_json_line(&r, &sources, full), want);
                assert_eq!(
                    sim_json_line_cached(&r, &sources, &set, full, &mut cache),
                    want.as_bytes()
                );
            }
            // Deferred, on the world and run ids as they were: the full line again.
            let deferred = simulate_with(
                &req,
                &set,
                &call,
                w_before.as_mut(),
                &mut ids_before,
                Deferred,
            );
            let want = sim_json_line(&r, &sources, true);
            assert_eq!(
                sim_json_line_cached(&deferred, &sources, &set, true, &mut cache),
                want.as_bytes()
            );
        }
    }
    assert_eq!(outcomes.len(), 6, "{outcomes:?}");
}

/// A statement whose condition reads a policy variable is written from its whole trace: two
/// callers sending the same values get different condition results from it (one of two
/// conditions holds for one of them), with the statement failing for both.
#[test]
fn a_statement_reading_a_policy_variable_is_not_written_from_its_keys_alone() {
    let mut sources = SourceMap::new();
    let text = r#"{"Version": "2012-10-17", "Statement": {"Sid": "OwnList", "Effect": "Allow",
        "Action": "swf:StartWorkflowExecution", "Resource": "*",
        "Condition": {"StringEquals": {"swf:taskList.name": "${aws:username}-tl",
                                       "swf:workflowType.name": "Nope"}}}}"#;
    let id = sources.add("own.json".to_string(), text.to_string());
    let kind = crate::policy::PolicyKind::Identity;
    let set = PolicySet {
        identity: crate::eval::load(text, id, kind).unwrap(),
        ..Default::default()
    };
    let req = StartRequest::from_json(
        &crate::json::parse(
            r#"{"domain":"d","workflowId":"w","workflowType":{"name":"T","version":"1"},"taskList":{"name":"alice-tl"}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let mut cache = RenderCache::default();
    let mut lines = Vec::new();
    for user in ["alice", "bob", "alice", "bob"] {
        let call = CallInputs {
            principal: Principal::parse(&format!("arn:aws:iam::123456789012:user/{user}"))
                .unwrap()
                .into(),
            region: "us-east-1".into(),
            user_keys: Vec::new(),
            now: 0,
            caller: Default::default(),
        };
        let full = simulate(&req, &set, &call, None, &mut RunIds::new(1));
        let want = sim_json_line(&full, &sources, true);
        let deferred = simulate_with(&req, &set, &call, None, &mut RunIds::new(1), Deferred);
        for r in [&deferred, &full] {
            assert_eq!(
                sim_json_line_cached(r, &sources, &set, true, &mut cache),
                want.as_bytes(),
                "{user}"
            );
        }
        lines.push(want);
    }
    assert_ne!(lines[0], lines[1]);
    assert!(lines[0].contains("\"result\":\"true\""), "{}", lines[0]);
}
