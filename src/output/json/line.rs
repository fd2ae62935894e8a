//! A batch's JSON lines, written fast: the bytes `serde_json` writes for the serde form (see
//! [`super::sim_json_line`]), with the head and the context written by hand and each statement's
//! text taken from a [`RenderCache`] when an earlier line rendered it. Tests hold the two equal
//! over the reference workload, full, brief and deferred.

use super::cache::RenderCache;
use super::{fault_view, more_view_but_defaults, sim_view, source_name, FaultView, LinePlace};
use crate::condition::Truth;
use crate::eval::{Decision, Evaluation, PolicySet, StatementTrace};
use crate::output::explanation::deciding_iter;
use crate::output::plain::plain;
use crate::output::settle::settle_with;
use crate::output::shown::Shown;
use crate::request::{Context, ContextEntry, ValueSource};
use crate::source::SourceMap;
use crate::swf::SimResult;

/// [`super::sim_json_line`] for the lines of a batch: the same text as UTF-8 bytes (a batch
/// writes them as they are), statement traces taken from `cache` when an earlier line rendered
/// the same one. `policies` are those the evaluation was made with: a statement's full trace is
/// found by what it is made of (the statement, how Action and Resource went, the values of its
/// conditions' keys), and its conditions are traced only when that is new, so the evaluation
/// may be [`crate::eval::Detail::Deferred`].
pub fn sim_json_line_cached(
    r: &SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    cache: &mut RenderCache,
) -> Vec<u8> {
    let mut line = Vec::new();
    append_sim_json_line(r, sources, policies, full, None, cache, &mut line);
    line
}

/// [`sim_json_line_cached`] appended to `buf` (a batch writes a block of lines into one
/// buffer, which is then written out whole: no buffer a line, no copy into a writer's buffer),
/// with the `line` and `id` members of `at` when given ([`super::batch_json_line`]'s bytes).
pub fn append_sim_json_line(
    r: &SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    at: Option<LinePlace<'_>>,
    cache: &mut RenderCache,
    buf: &mut Vec<u8>,
) {
    // The members in the wire format's order, as serde_json writes `SimView`: most of the text
    // comes from the cache, and nothing is collected first.
    let start = buf.len();
    write_line_head(buf, r, at);
    if let Some(id) = &r.run_id {
        buf.extend_from_slice(b",\"runId\":");
        json_str(buf, id);
    }
    buf.push(b',');
    cache.write_head(buf, r);
    if let Some(e) = &r.evaluation {
        write_explanation(buf, r, e, sources, policies, full, cache);
    }
    if let Some(f) = &r.fault {
        buf.extend_from_slice(b",\"fault\":");
        write_fault(buf, &fault_view(r, f));
    }
    // `defaults`, the last member, comes from the cache: most denied lines of a batch carry the
    // same ones.
    if !close_with_members(buf, &more_view_but_defaults(r)) {
        buf.truncate(start);
        write_serde_form(buf, r, sources, policies, full, at);
    } else if !r.defaults.is_empty() {
        buf.pop();
        cache.write_defaults(buf, &r.defaults);
        buf.push(b'}');
    }
}

