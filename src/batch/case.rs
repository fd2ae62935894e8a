//! Answering one line of a batch: reading the request, deciding the call, writing the answer.

use super::lines::Line;
use crate::eval::{Detail, Evaluator, PolicySet};
use crate::request::{CallInputs, CallKeys, CaseId, CaseReader, InputError, Principal};
use crate::source::Span;
use crate::swf::{simulate_planned, RunIds, SimResult, World};

/// How a batch's answers are written: given by the caller, run on the thread that answered the
/// line (its text is made on the core whose cache holds the line's evaluation).
pub trait Render: Sync {
    /// What a thread keeps from line to line for writing answers (a cache of rendered parts).
    type State;
    /// What a case gives the caller besides its text (its error lines, its exit code); a blank
    /// line gives the default.
    type Case: Default + Send;

    /// How much of each evaluation to build: what the answers show.
    fn detail(&self) -> Detail;

    /// A thread's new state.
    fn state(&self) -> Self::State;

    /// Appends the answer to line `n`, which was read, and its newline, to `text`. `policies`
    /// are those `r` was decided with; `id` is the line's own, when it has one.
    fn answer(
        &self,
        n: usize,
        id: Option<&CaseId>,
        r: &SimResult,
        policies: &PolicySet,
        state: &mut Self::State,
        text: &mut Vec<u8>,
    ) -> Self::Case;

    /// Appends the answer to line `n` (of text `line`) that could not be read, and its newline,
    /// to `text`: `errs` (never empty) say why.
    fn input_error(
        &self,
        n: usize,
        line: &str,
        errs: &[InputError],
        text: &mut Vec<u8>,
    ) -> Self::Case;
}

/// What every case of a batch shares.
pub struct Batch<'a, R> {
    /// The caller's policies.
    pub policies: &'a PolicySet,
    /// The call a line makes unless it says otherwise (its caller, region and keys).
    pub call: &'a CallInputs,
    /// How the answers are written.
    pub render: R,
}

/// What one thread of a batch keeps from line to line: the callers its reader has parsed,
/// what its evaluator found of each statement's Action and Resource, the calls' keys, and the
/// renderer's state.
pub(super) struct Thread<'s, S> {
    render: S,
    reader: CaseReader,
    evaluator: Evaluator<'s>,
    /// The context keys of the calls its lines make.
    calls: CallKeys,
    /// The batch's call, its caller in an allocation of this thread's (lines that name no
    /// caller share it, and its reference count is written on every line: the threads do not
    /// write one count from two cores).
    call: CallInputs,
}

impl<'s, R: Render> Batch<'s, R> {
    /// A thread's state for answering this batch's lines; `world` says whether they meet a
    /// world (a line may not set the keys it determines).
    pub(super) fn thread(&self, world: bool) -> Thread<'s, R::State> {
        Thread {
            render: self.render.state(),
            reader: CaseReader::new(world),
            evaluator: Evaluator::new(self.policies),
            calls: CallKeys::default(),
            call: CallInputs {
                principal: std::sync::Arc::new(Principal::clone(&self.call.principal)),
                ..self.call.clone()
            },
        }
    }

    /// Answers line `n`: appends its answer and newline to `text` (nothing for a blank line).
    pub(super) fn answer(
        &self,
        n: usize,
        line: Line<'_>,
        world: Option<&mut World>,
        run_ids: &mut RunIds,
        thread: &mut Thread<'_, R::State>,
        text: &mut Vec<u8>,
    ) -> R::Case {
        let line = match line {
            Line::Text(line) => line,
            Line::NotUtf8 { before, at } => {
                let e = InputError::new(
                    format!("the line is not UTF-8 text (byte {at})"),
                    Span::new(at, at),
                )
                .with_help("batch lines are UTF-8 JSON");
                return self.render.input_error(n, before, &[e], text);
            }
        };
        if line.trim().is_empty() {
            return R::Case::default();
        }
        match thread.reader.read(line, &thread.call) {
            Ok((req, call, id)) => {
                let r = simulate_planned(
                    &req,
                    &mut thread.evaluator,
                    &mut thread.calls,
                    &call,
                    world,
                    run_ids,
                    self.render.detail(),
                );
                let policies = thread.evaluator.policies();
                (self.render).answer(n, id.as_ref(), &r, policies, &mut thread.render, text)
            }
            Err(errs) => self.render.input_error(n, line, &errs, text),
        }
    }
}
