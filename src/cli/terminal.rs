//! What reaches a terminal: colour (`--color`, `NO_COLOR`) and `--quiet`.
//!
//! Text answers on a terminal are coloured line by line by `output::paint_line`; `--quiet`
//! drops the warnings and notes on standard error (each with the lines under it), leaving
//! answers and errors. Neither applies to the machine formats.

use super::args::{ColorArg, Command, Format, LintFormat, ReportFormat};
use std::io::Write;

/// Whether a stream gets colour: `always`, `never`, or (`auto`) when it is a terminal and
/// `NO_COLOR` is not set to a non-empty value (<https://no-color.org>).
pub fn colour(choice: ColorArg, terminal: bool, no_color: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && !no_color,
    }
}

/// Whether a command's standard output is text for a person (what colour may be added to).
pub fn writes_text(command: &Command) -> bool {
    match command {
        Command::Simulate(a) => a.format == ReportFormat::Text,
        Command::Check(a) => a.format == ReportFormat::Text,
        Command::Diff(a) => a.format == Format::Text,
        Command::Lint(a) => a.format == LintFormat::Text,
        Command::Rules(a) => a.format == Format::Text,
        Command::WhoCan(a) => a.format == Format::Text,
        Command::Explain { .. } => true,
        Command::Completions { .. } | Command::Man { .. } => false,
    }
}

/// A stream written whole lines at a time, each painted and, with `quiet`, warnings and notes
/// dropped. The last line is passed on at `flush` even without its newline.
pub struct Lines<'a> {
    inner: &'a mut dyn Write,
    paint: bool,
    quiet: bool,
    pending: Vec<u8>,
    /// Whether the message being written is one `quiet` drops (its lines under it follow it).
    dropping: bool,
}

impl<'a> Lines<'a> {
    /// `inner`, painted and quieted as asked.
    pub fn new(inner: &'a mut dyn Write, paint: bool, quiet: bool) -> Lines<'a> {
        Lines {
            inner,
            paint,
            quiet,
            pending: Vec::new(),
            dropping: false,
        }
    }

    fn line(&mut self, line: &[u8], newline: bool) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(line);
        if self.quiet {
            if starts_message(&text) {
                self.dropping = is_warning_or_note(&text);
            }
            if self.dropping {
                return Ok(());
            }
        }
        let painted = if self.paint {
            swfsim::output::paint_line(&text)
        } else {
            text
        };
        self.inner.write_all(painted.as_bytes())?;
        if newline {
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Whether `line` starts a message (rather than continuing the one above it: an indented line,
/// a source excerpt `12 | ...`, a blank line).
fn starts_message(line: &str) -> bool {
    let excerpt = line.trim_start_matches(|c: char| c.is_ascii_digit());
    !(line.is_empty() || line.starts_with([' ', '\t']) || excerpt.starts_with(" |"))
}

/// Whether a message is a warning or a note (`warning: ...`, `FILE:L:C: warning[CODE]: ...`),
/// by the severity it opens with.
fn is_warning_or_note(line: &str) -> bool {
    swfsim::output::message_level(line).is_some_and(|level| level != "error")
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = memchr::memrchr(b'\n', &self.pending) {
            let done: Vec<u8> = self.pending.drain(..=last).collect();
            for line in done[..last].split(|b| *b == b'\n') {
                self.line(line, true)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.line(&rest, false)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(paint: bool, quiet: bool, text: &str) -> String {
        let mut out = Vec::new();
        {
            let mut l = Lines::new(&mut out, paint, quiet);
            // Written in pieces that split lines, as a buffered writer may.
            for chunk in text.as_bytes().chunks(7) {
                l.write_all(chunk).unwrap();
            }
            l.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quiet_drops_warnings_and_notes_with_their_lines() {
        let text = "warning: `iam/` holds no .json policy file\n\
                    p.json:3:5: warning[SWF207]: never matches\n   |\n3 |   \"Resource\"\n   |   ^^^\n  = help: x\n\n\
                    error: cannot read `x`\n  = help: check the path\n\
                    note: --jobs 64 is lowered to 8\n\
                    p.json:1:1: error[SWF001]: invalid JSON\nlast";
        assert_eq!(
            through(false, true, text),
            "error: cannot read `x`\n  = help: check the path\np.json:1:1: error[SWF001]: invalid JSON\nlast"
        );
        assert_eq!(through(false, false, text), text);
    }

    #[test]
    fn colour_follows_the_flag_the_terminal_and_no_color() {
        assert!(colour(ColorArg::Auto, true, false));
        assert!(!colour(ColorArg::Auto, true, true));
        assert!(!colour(ColorArg::Auto, false, false));
        assert!(colour(ColorArg::Always, false, true));
        assert!(!colour(ColorArg::Never, true, false));
        assert!(through(true, false, "DENIED (x): y\n").starts_with("\x1b[1;31mDENIED"));
    }
}
