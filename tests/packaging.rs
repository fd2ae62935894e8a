//! How swfsim is installed and run in CI: `--version`, shell completions, manual pages, the
//! GitHub Action (`action.yml`), the Dockerfile and the pre-commit hook.
//!
//! The tests marked `#[ignore]` build swfsim with `cargo install` (a release build, minutes) or
//! need `pre-commit` from PyPI; `.ci/run` installs pre-commit and runs them with `--ignored`.

mod common;

use common::actions::{
    action, run_action, run_step, test_binary_folder, workspace, Expressions, ALLOW_ALL, CLEAN,
};
use common::{root, scratch, stderr, stdout, swfsim};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let o = Command::new("git")
        .args(args)
        .current_dir(root())
        .output()
        .ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let o = swfsim(&["--version"]);
    assert!(o.status.success());
    let version = stdout(&o);
    let expected = match (
        git(&["rev-parse", "--show-toplevel"]),
        git(&["rev-parse", "--short=7", "HEAD"]),
        git(&["log", "-1", "--format=%cs", "HEAD"]),
    ) {
        (Some(top), Some(hash), Some(date))
            if Path::new(&top).canonicalize().ok() == root().canonicalize().ok() =>
        {
            format!("swfsim {} ({hash} {date})\n", env!("CARGO_PKG_VERSION"))
        }
        _ => format!("swfsim {}\n", env!("CARGO_PKG_VERSION")),
    };
    assert_eq!(version, expected);
    // Every command answers with the same version.
    assert_eq!(
        stdout(&swfsim(&["lint", "--version"])),
        expected.replace("swfsim ", "swfsim-lint ")
    );
}

#[test]
fn bash_completion_completes_commands_and_flags() {
    let script = stdout(&swfsim(&["completions", "bash"]));
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; \
             COMP_POINT={point}; _swfsim swfsim '{last}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words = words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
            cword = words.len() - 1,
            point = line.len(),
            last = words[words.len() - 1],
            prev = words[words.len() - 2],
        );
        let o = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .output()
            .expect("bash");
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert!(complete("swfsim li").contains(&"lint".to_string()));
    assert_eq!(complete("swfsim lint --fail"), ["--fail-on"]);
    let levels = complete("swfsim lint --fail-on ");
    assert!(
        levels.contains(&"security-warning".to_string()),
        "{levels:?}"
    );
}

#[test]
fn every_shell_gets_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = swfsim(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        assert!(stdout(&o).contains("fail-on"), "{shell}");
    }
    let o = swfsim(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'tcsh'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_manual_has_a_page_for_every_command() {
    let page = stdout(&swfsim(&["man"]));
    assert!(page.starts_with(".ie"), "{page}");
    assert!(page.contains(&format!(
        ".TH swfsim 1  \"swfsim {}",
        env!("CARGO_PKG_VERSION")
    )));
    let dir = scratch("packaging-man");
    let o = swfsim(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let help = stdout(&swfsim(&["--help"]));
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(
        commands.contains(&"lint") && commands.contains(&"man"),
        "{commands:?}"
    );
    for c in &commands {
        let text = std::fs::read_to_string(dir.join(format!("swfsim-{c}.1")))
            .unwrap_or_else(|e| panic!("swfsim-{c}.1: {e}"));
        let header = format!(
            ".TH swfsim-{c} 1  \"swfsim-{c} {}",
            env!("CARGO_PKG_VERSION")
        );
        assert!(text.contains(&header), "{c}: {text}");
    }
    let lint = std::fs::read_to_string(dir.join("swfsim-lint.1")).unwrap();
    assert!(lint.contains("\\-\\-fail\\-on"), "{lint}");
}

#[test]
fn action_yml_is_valid_github_action_metadata() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/schemastore/github-action.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let action = action();
    let errors: Vec<String> = validator
        .iter_errors(&action)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema holds more than nothing: a misspelt key is refused.
    let mut wrong = action.clone();
    wrong["runs"]["step"] = wrong["runs"]["steps"].clone();
    assert!(!validator.is_valid(&wrong));
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "fail-on", "format"] {
        assert!(action["inputs"][input].is_object(), "input {input}");
    }
}

