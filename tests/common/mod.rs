//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn swfsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run swfsim")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

/// A fresh scratch folder under target/.
pub fn scratch(name: &str) -> PathBuf {
    let p = root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().to_string()
}

/// `swfsim simulate --request policies/requests/order.json` with more arguments.
pub fn simulate_order(args: &[&str]) -> Output {
    swfsim(
        &[
            &["simulate", "--request", "policies/requests/order.json"],
            args,
        ]
        .concat(),
    )
}
