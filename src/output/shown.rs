//! Which statements a full explanation lists: every one that decided and, of the near misses,
//! at most [`MAX_NEAR_MISSES`].

use super::explanation::decides;
use crate::condition::Truth;
use crate::eval::{Evaluation, StatementTrace};

/// The statements a full explanation lists that matched the call's Action and Resource and did
/// not decide, at most: past that, the nearest misses are listed and the rest counted
/// (`omittedStatements`). A policy set of thousands of statements would otherwise list each one
/// whose Action and Resource matched, on every line (hundreds of KB a line).
pub const MAX_NEAR_MISSES: usize = 16;

/// Which statements of an evaluation a full explanation lists: every statement that decided,
/// and of those that matched (Action, Resource and Principal) and did not decide, all when they
/// are at most [`MAX_NEAR_MISSES`], else the nearest misses: those that apply before those that
/// do not, then those with fewer conditions that do not hold, then the first in the policies.
pub(super) struct Shown {
    /// By the evaluation's statements, whether each is listed; `None`: every one that matched.
    listed: Option<Vec<bool>>,
    /// The statements that matched and are not listed.
    pub(super) omitted: usize,
}

impl Shown {
    /// `failing()`: how many conditions of each of the evaluation's statements do not hold
    /// (asked only when some are left out).
    pub(super) fn of(e: &Evaluation, failing: impl FnOnce() -> Vec<usize>) -> Shown {
        let missed = |s: &StatementTrace| s.relevant() && !decides(e, s);
        let count = e.statements.iter().filter(|s| missed(s)).count();
        if count <= MAX_NEAR_MISSES {
            return Shown {
                listed: None,
                omitted: 0,
            };
        }
        let failing = failing();
        let mut near: Vec<(bool, usize, usize)> = (e.statements.iter().enumerate())
            .filter(|(_, s)| missed(s))
            .map(|(i, s)| {
                let failing = failing.get(i).copied().unwrap_or_default();
                (s.applies == Truth::False, failing, i)
            })
            .collect();
        near.select_nth_unstable(MAX_NEAR_MISSES);
        let mut listed: Vec<bool> = e.statements.iter().map(|s| decides(e, s)).collect();
        for &(_, _, i) in &near[..MAX_NEAR_MISSES] {
            listed[i] = true;
        }
        Shown {
            listed: Some(listed),
            omitted: count - MAX_NEAR_MISSES,
        }
    }

    /// Whether the evaluation's `i`th statement, `s`, is listed.
    pub(super) fn lists(&self, i: usize, s: &StatementTrace) -> bool {
        s.relevant() && self.listed.as_ref().is_none_or(|l| l[i])
    }

    /// How many traced conditions of each of `e`'s statements do not hold.
    pub(super) fn failing_traced(e: &Evaluation) -> Vec<usize> {
        let failing = |s: &StatementTrace| {
            (s.conditions.iter())
                .filter(|c| c.outcome.result != Truth::True)
                .count()
        };
        e.statements.iter().map(failing).collect()
    }
}
