//! `contrib/org-export.sh`, the recipe `docs/org-file.md` gives for the org file, run against a
//! stand-in `aws` first on PATH that answers from `tests/data/org-recipe/responses.json` (and
//! fails on any call it has no answer for) and logs the calls it gets.
//!
//! The script needs jq and bash 4.4 or later. Without jq these tests fail, unless
//! `SWFSIM_SKIP_JQ=1` says to skip them.
#![cfg(unix)]

mod common;

use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The stand-in: the answer to `aws organizations COMMAND [--OPTION VALUE]... --output json` is
/// the member of `$FAKE_AWS_RESPONSES` named by the words after `organizations`, less
/// `--output json`; the call `$FAKE_AWS_FAIL` fails as AWS refuses a caller.
const FAKE_AWS: &str = r#"#!/usr/bin/env bash
set -euo pipefail
[[ ${1:-} == organizations ]] || { echo "fake aws: not an organizations call: $*" >&2; exit 252; }
shift
words=()
while (($#)); do
  if [[ $1 == --output ]]; then shift 2; else words+=("$1"); shift; fi
done
key="${words[*]}"
echo "$key" >>"$FAKE_AWS_LOG"
if [[ $key == "${FAKE_AWS_FAIL:-}" ]]; then
  echo "An error occurred (AccessDeniedException) when calling the ${words[0]} operation: You don't have permissions to access this resource." >&2
  exit 254
fi
jq -e --arg key "$key" '.[$key]' "$FAKE_AWS_RESPONSES" || { echo "fake aws: no canned answer for \`$key\`" >&2; exit 255; }
"#;

const RCP: &str = "RESOURCE_CONTROL_POLICY";

/// One run of the script: what it printed and the calls the stand-in got, in order.
struct Run {
    out: Output,
    calls: Vec<String>,
}

impl Run {
    fn document(&self) -> Value {
        assert!(
            self.out.status.success(),
            "org-export.sh failed ({}): {}",
            self.out.status,
            common::stderr(&self.out)
        );
        common::json(&self.out)
    }

    fn called(&self, part: &str) -> bool {
        self.calls.iter().any(|c| c.contains(part))
    }
}

fn data(name: &str) -> Value {
    let path = common::root().join("tests/data/org-recipe").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
}

/// Whether jq is there to run the script: without it a test fails, unless `SWFSIM_SKIP_JQ=1`.
fn have_jq() -> bool {
    if on_path("jq").is_some() {
        return true;
    }
    if std::env::var("SWFSIM_SKIP_JQ").as_deref() == Ok("1") {
        eprintln!("skipped: jq is not on PATH and SWFSIM_SKIP_JQ=1");
        return false;
    }
    panic!("contrib/org-export.sh needs jq, which is not on PATH: install it, or set SWFSIM_SKIP_JQ=1 to skip");
}

/// A scratch folder holding the stand-in `aws`, answering from `responses`.
fn fake_aws(name: &str, responses: &Value) -> PathBuf {
    let dir = common::scratch(&format!("org-recipe-{name}"));
    let aws = dir.join("aws");
    std::fs::write(&aws, FAKE_AWS).unwrap();
    std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
    common::write(&dir, "responses.json", &responses.to_string());
    dir
}

fn script() -> PathBuf {
    common::root().join("contrib/org-export.sh")
}

fn run_in(dir: &Path, mut command: Command, fail: Option<&str>) -> Run {
    command
        .env("FAKE_AWS_RESPONSES", dir.join("responses.json"))
        .env("FAKE_AWS_LOG", dir.join("calls.log"))
        .env("FAKE_AWS_FAIL", fail.unwrap_or(""));
    let out = command.output().expect("run contrib/org-export.sh");
    let log = std::fs::read_to_string(dir.join("calls.log")).unwrap_or_default();
    let calls = log.lines().map(str::to_string).collect();
    Run { out, calls }
}

/// The script with `args`, the stand-in first on PATH; `fail` names the call AWS refuses.
fn export(name: &str, responses: &Value, fail: Option<&str>, args: &[&str]) -> Run {
    let dir = fake_aws(name, responses);
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(dir.clone()).chain(std::env::split_paths(&path)));
    let mut command = Command::new(script());
    command.args(args).env("PATH", path.unwrap());
    run_in(&dir, command, fail)
}

fn assert_same(got: &Value, want: &Value) {
    assert!(
        got == want,
        "the org file differs; got:\n{}",
        serde_json::to_string_pretty(got).unwrap()
    );
}

#[test]
fn every_account_of_the_organization_by_default() {
    if !have_jq() {
        return;
    }
    let run = export("all", &data("responses.json"), None, &[]);
    assert_same(&run.document(), &data("expected.json"));
    // Each OU's parent, name and policies and each policy's text asked once, however many
    // accounts lie below; the management account's own attachments and the tag policies
    // enabled at the root not at all.
    let mut unique = run.calls.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        run.calls.len(),
        "a call repeated: {:#?}",
        run.calls
    );
    assert!(!run.called("--target-id 999999999999"), "{:#?}", run.calls);
    assert!(!run.called("TAG_POLICY"), "{:#?}", run.calls);
}

