//! The command line as scripts and CI call it (`docs/contract.md`): exit codes, JSON fields, errors.

mod common;
use common::*;

const NOW: &str = "2026-11-25T12:00:00Z";

/// The README's main job: the example deploy's starts against the world, with a boundary and an
/// SCP level.
fn deploy() -> Vec<&'static str> {
    [
        &["simulate", "--requests", "policies/requests/deploy.jsonl"],
        README_SET,
    ]
    .concat()
}

/// The workflow starter's policy, JSON output, a fixed clock.
const STARTER_JSON: &[&str] = &[
    "--policy",
    "policies/e3-workflow-starter.json",
    "--format",
    "json",
    "--now",
    NOW,
];

#[test]
fn an_allowed_request_exits_0_with_the_contract_fields() {
    let o = simulate_order(STARTER_JSON);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["decision"], "allowed");
    assert_eq!(j["outcome"], "authorized");
    assert_eq!(
        j["resource"],
        "arn:aws:swf:us-east-1:123456789012:/domain/orders"
    );
    assert_eq!(
        j["context"]["swf:taskList.name"]["values"][0],
        "orders-high"
    );
    assert_eq!(j["context"]["swf:taskList.name"]["source"], "request");
    let d = &j["decidingStatements"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["sid"].as_str()),
        (
            Some("policies/e3-workflow-starter.json"),
            Some(4),
            Some("StartInOrdersOnly")
        )
    );
}

