//! Every lint rule: its file documents it in the template and is registered; its fixture (its
//! documented example) triggers it (the rendered output is a reviewed snapshot), its "use
//! instead" fixture does not; the output formats; the managed-policy corpus.

mod common;
use common::*;
use swfsim::lint::{self, rule_doc, rules::ALL, Severity};
use swfsim::output::{self, LintRow};
use swfsim::policy::PolicyKind;
use swfsim::source::SourceMap;

/// The first finding of a code in a JSON lint report.
fn finding_of(report: &serde_json::Value, code: &str) -> serde_json::Value {
    report["findings"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["code"] == code))
        .unwrap_or_else(|| panic!("no {code} finding in {report}"))
        .clone()
}

fn fixture(code: &str, ok: bool) -> (String, String, PolicyKind) {
    let dir = root().join("tests/lint/fixtures");
    for (suffix, kind) in [
        ("", PolicyKind::Identity),
        (".rcp", PolicyKind::Rcp),
        (".scp", PolicyKind::Scp),
    ] {
        let name = format!("{code}{suffix}{}.json", if ok { ".ok" } else { "" });
        if let Ok(text) = std::fs::read_to_string(dir.join(&name)) {
            return (name, text, kind);
        }
    }
    panic!("rule {code} has no fixture in tests/lint/fixtures");
}

fn render(
    name: &str,
    text: &str,
    kind: PolicyKind,
    select: &[&str],
) -> (String, Vec<&'static str>) {
    let mut sources = SourceMap::new();
    let id = sources.add(name.to_string(), text.to_string());
    let findings = lint::lint(text, id, kind, select);
    let codes = findings.iter().map(|f| f.code).collect();
    let reported = lint::apply_suppressions(name, findings, &[]);
    let rows: Vec<LintRow<'_>> = reported
        .iter()
        .map(|r| LintRow {
            source: id,
            reported: r,
        })
        .collect();
    (output::lint_text(&rows, &sources), codes)
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it_and_one_that_does_not() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/lint/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for r in ALL {
            let code = r.meta.code;
            let (name, text, kind) = fixture(code, false);
            let (_, ok_text, _) = fixture(code, true);
            if !r.meta.example.is_empty() {
                assert_eq!(
                    (text.trim_end(), ok_text.trim_end(), kind),
                    (
                        r.meta.example.as_str(),
                        r.meta.instead.as_str(),
                        r.meta.kind.unwrap_or(PolicyKind::Identity)
                    ),
                    "{code}: its fixtures are the example and the \"use instead\" of its doc, of the kind it names"
                );
            }
            let (rendered, codes) = render(&name, &text, kind, &[code]);
            assert!(!codes.is_empty(), "{code}: its fixture does not trigger it");
            assert!(codes.iter().all(|c| *c == code), "{code}: {codes:?}");
            insta::assert_snapshot!(code, rendered);
            let (ok_name, ok_text, ok_kind) = fixture(code, true);
            let (_, ok_codes) = render(&ok_name, &ok_text, ok_kind, &[code]);
            assert!(
                ok_codes.is_empty(),
                "{code}: the 'use instead' fixture triggers it"
            );
        }
    });
}

/// A rule's documentation is advice a user copies: its "use instead" policy draws no finding
/// from any rule, and its example draws one from its own rule, with every rule running, each
/// linted as the kind of policy the doc names (an identity-based policy when it names none).
#[test]
fn every_use_instead_is_clean_and_every_example_triggers_its_rule() {
    let mut unclean = Vec::new();
    for r in ALL.iter().filter(|r| !r.meta.example.is_empty()) {
        let code = r.meta.code;
        let kind = r.meta.kind.unwrap_or(PolicyKind::Identity);
        let lint_all = |text: &str| -> Vec<String> {
            lint::lint(text, Default::default(), kind, &[])
                .into_iter()
                .map(|f| format!("{} {}", f.code, f.message))
                .collect()
        };
        let example = lint_all(&r.meta.example);
        assert!(
            example.iter().any(|f| f.starts_with(code)),
            "{code}: its example does not trigger it among all the rules: {example:?}"
        );
        let instead = lint_all(&r.meta.instead);
        if !instead.is_empty() {
            unclean.push(format!("{code}'s \"use instead\": {instead:?}"));
        }
    }
    assert!(unclean.is_empty(), "{}", unclean.join("\n"));
}

