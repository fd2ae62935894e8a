//! Answers from an account export (`--account-details`) and an org file (`--org`): the
//! fixture's hand-decided expectations, every form an export is written in, the errors that
//! keep an answer from failing open, the public sanitized exports, and agreement with the same
//! policies given as files.

mod common;
use common::{json, scratch, stderr, stdout, swfsim, write};
use serde_json::Value;

const EXPORT: &str = "policies/account/account-details.json";
const ORG: &str = "policies/account/org.json";

/// The rows of the fixture's expectations: principal, request, region, with the org file,
/// decision, deciding statements in words.
fn expectations() -> Vec<[String; 6]> {
    let text = std::fs::read_to_string(common::root().join("tests/data/account/expectations.tsv"))
        .unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            [0, 1, 2, 3, 4, 5].map(|i| f.get(i).unwrap_or(&"").to_string())
        })
        .collect()
}

fn simulate_row(export: &str, row: &[String; 6], extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "simulate",
        "--account-details",
        export,
        "--principal",
        &row[0],
        "--request",
        &row[1],
        "--region",
        &row[2],
        "--format",
        "json",
    ];
    if row[3] == "yes" {
        args.extend(["--org", ORG]);
    }
    args.extend(extra);
    swfsim(&args)
}

/// The deciding statements of a JSON answer: `POLICY / Statement[N]`.
fn deciding(v: &Value) -> Vec<String> {
    (v["decidingStatements"].as_array().into_iter().flatten())
        .map(|s| {
            format!(
                "{} / Statement[{}]",
                s["policy"].as_str().unwrap_or("?"),
                s["index"]
            )
        })
        .collect()
}

#[test]
fn every_hand_decided_expectation_holds() {
    let rows = expectations();
    assert!(rows.len() >= 25);
    for row in &rows {
        let o = simulate_row(EXPORT, row, &[]);
        let v = json(&o);
        assert_eq!(v["decision"], row[4].as_str(), "{row:?}\n{}", stderr(&o));
        if row[4] != "implicitDeny" {
            let found = deciding(&v);
            // An SCP named by its id and statement; any other by its place in the account.
            let named = |d: &String| match d.split(['(', ')']).find(|t| t.starts_with("p-")) {
                Some(id) => row[5].contains(id) && row[5].contains(d.rsplit(" / ").next().unwrap()),
                // The principal's own name may be written with its path.
                None => (d.split(" / ").skip(1)).all(|part| {
                    let words: Vec<&str> = part.split(' ').take(2).collect();
                    row[5].contains(&words.join(" "))
                }),
            };
            assert!(found.iter().any(named), "{row:?}: deciding {found:?}");
        }
    }
}

#[test]
fn pages_json_lines_and_sdk_dumps_give_the_same_answers() {
    for file in ["paged-array.json", "paged-lines.jsonl", "sdk-v3.json"] {
        let export = format!("tests/data/account/{file}");
        for row in expectations().iter().filter(|r| r[3] == "no") {
            let v = json(&simulate_row(&export, row, &[]));
            assert_eq!(v["decision"], row[4].as_str(), "{file}: {row:?}");
        }
    }
}

/// A statement's place in the export, for its deciding statement: the line holds the text.
#[test]
fn statements_are_located_in_the_export_whatever_the_encoding() {
    for file in ["paged-array.json", "sdk-v3.json", EXPORT] {
        let path = if file.contains('/') {
            file.to_string()
        } else {
            format!("tests/data/account/{file}")
        };
        let text = std::fs::read_to_string(common::root().join(&path)).unwrap();
        for row in expectations()
            .iter()
            .filter(|r| r[4] == "allowed" && r[3] == "no")
        {
            let v = json(&simulate_row(&path, row, &[]));
            for s in v["decidingStatements"].as_array().unwrap() {
                if s["file"] == "<shipped with swfsim>" {
                    continue;
                }
                assert_eq!(s["file"], path.as_str());
                let line = text
                    .lines()
                    .nth(s["line"].as_u64().unwrap() as usize - 1)
                    .unwrap();
                let at: String = line
                    .chars()
                    .skip(s["column"].as_u64().unwrap() as usize - 1)
                    .take(3)
                    .collect();
                assert!(
                    at == "{" || at.starts_with("%7B") || at.starts_with("{\\\""),
                    "{path}: {s} at `{at}`"
                );
            }
        }
    }
}

/// `simulate` of policies/requests/order.json for `principal` with the export `export`.
fn order(export: &str, principal: &str, extra: &[&str]) -> std::process::Output {
    let base = [
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--account-details",
        export,
        "--principal",
        principal,
    ];
    swfsim(&[&base[..], extra].concat())
}

