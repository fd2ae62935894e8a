//! Located problems as every command prints them (`docs/contract.md`, "Where output goes"): one
//! form for lint's findings and for the errors that stop `simulate`, input shown so that it
//! cannot act on a terminal, and JSON sentences without Markdown.

mod common;
use common::*;

const NOW: &str = "2026-11-25T12:00:00Z";

/// A policy with a misspelt operator at line 9, column 9.
const MISSPELT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "swf:StartWorkflowExecution",
      "Resource": "*",
      "Condition": {
        "StringEqulas": {"swf:workflowType.name": "x"}
      }
    }
  ]
}
"#;

#[test]
fn lint_and_simulate_print_a_policy_problem_in_one_form() {
    let dir = scratch("diagnostics-one-form");
    let file = write(&dir, "p.json", MISSPELT);
    let lint = swfsim(&["lint", &file]);
    let refused = simulate_order(&["--policy", &file, "--now", NOW]);
    assert_eq!(refused.status.code(), Some(2));
    let want = format!(
        "{file}:9:9: error[SWF014]: unknown condition operator `StringEqulas`\n  |\n9 |         \"StringEqulas\": {{\"swf:workflowType.name\": \"x\"}}\n  |         ^^^^^^^^^^^^^^\n  = help: did you mean `StringEquals`?\n"
    );
    assert_eq!(stderr(&refused), want);
    assert_eq!(stdout(&lint), format!("{want}\n1 finding\n"));
    // Every severity takes the same form.
    let warned = swfsim(&["lint", "policies/e5-optional-task-list.json"]);
    assert!(
        stdout(&warned).starts_with(
            "policies/e5-optional-task-list.json:10:17: security-warning[SWF305]: when `swf:taskList.name` is missing"
        ),
        "{}",
        stdout(&warned)
    );
}

/// Nothing of what stdout or stderr says is a control character but the line ends.
fn assert_no_control_bytes(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && (c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)))
        .collect();
    assert!(bad.is_empty(), "{what} writes {bad:?}:\n{text}");
}

