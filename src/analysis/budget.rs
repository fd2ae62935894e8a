//! The wall-clock budget, as the analysis's loops check it.

use super::scope::Deadline;
use super::unknown::Unknown;
use std::time::{Duration, Instant};

/// The deadline as the analysis's loops check it: the clock is read once every few checks.
pub(super) struct Budget {
    pub(super) deadline: Option<Deadline>,
    pub(super) ticks: std::cell::Cell<u32>,
    pub(super) passed: std::cell::Cell<bool>,
}

impl Budget {
    /// The budget of a deadline (`None`: no limit).
    pub(super) fn new(deadline: Option<Deadline>) -> Budget {
        Budget {
            deadline,
            ticks: std::cell::Cell::new(0),
            passed: std::cell::Cell::new(false),
        }
    }

    /// Whether the deadline has passed.
    pub(super) fn passed(&self) -> bool {
        let Some(d) = self.deadline else {
            return false;
        };
        if self.passed.get() {
            return true;
        }
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(64) && Instant::now() >= d.at {
            self.passed.set(true);
        }
        self.passed.get()
    }

    /// An error naming what was under way when the deadline passed.
    pub(super) fn check(&self, what: &dyn Fn() -> String) -> Result<(), Unknown> {
        if self.passed() {
            return Err(self.out_of_time(&what()));
        }
        Ok(())
    }

    /// The give-up when the deadline passed while `what` was under way.
    pub(super) fn out_of_time(&self, what: &str) -> Unknown {
        let budget = self.deadline.map_or(Duration::ZERO, |d| d.budget);
        Unknown {
            reason: format!(
                "the analysis ran out of its time budget ({}) while {what}",
                show_duration(budget)
            ),
            help: Some(
                "raise --timeout, or narrow the question: name the callers (--principal) and regions (--region), or compare fewer statements"
                    .into(),
            ),
        }
    }
}

/// `5s`, `250ms`.
pub(super) fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}
