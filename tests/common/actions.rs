//! A small runner for the shell steps of GitHub Actions YAML (the repository's `action.yml`, the
//! README's workflow recipe): each `run:` is given to bash as GitHub gives it (`bash -e {0}` with
//! `set -o pipefail`), after its `${{ ... }}` expressions are replaced from a table.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
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

/// Runs one step's `run` with its `env`, in `dir`, with `path_first` ahead of `PATH`.
pub fn run_step(
    step: &Value,
    ex: &Expressions,
    dir: &Path,
    path_first: &Path,
    extra_env: &[(&str, &Path)],
) -> Output {
    let script = ex.expand(step["run"].as_str().expect("a run step"));
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
        .current_dir(dir);
    let path = format!(
        "{}:{}",
        path_first.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env("PATH", path);
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