#[test]
fn the_action_uploads_sarif_and_fails_as_swfsim_does() {
    let dir = workspace("packaging-action");
    let run = run_action(&dir, &test_binary_folder(), &[("paths", "iam")]);
    assert_eq!(run.recorded.as_deref(), Some("1"), "{}", run.log);
    assert_eq!(run.exit, Some(1), "the job fails: {}", run.log);
    assert!(run.uploaded);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("swfsim.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "SWF303"), "{sarif}");

    // Only the clean policy, and a folder that does not exist beside it.
    let run = run_action(&dir, &test_binary_folder(), &[("paths", "iam/orders.json")]);
    assert_passed(&run);

    // A looser fail-on passes; another format prints to the log and uploads nothing.
    let run = run_action(
        &dir,
        &test_binary_folder(),
        &[("paths", "iam"), ("fail-on", "error"), ("format", "text")],
    );
    assert_eq!(run.exit, Some(0), "{}", run.log);
    assert!(run.log.contains("SWF303"), "{}", run.log);
    assert!(!run.uploaded);
}

/// The action ran, swfsim found nothing at or above fail-on, and the job passes.
fn assert_passed(run: &common::actions::ActionRun) {
    assert_eq!(
        (run.recorded.as_deref(), run.exit),
        (Some("0"), Some(0)),
        "{}",
        run.log
    );
}

#[test]
fn the_action_passes_over_its_own_checkout_in_the_workspace() {
    // `uses: ./swfsim`: the action is a submodule of the workspace, with JSON fixtures of its own.
    let dir = workspace("packaging-action-own");
    std::fs::remove_file(dir.join("iam/admin.json")).unwrap();
    let own = dir.join("swfsim/tests");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("fixture.json"), ALLOW_ALL).unwrap();
    let run = common::actions::run_action_from(
        &dir.join("swfsim"),
        &dir,
        &test_binary_folder(),
        &[("format", "json")],
    );
    assert!(!run.log.contains("fixture.json"), "{}", run.log);
    assert_passed(&run);
    // Named, it is linted like any path.
    let run = common::actions::run_action_from(
        &dir.join("swfsim"),
        &dir,
        &test_binary_folder(),
        &[("paths", "swfsim/tests"), ("format", "json")],
    );
    assert!(run.log.contains("fixture.json"), "{}", run.log);
}

#[test]
fn the_action_expands_globs_and_leaves_fail_on_to_the_configuration() {
    let dir = workspace("packaging-action-config");
    // A pattern, as a workflow writes it: each file it matches is linted.
    let run = run_action(
        &dir,
        &test_binary_folder(),
        &[("paths", "iam/*.json"), ("format", "json")],
    );
    let out: serde_json::Value =
        serde_json::from_str(run.log.lines().next().unwrap_or_default()).expect(&run.log);
    let files: Vec<&str> = (out["findings"].as_array().unwrap().iter())
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["iam/admin.json"], "{}", run.log);
    assert_eq!(run.exit, Some(1));
    // Without a fail-on input, the configuration's applies.
    std::fs::write(dir.join("swfsim.toml"), "fail-on = \"error\"\n").unwrap();
    let run = run_action(&dir, &test_binary_folder(), &[("paths", "iam")]);
    assert_passed(&run);
    // The input still wins over it.
    let run = run_action(
        &dir,
        &test_binary_folder(),
        &[("paths", "iam"), ("fail-on", "warning")],
    );
    assert_eq!(run.exit, Some(1), "{}", run.log);
}

/// `cargo install`'s build folder for the ignored tests: one build serves the action and the
/// Dockerfile, and stays out of the debug build's way.
fn install_target() -> PathBuf {
    root().join("target/install")
}

