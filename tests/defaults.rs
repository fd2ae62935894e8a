//! A denial decided with an input swfsim supplied by default says so, and names what sets it:
//! the caller (`--principal`), the region (`--region`), the domain's account (a world's
//! `account`); and `aws:ResourceAccount` says where it came from, world or caller.

mod common;
use common::{json, scratch, simulate_order, stdout, swfsim, write};

const NOW: [&str; 2] = ["--now", "1795608000"];

/// A world of account 777788889999 with the `orders` domain and its type.
fn world_777() -> String {
    let world = r#"{"account": "777788889999", "region": "us-east-1", "domains": [{"name": "orders", "workflowTypes": [{"name": "ProcessOrder", "version": "1.0", "defaultTaskList": {"name": "orders-default"}}]}]}"#;
    write(&scratch("defaults_world"), "world.json", world)
}

/// A policy that allows starts in eu-west-1 only.
fn eu_policy() -> String {
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:eu-west-1:123456789012:/domain/*"}]}"#;
    write(&scratch("defaults_eu"), "eu.json", policy)
}

/// The `input` of each member of `defaults`.
fn defaults(v: &serde_json::Value) -> Vec<&str> {
    (v["defaults"].as_array().into_iter().flatten())
        .map(|d| d["input"].as_str().unwrap())
        .collect()
}

#[test]
fn a_cross_account_denial_with_the_default_caller_names_the_default() {
    let world = world_777();
    let args = ["--policy", "policies/deployer-role.json", "--world", &world];
    let text = stdout(&simulate_order(&[&args[..], &NOW].concat()));
    assert!(
        text.contains("the caller's account 123456789012 is not the domain's account 777788889999"),
        "{text}"
    );
    assert!(
        text.contains("  note: the caller `arn:aws:iam::123456789012:user/simulated` is swfsim's default: --principal sets it\n"),
        "{text}"
    );
    let v = json(&simulate_order(
        &[&args[..], &NOW, &["--format", "json"]].concat(),
    ));
    assert_eq!(defaults(&v), ["principal"]);
    assert_eq!(v["defaults"][0]["setBy"], "--principal");
    assert_eq!(
        v["defaults"][0]["value"],
        "arn:aws:iam::123456789012:user/simulated"
    );
    // A caller given is no default: nothing to say.
    let given = [
        "--principal",
        "arn:aws:iam::123456789012:user/alice",
        "--format",
        "json",
    ];
    let v = json(&simulate_order(&[&args[..], &NOW, &given].concat()));
    assert_eq!(v["reason"]["kind"], "crossAccount");
    assert!(v.get("defaults").is_none(), "{v}");
}

#[test]
fn a_policy_of_another_region_names_the_default_region() {
    let policy = eu_policy();
    let args = ["--policy", &policy, "--format", "json"];
    let v = json(&simulate_order(&[&args[..], &NOW].concat()));
    assert_eq!(v["outcome"], "OPERATION_NOT_PERMITTED");
    assert_eq!(defaults(&v), ["principal", "region", "account"]);
    assert_eq!(v["defaults"][1]["value"], "us-east-1");
    assert_eq!(v["defaults"][1]["setBy"], "--region");
    let text = stdout(&simulate_order(
        &[&["--policy", &policy][..], &NOW].concat(),
    ));
    assert!(
        text.contains("  note: the region `us-east-1` is swfsim's default: --region (or a world's `region`) sets it\n"),
        "{text}"
    );
    // The region given, the call is allowed, and an allowed call notes no default.
    let v = json(&simulate_order(
        &[&args[..], &NOW, &["--region", "eu-west-1"]].concat(),
    ));
    assert_eq!(v["outcome"], "authorized");
    assert!(v.get("defaults").is_none(), "{v}");
}

#[test]
fn the_resource_account_comes_from_the_world_or_else_from_the_caller() {
    let policy = ["--policy", "policies/deployer-role.json"];
    let source = |v: &serde_json::Value| v["context"]["aws:ResourceAccount"]["source"].clone();
    let alone = json(&simulate_order(
        &[&policy[..], &NOW, &["--format", "json"]].concat(),
    ));
    assert_eq!(source(&alone), "principal");
    let world = ["--world", "policies/world.json", "--format", "json"];
    let in_world = json(&simulate_order(&[&policy[..], &NOW, &world].concat()));
    assert_eq!(source(&in_world), "world");
    let text = stdout(&simulate_order(&[&policy[..], &NOW].concat()));
    assert!(
        text.contains("  aws:ResourceAccount = 123456789012  (from the principal: the caller's account, as no world gives an `account`)\n"),
        "{text}"
    );
}

#[test]
fn a_batch_line_that_names_its_caller_and_region_has_no_defaults() {
    let policy = eu_policy();
    let request = r#"{"domain": "orders", "workflowId": "a-1", "workflowType": {"name": "ProcessOrder", "version": "1.0"}, "taskList": {"name": "q"}}"#;
    let lines = [
        request.to_string(),
        format!(
            r#"{{"request": {request}, "principal": "arn:aws:iam::123456789012:user/bob", "region": "ap-south-1"}}"#
        ),
    ];
    let f = write(
        &scratch("defaults_batch"),
        "b.jsonl",
        &(lines.join("\n") + "\n"),
    );
    let args = [
        "simulate",
        "--requests",
        &f,
        "--policy",
        &policy,
        "--format",
        "json",
    ];
    let o = swfsim(&[&args[..], &NOW].concat());
    let answers: Vec<serde_json::Value> = (stdout(&o).lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(defaults(&answers[0]), ["principal", "region", "account"]);
    assert_eq!(defaults(&answers[1]), ["account"]);
}
