//! The render cache of a batch's JSON lines: the text of each statement trace, `layers` array
//! and `summary` and `reason` members met before, found again by what that text is made of.

use super::line::json_str;
use super::statement_view;
use crate::eval::{Reason, StatementTrace};
use crate::output::explanation::summary;
use crate::output::plain::plain;
use crate::request::{Context, ValueSource};
use crate::source::SourceMap;
use crate::swf::{DefaultInput, Outcome, SimResult};

/// The rendered JSON of statement traces, by what the rendering reads: the trace itself (which
/// statement, how Action, Resource and each condition went, on which values) and where the
/// context took each condition's key from (the explanation says so). The file names and line
/// index are those of the run. A batch meets the same few outcomes of each statement on most of
/// its lines: a hit costs a hash and a comparison instead of sentences and escaping. Each trace
/// is kept in its full form (`statements`) and its short one (`decidingStatements`) apart. The
/// `layers` arrays of a batch are kept the same way, by their whole content, and the `summary`
/// and `reason` members by the outcome, the reason and the fault's detail; the `defaults` array
/// by the defaults (a batch meets one or two). At most 4,096 entries of each kind (64 `layers`
/// arrays, heads and `defaults` arrays): memory stays flat.
#[derive(Default)]
pub struct RenderCache {
    map: Buckets<CachedView>,
    /// Full statement texts by what the trace is made of (see [`RenderCache::write_traced`]).
    traced: Buckets<CachedTraced>,
    /// The `layers` arrays met so far (a batch meets a handful), with their text.
    layers: Vec<(Vec<crate::eval::LayerTrace>, Box<[u8]>)>,
    /// The `summary` and `reason` members met so far (a batch meets a handful), by what the
    /// summary reads: the outcome, the reason and the fault's detail.
    heads: Vec<CachedHead>,
    /// The `defaults` arrays met so far, with their text.
    defaults: Vec<(Vec<DefaultInput>, Box<[u8]>)>,
}

struct CachedHead {
    outcome: Outcome,
    reason: Option<Reason>,
    detail: String,
    /// `"summary":...` and, with an evaluation, `,"reason":{...}`.
    text: Box<[u8]>,
}

/// Entries by their key's hash (equal hashes share a bucket), at most [`RenderCache::MAX`]: past
/// that, all are dropped and the cache starts over.
struct Buckets<E> {
    map: crate::hash::WordMap<u64, Vec<E>>,
    len: usize,
}

impl<E> Default for Buckets<E> {
    fn default() -> Self {
        Buckets {
            map: Default::default(),
            len: 0,
        }
    }
}

impl<E> Buckets<E> {
    fn find(&self, hash: u64, is: impl Fn(&E) -> bool) -> Option<&E> {
        self.map.get(&hash)?.iter().find(|e| is(e))
    }

    fn insert(&mut self, hash: u64, e: E) {
        if self.len >= RenderCache::MAX {
            self.map.clear();
            self.len = 0;
        }
        self.len += 1;
        self.map.entry(hash).or_default().push(e);
    }
}

/// A statement's full text and what it was made of: the statement (its place in the policy
/// set), how Action, Resource and Principal went, whether it applies, and for each condition
/// where its key's values came from and what they were.
struct CachedTraced {
    statement: usize,
    /// Action, Resource, Principal and `applies`, as [`RenderCache::write_traced`] packs them.
    shape: [u64; 4],
    /// The conditions' keys as [`encode_keys`] writes them, then the text: one allocation,
    /// read front to back (a vector of keys, each with a vector of strings, was three pointers
    /// to follow on every lookup, each a likely cache miss).
    bytes: Box<[u8]>,
    /// Where the text starts in `bytes`.
    text_at: usize,
}

/// Each condition's key, as the cache compares them: its source (`0xff` for none), then
/// `0` for no values or `1` and their count, then each value's length and bytes (lengths and
/// counts as 4-byte little-endian numbers).
type Keys<'a> = [(Option<ValueSource>, Option<crate::condition::Values<'a>>)];

fn encode_keys(out: &mut Vec<u8>, keys: &Keys<'_>) {
    for (source, values) in keys {
        out.push(source.map_or(0xff, |s| s as u8));
        match values {
            None => out.push(0),
            Some(values) => {
                out.push(1);
                out.extend_from_slice(&(values.iter().count() as u32).to_le_bytes());
                for v in values.iter() {
                    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
                    out.extend_from_slice(v.as_bytes());
                }
            }
        }
    }
}

