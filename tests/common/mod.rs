//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The README's policy set and world: the deployer role, the boundary, the SCP level, the world.
pub const README_SET: &[&str] = &[
    "--policy",
    "policies/deployer-role.json",
    "--boundary",
    "policies/boundary-us-regions.json",
    "--scp",
    "policies/scp-deny-insecure-transport.json",
    "--world",
    "policies/world.json",
];

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

/// `swfsim lint` with `args`, run in `dir`.
pub fn lint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swfsim"))
        .arg("lint")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run swfsim")
}

/// The files of a `lint --format json` answer's findings, in order.
pub fn finding_files(o: &Output) -> Vec<String> {
    let v = json(o);
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    (findings.iter())
        .map(|f| f["file"].as_str().unwrap_or("").to_string())
        .collect()
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

/// The reference workload (`bench/workload.rs`), for the tests that run it.
#[path = "../../bench/workload.rs"]
pub mod workload;

pub mod actions;
pub mod yaml;

/// SplitMix64: reproducible cases without a dependency (the reference workload's generator).
#[allow(unused_imports)]
pub use workload::Rng;

/// A set of one identity policy; `None` when IAM refuses the text (a generator may write one:
/// a key twice under one operator).
pub fn set(text: &str) -> Option<swfsim::eval::PolicySet> {
    Some(swfsim::eval::PolicySet {
        identity: swfsim::eval::load(
            text,
            swfsim::source::SourceId(0),
            swfsim::policy::PolicyKind::Identity,
        )
        .ok()?,
        ..Default::default()
    })
}
