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

/// SplitMix64: reproducible cases without a dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

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
