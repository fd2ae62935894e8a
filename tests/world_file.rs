//! `--world-out` shared between runs: one run at a time, no start lost, no temporary file
//! left behind, a folder that cannot take the world refused before any request is answered.

mod common;
use common::*;
use std::io::Write as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WORLD: &str = r#"{"account": "123456789012", "region": "us-east-1",
  "domains": [{"name": "jobs", "workflowTypes": [{"name": "Job", "version": "1",
    "defaultTaskList": {"name": "q"}, "defaultExecutionStartToCloseTimeout": "3600",
    "defaultTaskStartToCloseTimeout": "300", "defaultChildPolicy": "TERMINATE"}]}]}"#;

const ALLOW: &str = r#"{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}"#;

/// `n` starts of new workflowIds `PREFIX-0`, `PREFIX-1`, ...
fn starts(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"domain\": \"jobs\", \"workflowId\": \"{prefix}-{i}\", \"workflowType\": {{\"name\": \"Job\", \"version\": \"1\"}}}}\n"
            )
        })
        .collect()
}

/// A scratch folder holding `world.json`, `allow.json` and `a.jsonl` of `n` starts.
fn folder(name: &str, n: usize) -> std::path::PathBuf {
    let dir = scratch(name);
    write(&dir, "world.json", WORLD);
    write(&dir, "allow.json", ALLOW);
    write(&dir, "a.jsonl", &starts("a", n));
    dir
}

/// A batch run on standard input (kept open: it answers nothing yet), and whether it came to
/// hold the world (its temporary world file there) within the wait.
fn holding(dir: &std::path::Path, err: Stdio) -> (Child, bool) {
    let c = batch(dir, "-", "world.json")
        .stdin(Stdio::piped())
        .stderr(err)
        .spawn()
        .unwrap();
    (c, wait_for(|| !temporaries(dir).is_empty()))
}

/// A batch run of `requests` (a file, or `-`) against `world`, written back to `world`.
fn batch(dir: &std::path::Path, requests: &str, world: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_swfsim"));
    c.args(["simulate", "--requests", requests, "--policy"])
        .arg(dir.join("allow.json"))
        .args(["--world", world, "--world-out", world])
        .args(["--seed", "1", "--format", "json", "--explain", "brief"])
        .current_dir(dir)
        .stdout(Stdio::null());
    c
}

/// Waits (at most 20 s) until `ready` holds; false if it never did.
fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// The temporary files of `world.json` in `dir`.
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".world.json.swfsim-") && n.ends_with(".tmp"))
        .collect()
}

fn finish(c: Child) -> std::process::Output {
    c.wait_with_output().unwrap()
}

/// Run A holds the world (its requests still to come on standard input) while run B, on the
/// same world file, starts: B waits, with a note, and reads the world A wrote. Every start of
/// both runs is in the final world, each with its own runId, though both draw from one seed.
#[test]
fn two_runs_on_one_world_file_lose_no_start() {
    let dir = folder("world-two-runs", 0);
    write(&dir, "b.jsonl", &starts("b", 300));
    let (mut a, a_holds) = holding(&dir, Stdio::piped());
    let b_err = std::fs::File::create(dir.join("b.err")).unwrap();
    let b = batch(&dir, "b.jsonl", "world.json")
        .stderr(b_err)
        .spawn()
        .unwrap();
    let b_waits = wait_for(|| {
        std::fs::read_to_string(dir.join("b.err")).is_ok_and(|t| t.contains("waiting"))
    });
    let mut input = a.stdin.take().unwrap();
    input.write_all(starts("a", 300).as_bytes()).unwrap();
    drop(input);
    let (a, b) = (finish(a), finish(b));
    let world: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("world.json")).unwrap()).unwrap();
    let open = world["domains"][0]["openExecutions"].as_array().unwrap();
    let mut ids: Vec<&str> = open
        .iter()
        .map(|e| e["workflowId"].as_str().unwrap())
        .collect();
    let mut runs: Vec<&str> = open.iter().map(|e| e["runId"].as_str().unwrap()).collect();
    ids.sort_unstable();
    runs.sort_unstable();
    runs.dedup();
    let lost: Vec<String> = (0..300)
        .flat_map(|i| [format!("a-{i}"), format!("b-{i}")])
        .filter(|w| ids.binary_search(&w.as_str()).is_err())
        .collect();
    assert!(
        lost.is_empty(),
        "{} starts lost, among them {:?}",
        lost.len(),
        &lost[..lost.len().min(3)]
    );
    assert_eq!(ids.len(), 600);
    assert_eq!(runs.len(), 600, "every execution has its own runId");
    assert!(a_holds, "run A never created its temporary world file");
    assert!(
        b_waits,
        "run B did not wait for run A: {}",
        std::fs::read_to_string(dir.join("b.err")).unwrap()
    );
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0));
    assert!(temporaries(&dir).is_empty());
}

/// A `--world-out` whose folder is missing, or is a file, is refused before the batch: exit 2,
/// no answer written, nothing started for no world.
#[test]
fn an_unwritable_world_out_folder_is_refused_before_the_batch() {
    let dir = folder("world-unwritable", 3);
    write(&dir, "not-a-folder", "");
    for out in ["missing/after.json", "not-a-folder/after.json"] {
        let o = Command::new(env!("CARGO_BIN_EXE_swfsim"))
            .args([
                "simulate",
                "--requests",
                "a.jsonl",
                "--policy",
                "allow.json",
            ])
            .args([
                "--world",
                "world.json",
                "--world-out",
                out,
                "--format",
                "json",
            ])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert_eq!(stdout(&o), "", "{out}: no request is answered");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("error: cannot write `{out}`: ")) && err.contains("help: "),
            "{out}: {err}"
        );
    }
}

/// A run killed before it wrote its world leaves its temporary file; the next run writing that
/// world removes it and says so.
#[test]
fn a_leftover_temporary_world_file_is_reported() {
    let dir = folder("world-leftover", 3);
    let (mut killed, created) = holding(&dir, Stdio::null());
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert!(created, "the run made no temporary file");
    let left = temporaries(&dir);
    assert_eq!(left.len(), 1);
    let o = batch(&dir, "a.jsonl", "world.json")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "note: removed `{}`, left by a run that stopped before writing `world.json`",
            left[0]
        )),
        "{}",
        stderr(&o)
    );
    assert!(temporaries(&dir).is_empty());
    let world = std::fs::read_to_string(dir.join("world.json")).unwrap();
    assert_eq!(world.matches("\"workflowId\"").count(), 3);
}