/// SWF207 reports every resource no SWF domain ARN can match, in statements for SWF, and leaves
/// other services' resources alone.
#[test]
fn resources_no_domain_arn_matches_are_errors() {
    let swf207 = |action: &str, resource: &str| -> Vec<String> {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": {action}, "Resource": "{resource}"}}}}"#
        );
        lint::lint(&text, Default::default(), PolicyKind::Identity, &[])
            .into_iter()
            .filter(|f| f.code == "SWF207")
            .inspect(|f| assert_eq!(f.severity, Severity::Error))
            .map(|f| f.message)
            .collect()
    };
    let start = r#""swf:StartWorkflowExecution""#;
    for (resource, why) in [
        (
            "arn:aws:swf:us-east-1:123456789012:/domain/orders/*",
            "no domain name fits it",
        ),
        ("arn:aws:swf:*:*:/domain/*/*", "no domain name fits it"),
        (
            "arn:aws:swf:us-east-1:123456789012:orders",
            "does not start with `/domain/`",
        ),
        (
            "arn:aws:swf:us-east-1:123456789012:/workflow/orders",
            "does not start with `/domain/`",
        ),
        (
            "arn:aws:swf:us-east-1:123456789012:*:/domain/x",
            "no domain name fits it",
        ),
        (
            "arn:aws:swf:us-east-1:1234:/domain/orders",
            "its account is not 12 digits",
        ),
        (
            "arn:aws:swf:us_east_1:123456789012:/domain/orders",
            "its region is not",
        ),
        (
            "arn:aws-iso:swf:*:123456789012:/domain/orders",
            "the partitions",
        ),
        (
            "arn:aws:swf:us-east-1",
            "fewer than six colon-separated parts",
        ),
        (
            "arn:aws:*:*:*:table/orders",
            "does not start with `/domain/`",
        ),
    ] {
        let found = swf207(start, resource);
        assert!(
            found.len() == 1 && found[0].contains(why),
            "{resource}: {found:?}"
        );
    }
    for (action, resource) in [
        (start, "arn:aws:swf:us-east-1:123456789012:/domain/orders"),
        (start, "arn:aws:swf:*:*:/domain/orders-*"),
        (start, "arn:aws:swf:*"),
        (start, "arn:aws:*:*:*:*/domain/*"),
        // A statement that is not about SWF alone.
        (
            r#"["swf:StartWorkflowExecution", "s3:GetObject"]"#,
            "arn:aws:*:*:*:bucket/x",
        ),
        (
            r#""s3:GetObject""#,
            "arn:aws:swf:us-east-1:123456789012:bucket/x",
        ),
        (r#""*""#, "arn:aws:s3:::bucket/orders/*"),
        (r#"["swf:*", "s3:*"]"#, "arn:aws:s3:::bucket/orders/*"),
        (r#""s3:*""#, "arn:aws:s3:::bucket/orders/*"),
        // Mistakes that SWF204 and SWF205 name.
        (start, "arn:aws:swf:us-east-1:123456789012:domain/orders"),
        (start, "arn:aws:swf::123456789012:/domain/orders"),
    ] {
        assert_eq!(
            swf207(action, resource),
            Vec::<String>::new(),
            "{action} {resource}"
        );
    }
    // Another service's resource, in a statement whose every action is SWF's.
    for action in [
        start,
        r#""swf:*""#,
        r#""swf:Start*""#,
        r#"["swf:List*", "SWF:StartWorkflowExecution"]"#,
    ] {
        for resource in [
            "arn:aws:s3:::bucket/orders/*",
            "arn:aws:iam::123456789012:role/x",
        ] {
            let found = swf207(action, resource);
            assert!(
                found.len() == 1 && found[0].ends_with("its service is not `swf`"),
                "{action} {resource}: {found:?}"
            );
        }
    }
    // In `NotResource` it excludes what such a statement never touches anyway.
    let not_resource = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "NotResource": "arn:aws:s3:::bucket/*"}}"#;
    let found = lint::lint(not_resource, Default::default(), PolicyKind::Identity, &[]);
    assert!(found.iter().all(|f| f.code != "SWF207"), "{found:?}");
}

