//! What `lint` reads: the files it is given (`-` is standard input), the `.json` files below the
//! folders it is given, and each path it cannot read, which becomes a finding rather than the
//! end of the run.
//!
//! A walk below a folder passes over hidden folders (a name starting with `.`), `node_modules`
//! and `target`, and what the `exclude` settings name; it enters a folder once (a symbolic link
//! back up the tree is not followed round), and reads only regular files. A path given is always
//! read, whatever it is.

use super::stdin;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The folders a walk passes over by name, besides hidden ones.
pub const SKIPPED_FOLDERS: [&str; 2] = ["node_modules", "target"];

/// A path `lint` was given or found below a folder it was given.
pub enum Entry {
    /// A file to read (or `-`).
    File(PathBuf),
    /// A folder that could not be listed.
    Unreadable(PathBuf, std::io::Error),
}

/// Whether a walk passes over a folder of this name whatever the settings say: a hidden one,
/// `node_modules` or `target`.
fn skipped_by_default(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || SKIPPED_FOLDERS.contains(&name.as_ref())
}

/// The files of the paths `lint` is given, in the order given, each folder's `.json` files
/// below it in name order; and the folders given that hold no `.json` file at all. `excluded`
/// says which paths found below a folder (a file, or a folder with all below it) to pass over.
pub fn collect<'a>(
    paths: &'a [PathBuf],
    excluded: &dyn Fn(&Path) -> bool,
) -> (Vec<Entry>, Vec<&'a Path>) {
    let mut out = Vec::new();
    let mut empty = Vec::new();
    for p in paths {
        if stdin::is_stdin(p) || !p.is_dir() {
            out.push(Entry::File(p.clone()));
            continue;
        }
        let before = out.len();
        walk(p, excluded, &mut out);
        if out.len() == before {
            empty.push(p.as_path());
        }
    }
    (out, empty)
}

/// The `.json` files below `root`, and the folders below it that cannot be listed.
fn walk(root: &Path, excluded: &dyn Fn(&Path) -> bool, out: &mut Vec<Entry>) {
    // Folders entered, by canonical path: a link to a folder already seen is not entered again.
    let mut seen: HashSet<PathBuf> = root.canonicalize().into_iter().collect();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.push(Entry::Unreadable(dir, e));
                continue;
            }
        };
        let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        found.sort();
        for f in found {
            // Links are followed; one that leads nowhere is a file that cannot be read.
            let meta = std::fs::metadata(&f);
            if meta.as_ref().is_ok_and(|m| m.is_dir()) {
                let skip = f.file_name().is_some_and(skipped_by_default) || excluded(&f);
                // One that cannot be resolved is entered, and its listing reports the problem.
                let new = f.canonicalize().map_or(true, |c| seen.insert(c));
                if !skip && new {
                    stack.push(f);
                }
            } else if f.extension().is_some_and(|x| x == "json")
                // A FIFO, socket or device found by a walk is not opened: reading one may never end.
                && meta.as_ref().map_or(true, |m| m.is_file())
                && !excluded(&f)
            {
                out.push(Entry::File(f));
            }
        }
    }
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
