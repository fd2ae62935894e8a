//! Joining the regions found into fewer, larger ones.

use super::automata;
use super::budget::Budget;
use super::class::Dim;
use super::unknown::Unknown;
use super::witness::Witness;
use crate::eval::Decision;

/// A region as the search finds it: a set of classes per dimension (`None`: every class).
#[derive(Clone, Debug)]
pub(super) struct RawRegion {
    pub(super) sets: Vec<Option<std::collections::BTreeSet<usize>>>,
    pub(super) decisions: Vec<Decision>,
    pub(super) witness: Witness,
}

/// Joins regions that differ in one dimension only, until none do: fewer, larger regions that
/// cover exactly the same requests (two boxes that differ in one coordinate make a box).
pub(super) fn merge(
    mut regions: Vec<RawRegion>,
    dims: &[Dim],
    budget: &Budget,
) -> Result<Vec<RawRegion>, Unknown> {
    type Key = (
        Vec<Option<std::collections::BTreeSet<usize>>>,
        Vec<Decision>,
    );
    loop {
        let mut changed = false;
        for d in 0..dims.len() {
            let mut groups: automata::StateMap<Key, usize> = Default::default();
            let mut out: Vec<RawRegion> = Vec::with_capacity(regions.len());
            for r in regions.drain(..) {
                budget.check(&|| "merging the regions found".to_string())?;
                let mut key_sets = r.sets.clone();
                key_sets[d] = None;
                let key = (key_sets, r.decisions.clone());
                match groups.get(&key) {
                    Some(&i) => {
                        changed = true;
                        let joined = match (out[i].sets[d].take(), r.sets[d].clone()) {
                            (Some(mut a), Some(b)) => {
                                a.extend(b);
                                (a.len() < dims[d].classes.len()).then_some(a)
                            }
                            _ => None,
                        };
                        out[i].sets[d] = joined;
                    }
                    None => {
                        groups.insert(key, out.len());
                        out.push(r);
                    }
                }
            }
            regions = out;
        }
        if !changed {
            return Ok(regions);
        }
    }
}
