//! `swfsim diff` and `swfsim check` from the command line: exit codes, wire format, and
//! witnesses that `swfsim simulate` confirms.

mod common;
use common::{json, scratch, stderr, stdout, swfsim, write};

const OLD: &str = "policies/e3-workflow-starter.json";
const NEW: &str = "policies/e3-workflow-starter-v2.json";

/// Runs each witness of a region list through `simulate --requests` with `policy`: the exit
/// code says allowed (0) or denied (1).
fn simulate_witnesses(regions: &serde_json::Value, policy: &str, name: &str) -> Vec<i32> {
    let dir = scratch(name);
    regions
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let line = r["witness"].to_string();
            let file = write(&dir, &format!("w{i}.jsonl"), &format!("{line}\n"));
            let o = swfsim(&["simulate", "--requests", &file, "--policy", policy]);
            o.status.code().unwrap()
        })
        .collect()
}

#[test]
fn diff_exits_1_when_the_new_policy_grants_more_and_simulate_confirms_each_witness() {
    let o = swfsim(&["diff", "--old", OLD, "--new", NEW, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["answer"], "grantsMore");
    let gained = &j["newlyAllowed"];
    let lost = &j["newlyDenied"];
    assert!(!gained.as_array().unwrap().is_empty());
    assert!(!lost.as_array().unwrap().is_empty());
    assert_eq!(
        gained[0]["decisions"],
        serde_json::json!(["implicitDeny", "allowed"])
    );
    // Newly allowed: the old policy denies each witness, the new one allows it; and the reverse.
    assert!(simulate_witnesses(gained, OLD, "gained-old")
        .iter()
        .all(|c| *c == 1));
    assert!(simulate_witnesses(gained, NEW, "gained-new")
        .iter()
        .all(|c| *c == 0));
    assert!(simulate_witnesses(lost, OLD, "lost-old")
        .iter()
        .all(|c| *c == 0));
    assert!(simulate_witnesses(lost, NEW, "lost-new")
        .iter()
        .all(|c| *c == 1));
    // The region names what changed: a domain beyond `orders`, a task list `orders-*`; with
    // no named callers, the domains by whole ARN (the account the patterns name).
    let c = &gained[0]["constraints"];
    let domain = c
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["dimension"] == "domain")
        .unwrap();
    assert_eq!(
        domain["holds"],
        serde_json::json!(["'arn:aws:swf:us-east-1:123456789012:/domain/orders*'"])
    );
    assert_eq!(
        domain["fails"],
        serde_json::json!(["'arn:aws:swf:us-east-1:123456789012:/domain/orders'"])
    );
    // JSON values quote patterns as every JSON sentence does, without Markdown's backticks.
    assert!(!stdout(&o).contains('`'), "{}", stdout(&o));
}

#[test]
fn diff_exits_0_only_when_the_new_set_grants_nothing_new() {
    let o = swfsim(&["diff", "--old", NEW, "--new", OLD]);
    let out = stdout(&o);
    // Swapped: the v2 policy is the old one; the change grants `orders` without a task list.
    assert_eq!(o.status.code(), Some(1), "{out}");
    let same = swfsim(&["diff", "--old", OLD, "--new", OLD]);
    assert_eq!(same.status.code(), Some(0));
    let text = stdout(&same);
    assert!(
        text.contains("The new policies allow nothing the old ones did not."),
        "{text}"
    );
    assert!(
        text.contains("The new policies deny nothing the old ones allowed."),
        "{text}"
    );
}

