//! Products of pattern automata: every distinguishable kind of string, with a shortest example.
//!
//! A pattern (`*`, `?`, literals; `*` and `?` that may not match `:` in ARN segments) is a small
//! nondeterministic automaton whose states are token positions. Running all the patterns of a
//! dimension side by side, a string's fate under every pattern depends only on the tuple of
//! position sets it reaches. Breadth-first search over that tuple, reading the characters the
//! patterns mention plus one fresh character (which stands for every other character: no pattern
//! can tell those apart), visits every reachable tuple; its shortest path is an example string.
//! So the examples cover every class of strings the patterns can distinguish: a decision
//! procedure, not a sample. The search gives up ([`Halt`]) rather than guess: past a number of
//! states, or when the caller's clock says stop.
//!
//! A step visits only the positions that are set (most patterns die within a few characters),
//! so its cost follows the live positions, not the number of patterns.

use crate::condition::case_key;
use crate::pattern::Tok;
use std::collections::{HashMap, HashSet, VecDeque};

/// Maps keyed by automaton states.
pub type StateMap<K, V> = crate::hash::WordMap<K, V>;

/// Every character that equals another ignoring case, by their shared [`case_key`]; built once
/// per analysis, and only when a case-insensitive pattern needs it.
#[derive(Clone, Debug, Default)]
pub struct CaseTable(HashMap<char, Vec<char>>);

impl CaseTable {
    /// Scans the characters that have a case.
    pub fn new() -> CaseTable {
        let mut m: HashMap<char, Vec<char>> = HashMap::new();
        for c in (0u32..CASED_LIMIT).filter_map(char::from_u32) {
            let k = case_key(c);
            if k != c || c.to_uppercase().next() != Some(c) {
                m.entry(k).or_default().push(c);
            }
        }
        CaseTable(m)
    }

    /// The characters equal to `c` ignoring case (besides `c` itself).
    pub fn variants(&self, c: char) -> &[char] {
        self.0.get(&case_key(c)).map_or(&[], Vec::as_slice)
    }
}

/// No character at or above this one has a case mapping, and none below maps to one above (a
/// test checks it against the standard library's Unicode tables): scanning below it finds every
/// character equal to a given one ignoring case.
pub const CASED_LIMIT: u32 = 0x1_E944;

/// One pattern of a dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atom {
    /// The tokens, variables already substituted.
    pub toks: Vec<Tok>,
    /// Literals compare as `StringEqualsIgnoreCase` does.
    pub icase: bool,
    /// How a reader sees it.
    pub label: String,
}

impl Atom {
    /// An IAM wildcard pattern (`*`, `?`), case-sensitive.
    pub fn wildcard(text: &str) -> Atom {
        Atom {
            toks: crate::pattern::Pattern::wildcard(text, false)
                .toks()
                .to_vec(),
            icase: false,
            label: format!("`{text}`"),
        }
    }

    /// A literal.
    pub fn literal(text: &str, icase: bool) -> Atom {
        Atom {
            toks: text.chars().map(Tok::Lit).collect(),
            icase,
            label: if icase {
                format!("`{text}` (any case)")
            } else {
                format!("`{text}`")
            },
        }
    }
}

/// The position sets of several atoms, packed into words.
pub type State = Vec<u64>;

/// Why [`reachable`] stopped short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    /// More states than allowed.
    States,
    /// The caller's clock ran out.
    Time,
}

/// What a position reads: `(token, case-insensitive)`; `None` for an atom's accepting position.
type Position = Option<(Tok, bool)>;

/// Several atoms run side by side.
#[derive(Clone, Debug)]
pub struct Product {
    atoms: Vec<Atom>,
    offsets: Vec<usize>,
    /// Each position's token, by bit.
    positions: Vec<Position>,
    words: usize,
}

/// The set bits of a state, in increasing order.
fn ones(s: &State) -> impl Iterator<Item = usize> + '_ {
    s.iter().enumerate().flat_map(|(wi, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            if w == 0 {
                return None;
            }
            let b = w.trailing_zeros() as usize;
            w &= w - 1;
            Some(wi * 64 + b)
        })
    })
}

fn get(s: &State, i: usize) -> bool {
    s[i / 64] >> (i % 64) & 1 == 1
}

