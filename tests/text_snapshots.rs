//! The text answer of `simulate`, as a person reads it, in reviewed snapshots: a single request
//! that is allowed and starts, a single request an SCP's Deny refuses (with why and what to
//! change), the README's batch of deploys, and a batch with a line that cannot be read. Each
//! snapshot holds the exit code, standard output and standard error.

mod common;
use common::{scratch, swfsim, write, README_SET};

/// The README's policies, world, seed and clock, after `args`.
fn simulate(args: &[&str]) -> String {
    let fixed = [README_SET, &["--seed", "1", "--now", "1795608000"]].concat();
    let o = swfsim(&[&["simulate"], args, &fixed].concat());
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        o.status.code().map_or("none".into(), |c| c.to_string()),
        common::stdout(&o),
        common::stderr(&o)
    )
}

#[test]
fn a_single_request_allowed_and_started() {
    let out = simulate(&["--request", "policies/requests/order.json"]);
    insta::assert_snapshot!("single_started", out);
}

#[test]
fn a_single_request_denied_by_an_scp_with_why_and_what_to_change() {
    let out = simulate(&[
        "--request",
        "policies/requests/order.json",
        "--context",
        "aws:SecureTransport=false",
    ]);
    insta::assert_snapshot!("single_denied", out);
}

#[test]
fn the_readme_batch_of_deploys() {
    let out = simulate(&["--requests", "policies/requests/deploy.jsonl"]);
    insta::assert_snapshot!("batch_deploy", out);
}

#[test]
fn a_batch_with_a_line_that_cannot_be_read() {
    let dir = scratch("text_snapshots");
    let lines = [
        r#"{"domain": "orders", "workflowId": "a-1", "workflowType": {"name": "ProcessOrder", "version": "1.0"}, "taskList": {"name": "orders-high"}}"#,
        r#"{"domain": "orders", "workflowId": "#,
        r#"{"domain": "orders", "workflowId": "a-2", "workflowType": {"name": "ProcessOrder", "version": "9.9"}}"#,
    ];
    let path = write(&dir, "broken.jsonl", &(lines.join("\n") + "\n"));
    let relative = path
        .strip_prefix(&format!("{}/", common::root().display()))
        .unwrap_or(&path)
        .to_string();
    let out = simulate(&["--requests", &relative]);
    insta::assert_snapshot!("batch_input_error", out);
}