/// [`order`] refused with `needle` in its message.
fn refused_order(export: &str, principal: &str, extra: &[&str], needle: &str) {
    let o = order(export, principal, extra);
    assert_eq!(o.status.code(), Some(2), "{principal}\n{}", stdout(&o));
    assert!(stderr(&o).contains(needle), "{principal}: {}", stderr(&o));
}

fn refused(args: &[&str], needle: &str) {
    let o = swfsim(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}\n{}", stdout(&o));
    assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
}

#[test]
fn what_would_fail_open_is_an_input_error() {
    let order = "policies/requests/order.json";
    let sim = |file: &str, who: &str| -> Vec<String> {
        [
            "simulate",
            "--request",
            order,
            "--account-details",
            file,
            "--principal",
            who,
        ]
        .map(String::from)
        .to_vec()
    };
    let run = |args: Vec<String>, needle: &str| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&a, needle)
    };
    let base = "tests/data/account/";
    run(
        sim(
            &format!("{base}truncated.json"),
            "arn:aws:iam::111122223333:user/alice",
        ),
        "IsTruncated: true",
    );
    run(
        sim(
            &format!("{base}not-gaad.json"),
            "arn:aws:iam::111122223333:user/alice",
        ),
        "not an account authorization details export",
    );
    run(
        sim(
            &format!("{base}missing-customer.json"),
            "arn:aws:iam::111122223333:user/gina",
        ),
        "SwfStartLegacy",
    );
    run(
        sim(
            &format!("{base}missing-boundary.json"),
            "arn:aws:iam::111122223333:role/teams/ops/builder",
        ),
        "permissions boundary",
    );
    run(
        sim(
            &format!("{base}bad-default.json"),
            "arn:aws:iam::111122223333:user/frank",
        ),
        "DefaultVersionId",
    );
    run(
        sim(
            &format!("{base}two-defaults.json"),
            "arn:aws:iam::111122223333:user/frank",
        ),
        "versions marked `IsDefaultVersion`",
    );
    run(
        sim(EXPORT, "arn:aws:iam::111122223333:user/alicee"),
        "did you mean `arn:aws:iam::111122223333:user/alice`",
    );
    let mut no_parents = sim(EXPORT, "arn:aws:iam::111122223333:user/alice");
    no_parents.extend(["--org".into(), format!("{base}org-no-parents.json")]);
    run(no_parents, "is not in the org file");
    // The export's other principals still answer.
    for (file, who) in [
        ("missing-customer.json", "user/hank"),
        ("missing-boundary.json", "role/teams/ops/packager"),
    ] {
        let o = swfsim(&[
            "simulate",
            "--request",
            order,
            "--account-details",
            &format!("{base}{file}"),
            "--principal",
            &format!("arn:aws:iam::111122223333:{who}"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{file} {who}: {}", stderr(&o));
    }
}

#[test]
fn a_policy_type_not_enabled_at_the_root_applies_at_no_level() {
    let o = order(
        EXPORT,
        "arn:aws:iam::111122223333:user/alice",
        &["--org", "tests/data/account/org-disabled-rcp.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn every_principal_of_the_public_exports_answers() {
    let list =
        std::fs::read_to_string(common::root().join("tests/data/public-gaad/principals.tsv"))
            .unwrap();
    for file in [
        "cloudmapper-demo.json",
        "cloudsplaining-example.json",
        "cloudsplaining-example-authz-details.json",
        "cloudsplaining-example_authz_v2.json",
    ] {
        let path = format!("tests/data/public-gaad/{file}");
        let o = swfsim(&[
            "whocan",
            "--account-details",
            &path,
            "--request",
            "policies/requests/order.json",
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["counts"]["notAnswered"], 0, "{file}");
        let listed = list
            .lines()
            .filter(|l| l.starts_with(&format!("{file}\t")))
            .count();
        assert_eq!(v["principals"].as_array().unwrap().len(), listed, "{file}");
    }
}

#[test]
fn whocan_agrees_with_simulate_for_every_principal() {
    let o = whocan_in_org(["--request", "policies/requests/order.json"]);
    let v = json(&o);
    for p in v["principals"].as_array().unwrap() {
        let arn = p["principal"].as_str().unwrap();
        let s = json(&simulate_in_org(
            ["--request", "policies/requests/order.json"],
            arn,
        ));
        assert_eq!(p["answer"]["decision"], s["decision"], "{arn}");
        let ours: Vec<_> = (p["answer"]["decidingStatements"]
            .as_array()
            .into_iter()
            .flatten())
        .map(|d| (d["line"].clone(), d["column"].clone()))
        .collect();
        let theirs: Vec<_> = (s["decidingStatements"].as_array().into_iter().flatten())
            .map(|d| (d["line"].clone(), d["column"].clone()))
            .collect();
        assert_eq!(ours, theirs, "{arn}");
    }
}

// ---- Agreement with the same policies given as files, assembled here from the raw JSON ----

/// Percent-decoding: `%XX` only.
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A document as a policy file's text.
fn document(d: &Value) -> String {
    match d {
        Value::String(s) if s.trim_start().starts_with('{') => s.clone(),
        Value::String(s) => percent_decoded(s),
        other => other.to_string(),
    }
}

/// The default version of a managed policy of the export.
fn managed(x: &Value, arn: &str) -> Option<String> {
    let p = x["Policies"].as_array()?.iter().find(|p| p["Arn"] == arn)?;
    let v = p["PolicyVersionList"]
        .as_array()?
        .iter()
        .find(|v| v["IsDefaultVersion"] == true)?;
    Some(document(&v["Document"]))
}

/// `--policy`, `--boundary`, `--context` arguments for a user or role of the export.
fn assembled(x: &Value, arn: &str, dir: &std::path::Path) -> Vec<String> {
    let mut args = Vec::new();
    let mut n = 0;
    let mut file = |text: String| {
        n += 1;
        write(dir, &format!("p{n}.json"), &text)
    };
    let (entry, inline_key) = match x["UserDetailList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["Arn"] == arn)
    {
        Some(u) => (u, "UserPolicyList"),
        None => (
            x["RoleDetailList"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["Arn"] == arn)
                .unwrap(),
            "RolePolicyList",
        ),
    };
    let mut holders = vec![(entry, inline_key)];
    for g in entry["GroupList"].as_array().into_iter().flatten() {
        let group = x["GroupDetailList"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["GroupName"] == *g)
            .unwrap();
        holders.push((group, "GroupPolicyList"));
    }
    for (h, key) in holders {
        for p in h[key].as_array().into_iter().flatten() {
            args.extend(["--policy".to_string(), file(document(&p["PolicyDocument"]))]);
        }
        for a in h["AttachedManagedPolicies"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let arn = a["PolicyArn"].as_str().unwrap();
            let text = managed(x, arn).unwrap_or_else(|| {
                let name = arn.rsplit('/').next().unwrap();
                std::fs::read_to_string(
                    common::root().join(format!("tests/corpus/aws-managed/{name}.json")),
                )
                .unwrap()
            });
            args.extend(["--policy".to_string(), file(text)]);
        }
    }
    if let Some(b) = entry["PermissionsBoundary"]["PermissionsBoundaryArn"].as_str() {
        args.extend(["--boundary".to_string(), file(managed(x, b).unwrap())]);
    }
    for t in entry["Tags"].as_array().into_iter().flatten() {
        args.extend([
            "--context".to_string(),
            format!(
                "aws:PrincipalTag/{}={}",
                t["Key"].as_str().unwrap(),
                t["Value"].as_str().unwrap()
            ),
        ]);
    }
    if let Some(id) = entry["UserId"].as_str() {
        args.extend(["--context".to_string(), format!("aws:userid={id}")]);
    }
    args
}

/// `--scp` and `--rcp` levels of the org file for the account, one file a level.
fn levels(org: &Value, account: &str, dir: &std::path::Path) -> Vec<String> {
    let mut args = Vec::new();
    if org["managementAccountId"] == account {
        return args;
    }
    let mut path: Vec<String> = (org["accounts"][account]["parents"]
        .as_array()
        .unwrap()
        .iter())
    .map(|p| p.as_str().unwrap().to_string())
    .collect();
    path.push(account.to_string());
    let types = &org["roots"][0]["PolicyTypes"];
    for (kind, flag) in [
        ("SERVICE_CONTROL_POLICY", "--scp"),
        ("RESOURCE_CONTROL_POLICY", "--rcp"),
    ] {
        let on = types
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["Type"] == kind && t["Status"] == "ENABLED");
        if !on {
            continue;
        }
        for (i, target) in path.iter().enumerate() {
            let docs: Vec<Value> = (org["targets"][target][kind]
                .as_array()
                .into_iter()
                .flatten())
            .map(|id| {
                serde_json::from_str(
                    org["policies"][id.as_str().unwrap()]["Content"]
                        .as_str()
                        .unwrap(),
                )
                .unwrap()
            })
            .collect();
            let f = write(
                dir,
                &format!("{flag}-{i}.json"),
                &Value::Array(docs).to_string(),
            );
            args.extend([flag.to_string(), f]);
        }
    }
    args
}

/// The deciding statements of an answer, as the evaluation names them: layer, index, Sid,
/// effect (the places differ: the export's, the files').
fn deciding_ids(v: &Value) -> Vec<Value> {
    (v["decidingStatements"].as_array().into_iter().flatten())
        .map(|s| serde_json::json!([s["layer"], s["index"], s["sid"], s["effect"]]))
        .collect()
}

#[test]
fn the_export_answers_as_the_same_policies_given_as_files() {
    let root = common::root();
    let x: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(EXPORT)).unwrap()).unwrap();
    let org: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(ORG)).unwrap()).unwrap();
    let principals: Vec<String> = (x["UserDetailList"].as_array().unwrap().iter())
        .chain(x["RoleDetailList"].as_array().unwrap())
        .map(|e| e["Arn"].as_str().unwrap().to_string())
        .collect();
    let requests = [
        "policies/requests/order.json",
        "policies/account/requests/payment.json",
        "policies/account/requests/billing.json",
    ];
    for (k, arn) in principals.iter().enumerate() {
        let dir = scratch(&format!("account-agreement-{k}"));
        let mut by_hand = assembled(&x, arn, &dir);
        by_hand.extend(levels(&org, "111122223333", &dir));
        for region in ["us-east-1", "eu-west-1"] {
            for req in requests {
                let base = [
                    "simulate",
                    "--request",
                    req,
                    "--principal",
                    arn,
                    "--region",
                    region,
                    "--format",
                    "json",
                    "--now",
                    "2026-06-01T00:00:00Z",
                ];
                let exported = json(&swfsim(
                    &[&base[..], &["--account-details", EXPORT, "--org", ORG]].concat(),
                ));
                let files: Vec<&str> = by_hand.iter().map(String::as_str).collect();
                let o = swfsim(&[&base[..], &files[..]].concat());
                let given = json(&o);
                assert_eq!(
                    exported["decision"],
                    given["decision"],
                    "{arn} {req} {region}: {}",
                    stderr(&o)
                );
                assert_eq!(
                    deciding_ids(&exported),
                    deciding_ids(&given),
                    "{arn} {req} {region}"
                );
            }
        }
    }
}

/// `simulate` of `input` (`--request F` or `--requests F`) for the caller `arn`, with the
/// fixture's export and org file, as JSON.
fn simulate_in_org(input: [&str; 2], arn: &str) -> std::process::Output {
    swfsim(&[
        "simulate",
        input[0],
        input[1],
        "--account-details",
        EXPORT,
        "--org",
        ORG,
        "--principal",
        arn,
        "--format",
        "json",
    ])
}

/// `whocan` of `question` (`--request F` or `--spec SPEC`) with the fixture's export and org
/// file, as JSON.
fn whocan_in_org(question: [&str; 2]) -> std::process::Output {
    swfsim(&[
        "whocan",
        "--account-details",
        EXPORT,
        "--org",
        ORG,
        question[0],
        question[1],
        "--format",
        "json",
    ])
}

fn alice(extra: &[&str]) -> std::process::Output {
    let base = [
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--account-details",
        EXPORT,
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
    ];
    swfsim(&[&base[..], extra].concat())
}

#[test]
fn the_org_file_gives_the_organization_keys_and_names_the_levels() {
    let o = alice(&["--org", ORG, "--format", "json"]);
    let v = json(&o);
    let cx = &v["context"];
    assert_eq!(cx["aws:PrincipalOrgID"]["values"][0], "o-a1b2c3d4e5");
    assert_eq!(cx["aws:PrincipalOrgID"]["source"], "org");
    assert_eq!(
        cx["aws:PrincipalOrgPaths"]["values"][0],
        "o-a1b2c3d4e5/r-ab12/ou-ab12-workload/ou-ab12-prod0001/"
    );
    assert_eq!(cx["aws:userid"]["source"], "account");
    assert_eq!(cx["aws:PrincipalTag/team"]["values"][0], "orders");
    let text = stdout(&alice(&["--org", ORG, "--region", "eu-west-1"]));
    assert!(
        text.starts_with("DENIED (explicitDeny): explicitly denied by a Deny statement in the service control policies (level 3: OU Prod (ou-ab12-prod0001))"),
        "{text}"
    );
}

#[test]
fn a_role_named_by_its_own_arn_knows_only_the_start_of_its_unique_id() {
    let o = order(
        EXPORT,
        "arn:aws:iam::111122223333:role/teams/ops/deployer",
        &["--format", "json"],
    );
    let id = &json(&o)["context"]["aws:userid"];
    assert_eq!(id["values"], serde_json::json!([]), "{id}");
    assert!(
        id["unknownValue"]["knownPrefix"]
            .as_str()
            .unwrap()
            .ends_with(':'),
        "{id}"
    );
    let session = order(
        EXPORT,
        "arn:aws:sts::111122223333:assumed-role/deployer/ci-run",
        &["--format", "json"],
    );
    let v = json(&session);
    assert!(v["context"]["aws:userid"]["values"][0]
        .as_str()
        .unwrap()
        .ends_with(":ci-run"));
    assert_eq!(
        v["context"]["aws:PrincipalArn"]["values"][0],
        "arn:aws:iam::111122223333:role/teams/ops/deployer"
    );
    refused_order(
        EXPORT,
        "arn:aws:sts::111122223333:assumed-role/deployer/ci-run",
        &["--role-path", "/other/"],
        "disagrees with the account export",
    );
}

#[test]
fn a_batch_line_may_not_name_another_caller_than_the_exports() {
    let dir = scratch("account-batch");
    let req = std::fs::read_to_string(common::root().join("policies/requests/order.json")).unwrap();
    let req: Value = serde_json::from_str(&req).unwrap();
    let lines = [
        serde_json::json!({"request": req, "principal": "arn:aws:iam::111122223333:user/alice"}),
        serde_json::json!({"request": req, "principal": "arn:aws:iam::111122223333:user/bob"}),
        serde_json::json!({"request": req}),
    ]
    .map(|l| l.to_string())
    .join("\n");
    let file = write(&dir, "lines.jsonl", &lines);
    let o = swfsim(&[
        "simulate",
        "--requests",
        &file,
        "--account-details",
        EXPORT,
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
        "--format",
        "json",
        "--explain",
        "full",
    ]);
    let out: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out[0]["decision"], "allowed");
    assert_eq!(out[1]["outcome"], "inputError", "{}", out[1]);
    assert!(out[1]["error"].as_str().unwrap().contains("user/bob"));
    assert_eq!(out[2]["decision"], "allowed");
    // The line naming alice keeps the export's tags: the same context as the line naming none.
    assert_eq!(
        out[0]["context"]["aws:PrincipalTag/team"],
        out[2]["context"]["aws:PrincipalTag/team"]
    );
}