#[test]
fn control_characters_of_a_policy_are_shown_escaped() {
    let dir = scratch("diagnostics-control");
    // An escape sequence and a bell in a string (JSON escapes), a raw C1 control in a string,
    // and a raw ESC where JSON has no token.
    let in_string = write(
        &dir,
        "escaped.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"swf:\\u001b[2J\\u0007\", \"Resource\": \"\u{9b}31m\"}}",
    );
    let raw_token = write(
        &dir,
        "token.json",
        "{\"Version\": \"2012-10-17\",\u{1b}[2J \"Statement\": []}",
    );
    for file in [&in_string, &raw_token] {
        let lint = swfsim(&["lint", file]);
        assert_no_control_bytes("lint", &stdout(&lint));
        let refused = simulate_order(&["--policy", file, "--now", NOW]);
        assert_eq!(refused.status.code(), Some(2));
        assert_no_control_bytes("simulate", &stderr(&refused));
    }
    let lint = stdout(&swfsim(&["lint", &in_string]));
    assert!(
        lint.contains("`swf:\\u{1b}[2J\\u{7}` is not an SWF action"),
        "{lint}"
    );
    // The excerpt's carets stay under the text they mark, escapes and all.
    let refused = stderr(&simulate_order(&["--policy", &raw_token, "--now", NOW]));
    assert!(
        refused.contains(&format!(
            "{raw_token}:1:26: error[SWF001]: invalid JSON: unexpected character `U+001B`, expected a string key\n  |\n1 | {{\"Version\": \"2012-10-17\",\\u{{1b}}[2J \"Statement\": []}}\n  |                          ^^^^^^\n"
        )),
        "{refused}"
    );
}

/// Every string of `v` (object keys aside) with where it is, SARIF's Markdown left out.
fn strings(v: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((at.to_string(), s.clone())),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, &format!("{at}[{i}]"), out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter().filter(|(k, _)| *k != "markdown") {
                strings(x, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// No string of the JSON `text` (one document, or one a line) holds a backtick.
fn assert_no_backticks(what: &str, text: &str) {
    let docs: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(v) => vec![v],
        Err(_) => text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    };
    let mut found = Vec::new();
    for v in &docs {
        strings(v, "", &mut found);
    }
    let quoted: Vec<_> = found.iter().filter(|(_, s)| s.contains('`')).collect();
    assert!(quoted.is_empty(), "{what}: {quoted:?}");
}

#[test]
fn json_sentences_quote_without_backticks() {
    let dir = scratch("diagnostics-json-quotes");
    let misspelt = write(&dir, "p.json", MISSPELT);
    let lint = swfsim(&["lint", &misspelt, "--format", "json"]);
    assert_no_backticks("lint", &stdout(&lint));
    assert_eq!(
        json(&lint)["findings"][0]["message"],
        "unknown condition operator 'StringEqulas'"
    );
    let sarif = stdout(&swfsim(&["lint", &misspelt, "--format", "sarif"]));
    assert_no_backticks("sarif", &sarif);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let message = &sarif["runs"][0]["results"][0]["message"];
    assert_eq!(message["text"], "unknown condition operator 'StringEqulas'");
    assert_eq!(
        message["markdown"],
        "unknown condition operator `StringEqulas`"
    );
    assert_no_backticks("rules", &stdout(&swfsim(&["rules", "--format", "json"])));
    // A denial with its explanations and fixes, a fault, a batch line that cannot be read.
    let denied = simulate_order(&[
        "--policy",
        "policies/e4-type-name-and-version.json",
        "--format",
        "json",
    ]);
    assert_eq!(denied.status.code(), Some(1));
    assert_no_backticks("a denial", &stdout(&denied));
    let nowhere = write(
        &dir,
        "nowhere.json",
        r#"{"domain": "nowhere", "workflowId": "w", "workflowType": {"name": "ProcessOrder", "version": "1.0"}}"#,
    );
    let fault = swfsim(&[
        "simulate",
        "--request",
        &nowhere,
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--world",
        "policies/world.json",
        "--format",
        "json",
    ]);
    assert_eq!(json(&fault)["outcome"], "UnknownResourceFault");
    assert_eq!(
        json(&fault)["fault"]["detail"],
        "the world has no domain 'nowhere'"
    );
    assert_no_backticks("a fault", &stdout(&fault));
    let batch = write(
        &dir,
        "b.jsonl",
        "{\"request\": {\"domain\": \"orders\"}, \"context\": {\"swf:taskList.name\": \"x\"}}\n",
    );
    let o = swfsim(&[
        "simulate",
        "--requests",
        &batch,
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--format",
        "json",
    ]);
    assert_eq!(
        json(&o)["error"],
        "context key 'swf:taskList.name' is determined by the request"
    );
    assert!(
        stderr(&o).contains("context key `swf:taskList.name` is determined by the request"),
        "text keeps the backticks: {}",
        stderr(&o)
    );
    // An analysis that cannot answer.
    let role = "policies/deployer-role.json";
    let check = [
        "check",
        "--policy",
        role,
        "--must-not-allow",
        r#"{"domain": "prod-*"}"#,
    ];
    let diff = [
        "diff",
        "--old",
        "policies/e2-two-domains.json",
        "--new",
        role,
    ];
    for args in [&check[..], &diff] {
        let o = swfsim(&[args, &["--format", "json"]].concat());
        assert_eq!(json(&o)["answer"], "unknown", "{}", stderr(&o));
        assert_no_backticks(args[0], &stdout(&o));
    }
}

#[test]
fn a_duplicate_key_says_the_line_and_column_of_the_first() {
    let dir = scratch("diagnostics-duplicate");
    let file = write(
        &dir,
        "p.json",
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    \"Effect\": \"Allow\",\n    \"Action\": \"swf:*\",\n    \"Resource\": \"*\",\n    \"Effect\": \"Deny\"\n  }\n}\n",
    );
    let help = "  = help: IAM's grammar forbids repeating a key; the first `Effect` stands earlier in the same object, at line 4, column 5\n";
    let lint = stdout(&swfsim(&["lint", &file]));
    assert!(
        lint.starts_with(&format!(
            "{file}:7:5: error[SWF002]: duplicate key `Effect`\n"
        )),
        "{lint}"
    );
    assert!(lint.contains(help), "{lint}");
    let refused = stderr(&simulate_order(&["--policy", &file, "--now", NOW]));
    assert!(refused.contains(help), "{refused}");
}

#[test]
fn a_trailing_comma_is_named_and_pointed_at() {
    let dir = scratch("diagnostics-trailing-comma");
    let object = write(
        &dir,
        "object.json",
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [],\n}\n",
    );
    let array = write(
        &dir,
        "array.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"swf:*\", ], \"Resource\": \"*\"}]}",
    );
    let lint = stdout(&swfsim(&["lint", &object]));
    assert!(
        lint.starts_with(&format!(
            "{object}:3:18: error[SWF001]: invalid JSON: trailing comma after the last member of an object: JSON allows none\n  |\n3 |   \"Statement\": [],\n  |                  ^\n"
        )),
        "{lint}"
    );
    let refused = stderr(&simulate_order(&["--policy", &array, "--now", NOW]));
    assert!(
        refused.starts_with(&format!(
            "{array}:1:79: error[SWF001]: invalid JSON: trailing comma after the last item of an array: JSON allows none\n"
        )),
        "{refused}"
    );
    // A batch line: its column is the comma's.
    let batch = write(&dir, "b.jsonl", "{\"domain\": \"orders\",}\n");
    let o = swfsim(&["simulate", "--requests", &batch, "--format", "json"]);
    assert_eq!(json(&o)["column"], 20, "{}", stdout(&o));
    assert_eq!(
        json(&o)["error"],
        "invalid JSON: trailing comma after the last member of an object: JSON allows none"
    );
}

#[test]
fn a_text_answer_shows_control_characters_escaped() {
    let dir = scratch("diagnostics-control-answer");
    let policy = write(
        &dir,
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "x\u001b[2Jy"}}}}"#,
    );
    let request = write(
        &dir,
        "r.json",
        r#"{"domain": "orders", "workflowId": "w\u0007", "workflowType": {"name": "P\u009b1m", "version": "1"}}"#,
    );
    for args in [
        &[
            "--request",
            "policies/requests/order.json",
            "--policy",
            &policy,
        ][..],
        &[
            "--request",
            &request,
            "--policy",
            "policies/e1-all-swf-one-account.json",
        ],
    ] {
        let o = swfsim(&[&["simulate"][..], args].concat());
        assert_no_control_bytes("simulate", &stdout(&o));
    }
    let o = swfsim(&[
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        &policy,
    ]);
    assert!(
        stdout(&o).contains("matches none of `x\\u{1b}[2Jy`"),
        "{}",
        stdout(&o)
    );
}

