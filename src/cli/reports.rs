//! The CI report formats of `simulate` and `check` (GitHub, JUnit, Markdown): writing a report,
//! and a run that could not answer written as one, so that CI reads its errors rather than an
//! empty file. Text and JSON write nothing for such a run.

use super::args::ReportFormat;
use super::exit::Exit;
use super::failure::Failure;
use std::io::Write;
use swfsim::output::{self, Case, Report};

/// Whether `format` is a CI report format.
pub fn is_report(format: ReportFormat) -> bool {
    matches!(
        format,
        ReportFormat::Github | ReportFormat::Junit | ReportFormat::Markdown
    )
}

/// `report` in a report format, as text.
pub fn render(format: ReportFormat, report: &Report) -> String {
    match format {
        ReportFormat::Github => output::github(report, std::env::current_dir().ok().as_deref()),
        ReportFormat::Junit => output::junit(report),
        _ => output::markdown(report),
    }
}

/// Writes `report` in a report format.
pub fn write(format: ReportFormat, report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(render(format, report).as_bytes())
}

/// `result` as it is; and when it is a failure with messages, in a report format, of a run that
/// wrote nothing (`wrote`), the failure as `command`'s report of one test case, `case`.
pub fn refusal(
    result: Result<Exit, Failure>,
    format: ReportFormat,
    command: &'static str,
    case: Case,
    wrote: bool,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    if let Err(Failure(messages)) = &result {
        if is_report(format) && !wrote && !messages.is_empty() {
            let _ = write(format, &Report::refused(command, case, messages), out);
        }
    }
    result
}

/// A stream that remembers whether anything was written to it.
pub struct Wrote<'a> {
    inner: &'a mut dyn Write,
    /// Whether a byte was written.
    pub any: bool,
}

impl<'a> Wrote<'a> {
    /// `inner`, watched.
    pub fn new(inner: &'a mut dyn Write) -> Wrote<'a> {
        Wrote { inner, any: false }
    }
}

impl Write for Wrote<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.any |= n > 0;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
