//! The progress line a batch shows on a terminal.

use std::io::Write;

/// A batch's progress bar on stderr, for people: never in machine output, only when stderr is
/// a terminal (see `progress_line`).
pub struct Progress {
    on: bool,
    /// Requests answered and written.
    done: usize,
    /// Bytes of input they were.
    bytes: u64,
    /// The input's size, when it is a file.
    size: Option<u64>,
    start: std::time::Instant,
    last: std::time::Instant,
    /// The longest line shown.
    shown: usize,
}

impl Progress {
    /// A progress line shown on a terminal only (`on`), for an input of `size` bytes when it is
    /// a file.
    pub fn new(on: bool, size: Option<u64>) -> Progress {
        let now = std::time::Instant::now();
        Progress {
            on,
            done: 0,
            bytes: 0,
            size,
            start: now,
            last: now,
            shown: 0,
        }
    }

    /// `n` more requests written, which were `bytes` of input.
    pub fn tick(&mut self, n: usize, bytes: usize, err: &mut dyn Write) {
        self.done += n;
        self.bytes += bytes as u64;
        if self.on && self.last.elapsed().as_millis() >= 200 {
            self.last = std::time::Instant::now();
            let line = progress_line(self.done, self.bytes, self.size, self.start.elapsed());
            let _ = write!(err, "\r{line}");
            self.shown = self.shown.max(line.len());
            let _ = err.flush();
        }
    }

    /// The last line, over the progress line (blanks cover what it does not).
    pub fn finish(&self, err: &mut dyn Write) {
        if self.on && self.start.elapsed().as_millis() >= 200 {
            let secs = self.start.elapsed().as_secs_f64();
            let line = format!("{} requests in {secs:.1}s", self.done);
            let _ = writeln!(err, "\r{line:<width$}", width = self.shown);
        }
    }
}

/// The progress line after `done` requests of `bytes` of input in `elapsed`: with the input's
/// `size`, a bar, the share read and the time left at the rate so far; without (a pipe), the
/// count and the rate. Blanks at the end cover a longer line before it.
fn progress_line(
    done: usize,
    bytes: u64,
    size: Option<u64>,
    elapsed: std::time::Duration,
) -> String {
    const WIDTH: usize = 24;
    let secs = elapsed.as_secs_f64().max(1e-9);
    let rate = done as f64 / secs;
    let counts = format!("{done} requests  {rate:.0}/s");
    match size.filter(|&s| s > 0) {
        Some(size) => {
            let share = (bytes as f64 / size as f64).min(1.0);
            let filled = (share * WIDTH as f64) as usize;
            let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
            let left = if share > 0.0 {
                format!("{:.0}s left", secs * (1.0 - share) / share)
            } else {
                "?s left".into()
            };
            let percent = (share * 100.0) as u32;
            format!("[{bar}] {percent:>3}%  {counts}  {left}   ")
        }
        None => format!("{counts}   "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The progress line of a file shows a bar, the share read and the time left at the rate so
    /// far, never past the end (a file that grew while read); a pipe's shows the count and the
    /// rate.
    #[test]
    fn progress_shows_a_bar_for_a_file_and_a_count_for_a_pipe() {
        let ten = std::time::Duration::from_secs(10);
        assert_eq!(
            progress_line(500, 250, Some(1000), ten),
            "[######------------------]  25%  500 requests  50/s  30s left   "
        );
        assert_eq!(
            progress_line(900, 1200, Some(1000), ten),
            "[########################] 100%  900 requests  90/s  0s left   "
        );
        assert_eq!(
            progress_line(0, 0, Some(1000), ten),
            "[------------------------]   0%  0 requests  0/s  ?s left   "
        );
        for size in [None, Some(0)] {
            assert_eq!(progress_line(500, 250, size, ten), "500 requests  50/s   ");
        }
    }
}
