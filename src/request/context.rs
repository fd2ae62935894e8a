//! The request context: every condition key of a call with its values and where each came
//! from. Keys compare case-insensitively; the keys the catalogue gives a slot are found by an
//! array index, and their single values are read from one text.

mod entry;
mod lookup;
#[cfg(test)]
mod tests;
mod values;

pub use entry::{ContextEntry, ValueSource};
pub use values::ContextValues;

use crate::condition::{KnownKey, Partial, Values, KNOWN_KEYS};
use entry::{SharedPartial, Stored};

/// The request context: keys compare case-insensitively.
#[derive(Clone, Debug)]
pub struct Context {
    entries: Vec<ContextEntry>,
    /// Per known key: its entry's index plus one (0: absent).
    slots: [u8; KNOWN_KEYS.len()],
    /// Other keys, in lower case, with their entry's index.
    others: Vec<(String, usize)>,
    /// Per known key with one value: where the value stands in `singles` (`NOT_SINGLE`
    /// otherwise). Buys a decision its reads of single values from one place, without
    /// following each entry to its own allocations (half of a decision's time without it).
    single_at: [(u32, u32); KNOWN_KEYS.len()],
    /// The single values of the entries (and of known keys set with a one-value vector), one
    /// after another (a replaced value stays, unused).
    singles: String,
    /// Where the keys of a call (see [`CallKeys`](super::CallKeys)) were appended as they are,
    /// and what they were appended from: the entries from that index on are those keys, and no
    /// others. Any later change drops it.
    call: Option<(usize, std::sync::Arc<CallShared>)>,
    /// The keys whose value is known only in part: bit `s` for the known key in slot `s`,
    /// [`UNKNOWN_OTHER`] for any other. Zero (the usual case) spares every test for them.
    unknown: u64,
}

/// The bit of [`Context::unknown`] for keys without a slot.
const UNKNOWN_OTHER: u64 = 1 << 63;
const _: () = assert!(KNOWN_KEYS.len() < 63);

/// A call's keys (see [`CallKeys`](super::CallKeys)), shared by the contexts they were
/// appended to, with room for a writer's text of them.
#[derive(Debug)]
pub struct CallShared {
    keys: Context,
    text: std::sync::OnceLock<Box<[u8]>>,
}

impl CallShared {
    /// A call's keys, with no text made yet.
    pub(super) fn new(keys: Context) -> CallShared {
        CallShared {
            keys,
            text: std::sync::OnceLock::new(),
        }
    }

    /// The keys, as a context of their own.
    #[cfg(test)]
    pub fn keys(&self) -> &Context {
        &self.keys
    }

    /// A writer's text of the keys, made by `write` the first time it is asked for.
    pub fn text(&self, write: impl FnOnce(&Context) -> Vec<u8>) -> &[u8] {
        self.text
            .get_or_init(|| write(&self.keys).into_boxed_slice())
    }
}

/// A value for [`Context::put`]: borrowed when it is one (kept in `singles`, not copied first).
enum Input<'v> {
    One(&'v str),
    Many(Vec<String>),
    Unknown(Partial),
}

/// A known key without exactly one value in `singles`.
const NOT_SINGLE: (u32, u32) = (0, u32::MAX);

impl Default for Context {
    fn default() -> Context {
        Context {
            entries: Vec::new(),
            slots: [0; KNOWN_KEYS.len()],
            others: Vec::new(),
            single_at: [NOT_SINGLE; KNOWN_KEYS.len()],
            singles: String::new(),
            call: None,
            unknown: 0,
        }
    }
}

/// Contexts are equal when their entries are (keys, sources and values): the rest indexes
/// them.
impl PartialEq for Context {
    fn eq(&self, other: &Context) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                a.key == b.key
                    && a.source == b.source
                    && a.canonical == b.canonical
                    && self.entry_values(a).partial() == other.entry_values(b).partial()
                    && self.entry_values(a).iter().eq(other.entry_values(b).iter())
            })
    }
}

