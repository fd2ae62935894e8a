//! The command's output, checked: an answer that could not be written in full is no answer.

use super::exit::Exit;
use std::io::Write;

/// The command's output, keeping the first error writing it (and failing every write after
/// it: a batch stops there).
pub struct Checked<'a> {
    out: &'a mut dyn Write,
    failed: Option<(std::io::ErrorKind, String)>,
}

impl<'a> Checked<'a> {
    /// `out`, checked.
    pub fn new(out: &'a mut dyn Write) -> Checked<'a> {
        Checked { out, failed: None }
    }

    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r {
            if e.kind() != std::io::ErrorKind::Interrupted && self.failed.is_none() {
                self.failed = Some((e.kind(), e.to_string()));
            }
        }
        r
    }

    fn refuse(&self) -> std::io::Result<()> {
        match &self.failed {
            Some((kind, message)) => Err(std::io::Error::new(*kind, message.clone())),
            None => Ok(()),
        }
    }

    /// The exit of a command whose output went here: its own, unless writing failed (then 2,
    /// with the error on `err`).
    pub fn finish(mut self, code: Exit, err: &mut dyn Write) -> Exit {
        let _ = self.flush();
        match self.failed {
            None => code,
            Some((kind, message)) => {
                if kind == std::io::ErrorKind::BrokenPipe {
                    let _ = writeln!(
                        err,
                        "error: the output was closed before the whole answer was written"
                    );
                } else {
                    let _ = writeln!(err, "error: cannot write the output: {message}");
                }
                Exit::Unanswerable
            }
        }
    }
}

impl Write for Checked<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.refuse()?;
        let r = self.out.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.refuse()?;
        let r = self.out.flush();
        self.keep(r)
    }
}