/// Appends the members an evaluation gives a line: `decidingStatements`, with `full` the listed
/// `statements`, `omittedStatements` and `layers`, then `missingContextKeys` and `settleWith`.
fn write_explanation(
    buf: &mut Vec<u8>,
    r: &SimResult,
    e: &Evaluation,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    cache: &mut RenderCache,
) {
    buf.extend_from_slice(b",\"decidingStatements\":[");
    for (i, s) in deciding_iter(e).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        cache.write_statement(buf, s, sources, &r.context, false);
    }
    buf.push(b']');
    if full && e.detail == crate::eval::Detail::Brief {
        let shown = Shown::of(e, || Shown::failing_traced(e));
        buf.extend_from_slice(b",\"statements\":[");
        let listed = e.statements.iter().enumerate();
        let listed = listed.filter(|(i, s)| shown.lists(*i, s)).map(|(_, s)| s);
        for (i, s) in listed.enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            cache.write_statement(buf, s, sources, &r.context, true);
        }
        buf.push(b']');
        write_omitted(buf, shown.omitted);
        buf.extend_from_slice(b",\"layers\":");
        cache.write_layers(buf, &e.layers);
    } else if full {
        let shown = Shown::of(e, || failing_deferred(policies, e, &r.context));
        buf.extend_from_slice(b",\"statements\":[");
        let (mut first, mut i) = (true, 0);
        with_compiled(policies, e.statements.iter(), |n, s, c| {
            if shown.lists(i, s) {
                if !first {
                    buf.push(b',');
                }
                first = false;
                cache.write_traced(buf, n, s, c, sources, &r.context);
            }
            i += 1;
        });
        buf.push(b']');
        write_omitted(buf, shown.omitted);
        buf.extend_from_slice(b",\"layers\":");
        cache.write_layers(buf, &e.layers);
    }
    buf.extend_from_slice(b",\"missingContextKeys\":[");
    json_strs(buf, e.missing_keys.iter().map(String::as_str));
    buf.push(b']');
    if e.decision == Decision::Unknown {
        let settle = settle_with(r);
        if !settle.is_empty() {
            buf.extend_from_slice(b",\"settleWith\":");
            let _ = serde_json::to_writer(&mut *buf, &settle);
        }
    }
}

/// Not reached (the members after `fault` always serialise as an object): the line in its
/// serde form, its conditions traced first when the evaluation deferred them.
fn write_serde_form(
    buf: &mut Vec<u8>,
    r: &SimResult,
    sources: &SourceMap,
    policies: &PolicySet,
    full: bool,
    at: Option<LinePlace<'_>>,
) {
    let mut traced = r.clone();
    let deferred = |e: &&mut Evaluation| e.detail == crate::eval::Detail::Deferred;
    if let Some(e) = traced.evaluation.as_mut().filter(deferred) {
        with_compiled(policies, e.statements.iter_mut(), |_, s, c| {
            if s.relevant() && s.conditions.len() != c.conditions.len() {
                s.conditions = crate::eval::trace_conditions(c, &r.context);
            }
        });
    }
    let _ = serde_json::to_writer(buf, &sim_view(&traced, sources, full, at));
}

/// Appends `,"omittedStatements":N` when `n` statements are left out (see [`Shown`]).
fn write_omitted(buf: &mut Vec<u8>, n: usize) {
    if n > 0 {
        buf.extend_from_slice(b",\"omittedStatements\":");
        buf.extend_from_slice(n.to_string().as_bytes());
    }
}

/// How many conditions of each of `e`'s statements do not hold in `context`, as their traces
/// would say (a deferred evaluation has none: they are decided on the compiled statements of
/// `policies`).
fn failing_deferred(policies: &PolicySet, e: &Evaluation, context: &Context) -> Vec<usize> {
    let mut failing = Vec::with_capacity(e.statements.len());
    with_compiled(policies, e.statements.iter(), |_, _, c| {
        let count = (c.conditions.iter())
            .filter(|cc| cc.holds(context) != Truth::True)
            .count();
        failing.push(count);
    });
    failing
}

/// Calls `f` with each of `traces` (an evaluation's, in their order), its statement's place
/// and its statement's compiled form, found by that place (a deferred or brief evaluation
/// holds only some statements' traces).
fn with_compiled<'p, T: std::ops::Deref<Target = StatementTrace>>(
    policies: &'p PolicySet,
    traces: impl Iterator<Item = T>,
    mut f: impl FnMut(usize, T, &'p crate::eval::CompiledStatement),
) {
    let (mut traces, mut n) = (traces.peekable(), 0);
    policies.each_compiled(|c| {
        if let Some(s) = traces.next_if(|s| s.position as usize == n) {
            f(n, s, c);
        }
        n += 1;
    });
}

