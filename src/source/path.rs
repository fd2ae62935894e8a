//! File paths as they are named, read without the file system: the one folding of `.` and
//! `..` that suppression globs, SARIF locations and GitHub annotations all use.

use std::path::{Component, Path, PathBuf};

/// `path` with `.` left out and `dir/..` folded, read without the file system (a link is not
/// followed): a `..` above a relative path's start is kept, and `/..` is `/`.
pub fn folded(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            c => out.push(c),
        }
    }
    out
}

/// `path` (relative to `base`, or absolute) from `base`, both folded: `None` when it is not
/// below `base`.
pub fn below(base: &Path, path: &Path) -> Option<PathBuf> {
    let base = folded(base);
    folded(&base.join(path))
        .strip_prefix(&base)
        .ok()
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_fold_without_the_file_system() {
        let cases = [
            ("./iam/./a.json", "iam/a.json"),
            ("iam/old/../a.json", "iam/a.json"),
            ("../x/a.json", "../x/a.json"),
            ("a/../../b", "../b"),
            ("/../etc", "/etc"),
            ("/w/./r/../s", "/w/s"),
        ];
        for (path, want) in cases {
            assert_eq!(folded(Path::new(path)), Path::new(want), "{path}");
        }
        assert_eq!(
            below(Path::new("/w"), Path::new("iam/../p.json")),
            Some("p.json".into())
        );
        assert_eq!(
            below(Path::new("/w"), Path::new("/w/./p.json")),
            Some("p.json".into())
        );
        assert_eq!(below(Path::new("/w"), Path::new("../v/p.json")), None);
    }
}
