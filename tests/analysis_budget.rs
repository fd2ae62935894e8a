//! `diff` and `check` within their bounds: a give-up past the time budget or the state limit is
//! "unknown" and names what blew up, a truncated list says so, independent keys are decided one
//! by one, and thousands of literals under one operator stay a handful of classes.

mod common;
use common::{json, scratch, stderr, swfsim, write};
use swfsim::analysis::{analyze, Goal, Scope};
use swfsim::eval::{self, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::source::SourceId;

fn statement(effect: &str, resource: &str, condition: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "Effect": effect,
        "Action": "swf:StartWorkflowExecution",
        "Resource": resource,
        "Condition": condition,
    })
}

fn policy(statements: Vec<serde_json::Value>) -> String {
    serde_json::json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

/// `n` StringLike patterns on one key (`*a0*`, `*b0*`, ...): up to 2^n classes of values.
fn like_patterns(n: usize) -> String {
    policy(
        (0..n)
            .map(|i| {
                let p = format!("*{}{}*", (b'a' + (i % 26) as u8) as char, i / 26);
                statement(
                    "Allow",
                    "*",
                    serde_json::json!({"StringLike": {"aws:PrincipalTag/team": p}}),
                )
            })
            .collect(),
    )
}

/// One Allow per key `aws:PrincipalTag/kI`, each equal to `{prefix}I`.
fn independent_keys(n: usize, prefix: &str) -> String {
    policy(
        (0..n)
            .map(|i| {
                statement(
                    "Allow",
                    "*",
                    serde_json::json!({"StringEquals": {format!("aws:PrincipalTag/k{i}"): format!("{prefix}{i}")}}),
                )
            })
            .collect(),
    )
}

fn set(text: &str) -> PolicySet {
    PolicySet {
        identity: eval::load(text, SourceId(0), PolicyKind::Identity).unwrap(),
        ..PolicySet::default()
    }
}

/// `swfsim diff --old OLD --new NEW` with more arguments.
fn diff(old: &str, new: &str, more: &[&str]) -> std::process::Output {
    swfsim(&[&["diff", "--old", old, "--new", new], more].concat())
}

/// Each witness of `regions` through `simulate --requests` with `policy`: its decisions.
fn decisions(regions: &serde_json::Value, policy: &str, dir: &std::path::Path) -> Vec<String> {
    let lines: Vec<String> = regions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["witness"].to_string())
        .collect();
    let file = write(dir, "witnesses.jsonl", &(lines.join("\n") + "\n"));
    let o = swfsim(&[
        "simulate",
        "--requests",
        &file,
        "--policy",
        policy,
        "--format",
        "json",
        "--explain",
        "brief",
    ]);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let j: serde_json::Value = serde_json::from_str(l).unwrap();
            j["decision"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

#[test]
fn a_diff_past_its_budget_is_unknown_and_names_the_dimension() {
    let dir = scratch("budget-give-up");
    let old = write(&dir, "old.json", &like_patterns(24));
    let new = write(&dir, "new.json", &like_patterns(23));
    // Past the time budget: unknown (exit 2), saying what was under way, never an answer.
    let o = diff(&old, &new, &["--format", "json", "--timeout", "1ms"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["answer"], "unknown");
    let reason = j["unknown"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("time budget (1ms)"),
        "the budget is named: {reason}"
    );
    assert!(
        [
            "'aws:PrincipalTag/team'",
            "the domain",
            "searching the requests"
        ]
        .iter()
        .any(|d| reason.contains(d)),
        "the part of the request under way is named: {reason}"
    );
    assert!(j["unknown"]["help"].as_str().unwrap().contains("--timeout"));
    // Past the state limit: the key and its pattern count, and the flag that would change it.
    let o = diff(&old, &new, &["--max-states", "500", "--timeout", "10m"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        text.contains("`aws:PrincipalTag/team` (24 patterns)") && text.contains("--max-states"),
        "{text}"
    );
    // A duration that is not one is refused before anything runs.
    let o = diff(&old, &new, &["--timeout", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a duration"), "{}", stderr(&o));
}

#[test]
fn a_truncated_answer_says_so() {
    // Twelve keys whose values each newly allow a start: twelve regions, found one by one.
    let (old, new) = (
        set(&independent_keys(12, "a")),
        set(&independent_keys(12, "b")),
    );
    let scope = Scope {
        search_regions: 3,
        ..Scope::default()
    };
    let gained = analyze(&[&old, &new], Goal::Gained, &scope).unwrap();
    assert!(gained.search_truncated && gained.truncated);
    assert_eq!(gained.regions.len(), 3);
    let lost = analyze(&[&old, &new], Goal::Lost, &scope).unwrap();
    let result = Ok((gained, lost));
    let text = swfsim::output::analysis::diff_text(&result);
    assert!(
        text.contains("the list is incomplete, and its regions are not merged into the fewest"),
        "{text}"
    );
    let j = swfsim::output::analysis::diff_json(&result);
    assert_eq!(j["truncated"], true);
    assert_eq!(j["searchTruncated"], true);
    // Without the limit, all twelve, and nothing says the list is cut short.
    let gained = analyze(&[&old, &new], Goal::Gained, &Scope::default()).unwrap();
    assert_eq!(gained.regions.len(), 12);
    assert!(!gained.truncated && !gained.search_truncated);
    // Past --max-regions the text says there are more.
    let few = Scope {
        max_regions: 5,
        ..Scope::default()
    };
    let gained = analyze(&[&old, &new], Goal::Gained, &few).unwrap();
    let lost = analyze(&[&old, &new], Goal::Lost, &few).unwrap();
    assert!(gained.truncated && !gained.search_truncated);
    let text = swfsim::output::analysis::diff_text(&Ok((gained, lost)));
    assert!(text.contains("(the first ones; there are more)"), "{text}");
}

#[test]
fn independent_keys_are_decided_per_key() {
    // Old: a start is allowed when any of 40 keys has its `a` value; new: its `b` value. A
    // search over the product of the keys' classes meets 3^40 cases; per key, a few thousand.
    let dir = scratch("budget-independent-keys");
    let old = write(&dir, "old.json", &independent_keys(40, "a"));
    let new = write(&dir, "new.json", &independent_keys(40, "b"));
    let o = diff(
        &old,
        &new,
        &[
            "--format",
            "json",
            "--max-regions",
            "50",
            "--max-nodes",
            "100000",
            "--max-states",
            "50",
            "--timeout",
            "10m",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["answer"], "grantsMore");
    assert_eq!(j["truncated"], false);
    // One region per key each way: key I has its new value and no key has its old one.
    let gained = &j["newlyAllowed"];
    let lost = &j["newlyDenied"];
    assert_eq!(gained.as_array().unwrap().len(), 40);
    assert_eq!(lost.as_array().unwrap().len(), 40);
    assert!(decisions(gained, &old, &dir)
        .iter()
        .all(|d| d == "implicitDeny"));
    assert!(decisions(gained, &new, &dir).iter().all(|d| d == "allowed"));
    assert!(decisions(lost, &old, &dir).iter().all(|d| d == "allowed"));
    assert!(decisions(lost, &new, &dir)
        .iter()
        .all(|d| d == "implicitDeny"));
    assert_eq!(decisions(gained, &old, &dir).len(), 40);
}

#[test]
fn thousands_of_literals_under_one_operator_are_a_few_classes() {
    // 10,000 values of one StringEquals, one traded in the new policy: the answer names the
    // traded values, within a state limit far below what an automaton per literal would need.
    let values = |new: bool| -> Vec<String> {
        (0..10_000)
            .map(|i| {
                if new && i == 5_000 {
                    "team-new".to_string()
                } else {
                    format!("team-{i:05}")
                }
            })
            .collect()
    };
    let doc = |new: bool| {
        policy(vec![statement(
            "Allow",
            "*",
            serde_json::json!({"StringEquals": {"aws:PrincipalTag/team": values(new)}}),
        )])
    };
    let dir = scratch("budget-literals");
    let old = write(&dir, "old.json", &doc(false));
    let new = write(&dir, "new.json", &doc(true));
    let o = diff(
        &old,
        &new,
        &[
            "--format",
            "json",
            "--max-states",
            "20000",
            "--timeout",
            "10m",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let gained = j["newlyAllowed"].as_array().unwrap();
    let lost = j["newlyDenied"].as_array().unwrap();
    assert_eq!((gained.len(), lost.len()), (1, 1));
    let team = |r: &serde_json::Value| r["witness"]["context"]["aws:PrincipalTag/team"].clone();
    assert_eq!(team(&gained[0]), "team-new");
    assert_eq!(team(&lost[0]), "team-05000");
    // The literals count against --max-states: past it, unknown and the key named.
    let o = diff(&old, &new, &["--max-states", "5000", "--timeout", "10m"]);
    assert_eq!(o.status.code(), Some(2));
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.contains("`aws:PrincipalTag/team`"), "{text}");
}