/// Whether `stored` (as [`encode_keys`] wrote it) holds exactly `keys`.
fn same_keys(stored: &[u8], keys: &Keys<'_>) -> bool {
    /// The next `n` bytes of `at`, taken.
    fn take<'s>(at: &mut &'s [u8], n: usize) -> Option<&'s [u8]> {
        let (head, rest) = at.split_at_checked(n)?;
        *at = rest;
        Some(head)
    }
    fn number(at: &mut &[u8]) -> Option<usize> {
        let b = take(at, 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    let mut at = stored;
    for (source, values) in keys {
        let Some(&[src, has]) = take(&mut at, 2) else {
            return false;
        };
        if src != source.map_or(0xff, |s| s as u8) {
            return false;
        }
        match (has, values) {
            (0, None) => {}
            (1, Some(values)) => {
                let Some(mut left) = number(&mut at) else {
                    return false;
                };
                for v in values.iter() {
                    if left == 0
                        || number(&mut at) != Some(v.len())
                        || take(&mut at, v.len()) != Some(v.as_bytes())
                    {
                        return false;
                    }
                    left -= 1;
                }
                if left != 0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    at.is_empty()
}

struct CachedView {
    trace: StatementTrace,
    /// Rendered as `statements` shows it (else as `decidingStatements` does).
    full: bool,
    key_sources: u64,
    text: Box<[u8]>,
}

impl RenderCache {
    /// Entries kept before the cache starts over.
    const MAX: usize = 4096;

    /// Distinct `layers` arrays (and heads) kept before that list starts over.
    const MAX_LAYERS: usize = 64;

    /// Appends `,"defaults":[...]`, as serde_json writes it, for a line with defaults.
    pub(super) fn write_defaults(&mut self, buf: &mut Vec<u8>, defaults: &[DefaultInput]) {
        if let Some((_, text)) = self.defaults.iter().find(|(d, _)| d.as_slice() == defaults) {
            buf.extend_from_slice(text);
            return;
        }
        let mut text = b",\"defaults\":".to_vec();
        let _ = serde_json::to_writer(&mut text, &super::defaults_view(defaults));
        buf.extend_from_slice(&text);
        if self.defaults.len() >= Self::MAX_LAYERS {
            self.defaults.clear();
        }
        self.defaults
            .push((defaults.to_vec(), text.into_boxed_slice()));
    }

    /// Appends a line's `summary` and `reason` members, as serde_json writes them.
    pub(super) fn write_head(&mut self, buf: &mut Vec<u8>, r: &SimResult) {
        let reason = r.evaluation.as_ref().map(|e| &e.reason);
        let detail = r.fault.as_ref().map_or("", |f| f.detail.as_str());
        if let Some(hit) = self.heads.iter().find(|h| {
            h.outcome == r.outcome
                && h.reason.as_ref() == reason
                && crate::pattern::same_text(&h.detail, detail)
        }) {
            buf.extend_from_slice(&hit.text);
            return;
        }
        let start = buf.len();
        buf.extend_from_slice(b"\"summary\":");
        json_str(buf, &plain(&summary(r)));
        if let Some(reason) = reason {
            buf.extend_from_slice(b",\"reason\":");
            let _ = serde_json::to_writer(&mut *buf, reason);
        }
        if self.heads.len() >= Self::MAX_LAYERS {
            self.heads.clear();
        }
        self.heads.push(CachedHead {
            outcome: r.outcome,
            reason: reason.cloned(),
            detail: detail.to_string(),
            text: buf[start..].into(),
        });
    }

    /// Appends a `layers` array.
    pub(super) fn write_layers(&mut self, buf: &mut Vec<u8>, layers: &[crate::eval::LayerTrace]) {
        if let Some((_, text)) = self.layers.iter().find(|(l, _)| l.as_slice() == layers) {
            buf.extend_from_slice(text);
            return;
        }
        if let Some(text) = write_fresh(buf, &layers) {
            if self.layers.len() >= Self::MAX_LAYERS {
                self.layers.clear();
            }
            self.layers.push((layers.to_vec(), text));
        }
    }

    /// [`RenderCache::write_traced`]'s text written without the cache, its conditions traced
    /// first when the evaluation deferred them.
    fn write_afresh(
        &mut self,
        buf: &mut Vec<u8>,
        s: &StatementTrace,
        c: &crate::eval::CompiledStatement,
        sources: &SourceMap,
        context: &Context,
    ) {
        if s.conditions.len() != c.conditions.len() {
            let traced = StatementTrace {
                conditions: crate::eval::trace_conditions(c, context),
                ..s.clone()
            };
            self.write_statement(buf, &traced, sources, context, true);
        } else {
            self.write_statement(buf, s, sources, context, true);
        }
    }

    /// Appends the `n`th statement's trace `s` (`c`, its compiled form) as `statements` shows
    /// it. A statement whose conditions read no policy variable is written from what its trace
    /// is made of: which statement it is, how Action, Resource and Principal went, whether it
    /// applies, and each condition's key (its values as the condition reads them, and their
    /// source, which the sentence names). Nothing else enters its text, so a hit needs no
    /// condition traced; a miss traces them (a [`crate::eval::Detail::Deferred`] trace has
    /// none) and keeps the text. Other statements (a condition reading a policy variable, or
    /// more than eight conditions) go by their whole trace.
    pub(super) fn write_traced(
        &mut self,
        buf: &mut Vec<u8>,
        n: usize,
        s: &StatementTrace,
        c: &crate::eval::CompiledStatement,
        sources: &SourceMap,
        context: &Context,
    ) {
        use crate::condition::Lookup;
        const MAX_KEYS: usize = 8;
        if c.conditions_read_variables || c.conditions.len() > MAX_KEYS {
            return self.write_afresh(buf, s, c, sources, context);
        }
        // Each condition's key as the text reads it: the values' source and the values.
        let mut keys: [(Option<ValueSource>, Option<crate::condition::Values<'_>>); MAX_KEYS] =
            [(None, None); MAX_KEYS];
        for (k, cc) in keys.iter_mut().zip(&c.conditions) {
            let source = context.get_slot(cc.slot, &cc.shown.key).map(|e| e.source);
            *k = (source, context.values_of(cc.slot, &cc.key_lower));
        }
        let keys = &keys[..c.conditions.len()];
        // A value known only in part is not among the keys the cache compares: written afresh.
        if keys
            .iter()
            .any(|(_, v)| v.is_some_and(|v| v.partial().is_some()))
        {
            return self.write_afresh(buf, s, c, sources, context);
        }
        let shape = trace_shape(s);
        let hash = traced_hash(n, shape, keys);
        let same = |e: &CachedTraced| {
            e.statement == n
                && e.shape == shape
                && same_keys(e.bytes.get(..e.text_at).unwrap_or_default(), keys)
        };
        if let Some(hit) = self.traced.find(hash, same) {
            buf.extend_from_slice(hit.bytes.get(hit.text_at..).unwrap_or_default());
            return;
        }
        let fresh;
        let trace = if s.conditions.len() != c.conditions.len() {
            fresh = StatementTrace {
                conditions: crate::eval::trace_conditions(c, context),
                ..s.clone()
            };
            &fresh
        } else {
            s
        };
        let start = buf.len();
        let view = statement_view(trace, sources, context, true);
        if serde_json::to_writer(&mut *buf, &view).is_ok() {
            // The keys, then the text as written (copied once, not boxed first).
            let text = buf.get(start..).unwrap_or_default();
            let mut bytes = Vec::with_capacity(64 + text.len());
            encode_keys(&mut bytes, keys);
            let text_at = bytes.len();
            bytes.extend_from_slice(text);
            let cached = CachedTraced {
                statement: n,
                shape,
                bytes: bytes.into(),
                text_at,
            };
            self.traced.insert(hash, cached);
        }
    }

    /// Appends a statement trace as `statements` (`full`) or `decidingStatements` show it.
    pub(super) fn write_statement(
        &mut self,
        buf: &mut Vec<u8>,
        s: &StatementTrace,
        sources: &SourceMap,
        context: &Context,
        full: bool,
    ) {
        use std::hash::{Hash, Hasher};
        let view = |s| statement_view(s, sources, context, full);
        // Four bits a condition: 0 for an absent key, else its source plus one. A full text of
        // a statement with more than sixteen conditions is rendered afresh (a deciding
        // statement's text goes by its reference, whatever its conditions).
        if full && s.conditions.len() > 16 {
            let _ = serde_json::to_writer(&mut *buf, &view(s));
            return;
        }
        // `Derived` is the last source: every source fits four bits.
        const _: () = assert!((ValueSource::Derived as u64) < 15);
        // Only fields that equality compares: equal traces hash alike. A statement shown as
        // `decidingStatements` shows it is its reference alone (file, place, layer, Sid,
        // effect): it goes by that (hashing the whole trace was a brief line's third most
        // costly step).
        let mut h = crate::hash::WordHasher::default();
        let st = &s.statement;
        (st.source, st.layer, st.document, st.index, st.span, full).hash(&mut h);
        let mut key_sources = 0;
        if full {
            key_sources = s.conditions.iter().fold(0u64, |acc, c| {
                let src = context
                    .get_slot(c.slot, &c.key)
                    .map_or(0, |e| e.source as u64 + 1);
                acc << 4 | src
            });
            for m in [Some(&s.action), Some(&s.resource), s.principal.as_ref()] {
                m.map(|m| (m.matched, m.item, m.negated)).hash(&mut h);
            }
            s.applies.hash(&mut h);
            for c in &s.conditions {
                let o = &c.outcome;
                (c.span, o.result, o.present, o.values.len()).hash(&mut h);
                for v in &o.values {
                    (&v.value, v.matched, v.result).hash(&mut h);
                }
            }
            key_sources.hash(&mut h);
        }
        let hash = h.finish();
        if let Some(hit) = self.map.find(hash, |c| {
            c.full == full
                && if full {
                    c.key_sources == key_sources && c.trace == *s
                } else {
                    c.trace.statement == *st
                }
        }) {
            buf.extend_from_slice(&hit.text);
            return;
        }
        if let Some(text) = write_fresh(buf, &view(s)) {
            let cached = CachedView {
                trace: s.clone(),
                full,
                key_sources,
                text,
            };
            self.map.insert(hash, cached);
        }
    }
}

/// How Action, Resource and Principal went for `s` and whether it applies, as four words (an
/// item index has 32 bits).
fn trace_shape(s: &StatementTrace) -> [u64; 4] {
    let word = |m: &crate::eval::MatchTrace| {
        u64::from(m.matched)
            | u64::from(m.negated) << 1
            | m.item.map_or(0, |i| u64::from(i) + 1) << 2
            | u64::from(m.unknown) << 62
    };
    let principal = s.principal.as_ref();
    [
        word(&s.action),
        word(&s.resource),
        principal.map_or(0, word),
        u64::from(principal.is_some()) | (s.applies as u64) << 1,
    ]
}

/// The hash [`RenderCache::write_traced`] files the `n`th statement's text under: its place,
/// its shape and its conditions' keys.
fn traced_hash(n: usize, shape: [u64; 4], keys: &Keys<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::WordHasher::default();
    (n, shape).hash(&mut h);
    for (source, values) in keys {
        source.map(|src| src as u8).hash(&mut h);
        match values {
            Some(values) => {
                for v in values.iter() {
                    v.hash(&mut h);
                }
            }
            None => 0xfeu8.hash(&mut h),
        }
    }
    h.finish()
}

/// Appends `view`'s JSON text, and returns that text for a cache (`None`, keeping nothing, when
/// it does not serialise: none of this module's views fails to).
fn write_fresh(buf: &mut Vec<u8>, view: &impl serde::Serialize) -> Option<Box<[u8]>> {
    let start = buf.len();
    serde_json::to_writer(&mut *buf, view).ok()?;
    Some(buf[start..].into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The render cache's key comparison (it settles what equal 64-bit hashes leave open):
    /// keys equal to those encoded are the same; a different source, value, count of values,
    /// absence, or number of keys is not, however the values' lengths line up.
    #[test]
    fn cached_keys_are_the_same_only_when_every_source_and_value_is() {
        use crate::condition::Values::{Many, One};
        use crate::request::ValueSource::{CommandLine, Request};
        let ab = ["a".to_string(), "b".to_string()];
        let ba = ["b".to_string(), "a".to_string()];
        let kept = [
            (Some(Request), Some(One("dev-q"))),
            (None, Some(Many(&ab))),
            (None, None),
        ];
        let mut stored = Vec::new();
        encode_keys(&mut stored, &kept);
        assert!(same_keys(&stored, &kept));
        let (a, ab_) = (["a".to_string()], ["ab".to_string()]);
        let with = |i: usize, key| {
            let mut keys = kept.to_vec();
            keys[i] = key;
            keys
        };
        let others = [
            with(0, (Some(Request), Some(One("ops-q")))),
            with(0, (Some(CommandLine), Some(One("dev-q")))),
            with(1, (None, Some(Many(&ba)))),
            with(1, (None, Some(Many(&a)))),
            with(1, (None, Some(Many(&ab_)))),
            with(2, (None, Some(Many(&[])))),
            kept[..2].to_vec(),
            [&kept[..], &[(None, None)]].concat(),
        ];
        for other in &others {
            assert!(!same_keys(&stored, other), "{other:?}");
            let mut theirs = Vec::new();
            encode_keys(&mut theirs, other);
            assert!(!same_keys(&theirs, &kept), "{other:?}");
        }
    }
}
