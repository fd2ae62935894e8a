//! Why an analysis cannot answer exactly.

/// Why the analysis cannot answer exactly.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Unknown {
    /// One line.
    pub reason: String,
    /// What to do about it.
    pub help: Option<String>,
}

/// An answer of "unknown" with no advice.
pub(super) fn unknown(reason: impl Into<String>) -> Unknown {
    Unknown {
        reason: reason.into(),
        help: None,
    }
}

/// The give-up when the patterns on `what` have more classes than `--max-states` allows.
pub(super) fn too_large(what: &str) -> Unknown {
    Unknown {
        reason: format!("the patterns on {what} have too many combinations to enumerate"),
        help: Some("raise --max-states, or split the policies".into()),
    }
}
