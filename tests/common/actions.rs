//! A small runner for the shell steps of GitHub Actions YAML (the repository's `action.yml`, the
//! README's workflow recipe): each `run:` is given to bash as GitHub gives it (`bash -e {0}` with
//! `set -o pipefail`), after its `${{ ... }}` expressions are replaced from a table.

use super::{root, scratch, stderr, stdout, write};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The values of the `${{ ... }}` expressions a test's steps use (`inputs.paths`,
/// `github.action_path`, `steps.lint.outputs.exit-code`, ...).
#[derive(Default)]
pub struct Expressions(pub BTreeMap<String, String>);

impl Expressions {
    pub fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_string(), value.to_string());
    }

    /// `text` with each `${{ NAME }}` replaced; an expression not in the table fails the test.
    pub fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("closed expression") + start;
            let name = rest[start + 3..end].trim();
            let value = self
                .0
                .get(name)
                .unwrap_or_else(|| panic!("no value for the expression `{name}`"));
            out.push_str(value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// `command` for bash as GitHub runs a step's (`bash -e` with `pipefail`), in `dir`, with
/// `path_first` ahead of `PATH`.
pub fn bash(dir: &Path, command: &str, path_first: &Path) -> Command {
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", command])
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                path_first.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        );
    cmd
}

/// Runs one step's `run` with its `env`, in `dir`, with `path_first` ahead of `PATH`.
pub fn run_step(
    step: &Value,
    ex: &Expressions,
    dir: &Path,
    path_first: &Path,
    extra_env: &[(&str, &Path)],
) -> Output {
    let script = ex.expand(step["run"].as_str().expect("a run step"));
    let mut cmd = bash(dir, &script, path_first);
    if let Some(env) = step["env"].as_object() {
        for (k, v) in env {
            cmd.env(k, ex.expand(v.as_str().expect("a string env value")));
        }
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output().expect("run bash")
}

/// The `NAME=VALUE` lines a step wrote to its `$GITHUB_OUTPUT` file.
pub fn outputs(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A policy that allows every action on every resource: SWF303, a security warning.
pub const ALLOW_ALL: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#;

/// A policy with no finding.
pub const CLEAN: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "swf:StartWorkflowExecution",
    "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders"
  }]
}"#;

/// `action.yml`, read as JSON.
pub fn action() -> Value {
    super::yaml::to_json(&std::fs::read_to_string(root().join("action.yml")).unwrap())
}

/// A workspace with one folder of policies, one clean and one with a security warning.
pub fn workspace(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("iam")).unwrap();
    write(&dir.join("iam"), "admin.json", ALLOW_ALL);
    write(&dir.join("iam"), "orders.json", CLEAN);
    dir
}

/// The result of running the action's steps after its install step.
pub struct ActionRun {
    pub log: String,
    pub exit: Option<i32>,
    pub recorded: Option<String>,
    pub uploaded: bool,
}

/// Runs the action's steps after `Install swfsim`, as GitHub would, with `bin` (a folder with
/// `swfsim`) first on `PATH` and `inputs` over the action's defaults. The upload step (another
/// action) is not run: whether its condition holds is returned.
pub fn run_action(dir: &Path, bin: &Path, inputs: &[(&str, &str)]) -> ActionRun {
    run_action_from(&root(), dir, bin, inputs)
}

/// [`run_action`] with the action checked out at `action_path`.
pub fn run_action_from(
    action_path: &Path,
    dir: &Path,
    bin: &Path,
    inputs: &[(&str, &str)],
) -> ActionRun {
    let action = action();
    let mut ex = Expressions::default();
    for (name, spec) in action["inputs"].as_object().unwrap() {
        ex.set(
            &format!("inputs.{name}"),
            spec["default"].as_str().unwrap_or(""),
        );
    }
    for (name, value) in inputs {
        ex.set(&format!("inputs.{name}"), value);
    }
    ex.set("github.action_path", action_path.to_str().unwrap());
    let github_output = dir.join("github-output");
    let mut run = ActionRun {
        log: String::new(),
        exit: None,
        recorded: None,
        uploaded: false,
    };
    let steps = action["runs"]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["name"], "Install swfsim");
    for step in &steps[1..] {
        if step["uses"].is_string() {
            assert_eq!(step["with"]["sarif_file"], "swfsim.sarif");
            run.uploaded = ex.0["inputs.format"] == "sarif" && dir.join("swfsim.sarif").exists();
            continue;
        }
        let o = run_step(step, &ex, dir, bin, &[("GITHUB_OUTPUT", &github_output)]);
        run.log.push_str(&stdout(&o));
        run.log.push_str(&stderr(&o));
        run.exit = o.status.code();
        if step["id"] == "lint" {
            assert!(
                o.status.success(),
                "the lint step itself succeeds: {}",
                run.log
            );
            run.recorded = outputs(&github_output).get("exit-code").cloned();
            ex.set(
                "steps.lint.outputs.exit-code",
                run.recorded.as_deref().unwrap_or(""),
            );
        }
    }
    run
}

pub fn test_binary_folder() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_swfsim"))
        .parent()
        .unwrap()
        .to_path_buf()
}
