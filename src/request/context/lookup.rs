//! How conditions read a context: by slot or by name, a single value straight from the text of
//! single values.

use super::{Context, NOT_SINGLE};
use crate::condition::{Lookup, Values, KNOWN_KEYS};
use crate::pattern::Variable;

/// Whether the key in this slot is multivalued: a policy variable never takes its value
/// (IAM's policy variables page: only single-valued keys can be variables), however many it
/// has. Multivalued keys without a slot are never in a context (see [`crate::keys`]).
#[inline(always)]
pub(super) fn multivalued(slot: Option<u8>) -> bool {
    slot.is_some_and(|s| crate::condition::MULTIVALUED_SLOTS >> s & 1 == 1)
}

/// The slot of a key already in lower case: an exact search of the sorted known keys.
pub(super) fn lower_slot(key_lower: &str) -> Option<u8> {
    KNOWN_KEYS.binary_search(&key_lower).ok().map(|s| s as u8)
}

impl Lookup for Context {
    fn values(&self, key: &str) -> Option<Values<'_>> {
        self.get(key).map(|e| self.entry_values(e))
    }

    fn values_lower(&self, key_lower: &str) -> Option<Values<'_>> {
        self.values_slot(lower_slot(key_lower), key_lower)
    }

    fn single_ref(&self, key_lower: &str) -> Option<&str> {
        // A known key's single value from `singles`; others as the trait reads them.
        let slot = lower_slot(key_lower);
        if multivalued(slot) {
            return None;
        }
        self.values_of(slot, key_lower)?.single()
    }

    fn single_var(&self, v: &Variable) -> Option<&str> {
        let slot = v.slot.or_else(|| lower_slot(&v.key_lower));
        if multivalued(slot) {
            return None;
        }
        self.values_of(slot, &v.key_lower)?.single()
    }

    fn single(&self, key: &str) -> Option<String> {
        if multivalued(crate::condition::key_slot(key)) {
            return None;
        }
        self.values(key)?.single().map(str::to_string)
    }

    fn any_unknown(&self) -> bool {
        self.unknown != 0
    }

    fn var_unknown(&self, v: &Variable) -> bool {
        if self.unknown == 0 {
            return false;
        }
        match v.slot.or_else(|| lower_slot(&v.key_lower)) {
            Some(s) => self.unknown >> s & 1 == 1,
            None => self
                .values_lower(&v.key_lower)
                .is_some_and(|vs| vs.partial().is_some()),
        }
    }

    // Always inlined, and `entry_values` never: a decision's loop reads most keys here, and
    // this split spares the decider a sixth of its instructions.
    #[inline(always)]
    fn values_of(&self, slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        if let Some(s) = slot {
            let (start, len) = self.single_at[s as usize];
            if (start, len) != NOT_SINGLE {
                return self.kept(start, len).map(Values::One);
            }
        }
        self.values_slot(slot, key_lower)
    }
}