fn set(s: &mut State, i: usize) {
    s[i / 64] |= 1 << (i % 64);
}

impl Product {
    /// The product of `atoms`.
    pub fn new(atoms: Vec<Atom>) -> Product {
        let mut offsets = Vec::with_capacity(atoms.len());
        let mut positions = Vec::new();
        for a in &atoms {
            offsets.push(positions.len());
            positions.extend(a.toks.iter().map(|t| Some((t.clone(), a.icase))));
            positions.push(None);
        }
        Product {
            atoms,
            offsets,
            words: positions.len().div_ceil(64).max(1),
            positions,
        }
    }

    /// The atoms.
    pub fn atoms(&self) -> &[Atom] {
        &self.atoms
    }

    /// Adds the positions after every `*` that is set (a `*` may match nothing), in one pass:
    /// positions only ever enable later ones.
    fn closure(&self, s: &mut State) {
        for wi in 0..s.len() {
            let mut w = s[wi];
            while w != 0 {
                let b = wi * 64 + w.trailing_zeros() as usize;
                w &= w - 1;
                if matches!(self.positions[b], Some((Tok::Many { .. }, _))) {
                    set(s, b + 1);
                    if (b + 1) / 64 == wi {
                        w |= 1 << ((b + 1) % 64);
                    }
                }
            }
        }
    }

    /// Before any character.
    pub fn start(&self) -> State {
        let mut s = vec![0; self.words];
        for &o in &self.offsets {
            set(&mut s, o);
        }
        self.closure(&mut s);
        s
    }

    /// After one more character.
    pub fn step(&self, s: &State, c: char) -> State {
        let mut next = vec![0; self.words];
        for b in ones(s) {
            let Some((t, icase)) = &self.positions[b] else {
                continue;
            };
            match *t {
                Tok::Lit(x) => {
                    let icase = *icase;
                    let eq = if icase {
                        x == c || case_key(x) == case_key(c)
                    } else {
                        x == c
                    };
                    if eq {
                        set(&mut next, b + 1);
                    }
                }
                Tok::One { cross } => {
                    if cross || c != ':' {
                        set(&mut next, b + 1);
                    }
                }
                Tok::Many { cross } => {
                    if cross || c != ':' {
                        set(&mut next, b);
                    }
                }
            }
        }
        self.closure(&mut next);
        next
    }

    /// After a run of characters.
    pub fn run(&self, s: &State, text: &str) -> State {
        text.chars().fold(s.clone(), |st, c| self.step(&st, c))
    }

    /// Whether atom `i` matches the text that led to `s`.
    pub fn accepts(&self, s: &State, i: usize) -> bool {
        get(s, self.offsets[i] + self.atoms[i].toks.len())
    }

    /// Every atom's verdict.
    pub fn verdicts(&self, s: &State) -> Vec<bool> {
        (0..self.atoms.len()).map(|i| self.accepts(s, i)).collect()
    }

    /// The positions from which a text over `alphabet` can still reach an atom's end: every
    /// literal after them is in the alphabet. A step keeps a live position live, so clearing
    /// the others from a state (`State & mask`) changes no verdict on such texts; it only
    /// spares the steps positions that wait for a character that never comes (an ARN
    /// pattern's `*` waiting for a colon in a domain name).
    pub fn live_mask(&self, alphabet: &[char]) -> State {
        let mut mask = vec![0; self.words];
        for (a, &o) in self.atoms.iter().zip(&self.offsets) {
            let mut live = true;
            set(&mut mask, o + a.toks.len());
            for (i, t) in a.toks.iter().enumerate().rev() {
                if let Tok::Lit(x) = t {
                    let readable = alphabet
                        .iter()
                        .any(|c| *c == *x || (a.icase && case_key(*c) == case_key(*x)));
                    live &= readable;
                }
                if live {
                    set(&mut mask, o + i);
                }
            }
        }
        mask
    }

    /// Whether every atom is a case-sensitive literal (no wildcard).
    pub fn literal(&self) -> bool {
        self.atoms
            .iter()
            .all(|a| !a.icase && a.toks.iter().all(|t| matches!(t, Tok::Lit(_))))
    }

