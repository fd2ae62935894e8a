//! Terminal manners: colour on a terminal (and `--color`, `NO_COLOR`), none in files, pipes or
//! machine formats; `--quiet` for CI.

mod common;

use common::{root, scratch, stderr, stdout, swfsim};
use std::process::{Command, Output};

const DENIED: &[&str] = &[
    "simulate",
    "--request",
    "policies/requests/order.json",
    "--policy",
    "policies/e4-type-name-and-version.json",
];

const ESC: char = '\x1b';

/// `swfsim ARGS` with standard output and standard error on a terminal (`script` gives the
/// command a pseudo-terminal), and `env` set.
fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let command = std::iter::once(env!("CARGO_BIN_EXE_swfsim"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let o = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("script (util-linux) runs the command on a pseudo-terminal");
    stdout(&o)
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let shown = on_terminal(DENIED, &[]);
    assert!(
        shown.starts_with("\x1b[1;31mDENIED\x1b[0m (implicitDeny)"),
        "{shown:?}"
    );
    assert!(
        shown.contains("\x1b[1;31mFAIL\x1b[0m StringEquals"),
        "{shown:?}"
    );
    let plain = on_terminal(DENIED, &[("NO_COLOR", "1")]);
    assert!(!plain.contains(ESC), "{plain:?}");
    assert!(plain.starts_with("DENIED (implicitDeny)"));
    // An empty NO_COLOR is not set (no-color.org).
    assert!(on_terminal(DENIED, &[("NO_COLOR", "")]).contains(ESC));
    // The flag wins over the environment.
    let forced = on_terminal(
        &[DENIED, &["--color", "always"]].concat(),
        &[("NO_COLOR", "1")],
    );
    assert!(forced.contains(ESC));
    let never = on_terminal(&[DENIED, &["--color", "never"]].concat(), &[]);
    assert!(!never.contains(ESC));
}

#[test]
fn machine_formats_and_pipes_get_no_colour() {
    let piped = swfsim(DENIED);
    assert!(!stdout(&piped).contains(ESC));
    let json = on_terminal(&[DENIED, &["--format", "json"]].concat(), &[]);
    assert!(!json.contains(ESC), "{json:?}");
    assert!(json.trim_start().starts_with('{'));
    let sarif = swfsim(&[
        "lint",
        "--color",
        "always",
        "--format",
        "sarif",
        "policies/e5-optional-task-list.json",
    ]);
    assert!(!stdout(&sarif).contains(ESC));
    serde_json::from_slice::<serde_json::Value>(&sarif.stdout).expect("SARIF stays JSON");
}

#[test]
fn severities_and_batch_verdicts_are_coloured() {
    let lint = swfsim(&[
        "lint",
        "--color",
        "always",
        "policies/e5-optional-task-list.json",
    ]);
    assert!(
        stdout(&lint).contains("\x1b[1;35m"),
        "security warnings are magenta: {:?}",
        stdout(&lint)
    );
    let batch = swfsim(&[deploy_batch().as_slice(), &["--color", "always"]].concat());
    let text = stdout(&batch);
    assert!(text.starts_with("1: \x1b[1;32mstarted\x1b[0m "), "{text:?}");
    assert!(
        text.contains("\x1b[1;33mWorkflowExecutionAlreadyStartedFault\x1b[0m"),
        "{text:?}"
    );
    assert!(
        text.contains("\x1b[1;31mOPERATION_NOT_PERMITTED\x1b[0m"),
        "{text:?}"
    );
    // Removing the styles gives the plain answer back.
    let plain = stdout(&swfsim(&deploy_batch()));
    assert_eq!(strip(&text), plain);
}

/// The README's batch: seven starts against the world.
fn deploy_batch() -> Vec<&'static str> {
    let batch = [
        "simulate",
        "--requests",
        "policies/requests/deploy.jsonl",
        "--seed",
        "1",
    ];
    [batch.as_slice(), common::README_SET].concat()
}

fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(ESC) {
        out.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find('m').unwrap() + 1..];
    }
    out + rest
}

fn quiet_and_loud(args: &[&str]) -> (Output, Output) {
    (swfsim(&[args, &["--quiet"]].concat()), swfsim(args))
}

#[test]
fn quiet_leaves_answers_and_errors_only() {
    let dir = scratch("terminal-quiet");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let empty = dir.join("empty");
    let policy = "policies/e5-optional-task-list.json";
    let (quiet, loud) = quiet_and_loud(&["lint", policy, empty.to_str().unwrap()]);
    assert!(stderr(&loud).contains("holds no .json policy file"));
    assert_eq!(stderr(&quiet), "", "warnings are left out");
    assert!(stdout(&loud).ends_with("1 finding\n"), "{}", stdout(&loud));
    assert!(
        !stdout(&quiet).contains("1 finding"),
        "the summary is left out"
    );
    assert!(stdout(&quiet).contains("SWF305"), "findings stay");
    assert_eq!(quiet.status.code(), loud.status.code());

    // Errors stay.
    let missing = dir.join("missing.json");
    let (quiet, _) = quiet_and_loud(&["lint", missing.to_str().unwrap()]);
    assert!(
        stderr(&quiet).contains("error: cannot read"),
        "{}",
        stderr(&quiet)
    );
    assert_eq!(quiet.status.code(), Some(2));

    // A batch's summary line goes; its verdict lines stay.
    let batch = deploy_batch();
    let (quiet, loud) = quiet_and_loud(&batch);
    let last = |o: &Output| stdout(o).lines().last().unwrap_or_default().to_string();
    assert!(last(&loud).starts_with("7 requests: "), "{}", last(&loud));
    assert!(!stdout(&quiet).contains("7 requests: "));
    assert!(stdout(&quiet).starts_with("1: started"));
}
