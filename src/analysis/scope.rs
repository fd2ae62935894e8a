//! What an analysis looks for, the requests it covers, and its bounds.

use super::spec::Spec;
use crate::request::Principal;
use std::time::{Duration, Instant};

/// The search stops after this many regions before merging them.
pub const SEARCH_REGIONS: usize = 20_000;

/// What the search looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Requests the second set allows and the first does not.
    Gained,
    /// Requests the first set allows and the second does not.
    Lost,
    /// Requests the one policy set allows.
    Allowed,
    /// Requests the one policy set does not allow.
    Denied,
}

/// The requests an analysis covers, and its bounds.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The callers; empty: an IAM user of the domain's account, any account.
    pub principals: Vec<Principal>,
    /// Regions; `None`: SWF's regions of the partition.
    pub regions: Option<Vec<String>>,
    /// Restrictions on the requests.
    pub spec: Spec,
    /// Stop after this many regions.
    pub max_regions: usize,
    /// The search stops after this many regions, before merging them
    /// ([`SEARCH_REGIONS`] by default).
    pub search_regions: usize,
    /// Give up after this many search nodes.
    pub max_nodes: usize,
    /// Give up when one dimension's automaton product exceeds this many states (or its
    /// literals this many values).
    pub max_states: usize,
    /// Give up when the clock passes this (set-up and search alike); `None`: no limit.
    pub deadline: Option<Deadline>,
}

impl Default for Scope {
    fn default() -> Scope {
        Scope {
            principals: Vec::new(),
            regions: None,
            spec: Spec::default(),
            max_regions: 50,
            search_regions: SEARCH_REGIONS,
            max_nodes: 5_000_000,
            max_states: 200_000,
            deadline: None,
        }
    }
}

/// A wall-clock limit: the instant, and the budget it was set from (for the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// When to give up.
    pub at: Instant,
    /// The budget, as the user gave it.
    pub budget: Duration,
}

impl Deadline {
    /// A budget starting now; `None` when it is too far to represent.
    pub fn after(budget: Duration) -> Option<Deadline> {
        Instant::now()
            .checked_add(budget)
            .map(|at| Deadline { at, budget })
    }
}