#[test]
#[ignore = "a release build with cargo install; .ci/run runs it"]
fn the_action_installs_swfsim_from_the_repository() {
    let dir = workspace("packaging-action-install");
    let runner_temp = dir.join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let github_path = dir.join("github-path");
    let action = action();
    let mut ex = Expressions::default();
    ex.set("github.action_path", root().to_str().unwrap());
    let install = &action["runs"]["steps"][0];
    let target = install_target();
    let o = run_step(
        install,
        &ex,
        &dir,
        Path::new("/nonexistent"),
        &[
            ("RUNNER_TEMP", &runner_temp),
            ("GITHUB_PATH", &github_path),
            ("CARGO_TARGET_DIR", &target),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bin = PathBuf::from(std::fs::read_to_string(&github_path).unwrap().trim());
    let version = Command::new(bin.join("swfsim"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(stdout(&version), stdout(&swfsim(&["--version"])));
    let run = run_action(&dir, &bin, &[("paths", "iam")]);
    assert_eq!(run.exit, Some(1), "{}", run.log);
}

/// The instructions of one stage of the Dockerfile: (instruction, arguments).
fn dockerfile_stages() -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let mut stages: Vec<Vec<(String, String)>> = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (instruction, args) = line.split_once(' ').unwrap_or((line, ""));
        if instruction == "FROM" {
            stages.push(Vec::new());
        }
        stages
            .last_mut()
            .expect("FROM first")
            .push((instruction.to_string(), args.trim().to_string()));
    }
    stages
}

#[test]
fn the_dockerfile_copies_what_its_build_stage_installs() {
    let stages = dockerfile_stages();
    assert_eq!(stages.len(), 2);
    let build = &stages[0];
    assert!(build[0].1.ends_with(" AS build"), "{build:?}");
    let root_dir = build
        .iter()
        .find_map(|(i, a)| {
            (i == "ENV")
                .then(|| a.strip_prefix("CARGO_INSTALL_ROOT="))
                .flatten()
        })
        .expect("ENV CARGO_INSTALL_ROOT");
    assert!(build.contains(&("COPY".into(), ". .".into())));
    let last = &stages[1];
    assert!(last.contains(&(
        "COPY".into(),
        format!("--from=build {root_dir}/bin/swfsim /usr/local/bin/swfsim")
    )));
    assert!(last.contains(&("ENTRYPOINT".into(), "[\"swfsim\"]".into())));
    // The build context leaves out the build folders.
    let ignore = std::fs::read_to_string(root().join(".dockerignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "target/"));
}

#[test]
#[ignore = "a release build with cargo install; .ci/run runs it"]
fn the_dockerfile_build_stage_builds_a_working_binary() {
    let stages = dockerfile_stages();
    let out = scratch("packaging-docker");
    let mut cmd_args: Vec<String> = Vec::new();
    // `WORKDIR /src` and `COPY . .`: the build runs in the repository itself.
    for (instruction, args) in &stages[0] {
        match instruction.as_str() {
            "RUN" => {
                let o = Command::new("sh")
                    .args(["-c", args])
                    .current_dir(root())
                    .env("CARGO_INSTALL_ROOT", &out)
                    .env("CARGO_TARGET_DIR", install_target())
                    .output()
                    .unwrap();
                assert!(o.status.success(), "RUN {args}: {}", stderr(&o));
            }
            "FROM" | "ARG" | "ENV" | "WORKDIR" | "COPY" => {}
            other => panic!("the build stage's {other} is not run by this test"),
        }
    }
    for (instruction, args) in &stages[1] {
        if instruction == "CMD" {
            cmd_args = serde_json::from_str(args).unwrap();
        }
    }
    let bin = out.join("bin/swfsim");
    let o = Command::new(&bin).args(&cmd_args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = Command::new(&bin)
        .args(["lint", "--fail-on", "none", "policies"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("SWF305"), "{}", stdout(&o));
}

#[test]
fn the_pre_commit_hook_lints_json_files_with_swfsim() {
    let hooks = common::yaml::to_json(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    );
    let hook = &hooks[0];
    assert_eq!(hook["id"], "swfsim-lint");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["entry"], "swfsim lint");
    assert_eq!(hook["types"], serde_json::json!(["json"]));
}

#[test]
#[ignore = "needs pre-commit (PyPI) and a release build; .ci/run runs it"]
fn pre_commit_try_repo_runs_the_hook() {
    let dir = workspace("packaging-pre-commit");
    let git_env = [
        ("GIT_AUTHOR_NAME", "t"),
        ("GIT_AUTHOR_EMAIL", "t@example.com"),
        ("GIT_COMMITTER_NAME", "t"),
        ("GIT_COMMITTER_EMAIL", "t@example.com"),
    ];
    let run = |args: &[&str]| {
        let mut cmd = Command::new(args[0]);
        cmd.args(&args[1..])
            .current_dir(&dir)
            .envs(git_env)
            .env("PRE_COMMIT_HOME", dir.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", install_target());
        cmd.output().unwrap_or_else(|e| panic!("{}: {e}", args[0]))
    };
    assert!(run(&["git", "init", "-q"]).status.success());
    assert!(run(&["git", "add", "iam"]).status.success());
    let repo = root();
    let try_repo = || {
        let o = run(&[
            "pre-commit",
            "try-repo",
            repo.to_str().unwrap(),
            "swfsim-lint",
            "--all-files",
        ]);
        (o.status.code(), format!("{}{}", stdout(&o), stderr(&o)))
    };
    let (code, log) = try_repo();
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("SWF303"), "{log}");
    std::fs::write(dir.join("iam/admin.json"), CLEAN).unwrap();
    let (code, log) = try_repo();
    assert_eq!(code, Some(0), "{log}");
}

#[test]
fn the_changelog_has_a_section_for_the_current_version() {
    let log = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap();
    let releases: Vec<&str> = log
        .lines()
        .filter_map(|l| l.strip_prefix("## ["))
        .filter(|l| !l.starts_with("Unreleased"))
        .collect();
    let newest = releases.first().expect("a release");
    assert!(
        newest.starts_with(&format!("{}] - ", env!("CARGO_PKG_VERSION"))),
        "the newest release in CHANGELOG.md is `{newest}`, the crate's version {}",
        env!("CARGO_PKG_VERSION")
    );
}
