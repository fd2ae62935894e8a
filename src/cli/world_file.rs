//! `--world-out`: one run at a time writes a world file, and a world file is never broken, lost
//! or half written.
//!
//! A run takes an advisory lock on `.NAME.lock` beside the target before it reads any world
//! and keeps it until the new world is renamed into place: a run whose `--world` is the target
//! reads what the run before it wrote, so no run's starts are lost. The new world is written
//! to a temporary file beside the target (created new, under a name no other process can
//! foresee), synced, renamed over the target, and the folder synced. Temporary files left by
//! runs killed before their rename are found (under the lock, no live run owns one) and removed.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::path::{Path, PathBuf};
use swfsim::swf::World;

/// Where a run's new world goes, held from before the world is read to after it is written.
pub(super) struct WorldOut {
    target: PathBuf,
    dir: PathBuf,
    /// The temporary file, `None` once renamed.
    tmp: Option<(PathBuf, File)>,
    /// Released when dropped (closing the file releases its lock).
    _lock: File,
}

/// The marker between a temporary file's target name and its random part.
const TMP_MARK: &str = ".swfsim-";

fn error(target: &Path, e: impl std::fmt::Display, help: &str) -> String {
    format!(
        "error: cannot write `{}`: {e}\n  = help: {help}",
        target.display()
    )
}

impl WorldOut {
    /// Takes the target's lock (waiting for another run that holds it, with a note on `err`),
    /// removes what killed runs left, and creates this run's temporary file: a folder that
    /// cannot take the new world is found here, before any request is answered.
    pub(super) fn prepare(target: &Path, err: &mut dyn Write) -> Result<WorldOut, String> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(error(
                target,
                "it names no file",
                "give `--world-out` a file name",
            ));
        };
        if target.is_dir() {
            return Err(error(
                target,
                "it is a folder",
                "give `--world-out` a file name",
            ));
        }
        let unwritable = "the world is written beside it and renamed into place: its folder must exist and be writable (nothing was run)";
        let lock_path = dir.join(format!(".{name}.lock"));
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .or_else(|e| File::open(&lock_path).map_err(|_| e))
            .map_err(|e| error(target, e, unwritable))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = writeln!(
                    err,
                    "note: another run is writing `{}`; waiting for it to finish (lock `{}`)",
                    target.display(),
                    lock_path.display()
                );
                lock.lock().map_err(|e| lock_error(target, &lock_path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(lock_error(target, &lock_path, e));
            }
        }
        remove_leftovers(&dir, &name, target, err);
        let tmp = create_tmp(&dir, &name).map_err(|e| error(target, e, unwritable))?;
        Ok(WorldOut {
            target: target.to_path_buf(),
            dir,
            tmp: Some(tmp),
            _lock: lock,
        })
    }

    /// Writes the world: the temporary file, synced, renamed over the target, the folder
    /// synced; then the lock is released.
    pub(super) fn commit(mut self, world: &World) -> Result<(), String> {
        let Some((tmp, file)) = self.tmp.take() else {
            return Ok(());
        };
        // Written as it is serialized: a world of 200,000 executions is 30 MB of text.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let written = serde_json::to_writer_pretty(&mut out, world)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&tmp, &self.target));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(error(
                &self.target,
                e,
                "the world the run started from is unchanged; run it again once the folder can take the new world",
            ));
        }
        sync_dir(&self.dir).map_err(|e| {
            format!(
                "error: `{}` was written, but its folder could not be synced to disk: {e}",
                self.target.display()
            )
        })
    }
}

impl Drop for WorldOut {
    /// A run that stops before its world is written leaves no temporary file.
    fn drop(&mut self) {
        if let Some((tmp, file)) = self.tmp.take() {
            drop(file);
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn lock_error(target: &Path, lock: &Path, e: std::io::Error) -> String {
    error(
        target,
        format_args!("cannot lock `{}`: {e}", lock.display()),
        "the folder must allow file locks: two runs writing one world at once would lose starts",
    )
}

/// A new file `.NAME.swfsim-XXXXXXXXXXXXXXXX.tmp` in `dir`, its name drawn from keys no other
/// process knows (std's per-process random hash keys), the process id, the clock and a
/// count, drawn again if the name is taken.
fn create_tmp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let keys = RandomState::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut tries = 0u32;
    loop {
        let draw = keys.hash_one((std::process::id(), nanos, tries));
        let path = dir.join(format!(".{name}{TMP_MARK}{draw:016x}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 64 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary files of `name` that runs killed before their rename left, with a
/// note for each: under the lock, no live run is writing one.
fn remove_leftovers(dir: &Path, name: &str, target: &Path, err: &mut dyn Write) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}{TMP_MARK}");
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(file) = file.to_str() else {
            continue;
        };
        if !(file.starts_with(&prefix) && file.ends_with(".tmp")) {
            continue;
        }
        let path = target.with_file_name(file);
        let _ = match std::fs::remove_file(&path) {
            Ok(()) => writeln!(
                err,
                "note: removed `{}`, left by a run that stopped before writing `{}`",
                path.display(),
                target.display()
            ),
            Err(e) => writeln!(
                err,
                "warning: `{}` was left by a run that stopped before writing `{}`, and cannot be removed: {e}",
                path.display(),
                target.display()
            ),
        };
    }
}

/// Syncs a folder, so that a rename in it survives a crash (where a folder can be opened).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}
