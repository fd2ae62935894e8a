//! `simulate --requests` as a person and a script read it: in text a verdict line a request
//! (`LINE: VERDICT reason`), the full explanation only under the answers that were not allowed
//! (every answer with `--verbose`), a summary of the outcomes at the end; in JSON each line's
//! input line number and its own `id`.

mod common;
use common::{scratch, stderr, stdout, swfsim, write, README_SET};

/// The README's batch of deploys against its policies and world, with `args` after.
fn deploys(args: &[&str]) -> std::process::Output {
    let fixed = ["--seed", "1", "--now", "1795608000"];
    let batch = ["simulate", "--requests", "policies/requests/deploy.jsonl"];
    swfsim(&[&batch[..], README_SET, &fixed, args].concat())
}

/// A batch of `lines` in a scratch folder `name`, against the deployer role at a fixed time,
/// with `args` after; and the batch file's path.
fn batch_of(name: &str, lines: &[String], args: &[&str]) -> (std::process::Output, String) {
    let f = write(&scratch(name), "batch.jsonl", &(lines.join("\n") + "\n"));
    let policy = [
        "--policy",
        "policies/deployer-role.json",
        "--now",
        "1795608000",
    ];
    let o = swfsim(&[&["simulate", "--requests", &f][..], &policy, args].concat());
    (o, f)
}

/// The lines that start with a number: one verdict a request.
fn verdicts(text: &str) -> Vec<&str> {
    (text.lines())
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

#[test]
fn a_text_batch_gives_a_verdict_line_a_request_and_ends_with_a_summary() {
    let o = deploys(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let verdicts = verdicts(&text);
    assert_eq!(verdicts.len(), 8, "{text}");
    assert_eq!(
        verdicts[0],
        "1: started allowed by `StartTeamWorkflows` (policies/deployer-role.json:4:9)"
    );
    assert!(verdicts[3].starts_with("4: OPERATION_NOT_PERMITTED implicitly denied"));
    assert!(verdicts[4].starts_with("5: TypeDeprecatedFault "));
    assert_eq!(
        text.lines().last(),
        Some("7 requests: 3 started, 2 OPERATION_NOT_PERMITTED, 1 TypeDeprecatedFault, 1 WorkflowExecutionAlreadyStartedFault")
    );
    // Only the four answers that were not started are explained, each once, indented.
    assert_eq!(text.matches("\n    context:\n").count(), 4, "{text}");
    assert_eq!(text.matches("STARTED:").count(), 0);
    let line_after_first = text.lines().nth(1).unwrap();
    assert!(line_after_first.starts_with("2: started "), "{text}");
}

#[test]
fn verbose_explains_the_allowed_answers_too() {
    let text = stdout(&deploys(&["--verbose"]));
    assert_eq!(verdicts(&text).len(), 8);
    assert_eq!(text.matches("\n    context:\n").count(), 7, "{text}");
    assert_eq!(text.matches("    STARTED: ").count(), 3);
}

#[test]
fn verdict_lines_number_the_input_lines_blank_and_unreadable_ones_included() {
    let request = r#"{"domain": "orders", "workflowId": "a-1", "workflowType": {"name": "ProcessOrder", "version": "1.0"}, "taskList": {"name": "orders-high"}}"#;
    let lines = ["", request, r#"{"domain": 5}"#, "", request].map(String::from);
    let (o, f) = batch_of("batch_text_lines", &lines, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let text = stdout(&o);
    let verdicts = verdicts(&text);
    let allowed = "authorized allowed by `StartTeamWorkflows` (policies/deployer-role.json:4:9)";
    assert_eq!(verdicts.len(), 4, "{text}");
    assert_eq!(verdicts[0], format!("2: {allowed}"));
    assert!(verdicts[1].starts_with("3: inputError `domain` must be a string"));
    assert!(verdicts[1].ends_with(" (column 12)"), "{text}");
    assert_eq!(verdicts[2], format!("5: {allowed}"));
    assert_eq!(verdicts[3], "3 requests: 2 authorized, 1 inputError");
    assert!(stderr(&o).starts_with(&format!("{f}:3:12: error: `domain` must be a string")));
}

#[test]
fn a_single_request_in_text_has_no_line_number_and_no_summary() {
    let o = swfsim(
        &[
            &["simulate", "--request", "policies/requests/order.json"][..],
            README_SET,
            &["--seed", "1", "--now", "1795608000"],
        ]
        .concat(),
    );
    let text = stdout(&o);
    assert!(text.starts_with("STARTED: started"), "{text}");
    assert!(!text.contains("requests:"), "{text}");
}

#[test]
fn json_lines_carry_their_input_line_and_their_own_id() {
    let request = r#"{"domain": "orders", "workflowId": "a-1", "workflowType": {"name": "ProcessOrder", "version": "1.0"}}"#;
    let lines = [
        format!(r#"{{"request": {request}, "id": "deploy-7"}}"#),
        String::new(),
        format!(r#"{{"id": 42, "request": {request}}}"#),
        request.to_string(),
        format!(r#"{{"request": {request}, "id": 1.50}}"#),
    ];
    let (o, _) = batch_of("batch_json_ids", &lines, &["--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let text = stdout(&o);
    let answers: Vec<serde_json::Value> = (text.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let places: Vec<(u64, Option<String>)> = (answers.iter())
        .map(|a| {
            (
                a["line"].as_u64().unwrap(),
                a.get("id").map(|i| i.to_string()),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (1, Some("\"deploy-7\"".into())),
            (3, Some("42".into())),
            (4, None),
            (5, Some("1.5".into())),
        ]
    );
    // A number is given back as it was written.
    assert!(
        text.lines()
            .nth(3)
            .unwrap()
            .contains(r#","line":5,"id":1.50,"#),
        "{text}"
    );
}

#[test]
fn an_id_must_be_a_string_or_a_number_and_a_bare_request_has_none() {
    let dir = scratch("batch_json_bad_ids");
    let lines = [
        r#"{"request": {"domain": "orders"}, "id": ["x"]}"#,
        r#"{"domain": "orders", "id": "x"}"#,
    ];
    let f = write(&dir, "bad.jsonl", &(lines.join("\n") + "\n"));
    let args = [
        "--policy",
        "policies/deployer-role.json",
        "--format",
        "json",
    ];
    let o = swfsim(&[&["simulate", "--requests", &f][..], &args].concat());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let errs: Vec<&str> = err.lines().collect();
    assert_eq!(errs.len(), 2, "{err}");
    let id_error = format!("{f}:1:41: error: `id` must be a string or a number");
    assert!(errs[0].starts_with(&id_error), "{err}");
    assert_eq!(
        errs[1],
        format!("{f}:2:22: error: unknown member `id` in the request: a line's id goes beside its request, `{{\"request\": {{...}}, \"id\": ...}}`")
    );
}
