//! The paths `lint` is given: one it cannot read is a finding (SWF001 at line 1, column 1) and
//! exit 2, and every other file is still linted; a folder without a `.json` file is a warning.
//! A folder's walk passes over hidden folders, `node_modules`, `target` and `--exclude`'s globs,
//! enters a folder once and opens regular files only; suppression globs match the path however it
//! was typed; a `--suppressions` file's members are checked.

mod common;
use common::{finding_files as files, json, lint_in, root, scratch, stderr, stdout, swfsim, write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A policy with a security warning (SWF303, `swf:*` on `*`).
const ADMIN: &str = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}"#;

/// Two policies with security warnings (SWF305, SWF304), a missing file between them.
const FILES: [&str; 3] = [
    "policies/e5-optional-task-list.json",
    "policies/nope.json",
    "policies/e6-first-tag-only-insecure.json",
];

#[test]
fn a_missing_path_is_a_finding_and_the_other_files_are_still_linted() {
    for fail_on in ["security-warning", "none"] {
        let o = swfsim(
            &[
                &["lint", "--format", "json", "--fail-on", fail_on][..],
                &FILES,
            ]
            .concat(),
        );
        assert_eq!(
            o.status.code(),
            Some(2),
            "--fail-on {fail_on}: {}",
            stderr(&o)
        );
        assert_eq!(
            stderr(&o),
            "error: cannot read `policies/nope.json`: No such file or directory (os error 2)\n"
        );
        let findings = json(&o)["findings"].as_array().unwrap().clone();
        let at = |f: &serde_json::Value| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap()
            )
        };
        let places: Vec<String> = findings.iter().map(at).collect();
        assert!(
            places.contains(&"policies/e5-optional-task-list.json:10:17 SWF305".to_string()),
            "{places:?}"
        );
        assert!(
            places.contains(&"policies/nope.json:1:1 SWF001".to_string()),
            "{places:?}"
        );
        assert!(
            places
                .iter()
                .any(|p| p.starts_with("policies/e6-first-tag-only-insecure.json:")),
            "{places:?}"
        );
        // In the order given.
        let missing = places
            .iter()
            .position(|p| p.starts_with("policies/nope.json"))
            .unwrap();
        assert!(
            places[..missing]
                .iter()
                .all(|p| p.starts_with("policies/e5")),
            "{places:?}"
        );
        let f = &findings[missing];
        assert_eq!(
            f["message"],
            "cannot read the file: No such file or directory (os error 2)"
        );
        assert_eq!(f["severity"], "error");
    }

    let o = swfsim(&[&["lint", "--format", "sarif"][..], &FILES].concat());
    assert_eq!(o.status.code(), Some(2));
    let sarif = json(&o);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"policies/e5-optional-task-list.json"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"policies/e6-first-tag-only-insecure.json"),
        "{uris:?}"
    );
    let missing = &results[uris
        .iter()
        .position(|u| *u == "policies/nope.json")
        .unwrap()];
    assert_eq!(missing["ruleId"], "SWF001");
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startColumn"],
        1
    );

    let o = swfsim(&[&["lint"][..], &FILES].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("policies/nope.json:1:1: error[SWF001]: cannot read the file: No such file or directory (os error 2)"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("policies/e5-optional-task-list.json:10:17: security-warning[SWF305]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_missing_path_is_reported_whatever_select_and_suppressions_say() {
    let o = swfsim(&[
        "lint",
        "policies/nope.json",
        "--select",
        "SWF305",
        "--suppress",
        "SWF001:policies/*:generated later",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let findings = json(&o)["findings"].clone();
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    assert_eq!(findings[0]["code"], "SWF001");
    assert_eq!(findings[0].get("suppressed"), None);
}

#[test]
fn a_folder_without_a_json_file_is_a_warning() {
    let dir = scratch("lint-no-json");
    let empty = dir.join("empty");
    let notes = dir.join("notes");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::create_dir_all(notes.join("deeper")).unwrap();
    write(&notes, "README.md", "policies live elsewhere");
    let (empty, notes) = (empty.to_str().unwrap(), notes.to_str().unwrap());

    let o = swfsim(&["lint", empty, notes, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "{\"findings\":[]}\n");
    assert_eq!(
        stderr(&o),
        format!(
            "warning: `{empty}` holds no .json policy file\nwarning: `{notes}` holds no .json policy file\n"
        )
    );

    let o = swfsim(&["lint", empty, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["runs"][0]["results"], serde_json::json!([]));

    // Beside a policy, the findings decide the exit as ever.
    let o = swfsim(&["lint", empty, "policies/e5-optional-task-list.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("warning: `{empty}` holds no .json policy file\n")
    );

    // A folder with a policy file deeper down says nothing.
    let o = swfsim(&["lint", "policies", "--fail-on", "none"]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
}

/// A scratch folder `iam/` holding `a.json`, and `x.json` inside each of a hidden folder,
/// `node_modules`, `target`, `legacy` and `deep/generated`; each file is [`ADMIN`].
fn tree(name: &str) -> std::path::PathBuf {
    let root = scratch(name);
    for dir in [
        "",
        ".git",
        ".venv/lib",
        "node_modules/pkg",
        "target/debug",
        "legacy",
        "deep/generated",
    ] {
        std::fs::create_dir_all(root.join("iam").join(dir)).unwrap();
        write(&root.join("iam").join(dir), "x.json", ADMIN);
    }
    root
}

#[test]
fn a_walk_passes_over_hidden_folders_node_modules_and_target() {
    let root = tree("lint-walk-defaults");
    let o = lint_in(&root, &["iam", "--format", "json", "--select", "SWF303"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        files(&o),
        [
            "iam/x.json",
            "iam/legacy/x.json",
            "iam/deep/generated/x.json"
        ]
    );
    // From inside the folder, as `lint .` is run in CI.
    let o = lint_in(
        &root.join("iam"),
        &[".", "--format", "json", "--select", "SWF303"],
    );
    assert_eq!(
        files(&o),
        ["./x.json", "./legacy/x.json", "./deep/generated/x.json"]
    );
}

#[test]
fn exclude_adds_names_and_paths_and_a_path_given_is_always_linted() {
    let root = tree("lint-walk-exclude");
    let args = ["--format", "json", "--select", "SWF303"];
    // A name at any depth, and a path from the working directory.
    let o = lint_in(
        &root,
        &[
            &["iam", "--exclude", "generated", "--exclude", "iam/legacy/"][..],
            &args,
        ]
        .concat(),
    );
    assert_eq!(files(&o), ["iam/x.json"], "{}", stderr(&o));
    // Globs: `*` crosses `/`.
    let o = lint_in(
        &root,
        &[&["iam", "--exclude", "iam/*/x.json"][..], &args].concat(),
    );
    assert_eq!(files(&o), ["iam/x.json"]);
    // Named explicitly, a file or a folder is linted whatever the defaults and globs say.
    let given = [
        "iam/legacy/x.json",
        "iam/node_modules/pkg/x.json",
        "iam/.git",
    ];
    let o = lint_in(
        &root,
        &[
            &given[..],
            &["--exclude", "legacy", "--exclude", "node_modules"],
            &args,
        ]
        .concat(),
    );
    assert_eq!(
        files(&o),
        [
            "iam/legacy/x.json",
            "iam/node_modules/pkg/x.json",
            "iam/.git/x.json"
        ]
    );
    // Everything below a folder passed over: the folder holds no policy file.
    let o = lint_in(&root, &[&["iam", "--exclude", "*"][..], &args].concat());
    assert_eq!(files(&o), Vec::<String>::new());
    assert_eq!(stderr(&o), "warning: `iam` holds no .json policy file\n");
    let o = lint_in(&root, &["iam", "--exclude", "/"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: --exclude `/` matches no path"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_walk_enters_a_folder_once_whatever_links_lead_back_to_it() {
    let root = scratch("lint-walk-loop");
    let d = root.join("d");
    std::fs::create_dir_all(&d).unwrap();
    write(&d, "a.json", ADMIN);
    std::os::unix::fs::symlink("..", d.join("loop")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    let o = bounded(&root, &["d", "--format", "json", "--select", "SWF303"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files(&o), ["d/a.json"]);
    assert_eq!(stderr(&o), "");
}

/// `swfsim lint` with `args` in `dir`, killed (failing the test) if it has not finished in 30
/// seconds: a walk that never ends must fail the test, not stall it. Its output is read while it
/// runs, so a long answer cannot block it.
#[cfg(unix)]
fn bounded(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .arg("lint")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run swfsim");
    let pid = child.id();
    let (done, waited) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if waited.recv_timeout(Duration::from_secs(30)).is_err() {
            // Ends only the child this test started, by its id.
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    });
    let o = child.wait_with_output().expect("wait for swfsim");
    let _ = done.send(());
    assert!(
        o.status.code().is_some(),
        "`swfsim lint {}` did not finish within 30 seconds",
        args.join(" ")
    );
    o
}

/// A FIFO found by a walk is not opened: reading it would wait for a writer forever.
#[cfg(unix)]
#[test]
fn a_walk_does_not_open_a_fifo() {
    let root = scratch("lint-walk-fifo");
    write(&root, "a.json", ADMIN);
    let made = Command::new("mkfifo")
        .arg(root.join("x.json"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let o = bounded(&root, &[".", "--format", "json", "--select", "SWF303"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files(&o), ["./a.json"]);
}

#[test]
fn a_suppression_glob_matches_a_path_typed_with_dot_dot() {
    let file = "policies/e6-first-tag-only-insecure.json";
    let absolute = root().join(file).display().to_string();
    let cases = [
        // In `policies/`: the file is `e6-...` from there, however it was typed.
        (
            "policies",
            "../policies/e6-first-tag-only-insecure.json",
            "e6-*.json",
        ),
        ("policies", absolute.as_str(), "e6-*.json"),
        // Outside the working directory: `..` leads to it.
        (
            "policies/requests",
            "../e6-first-tag-only-insecure.json",
            "../e6-*.json",
        ),
        ("policies/requests", absolute.as_str(), "../e6-*.json"),
        (
            "policies/requests",
            "../../policies/e6-first-tag-only-insecure.json",
            "../e6-*.json",
        ),
    ];
    for (dir, path, glob) in cases {
        let suppress = format!("SWF304:{glob}:reviewed");
        let o = lint_in(
            &root().join(dir),
            &[path, "--select", "SWF304", "--suppress", &suppress],
        );
        assert_eq!(
            (o.status.code(), stderr(&o)),
            (Some(0), String::new()),
            "in {dir}: {path} with {glob}"
        );
        assert!(
            stdout(&o).contains("1 suppressed"),
            "{dir}: {path}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn a_suppressions_file_refuses_members_it_does_not_know() {
    let dir = scratch("lint-suppressions-members");
    let policy = root().join("policies/e6-first-tag-only-insecure.json");
    let policy = policy.to_str().unwrap();
    let cases = [
        (
            r#"[{"code": "SWF304", "files": "*", "reason": "r", "expires": "2020-01-01"}]"#,
            "s.json:1:58: error: unknown field `expires`, expected one of `code`, `files`, `reason`\n  = help: a suppression that expires is a `[[suppressions]]` entry of swfsim.toml",
        ),
        (
            "[{\"code\": \"SWF304\", \"files\": \"*\",\n  \"reason\": \"r\", \"bogus\": 1}]",
            "s.json:2:24: error: unknown field `bogus`, expected one of `code`, `files`, `reason`\n",
        ),
    ];
    for (text, expected) in cases {
        write(&dir, "s.json", text);
        let o = lint_in(&dir, &[policy, "--suppressions", "s.json"]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).starts_with(expected), "{text}\n{}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    // The three members it knows are still read.
    write(
        &dir,
        "s.json",
        r#"[{"code": "SWF304", "files": "*", "reason": "r"}]"#,
    );
    let o = lint_in(
        &dir,
        &[policy, "--suppressions", "s.json", "--select", "SWF304"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