impl Eq for Context {}

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context::default()
    }

    /// An empty context with room for `n` keys (a request's context has about twenty).
    pub fn with_capacity(n: usize) -> Context {
        Context {
            entries: Vec::with_capacity(n),
            singles: String::with_capacity(16 * n),
            ..Context::default()
        }
    }

    /// The entry of a key with this slot (if any) and spelling.
    fn at(&self, slot: Option<u8>, key: &str) -> Option<usize> {
        slot.and_then(|s| self.slots[s as usize].checked_sub(1).map(usize::from))
            .or_else(|| self.in_others(key))
    }

    /// The key's slot (if known), its entry (if set), and the key as an entry holds it (a known
    /// key's canonical spelling is borrowed; any other is copied only when `put` needs it).
    fn place(&self, key: &str) -> (Option<u8>, Option<usize>, Option<&'static str>) {
        let (slot, canonical) = crate::condition::known_key(key);
        (slot, self.at(slot, key), canonical)
    }

    fn spelled(key: &str, canonical: Option<&'static str>) -> std::borrow::Cow<'static, str> {
        canonical.map_or_else(|| key.to_string().into(), Into::into)
    }

    /// Keys without a slot, and known keys set after the 254th entry.
    fn in_others(&self, key: &str) -> Option<usize> {
        self.others
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, i)| *i)
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        self.place(key).1
    }

    /// Sets a key (replacing any earlier value of the same key).
    pub fn set(&mut self, key: &str, values: impl Into<ContextValues>, source: ValueSource) {
        match values.into() {
            ContextValues::One(v) => self.set_input(key, Input::One(&v), source),
            ContextValues::Many(vs) => self.set_input(key, Input::Many(vs), source),
        }
    }

    /// Sets a key to a copy of `values` (one value is not copied twice).
    pub fn set_values(&mut self, key: &str, values: &[String], source: ValueSource) {
        let values = match values {
            [v] => Input::One(v),
            vs => Input::Many(vs.to_vec()),
        };
        self.set_input(key, values, source);
    }

    /// Sets a key to one value.
    pub fn set_str(&mut self, key: &str, value: &str, source: ValueSource) {
        self.set_input(key, Input::One(value), source);
    }

    fn set_input(&mut self, key: &str, values: Input<'_>, source: ValueSource) {
        let (slot, at, canonical) = self.place(key);
        let spelled = Self::spelled(key, canonical);
        self.put((slot, at), spelled, values, source);
    }

    /// Sets a key present with a value known only in part.
    pub fn set_partial(&mut self, key: &str, value: Partial, source: ValueSource) {
        self.set_input(key, Input::Unknown(value), source);
    }

    /// Whether any key's value is known only in part.
    pub fn has_partial(&self) -> bool {
        self.unknown != 0
    }

    /// Sets a known key (its slot found at compile time).
    #[cfg(test)]
    pub fn set_known(
        &mut self,
        k: KnownKey,
        values: impl Into<ContextValues>,
        source: ValueSource,
    ) {
        let at = (Some(k.slot()), self.at(Some(k.slot()), k.key()));
        match values.into() {
            ContextValues::One(v) => self.put(at, k.key().into(), Input::One(&v), source),
            ContextValues::Many(vs) => self.put(at, k.key().into(), Input::Many(vs), source),
        }
    }

    /// Sets a known key to one value.
    #[cfg(test)]
    pub fn set_known_str(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        let at = self.at(Some(k.slot()), k.key());
        self.put(
            (Some(k.slot()), at),
            k.key().into(),
            Input::One(value),
            source,
        );
    }

    /// Sets a known key unless it is already set.
    pub fn set_default_known(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        if !self.has_known(k) {
            self.push_known(k, value, source);
        }
    }

    /// Sets a known key, present with a value known only in part, unless it is already set.
    pub fn set_default_known_partial(&mut self, k: KnownKey, value: Partial, source: ValueSource) {
        if !self.has_known(k) {
            let at = (Some(k.slot()), None);
            self.put(at, k.key().into(), Input::Unknown(value), source);
        }
    }

    /// Sets a known key unless it is already set, making its value only then.
    pub fn set_default_known_with(
        &mut self,
        k: KnownKey,
        value: impl FnOnce() -> String,
        source: ValueSource,
    ) {
        if !self.has_known(k) {
            self.push_known(k, &value(), source);
        }
    }

    #[inline(always)]
    fn has_known(&self, k: KnownKey) -> bool {
        self.slots[k.slot() as usize] != 0 || self.in_others(k.key()).is_some()
    }

    /// Sets a known key that is not set yet to one value: what `put` does for that case,
    /// without its others.
    #[inline(always)]
    pub(super) fn push_known(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        debug_assert!(!self.has_known(k), "`{}` is set already", k.key());
        self.call = None;
        let s = k.slot();
        let i = self.entries.len();
        let Some(at) = (i < 255).then(|| self.keep(value)).flatten() else {
            self.put((Some(s), None), k.key().into(), Input::One(value), source);
            return;
        };
        self.single_at[s as usize] = at;
        self.slots[s as usize] = (i + 1) as u8;
        self.entries.push(ContextEntry {
            key: k.key().into(),
            values: Stored::One(at.0, at.1),
            source,
            canonical: Some(s),
        });
    }

    /// Keeps `v` in `singles`: where it stands, or `None` past 32-bit offsets.
    fn keep(&mut self, v: &str) -> Option<(u32, u32)> {
        let start = self.singles.len();
        if start + v.len() >= u32::MAX as usize {
            return None;
        }
        self.singles.push_str(v);
        Some((start as u32, v.len() as u32))
    }

    fn put(
        &mut self,
        (slot, at): (Option<u8>, Option<usize>),
        key: std::borrow::Cow<'static, str>,
        values: Input<'_>,
        source: ValueSource,
    ) {
        self.call = None;
        // One value stands in `singles` (offsets are 32 bits: past them it keeps a vector).
        let values = match values {
            Input::One(v) => match self.keep(v) {
                Some((start, len)) => Stored::One(start, len),
                None => Stored::Many(vec![v.to_string()]),
            },
            Input::Many(vs) => Stored::Many(vs),
            Input::Unknown(p) => Stored::Unknown(SharedPartial::new(p)),
        };
        let bit = slot.map_or(UNKNOWN_OTHER, |s| 1u64 << s);
        if matches!(values, Stored::Unknown(_)) {
            self.unknown |= bit;
        } else if slot.is_some() {
            self.unknown &= !bit;
        }
        if let Some(s) = slot {
            // Only an entry found by its slot (not in `others`) has its single value indexed.
            let by_slot = match at {
                Some(i) => usize::from(self.slots[s as usize]) == i + 1,
                None => self.entries.len() < 255,
            };
            if by_slot {
                self.single_at[s as usize] = match &values {
                    Stored::One(start, len) => (*start, *len),
                    Stored::Many(vs) => match vs.as_slice() {
                        [v] => self.keep(v).unwrap_or(NOT_SINGLE),
                        _ => NOT_SINGLE,
                    },
                    Stored::Unknown(_) => NOT_SINGLE,
                };
            }
        }
        let canonical = match key {
            std::borrow::Cow::Borrowed(_) => slot,
            std::borrow::Cow::Owned(_) => None,
        };
        let entry = ContextEntry {
            key,
            values,
            source,
            canonical,
        };
        if let Some(i) = at {
            self.entries[i] = entry;
            return;
        }
        let i = self.entries.len();
        match slot {
            // A context holds at most a few hundred keys; beyond 254 they go to `others`.
            Some(s) if i < 255 => self.slots[s as usize] = (i + 1) as u8,
            _ => self.others.push((entry.key.to_ascii_lowercase(), i)),
        }
        // Written field by field in place: pushed whole, it was copied through the stack, the
        // slowest step of building a context.
        self.entries.push(ContextEntry::BLANK);
        if let Some(e) = self.entries.last_mut() {
            e.key = entry.key;
            e.values = entry.values;
            e.source = entry.source;
            e.canonical = entry.canonical;
        }
    }

    /// Appends the entries of `tail` as they are, when no key of it is set here, this context
    /// holds only keys with a slot, and the two fit in slots and 32-bit offsets together: the
    /// context is then the one setting the tail's keys here would make. Returns whether it
    /// did; otherwise nothing changed.
    pub(super) fn append(&mut self, shared: std::sync::Arc<CallShared>) -> bool {
        let tail = &shared.keys;
        let (base, off) = (self.entries.len(), self.singles.len());
        let fits = self.others.is_empty()
            && base + tail.entries.len() < 255
            && off + tail.singles.len() < u32::MAX as usize
            && tail.entries.iter().all(|e| match e.canonical {
                Some(s) => self.slots[usize::from(s)] == 0,
                None => self.index_of(&e.key).is_none(),
            });
        if !fits {
            return false;
        }
        self.singles.push_str(&tail.singles);
        let off = off as u32;
        // Copied as they are, then moved to where their single values now stand: one copy, no
        // temporaries on the stack.
        self.entries.extend_from_slice(&tail.entries);
        for (i, e) in self.entries[base..].iter_mut().enumerate() {
            if let Stored::One(start, _) = &mut e.values {
                *start += off;
            }
            if let Some(s) = e.canonical {
                let s = usize::from(s);
                self.slots[s] = (base + i + 1) as u8;
                self.single_at[s] = match tail.single_at[s] {
                    NOT_SINGLE => NOT_SINGLE,
                    (start, len) => (start + off, len),
                };
            }
        }
        self.others
            .extend(tail.others.iter().map(|(k, i)| (k.clone(), base + i)));
        self.unknown |= tail.unknown;
        self.call = Some((base, shared));
        true
    }

    /// The index its call's keys start at, and the keys, when they were appended as they are
    /// (see [`CallKeys`](super::CallKeys)) and nothing changed since.
    pub fn call_keys(&self) -> Option<(usize, &CallShared)> {
        self.call.as_ref().map(|(at, c)| (*at, &**c))
    }

    /// Sets a key unless it is already set.
    #[cfg(test)]
    pub fn set_default(&mut self, key: &str, value: &str, source: ValueSource) {
        let (slot, at, canonical) = self.place(key);
        if at.is_none() {
            let spelled = Self::spelled(key, canonical);
            self.put((slot, at), spelled, Input::One(value), source);
        }
    }

    /// The entry of a key.
    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        self.index_of(key).map(|i| &self.entries[i])
    }

    /// The entry of a key by its slot (see [`crate::condition::key_slot`]) when it has one: no
    /// search of the known keys.
    pub fn get_slot(&self, slot: Option<u8>, key: &str) -> Option<&ContextEntry> {
        match slot {
            Some(_) => self.at(slot, key).map(|i| &self.entries[i]),
            None => self.get(key),
        }
    }

    /// Every entry, in the order set.
    pub fn entries(&self) -> &[ContextEntry] {
        &self.entries
    }

    /// An entry's value as UTF-8 bytes when it has exactly one: what a writer copies (no
    /// character boundaries to check).
    pub fn entry_single_bytes<'c>(&'c self, e: &'c ContextEntry) -> Option<&'c [u8]> {
        match &e.values {
            Stored::One(start, len) => {
                let (start, len) = (*start as usize, *len as usize);
                self.singles.as_bytes().get(start..start + len)
            }
            Stored::Many(vs) => match vs.as_slice() {
                [v] => Some(v.as_bytes()),
                _ => None,
            },
            Stored::Unknown(_) => None,
        }
    }

    /// The values of a key by its slot (see [`crate::condition::key_slot`]) or its lower-case
    /// name, read from its entry ([`Lookup::values_of`] reads a single one from `single_at`).
    fn values_slot(&self, slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        self.get_slot(slot, key_lower).map(|e| self.entry_values(e))
    }

    /// A value kept in `singles`.
    #[inline(always)]
    fn kept(&self, start: u32, len: u32) -> Option<&str> {
        let (start, len) = (start as usize, len as usize);
        self.singles.get(start..start + len)
    }

    /// An entry's values (the entry one of this context's). Out of line: see `values_of`.
    #[inline(never)]
    pub fn entry_values<'c>(&'c self, e: &'c ContextEntry) -> Values<'c> {
        match &e.values {
            Stored::One(start, len) => Values::One(self.kept(*start, *len).unwrap_or_default()),
            Stored::Many(vs) => Values::Many(vs),
            Stored::Unknown(p) => Values::Unknown(p.get()),
        }
    }
}