#[test]
fn a_denial_exits_1_and_names_the_failing_condition() {
    let o = simulate_order(&[
        "--policy",
        "policies/e4-type-name-and-version.json",
        "--now",
        NOW,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.starts_with("DENIED (implicitDeny)"), "{text}");
    assert!(text.contains("FAIL StringEquals swf:workflowType.name: fails: `ProcessOrder` (from the request) matches none of `workflow1` (line 11)"), "{text}");
    assert!(text.contains("policies/e4-type-name-and-version.json:4:9: Allow statement 0 Sid `OnlyWorkflow1Version2`"), "{text}");
}

#[test]
fn an_explicit_deny_names_the_deny_statement() {
    let o = simulate_order(&[
        "--policy",
        "policies/e10-production-domains-deny.json",
        "--world",
        "policies/world.json",
        "--format",
        "json",
        "--now",
        NOW,
        "--seed",
        "1",
    ]);
    // The world tags `orders` as staging: the Deny does not apply, the start succeeds.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = scratch("explicit-deny");
    let world = std::fs::read_to_string(root().join("policies/world.json"))
        .unwrap()
        .replace("\"staging\"", "\"production\"");
    let w = write(&dir, "world.json", &world);
    let o = simulate_order(&[
        "--policy",
        "policies/e10-production-domains-deny.json",
        "--world",
        &w,
        "--format",
        "json",
        "--now",
        NOW,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    assert_eq!(j["decision"], "explicitDeny");
    assert_eq!(j["decidingStatements"][0]["sid"], "NotInProduction");
    assert_eq!(
        j["context"]["aws:ResourceTag/environment"]["source"],
        "world"
    );
}

#[test]
fn malformed_policy_is_exit_2_with_every_problem_located() {
    let dir = scratch("malformed-policy");
    let p = write(&dir, "bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"allow\",\n    \"Action\": \"swf:StartWorkflowExecution\",\n    \"Resource\": \"*\",\n    \"Condition\": {\"stringEquals\": {\"swf:taskList.name\": \"x\"}}\n  }]\n}\n");
    let o = simulate_order(&["--policy", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "no partial answer on stdout");
    let e = stderr(&o);
    assert!(
        e.contains("bad.json:4:15: error[SWF006]: invalid `Effect` value `allow`"),
        "{e}"
    );
    assert!(
        e.contains("help: `Effect` is case-sensitive: write `Allow`"),
        "{e}"
    );
    assert!(
        e.contains("bad.json:7:19: error[SWF014]: unknown condition operator `stringEquals`"),
        "{e}"
    );
    assert!(
        e.contains("operator names are case-sensitive: write `StringEquals`"),
        "{e}"
    );
}

#[test]
fn invalid_json_anywhere_is_exit_2_with_its_place() {
    let dir = scratch("invalid-json");
    let p = write(&dir, "p.json", "{\"Statement\": {\"Effect\": \"Allow\",}}");
    let o = simulate_order(&["--policy", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("p.json:1:33: error[SWF001]: invalid JSON: trailing comma after the last member of an object: JSON allows none"), "{}", stderr(&o));
    let r = write(
        &dir,
        "r.json",
        "{\"domain\": \"orders\",\n \"workflowId\": 7}",
    );
    let o = swfsim(&[
        "simulate",
        "--request",
        &r,
        "--policy",
        "policies/e1-all-swf-one-account.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("r.json:2:16: error: `workflowId` must be a string, found number"),
        "{}",
        stderr(&o)
    );
    let c = write(&dir, "c.json", "{\"aws:SourceIp\": \"home\"}");
    let o = simulate_order(&[
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--context-file",
        &c,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "c.json:1:2: error: the value `home` of `aws:SourceIp` must be an IP address"
        ),
        "{}",
        stderr(&o)
    );
    let o = simulate_order(&[
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--context",
        "swf:taskList.name=x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("determined by the request"),
        "{}",
        stderr(&o)
    );
    let o = swfsim(&[
        "simulate",
        "--request",
        "nope.json",
        "--policy",
        "policies/e1-all-swf-one-account.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read `nope.json`"));
}

#[test]
fn an_undecidable_condition_is_exit_2_never_allowed() {
    let dir = scratch("unknown");
    let p = write(
        &dir,
        "p.json",
        r#"{"Statement":{"Effect":"Allow","Action":"swf:*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"one hour"}}}}"#,
    );
    let o = simulate_order(&[
        "--policy",
        &p,
        "--context",
        "aws:MultiFactorAuthAge=60",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let j = json(&o);
    assert_eq!(j["decision"], "unknown");
    assert_eq!(
        j["statements"][0]["conditions"][0]["values"][0]["unknown"],
        "the policy value is not a number"
    );
}

#[test]
fn validation_comes_before_iam_and_lists_every_violation() {
    let dir = scratch("validation");
    let r = write(
        &dir,
        "r.json",
        r#"{"domain":"orders","workflowId":"a|b","workflowType":{"name":"P"},"childPolicy":"kill"}"#,
    );
    let o = swfsim(&["simulate", "--request", &r, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    assert_eq!(j["outcome"], "ValidationException");
    assert!(j["decision"].is_null());
    assert_eq!(j["validationErrors"].as_array().unwrap().len(), 3);
    assert!(j["fault"]["message"]
        .as_str()
        .unwrap()
        .starts_with("3 validation errors detected: Value 'a|b' at 'workflowId'"));
}

#[test]
fn a_start_returns_a_run_id_reproducible_with_a_seed() {
    let args = [
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--world",
        "policies/world.json",
        "--seed",
        "42",
        "--format",
        "json",
        "--now",
        NOW,
    ];
    let a = json(&swfsim(&args));
    let b = json(&swfsim(&args));
    assert_eq!(a["outcome"], "started");
    assert_eq!(a["runId"], b["runId"]);
    let ev = &a["event"]["workflowExecutionStartedEventAttributes"];
    assert_eq!(ev["parentInitiatedEventId"], 0);
    assert_eq!(ev["taskList"]["name"], "orders-high");
    assert_eq!(ev["taskPriority"], "5");
    assert_eq!(
        ev["lambdaRole"],
        "arn:aws:iam::123456789012:role/swf-lambda"
    );
    assert_eq!(a["settings"]["lambdaRole"], "typeDefault");
    let text = stdout(&swfsim(&args[..args.len() - 4]));
    assert!(text.starts_with("STARTED"), "{text}");
    assert!(text.contains("WorkflowExecutionStarted:"), "{text}");
}

#[test]
fn batch_streams_in_order_and_accumulates_starts() {
    let o = swfsim(
        &[
            &deploy()[..],
            &["--format", "json", "--seed", "3", "--now", NOW],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    let outcomes: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["outcome"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            "started",
            "started",
            "WorkflowExecutionAlreadyStartedFault",
            "OPERATION_NOT_PERMITTED",
            "TypeDeprecatedFault",
            "started",
            "OPERATION_NOT_PERMITTED"
        ]
    );
}

#[test]
fn a_bad_batch_line_is_reported_in_place_and_the_rest_still_run() {
    let dir = scratch("batch-bad-line");
    let f = write(&dir, "b.jsonl", "{\"domain\":\"orders\",\"workflowId\":\"a\",\"workflowType\":{\"name\":\"P\",\"version\":\"1\"}}\n{\"domain\": 5}\n{\"domain\":\"orders\",\"workflowId\":\"b\",\"workflowType\":{\"name\":\"P\",\"version\":\"1\"}}\n");
    let o = swfsim(&[
        "simulate",
        "--requests",
        &f,
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["outcome"], "inputError");
    assert_eq!(lines[2]["outcome"], "authorized");
    assert!(
        stderr(&o).contains("b.jsonl:2:12: error: `domain` must be a string, found number"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn world_out_carries_starts_across_invocations() {
    let dir = scratch("world-round-trip");
    let out1 = dir.join("after1.json").to_string_lossy().to_string();
    let base = [
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--format",
        "json",
    ];
    let mut a: Vec<&str> = base.to_vec();
    a.extend(["--world", "policies/world.json", "--world-out", &out1]);
    assert_eq!(json(&swfsim(&a))["outcome"], "started");
    // The second run of the same workflowId against the written world fails as SWF would.
    let out2 = dir.join("after2.json").to_string_lossy().to_string();
    let mut b: Vec<&str> = base.to_vec();
    b.extend(["--world", &out1, "--world-out", &out2]);
    let o = swfsim(&b);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["outcome"], "WorkflowExecutionAlreadyStartedFault");
    let w1: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out1).unwrap()).unwrap();
    let w2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out2).unwrap()).unwrap();
    assert_eq!(w1, w2, "a failed start changes nothing");
    assert_eq!(
        w1["domains"][0]["openExecutions"].as_array().unwrap().len(),
        2
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".tmp")),
        "no temporary file left"
    );
}

#[test]
fn help_has_examples() {
    let o = swfsim(&["simulate", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Examples:"));
    let o = swfsim(&["simulate"]);
    assert_eq!(o.status.code(), Some(2), "a usage error is exit 2");
}

/// A batch of `file` against the workflow starter's policy, as JSON, on `jobs` threads.
fn batch_on(file: &str, jobs: &str) -> std::process::Output {
    swfsim(
        &[
            &["simulate", "--requests", file],
            STARTER_JSON,
            &["--jobs", jobs],
        ]
        .concat(),
    )
}

#[test]
fn parallel_batch_keeps_the_input_order() {
    let dir = scratch("jobs");
    let mut lines = String::new();
    for i in 0..5000 {
        let domain = ["orders", "billing", "other"][i % 3];
        lines.push_str(&format!("{{\"domain\":\"{domain}\",\"workflowId\":\"w-{i}\",\"workflowType\":{{\"name\":\"P\",\"version\":\"1\"}}}}\n"));
    }
    let f = write(&dir, "many.jsonl", &lines);
    let (one, four) = (batch_on(&f, "1"), batch_on(&f, "4"));
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(stdout(&one), stdout(&four), "same lines in the same order");
    assert!(
        stderr(&four).is_empty(),
        "no progress line when stderr is not a terminal"
    );
    let ids: Vec<String> = stdout(&four)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["resource"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 5000);
    for (i, id) in ids.iter().enumerate() {
        let want = ["orders", "billing", "other"][i % 3];
        assert!(id.ends_with(&format!("/{want}")), "line {}: {id}", i + 1);
    }
    // Brief lines and text answers go in blocks of other sizes: the same holds for them.
    let policy = [
        "--policy",
        "policies/e3-workflow-starter.json",
        "--now",
        NOW,
    ];
    for form in [
        ["--format", "json", "--explain", "brief"],
        ["--format", "text", "--explain", "full"],
    ] {
        let run = |jobs| {
            swfsim(
                &[
                    &["simulate", "--requests", &f][..],
                    &policy,
                    &form,
                    &["--jobs", jobs],
                ]
                .concat(),
            )
        };
        let (one, four) = (run("1"), run("4"));
        assert_eq!(one.status.code(), Some(1), "{form:?}");
        assert!(
            stdout(&one).matches("/domain/").count() >= 5000,
            "{form:?}: every answer"
        );
        assert_eq!(
            stdout(&one),
            stdout(&four),
            "{form:?}: same answers in the same order"
        );
    }
}

/// A batch builds the keys of each call it meets (caller, region, user keys) once and copies
/// them into the contexts of its lines: every line, on two threads, answers what the same call
/// made alone answers, over three callers, two regions and four kinds of user keys, each call
/// met twice.
#[test]
fn batch_lines_answer_as_the_same_calls_made_alone() {
    let dir = scratch("calls");
    let callers = [
        "arn:aws:iam::123456789012:user/simulated",
        "arn:aws:iam::123456789012:user/alice",
        "arn:aws:sts::123456789012:assumed-role/deployer/s",
    ];
    let keys: [&[(&str, &str)]; 4] = [
        &[],
        &[("aws:CurrentTime", "2027-01-01T00:00:00Z")],
        &[("aws:SecureTransport", "false")],
        &[("app:k", "a"), ("app:k", "b")],
    ];
    // The README's deploy policies (its role, boundary and SCP level), without the world.
    let policies = [&README_SET[..6], &["--format", "json", "--now", NOW]].concat();
    let (mut lines, mut alone) = (String::new(), Vec::new());
    for i in 0..48 {
        let (caller, region, given) = (
            callers[i % 3],
            ["us-east-1", "eu-west-1"][i / 3 % 2],
            keys[i / 6 % 4],
        );
        let request = format!(
            r#"{{"domain":"orders","workflowId":"w-{i}","workflowType":{{"name":"P","version":"1"}},"taskList":{{"name":"orders-{i}"}},"tagList":["t"]}}"#
        );
        let mut context = serde_json::Map::new();
        for (k, v) in given {
            let values = context
                .entry(k.to_string())
                .or_insert_with(|| serde_json::json!([]));
            values.as_array_mut().unwrap().push(serde_json::json!(v));
        }
        lines.push_str(&format!(
            r#"{{"request":{request},"principal":"{caller}","region":"{region}","context":{}}}"#,
            serde_json::Value::Object(context)
        ));
        lines.push('\n');
        let file = write(&dir, &format!("r{i}.json"), &request);
        let mut args = vec![
            "simulate",
            "--request",
            &file,
            "--principal",
            caller,
            "--region",
            region,
        ];
        let pairs: Vec<String> = given.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for p in &pairs {
            args.extend(["--context", p.as_str()]);
        }
        args.extend(&policies);
        alone.push(stdout(&swfsim(&args)));
    }
    let f = write(&dir, "calls.jsonl", &lines);
    let batch = swfsim(
        &[
            &[
                "simulate",
                "--requests",
                &f,
                "--jobs",
                "2",
                "--explain",
                "full",
            ],
            &policies[..],
        ]
        .concat(),
    );
    let text = stdout(&batch);
    let answers: Vec<&str> = text.lines().collect();
    assert_eq!(answers.len(), 48);
    let allowed = answers
        .iter()
        .filter(|l| l.contains("\"decision\":\"allowed\""))
        .count();
    assert!((1..48).contains(&allowed), "{allowed} of 48 allowed");
    // Each batch line is the call's answer alone, with the number of its input line.
    for (i, (got, want)) in answers.iter().zip(&alone).enumerate() {
        let mut got: serde_json::Value = serde_json::from_str(got).unwrap();
        let got = got.as_object_mut().unwrap();
        assert_eq!(got.shift_remove("line"), Some((i + 1).into()));
        let want: serde_json::Value = serde_json::from_str(want).unwrap();
        assert_eq!(
            serde_json::Value::Object(got.clone()),
            want,
            "line {}",
            i + 1
        );
    }
}

/// Blank lines answer nothing, a broken line answers `inputError` and an error on stderr, in
/// place, on one thread or several (each block's lines are written as one text).
#[test]
fn parallel_batch_answers_blank_and_broken_lines_as_one_thread_does() {
    let dir = scratch("jobs-odd");
    let mut lines = String::new();
    for i in 0..700 {
        lines.push_str(&match i % 7 {
            0 => "\n".to_string(),
            3 => format!("{{\"request\": {{\"domian\": \"d-{i}\"}}}}\n"),
            _ => format!("{{\"domain\":\"orders\",\"workflowId\":\"w-{i}\",\"workflowType\":{{\"name\":\"P\",\"version\":\"1\"}}}}\n"),
        });
    }
    let f = write(&dir, "odd.jsonl", &lines);
    let (one, three) = (batch_on(&f, "1"), batch_on(&f, "3"));
    assert_eq!(
        one.status.code(),
        Some(2),
        "a broken line makes the run exit 2"
    );
    assert_eq!(three.status.code(), one.status.code());
    assert_eq!(stdout(&one), stdout(&three));
    assert_eq!(stderr(&one), stderr(&three));
    let answers: Vec<serde_json::Value> = stdout(&three)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 600, "one line per line that is not blank");
    let broken: Vec<u64> = answers
        .iter()
        .filter(|a| a["outcome"] == "inputError")
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(broken, (0..100).map(|k| 7 * k + 4).collect::<Vec<u64>>());
    assert_eq!(stderr(&three).lines().count(), 100);
}

/// `--requests -` reads the batch from standard input: the same answers as from a file, on one
/// thread or three, a broken line located at `<stdin>`.
#[test]
fn a_batch_reads_standard_input_as_it_reads_a_file() {
    use std::io::Write;
    let dir = scratch("stdin");
    let mut lines = String::new();
    for i in 0..600 {
        lines.push_str(&match i {
            41 => "{\"request\": nope}\n".to_string(),
            _ => format!("{{\"domain\":\"{}\",\"workflowId\":\"w-{i}\",\"workflowType\":{{\"name\":\"P\",\"version\":\"1\"}}}}\n", ["orders", "other"][i % 2]),
        });
    }
    let f = write(&dir, "batch.jsonl", &lines);
    for jobs in ["1", "3"] {
        let from_file = batch_on(&f, jobs);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_swfsim"))
            .args(
                [
                    &["simulate", "--requests", "-"],
                    STARTER_JSON,
                    &["--jobs", jobs],
                ]
                .concat(),
            )
            .current_dir(root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let text = lines.clone();
        let feed = std::thread::spawn(move || stdin.write_all(text.as_bytes()).unwrap());
        let from_stdin = child.wait_with_output().unwrap();
        feed.join().unwrap();
        assert_eq!(
            from_stdin.status.code(),
            Some(2),
            "--jobs {jobs}: a broken line"
        );
        assert_eq!(
            stdout(&from_stdin),
            stdout(&from_file).replace(&format!("\"{f}:42\""), "\"<stdin>:42\""),
            "--jobs {jobs}"
        );
        assert_eq!(stdout(&from_stdin).lines().count(), 600);
        assert!(
            stderr(&from_stdin).starts_with("<stdin>:42:"),
            "{}",
            stderr(&from_stdin)
        );
    }
}

#[test]
fn a_denial_says_what_to_change() {
    let o = simulate_order(&[
        "--policy",
        "policies/e4-type-name-and-version.json",
        "--now",
        NOW,
    ]);
    let text = stdout(&o);
    assert!(text.contains("to fix: change `workflowType.name` to match one of `workflow1`, or add `ProcessOrder` to the policy's values"), "{text}");
    let o = simulate_order(&["--policy", "policies/e2-two-domains.json", "--now", NOW]);
    let text = stdout(&o);
    assert!(text.contains("Allow statements whose Action matches but whose Resource does not match arn:aws:swf:us-east-1:123456789012:/domain/orders"), "{text}");
    assert!(
        text.contains("`arn:aws:swf:*:123456789012:/domain/department1`"),
        "{text}"
    );
    let dir = scratch("fix-json");
    let r = write(
        &dir,
        "r.json",
        r#"{"domain":"d","workflowId":"w","workflowType":{"name":"T","version":"1"},"tagList":["some_ok_tag","x"]}"#,
    );
    let j = json(&swfsim(&[
        "simulate",
        "--request",
        &r,
        "--policy",
        "policies/e7-first-tag-only-safer.json",
        "--format",
        "json",
    ]));
    let null = j["statements"][0]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["operator"] == "Null")
        .unwrap()
        .clone();
    assert_eq!(null["result"], "false");
    assert_eq!(
        null["fix"],
        "the call must not carry 'swf:tagList.member.1': send at most 1 tag in 'tagList'"
    );
}

#[test]
fn text_that_is_not_utf8_is_located_and_a_lint_finding() {
    let dir = scratch("not-utf8");
    let p = dir.join("p.json");
    std::fs::write(&p, b"{\"Version\": \"2012-10-17\",\n \"Sid\": \"\xff\"}").unwrap();
    let p = p.to_string_lossy().to_string();
    let o = simulate_order(&["--policy", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("p.json:2:10: error: the file is not UTF-8 text (byte 35)"),
        "{}",
        stderr(&o)
    );
    let o = swfsim(&["lint", &p, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "a finding, not a refusal");
    let f = &json(&o)["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["line"].as_u64(), f["column"].as_u64()),
        (Some("SWF001"), Some(2), Some(10))
    );
}

#[test]
fn an_empty_or_malformed_region_is_refused() {
    for region in ["", "US-EAST-1", "us east"] {
        let o = simulate_order(&["--region", region]);
        assert_eq!(o.status.code(), Some(2), "{region:?}");
        assert!(stderr(&o).contains("is not a region name"));
    }
}

#[test]
fn a_bad_world_is_exit_2_with_every_problem_located() {
    let dir = scratch("bad-world");
    let w = write(&dir, "w.json", "{\"account\": \"123456789012\",\n \"domains\": [\n  {\"name\": \"orders\", \"status\": \"ACTIVE\",\n   \"workflowTypes\": [{\"name\": \"P\", \"version\": \"1\", \"defaultChildPolicy\": \"KILL\"}]},\n  {\"name\": \"orders\"}]}\n");
    let o = simulate_order(&["--world", &w]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let e = stderr(&o);
    assert!(
        e.contains("w.json:3:32: error: unknown status `ACTIVE`"),
        "{e}"
    );
    assert!(e.contains("w.json:4:74: error: `defaultChildPolicy` `KILL` is not one of TERMINATE, REQUEST_CANCEL, ABANDON"), "{e}");
    assert!(
        e.contains("w.json:5:3: error: domain `orders` is described twice"),
        "{e}"
    );
}

#[test]
fn an_explicit_deny_shows_why_it_applied_and_what_would_lift_it() {
    let dir = scratch("deny-why");
    let scp = write(
        &dir,
        "scp.json",
        r#"[{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoStarts","Effect":"Deny","Action":"swf:Start*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"ops"}}}]}]"#,
    );
    let base = [
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--scp",
        &scp,
        "--now",
        NOW,
    ];
    let text = stdout(&swfsim(&base));
    assert!(text.starts_with("DENIED (explicitDeny)"), "{text}");
    assert!(
        text.contains("Deny statement 1 Sid `NoStarts` in the service control policies (level 1)"),
        "{text}"
    );
    assert!(
        text.contains("StringNotEquals aws:PrincipalTag/team `ops`: holds: the key is absent"),
        "{text}"
    );
    assert!(text.contains("to fix: this Deny applies while `aws:PrincipalTag/team` is absent: give it one of `ops`"), "{text}");
    let lifted = swfsim(&[&base[..], &["--context", "aws:PrincipalTag/team=ops"]].concat());
    assert_eq!(
        lifted.status.code(),
        Some(0),
        "following the hint lifts the Deny"
    );
}

#[test]
fn brief_explanations_keep_the_verdict_and_its_cause() {
    let args = [
        &deploy()[..],
        &["--seed", "1", "--now", NOW, "--format", "json"],
    ]
    .concat();
    let lines = |extra: &[&str]| -> Vec<serde_json::Value> {
        stdout(&swfsim(&[&args[..], extra].concat()))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (full, brief) = (
        lines(&["--explain", "full"]),
        lines(&["--explain", "brief"]),
    );
    assert_eq!(full.len(), brief.len());
    for (f, b) in full.iter().zip(&brief) {
        for k in [
            "decision",
            "outcome",
            "resource",
            "context",
            "runId",
            "reason",
            "decidingStatements",
            "missingContextKeys",
            "fault",
            "event",
        ] {
            assert_eq!(f.get(k), b.get(k), "{k}");
        }
        assert!(f.get("statements").is_some() && b.get("statements").is_none());
        assert!(b.get("layers").is_none());
    }
}

/// Lines ended by `\r\n`, a line of only `\r`, and a last line with no newline at all read
/// the same on several threads (blocks of lines read into one buffer) as on one.
#[test]
fn parallel_batch_reads_crlf_and_an_unended_last_line_as_one_thread_does() {
    let dir = scratch("jobs-crlf");
    let mut lines = String::new();
    for i in 0..300 {
        lines.push_str(&match i % 5 {
            0 => "\r\n".to_string(),
            // Without its `\r\n` the string ends with the line; with them, at a control byte.
            1 if i % 10 == 1 => format!("{{\"domain\": \"d-{i}\r\n"),
            2 => format!("{{\"request\": {{\"domian\": \"d-{i}\"}}}}\r\n"),
            _ => format!("{{\"domain\":\"orders\",\"workflowId\":\"w-{i}\",\"workflowType\":{{\"name\":\"P\",\"version\":\"1\"}}}}\r\n"),
        });
    }
    lines.push_str("{\"request\": {\"domian\": \"last\"}}");
    let f = write(&dir, "crlf.jsonl", &lines);
    let (one, two) = (batch_on(&f, "1"), batch_on(&f, "2"));
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(two.status.code(), one.status.code());
    assert_eq!(stdout(&one), stdout(&two));
    assert_eq!(stderr(&one), stderr(&two));
    assert_eq!(
        stdout(&two).lines().count(),
        241,
        "every line but the blank ones"
    );
    assert!(
        stderr(&two).contains("crlf.jsonl:301:"),
        "the unended last line is line 301: {}",
        stderr(&two)
    );
}

/// A batch line that is not UTF-8 is an input error for that line alone, at the column of its
/// first invalid byte (columns count characters, `é` is one; the message names the byte): the lines after it are answered,
/// on one thread or several, and with a world the starts before and after it are written to
/// `--world-out`.
#[test]
fn a_broken_line_is_one_broken_line() {
    let dir = scratch("unreadable");
    let line = r#"{"domain":"orders","workflowId":"w","workflowType":{"name":"P","version":"1"}}"#;
    let mut bytes = format!("{line}\n").repeat(300).into_bytes();
    bytes.extend_from_slice("{\"domain\":\"éé".as_bytes());
    bytes.extend_from_slice(b"\xff\xfe\"}\r\n");
    bytes.extend_from_slice(format!("{line}\n").repeat(10).as_bytes());
    let f = dir.join("bad.jsonl");
    std::fs::write(&f, bytes).unwrap();
    for jobs in ["1", "2"] {
        let o = batch_on(f.to_str().unwrap(), jobs);
        assert_eq!(o.status.code(), Some(2), "jobs {jobs}");
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 311, "jobs {jobs}: every line answered");
        let broken: serde_json::Value = serde_json::from_str(lines[300]).unwrap();
        assert_eq!(broken["outcome"], "inputError");
        assert_eq!(
            (broken["line"].as_u64(), broken["column"].as_u64()),
            (Some(301), Some(14))
        );
        assert_eq!(broken["error"], "the line is not UTF-8 text (byte 15)");
        assert!(
            lines[301].contains("\"decision\":\"allowed\""),
            "{}",
            lines[301]
        );
        assert!(
            stderr(&o).contains("bad.jsonl:301:14: error: the line is not UTF-8 text (byte 15)"),
            "jobs {jobs}: {}",
            stderr(&o)
        );
    }
    // Against a world: the starts before and after the broken line are in the world written.
    let mut bytes = b"{\"domain\":\"orders\",\"workflowId\":\"before\",\"workflowType\":{\"name\":\"ProcessOrder\",\"version\":\"1.0\"}}\n\xc3\n".to_vec();
    bytes.extend_from_slice(b"{\"domain\":\"orders\",\"workflowId\":\"after\",\"workflowType\":{\"name\":\"ProcessOrder\",\"version\":\"1.0\"}}\n");
    let f = dir.join("world.jsonl");
    std::fs::write(&f, bytes).unwrap();
    let after = dir.join("after.json");
    let o = swfsim(&[
        "simulate",
        "--requests",
        f.to_str().unwrap(),
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--world",
        "policies/world.json",
        "--world-out",
        after.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("world.jsonl:2:1: error: the line is not UTF-8 text (byte 0)"));
    let written = std::fs::read_to_string(&after).expect("the world is written");
    for id in ["\"before\"", "\"after\""] {
        assert!(written.contains(id), "{id} started: {written}");
    }
}

/// Regression: the text output printed a multivalued key's values as the context's internal
/// form (`Many([...])`) after contexts began to hold one value without a vector.
#[test]
fn text_output_lists_a_multivalued_key_as_its_values() {
    let o = simulate_order(&[
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--context",
        "aws:PrincipalOrgPaths=o-a/r-1/",
        "--context",
        "aws:PrincipalOrgPaths=o-a/r-2/",
    ]);
    let text = stdout(&o);
    assert!(
        text.contains(
            "  aws:PrincipalOrgPaths = [\"o-a/r-1/\", \"o-a/r-2/\"]  (from the command line)\n"
        ),
        "{text}"
    );
}

/// A `?` before the resource part of an ARN pattern matches one character of its segment, never
/// a colon (IAM's Resource element page): with four colons, the `?` after the region would have
/// to be the colon, so the Allow grants nothing; inside the region it grants the start.
#[test]
fn a_question_mark_never_stands_for_a_colon_of_the_arn() {
    let dir = scratch("question-mark-colon");
    let policy = |name: &str, resource: &str| {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow",
            "Action": "swf:StartWorkflowExecution", "Resource": "{resource}"}}]}}"#
        );
        write(&dir, name, &text)
    };
    let colon = policy(
        "colon.json",
        "arn:aws:swf:us-east-1?123456789012:/domain/orders",
    );
    let o = simulate_order(&["--policy", &colon, "--format", "json", "--now", NOW]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["decision"], "implicitDeny");
    assert_eq!(
        j["resource"],
        "arn:aws:swf:us-east-1:123456789012:/domain/orders"
    );
    let region = policy(
        "region.json",
        "arn:aws:swf:us-east-?:123456789012:/domain/orders",
    );
    let o = simulate_order(&["--policy", &region, "--format", "json", "--now", NOW]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["decision"], "allowed");
}

/// A batch line's `context` cannot set what the world determines (`aws:ResourceTag/*`, the
/// domain's tags) nor any `swf:*` key (the request's): each is an input error for that line,
/// as `--context` is, and no execution starts in the production domain the policy denies. The
/// line after them is answered against the world.
#[test]
fn a_batch_line_cannot_override_the_world() {
    let dir = scratch("override-world");
    let start = |id: &str| {
        format!(
            r#"{{"domain":"billing","workflowId":"{id}","workflowType":{{"name":"ChargeCard","version":"2"}},"taskList":{{"name":"t"}}}}"#
        )
    };
    let lines = [
        // The plain form (read without a JSON tree) and the general one, any case of the prefix.
        format!(
            r#"{{"request":{},"context":{{"aws:ResourceTag/environment":"staging"}}}}"#,
            start("a")
        ),
        format!(
            r#"{{"request": {}, "context": {{"AWS:resourceTag/environment": ["staging"]}}}}"#,
            start("b")
        ),
        format!(
            r#"{{"request":{},"context":{{"swf:taskList.name":"t"}}}}"#,
            start("c")
        ),
        format!(r#"{{"request":{}}}"#, start("d")),
    ];
    let f = write(&dir, "override.jsonl", &(lines.join("\n") + "\n"));
    let after = dir.join("after.json");
    let policy = "policies/e10-production-domains-deny.json";
    let batch = |more: &[&str]| {
        let args = ["simulate", "--requests", &f, "--policy", policy];
        swfsim(&[&args[..], more, &["--format", "json", "--now", NOW]].concat())
    };
    let world = ["--world", "policies/world.json"];
    let o = batch(&[&world[..], &["--world-out", after.to_str().unwrap()]].concat());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 4);
    for (i, key) in [
        (0, "aws:ResourceTag/environment"),
        (1, "AWS:resourceTag/environment"),
    ] {
        assert_eq!(out[i]["outcome"], "inputError", "line {}", i + 1);
        assert_eq!(
            out[i]["error"],
            format!("context key '{key}' comes from the world's domain tags")
        );
        let column = lines[i].find(key).unwrap();
        assert_eq!(out[i]["column"], column as u64, "the key's opening quote");
    }
    assert_eq!(out[2]["outcome"], "inputError");
    assert_eq!(
        out[2]["error"],
        "context key 'swf:taskList.name' is determined by the request"
    );
    assert_eq!(
        out[3]["decision"], "explicitDeny",
        "the world's tag decides"
    );
    let err = stderr(&o);
    assert!(err.contains("override.jsonl:1:"), "{err}");
    let written = std::fs::read_to_string(&after).unwrap();
    for id in ["\"a\"", "\"b\"", "\"c\"", "\"d\""] {
        assert!(
            !written.contains(id),
            "no execution {id} started: {written}"
        );
    }
    // Without a world the tags are the caller's to give: the line is answered.
    let o = batch(&[]);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["decision"], "allowed");
    // A context file read with a world is refused the same way, at the key in the file.
    let ctx = write(
        &dir,
        "ctx.json",
        "{\n  \"aws:ResourceTag/environment\": \"staging\"\n}\n",
    );
    let o = simulate_order(&[&["--policy", policy, "--context-file", &ctx][..], &world].concat());
    let want = "ctx.json:2:3: error: context key `aws:ResourceTag/environment` comes from the world's domain tags";
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(want), "{}", stderr(&o));
}

/// A batch explains in full only what is not allowed (`--explain auto`, its default): an
/// allowed line is brief, a denied one lists its statements; `full` and `brief` stay choices,
/// and a single request is explained in full by default.
#[test]
fn batch_lines_are_explained_in_full_only_when_not_allowed() {
    let dir = scratch("explain-auto");
    let allowed = r#"{"domain":"orders","workflowId":"a","workflowType":{"name":"P","version":"1"},"taskList":{"name":"orders-high"}}"#;
    let denied =
        r#"{"domain":"billing","workflowId":"b","workflowType":{"name":"P","version":"1"}}"#;
    let f = write(&dir, "mixed.jsonl", &format!("{allowed}\n{denied}\n"));
    let lines = |explain: &[&str]| -> Vec<serde_json::Value> {
        let o = swfsim(&[&["simulate", "--requests", &f][..], STARTER_JSON, explain].concat());
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let full = |l: &serde_json::Value| l.get("statements").is_some() && l.get("layers").is_some();
    let auto = lines(&[]);
    assert_eq!(auto[0]["decision"], "allowed");
    assert_eq!(auto[1]["decision"], "implicitDeny");
    assert_eq!((full(&auto[0]), full(&auto[1])), (false, true));
    assert_eq!(auto, lines(&["--explain", "auto"]));
    assert!(lines(&["--explain", "full"]).iter().all(full));
    assert!(!lines(&["--explain", "brief"]).iter().any(full));
    // The brief and full lines of auto are those `brief` and `full` write.
    assert_eq!(auto[0], lines(&["--explain", "brief"])[0]);
    assert_eq!(auto[1], lines(&["--explain", "full"])[1]);
    let one = simulate_order(STARTER_JSON);
    assert_eq!(json(&one)["decision"], "allowed");
    assert!(full(&json(&one)), "a single request: full by default");
}

/// In a large policy set a full explanation lists the statements that decided and the sixteen
/// nearest misses (those with the fewest conditions that fail, then the first), and counts the
/// others in `omittedStatements`: a single request (traced) and a batch line (conditions traced
/// only for what it writes) list the same.
#[test]
fn a_full_explanation_in_a_large_policy_set_lists_the_deciders_and_the_nearest_misses() {
    let dir = scratch("nearest-misses");
    let statement = |sid: String, effect: &str, cond: &str| {
        format!(
            r#"{{"Sid": "{sid}", "Effect": "{effect}", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {{{cond}}}}}"#
        )
    };
    let mut statements = Vec::new();
    for i in 0..40 {
        let cond = format!(
            r#""StringEquals": {{"swf:workflowType.name": "Other{i}", "swf:workflowType.version": "9"}}"#
        );
        statements.push(statement(format!("Two{i}"), "Allow", &cond));
    }
    for i in 0..10 {
        let cond = format!(r#""StringEquals": {{"swf:workflowType.name": "Other{i}"}}"#);
        statements.push(statement(format!("One{i}"), "Allow", &cond));
    }
    let cond = r#""StringEquals": {"swf:workflowType.name": "ProcessOrder"}"#;
    statements.push(statement("Decides".into(), "Deny", cond));
    let policy = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [\n{}\n]}}",
        statements.join(",\n")
    );
    let policy = write(&dir, "large.json", &policy);
    let args = ["--policy", &policy, "--format", "json", "--now", NOW];
    let one = simulate_order(&args);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    let one = json(&one);
    assert_eq!(one["decision"], "explicitDeny");
    let sids: Vec<&str> = one["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sid"].as_str().unwrap())
        .collect();
    let mut want: Vec<String> = (0..6).map(|i| format!("Two{i}")).collect();
    want.extend((0..10).map(|i| format!("One{i}")));
    want.push("Decides".into());
    assert_eq!(sids, want);
    assert_eq!(one["omittedStatements"], 34);
    // The same request as a batch line, explained in full: the same line.
    let request = std::fs::read_to_string(root().join("policies/requests/order.json")).unwrap();
    let request: serde_json::Value = serde_json::from_str(&request).unwrap();
    let f = write(&dir, "one.jsonl", &format!("{request}\n"));
    let batch = swfsim(&[&["simulate", "--requests", &f][..], &args].concat());
    let mut line: serde_json::Value = serde_json::from_slice(&batch.stdout).unwrap();
    let line_number = line.as_object_mut().unwrap().shift_remove("line");
    assert_eq!(line_number, Some(1.into()));
    assert_eq!(line, one);
    // A small set lists every statement that matched, with no count.
    let small = simulate_order(STARTER_JSON);
    assert!(json(&small).get("omittedStatements").is_none());
}

/// A rule is named by its code or its kebab-case name alike: `--select first-tag-only` finds what
/// `--select SWF304` finds, and `--suppress first-tag-only:GLOB:REASON` suppresses it.
#[test]
fn lint_takes_a_rule_name_wherever_it_takes_a_code() {
    let file = "policies/e6-first-tag-only-insecure.json";
    let by_code = swfsim(&["lint", file, "--select", "SWF304", "--format", "json"]);
    let by_name = swfsim(&[
        "lint",
        file,
        "--select",
        "first-tag-only",
        "--format",
        "json",
    ]);
    assert_eq!(by_code.status.code(), Some(1), "{}", stderr(&by_code));
    assert_eq!(by_name.status.code(), by_code.status.code());
    assert_eq!(stdout(&by_name), stdout(&by_code));
    assert!(stdout(&by_name).contains("SWF304"));
    for rule in ["SWF304", "first-tag-only"] {
        let suppress = format!("{rule}:policies/e6-*.json:reviewed: one tag by design");
        let o = swfsim(&["lint", file, "--select", "SWF304", "--suppress", &suppress]);
        assert_eq!(o.status.code(), Some(0), "{rule}: {}", stdout(&o));
        assert!(!stderr(&o).contains("matched no finding"), "{}", stderr(&o));
    }
}

/// A suppression that covers no finding (a typo in its glob, or a finding since fixed) is
/// reported on standard error rather than accepted in silence; the answer is unchanged.
#[test]
fn a_suppression_that_matches_nothing_is_reported() {
    let file = "policies/e6-first-tag-only-insecure.json";
    let o = swfsim(&[
        "lint",
        file,
        "--select",
        "SWF304",
        "--suppress",
        "SWF304:policies/nope-*.json:reviewed",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o)
            .contains("warning: suppression `SWF304:policies/nope-*.json` matched no finding"),
        "{}",
        stderr(&o)
    );
}

/// Suppression globs match the file however its path was typed: `policies/e6-*.json` covers
/// `./policies/e6-....json` and the file's absolute path, and `./policies/e6-*.json` covers
/// `policies/e6-....json`.
#[test]
fn suppressions_match_the_path_however_it_was_typed() {
    let file = "policies/e6-first-tag-only-insecure.json";
    let absolute = root().join(file).display().to_string();
    let dotted = format!("./{file}");
    for (path, glob) in [
        (dotted.as_str(), "policies/e6-*.json"),
        (absolute.as_str(), "policies/e6-*.json"),
        (file, "./policies/e6-*.json"),
        (
            "policies/../policies/e6-first-tag-only-insecure.json",
            "policies/e6-*.json",
        ),
    ] {
        let suppress = format!("SWF304:{glob}:reviewed");
        let o = swfsim(&["lint", path, "--select", "SWF304", "--suppress", &suppress]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{path} with {glob}: {}",
            stdout(&o)
        );
        assert!(stdout(&o).contains("suppressed"), "{path}: {}", stdout(&o));
    }
}

/// A policy written in YAML is refused as JSON is, with a help that says policies are JSON, in
/// `lint` and in `simulate`; text that is merely broken JSON gets no such help.
#[test]
fn a_yaml_policy_is_told_that_policies_are_json() {
    let dir = scratch("yaml-policy");
    let yaml = write(
        &dir,
        "policy.yaml",
        "# the deploy role\nVersion: \"2012-10-17\"\nStatement:\n  - Effect: Allow\n    Action: swf:*\n    Resource: \"*\"\n",
    );
    let broken = write(&dir, "broken.json", "{\"Version\": \"2012-10-17\",}");
    let help = "policies are JSON; this text reads as YAML";
    let lint = swfsim(&["lint", &yaml]);
    assert_eq!(lint.status.code(), Some(1));
    assert!(stdout(&lint).contains(help), "{}", stdout(&lint));
    let sim = swfsim(&[
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        &yaml,
    ]);
    assert_eq!(sim.status.code(), Some(2));
    assert!(stderr(&sim).contains(help), "{}", stderr(&sim));
    let lint = swfsim(&["lint", &broken]);
    assert!(!stdout(&lint).contains(help), "{}", stdout(&lint));
}

/// Lint messages say what the policy grants and what to write: `*` on `*` grants every service's
/// actions, not only SWF's, and SWF305's help names the key it is about instead of a placeholder.
#[test]
fn lint_messages_name_what_is_granted_and_the_key_to_require() {
    let dir = scratch("lint-words");
    let star = write(
        &dir,
        "star.json",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let o = swfsim(&["lint", &star, "--select", "SWF303"]);
    assert!(
        stdout(&o).contains("every action of every service"),
        "{}",
        stdout(&o)
    );
    let o = swfsim(&[
        "lint",
        "tests/lint/fixtures/SWF305.json",
        "--select",
        "SWF305",
    ]);
    assert!(
        stdout(&o).contains(r#""Null": {"swf:taskList.name": "false"}"#),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("KEY"), "{}", stdout(&o));
}
