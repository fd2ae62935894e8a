//! Puts the commit a binary was built from into `swfsim --version`, and packs the AWS managed
//! policies swfsim ships into the binary ([`managed`]).
//!
//! Built from a git checkout, the version reads `0.1.0 (8d09f07 2026-12-07)`: the commit checked
//! out when the build ran (edits not yet committed are not marked; watching every file for them
//! would rebuild the crate at each `git status`). Built elsewhere (a source archive), it is the
//! package version alone, or `SWFSIM_BUILD_COMMIT` when a packager sets it. Only the local `git`
//! is asked; nothing is downloaded.

use std::path::Path;
use std::process::Command;

#[path = "build/managed.rs"]
mod managed;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8(out.stdout).ok()?.trim().to_string())
}

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    println!("cargo:rerun-if-env-changed=SWFSIM_BUILD_COMMIT");
    // A packager who builds outside git can name the commit.
    let described = match std::env::var("SWFSIM_BUILD_COMMIT") {
        Ok(c) if !c.trim().is_empty() => Some(c.trim().to_string()),
        _ => from_git(),
    };
    let long = match described {
        Some(d) => format!("{version} ({d})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=SWFSIM_LONG_VERSION={long}");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    managed::pack(Path::new(&manifest), Path::new(&out));
}

/// `SHORT-HASH DATE` of the checkout the crate is built in, and the files whose change
/// means a new commit (so the script runs again then).
fn from_git() -> Option<String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    // Only the crate's own checkout counts: a crate unpacked inside another repository is not
    // built from that repository's commit.
    let top = git(&["-C", &manifest, "rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != Path::new(&manifest).canonicalize().ok()? {
        return None;
    }
    let git_dir = git(&["-C", &manifest, "rev-parse", "--absolute-git-dir"])?;
    let common = git(&[
        "-C",
        &manifest,
        "rev-parse",
        "--path-format=absolute",
        "--git-common-dir",
    ])
    .unwrap_or_else(|| git_dir.clone());
    println!("cargo:rerun-if-changed={git_dir}/HEAD");
    println!("cargo:rerun-if-changed={common}/packed-refs");
    if let Some(head_ref) = git(&["-C", &manifest, "symbolic-ref", "-q", "HEAD"]) {
        println!("cargo:rerun-if-changed={common}/{head_ref}");
    }
    let hash = git(&["-C", &manifest, "rev-parse", "--short=7", "HEAD"])?;
    let date = git(&["-C", &manifest, "log", "-1", "--format=%cs", "HEAD"])?;
    Some(format!("{hash} {date}"))
}
