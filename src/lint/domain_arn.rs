//! Whether an ARN pattern can match an SWF domain ARN.
//!
//! A domain ARN is `arn:PARTITION:swf:REGION:ACCOUNT:/domain/NAME`: a partition SWF runs in, a
//! region name (lower-case letters, digits and `-`), twelve digits, and a name SWF accepts (1 to
//! 256 characters, none of them `:`, `/`, `|` or a control character, and not `arn`). The
//! pattern is read as the automaton `check` reads resource patterns with, and the search walks
//! the ARN's parts in order, reading at each step the characters the pattern tells apart plus
//! one that stands for all the others: an exact answer, not a sample.

use crate::analysis::automata::{Atom, CaseTable, Product, State};
use crate::analysis::SWF_PARTITIONS;
use crate::arn::ArnPattern;
use crate::pattern::Tok;
use crate::swf::name_char;
use std::collections::{HashSet, VecDeque};

/// The first part of a domain ARN that no text the pattern matches can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Fewer than six colon-separated parts, and no `*` to stand for the rest.
    Parts,
    /// `arn:PARTITION:`, with a partition among `aws`, `aws-cn` and `aws-us-gov`.
    Partition,
    /// The service: not `swf`.
    Service,
    /// The region: not lower-case letters, digits and `-`.
    Region,
    /// The account: not twelve digits.
    Account,
    /// The resource part does not start with `/domain/`.
    Resource,
    /// No domain name fits what follows `/domain/`.
    Name,
}

/// Past this many states in one part of the ARN the search gives up, and says the pattern may
/// match.
const MAX_STATES: usize = 10_000;

/// The longest domain name, in UTF-16 code units.
const MAX_NAME: usize = 256;

/// Stands for a policy variable's value, which may be any text (a policy that holds this
/// noncharacter itself is read as if a variable stood there: it can only lose a finding).
const VARIABLE: char = '\u{10FFFF}';

/// The first part of a domain ARN that `pattern` can never match, or `None` when some domain ARN
/// matches it (or the search gave up). A policy variable may stand for any text.
pub fn domain_mismatch(pattern: &ArnPattern) -> Option<Mismatch> {
    // The usual pattern names one domain ARN plainly: one match spares the search (which
    // costs a policy of 10,000 statements about a second).
    if matches_an_obvious_domain(pattern) {
        return None;
    }
    searched(pattern)
}

/// [`domain_mismatch`] by the search alone.
fn searched(pattern: &ArnPattern) -> Option<Mismatch> {
    let resolved = pattern.resolve(&|_| Some(VARIABLE.to_string()))?;
    let colons = resolved
        .toks()
        .iter()
        .filter(|t| **t == Tok::Lit(':'))
        .count();
    // Each of a pattern's first five colons meets one of a domain ARN's five (a name holds no
    // colon), so in a pattern with five no segment's `*` takes a colon; read so, a pattern
    // fails in the part that fails it.
    let mut seen = 0;
    let toks: Vec<Tok> = resolved
        .toks()
        .iter()
        .map(|t| {
            seen += usize::from(*t == Tok::Lit(':'));
            match t {
                Tok::Lit(VARIABLE) => Tok::Many { cross: true },
                Tok::Many { cross: true } if colons >= 5 && seen < 5 => Tok::Many { cross: false },
                t => t.clone(),
            }
        })
        .collect();
    if colons < 5 && !toks.contains(&Tok::Many { cross: true }) {
        return Some(Mismatch::Parts);
    }
    let p = Product::new(vec![Atom {
        toks,
        icase: false,
        label: String::new(),
    }]);
    match search(&p) {
        Err(Stop::Mismatch(m)) => Some(m),
        Ok(()) | Err(Stop::GaveUp) => None,
    }
}

/// Whether the pattern matches, as the matcher of record says, an ARN built from it: each part
/// the usual value when the pattern's segment matches it (`aws`, `swf`, `us-east-1`,
/// `123456789012`, `/domain/x`), else the segment with `?` as `0` and `*` as nothing. Only a
/// "yes" is believed, and only when the ARN built is a domain's.
fn matches_an_obvious_domain(pattern: &ArnPattern) -> bool {
    if pattern.has_variables() {
        return false;
    }
    let seg: Vec<&str> = pattern.text.splitn(6, ':').collect();
    let [_, partition, service, region, account, resource] = seg[..] else {
        return false;
    };
    let fill = |seg: &str, usual: &str| -> String {
        if crate::pattern::Pattern::wildcard(seg, false).matches(usual) {
            usual.to_string()
        } else {
            seg.replace('*', "").replace('?', "0")
        }
    };
    let resource = fill(resource, "/domain/x");
    let Some(name) = resource.strip_prefix("/domain/") else {
        return false;
    };
    let (partition, region, account) = (
        fill(partition, "aws"),
        fill(region, "us-east-1"),
        fill(account, "123456789012"),
    );
    let is_domain = SWF_PARTITIONS.contains(&partition.as_str())
        && fill(service, "swf") == "swf"
        && !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !name.is_empty()
        && !crate::swf::name_problem(name)
        && crate::swf::swf_len(name) <= MAX_NAME;
    let arn = format!("arn:{partition}:swf:{region}:{account}:/domain/{name}");
    is_domain && pattern.matches_ref(&arn, &|_| None)
}

