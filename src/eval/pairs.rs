//! What a [`super::Decider`] or an [`super::Evaluator`] remembers per (action, resource) pair.

use super::EvalRequest;
use crate::hash::{WordHasher, WordMap};
use std::hash::{Hash, Hasher};

/// The hash of a request's (action, resource) pair, for [`PairMap::get`] and [`PairMap::insert`]
/// (computed once by the caller: a decision looks a plan up, and a miss inserts one).
pub(super) fn pair_hash(req: &EvalRequest<'_>) -> u64 {
    let mut h = WordHasher::default();
    (req.action, req.resource).hash(&mut h);
    h.finish()
}

/// Values by (action, resource), at most `max` of them: a new one past that drops them all
/// (pre-flight runs meet few pairs; memory stays bounded when they do not).
pub(super) struct PairMap<P> {
    /// By the hash of the pair; equal hashes share a bucket.
    map: WordMap<u64, Vec<Kept<P>>>,
    len: usize,
    max: usize,
}

/// A pair's action, its resource, and the value kept for it.
type Kept<P> = (Box<str>, Box<str>, P);

impl<P> PairMap<P> {
    pub(super) fn new(max: usize) -> PairMap<P> {
        PairMap {
            map: WordMap::default(),
            len: 0,
            max,
        }
    }

    /// The value kept for the request's pair (`hash`: its [`pair_hash`]).
    pub(super) fn get(&self, hash: u64, req: &EvalRequest<'_>) -> Option<&P> {
        self.map
            .get(&hash)?
            .iter()
            .find(|(a, r, _)| **r == *req.resource && **a == *req.action)
            .map(|(_, _, p)| p)
    }

    /// Keeps `value` for the request's pair, which has none yet.
    pub(super) fn insert(&mut self, hash: u64, req: &EvalRequest<'_>, value: P) {
        if self.len >= self.max {
            self.map.clear();
            self.len = 0;
        }
        self.map
            .entry(hash)
            .or_default()
            .push((req.action.into(), req.resource.into(), value));
        self.len += 1;
    }
}
