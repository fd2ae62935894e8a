//! `-` reads standard input wherever a command reads a file, named `<stdin>` in positions (or
//! `lint --stdin-filename PATH`); a run gives `-` to one input at most.

mod common;
use common::{scratch, stderr, stdout, write};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const NOW: &str = "1795608000";

/// `swfsim args` in the repository, `input` on its standard input.
fn with_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run swfsim");
    let mut pipe = child.stdin.take().unwrap();
    // A run that refuses its arguments reads nothing: the pipe may be closed already.
    let _ = pipe.write_all(input.as_bytes());
    drop(pipe);
    child.wait_with_output().expect("wait for swfsim")
}

#[test]
fn each_input_read_from_standard_input_answers_as_its_file_does() {
    let dir = scratch("stdin-inputs");
    let context = write(&dir, "context.json", r#"{"aws:SourceIp": "203.0.113.7"}"#);
    let bad_policy = write(&dir, "bad.json", r#"{"Statement": {"Effect": "Allow",}}"#);
    let bad_world = write(&dir, "world.json", r#"{"domains": 3}"#);
    let order = "--request policies/requests/order.json";
    let e3 = "--policy policies/e3-workflow-starter.json";
    // (the file, the command with `FILE` where it is named)
    let cases = [
        (
            "policies/requests/order.json",
            format!("simulate --request FILE {e3}"),
        ),
        (
            "policies/requests/deploy.jsonl",
            "simulate --requests FILE --policy policies/deployer-role.json --format json".into(),
        ),
        (
            "policies/e3-workflow-starter.json",
            format!("simulate {order} --policy FILE --format json"),
        ),
        (
            "policies/boundary-us-regions.json",
            format!("simulate {order} {e3} --boundary FILE --format json"),
        ),
        (
            "policies/scp-deny-insecure-transport.json",
            format!("simulate {order} {e3} --scp FILE --format json"),
        ),
        (
            "policies/scp-deny-insecure-transport.json",
            format!("simulate {order} {e3} --rcp FILE --format json"),
        ),
        (
            "policies/e2-two-domains.json",
            format!("simulate {order} {e3} --session-policy FILE --format json"),
        ),
        (
            &context,
            format!("simulate {order} {e3} --context-file FILE --format json"),
        ),
        (
            "policies/world.json",
            format!("simulate {order} {e3} --world FILE --seed 1 --format json"),
        ),
        (
            "policies/e3-workflow-starter-v2.json",
            "diff --old policies/e3-workflow-starter.json --new FILE".into(),
        ),
        (
            "policies/e3-workflow-starter.json",
            "diff --old FILE --new policies/e3-workflow-starter-v2.json".into(),
        ),
        (
            "policies/specs/no-production-starts.json",
            "check --policy policies/e10-production-domains-deny.json --must-not-allow FILE".into(),
        ),
        (
            "policies/e6-first-tag-only-insecure.json",
            "lint FILE --format json".into(),
        ),
        // Errors name `<stdin>` where they name the file.
        (&bad_policy, format!("simulate {order} --policy FILE")),
        (&bad_world, format!("simulate {order} {e3} --world FILE")),
    ];
    for (file, command) in &cases {
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        let args = |name: &str| -> Vec<String> {
            let mut args: Vec<String> = (command.split(' '))
                .map(|a| if a == "FILE" { name } else { a }.to_string())
                .collect();
            if command.starts_with("simulate") {
                args.extend(["--now".to_string(), NOW.to_string()]);
            }
            args
        };
        let from_file = with_stdin(&args(file), "");
        let from_stdin = with_stdin(&args("-"), &text);
        let named = |s: String| s.replace(*file, "<stdin>");
        assert_eq!(
            from_stdin.status.code(),
            from_file.status.code(),
            "{command}: {}",
            stderr(&from_stdin)
        );
        assert_eq!(stdout(&from_stdin), named(stdout(&from_file)), "{command}");
        assert_eq!(stderr(&from_stdin), named(stderr(&from_file)), "{command}");
    }
    // The errors above did name the file, and so `<stdin>`.
    let o = with_stdin(
        &[
            "simulate",
            "--request",
            "policies/requests/order.json",
            "--policy",
            "-",
        ],
        r#"{"Statement": {"Effect": "Allow",}}"#,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("<stdin>:1:33: error[SWF001]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_second_input_from_standard_input_is_refused_naming_both() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["simulate", "--request", "-", "--policy", "-"],
            "`-` is given to both `--request` and `--policy`",
        ),
        (
            &[
                "simulate",
                "--requests",
                "-",
                "--policy",
                "p.json",
                "--world",
                "-",
            ],
            "`-` is given to both `--requests` and `--world`",
        ),
        (
            &[
                "simulate",
                "--request",
                "r.json",
                "--policy",
                "-",
                "--policy",
                "-",
            ],
            "`-` is given twice to `--policy`",
        ),
        (&["lint", "-", "-"], "`-` is given twice to `lint FILE`"),
    ];
    for (args, said) in cases {
        let o = with_stdin(args, "{}");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        assert!(
            stderr(&o).starts_with(&format!(
                "error: {said}: standard input can be read by one input only"
            )),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// A policy with a security warning (SWF305) on line 10.
const POLICY: &str = "policies/e5-optional-task-list.json";

#[test]
fn lint_stdin_filename_names_positions_suppressions_and_sarif() {
    let text = std::fs::read_to_string(common::root().join(POLICY)).unwrap();
    let o = with_stdin(&["lint", "-", "--format", "json"], &text);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let findings = common::json(&o)["findings"].clone();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["file"] == "<stdin>"));

    let named = ["lint", "-", "--stdin-filename", "iam/e5.json"];
    let o = with_stdin(&[&named[..], &["--format", "json"]].concat(), &text);
    let json = common::json(&o);
    let f = &json["findings"][0];
    assert_eq!(
        (&f["file"], &f["line"], &f["code"]),
        (&"iam/e5.json".into(), &10.into(), &"SWF305".into())
    );

    let o = with_stdin(&[&named[..], &["--format", "sarif"]].concat(), &text);
    let sarif = common::json(&o);
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "iam/e5.json");

    let o = with_stdin(&[&named[..], &["--format", "text"]].concat(), &text);
    assert!(
        stdout(&o).starts_with("iam/e5.json:10:17: security-warning[SWF305]"),
        "{}",
        stdout(&o)
    );

    // The suppression's glob is matched against the name given.
    let suppress = [
        "--suppress",
        "SWF305:iam/*.json:the task list is always set",
    ];
    let o = with_stdin(
        &[&named[..], &suppress[..], &["--format", "json"]].concat(),
        &text,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = &common::json(&o)["findings"][0];
    assert_eq!(
        (&f["suppressed"], &f["suppressionReason"]),
        (&true.into(), &"the task list is always set".into())
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn stdin_filename_without_a_dash_is_refused() {
    let o = with_stdin(&["lint", POLICY, "--stdin-filename", "iam/e5.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with(
            "error: --stdin-filename `iam/e5.json` names standard input, but no FILE is `-`"
        ),
        "{}",
        stderr(&o)
    );
}
