//! How `simulate --requests` writes its answers: a JSON or text line a request, an
//! `inputError` line for a line that could not be read.

use super::args::{Explain, Format};
use super::exit::Exit;
use swfsim::batch::Render;
use swfsim::eval::{Detail, PolicySet};
use swfsim::lint::Severity;
use swfsim::output;
use swfsim::request::InputError;
use swfsim::source::SourceMap;
use swfsim::swf::SimResult;

/// What one batch case produced besides its output line: its error lines, its answer.
#[derive(Debug, Default)]
pub struct CaseOutput {
    /// The lines for stderr.
    pub err: Vec<String>,
    /// The case's answer.
    pub exit: Exit,
}

/// The lines of a batch run, as the command line writes them.
pub struct BatchLines<'a> {
    /// The files of the policies, for the places statements are shown at.
    pub sources: &'a SourceMap,
    /// JSON or text.
    pub format: Format,
    /// How much of the explanation JSON lines carry.
    pub explain: Explain,
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
        }
    }

    fn state(&self) -> output::RenderCache {
        output::RenderCache::default()
    }

    fn answer(
        &self,
        r: &SimResult,
        policies: &PolicySet,
        cache: &mut output::RenderCache,
        text: &mut Vec<u8>,
    ) -> CaseOutput {
        match self.format {
            Format::Json => output::append_sim_json_line(
                r,
                self.sources,
                policies,
                self.explain.full_for(r.outcome),
                cache,
                text,
            ),
            Format::Text => {
                text.extend_from_slice(output::sim_text(r, self.sources, policies).as_bytes())
            }
        }
        text.push(b'\n');
        CaseOutput {
            err: Vec::new(),
            exit: Exit::of(r.outcome),
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
        if let Some(first) = errs.first() {
            let v =
                swfsim::output::input_error_json_line(&self.file, n, col(first), &first.message);
            text.extend_from_slice(v.as_bytes());
            text.push(b'\n');
        }
        CaseOutput {
            err,
            exit: Exit::Unanswerable,
        }
    }
}
