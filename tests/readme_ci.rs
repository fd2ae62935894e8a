//! The README's CI recipes, run: the GitHub Actions workflow (the action, and the steps that
//! call swfsim), the pre-commit configuration and the GitLab CI job, each in a scratch
//! workspace with the built binary standing in for `cargo install`'s.

mod common;

use common::actions::{
    bash, run_action, run_step, test_binary_folder, workspace, Expressions, CLEAN,
};
use common::{root, stderr, stdout, write};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The install command every recipe runs before swfsim (its source a submodule at `swfsim/`).
const INSTALL: &str = "cargo install --locked --path swfsim";

/// The first YAML block under the README heading `### TITLE`.
fn recipe_text(title: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find(&format!("\n### {title}\n"))
        .unwrap_or_else(|| panic!("no `### {title}` in the README"));
    let rest = &readme[at..];
    let start = rest.find("```yaml\n").expect("a YAML block") + "```yaml\n".len();
    let end = start + rest[start..].find("\n```").expect("a closed block");
    rest[start..end].to_string()
}

/// The first YAML block under the README heading `### TITLE`, read as JSON.
fn recipe(title: &str) -> Value {
    common::yaml::to_json(&recipe_text(title))
}

/// A workspace like the recipes': `iam/` with a policy that allows everything and the
/// deployer's, and a deploy whose second start the deployer's policy does not allow.
fn deploy_workspace(name: &str) -> std::path::PathBuf {
    let dir = workspace(name);
    write(&dir.join("iam"), "deployer.json", CLEAN);
    let order = std::fs::read_to_string(root().join("policies/requests/order.json")).unwrap();
    let order: Value = serde_json::from_str(&order).unwrap();
    let mut elsewhere = order.clone();
    elsewhere["domain"] = "payments".into();
    write(&dir, "deploy.jsonl", &format!("{order}\n{elsewhere}\n"));
    dir
}

/// Runs a shell command of a recipe in `dir`, with the built binary first on `PATH`.
fn sh(dir: &Path, command: &str, env: &[(&str, &Path)]) -> std::process::Output {
    bash(dir, command, &test_binary_folder())
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn the_github_actions_recipe_lints_with_the_action_and_annotates_starts() {
    let workflow = recipe("GitHub Actions");
    let dir = deploy_workspace("readme-github");
    // The lint job: the action, from the submodule, with its inputs.
    for job in ["lint", "starts"] {
        let checkout = &workflow["jobs"][job]["steps"][0];
        assert_eq!(
            checkout["with"]["submodules"], true,
            "{job} checks swfsim's submodule out"
        );
    }
    let steps = workflow["jobs"]["lint"]["steps"].as_array().unwrap();
    let uses = steps
        .iter()
        .find(|s| s["uses"] == "./swfsim")
        .expect("the action");
    let action = common::actions::action();
    let with: Vec<(&str, &str)> = uses["with"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            assert!(
                action["inputs"][k].is_object(),
                "the action has no input `{k}`"
            );
            (k.as_str(), v.as_str().unwrap())
        })
        .collect();
    let run = run_action(&dir, &test_binary_folder(), &with);
    assert_eq!(
        run.exit,
        Some(1),
        "the allow-everything policy fails the job: {}",
        run.log
    );
    assert!(run.uploaded);

    // The starts job: its run steps, one after another (`if: always()` runs after a failure).
    let summary = dir.join("step-summary.md");
    let mut ran = Vec::new();
    for step in workflow["jobs"]["starts"]["steps"].as_array().unwrap() {
        let Some(command) = step["run"].as_str() else {
            continue;
        };
        if command == INSTALL {
            continue;
        }
        let o = run_step(
            step,
            &Expressions::default(),
            &dir,
            &test_binary_folder(),
            &[("GITHUB_STEP_SUMMARY", &summary)],
        );
        ran.push((command.to_string(), o));
    }
    let [(_, annotate), (_, markdown)] = ran.as_slice() else {
        panic!(
            "two steps call swfsim: {:?}",
            ran.iter().map(|r| &r.0).collect::<Vec<_>>()
        );
    };
    assert_eq!(annotate.status.code(), Some(1), "{}", stderr(annotate));
    let log = stdout(annotate);
    assert!(log.contains("::error file=deploy.jsonl,line=2"), "{log}");
    assert_eq!(markdown.status.code(), Some(1));
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.contains("| ") && summary.contains("OPERATION\\_NOT\\_PERMITTED"),
        "{summary}"
    );
}

#[test]
fn the_pre_commit_recipe_names_the_hook_and_its_arguments_work() {
    let config = recipe("pre-commit");
    let hooks = common::yaml::to_json(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    );
    let hook = &config["repos"][0]["hooks"][0];
    let defined = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == hook["id"])
        .expect("the hook is defined in .pre-commit-hooks.yaml");
    assert_eq!(hook["files"], "^iam/.*\\.json$");
    // What pre-commit runs: the hook's entry, the recipe's args, the files that match.
    let dir = deploy_workspace("readme-pre-commit");
    let args: Vec<&str> = hook["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let command = format!(
        "{} {} iam/admin.json iam/deployer.json",
        defined["entry"].as_str().unwrap(),
        args.join(" ")
    );
    let o = sh(&dir, &command, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("SWF303"));
    let o = sh(
        &dir,
        &format!(
            "{} {} iam/deployer.json",
            defined["entry"].as_str().unwrap(),
            args.join(" ")
        ),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn the_gitlab_recipe_writes_the_junit_report_it_names() {
    let job = &recipe("GitLab CI")["swfsim"];
    let dir = deploy_workspace("readme-gitlab");
    let script = job["script"].as_array().unwrap();
    assert_eq!(script[0], INSTALL);
    // GitLab leaves submodules out unless asked, and the install builds swfsim from one.
    assert_eq!(job["variables"]["GIT_SUBMODULE_STRATEGY"], "recursive");
    let mut exit = None;
    for line in &script[1..] {
        exit = sh(&dir, line.as_str().unwrap(), &[]).status.code();
    }
    assert_eq!(exit, Some(1), "a finding fails the job");
    assert_eq!(
        job["artifacts"]["when"], "always",
        "the report is kept when the job fails"
    );
    let report = dir.join(job["artifacts"]["reports"]["junit"].as_str().unwrap());
    let xml = std::fs::read_to_string(&report).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert!(failures >= 1, "{xml}");
    assert!(xml.contains("SWF303"));
}

#[test]
#[ignore = "needs pre-commit (PyPI) and a release build; .ci/run runs it"]
fn the_pre_commit_recipe_runs_under_pre_commit() {
    let dir = deploy_workspace("readme-pre-commit-run");
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output()
        .unwrap();
    let head = stdout(&head).trim().to_string();
    // The recipe, pointed at this checkout's commit instead of the hosted repository.
    let config = recipe_text("pre-commit")
        .replace("https://github.com/OWNER/swfsim", root().to_str().unwrap())
        .replace("v0.1.0", &head);
    write(&dir, ".pre-commit-config.yaml", &config);
    let run = |args: &[&str]| {
        Command::new(args[0])
            .args(&args[1..])
            .current_dir(&dir)
            .env("PRE_COMMIT_HOME", dir.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", root().join("target/install"))
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", args[0]))
    };
    assert!(run(&["git", "init", "-q"]).status.success());
    assert!(run(&["git", "add", "."]).status.success());
    let o = run(&["pre-commit", "run", "--all-files"]);
    let log = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{log}");
    assert!(
        log.contains("SWF303") && log.contains("iam/admin.json"),
        "{log}"
    );
}
