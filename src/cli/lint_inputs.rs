//! What `lint` reads: the files it is given (`-` is standard input), the `.json` files below the
//! folders it is given, and each path it cannot read, which becomes a finding rather than the
//! end of the run.

use super::stdin;
use std::path::{Path, PathBuf};

/// A path `lint` was given or found below a folder it was given.
pub enum Entry {
    /// A file to read (or `-`).
    File(PathBuf),
    /// A folder that could not be listed.
    Unreadable(PathBuf, std::io::Error),
}

/// The files of the paths `lint` is given, in the order given, each folder's `.json` files
/// below it in name order; and the folders given that hold no `.json` file at all.
pub fn collect(paths: &[PathBuf]) -> (Vec<Entry>, Vec<&Path>) {
    let mut out = Vec::new();
    let mut empty = Vec::new();
    for p in paths {
        if stdin::is_stdin(p) || !p.is_dir() {
            out.push(Entry::File(p.clone()));
            continue;
        }
        let before = out.len();
        let mut stack = vec![p.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    out.push(Entry::Unreadable(dir, e));
                    continue;
                }
            };
            let mut found: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            found.sort();
            for f in found {
                if f.is_dir() {
                    stack.push(f);
                } else if f.extension().is_some_and(|x| x == "json") {
                    out.push(Entry::File(f));
                }
            }
        }
        if out.len() == before {
            empty.push(p.as_path());
        }
    }
    (out, empty)
}

/// A file's text for `lint` (standard input's for `-`): text that is not UTF-8 is kept (lossily)
/// with the byte where decoding stopped, so it becomes a finding rather than a refusal.
pub fn read(path: &Path) -> std::io::Result<(String, Option<usize>)> {
    let bytes = stdin::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).to_string(), Some(at))
        }
    })
}