/// A policy whose only resource no domain ARN can match fails `lint` at the default
/// `--fail-on`, with an error where the resource is, as `check` proves it allows no start.
#[test]
fn a_resource_that_never_matches_a_domain_fails_lint() {
    let dir = scratch("never-matches-fails");
    for (resource, code) in [
        ("arn:aws:s3:::b/*", "SWF207"),
        ("arn:aws:iam::123456789012:role/x", "SWF207"),
        ("arn:aws:swf:us-east-1:123456789012:domain/orders", "SWF204"),
        ("arn:aws:swf::123456789012:/domain/orders", "SWF205"),
    ] {
        let p = write(
            &dir,
            "r.json",
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "swf:*", "Resource": "{resource}"}}}}"#
            ),
        );
        let o = swfsim(&["lint", &p]);
        assert_eq!(o.status.code(), Some(1), "{resource}: {}", stdout(&o));
        assert!(
            stdout(&o).contains(&format!("r.json:1:91: error[{code}]: `{resource}`")),
            "{resource}: {}",
            stdout(&o)
        );
        let check = swfsim(&["check", "--policy", &p, "--must-not-allow", "{}"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{resource}: {}",
            stdout(&check)
        );
    }
}

/// SWF009 names the kind of policy with its article.
#[test]
fn a_principal_where_the_kind_has_none_names_the_kind() {
    let dir = scratch("principal-not-allowed");
    let p = write(
        &dir,
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "swf:*", "Resource": "*"}}"#,
    );
    for (kind, words) in [
        ("identity", "an identity-based policy"),
        ("boundary", "a permissions boundary"),
        ("session", "a session policy"),
    ] {
        let o = swfsim(&["lint", &p, "--kind", kind, "--format", "json"]);
        let f = finding_of(&json(&o), "SWF009");
        assert_eq!(
            f["message"],
            format!("{words} must not specify 'Principal'"),
            "{kind}"
        );
    }
}

/// An element written twice is a duplicate key (SWF002), not a conflict with itself (SWF008);
/// `Resource` beside `NotResource` is the conflict.
#[test]
fn a_duplicate_element_is_not_a_conflict() {
    let dir = scratch("duplicate-not-conflict");
    // The codes of what IAM refuses (SWF0xx).
    let codes = |second: &str| -> Vec<String> {
        let p = write(
            &dir,
            "p.json",
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "swf:List*", "Resource": "*", "{second}": "*"}}}}"#
            ),
        );
        let report = json(&swfsim(&["lint", &p, "--format", "json"]));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .filter(|c| c.starts_with("SWF0"))
            .collect()
    };
    assert_eq!(codes("Resource"), ["SWF002"]);
    assert_eq!(codes("Action"), ["SWF002"]);
    assert_eq!(codes("NotResource"), ["SWF008"]);
}

