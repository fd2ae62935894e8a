//! What a batch run holds in memory against a large policy set: the policy read once for the
//! lint and the evaluation, each thread's plans in proportion to the statements that match,
//! and blocks of full explanations sized by what their lines write.
//!
//! Peak memory is the process's own (`getrusage` of the children this test binary waited
//! for: this file runs no other child).

use std::process::{Command, Stdio};

/// An identity policy of `n` statements like `bench/statements.sh`'s: each allows (every tenth
/// denies) the start in one of eight domain prefixes, on three conditions.
fn policy(n: usize) -> String {
    let prefixes = [
        "prod-", "dev-", "test-", "team-", "alice-", "bob-", "ops", "",
    ];
    let names = ["OrderFlow", "RefundFlow", "Report", "Nightly"];
    let lists = ["prod-*", "dev-*", "*-tl", "batch", "ops-*", "weird"];
    let versions = ["1.0", "1.3", "2.1", "0.9", "9.9"];
    let statements: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"Sid":"S{i}","Effect":"{}","Action":"swf:StartWorkflowExecution","Resource":"arn:aws:swf:us-east-1:111122223333:/domain/{}*","Condition":{{"StringEquals":{{"swf:workflowType.name":"{}"}},"StringLike":{{"swf:taskList.name":"{}"}},"StringEqualsIfExists":{{"swf:workflowType.version":"{}"}}}}}}"#,
                if i % 10 == 9 { "Deny" } else { "Allow" },
                prefixes[i % 8],
                names[(i / 8) % 4],
                lists[(i / 32) % 6],
                versions[(i / 192) % 5],
            )
        })
        .collect();
    format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":[\n{}\n]}}",
        statements.join(",\n")
    )
}

/// The largest resident size, in KB, of the children waited for so far.
#[expect(
    unsafe_code,
    reason = "getrusage is the one way to read a finished child's peak memory"
)]
fn children_peak_kb() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given.
    let usage = unsafe {
        assert_eq!(
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()),
            0
        );
        usage.assume_init()
    };
    usage.ru_maxrss
}

/// 10,000 statements, 600 requests denied or allowed with full explanations of tens of KB
/// each, on two threads: the policy is held once, each thread's plans keep only the statements
/// that match, blocks are sized by the bytes their lines write, and freed memory goes back to
/// the system.
#[test]
fn a_batch_of_full_explanations_against_10000_statements_stays_under_100_mb() {
    let dir = std::env::temp_dir().join(format!("swfsim-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy_path = dir.join("policy.json");
    std::fs::write(&policy_path, policy(10_000)).unwrap();
    let domains = ["prod-eu", "dev-1", "team-red", "ops", "alice-x", "other"];
    let mut requests = String::new();
    for i in 0..600 {
        requests.push_str(&format!(
            r#"{{"request":{{"domain":"{}","workflowId":"wf-{i}","workflowType":{{"name":"OrderFlow","version":"1.3"}},"taskList":{{"name":"ops-queue"}}}},"principal":"arn:aws:iam::111122223333:user/dave","region":"us-east-1"}}"#,
            domains[i % domains.len()]
        ));
        requests.push('\n');
    }
    let requests_path = dir.join("requests.jsonl");
    std::fs::write(&requests_path, requests).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args([
            "simulate",
            "--format",
            "json",
            "--explain",
            "full",
            "--jobs",
            "2",
        ])
        .arg("--requests")
        .arg(&requests_path)
        .arg("--policy")
        .arg(&policy_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&[u8]> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 600);
    // Full explanations of many statements each: the blocks' text is what grows.
    assert!(out.len() > 600 * 10_000, "{} bytes", out.len());
    let peak_mb = children_peak_kb() / 1024;
    assert!(peak_mb < 100, "peak resident memory {peak_mb} MB");
}