/// Why [`search`] stopped short of a domain ARN.
enum Stop {
    /// No text the pattern matches fills this part.
    Mismatch(Mismatch),
    /// Too many states.
    GaveUp,
}

/// `Ok` when some domain ARN matches the one atom of `p`.
fn search(p: &Product) -> Result<(), Stop> {
    // The atom compares case-sensitively: no case table is ever asked for.
    let alphabet = |valid: &dyn Fn(char) -> bool| p.alphabet(valid, &|| CaseTable::new().into());
    let heads = SWF_PARTITIONS
        .iter()
        .map(|part| p.run(&p.start(), &format!("arn:{part}:")));
    let states = nonempty(heads.filter(live).collect(), Mismatch::Partition)?;
    let states = nonempty(then(p, states, "swf:"), Mismatch::Service)?;
    let region = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    let states = one_or_more(p, states, &alphabet(&region))?;
    let mut states = nonempty(then(p, states, ":"), Mismatch::Region)?;
    let digits = alphabet(&|c| c.is_ascii_digit());
    for _ in 0..12 {
        let next: HashSet<State> = states
            .iter()
            .flat_map(|s| digits.iter().map(|&c| p.step(s, c)))
            .filter(live)
            .collect();
        if next.len() > MAX_STATES {
            return Err(Stop::GaveUp);
        }
        states = nonempty(next.into_iter().collect(), Mismatch::Account)?;
    }
    let states = nonempty(then(p, states, ":"), Mismatch::Account)?;
    let states = nonempty(then(p, states, "/domain/"), Mismatch::Resource)?;
    some_name(p, states, &alphabet(&name_char))
}

/// Whether a state can still match something.
fn live(s: &State) -> bool {
    s.iter().any(|w| *w != 0)
}

/// The states, when there are some; otherwise the part they fail.
fn nonempty(states: Vec<State>, m: Mismatch) -> Result<Vec<State>, Stop> {
    if states.is_empty() {
        Err(Stop::Mismatch(m))
    } else {
        Ok(states)
    }
}

/// The live states after `text` from each of `states`, once each.
fn then(p: &Product, states: Vec<State>, text: &str) -> Vec<State> {
    let set: HashSet<State> = states.iter().map(|s| p.run(s, text)).filter(live).collect();
    set.into_iter().collect()
}