#[test]
fn lint_finds_problems_where_they_stand_in_the_export() {
    let o = swfsim(&[
        "lint",
        "--account-details",
        EXPORT,
        "--org",
        ORG,
        "--format",
        "json",
        "--fail-on",
        "none",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let file = f["file"].as_str().unwrap();
        assert!(file == EXPORT || file == ORG, "{f}");
    }
    let o = swfsim(&[
        "lint",
        "--account-details",
        "tests/data/account/not-gaad.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("error[SWF001]: this is not an account authorization details export")
    );
}

#[test]
fn whocan_lists_every_principal_and_exits_2_when_one_cannot_be_answered() {
    let o = swfsim(&[
        "whocan",
        "--account-details",
        EXPORT,
        "--request",
        "policies/requests/order.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("user arn:aws:iam::111122223333:user/alice"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("0 not answered"), "{text}");
    let o = swfsim(&[
        "whocan",
        "--account-details",
        "tests/data/account/missing-customer.json",
        "--request",
        "policies/requests/order.json",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["counts"]["notAnswered"], 1);
    let gina = (v["principals"].as_array().unwrap().iter())
        .find(|p| p["principal"].as_str().unwrap().ends_with("user/gina"))
        .unwrap();
    let error = &gina["errors"][0];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("SwfStartLegacy"),
        "{gina}"
    );
    assert_eq!(
        error["file"], "tests/data/account/missing-customer.json",
        "{gina}"
    );
    assert!(error["line"].as_u64().unwrap() > 1, "{gina}");
}

#[test]
fn diff_compares_two_exports_for_one_caller() {
    // The same account with SwfStart's default set back to v1, which also allows `payments`.
    let mut x: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(EXPORT)).unwrap())
            .unwrap();
    let policy = (x["Policies"].as_array_mut().unwrap().iter_mut())
        .find(|p| p["PolicyName"] == "SwfStart")
        .unwrap();
    policy["DefaultVersionId"] = "v1".into();
    for v in policy["PolicyVersionList"].as_array_mut().unwrap() {
        let is_v1 = v["VersionId"] == "v1";
        v["IsDefaultVersion"] = is_v1.into();
    }
    let dir = scratch("account-diff");
    let rolled_back = write(&dir, "rolled-back.json", &x.to_string());
    let diff = |old: &str, new: &str| {
        swfsim(&[
            "diff",
            "--old-account-details",
            old,
            "--new-account-details",
            new,
            "--principal",
            "arn:aws:iam::111122223333:user/alice",
            "--region",
            "us-east-1",
            "--format",
            "json",
        ])
    };
    let o = diff(EXPORT, &rolled_back);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("payments"), "{}", stdout(&o));
    let o = diff(&rolled_back, EXPORT);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn whocan_with_a_spec_gives_witnesses_that_simulate_allows() {
    let o = whocan_in_org(["--spec", r#"{"domain": "prod-*"}"#]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let mut can = 0;
    for p in v["principals"].as_array().unwrap() {
        let arn = p["principal"].as_str().unwrap();
        let spec = &p["spec"];
        match spec["answer"].as_str().unwrap() {
            "can" => {
                can += 1;
                let witness = &spec["allowed"][0]["witness"];
                let dir = scratch("account-whocan-witness");
                let line = write(&dir, "w.jsonl", &witness.to_string());
                let s = simulate_in_org(["--requests", &line], arn);
                let answer: Value =
                    serde_json::from_str(stdout(&s).lines().next().unwrap()).unwrap();
                assert_eq!(answer["decision"], "allowed", "{arn}: {witness}\n{answer}");
            }
            "cannot" => {
                // Proved: a request in a prod- domain is not allowed for it.
                let dir = scratch("account-whocan-cannot");
                let req = write(
                    &dir,
                    "r.json",
                    r#"{"domain": "prod-billing", "workflowId": "w", "workflowType": {"name": "Witness", "version": "1"}}"#,
                );
                let s = simulate_in_org(["--request", &req], arn);
                assert_ne!(json(&s)["decision"], "allowed", "{arn}");
            }
            other => panic!("{arn}: {other}"),
        }
    }
    assert!(can > 0);
}

// ---- Small exports, one concern each ----

/// A user entry of an export: `AttachedManagedPolicies` and inline `documents`.
fn user(name: &str, attached: &[&str], documents: &[Value]) -> Value {
    serde_json::json!({
        "UserName": name, "UserId": format!("AIDA{}", name.to_uppercase()), "Path": "/",
        "Arn": format!("arn:aws:iam::111122223333:user/{name}"), "GroupList": [],
        "AttachedManagedPolicies": attached.iter().map(|a| serde_json::json!({"PolicyName": a, "PolicyArn": a})).collect::<Vec<_>>(),
        "UserPolicyList": documents.iter().enumerate().map(|(i, d)| serde_json::json!({"PolicyName": format!("p{i}"), "PolicyDocument": d})).collect::<Vec<_>>(),
    })
}

fn allow(action: &str, condition: Value) -> Value {
    serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*", "Condition": condition}]})
}

/// Writes an export of `users` and managed `policies` (ARN, document) into a scratch folder.
fn small_export(name: &str, users: Vec<Value>, policies: Vec<(&str, Value)>) -> String {
    let policies: Vec<Value> = (policies.into_iter())
        .map(|(arn, d)| {
            serde_json::json!({"Arn": arn, "DefaultVersionId": "v1",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": d}]})
        })
        .collect();
    let x = serde_json::json!({"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": [], "Policies": policies});
    write(&scratch(name), "export.json", &x.to_string())
}

/// whocan's JSON answer: each principal's name and `can`/`cannot`/... (or `errors`).
fn whocan_verdicts(export: &str, extra: &[&str]) -> Vec<(String, String)> {
    let v = json(&whocan_export(export, extra));
    (v["principals"].as_array().unwrap().iter())
        .map(|p| {
            let name = p["principal"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let verdict = match &p["answer"] {
                Value::Null => "errors".to_string(),
                a => a["decision"].as_str().unwrap().to_string(),
            };
            (name, verdict)
        })
        .collect()
}

#[test]
fn whocan_never_mistakes_one_shipped_policy_for_another_of_the_same_length() {
    // Three AWS managed policies of 200 bytes each, none in the export.
    let names = [
        "SimpleWorkflowFullAccess",
        "OAMFullAccess",
        "AmazonSESFullAccess",
    ];
    let users = (names.iter())
        .map(|n| user(n, &[&format!("arn:aws:iam::aws:policy/{n}")], &[]))
        .collect();
    let export = small_export("account-shipped", users, vec![]);
    let verdicts = whocan_verdicts(&export, &[]);
    assert_eq!(
        verdicts,
        [
            ("SimpleWorkflowFullAccess", "allowed"),
            ("OAMFullAccess", "implicitDeny"),
            ("AmazonSESFullAccess", "implicitDeny")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn whocan_reports_a_shared_policy_that_cannot_be_read_for_every_principal_using_it() {
    let bad_deny = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "not a valid sid", "Effect": "Deny", "Action": "swf:*", "Resource": "*"}]});
    let users = ["first", "second", "third"]
        .map(|n| {
            user(
                n,
                &["arn:aws:iam::111122223333:policy/Deny"],
                &[allow("swf:*", serde_json::json!({}))],
            )
        })
        .to_vec();
    let export = small_export(
        "account-bad-shared",
        users,
        vec![("arn:aws:iam::111122223333:policy/Deny", bad_deny)],
    );
    let verdicts = whocan_verdicts(&export, &[]);
    assert!(verdicts.iter().all(|(_, v)| v == "errors"), "{verdicts:?}");
}

#[test]
fn whocan_gives_each_account_its_own_levels_and_organization_keys() {
    let in_org = allow(
        "swf:StartWorkflowExecution",
        serde_json::json!({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}),
    );
    let mut management = user("admin", &[], &[allow("swf:*", serde_json::json!({}))]);
    management["Arn"] = "arn:aws:iam::999999999999:user/admin".into();
    let export = small_export(
        "account-two-accounts",
        vec![user("o1", &[], &[in_org]), management],
        vec![],
    );
    for region in ["us-east-1", "eu-west-1"] {
        let verdicts = whocan_verdicts(&export, &["--org", ORG, "--region", region]);
        for (name, verdict) in &verdicts {
            let arn = if name == "admin" {
                "arn:aws:iam::999999999999:user/admin".to_string()
            } else {
                format!("arn:aws:iam::111122223333:user/{name}")
            };
            let s = json(&swfsim(&[
                "simulate",
                "--request",
                "policies/requests/order.json",
                "--account-details",
                &export,
                "--org",
                ORG,
                "--principal",
                &arn,
                "--region",
                region,
                "--format",
                "json",
            ]));
            assert_eq!(
                s["decision"].as_str().unwrap(),
                verdict,
                "{name} in {region}"
            );
        }
        // The management account has no SCP levels; the member account's Prod OU denies outside the US.
        let want = if region == "us-east-1" {
            ["allowed", "allowed"]
        } else {
            ["explicitDeny", "allowed"]
        };
        assert_eq!(
            verdicts.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(),
            want,
            "{region}"
        );
    }
}

#[test]
fn what_an_export_gives_twice_is_an_error() {
    let mut twice = user("dupu", &[], &[allow("swf:*", serde_json::json!({}))]).to_string();
    // A member given twice: its second value would be dropped.
    twice = twice.replacen(
        "\"UserPolicyList\"",
        "\"UserPolicyList\":[],\"UserPolicyList\"",
        1,
    );
    let dir = scratch("account-twice");
    let member = write(
        &dir,
        "member.json",
        &format!(r#"{{"UserDetailList": [{twice}], "Policies": []}}"#),
    );
    let u = user("dupu", &[], &[]);
    let entry = write(
        &dir,
        "entry.json",
        &serde_json::json!({"UserDetailList": [u.clone(), u]}).to_string(),
    );
    for (file, needle) in [
        (member, "`UserPolicyList` is given twice"),
        (entry, "the user `dupu` is listed twice"),
    ] {
        refused_order(&file, "arn:aws:iam::111122223333:user/dupu", &[], needle);
    }
}

#[test]
fn a_boundary_file_beside_the_exports_boundary_is_refused() {
    refused_order(
        EXPORT,
        "arn:aws:iam::111122223333:user/automation/ci-bot",
        &["--boundary", "policies/boundary-us-regions.json"],
        "a boundary file is given too",
    );
    refused(
        &[
            "simulate",
            "--request",
            "policies/requests/order.json",
            "--account-details",
            EXPORT,
        ],
        "give --principal",
    );
    // A session names its role's partition: another partition's session is not the role's.
    refused_order(
        EXPORT,
        "arn:aws-cn:sts::111122223333:assumed-role/deployer/s",
        &[],
        "is not a user or role",
    );
}

#[test]
fn a_broken_line_of_json_lines_pages_is_named() {
    let pages =
        std::fs::read_to_string(common::root().join("tests/data/account/paged-lines.jsonl"))
            .unwrap();
    let mut lines: Vec<&str> = pages.lines().collect();
    let last = lines.len() - 1;
    let cut = &lines[last][..lines[last].len() / 2];
    lines[last] = cut;
    let file = write(
        &scratch("account-broken-lines"),
        "pages.jsonl",
        &lines.join("\n"),
    );
    let o = order(&file, "arn:aws:iam::111122223333:user/alice", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("pages.jsonl:{}:", last + 1)),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_organizations_default_full_access_is_no_security_warning() {
    // FullAWSAccess and RCPFullAWSAccess at every level limit nothing: lint passes them.
    let o = swfsim(&["lint", "--org", ORG, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("SWF303"), "{}", stdout(&o));
    // The same statement in an identity-based policy grants everything.
    let dir = scratch("account-full-access");
    let full = write(
        &dir,
        "full.json",
        &allow("*", serde_json::json!({}))
            .to_string()
            .replace(",\"Condition\":{}", ""),
    );
    let o = swfsim(&["lint", &full, "--format", "json"]);
    assert!(stdout(&o).contains("SWF303"), "{}", stdout(&o));
    let o = swfsim(&["lint", &full, "--kind", "scp", "--format", "json"]);
    assert!(!stdout(&o).contains("SWF303"), "{}", stdout(&o));
}

#[test]
fn a_lint_finding_in_an_encoded_document_names_the_policy_and_its_bytes_in_the_export() {
    let o = swfsim(&[
        "lint",
        "--account-details",
        "tests/data/account/paged-array.json",
        "--format",
        "json",
        "--fail-on",
        "none",
    ]);
    let v = json(&o);
    let text = std::fs::read_to_string(common::root().join("tests/data/account/paged-array.json"))
        .unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "{v}");
    for f in findings {
        assert!(f["policy"].as_str().is_some_and(|p| !p.is_empty()), "{f}");
        // Every document there is percent-encoded: the finding's bytes are the encoding's.
        let at = f["offset"].as_u64().unwrap() as usize;
        assert!(
            text[at..].starts_with('%') || text.as_bytes()[at].is_ascii_alphanumeric(),
            "{f}: `{}`",
            &text[at..at + 12]
        );
    }
    let o = swfsim(&["lint", "--account-details", EXPORT]);
    assert!(
        stdout(&o).contains("  = note: in policy arn:aws:iam::aws:policy/PowerUserAccess v12"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn whocan_names_a_shared_managed_policy_without_the_way_the_first_principal_got_it() {
    let policy = "arn:aws:iam::111122223333:policy/Start";
    let mut u = user("u1", &[], &[]);
    u["GroupList"] = serde_json::json!(["starters"]);
    let x = serde_json::json!({
        "UserDetailList": [u],
        "GroupDetailList": [{"GroupName": "starters", "AttachedManagedPolicies": [{"PolicyName": "Start", "PolicyArn": policy}]}],
        "RoleDetailList": [{"RoleName": "r", "RoleId": "AROAR", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/r",
            "AttachedManagedPolicies": [{"PolicyName": "Start", "PolicyArn": policy}]}],
        "Policies": [{"Arn": policy, "DefaultVersionId": "v1", "PolicyVersionList": [
            {"VersionId": "v1", "IsDefaultVersion": true, "Document": allow("swf:StartWorkflowExecution", serde_json::json!({}))}]}],
    });
    let export = write(
        &scratch("account-shared-label"),
        "export.json",
        &x.to_string(),
    );
    let v = json(&whocan_export(&export, &[]));
    for p in v["principals"].as_array().unwrap() {
        let named = &p["answer"]["decidingStatements"][0]["policy"];
        assert_eq!(named, &format!("policy {policy} v1"), "{p}");
    }
}

/// `whocan` of policies/requests/order.json with the export `export`, as JSON.
fn whocan_export(export: &str, extra: &[&str]) -> std::process::Output {
    let base = [
        "whocan",
        "--account-details",
        export,
        "--request",
        "policies/requests/order.json",
        "--format",
        "json",
    ];
    swfsim(&[&base[..], extra].concat())
}

#[test]
fn a_garbled_policy_type_or_a_null_list_is_an_error_not_none() {
    // Read as "no SCP enabled" or "no groups", either would drop a Deny.
    let org: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(ORG)).unwrap()).unwrap();
    let dir = scratch("account-garbled");
    for (name, types) in [
        ("null", Value::Null),
        ("object", serde_json::json!({})),
        (
            "lower-case",
            serde_json::json!([{"Type": "service_control_policy", "Status": "ENABLED"}]),
        ),
        (
            "no-status",
            serde_json::json!([{"Type": "SERVICE_CONTROL_POLICY"}]),
        ),
    ] {
        let mut o = org.clone();
        o["roots"][0]["PolicyTypes"] = types;
        let file = write(&dir, &format!("org-{name}.json"), &o.to_string());
        refused_order(
            EXPORT,
            "arn:aws:iam::111122223333:user/alice",
            &["--org", &file],
            "PolicyTypes",
        );
    }
    let x: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(EXPORT)).unwrap())
            .unwrap();
    for member in [
        "GroupList",
        "AttachedManagedPolicies",
        "PermissionsBoundary",
    ] {
        let mut y = x.clone();
        for u in y["UserDetailList"].as_array_mut().unwrap() {
            u[member] = Value::Null;
        }
        let file = write(&dir, &format!("export-{member}.json"), &y.to_string());
        let o = order(&file, "arn:aws:iam::111122223333:user/bob", &[]);
        assert_eq!(o.status.code(), Some(2), "{member}: {}", stdout(&o));
    }
}

/// The README's example of `whocan`, as it prints it.
#[test]
fn the_readme_whocan_example_answers_as_shown() {
    let o = swfsim(&[
        "whocan",
        "--account-details",
        EXPORT,
        "--org",
        ORG,
        "--request",
        "policies/requests/order.json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert_eq!(
        last,
        "10 principals: 6 can, 4 cannot, 0 unknown, 0 refused by SWF, 0 not answered"
    );
    assert!(
        readme.contains(&last),
        "README shows another count than `{last}`"
    );
}
