//! The dimensions of the request space and their classes of values.

use super::automata::Atom;
use crate::condition::Truth;

/// One dimension of the search.
#[derive(Clone, Debug)]
pub(super) struct Dim {
    /// `domain`, a key as written, or `clock`.
    pub(super) name: String,
    /// The lower-case keys it sets (the domain: its keys; the resource ARN is separate).
    pub(super) keys: Vec<String>,
    /// The classes.
    pub(super) classes: Vec<Class>,
    /// Tag position.
    pub(super) tag: Option<usize>,
    /// The patterns whose verdicts describe a class of this dimension (a class's `members`).
    pub(super) atoms: Vec<Atom>,
    /// The domain: per region group, which patterns the name can turn either way (the others
    /// the region and account settle, and the region list already says); empty: all.
    pub(super) mixed: Vec<Vec<bool>>,
    /// The domain: each pattern's whole ARN text as a label, and whether its account is `*`.
    pub(super) whole: Vec<(String, bool)>,
    /// The domain: no caller named (the account varies).
    pub(super) free: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ClassValue {
    Absent,
    Text(String),
    Domain {
        regions: Vec<String>,
        account: String,
        name: String,
    },
    Clock(i64),
}

/// A class of values. Its `holds`/`fails`/`any_of` are described when a region shows it: from
/// the conditions (set when the class is made) or from its members' pattern verdicts.
#[derive(Clone, Debug)]
pub(super) struct Class {
    pub(super) value: ClassValue,
    pub(super) holds: Vec<String>,
    pub(super) fails: Vec<String>,
    pub(super) any_of: Vec<String>,
    /// One text per automaton state of the class (the domain: the whole ARN), read by the
    /// dimension's `atoms` when the class is described.
    pub(super) members: Vec<String>,
    /// The domain: the region groups whose names reach the class.
    pub(super) groups: Vec<usize>,
}

impl Class {
    /// A class of one example value, not yet described.
    pub(super) fn new(value: ClassValue) -> Class {
        Class {
            value,
            holds: Vec::new(),
            fails: Vec::new(),
            any_of: Vec::new(),
            members: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// Truths packed two bits each, to hash and compare as words.
pub(super) fn packed(truths: &[Truth]) -> Vec<u64> {
    let mut out = vec![0u64; truths.len().div_ceil(32)];
    for (i, t) in truths.iter().enumerate() {
        let bits: u64 = match t {
            Truth::False => 1,
            Truth::True => 2,
            Truth::Unknown => 3,
        };
        out[i / 32] |= bits << (2 * (i % 32));
    }
    out
}

/// Whether `b` reads better than `a` as an example: not empty, fewer punctuation and unusual
/// characters, then shorter.
pub(super) fn nicer(a: &str, b: &str) -> bool {
    let score = |s: &str| {
        (
            s.is_empty(),
            s.chars().filter(|c| !c.is_ascii_alphanumeric()).count(),
            s.chars().count(),
        )
    };
    score(b) < score(a)
}