/// `simulate` says on stderr that a resource of a policy it used matches no domain (SWF207 is
/// of error level); the answer stays the one the other resource gives.
#[test]
fn simulate_notes_a_resource_that_matches_no_domain() {
    let dir = scratch("simulate-never-matches");
    let p = write(
        &dir,
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": ["arn:aws:swf:us-east-1:123456789012:/domain/orders/*", "arn:aws:swf:us-east-1:123456789012:/domain/orders"]}}"#,
    );
    let o = swfsim(&[
        "simulate",
        "--request",
        "policies/requests/order.json",
        "--policy",
        &p,
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("ALLOWED"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("p.json:1:113: error[SWF207]: `arn:aws:swf:us-east-1:123456789012:/domain/orders/*` never matches an SWF domain"),
        "{}",
        stderr(&o)
    );
}

/// SWF407 reports a Numeric operator on a String key of SWF's with what `simulate` then does:
/// a tag that reads as a number is compared as one, any other makes the comparison unknown.
#[test]
fn a_numeric_operator_on_an_swf_string_key_is_reported_as_the_evaluator_reads_it() {
    let dir = scratch("numeric-on-string");
    let p = write(
        &dir,
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"NumericEquals": {"swf:tagList.member.0": "5"}}}}"#,
    );
    let lint = json(&swfsim(&["lint", &p, "--format", "json"]));
    let f = finding_of(&lint, "SWF407");
    assert_eq!(
        f["message"],
        "'NumericEquals' reads 'swf:tagList.member.0', a String key, as a number: the comparison is unknown for a value that is not a number"
    );
    assert_eq!(f["path"], "Statement.Condition.NumericEquals");
    let order = std::fs::read_to_string(root().join("policies/requests/order.json")).unwrap();
    for (tag, decision) in [("team:orders", "unknown"), ("5.0", "allowed")] {
        let r = write(
            &dir,
            "r.json",
            &order.replace("\"team:orders\"", &format!("\"{tag}\"")),
        );
        let o = swfsim(&[
            "simulate",
            "--request",
            &r,
            "--policy",
            &p,
            "--format",
            "json",
        ]);
        assert_eq!(json(&o)["decision"], decision, "tag {tag}");
    }
    for (op, key) in [
        ("DateGreaterThan", "swf:workflowType.version"),
        ("Bool", "aws:RequestTag/team"),
        ("IpAddress", "aws:username"),
    ] {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {{"{op}": {{"{key}": "1"}}}}}}}}"#
        );
        let codes: Vec<&str> =
            lint::lint(&text, Default::default(), PolicyKind::Identity, &["SWF407"])
                .iter()
                .map(|f| f.code)
                .collect();
        assert_eq!(codes, ["SWF407"], "{op} on {key}");
    }
}

/// Rules whose documentation has no example, and why.
const WITHOUT_EXAMPLE: &[(&str, &str)] = &[("SWF405", "its example is a 10,240-character policy")];

#[test]
fn every_rule_file_is_documented_and_registered() {
    let dir = root().join("src/lint/rules");
    let mut files = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        if stem == "shared" {
            continue;
        }
        files += 1;
        let registered = ALL
            .iter()
            .find(|r| stem.starts_with(&r.meta.code.to_lowercase()));
        let Some(rule) = registered else {
            panic!("{stem}: not registered in `rules!` in src/lint/rules.rs");
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = rule_doc::parse(&text, rule.meta.severity)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            stem,
            format!("{}_{}", doc.code.to_lowercase(), doc.name.replace('-', "_")),
            "a rule file is named after the code and name its doc comment gives"
        );
        assert_eq!(doc, **rule.meta, "{stem}: registered as another rule");
        let exempt = WITHOUT_EXAMPLE.iter().any(|(c, _)| *c == doc.code);
        assert_eq!(
            doc.example.is_empty(),
            exempt,
            "{stem}: every rule but {WITHOUT_EXAMPLE:?} documents an `## Example`"
        );
    }
    assert_eq!(files, ALL.len(), "every registered rule has a file");
}

#[test]
fn rule_codes_and_names_are_unique_and_explained() {
    let codes: Vec<&str> = ALL.iter().map(|r| r.meta.code).collect();
    assert!(
        codes.windows(2).all(|w| w[0] < w[1]),
        "codes sorted and unique: {codes:?}"
    );
    let mut names: Vec<&str> = ALL.iter().map(|r| r.meta.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), ALL.len(), "names unique");
    for r in ALL {
        let e = r.meta.explain();
        assert!(
            e.contains("## What it does") && e.contains("## Why is this bad?"),
            "{}",
            r.meta.code
        );
        assert!(lint::rule(r.meta.code).is_some() && lint::rule(r.meta.name).is_some());
    }
}

#[test]
fn every_aws_managed_policy_lints_without_a_parse_error() {
    let dir = root().join("tests/corpus/aws-managed");
    let mut parse_errors = Vec::new();
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        for f in lint::lint(&text, Default::default(), PolicyKind::Identity, &[]) {
            // SWF001-SWF018 are what IAM itself would refuse.
            if f.code < "SWF100" {
                parse_errors.push(format!("{}: {} {}", p.display(), f.code, f.message));
            }
        }
        n += 1;
    }
    assert_eq!(n, 1594);
    assert!(parse_errors.is_empty(), "{}", parse_errors.join("\n"));
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let text = std::fs::read_to_string(root().join("tests/lint/sarif-schema-2.1.0.json")).unwrap();
    // The published schema has a typo in `run.language`'s pattern (`...{2}]?$`, an unbalanced
    // bracket) that the validator refuses to compile; swfsim writes no `language`, so the pattern
    // is replaced by what it means before the schema is compiled.
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        text.contains(bad),
        "the schema changed: review this workaround"
    );
    let text = text.replace(bad, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let o = swfsim(&[
        "lint",
        "tests/lint/fixtures/SWF304.json",
        "tests/lint/fixtures/SWF006.json",
        "tests/lint/fixtures/SWF001.json",
        "--format",
        "sarif",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let sarif = json(&o);
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let run = &sarif["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        ALL.len(),
        "every rule is listed"
    );
    let results = run["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "SWF304" && r["level"] == "warning"));
    let invalid_json = results.iter().find(|r| r["ruleId"] == "SWF001").unwrap();
    let region = &invalid_json["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(33)),
        "1-based lines and columns"
    );
    // A clean run still lists the rules, with no results.
    let clean = json(&swfsim(&[
        "lint",
        "policies/e3-workflow-starter.json",
        "--format",
        "sarif",
    ]));
    let errors: Vec<String> = validator
        .iter_errors(&clean)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(clean["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn json_output_has_the_contract_fields_and_fail_on_sets_the_exit_code() {
    let o = swfsim(&[
        "lint",
        "policies/e6-first-tag-only-insecure.json",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "security warnings fail by default"
    );
    let j = json(&o);
    let f = finding_of(&j, "SWF304");
    assert_eq!(f["file"], "policies/e6-first-tag-only-insecure.json");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(11), Some(21))
    );
    assert_eq!(f["severity"], "security-warning");
    assert_eq!(f["path"], "Statement[0].Condition.StringEqualsIfExists");
    assert!(f["message"].as_str().unwrap().contains("first tag"));
    assert_eq!(
        swfsim(&[
            "lint",
            "policies/e6-first-tag-only-insecure.json",
            "--fail-on",
            "error"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        swfsim(&[
            "lint",
            "policies/e3-workflow-starter.json",
            "--fail-on",
            "suggestion"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        swfsim(&[
            "lint",
            "tests/lint/fixtures/SWF401.json",
            "--fail-on",
            "warning"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        swfsim(&["lint", "tests/lint/fixtures/SWF401.json"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        swfsim(&[
            "lint",
            "tests/lint/fixtures/SWF001.json",
            "--fail-on",
            "none"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        swfsim(&["lint", "no-such-file.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_rule_can_be_turned_off_for_a_file_with_a_reason() {
    let args = [
        "lint",
        "policies/e6-first-tag-only-insecure.json",
        "--format",
        "json",
        "--suppress",
        "SWF304:policies/e6-*:the guide's anti-example, kept on purpose",
        "--suppress",
        "SWF305:policies/*:reviewed",
    ];
    let o = swfsim(&args);
    assert_eq!(o.status.code(), Some(0), "suppressed findings do not fail");
    let j = json(&o);
    let f = finding_of(&j, "SWF304");
    assert_eq!(f["suppressed"], true);
    assert_eq!(
        f["suppressionReason"],
        "the guide's anti-example, kept on purpose"
    );
    let sarif = json(&swfsim(
        &[&args[..2], &["--format", "sarif"], &args[4..]].concat(),
    ));
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        0,
        "suppressed findings stay out of SARIF"
    );
    assert_eq!(
        swfsim(&[
            "lint",
            "policies/e6-first-tag-only-insecure.json",
            "--suppress",
            "SWF304:*:"
        ])
        .status
        .code(),
        Some(2),
        "a reason is required"
    );
}

#[test]
fn rules_and_explain() {
    let o = swfsim(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), ALL.len());
    let o = swfsim(&["explain", "SWF304"]);
    assert!(stdout(&o).starts_with("# SWF304 (first-tag-only)"));
    assert!(stdout(&o).contains("Use instead:"));
    // An example of another kind of policy says which, as `lint --kind` takes it.
    let o = swfsim(&["explain", "SWF017"]);
    assert!(
        stdout(&o)
            .contains("## Example\n\nAs a resource control policy (`--kind rcp`):\n\n```json\n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        swfsim(&["explain", "first-tag-only"]).status.code(),
        Some(0)
    );
    assert_eq!(swfsim(&["explain", "SWF999"]).status.code(), Some(2));
    assert!(
        Severity::Error > Severity::SecurityWarning && Severity::Warning > Severity::Suggestion
    );
}

#[test]
fn unknown_swf_actions_and_keys_get_did_you_mean() {
    let dir = scratch("did-you-mean");
    let p = write(
        &dir,
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["swf:StartWorkflowExecutions", "swf:Strat*"], "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.5": "x", "swf:tasklist.nmae": "y"}}}}"#,
    );
    let j = json(&swfsim(&["lint", &p, "--format", "json"]));
    let msgs: Vec<(String, String)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_string(),
                f["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        msgs.contains(&(
            "'swf:StartWorkflowExecutions' is not an SWF action".into(),
            "did you mean 'swf:StartWorkflowExecution'?".into()
        )),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|(m, _)| m == "'swf:Strat*' matches no SWF action"),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(
            |(m, h)| m == "'swf:tagList.member.5' is not an SWF condition key"
                && h.starts_with("did you mean 'swf:tagList.member.")
        ),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&(
            "'swf:tasklist.nmae' is not an SWF condition key".into(),
            "did you mean 'swf:taskList.name'?".into()
        )),
        "{msgs:?}"
    );
}

#[test]
fn multivalued_variables_are_reported_only_where_iam_would_substitute_a_variable() {
    let swf105 = |text: &str| -> Vec<(String, String)> {
        lint::lint(text, Default::default(), PolicyKind::Identity, &["SWF105"])
            .into_iter()
            .map(|f| (f.path, f.message))
            .collect()
    };
    let text = r#"{"Version": "2012-10-17", "Statement": [
 {"Effect": "Deny", "Action": "swf:*", "NotResource": ["arn:aws:swf:*:123456789012:/domain/${aws:tagkeys, 'shared'}", "arn:aws:swf:*:123456789012:/domain/${aws:username}"]},
 {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {
   "StringLike": {"swf:taskList.name": ["${aws:CalledVia}-*", "${aws:PrincipalTag/team}-${aws:SourceOrgPaths}"]},
   "ArnEquals": {"aws:SourceArn": "arn:aws:iam::123456789012:role/${aws:PrincipalServiceNamesList}"},
   "NumericEquals": {"aws:MultiFactorAuthAge": "${aws:TagKeys}"},
   "ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}}]}"#;
    let never = "names a multivalued key, which IAM never substitutes";
    assert_eq!(
        swf105(text),
        [
            (
                "Statement[0].NotResource[0]",
                format!(
                    "`${{aws:tagkeys, 'shared'}}` {never}: the default `shared` always applies"
                )
            ),
            (
                "Statement[1].Condition.StringLike.swf:taskList.name",
                format!("`${{aws:CalledVia}}` {never}: the value matches nothing")
            ),
            (
                "Statement[1].Condition.StringLike.swf:taskList.name",
                format!("`${{aws:SourceOrgPaths}}` {never}: the value matches nothing")
            ),
            (
                "Statement[1].Condition.ArnEquals.aws:SourceArn",
                format!("`${{aws:PrincipalServiceNamesList}}` {never}: the value matches nothing")
            ),
        ]
        .map(|(p, m)| (p.to_string(), m))
    );
    // Without Version 2012-10-17 nothing is substituted at all (SWF103 says so).
    for version in ["", r#""Version": "2008-10-17", "#] {
        let text = format!(
            r#"{{{version}"Statement": {{"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${{aws:TagKeys}}"}}}}"#
        );
        assert_eq!(swf105(&text), [], "{text}");
    }
}

/// The rules read the key catalogue: a key AWS never includes in a StartWorkflowExecution call
/// (a service principal's key, one whose supported services leave out SWF) is reported as never
/// present; a key AWS always includes (`aws:userid`) is never "missing" to an `IfExists` in an
/// Allow, while one it includes only for temporary credentials may be.
#[test]
fn rules_read_when_aws_includes_each_key() {
    let findings = |code: &str, key: &str, op: &str| -> usize {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {{"{op}": {{"{key}": "x"}}}}}}}}"#
        );
        lint::lint(&text, Default::default(), PolicyKind::Identity, &[code]).len()
    };
    for key in [
        "aws:SourceArn",
        "aws:SourceVpcArn",
        "aws:PrincipalServiceName",
        "aws:TagKeys",
    ] {
        assert_eq!(findings("SWF209", key, "StringEquals"), 1, "{key}");
    }
    for key in ["aws:userid", "aws:SourceIp", "aws:CalledViaFirst"] {
        assert_eq!(findings("SWF209", key, "StringEquals"), 0, "{key}");
    }
    assert_eq!(
        findings("SWF305", "aws:userid", "StringNotEqualsIfExists"),
        0
    );
    assert_eq!(findings("SWF305", "aws:UserAgent", "StringNotEquals"), 0);
    assert_eq!(
        findings("SWF305", "aws:TokenIssueTime", "StringNotEqualsIfExists"),
        1
    );
}
