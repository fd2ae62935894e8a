//! Values swfsim knows only in part, and conditions decided over every value they may be.
//!
//! AWS includes some keys in every request whose value swfsim cannot know: the unique id in an
//! IAM user's `aws:userid`, the time a session's token was issued. Some are known in part: an
//! assumed-role session's `aws:userid` is `ROLE-ID:SESSION-NAME`, whose session name the caller's
//! ARN gives. A [`Partial`] says what is known: the value starts with `prefix` and ends with
//! `suffix`, with any text between (a superset of the values AWS can hold, so a condition found
//! to hold, or to fail, for all of them holds or fails for the real one).
//!
//! A condition over such a value is decided only when its result is the same for every value
//! the partial allows ([`glob_truth`]); otherwise it is unknown.

use super::Truth;
use crate::pattern::Tok;

/// A value present in the request context but known only in part: `prefix`, then text swfsim
/// cannot know (any text, possibly empty), then `suffix`. With `may_be_absent`, the key itself
/// may also be missing (`aws:SourceIp`, absent for a call through a VPC endpoint).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Partial {
    /// The known start of the value.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub known_prefix: String,
    /// The known end of the value.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub known_suffix: String,
    /// Whether the key may be absent from the request altogether.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub may_be_absent: bool,
}

impl Partial {
    /// A value present and wholly unknown.
    pub fn unknown() -> Partial {
        Partial::default()
    }

    /// A value known to start with `prefix` and end with `suffix`.
    pub fn between(prefix: impl Into<String>, suffix: impl Into<String>) -> Partial {
        Partial {
            known_prefix: prefix.into(),
            known_suffix: suffix.into(),
            may_be_absent: false,
        }
    }

    /// The same, with the key possibly absent.
    pub fn or_absent(mut self) -> Partial {
        self.may_be_absent = true;
        self
    }

    /// Whether `value` is one the partial allows.
    pub fn allows(&self, value: &str) -> bool {
        value.len() >= self.known_prefix.len() + self.known_suffix.len()
            && value.starts_with(&self.known_prefix)
            && value.ends_with(&self.known_suffix)
    }

    /// Whether the value is `value`: false when the partial refuses it, unknown otherwise (a
    /// value known in part is never certainly one text).
    pub fn may_be(&self, value: &str) -> Truth {
        if self.allows(value) {
            Truth::Unknown
        } else {
            Truth::False
        }
    }

    /// The partial as a person reads it: the known parts around `…` (`…:ci`), or `unknown`.
    pub fn shown(&self) -> String {
        if self.known_prefix.is_empty() && self.known_suffix.is_empty() {
            "unknown".to_string()
        } else {
            format!("{}…{}", self.known_prefix, self.known_suffix)
        }
    }
}

/// Reachable subsets at most, before the answer is unknown (glob patterns of policies reach a
/// handful).
const MAX_SUBSETS: usize = 4096;

/// Whether a wildcard pattern (tokens, as [`crate::pattern::Pattern`] holds them) matches every
/// value `p` allows (`True`), none (`False`), or some but not all (`Unknown`). Characters are
/// compared after `norm` (identity for case-sensitive operators, a case key for the
/// ignore-case ones), applied to the pattern's literals and to the partial's known parts alike.
///
/// Exact for the set `prefix · any text · suffix`: the pattern's states after the prefix are
/// followed through every text over the characters the pattern and the partial mention, a
/// colon (which some tokens refuse), and one character none of them has (every other character
/// behaves as it does); each subset of states reached is then followed through the suffix.
pub fn glob_truth(toks: &[Tok], p: &Partial, norm: fn(char) -> char) -> Truth {
    let toks: Vec<Tok> = toks
        .iter()
        .map(|t| match t {
            Tok::Lit(c) => Tok::Lit(norm(*c)),
            t => t.clone(),
        })
        .collect();
    let nfa = Nfa { toks: &toks };
    let mut alphabet: Vec<char> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Lit(c) => Some(*c),
            _ => None,
        })
        .chain(p.known_prefix.chars().map(norm))
        .chain(p.known_suffix.chars().map(norm))
        .chain([':'])
        .collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    if let Some(fresh) = ('\u{E000}'..).find(|c| alphabet.binary_search(c).is_err()) {
        alphabet.push(fresh);
    }
    let mut start = nfa.closure(vec![0]);
    for c in p.known_prefix.chars() {
        start = nfa.step(&start, norm(c));
    }
    let mut seen = vec![start.clone()];
    let mut queue = vec![start];
    let (mut some, mut all) = (false, true);
    while let Some(set) = queue.pop() {
        let mut end = set.clone();
        for c in p.known_suffix.chars() {
            end = nfa.step(&end, norm(c));
        }
        if end.contains(&toks.len()) {
            some = true;
        } else {
            all = false;
        }
        if some && !all {
            return Truth::Unknown;
        }
        for &c in &alphabet {
            let next = nfa.step(&set, c);
            if !seen.contains(&next) {
                if seen.len() >= MAX_SUBSETS {
                    return Truth::Unknown;
                }
                seen.push(next.clone());
                queue.push(next);
            }
        }
    }
    match (some, all) {
        (true, true) => Truth::True,
        (false, _) => Truth::False,
        (true, false) => Truth::Unknown,
    }
}

