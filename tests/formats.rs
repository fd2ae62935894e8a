//! The CI formats through the binary: `--format github`, `junit` and `markdown` of `lint`,
//! `simulate` and `check`, and SARIF's locations and upload limits.

mod common;
use common::*;

/// A policy with `errors` unknown top-level elements (SWF003, errors) named `k0`, `k1`, ...,
/// one element named `extra` if given, and no `Version` (SWF401, a warning).
fn policy_with_errors(errors: usize, extra: &str) -> String {
    let mut members: Vec<String> = (0..errors).map(|i| format!("\"k{i}\": 1")).collect();
    if !extra.is_empty() {
        members.push(format!("\"{extra}\": 1"));
    }
    members.push(
        r#""Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}]"#
            .into(),
    );
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

fn lines_starting<'a>(text: &'a str, head: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(head)).collect()
}

/// The deployer's policy and boundary against the example deploy: lines 2, 4 and 7 are denied.
fn deploy_denied(format: &str, more: &[&str]) -> std::process::Output {
    swfsim(
        &[
            &[
                "simulate",
                "--requests",
                "policies/requests/deploy.jsonl",
                "--policy",
                "policies/deployer-role.json",
                "--boundary",
                "policies/boundary-us-regions.json",
                "--now",
                "2026-11-25T12:00:00Z",
                "--format",
                format,
            ],
            more,
        ]
        .concat(),
    )
}

