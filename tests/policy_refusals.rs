//! What IAM refuses in a policy, `simulate` refuses too (exit 2, the error at its place, the
//! same finding `lint` reports there); what it accepts but never matches as written is said on
//! stderr beside the answer.

mod common;
use common::*;

const NOW: &str = "2026-11-25T12:00:00Z";

fn policy(statement: &str) -> String {
    format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#)
}

fn simulate_with(policy_file: &str) -> std::process::Output {
    simulate_order(&["--policy", policy_file, "--now", NOW])
}

#[test]
fn what_iam_refuses_simulate_refuses() {
    let dir = scratch("iam-refuses");
    // (statement, the code, the text the error points at)
    let cases = [
        (
            r#"{"Effect": "Allow", "Action": [], "Resource": "*"}"#,
            "SWF005",
            "[]",
        ),
        (
            r#"{"Effect": "Allow", "NotAction": [], "Resource": "*"}"#,
            "SWF005",
            "[]",
        ),
        (
            r#"{"Effect": "Allow", "Action": "swf:*", "Resource": []}"#,
            "SWF005",
            "[]",
        ),
        (
            r#"{"Effect": "Allow", "Action": "swf:*", "NotResource": []}"#,
            "SWF005",
            "[]",
        ),
        (
            r#"{"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringNotEquals": {"swf:taskList.name": []}}}"#,
            "SWF005",
            "[]",
        ),
        (
            r#"{"Effect": "Allow", "Action": " swf:StartWorkflowExecution", "Resource": "*"}"#,
            "SWF010",
            r#"" swf:StartWorkflowExecution""#,
        ),
        (
            r#"{"Effect": "Deny", "Action": "swf:StartWorkflowExecution ", "Resource": "*"}"#,
            "SWF010",
            r#""swf:StartWorkflowExecution ""#,
        ),
        (
            r#"{"Effect": "Deny", "Action": "swf:Start\u0000", "Resource": "*"}"#,
            "SWF010",
            r#""swf:Start\u0000""#,
        ),
        (
            r#"{"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username"}"#,
            "SWF018",
            r#""arn:aws:swf:*:123456789012:/domain/${aws:username""#,
        ),
        (
            r#"{"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringLike": {"swf:taskList.name": ["${aws:username}-*", "x-${aws:userid"]}}}"#,
            "SWF018",
            r#""x-${aws:userid""#,
        ),
    ];
    for (i, (statement, code, at)) in cases.into_iter().enumerate() {
        let text = policy(statement);
        let column = text.find(at).unwrap() + 1;
        let file = write(&dir, &format!("p{i}.json"), &text);
        let place = format!("{file}:1:{column}:");
        let o = simulate_with(&file);
        assert_eq!(o.status.code(), Some(2), "{statement}: {}", stdout(&o));
        assert!(stdout(&o).is_empty(), "{statement}");
        let e = stderr(&o);
        assert!(
            e.contains(&format!("{place} error[{code}]")),
            "{statement}: {e}"
        );
        // lint says the same, at the same place.
        let l = swfsim(&["lint", &file]);
        assert!(
            stdout(&l).contains(&format!("{place} error[{code}]")),
            "{statement}: {}",
            stdout(&l)
        );
    }
}

#[test]
fn what_iam_reads_literally_is_not_refused() {
    let dir = scratch("iam-reads-literally");
    for text in [
        // Without Version 2012-10-17 a `${` is text.
        r#"{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${orders"}}"#.to_string(),
        // Closed variables, a literal `$` written as `${$}`, a `}` without `${`.
        policy(
            r#"{"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}${$}}", "Condition": {"StringLike": {"swf:taskList.name": "${*}-$-{"}}}"#,
        ),
    ] {
        let file = write(&dir, "p.json", &text);
        let o = simulate_with(&file);
        assert_ne!(o.status.code(), Some(2), "{text}: {}", stderr(&o));
    }
}

#[test]
fn simulate_prints_error_level_findings_on_stderr() {
    let dir = scratch("error-findings");
    let allow = r#"{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/*"}"#;
    // A Deny whose action SWF does not have never matches: the start is allowed, and stderr
    // says why the Deny did nothing.
    let typo = r#"{"Effect": "Deny", "Action": "swf:StartWorkflowExcution", "Resource": "*"}"#;
    let clean = write(&dir, "clean.json", &policy(allow));
    let text = policy(&format!("{allow}, {typo}"));
    let column = text.find("\"swf:StartWorkflowExcution\"").unwrap() + 1;
    let denied = write(&dir, "deny-typo.json", &text);
    for format in ["text", "json"] {
        let a = simulate_order(&["--policy", &clean, "--format", format, "--now", NOW]);
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(stderr(&a), "", "a clean policy adds nothing on stderr");
        let b = simulate_order(&["--policy", &denied, "--format", format, "--now", NOW]);
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
        assert_eq!(
            stderr(&b),
            format!(
                "{denied}:1:{column}: error[SWF201]: `swf:StartWorkflowExcution` is not an SWF action\n  = help: did you mean `swf:StartWorkflowExecution`?\n"
            )
        );
        assert!(!stdout(&b).contains("SWF201"), "stdout is the answer alone");
    }
    // Findings below error level stay with `lint`.
    let loose = write(
        &dir,
        "loose.json",
        r#"{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}"#,
    );
    let o = simulate_order(&["--policy", &loose, "--now", NOW]);
    assert_eq!(stderr(&o), "");
    assert!(!stdout(&swfsim(&["lint", &loose])).starts_with("0 findings"));
}
