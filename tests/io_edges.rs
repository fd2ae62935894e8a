//! Where the answer goes and how the inputs are encoded: a write that fails is exit 2 with a
//! message, whatever wrote it (clap's help included); a UTF-8 byte order mark is skipped by
//! every reader; `--now` stays within the years `aws:CurrentTime` can be written in.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-11-25T12:00:00Z";

fn to_full_device(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args(args)
        .current_dir(root())
        .stdout(full)
        .output()
        .expect("run swfsim")
}

#[test]
#[cfg(target_os = "linux")]
fn help_to_a_full_device_is_exit_2() {
    for args in [
        &["--help"][..],
        &["--version"],
        &["simulate", "--help"],
        &["help", "lint"],
        &["rules"],
    ] {
        let o = to_full_device(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("cannot write the output"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // Written where it can be, help is an answer: exit 0.
    let o = swfsim(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Usage: swfsim"));
    // A usage error is still clap's, on stderr, exit 2.
    let o = swfsim(&["--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--no-such-flag"), "{}", stderr(&o));
}

#[test]
#[cfg(target_os = "linux")]
fn a_closed_stdout_is_an_error() {
    // Standard output closed before the run (`>&-`).
    for args in [&["rules"][..], &["--version"]] {
        let o = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" >&-")
            .arg(env!("CARGO_BIN_EXE_swfsim"))
            .args(args)
            .current_dir(root())
            .output()
            .expect("run sh");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("standard output is closed"),
            "{}",
            stderr(&o)
        );
    }
    // Written to /dev/null on purpose, the answer is given.
    let o = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .arg("rules")
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // So is /dev/null opened for reading and writing, as Python's `subprocess.DEVNULL` gives it.
    let devnull = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .arg("rules")
        .stdout(Stdio::from(devnull))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A reader that goes away before the answer is written in full (more than a pipe holds).
    let dir = scratch("closed-stdout");
    let line = std::fs::read_to_string(root().join("policies/requests/deploy.jsonl")).unwrap();
    let batch = write(&dir, "many.jsonl", &line.repeat(60));
    let mut child = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args([
            "simulate",
            "--requests",
            &batch,
            "--policy",
            "policies/deployer-role.json",
            "--format",
            "json",
            "--now",
            NOW,
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the output was closed before the whole answer was written"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn now_beyond_year_9999_is_refused() {
    for now in [
        "253402300800",
        "10000-01-01T00:00:00Z",
        "-62135596801",
        "-99999999999999",
    ] {
        let now = format!("--now={now}");
        let o = simulate_order(&["--policy", "policies/e3-workflow-starter.json", &now]);
        assert_eq!(o.status.code(), Some(2), "{now}: {}", stdout(&o));
        assert!(stdout(&o).is_empty(), "{now}");
        assert!(
            stderr(&o).contains("is outside the years 1 to 9999")
                || stderr(&o).contains("is not epoch seconds or a W3C date"),
            "{now}: {}",
            stderr(&o)
        );
    }
    // The first and the last second of that range are times of a call.
    for (now, shown) in [
        ("253402300799", "9999-12-31T23:59:59Z"),
        ("-62135596800", "0001-01-01T00:00:00Z"),
    ] {
        let o = simulate_order(&[
            "--policy",
            "policies/e3-workflow-starter.json",
            "--format",
            "json",
            &format!("--now={now}"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{now}: {}", stderr(&o));
        assert_eq!(
            json(&o)["context"]["aws:CurrentTime"]["values"][0],
            shown,
            "{now}"
        );
    }
}

/// Runs `args` in `dir` (inputs named relative to it).
fn run_in(dir: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run swfsim")
}

#[test]
fn a_bom_is_treated_alike_everywhere() {
    let suppressions =
        r#"[{"code": "SWF304", "files": "*", "reason": "tags are checked elsewhere"}]"#;
    // (what is read, the file it is, the command with `FILE` where it is named; other files
    // are the repository's)
    let cases = [
        ("a policy", "policies/e3-workflow-starter.json",
         "simulate --request policies/requests/order.json --policy FILE --format json"),
        ("a request", "policies/requests/order.json",
         "simulate --request FILE --policy policies/e3-workflow-starter.json"),
        ("a world", "policies/world.json",
         "simulate --request policies/requests/order.json --policy policies/deployer-role.json --world FILE --seed 1"),
        ("a batch", "policies/requests/deploy.jsonl",
         "simulate --requests FILE --policy policies/deployer-role.json --format json"),
        ("a context file", "policies/contexts/ci.json",
         "simulate --request policies/requests/order.json --policy policies/e3-workflow-starter.json --context-file FILE"),
        ("a spec", "policies/specs/no-production-starts.json",
         "check --policy policies/e10-production-domains-deny.json --must-not-allow FILE"),
        ("a linted policy", "policies/e6-first-tag-only-insecure.json", "lint FILE"),
        ("a suppressions file", "", "lint --suppressions FILE policies/e6-first-tag-only-insecure.json"),
        ("a policy of diff", "policies/e3-workflow-starter-v2.json",
         "diff --old policies/e3-workflow-starter.json --new FILE"),
    ];
    let plain = scratch("bom-plain");
    let marked = scratch("bom-marked");
    for (what, file, command) in cases {
        let text = match file {
            "" => suppressions.to_string(),
            f => std::fs::read_to_string(root().join(f)).unwrap(),
        };
        write(&plain, "input", &text);
        write(&marked, "input", &format!("\u{feff}{text}"));
        let mut args: Vec<String> = command
            .split(' ')
            .map(|a| match a {
                "FILE" => "input".to_string(),
                a if a.starts_with("policies/") => root().join(a).to_string_lossy().to_string(),
                a => a.to_string(),
            })
            .collect();
        if command.starts_with("simulate") {
            args.extend(["--now".to_string(), NOW.to_string()]);
        }
        let (a, b) = (run_in(&plain, &args), run_in(&marked, &args));
        assert_ne!(a.status.code(), Some(2), "{what}: {}", stderr(&a));
        assert_eq!(a.status.code(), b.status.code(), "{what}: {}", stderr(&b));
        assert_eq!(stdout(&a), stdout(&b), "{what}");
        assert_eq!(stderr(&a), stderr(&b), "{what}");
    }
}
