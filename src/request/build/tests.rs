use super::*;
use crate::condition::{key_slot, Lookup};
use crate::request::{Principal, UserKey, WorkflowTypeRef, DEFAULT_PRINCIPAL};
use crate::source::Span;

/// One of a few requests: type name and version, task list, tags (none to six), each
/// there or not.
fn some_request(n: usize) -> StartRequest {
    StartRequest {
        workflow_type: (!n.is_multiple_of(3)).then(|| WorkflowTypeRef {
            name: (n % 3 == 1).then(|| "Flow".to_string()),
            version: Some(format!("{}", n % 4)),
        }),
        task_list: n
            .is_multiple_of(2)
            .then(|| n.is_multiple_of(4).then(|| "q".to_string())),
        tag_list: (!n.is_multiple_of(5)).then(|| (0..n % 7).map(|i| format!("t{i}")).collect()),
        ..Default::default()
    }
}

/// One of a few calls: callers of three kinds, two regions and clocks, and user keys that
/// give a time, replace a default or a caller's key, are unknown (any spelling), have
/// several values, or name a request's key (`swf:`, which only the library lets through).
fn some_call(n: usize, keys: &[usize]) -> CallInputs {
    let principal = [
        DEFAULT_PRINCIPAL,
        "arn:aws:iam::111122223333:root",
        "arn:aws:sts::111122223333:assumed-role/R/s",
    ][n % 3];
    let given: [(&str, Vec<&str>); 7] = [
        ("aws:CurrentTime", vec!["2027-06-01T00:00:00Z"]),
        ("aws:SecureTransport", vec!["false"]),
        (
            "aws:PrincipalArn",
            vec!["arn:aws:iam::111122223333:user/other"],
        ),
        ("app:Custom", vec!["x"]),
        ("APP:custom2", vec![]),
        ("aws:CalledVia", vec!["a", "b"]),
        ("swf:taskList.name", vec!["given"]),
    ];
    CallInputs {
        principal: Principal::parse(principal).unwrap().into(),
        region: ["us-east-1", "eu-west-1"][n / 3 % 2].into(),
        user_keys: keys
            .iter()
            .map(|&k| UserKey {
                key: given[k % given.len()].0.into(),
                values: given[k % given.len()]
                    .1
                    .iter()
                    .map(|v| v.to_string())
                    .collect(),
                span: Span::default(),
            })
            .collect(),
        now: [0, 1_795_608_000][n / 6 % 2],
        caller: Default::default(),
    }
}

/// `build_context_with` makes the context `build_context` makes, read every way: entries,
/// each key's values and source by name and by slot, each entry's single value as bytes.
fn same_context(with: &Context, plain: &Context) {
    assert_eq!(with, plain);
    for e in plain.entries() {
        let w = with.get(&e.key).unwrap();
        assert_eq!(w.source, e.source, "{}", e.key);
        assert_eq!(
            with.entry_single_bytes(w),
            plain.entry_single_bytes(e),
            "{}",
            e.key
        );
    }
    let others = [
        "app:custom",
        "APP:CUSTOM2",
        "aws:ResourceTag/team",
        "x:none",
    ];
    let canonical = crate::condition::CANONICAL_KEYS.iter().map(|(k, _)| *k);
    for key in canonical.chain(others) {
        let read = |cx: &Context| {
            let slot = key_slot(key);
            (
                cx.values(key).map(|v| v.to_vec().join("|")),
                cx.get_slot(slot, key).map(|e| e.source),
                cx.values_of(slot, key).map(|v| v.to_vec().join("|")),
            )
        };
        assert_eq!(read(with), read(plain), "{key}");
    }
}

