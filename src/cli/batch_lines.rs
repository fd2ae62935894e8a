//! How `simulate --requests` writes its answers: a JSON line a request, or in text a verdict
//! line a request (explained in full below it when it was not allowed, or with `--verbose`);
//! an `inputError` line for a line that could not be read; or, for a report written once the
//! batch is over (GitHub, JUnit, Markdown), what the report keeps of each line.

use super::args::{Explain, ReportFormat as Format};
use super::exit::Exit;
use swfsim::batch::Render;
use swfsim::eval::{Detail, PolicySet};
use swfsim::lint::Severity;
use swfsim::output;
use swfsim::request::{CaseId, InputError};
use swfsim::source::SourceMap;
use swfsim::swf::{Outcome, SimResult};

/// What one batch case produced besides its output line: its error lines, its answer.
#[derive(Debug, Default)]
pub struct CaseOutput {
    /// The lines for stderr.
    pub err: Vec<String>,
    /// The case's answer.
    pub exit: Exit,
    /// What a report keeps of it (a report format only); its line is numbered where the
    /// cases are collected, in input order.
    pub row: Option<output::RequestRow>,
    /// What the line counts as in the summary (`None` for a blank line).
    pub counted: Option<Counted>,
}

/// What a line counts as in a batch's summary.
#[derive(Clone, Copy, Debug)]
pub enum Counted {
    /// A request, answered.
    Answered(Outcome),
    /// A line that could not be read.
    InputError,
}

/// The lines of a batch run, as the command line writes them.
pub struct BatchLines<'a> {
    /// The files of the policies, for the places statements are shown at.
    pub sources: &'a SourceMap,
    /// JSON or text.
    pub format: Format,
    /// How much of the explanation JSON lines carry.
    pub explain: Explain,
    /// Text: every answer explained in full, not only those that were not allowed.
    pub verbose: bool,
    /// The input's name, where a line is located.
    pub file: String,
}

impl Render for BatchLines<'_> {
    type State = output::RenderCache;
    type Case = CaseOutput;

    /// A brief JSON line shows no condition traces: none are built for it. A full one traces a
    /// statement's conditions only when its text is new (see `RenderCache::write_traced`). An
    /// `auto` line is evaluated as a full one and written brief when the call is allowed (a
    /// deferred evaluation holds all a brief line shows).
    fn detail(&self) -> Detail {
        match (self.format, self.explain) {
            (Format::Json, Explain::Brief) => Detail::Brief,
            (Format::Json, Explain::Full | Explain::Auto) => Detail::Deferred,
            (Format::Text, _) => Detail::Full,
            // A report shows the summary and the deciding statements.
            (Format::Github | Format::Junit | Format::Markdown, _) => Detail::Brief,
        }
    }

    fn state(&self) -> output::RenderCache {
        output::RenderCache::default()
    }

    fn answer(
        &self,
        n: usize,
        id: Option<&CaseId>,
        r: &SimResult,
        policies: &PolicySet,
        cache: &mut output::RenderCache,
        text: &mut Vec<u8>,
    ) -> CaseOutput {
        match self.format {
            Format::Json => {
                output::append_sim_json_line(
                    r,
                    self.sources,
                    policies,
                    self.explain.full_for(r.outcome),
                    Some(output::LinePlace { line: n, id }),
                    cache,
                    text,
                );
                text.push(b'\n');
            }
            Format::Text => {
                let verdict = output::batch_verdict_line(n, r, self.sources);
                text.extend_from_slice(verdict.as_bytes());
                text.push(b'\n');
                if self.verbose || Explain::Auto.full_for(r.outcome) {
                    let full = output::sim_text(r, self.sources, policies);
                    text.extend_from_slice(output::batch_explanation(&full).as_bytes());
                }
            }
            Format::Github | Format::Junit | Format::Markdown => {
                return CaseOutput {
                    err: Vec::new(),
                    exit: Exit::of(r.outcome),
                    row: Some(output::RequestRow::of(r, self.sources, None)),
                    counted: Some(Counted::Answered(r.outcome)),
                }
            }
        }
        CaseOutput {
            err: Vec::new(),
            exit: Exit::of(r.outcome),
            row: None,
            counted: Some(Counted::Answered(r.outcome)),
        }
    }

    /// An `inputError` line for the first of `errs`, and each on stderr.
    fn input_error(
        &self,
        n: usize,
        line: &str,
        errs: &[InputError],
        text: &mut Vec<u8>,
    ) -> CaseOutput {
        let mut line_sources = SourceMap::new();
        let id = line_sources.add(self.file.clone(), line.to_string());
        let col = |e: &InputError| line_sources.line_col(id, e.span).column;
        let err = errs
            .iter()
            .map(|e| {
                let at = swfsim::source::LineCol {
                    line: u32::try_from(n).unwrap_or(u32::MAX),
                    column: col(e),
                };
                output::diagnostic_line(&self.file, at, Severity::Error, None, &e.message)
            })
            .collect();
        let report = matches!(
            self.format,
            Format::Github | Format::Junit | Format::Markdown
        );
        let first = errs.first();
        if let (Some(first), false) = (first, report) {
            let v = match self.format {
                Format::Text => output::batch_input_error_line(n, col(first), &first.message),
                _ => output::input_error_json_line(&self.file, n, col(first), &first.message),
            };
            text.extend_from_slice(v.as_bytes());
            text.push(b'\n');
        }
        CaseOutput {
            err,
            exit: Exit::Unanswerable,
            row: first
                .filter(|_| report)
                .map(|e| output::RequestRow::input_error(n, col(e) as usize, &e.message)),
            counted: Some(Counted::InputError),
        }
    }
}
