//! The exit code of every command (docs/contract.md).

use swfsim::swf::Outcome;

/// The exit code of every command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Exit {
    /// 0: the answer is yes.
    #[default]
    Yes = 0,
    /// 1: the answer is no.
    No = 1,
    /// 2: the question could not be answered.
    Unanswerable = 2,
}

impl Exit {
    /// Combines the answers of several cases: the worst wins.
    pub fn and(self, other: Exit) -> Exit {
        if (other as u8) > (self as u8) {
            other
        } else {
            self
        }
    }

    /// The answer to a simulated call: yes when it was allowed (and started), unanswerable when
    /// it depends on what swfsim does not know, no otherwise.
    pub fn of(o: Outcome) -> Exit {
        match o {
            Outcome::Started | Outcome::Authorized => Exit::Yes,
            Outcome::Unknown => Exit::Unanswerable,
            _ => Exit::No,
        }
    }
}