#[test]
fn named_accounts_only_with_what_their_paths_need() {
    if !have_jq() {
        return;
    }
    let run = export("one", &data("responses.json"), None, &["444455556666"]);
    assert_same(&run.document(), &data("expected-444455556666.json"));
    // Nothing of the Prod OU or the account in it.
    assert!(!run.called("111122223333"), "{:#?}", run.calls);
    assert!(!run.called("ou-ab12-prod0001"), "{:#?}", run.calls);
    assert!(!run.called("p-0denyswf1"), "{:#?}", run.calls);
}

#[test]
fn a_policy_type_not_enabled_at_the_root_is_not_fetched() {
    if !have_jq() {
        return;
    }
    // Disabled, the type is absent from the root's `PolicyTypes`; while being enabled, it is
    // there as `PENDING_ENABLE`. Either way no level holds RCPs.
    let absent = |types: &mut Vec<Value>| types.retain(|t| t["Type"] != RCP);
    let pending = |types: &mut Vec<Value>| {
        for t in types.iter_mut().filter(|t| t["Type"] == RCP) {
            t["Status"] = "PENDING_ENABLE".into();
        }
    };
    type Change<'a> = &'a dyn Fn(&mut Vec<Value>);
    let variants: [(&str, Change); 2] = [("absent", &absent), ("pending", &pending)];
    for (name, change) in variants {
        let mut responses = data("responses.json");
        let roots = &mut responses["list-roots"]["Roots"];
        change(roots[0]["PolicyTypes"].as_array_mut().unwrap());
        let mut want = data("expected-scp-only.json");
        want["roots"] = roots.clone();

        let run = export(&format!("rcp-{name}"), &responses, None, &[]);
        assert_same(&run.document(), &want);
        assert!(!run.called(RCP), "{name}: {:#?}", run.calls);
        assert!(
            !run.called("p-RCPFullAWSAccess"),
            "{name}: {:#?}",
            run.calls
        );
    }
}

#[test]
fn a_refused_call_stops_the_export_with_aws_own_message() {
    if !have_jq() {
        return;
    }
    // A member account may describe its organization but not list its roots; a policy may be
    // out of reach half-way through.
    for fail in ["list-roots", "describe-policy --policy-id p-0denyswf1"] {
        let run = export("refused", &data("responses.json"), Some(fail), &[]);
        let err = common::stderr(&run.out);
        assert_eq!(run.out.status.code(), Some(254), "{fail}: {err}");
        assert!(run.out.stdout.is_empty(), "{fail}: a partial document");
        assert!(err.contains("(AccessDeniedException)"), "{fail}: {err}");
        assert!(
            err.contains("management account or a delegated administrator"),
            "{fail}: {err}"
        );
    }
}

#[test]
fn an_argument_not_an_account_id_is_refused_before_any_call() {
    if !have_jq() {
        return;
    }
    let run = export("bad-id", &data("responses.json"), None, &["1111-2222-3333"]);
    assert!(!run.out.status.success());
    assert!(run.out.stdout.is_empty());
    assert!(common::stderr(&run.out).contains("`1111-2222-3333` is not an account id"));
    assert_eq!(run.calls, Vec::<String>::new());
}

#[test]
fn without_jq_or_aws_it_says_which_is_missing() {
    let bash = on_path("bash").expect("bash on PATH");
    // PATH holds the stand-in `aws` alone, then nothing at all: no jq either way.
    let with_aws = fake_aws("no-jq", &data("responses.json"));
    let with_nothing = common::scratch("org-recipe-no-aws");
    for (dir, missing) in [(with_aws, "`jq`"), (with_nothing, "`aws`")] {
        let mut command = Command::new(&bash);
        command.arg(script()).env("PATH", &dir);
        let run = run_in(&dir, command, None);
        let err = common::stderr(&run.out);
        assert!(!run.out.status.success(), "{missing}: {err}");
        assert!(run.out.stdout.is_empty());
        assert!(err.contains(&format!("{missing} is not on PATH")), "{err}");
        assert_eq!(run.calls, Vec::<String>::new());
    }
}

#[test]
fn help_names_the_permissions_it_needs() {
    let out = Command::new(script()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = common::stdout(&out);
    assert!(
        help.starts_with("Usage: org-export.sh [ACCOUNT_ID...]"),
        "{help}"
    );
    for needed in [
        "organizations:Describe*",
        "organizations:List*",
        "delegated administrator",
    ] {
        assert!(help.contains(needed), "{needed}: {help}");
    }
}
