//! The input error every reader of a request, a context or a world returns.

use crate::source::Span;

/// A problem with an input file (request, context, world): the file is not what
/// `docs/contract.md` describes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// Where.
    pub span: Span,
    /// What to do about it.
    pub help: Option<String>,
}

impl InputError {
    /// An error at a span.
    pub fn new(message: impl Into<String>, span: Span) -> InputError {
        InputError {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}