#[test]
fn lint_github_annotates_the_worst_first_with_escaped_properties_and_data() {
    let dir = scratch("formats-github-escaping");
    // A name with `,` and `:` (they end a property) and a message with `%`.
    let file = write(&dir, "a,b:c.json", &policy_with_errors(1, "50%"));
    let o = swfsim(&["lint", &file, "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // Absolute as given, relative to the working directory (the repository's root in a job)
    // as GitHub finds files.
    let relative = file
        .strip_prefix(&format!("{}/", common::root().display()))
        .unwrap();
    let escaped = relative.replace(':', "%3A").replace(',', "%2C");
    assert!(
        lines[0].starts_with(&format!("::error file={escaped},line=2,col=1,")),
        "{out}"
    );
    assert!(
        lines[0].contains(",title=SWF003 unknown-element::"),
        "{out}"
    );
    assert!(
        out.contains("::unknown element '50%25' in the policy"),
        "{out}"
    );
    // Errors, then the warning, then the summary.
    let levels: Vec<&str> = lines
        .iter()
        .map(|l| l.split([' ', ':']).nth(2).unwrap_or(""))
        .collect();
    assert_eq!(levels, ["error", "error", "warning", "notice"], "{out}");
    assert_eq!(
        lines[3],
        "::notice title=swfsim::swfsim lint: 3 findings: 2 errors, 1 warning"
    );
}

#[test]
fn github_annotates_ten_of_a_level_and_lists_the_rest_plainly() {
    let dir = scratch("formats-github-limit");
    let file = write(&dir, "many.json", &policy_with_errors(14, ""));
    let o = swfsim(&["lint", &file, "--format", "github"]);
    let out = stdout(&o);
    assert_eq!(lines_starting(&out, "::error ").len(), 10, "{out}");
    assert_eq!(lines_starting(&out, "::warning ").len(), 1, "{out}");
    let plain: Vec<&str> = out.lines().filter(|l| !l.starts_with("::")).collect();
    assert_eq!(plain.len(), 4, "{out}");
    assert!(
        plain[0].starts_with(&format!("{file}:12:1: error SWF003")),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with(
            "::notice title=swfsim::swfsim lint: 15 findings: 14 errors, 1 warning; 4 not annotated"
        ),
        "{last}"
    );
}

#[test]
fn simulate_github_points_at_each_request_line_not_allowed() {
    for jobs in ["1", "2"] {
        let o = deploy_denied("github", &["--jobs", jobs]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let errors = lines_starting(&out, "::error ");
        let at: Vec<&str> = errors
            .iter()
            .map(|l| l.split(",title=").next().unwrap())
            .collect();
        assert_eq!(
            at,
            [
                "::error file=policies/requests/deploy.jsonl,line=2",
                "::error file=policies/requests/deploy.jsonl,line=4",
                "::error file=policies/requests/deploy.jsonl,line=7",
            ],
            "{out}"
        );
        assert!(errors[0].contains("title=OPERATION_NOT_PERMITTED::implicitly denied"));
        assert!(out.ends_with(
            "::notice title=swfsim::swfsim simulate: 7 requests: 4 authorized, 3 OPERATION_NOT_PERMITTED\n"
        ));
    }
}

#[test]
fn simulate_reports_unreadable_lines_first_at_their_line_and_column() {
    let dir = scratch("formats-simulate-input-error");
    let ok = r#"{"domain": "orders", "workflowId": "a", "workflowType": {"name": "ProcessOrder", "version": "1.0"}}"#;
    let file = write(&dir, "r.jsonl", &format!("{ok}\n\n{{\"domain\": 7}}\n"));
    let policy = ["--policy", "policies/deployer-role.json"];
    let o = swfsim(
        &[
            &["simulate", "--requests", &file, "--format", "github"],
            &policy[..],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "::error file={},line=3,col=",
            file.strip_prefix(&format!("{}/", common::root().display()))
                .unwrap()
                .replace(':', "%3A")
        )),
        "{out}"
    );
    assert!(first.contains("title=inputError::"), "{out}");

    let o = swfsim(
        &[
            &["simulate", "--requests", &file, "--format", "junit"],
            &policy[..],
        ]
        .concat(),
    );
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    // A case a request line; the blank line is none, and is counted.
    assert_eq!(cases.len(), 2, "{xml}");
    assert_eq!(cases[1].attribute("name"), Some("line 3"));
    assert!(
        cases[1].children().any(|c| c.has_tag_name("error")),
        "{xml}"
    );
}

#[test]
fn check_github_gives_the_verdict_and_the_witness() {
    let base = [
        "check",
        "--policy",
        "policies/deployer-role.json",
        "--context",
        "aws:PrincipalTag/team=orders",
        "--format",
        "github",
        "--must-not-allow",
    ];
    let o = swfsim(&[&base[..], &[r#"{"domain": "*"}"#]].concat());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            "::error title=must-not-allow%3A violated::a start matching the SPEC is allowed"
        ),
        "{out}"
    );
    assert!(
        lines[0].contains(r#"(witness: {"request":{"domain":"orders""#),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "::notice title=swfsim::swfsim check: must-not-allow: violated (1 counterexample)"
    );
    let o = swfsim(&[&base[..], &[r#"{"domain": "zzz"}"#]].concat());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "::notice title=swfsim::swfsim check: must-not-allow: proved\n"
    );
}

#[test]
fn a_format_is_taken_only_by_the_commands_that_write_it() {
    let o = swfsim(&[
        "check",
        "--policy",
        "policies/deployer-role.json",
        "--context",
        "aws:PrincipalTag/team=orders",
        "--must-not-allow",
        r#"{"domain": "zzz"}"#,
        "--format",
        "junit",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for args in [
        &[
            "diff",
            "--old",
            "policies/deployer-role.json",
            "--new",
            "policies/deployer-role.json",
            "--format",
            "github",
        ][..],
        &["rules", "--format", "junit"][..],
        &[
            "simulate",
            "--request",
            "policies/requests/order.json",
            "--policy",
            "policies/deployer-role.json",
            "--format",
            "sarif",
        ][..],
    ] {
        let o = swfsim(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("invalid value"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn lint_junit_has_a_case_per_file_and_rule_and_fails_at_fail_on() {
    let dir = scratch("formats-junit-lint");
    let bad = write(&dir, "bad.json", &policy_with_errors(2, ""));
    let good = write(
        &dir,
        "good.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}]}"#,
    );
    let o = swfsim(&[
        "lint",
        &bad,
        &good,
        "--select",
        "SWF003",
        "--select",
        "missing-version",
        "--format",
        "junit",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].attribute("tests"), Some("4"));
    assert_eq!(suites[0].attribute("failures"), Some("1"));
    let cases: Vec<(String, String, usize, bool)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|c| {
            (
                c.attribute("classname").unwrap().to_string(),
                c.attribute("name").unwrap().to_string(),
                c.children().filter(|x| x.has_tag_name("failure")).count(),
                c.children().any(|x| x.has_tag_name("system-out")),
            )
        })
        .collect();
    assert_eq!(
        cases,
        [
            (bad.clone(), "SWF003 unknown-element".into(), 2, false),
            // A warning is below the default --fail-on: noted, not failed.
            (bad.clone(), "SWF401 missing-version".into(), 0, true),
            (good.clone(), "SWF003 unknown-element".into(), 0, false),
            (good.clone(), "SWF401 missing-version".into(), 0, false),
        ]
    );
}

#[test]
fn junit_escapes_markup_and_replaces_control_characters() {
    let dir = scratch("formats-junit-escaping");
    // An element named `<&"'>` and one holding U+0001 (a JSON escape in the file).
    let file = write(&dir, "odd.json", &policy_with_errors(0, r#"<&\"'>\u0001"#));
    let o = swfsim(&["lint", &file, "--format", "junit", "--select", "SWF003"]);
    let xml = stdout(&o);
    assert!(!xml.contains('\u{1}'), "{xml:?}");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    let message = failure.attribute("message").unwrap();
    assert!(message.contains("<&\"'>"), "{message:?}");
    assert!(!message.contains('\u{1}'), "{message:?}");
}

#[test]
fn markdown_gives_counts_then_a_table_with_escaped_cells() {
    let dir = scratch("formats-markdown");
    let file = write(&dir, "a|b.json", &policy_with_errors(1, "*x*"));
    let o = swfsim(&["lint", &file, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1));
    let md = stdout(&o);
    assert!(
        md.starts_with("### swfsim lint: 3 findings: 2 errors, 1 warning\n\n| severity | findings |\n| --- | ---: |\n| error | 2 |\n| warning | 1 |\n"),
        "{md}"
    );
    let escaped = file.replace('|', "\\|").replace('_', "\\_");
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| error |") || l.starts_with("| warning |"))
        .collect();
    assert!(
        rows[2].starts_with(&format!(
            "| error | {escaped} | 2:1 | SWF003 unknown-element |"
        )),
        "{md}"
    );
    assert!(
        md.contains("unknown element \\`\\*x\\*\\` in the policy"),
        "{md}"
    );
    // Worst first; every row has its five cells.
    assert!(rows[4].starts_with("| warning |"), "{md}");
    for r in &rows[2..] {
        assert_eq!(r.replace("\\|", "").matches('|').count(), 6, "{r}");
    }

    let o = deploy_denied("markdown", &[]);
    let md = stdout(&o);
    assert!(
        md.starts_with(
            "### swfsim simulate: 7 requests: 4 authorized, 3 OPERATION\\_NOT\\_PERMITTED\n"
        ),
        "{md}"
    );
    assert!(md.contains("| OPERATION\\_NOT\\_PERMITTED | policies/requests/deploy.jsonl | 2 | implicitly denied"), "{md}");
}

#[test]
fn sarif_locates_files_below_the_working_directory_relative_to_srcroot() {
    let dir = scratch("formats-sarif-outside");
    let outside_dir = std::env::temp_dir().join(format!("swfsim-formats-{}", std::process::id()));
    std::fs::create_dir_all(&outside_dir).unwrap();
    let outside = write(&outside_dir, "x y.json", &policy_with_errors(1, ""));
    let inside = write(&dir, "p.json", &policy_with_errors(1, ""));
    let absolute_fixture = root().join("tests/lint/fixtures/SWF304.json");
    let o = swfsim(&[
        "lint",
        "./tests/lint/fixtures/SWF304.json",
        absolute_fixture.to_str().unwrap(),
        &inside,
        &outside,
        "--format",
        "sarif",
    ]);
    let _ = std::fs::remove_dir_all(&outside_dir);
    let sarif = json(&o);
    let run = &sarif["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(base, format!("file://{}/", root().display()));
    let locations: Vec<(String, Option<String>)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                a["uri"].as_str().unwrap().to_string(),
                a["uriBaseId"].as_str().map(str::to_string),
            )
        })
        .collect();
    let srcroot = Some("%SRCROOT%".to_string());
    let mut seen: Vec<(String, Option<String>)> = Vec::new();
    for l in locations {
        if !seen.contains(&l) {
            seen.push(l);
        }
    }
    let outside_uri = format!("file://{}", outside.replace(' ', "%20"));
    assert_eq!(
        seen,
        [
            (
                "tests/lint/fixtures/SWF304.json".to_string(),
                srcroot.clone()
            ),
            (
                "target/test-scratch/formats-sarif-outside/p.json".to_string(),
                srcroot
            ),
            (outside_uri, None),
        ]
    );
}

#[test]
fn sarif_past_githubs_result_limit_warns() {
    let dir = scratch("formats-sarif-limit");
    let file = write(&dir, "huge.json", &policy_with_errors(25_000, ""));
    let o = swfsim(&["lint", &file, "--format", "sarif", "--select", "SWF003"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        json(&o)["runs"][0]["results"].as_array().unwrap().len(),
        25_000
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let file = write(&dir, "huge.json", &policy_with_errors(25_001, ""));
    let o = swfsim(&["lint", &file, "--format", "sarif", "--select", "SWF003"]);
    let err = stderr(&o);
    assert!(
        err.starts_with("warning: the SARIF run has 25001 results; GitHub code scanning refuses a run of more than 25000\n"),
        "{err}"
    );
    // Repetitive results compress well: far from 10 MB gzipped.
    assert!(!err.contains("gzipped"), "{err}");
}

#[test]
fn report_formats_show_control_characters_of_file_names_escaped() {
    let dir = scratch("formats-control-names");
    write(&dir, "a\u{1b}[31mX.json", &policy_with_errors(1, ""));
    let folder = dir.to_string_lossy().to_string();
    for format in ["github", "junit", "markdown"] {
        let o = swfsim(&["lint", &folder, "--format", format, "--select", "SWF003"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| c != '\n' && c.is_control())
            .collect();
        assert!(bad.is_empty(), "{format} writes {bad:?}:\n{out}");
        // Markdown escapes the `[` after it too.
        assert!(out.contains("a\\u{1b}"), "{format}:\n{out}");
    }
}

/// `simulate --requests` with a policy IAM refuses (two unknown elements, lines 2 and 3).
fn refused(format: &str) -> std::process::Output {
    let dir = scratch(&format!("formats-refused-{format}"));
    let policy = write(&dir, "p.json", &policy_with_errors(2, ""));
    swfsim(&[
        "simulate",
        "--requests",
        "policies/requests/deploy.jsonl",
        "--policy",
        &policy,
        "--format",
        format,
    ])
}

#[test]
fn a_run_that_cannot_answer_writes_a_report_of_its_errors() {
    let o = refused("github");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[SWF003]"), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains(",line=2,col=1,title=error[SWF003]::unknown element 'k0' in the policy"),
        "{out}"
    );
    assert!(lines[1].contains(",line=3,col=1,"), "{out}");
    assert_eq!(
        lines[2],
        "::notice title=swfsim::swfsim simulate: could not answer (2 errors)"
    );

    let o = refused("junit");
    assert_eq!(o.status.code(), Some(2));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    assert_eq!(suite.attribute("tests"), Some("1"), "{xml}");
    assert_eq!(suite.attribute("errors"), Some("1"), "{xml}");
    let case = suite
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(
        case.attribute("classname"),
        Some("policies/requests/deploy.jsonl")
    );
    let errors: Vec<_> = case
        .children()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), 2, "{xml}");
    assert!(
        errors[0]
            .text()
            .unwrap()
            .contains("p.json:2:1: error[SWF003]: "),
        "{xml}"
    );

    let o = refused("markdown");
    assert_eq!(o.status.code(), Some(2));
    let md = stdout(&o);
    assert!(
        md.starts_with("### swfsim simulate: could not answer (2 errors)\n"),
        "{md}"
    );
    assert!(
        md.contains(" | 2:1 | error\\[SWF003\\] | unknown element"),
        "{md}"
    );

    // An input that cannot be read has no place; `check` reports alike.
    let check = |format: &str| {
        swfsim(&[
            "check",
            "--policy",
            "nope.json",
            "--must-not-allow",
            "policies/specs/no-production-starts.json",
            "--format",
            format,
        ])
    };
    let o = check("github");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        "::error title=error::cannot read 'nope.json': No such file or directory (os error 2)\n::notice title=swfsim::swfsim check: could not answer (1 error)\n"
    );
    let xml = stdout(&check("junit"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit");
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(case.attribute("name"), Some("must-not-allow"));
    assert!(case.children().any(|n| n.has_tag_name("error")), "{xml}");

    // Text and JSON write nothing then.
    for format in ["text", "json"] {
        let o = refused(format);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stdout(&o), "", "{format}");
    }
}