#[test]
fn diff_compares_scps_with_the_identity_policies_held_fixed() {
    let dir = scratch("diff-scp");
    let before = write(
        &dir,
        "before.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    );
    let after = write(
        &dir,
        "after.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
    );
    let o = swfsim(&[
        "diff", "--kind", "scp", "--old", &before, "--new", &after, "--policy", OLD, "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let j = json(&o);
    assert_eq!(j["answer"], "grantsNothingNew");
    let lost = j["newlyDenied"].as_array().unwrap();
    assert_eq!(lost.len(), 1, "{j}");
    assert_eq!(
        lost[0]["witness"]["context"]["aws:SecureTransport"],
        "false"
    );
}

#[test]
fn check_proves_a_property_or_shows_a_counterexample() {
    let deny = "policies/e10-production-domains-deny.json";
    let proved = swfsim(&[
        "check",
        "--policy",
        deny,
        "--must-not-allow",
        "policies/specs/no-production-starts.json",
    ]);
    assert_eq!(proved.status.code(), Some(0), "{}", stdout(&proved));
    assert!(stdout(&proved).starts_with("Proved: no request the SPEC describes is allowed."));
    // Without the Deny, the same property fails, with a request that shows it.
    let o = swfsim(&[
        "check",
        "--policy",
        "policies/e1-all-swf-one-account.json",
        "--must-not-allow",
        r#"{"context": {"aws:ResourceTag/environment": "production"}}"#,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let j = json(&o);
    assert_eq!(j["answer"], "violated");
    assert!(!stdout(&o).contains('`'), "{}", stdout(&o));
    assert_eq!(
        j["counterexamples"][0]["constraints"][0]["holds"],
        serde_json::json!(["'arn:aws:swf:*:123456789012:/domain/*'"])
    );
    let w = &j["counterexamples"][0]["witness"];
    assert_eq!(w["context"]["aws:ResourceTag/environment"], "production");
    let codes = simulate_witnesses(
        &j["counterexamples"],
        "policies/e1-all-swf-one-account.json",
        "check-w",
    );
    assert!(codes.iter().all(|c| *c == 0));
}

#[test]
fn check_must_allow_covers_the_starts_a_deploy_needs() {
    let o = swfsim(&[
        "check",
        "--policy",
        NEW,
        "--must-allow",
        "policies/specs/orders-deploy.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The old policy allows them too; a deploy that also starts in `orders-eu` is refused by it.
    let o = swfsim(&[
        "check",
        "--policy",
        OLD,
        "--must-allow",
        r#"{"domain": ["orders", "orders-eu"], "region": "us-east-1", "principal": "arn:aws:iam::123456789012:user/simulated"}"#,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let j = json(&o);
    assert_eq!(
        j["counterexamples"][0]["witness"]["request"]["domain"],
        "orders-eu"
    );
}

#[test]
fn policy_variables_over_the_caller_need_named_callers() {
    let dir = scratch("vars");
    let p = write(
        &dir,
        "own.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"swf:StartWorkflowExecution",
            "Resource":"arn:aws:swf:*:111122223333:/domain/${aws:username}-*"}]}"#,
    );
    let spec = r#"{"domain": "bob-*"}"#;
    let o = swfsim(&["check", "--policy", &p, "--must-not-allow", spec]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("depends on who calls") && out.contains("--principal"),
        "{out}"
    );
    // Named: alice can never start in bob's domains, bob can.
    let alice = "arn:aws:iam::111122223333:user/alice";
    let o = swfsim(&[
        "check",
        "--policy",
        &p,
        "--must-not-allow",
        spec,
        "--principal",
        alice,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let bob = "arn:aws:iam::111122223333:user/bob";
    let o = swfsim(&[
        "check",
        "--policy",
        &p,
        "--must-not-allow",
        spec,
        "--principal",
        bob,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn a_bad_spec_is_exit_2_with_its_place() {
    let dir = scratch("bad-spec");
    let spec = write(
        &dir,
        "spec.json",
        "{\n  \"domian\": \"x\",\n  \"tagList\": 3\n}\n",
    );
    let o = swfsim(&["check", "--policy", OLD, "--must-not-allow", &spec]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("spec.json:2:3"), "{err}");
    assert!(err.contains("did you mean `domain`?"), "{err}");
    assert!(err.contains("spec.json:3:14"), "{err}");
}

#[test]
fn a_variable_over_a_principal_tag_is_analysed_once_its_value_is_fixed() {
    let dir = scratch("tag-var");
    // The v2 role allows a second tag where the deployed role allowed one.
    let v1 = std::fs::read_to_string(common::root().join("policies/deployer-role.json")).unwrap();
    let v2 = write(
        &dir,
        "v2.json",
        &v1.replace("swf:tagList.member.1", "swf:tagList.member.2"),
    );
    let args = ["diff", "--old", "policies/deployer-role.json", "--new", &v2];
    let o = swfsim(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("--context aws:PrincipalTag/team=VALUE"),
        "{}",
        stdout(&o)
    );
    let fixed = [
        &args[..],
        &[
            "--context",
            "aws:PrincipalTag/team=orders",
            "--format",
            "json",
        ],
    ]
    .concat();
    let o = swfsim(&fixed);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let j = json(&o);
    let w = &j["newlyAllowed"][0]["witness"];
    assert_eq!(w["request"]["domain"], "orders");
    assert_eq!(w["request"]["tagList"].as_array().unwrap().len(), 2, "{w}");
    assert_eq!(w["context"]["aws:PrincipalTag/team"], "orders");
    let bad = swfsim(&[&args[..], &["--context", "aws:SourceIp=nowhere"]].concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("must be an IP address"),
        "{}",
        stderr(&bad)
    );
}