/// Advice beneath a problem reads `= help:` whatever the problem: a flag, an analysis that
/// cannot answer.
#[test]
fn help_lines_take_one_form() {
    let o = simulate_order(&["--now", "999999999999"]);
    assert!(
        stderr(&o).contains("\n  = help: aws:CurrentTime is written"),
        "{}",
        stderr(&o)
    );
    let o = swfsim(&[
        "check",
        "--policy",
        "policies/deployer-role.json",
        "--must-not-allow",
        r#"{"domain": "prod-*"}"#,
    ]);
    assert!(
        stdout(&o).contains("\n  = help: fix its value"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_batch_verdict_line_shows_control_characters_escaped() {
    let dir = scratch("diagnostics-control-batch");
    let requests = write(
        &dir,
        "r.jsonl",
        "{\"domain\": \"orders\", \"workflowId\": \"w\", \"workflowType\": {\"name\": \"Process\\u001b[2JOrder\", \"version\": \"1.0\"}, \"taskList\": {\"name\": \"x\"}}\n",
    );
    let o = swfsim(&[
        "simulate",
        "--requests",
        &requests,
        "--policy",
        "policies/e1-all-swf-one-account.json",
    ]);
    let out = stdout(&o);
    assert_no_control_bytes("a batch", &out);
    let verdict = out.lines().next().unwrap_or_default();
    assert!(
        verdict.starts_with(
            "1: ValidationException 1 validation error detected: Value 'Process\\u{1b}[2JOrder'"
        ),
        "{out}"
    );
}

#[test]
fn a_path_or_value_from_the_command_line_is_shown_escaped() {
    let order = "policies/requests/order.json";
    let policy = "policies/e1-all-swf-one-account.json";
    let missing = "nope\u{7}.json";
    let runs = [
        vec!["lint", missing],
        vec!["simulate", "--request", order, "--policy", missing],
        vec!["simulate", "--requests", missing, "--policy", policy],
        vec!["check", "--must-not-allow", missing, "--policy", policy],
        vec!["diff", "--old", missing, "--new", policy],
    ];
    for args in runs {
        let o = swfsim(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_no_control_bytes(args[0], &err);
        assert!(
            err.contains("error: cannot read `nope\\u{7}.json`: "),
            "{args:?}: {err}"
        );
    }
    let o = simulate_order(&["--region", "us-east-1\u{1b}[2J"]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_control_bytes("--region", &stderr(&o));
    assert!(
        stderr(&o).contains("`us-east-1\\u{1b}[2J` is not a region name"),
        "{}",
        stderr(&o)
    );
}