/// Appends the members of `rest` (an object) to the object open in `buf` and closes it: its
/// `{` becomes the `,` after what precedes it, and an empty one just closes. False, with `buf`
/// to be rewritten, when `rest` does not serialise as an object.
fn close_with_members(buf: &mut Vec<u8>, rest: &impl serde::Serialize) -> bool {
    let mark = buf.len();
    if serde_json::to_writer(&mut *buf, rest).is_err() || buf.get(mark) != Some(&b'{') {
        return false;
    }
    if buf.len() == mark + 2 {
        buf.truncate(mark);
        buf.push(b'}');
    } else {
        buf[mark] = b',';
    }
    true
}

/// Appends `{"decision":...,"outcome":...,"resource":...,"context":{...}`, with `line` and
/// `id` after `outcome` for a batch's line.
fn write_line_head(buf: &mut Vec<u8>, r: &SimResult, at: Option<LinePlace<'_>>) {
    buf.extend_from_slice(b"{\"decision\":");
    match r.decision.map(Decision::as_str) {
        Some(d) => json_str(buf, d),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"outcome\":");
    json_str(buf, r.outcome.as_str());
    if let Some(at) = at {
        buf.extend_from_slice(b",\"line\":");
        let _ = std::io::Write::write_fmt(buf, format_args!("{}", at.line));
        if let Some(id) = at.id {
            buf.extend_from_slice(b",\"id\":");
            let _ = serde_json::to_writer(&mut *buf, id);
        }
    }
    buf.extend_from_slice(b",\"resource\":");
    json_str(buf, &r.resource);
    buf.extend_from_slice(b",\"context\":");
    write_context(buf, &r.context);
}

/// Appends a `fault` object: its three strings, each copied unless it holds something to
/// escape.
fn write_fault(out: &mut Vec<u8>, f: &FaultView<'_>) {
    out.extend_from_slice(b"{\"type\":");
    json_str(out, f.kind);
    out.extend_from_slice(b",\"message\":");
    json_str(out, &plain(f.message));
    out.extend_from_slice(b",\"detail\":");
    json_str(out, &plain(f.detail));
    out.push(b'}');
}

/// Appends the context's object (the text of the serde form's `ContextView`), directly: a
/// context has some fifty short strings, and serde's machinery per string cost more than the
/// rest of a brief line. Strings with nothing to escape (nearly all) are copied; the others
/// are written by serde_json.
fn write_context(out: &mut Vec<u8>, cx: &Context) {
    out.push(b'{');
    match cx.call_keys() {
        // The keys of the call, appended as they are to the request's: their text is written
        // once for the call (each entry after a comma) and copied from there.
        Some((at, call)) => {
            write_entries(out, cx, &cx.entries()[..at], 0);
            let text = call.text(|keys| {
                let mut text = Vec::new();
                write_entries(&mut text, keys, keys.entries(), 1);
                text
            });
            let comma = usize::from(at == 0 && !text.is_empty());
            out.extend_from_slice(&text[comma..]);
        }
        None => write_entries(out, cx, cx.entries(), 0),
    }
    out.push(b'}');
}

/// Writes `entries` of `cx`, the first as the `first`th of the object (after a comma unless it
/// is the 0th).
fn write_entries(out: &mut Vec<u8>, cx: &Context, entries: &[ContextEntry], first: usize) {
    for (i, e) in entries.iter().enumerate() {
        let i = i + first;
        // The usual entry (a canonical key, one value with nothing to escape) in three copies:
        // the text up to the value's quote (from `KEY_HEADS`), the value, the rest.
        if let (Some(slot), Some(v)) = (e.canonical, cx.entry_single_bytes(e)) {
            if crate::json::escape_at(v).is_none() {
                let head = &KEY_HEADS[usize::from(slot)];
                match i {
                    0 => out.extend_from_slice(&head.0[1..usize::from(head.1)]),
                    _ => push_padded(out, head),
                }
                out.extend_from_slice(v);
                push_padded(out, &VALUE_CLOSES[e.source as usize]);
                continue;
            }
        }
        if i > 0 {
            out.push(b',');
        }
        match &e.key {
            // A canonical spelling: nothing to escape (a test checks them all).
            std::borrow::Cow::Borrowed(k) => {
                out.push(b'"');
                out.extend_from_slice(k.as_bytes());
                out.extend_from_slice(b"\":{\"values\":[");
            }
            std::borrow::Cow::Owned(k) => {
                json_str(out, k);
                out.extend_from_slice(b":{\"values\":[");
            }
        }
        let values = cx.entry_values(e);
        json_strs(out, values.iter());
        out.extend_from_slice(source_close(e.source));
        if let Some(p) = values.partial() {
            // `,"unknownValue":{...}` inside the entry's object.
            out.pop();
            out.extend_from_slice(b",\"unknownValue\":");
            let _ = serde_json::to_writer(&mut *out, p);
            out.push(b'}');
        }
    }
}