proptest::proptest! {
    /// The keys of a call, built once and copied into each context, make the context that
    /// setting them one by one makes: over a run of requests of few calls (most copied,
    /// some that cannot be: a user key names a request's key), for domains with tags.
    #[test]
    fn call_keys_copied_make_the_context_set_key_by_key(
        cases in proptest::collection::vec(
            (0usize..30, 0usize..12, proptest::collection::vec(0usize..7, 0..4), 0usize..3, 0usize..2),
            1..40,
        )
    ) {
        let mut calls = CallKeys::default();
        let tag_sets = [
            None,
            Some(vec![("team".to_string(), "red".to_string())]),
            Some(vec![("Team".to_string(), "x".to_string()), ("env".to_string(), "é\"".to_string())]),
        ];
        for (r, c, keys, tags, account) in cases {
            let request = some_request(r);
            let call = some_call(c, &keys);
            let account = ["111122223333", "123456789012"][account];
            let facts = WorldFacts {
                default_task_list: (r % 4 == 1).then_some("default-q"),
                domain_tags: tag_sets[tags].as_deref(),
                // The same account from the world and from the caller: two calls.
                account_of_world: r % 3 == 0,
            };
            let plain = build_context(&request, &call, account, &facts);
            let with = build_context_with(&request, &call, account, &facts, &mut calls);
            same_context(&with, &plain);
        }
    }
}

/// More calls than [`CallKeys`] has places, twice over: a call whose place another took
/// gets its own keys again, never the other's.
#[test]
fn call_keys_never_answer_for_another_call() {
    let mut calls = CallKeys::default();
    let request = some_request(4);
    for _ in 0..2 {
        for now in 0..(CallKeys::PLACES as i64 + 40) {
            let mut call = some_call(now as usize, &[]);
            call.now = now;
            let facts = WorldFacts::default();
            let with = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
            let plain = build_context(&request, &call, "111122223333", &facts);
            same_context(&with, &plain);
            assert_eq!(
                with.values("aws:EpochTime").unwrap().to_vec(),
                [now.to_string()]
            );
        }
    }
}

/// A context that took a call's keys as they are says so, and stops saying so once it
/// changes (a writer then writes its entries one by one).
#[test]
fn a_context_changed_after_taking_call_keys_no_longer_has_them_as_they_were() {
    let mut calls = CallKeys::default();
    let (request, call) = (some_request(4), some_call(0, &[0]));
    let facts = WorldFacts::default();
    let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
    // The request's keys (type, task list, four tags), then the call's.
    let n = cx
        .entries()
        .iter()
        .take_while(|e| e.key.starts_with("swf:"))
        .count();
    assert_eq!(n, 7);
    let (at, keys) = cx.call_keys().unwrap();
    assert_eq!(at, n);
    assert_eq!(keys.keys().entries().len(), cx.entries().len() - n);
    cx.set(
        "aws:SecureTransport",
        "false".to_string(),
        ValueSource::CommandLine,
    );
    assert!(cx.call_keys().is_none());
    let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
    cx.set_default_known(
        KnownKey::new("aws:Referer"),
        "https://example.com/",
        ValueSource::Default,
    );
    assert!(cx.call_keys().is_none());
    // A user key that names a request's key: set one by one, never copied.
    let call = some_call(0, &[6]);
    let cx = build_context_with(&some_request(0), &call, "111122223333", &facts, &mut calls);
    assert!(cx.call_keys().is_none());
    assert_eq!(cx.values("swf:taskList.name").unwrap().to_vec(), ["given"]);
}

#[test]
fn context_keys_come_from_request_then_type_default() {
    let r = StartRequest {
        tag_list: Some(vec!["a".into(), "b".into()]),
        ..Default::default()
    };
    let call = CallInputs {
        principal: Principal::parse(DEFAULT_PRINCIPAL).unwrap().into(),
        region: "us-east-1".into(),
        user_keys: vec![],
        now: 0,
        caller: Default::default(),
    };
    let cx = build_context(
        &r,
        &call,
        "123456789012",
        &WorldFacts {
            default_task_list: Some("d"),
            domain_tags: None,
            account_of_world: false,
        },
    );
    assert_eq!(
        cx.get("SWF:TASKLIST.NAME").unwrap().source,
        ValueSource::TypeDefault
    );
    assert_eq!(cx.values("swf:tagList.member.1").unwrap().to_vec(), ["b"]);
    assert!(cx.get("swf:tagList.member.2").is_none());
    assert_eq!(
        cx.values("aws:CurrentTime").unwrap().to_vec(),
        ["1970-01-01T00:00:00Z"]
    );
    assert_eq!(format_time(1_764_072_000), "2025-11-25T12:00:00Z");
}