/// Every live state reached from `states` by one character of `alphabet` or more.
fn one_or_more(p: &Product, states: Vec<State>, alphabet: &[char]) -> Result<Vec<State>, Stop> {
    let mut seen: HashSet<State> = HashSet::new();
    let mut queue: VecDeque<State> = states.into();
    while let Some(s) = queue.pop_front() {
        for &c in alphabet {
            let next = p.step(&s, c);
            if live(&next) && seen.insert(next.clone()) {
                if seen.len() > MAX_STATES {
                    return Err(Stop::GaveUp);
                }
                queue.push_back(next);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

/// Whether a name SWF accepts leads from one of `states` to the pattern's end: breadth first over
/// the pattern's state and how the name so far stands to `arn`, up to [`MAX_NAME`] code units.
fn some_name(p: &Product, states: Vec<State>, alphabet: &[char]) -> Result<(), Stop> {
    /// The name so far: empty, `a`, `ar`, `arn`, or anything else.
    fn after(so_far: u8, c: char) -> u8 {
        match (so_far, c) {
            (0, 'a') => 1,
            (1, 'r') => 2,
            (2, 'n') => 3,
            _ => 4,
        }
    }
    let mut seen: HashSet<(State, u8)> = HashSet::new();
    let mut queue: VecDeque<(State, u8, usize)> = states.into_iter().map(|s| (s, 0, 0)).collect();
    while let Some((s, so_far, units)) = queue.pop_front() {
        if !matches!(so_far, 0 | 3) && p.accepts(&s, 0) {
            return Ok(());
        }
        for &c in alphabet {
            let next = p.step(&s, c);
            let n = units + c.len_utf16();
            if n > MAX_NAME || !live(&next) {
                continue;
            }
            let key = (next, after(so_far, c));
            if seen.insert(key.clone()) {
                if seen.len() > MAX_STATES {
                    return Err(Stop::GaveUp);
                }
                queue.push_back((key.0, key.1, n));
            }
        }
    }
    Err(Stop::Mismatch(Mismatch::Name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mismatch(text: &str) -> Option<Mismatch> {
        domain_mismatch(&ArnPattern::new(text, true))
    }

    #[test]
    fn patterns_that_match_some_domain() {
        for text in [
            "arn:aws:swf:us-east-1:123456789012:/domain/orders",
            "arn:aws:swf:*:*:*",
            "arn:aws:swf:*",
            "arn:*",
            "arn:aws:swf:*:*:/dom*",
            "arn:aws:swf:*:123456789012:/domain/*",
            "arn:aws-cn:swf:cn-north-1:123456789012:/domain/a",
            "arn:aws:swf:us-east-?:123456789012:/domain/?",
            "arn:aws:swf:us-*-1:1234567890??:/domain/arn?",
            "arn:aws:swf:*:*:/domain/${aws:username}",
            "arn:aws:*:*:*:*",
            "arn:aws:swf:*:*:*/domain/*",
        ] {
            assert_eq!(mismatch(text), None, "{text}");
            assert_eq!(searched(&ArnPattern::new(text, true)), None, "{text}");
        }
    }

    #[test]
    fn patterns_that_match_no_domain() {
        let long = format!("arn:aws:swf:*:*:/domain/{}", "x".repeat(257));
        for (text, want) in [
            ("arn:aws:s3:::bucket", Mismatch::Service),
            ("arn:aws:iam::123456789012:role/x", Mismatch::Service),
            ("arn:aws:s*:us-east-1:123456789012:/x", Mismatch::Resource),
            ("arn:aws-iso:s3:::bucket", Mismatch::Partition),
            ("arn:aws-iso:swf:*:*:/domain/*", Mismatch::Partition),
            ("arn:aws:swf:us_east_1:*:/domain/*", Mismatch::Region),
            ("arn:aws:swf:us-east-1", Mismatch::Parts),
            ("arn:aws:swf:*:*:/domain/${aws:username}/x", Mismatch::Name),
            ("arn:aws:swf:us-east-1:1234:/domain/x", Mismatch::Account),
            ("arn:aws:swf:*:1234567890123:/domain/x", Mismatch::Account),
            ("arn:aws:swf:*:12345678901?2:/domain/x", Mismatch::Account),
            ("arn:aws:swf:*:*:/workflow/orders", Mismatch::Resource),
            ("arn:aws:swf:*:123456789012:orders", Mismatch::Resource),
            ("arn:aws:swf:*:*:/domain/", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/orders/*", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/*/*", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/a|b", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/a:b", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/arn", Mismatch::Name),
            ("arn:aws:swf:*:*:/domain/a\u{7}", Mismatch::Name),
            (long.as_str(), Mismatch::Name),
        ] {
            assert_eq!(mismatch(text), Some(want), "{text}");
        }
        let longest = format!("arn:aws:swf:*:*:/domain/{}", "x".repeat(256));
        assert_eq!(mismatch(&longest), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// A pattern that matches a domain ARN is never said to match none: patterns made from
        /// domain ARNs by turning characters into `?` and runs of them into `*`.
        #[test]
        fn a_pattern_that_matches_a_domain_is_never_reported(
            arn in proptest::sample::select(&[
                "arn:aws:swf:us-east-1:123456789012:/domain/a",
                "arn:aws-cn:swf:cn-north-1:111111111111:/domain/arn-1",
                "arn:aws:swf:us-east-1:123456781234:/domain/ar",
                "arn:aws-us-gov:swf:a:123456789012:/domain/-é",
            ][..]),
            edits in proptest::collection::vec(0u8..8, 60),
        ) {
            let mut text = String::new();
            for (c, e) in arn.chars().zip(edits.iter().cycle()) {
                match e {
                    0 => text.push('?'),
                    1 | 2 if !text.ends_with('*') => text.push('*'),
                    1 | 2 => {}
                    _ => text.push(c),
                }
            }
            let pattern = ArnPattern::new(&text, true);
            if pattern.matches_ref(arn, &|_| None) {
                proptest::prop_assert_eq!(domain_mismatch(&pattern), None, "{} matches {}", text, arn);
            }
            // The shortcut says "matches" only where the search finds a match.
            if matches_an_obvious_domain(&pattern) {
                proptest::prop_assert_eq!(searched(&pattern), None, "{}", text);
            }
        }

        /// SWF204's and SWF205's mistakes (`:domain/NAME`, an empty region) in an SWF resource
        /// match no domain ARN, whatever wildcards and variables the other parts hold: a domain
        /// ARN has five colons, none of them side by side, and `/domain/` after the fifth.
        #[test]
        fn swf204_and_swf205_forms_match_no_domain(
            parts in proptest::collection::vec("(aws|us-east-1|[0-9]{12}|\\*|\\?|a\\*b|\\$\\{aws:username\\})", 3),
            name in "(orders|\\*|o\\?|\\$\\{aws:username\\}|/x)",
        ) {
            use crate::lint::rules::{empty_region, lacks_domain_slash};
            let [partition, region, account] = &parts[..] else { unreachable!() };
            for text in [
                format!("arn:{partition}:swf:{region}:{account}:domain/{name}"),
                format!("arn:{partition}:swf::{account}:/domain/{name}"),
                format!("arn:{partition}:swf::{account}"),
            ] {
                let seg: Vec<&str> = text.splitn(6, ':').collect();
                // A variable's colon moves the parts: then the form may be neither mistake.
                if !lacks_domain_slash(&seg) && !empty_region(&seg) {
                    continue;
                }
                let pattern = ArnPattern::new(&text, true);
                proptest::prop_assert!(domain_mismatch(&pattern).is_some(), "{}", text);
            }
        }
    }
}