/// For each known key's slot, `,"KEY":{"values":["` with the key's canonical spelling, and
/// its length: a context entry's text up to its first value, in one copy (built at compile
/// time; a test checks each).
const KEY_HEADS: [([u8; 64], u8); crate::condition::KNOWN_KEYS.len()] = {
    let mut table = [([0u8; 64], 0u8); crate::condition::KNOWN_KEYS.len()];
    let mut i = 0;
    while i < crate::condition::CANONICAL_KEYS.len() {
        let (key, slot) = crate::condition::CANONICAL_KEYS[i];
        table[slot as usize] = padded(&[b",\"", key.as_bytes(), b"\":{\"values\":[\""]);
        i += 1;
    }
    table
};

/// What follows a context entry's one value, by its source's number: the value's closing
/// quote, then `],"source":"NAME"}` with the source's wire name (padded, see [`push_padded`]).
const VALUE_CLOSES: [([u8; 32], u8); 11] = {
    const SOURCES: [ValueSource; 11] = [
        ValueSource::Request,
        ValueSource::TypeDefault,
        ValueSource::World,
        ValueSource::Principal,
        ValueSource::Account,
        ValueSource::Org,
        ValueSource::Region,
        ValueSource::CommandLine,
        ValueSource::Clock,
        ValueSource::Default,
        ValueSource::Derived,
    ];
    let mut table = [([0u8; 32], 0u8); 11];
    let mut i = 0;
    while i < SOURCES.len() {
        let name = source_name(SOURCES[i]).as_bytes();
        table[SOURCES[i] as usize] = padded(&[b"\"],\"source\":\"", name, b"\"}"]);
        i += 1;
    }
    table
};

/// What follows a context entry's values: `],"source":"NAME"}` ([`VALUE_CLOSES`] without the
/// value's closing quote).
fn source_close(s: ValueSource) -> &'static [u8] {
    let (row, len) = &VALUE_CLOSES[s as usize];
    row.get(1..usize::from(*len)).unwrap_or_default()
}

/// `parts` one after another in a row of `N` bytes, with their length (built at compile time).
const fn padded<const N: usize>(parts: &[&[u8]]) -> ([u8; N], u8) {
    let mut row = [0u8; N];
    let mut n = 0;
    let mut i = 0;
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            assert!(n < N && n < 256, "a padded row is too short for its text");
            row[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    (row, n as u8)
}

/// Appends the first `len` bytes of `row`: all `N` are copied, then the rest is cut off. A
/// copy of a fixed size is a few moves; one whose length is known only when it runs is a call
/// into `memcpy`, which for a few bytes costs more than the copy.
fn push_padded<const N: usize>(out: &mut Vec<u8>, (row, len): &([u8; N], u8)) {
    let start = out.len();
    out.extend_from_slice(row);
    out.truncate(start + usize::from(*len));
}

/// Appends the items of an array of strings (not its brackets), as serde_json writes them.
fn json_strs<'s>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'s str>) {
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, s);
    }
}

/// Appends `s` as a JSON string, exactly as serde_json writes it (UTF-8 in, UTF-8 out).
pub(super) fn json_str(out: &mut Vec<u8>, s: &str) {
    if crate::json::escape_at(s.as_bytes()).is_some() {
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

#[cfg(test)]
mod tests;