    /// The characters the atoms can tell apart, those `valid` allows, plus a fresh valid
    /// character for all the others. With case-insensitive atoms, every character equal to one of
    /// their literals ignoring case joins the alphabet (found by scanning Unicode once).
    pub fn alphabet(
        &self,
        valid: &dyn Fn(char) -> bool,
        cases: &dyn Fn() -> std::rc::Rc<CaseTable>,
    ) -> Vec<char> {
        let mut chars: HashSet<char> = HashSet::new();
        let mut keys: HashSet<char> = HashSet::new();
        let mut colon = false;
        for a in &self.atoms {
            for t in &a.toks {
                match t {
                    Tok::Lit(c) => {
                        chars.insert(*c);
                        if a.icase {
                            keys.insert(case_key(*c));
                        }
                    }
                    Tok::Many { cross: false } | Tok::One { cross: false } => colon = true,
                    _ => {}
                }
            }
        }
        if colon {
            chars.insert(':');
        }
        if !keys.is_empty() {
            let table = cases();
            for k in &keys {
                chars.insert(*k);
                chars.extend(table.variants(*k).iter().copied());
            }
        }
        let mut out: Vec<char> = chars.into_iter().filter(|c| valid(*c)).collect();
        out.sort_unstable();
        let fresh = "xzqjwvkyXZQJ0123456789"
            .chars()
            .chain(('\u{00C0}'..='\u{024F}').chain('\u{4E00}'..='\u{9FFF}'))
            .find(|c| valid(*c) && !out.contains(c) && !keys.contains(&case_key(*c)));
        out.extend(fresh);
        out
    }
}