/// A pattern's tokens as a nondeterministic automaton: state `i` stands before token `i`.
struct Nfa<'t> {
    toks: &'t [Tok],
}

impl Nfa<'_> {
    /// The states, with every state a `*` can skip to, sorted.
    fn closure(&self, mut states: Vec<usize>) -> Vec<usize> {
        let mut i = 0;
        while i < states.len() {
            let s = states[i];
            if matches!(self.toks.get(s), Some(Tok::Many { .. })) && !states.contains(&(s + 1)) {
                states.push(s + 1);
            }
            i += 1;
        }
        states.sort_unstable();
        states
    }

    /// The states after reading `c`.
    fn step(&self, states: &[usize], c: char) -> Vec<usize> {
        let mut next = Vec::new();
        for &s in states {
            let to = match self.toks.get(s) {
                Some(Tok::Lit(l)) if *l == c => Some(s + 1),
                Some(Tok::One { cross }) if *cross || c != ':' => Some(s + 1),
                Some(Tok::Many { cross }) if *cross || c != ':' => Some(s),
                _ => None,
            };
            if let Some(t) = to.filter(|t| !next.contains(t)) {
                next.push(t);
            }
        }
        self.closure(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Pattern;

    fn like(pattern: &str, p: &Partial) -> Truth {
        glob_truth(Pattern::wildcard(pattern, false).toks(), p, |c| c)
    }

    /// An assumed-role session's `aws:userid` is `ROLE-ID:SESSION-NAME` (IAM's policy variables
    /// page, "aws:userid" per principal): the session name is known, the role id is not.
    #[test]
    fn a_known_suffix_settles_patterns_that_read_only_it() {
        let session = Partial::between("", ":ci");
        assert_eq!(like("*:ci", &session), Truth::True);
        assert_eq!(like("*", &session), Truth::True);
        assert_eq!(like("*:deploy", &session), Truth::False);
        assert_eq!(like("AROA*:ci", &session), Truth::Unknown);
        assert_eq!(like("*:c?", &session), Truth::True);
        assert_eq!(like("*i", &session), Truth::True);
        assert_eq!(
            like("?*:ci", &session),
            Truth::Unknown,
            "the id may be empty"
        );
        assert_eq!(like("AROAEXAMPLE:ci", &session), Truth::Unknown);
        assert_eq!(like("AROAEXAMPLE:cd", &session), Truth::False);
    }

    #[test]
    fn a_wholly_unknown_value_settles_only_what_every_text_does() {
        let any = Partial::unknown();
        assert_eq!(like("*", &any), Truth::True);
        assert_eq!(like("**", &any), Truth::True);
        assert_eq!(like("?*", &any), Truth::Unknown);
        assert_eq!(like("", &any), Truth::Unknown);
        assert_eq!(like("a", &any), Truth::Unknown);
    }

    #[test]
    fn prefixes_and_suffixes_together() {
        let arn = Partial::between(
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/",
            "AWSReservedSSO_Admin_0123",
        );
        assert_eq!(
            like("arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*", &arn),
            Truth::True
        );
        assert_eq!(
            like("arn:aws:iam::*:role/*AWSReservedSSO_*", &arn),
            Truth::True
        );
        assert_eq!(like("arn:aws:sts::*", &arn), Truth::False);
        // The unknown middle may hold `:role/AWSReservedSSO_` itself: not settled.
        assert_eq!(
            like("arn:aws:iam::*:role/AWSReservedSSO_*", &arn),
            Truth::Unknown
        );
        assert_eq!(
            like(
                "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/eu-west-1/*",
                &arn
            ),
            Truth::Unknown
        );
    }

    /// Tokens that refuse a colon (a `*` or `?` inside an ARN segment) are followed exactly.
    #[test]
    fn colons_count() {
        let toks = [Tok::Many { cross: false }, Tok::Lit('x')];
        let p = Partial::between("", "x");
        assert_eq!(glob_truth(&toks, &p, |c| c), Truth::Unknown);
        let p = Partial::between("a:", "x");
        assert_eq!(glob_truth(&toks, &p, |c| c), Truth::False);
        let one = [Tok::One { cross: false }, Tok::Lit('x')];
        assert_eq!(
            glob_truth(&one, &Partial::between(":", "x"), |c| c),
            Truth::False
        );
        let one = [Tok::One { cross: true }, Tok::Lit('x')];
        assert_eq!(
            glob_truth(&one, &Partial::between(":", "x"), |c| c),
            Truth::Unknown
        );
    }

    #[test]
    fn allows_and_shows() {
        let p = Partial::between("ab", "ba");
        assert!(p.allows("abba"));
        assert!(p.allows("abXba"));
        assert!(!p.allows("aba"), "the prefix and suffix may not overlap");
        assert_eq!(p.shown(), "ab…ba");
        assert_eq!(Partial::unknown().shown(), "unknown");
    }
}