/// Every state reachable from `from` by strings over `alphabet`, each with a shortest string that
/// reaches it (the empty string for `from` itself), in breadth-first order. Stops past
/// `max_states`, or when `stop` says so (asked once a state).
pub fn reachable(
    p: &Product,
    from: &State,
    alphabet: &[char],
    max_states: usize,
    stop: &dyn Fn() -> bool,
) -> Result<Vec<(String, State)>, Halt> {
    let mut seen: StateMap<State, usize> = StateMap::default();
    let mut out: Vec<(String, State)> = vec![(String::new(), from.clone())];
    seen.insert(from.clone(), 0);
    let mut queue = VecDeque::from([0usize]);
    while let Some(i) = queue.pop_front() {
        if stop() {
            return Err(Halt::Time);
        }
        for &c in alphabet {
            let next = p.step(&out[i].1, c);
            if seen.contains_key(&next) {
                continue;
            }
            if out.len() >= max_states {
                return Err(Halt::States);
            }
            let mut text = out[i].0.clone();
            text.push(c);
            seen.insert(next.clone(), out.len());
            out.push((text, next));
            queue.push_back(out.len() - 1);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::reference_match;

    fn classes(patterns: &[&str]) -> HashSet<Vec<bool>> {
        let p = Product::new(patterns.iter().map(|t| Atom::wildcard(t)).collect());
        let alpha = p.alphabet(&|_| true, &|| std::rc::Rc::new(CaseTable::new()));
        reachable(&p, &p.start(), &alpha, 10_000, &|| false)
            .unwrap()
            .into_iter()
            .map(|(_, s)| p.verdicts(&s))
            .collect()
    }

    /// Every verdict vector that some short string produces is one the search reports, and
    /// every reported example really has its vector: the search is complete and sound.
    #[test]
    fn the_search_finds_every_class_a_brute_force_finds() {
        let cases: &[&[&str]] = &[
            &["prod-*", "*-tl", "dev-?", "a*b*a"],
            &["ab", "a*", "*b", "?"],
            &["x*y*z", "*xyz*", "x?z"],
        ];
        for pats in cases {
            let found = classes(pats);
            let alpha: Vec<char> = "abxyz-prodtlev?".chars().collect();
            let mut words = vec![String::new()];
            for _ in 0..5 {
                let mut next = Vec::new();
                for w in &words {
                    for c in &alpha {
                        next.push(format!("{w}{c}"));
                    }
                }
                for w in &next {
                    let v: Vec<bool> = pats.iter().map(|p| reference_match(p, w, false)).collect();
                    assert!(found.contains(&v), "{pats:?}: `{w}` gives {v:?}, not found");
                }
                words = next;
            }
        }
    }

    /// ARN patterns' atoms read every short ARN-like text as the evaluator matches it: a `?` or
    /// an inner `*` of the first five segments never takes a colon, a segment-final `*` does,
    /// and in the resource part both take anything.
    #[test]
    fn arn_atoms_agree_with_the_evaluator() {
        let patterns = [
            "arn:a?b:*",
            "arn:a:?:b",
            "arn:a?*",
            "arn:?*",
            "arn:a*b:*",
            "arn:a*",
            "arn:a:b:?:a:?",
            "arn:a:b:a:a:a?b*",
            "arn:?:?:?:?:?",
        ];
        let resolved: Vec<crate::pattern::Pattern> = patterns
            .iter()
            .filter_map(|p| crate::arn::ArnPattern::new(p, false).resolve(&|_| None))
            .collect();
        let atoms = resolved.iter().map(|p| Atom {
            toks: p.toks().to_vec(),
            icase: false,
            label: String::new(),
        });
        let product = Product::new(atoms.collect());
        let alphabet = ['a', 'b', ':'];
        // Every text `arn:` then up to eight characters, each with its state, level by level.
        let mut level = vec![("arn:".to_string(), product.run(&product.start(), "arn:"))];
        for depth in 0..=8 {
            let mut next = Vec::new();
            for (t, s) in &level {
                let want: Vec<bool> = resolved.iter().map(|p| p.matches(t)).collect();
                assert_eq!(product.verdicts(s), want, "{t}");
                for c in alphabet.iter().filter(|_| depth < 8) {
                    next.push((format!("{t}{c}"), product.step(s, *c)));
                }
            }
            level = next;
        }
    }

    /// Clearing the positions that wait for a character outside the alphabet (a colon, in a
    /// domain name) changes no verdict on a text over the alphabet, however long.
    #[test]
    fn a_live_mask_changes_no_verdict_on_texts_over_its_alphabet() {
        let patterns = [
            "arn:aws:swf:*:111122223333:/domain/a*",
            "arn:aws:swf:us-east-?:*:/domain/*b",
            "arn:aws:swf:*:*:*",
            "arn:aws:swf:*:1111?2223333:/domain/a:b*",
            "arn:aws:swf:*",
        ];
        let atoms = patterns.iter().filter_map(|p| {
            crate::arn::ArnPattern::new(p, false)
                .resolve(&|_| None)
                .map(|p| Atom {
                    toks: p.toks().to_vec(),
                    icase: false,
                    label: String::new(),
                })
        });
        let product = Product::new(atoms.collect());
        let alphabet = ['a', 'b', 'x'];
        let mask = product.live_mask(&alphabet);
        let start = product.run(
            &product.start(),
            "arn:aws:swf:us-east-1:111122223333:/domain/",
        );
        let masked: State = start.iter().zip(&mask).map(|(s, m)| s & m).collect();
        assert_ne!(start, masked, "some position waits for a colon");
        let mut level = vec![(start, masked)];
        for _ in 0..6 {
            let mut next = Vec::new();
            for (s, m) in &level {
                assert_eq!(product.verdicts(s), product.verdicts(m));
                for &c in &alphabet {
                    next.push((product.step(s, c), product.step(m, c)));
                }
            }
            level = next;
        }
    }

    #[test]
    fn no_character_beyond_the_cased_limit_has_a_case() {
        for c in (0u32..=0x10_FFFF).filter_map(char::from_u32) {
            if u32::from(c) >= CASED_LIMIT {
                assert_eq!(case_key(c), c, "{c:?}");
            } else {
                assert!(u32::from(case_key(c)) < CASED_LIMIT, "{c:?}");
            }
        }
    }

    #[test]
    fn ignore_case_literals_bring_their_unicode_variants() {
        let p = Product::new(vec![Atom::literal("ks", true)]);
        let alpha = p.alphabet(&|_| true, &|| std::rc::Rc::new(CaseTable::new()));
        // The Kelvin sign and the long s equal `k` and `s` ignoring case (Java's rule).
        assert!(alpha.contains(&'\u{212A}') && alpha.contains(&'\u{017F}'));
        let fresh = *alpha.last().unwrap();
        assert_ne!(case_key(fresh), 'k');
        let s = p.run(&p.start(), "\u{212A}\u{017F}");
        assert!(p.accepts(&s, 0));
    }
}
