//! ARNs and ARN patterns, matched segment by segment.
//!
//! An ARN is `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; the resource part keeps any further
//! colons. In a pattern, `*` and `?` may appear in any segment. A `*` that is the last character
//! of one of the first five segments may expand past colons (IAM's Resource element page); any
//! other `*` there stays inside its segment, and a `?` there matches one character of its
//! segment, never a colon, however many colons the pattern has. In the resource part `*` and `?`
//! match anything, `/` and `:` included. All segments compare case-sensitively
//! (`docs/semantics.md`, "IAM's corners").

use crate::pattern::{toks_match, Pattern, Template, Tok, TokBuf, VarLookup};

/// A parsed ARN.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arn {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: String,
    /// `swf`, `iam`, ...
    pub service: String,
    /// The region, possibly empty.
    pub region: String,
    /// The account, possibly empty.
    pub account: String,
    /// Everything after the fifth colon.
    pub resource: String,
}

impl Arn {
    /// Parses `arn:p:s:r:a:res`; `None` if the text does not have that shape.
    pub fn parse(text: &str) -> Option<Arn> {
        let [partition, service, region, account, resource] = Arn::parts(text)?;
        Some(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: resource.to_string(),
        })
    }

    /// The parts [`Arn::parse`] cuts `text` into (partition, service, region, account,
    /// resource), borrowed.
    pub fn parts(text: &str) -> Option<[&str; 5]> {
        let mut it = text.splitn(6, ':');
        if it.next()? != "arn" {
            return None;
        }
        Some([it.next()?, it.next()?, it.next()?, it.next()?, it.next()?])
    }

    /// The ARN of an SWF domain, as DescribeDomain returns it.
    #[cfg(test)]
    pub fn swf_domain(partition: &str, region: &str, account: &str, domain: &str) -> Arn {
        Arn {
            partition: partition.to_string(),
            service: "swf".to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: format!("/domain/{domain}"),
        }
    }

    /// The text of [`Arn::swf_domain`] (what its `to_string` writes), built in one allocation:
    /// every simulated start names its domain's ARN.
    pub fn swf_domain_text(partition: &str, region: &str, account: &str, domain: &str) -> String {
        let parts = [
            "arn:",
            partition,
            ":swf:",
            region,
            ":",
            account,
            ":/domain/",
            domain,
        ];
        // Sized and copied by hand: `parts.concat()` says the same, and cost 100 instructions
        // more a batch line (its generic join).
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        for p in parts {
            text.push_str(p);
        }
        text
    }
}

impl std::fmt::Display for Arn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

/// An ARN pattern from a policy. Variables are allowed only in the resource part.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArnPattern {
    /// The pattern as written.
    pub text: String,
    /// Tokens of `arn:...:` up to and including the fifth colon (or all of a shorter pattern);
    /// empty when `plain` holds the whole pattern.
    prefix: Vec<Tok>,
    /// The resource part, if the pattern has one.
    resource: Option<Template>,
    /// The whole pattern, compiled once, when it has no variables.
    plain: Option<Pattern>,
    /// How a pattern with variables and all five colons meets an ARN without a token buffer.
    split: VarSplit,
}

/// The first five segments of a pattern with variables and all five colons.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum VarSplit {
    /// No shortcut (no variables, or fewer than five colons).
    None,
    /// Literal text through the fifth colon (the usual case), as long as the pattern's text up
    /// to here: an ARN matches when it starts with it and the rest matches the resource part, so
    /// the ARN needs no split.
    Head(usize),
    /// Wildcard patterns, one a segment, for [`ArnParts`]. Inside one segment `*` and `?` never
    /// meet a colon, so each is an ordinary wildcard pattern.
    Segments(Box<[Pattern; 5]>),
}

/// [`ArnPattern::fixed_part`]: what an ARN's text through the fifth colon decides.
#[derive(Clone, Copy, Debug)]
pub enum Fixed<'p> {
    /// The ARN fails the pattern whatever the variables' values.
    Fails,
    /// The ARN matches when `template`, variables substituted, matches its text from `offset`
    /// ([`Template::matches_resolved`]).
    Rest {
        /// The pattern's resource part.
        template: &'p Template,
        /// Where the ARN's resource part begins.
        offset: usize,
    },
    /// No shortcut: the whole pattern is matched per request.
    Whole,
}

/// An ARN split once for matching many patterns.
///
/// When the ARN has exactly five colons (an SWF domain ARN: domain names hold no colon), a
/// pattern with all five colons matches it exactly when each of the first five segments matches
/// its segment and the resource part matches the resource part: each colon of the pattern must
/// meet a colon of the ARN, in order, and there are as many of one as of the other, so no `*` or
/// `?` can take a colon. Other ARNs and shorter patterns are matched as whole text.
#[derive(Clone, Debug)]
pub struct ArnParts<'a> {
    text: &'a str,
    /// The split, made the first time a pattern needs it (most never do).
    split: std::cell::OnceCell<Option<Split<'a>>>,
}

/// The first five segments and the resource part.
type Split<'a> = ([&'a str; 5], &'a str);

impl<'a> ArnParts<'a> {
    /// Takes `text` (any text: it is split, when a pattern needs it, only if it has exactly five
    /// colons).
    pub fn new(text: &'a str) -> ArnParts<'a> {
        ArnParts {
            text,
            split: std::cell::OnceCell::new(),
        }
    }

    fn split(&self) -> Option<&Split<'a>> {
        self.split.get_or_init(|| split5(self.text)).as_ref()
    }

    /// The ARN's text.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// The five segments and the resource part of text with exactly five colons.
fn split5(text: &str) -> Option<Split<'_>> {
    // One pass over the bytes (ARNs are short: no searcher set-up per colon).
    let mut colons = [0usize; 5];
    let mut n = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b':' {
            if n == 5 {
                return None;
            }
            colons[n] = i;
            n += 1;
        }
    }
    if n < 5 {
        return None;
    }
    let mut start = 0;
    let segs = colons.map(|c| {
        let seg = &text[start..c];
        start = c + 1;
        seg
    });
    Some((segs, &text[start..]))
}

impl ArnPattern {
    /// Compiles a pattern. With `variables`, `${...}` in the resource part is a policy variable.
    pub fn new(text: &str, variables: bool) -> ArnPattern {
        let mut prefix = Vec::new();
        let mut colons = 0;
        let mut resource = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (i, &(at, c)) in chars.iter().enumerate() {
            if colons == 5 {
                resource = Some(Template::parse(&text[at..], variables, true));
                break;
            }
            match c {
                ':' => {
                    colons += 1;
                    prefix.push(Tok::Lit(':'));
                }
                '*' => {
                    let last_of_segment = chars.get(i + 1).is_none_or(|&(_, n)| n == ':');
                    prefix.push(Tok::Many {
                        cross: last_of_segment,
                    });
                }
                '?' => prefix.push(Tok::One { cross: false }),
                c => prefix.push(Tok::Lit(c)),
            }
        }
        if colons == 5 && resource.is_none() {
            resource = Some(Template { parts: Vec::new() });
        }
        // Built a token at a time, kept with the compiled policy.
        prefix.shrink_to_fit();
        let mut p = ArnPattern {
            text: text.to_string(),
            prefix,
            resource,
            plain: None,
            split: VarSplit::None,
        };
        if !p.has_variables() {
            p.plain = p.resolve(&|_| None);
            // The whole pattern holds these tokens: kept once.
            p.prefix = Vec::new();
            return p;
        }
        let literal_head = p.prefix.iter().all(|t| matches!(t, Tok::Lit(_)));
        // Every character up to the fifth colon is a literal token of its own.
        let head_len = text.match_indices(':').nth(4).map(|(i, _)| i + 1);
        if let Some(len) = head_len.filter(|_| literal_head && colons == 5) {
            p.split = VarSplit::Head(len);
        } else if colons == 5 {
            let mut it = text.splitn(6, ':');
            p.split = VarSplit::Segments(Box::new(
                [(); 5].map(|()| Pattern::wildcard(it.next().unwrap_or_default(), false)),
            ));
        }
        p
    }

    /// Whether the resource part holds a policy variable.
    pub fn has_variables(&self) -> bool {
        self.resource.as_ref().is_some_and(Template::has_variables)
    }

    /// The resource-part template, if any.
    pub fn resource_template(&self) -> Option<&Template> {
        self.resource.as_ref()
    }

    /// Binds the variables of the resource part to their keys' slots (see
    /// [`Template::bind_slots`]).
    pub fn bind_slots(&mut self, slot_of: &dyn Fn(&str) -> Option<u8>) {
        if let Some(r) = &mut self.resource {
            r.bind_slots(slot_of);
        }
    }

    /// Resolves variables: `None` when a variable's key is missing and has no default (the pattern
    /// then matches nothing).
    pub fn resolve(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Pattern> {
        if let Some(p) = &self.plain {
            return Some(p.clone());
        }
        let mut toks = self.prefix.clone();
        if let Some(r) = &self.resource {
            toks.extend(r.resolve(lookup)?);
        }
        Some(Pattern::from_toks(toks, false))
    }

    /// Matches an ARN's text, variables resolved through `lookup` (lower-case key to a borrowed
    /// value): no allocation.
    pub fn matches_ref<'v>(&'v self, arn: &str, lookup: VarLookup<'_, 'v>) -> bool {
        if let Some(p) = &self.plain {
            return p.matches(arn);
        }
        let mut buf = TokBuf::default();
        for t in &self.prefix {
            buf.push(t.clone());
        }
        if let Some(r) = &self.resource {
            if !r.resolve_into(lookup, &mut buf) {
                return false;
            }
        }
        toks_match(buf.as_slice(), false, arn)
    }

    /// Matches a split ARN, variables resolved through `lookup` (lower-case key to a borrowed
    /// value): the same answer as [`ArnPattern::matches_ref`] on its text. A pattern without
    /// variables is matched as whole text (its literal runs compare at once); one with variables
    /// segment by segment when both have five colons ([`ArnPattern::fixed_part`], then the
    /// resource part), with no allocation or token buffer.
    pub fn matches_parts<'v>(&'v self, arn: &ArnParts<'_>, lookup: VarLookup<'_, 'v>) -> bool {
        if let Some(p) = &self.plain {
            return p.matches(arn.text);
        }
        match self.fixed_part(arn) {
            Fixed::Fails => false,
            Fixed::Rest { template, offset } => arn
                .text
                .get(offset..)
                .is_some_and(|rest| template.matches_resolved(lookup, rest)),
            Fixed::Whole => self.matches_ref(arn.text, lookup),
        }
    }

    /// How the ARN meets the pattern before any variable is known, for callers that match one
    /// ARN against many requests' values: the part through the fifth colon is decided here, once
    /// ([`ArnPattern::matches_parts`] decides it so on every call).
    pub fn fixed_part(&self, arn: &ArnParts<'_>) -> Fixed<'_> {
        let (Some(template), None) = (&self.resource, &self.plain) else {
            return Fixed::Whole;
        };
        match &self.split {
            VarSplit::Head(len) => match arn.text.strip_prefix(&self.text[..*len]) {
                Some(_) => Fixed::Rest {
                    template,
                    offset: *len,
                },
                None => Fixed::Fails,
            },
            VarSplit::Segments(segments) => match arn.split() {
                Some((parts, resource)) => {
                    if segments.iter().zip(parts).all(|(s, p)| s.matches(p)) {
                        Fixed::Rest {
                            template,
                            offset: arn.text.len() - resource.len(),
                        }
                    } else {
                        Fixed::Fails
                    }
                }
                None => Fixed::Whole,
            },
            VarSplit::None => Fixed::Whole,
        }
    }

    /// Matches an ARN's text with variables resolved through `lookup`.
    #[cfg(test)]
    pub fn matches(&self, arn: &str, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
        match &self.plain {
            Some(p) => p.matches(arn),
            None => self.resolve(lookup).is_some_and(|p| p.matches(arn)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Variable;

    fn m(pattern: &str, arn: &str) -> bool {
        ArnPattern::new(pattern, true).matches(arn, &|_| None)
    }

    const ORDERS: &str = "arn:aws:swf:us-east-1:123456789012:/domain/orders";

    #[test]
    fn parses_and_prints_domain_arns() {
        let a = Arn::parse(ORDERS).unwrap();
        assert_eq!(a.resource, "/domain/orders");
        assert_eq!(a.to_string(), ORDERS);
        assert_eq!(
            Arn::swf_domain("aws", "us-east-1", "123456789012", "orders"),
            a
        );
        for (p, r, acct, d) in [
            ("aws", "us-east-1", "123456789012", "orders"),
            ("aws-cn", "cn-north-1", "", "é:x/y"),
            ("", "", "", ""),
        ] {
            assert_eq!(
                Arn::swf_domain_text(p, r, acct, d),
                Arn::swf_domain(p, r, acct, d).to_string()
            );
        }
        assert!(Arn::parse("arn:aws:swf").is_none());
        assert!(Arn::parse("urn:aws:swf:r:a:x").is_none());
    }

    #[test]
    fn segment_wildcards() {
        assert!(m("arn:aws:swf:*:123456789012:/domain/*", ORDERS));
        assert!(m("arn:aws:swf:*:*:*", ORDERS));
        assert!(m("arn:aws:swf:us-east-?:123456789012:/domain/ord*", ORDERS));
        assert!(
            !m("arn:aws:swf::123456789012:/domain/orders", ORDERS),
            "empty region matches only empty"
        );
        assert!(
            !m("arn:aws:swf:us-east-1:123456789012:domain/orders", ORDERS),
            "no slash"
        );
        assert!(
            !m("arn:aws:swf:us-east-1:123456789012:/domain/Orders", ORDERS),
            "case-sensitive resource"
        );
        assert!(
            !m("arn:AWS:swf:us-east-1:123456789012:/domain/orders", ORDERS),
            "case-sensitive partition"
        );
    }

    #[test]
    fn trailing_star_crosses_colons_but_inner_star_does_not() {
        assert!(m("arn:aws:swf:*", ORDERS));
        assert!(m("arn:aws:*", ORDERS));
        // `u*1` is not at the end of the region segment: it may not swallow `:123456789012`.
        assert!(!m("arn:aws:swf:u*2:/domain/orders", ORDERS));
        assert!(m("arn:aws:swf:u*1:123456789012:/domain/orders", ORDERS));
    }

    /// IAM's Resource element page
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
    /// wildcards may be used in any segment of an ARN, and only a `*` that is the last character
    /// of a segment expands past colons. A `?` in the first five segments matches one character
    /// of its segment, never the colon after it, whatever the number of colons in the pattern.
    #[test]
    fn question_mark_stays_inside_its_segment() {
        // Four colons: the `?` would have to be the colon between region and account.
        assert!(!m(
            "arn:aws:swf:us-east-1?123456789012:/domain/orders",
            ORDERS
        ));
        assert!(!m("arn:aws:swf:*?123456789012:/domain/orders", ORDERS));
        assert!(!m(
            "arn:aws:swf:us-east-1:12345678901?/domain/orders",
            ORDERS
        ));
        // Inside a segment it is one character.
        assert!(m(
            "arn:aws:swf:us-east-?:123456789012:/domain/orders",
            ORDERS
        ));
        assert!(m(
            "arn:aws:???:??-east-1:12345678901?:/domain/orders",
            ORDERS
        ));
        assert!(!m(
            "arn:aws:swf:us-east-1?:123456789012:/domain/orders",
            ORDERS
        ));
        // Fewer colons than the ARN: still segment by segment.
        assert!(!m("arn:aws:swf?*", ORDERS));
        assert!(!m("arn:aws?swf:*", ORDERS));
        assert!(!m("arn?aws:*", ORDERS));
        assert!(m("arn:aws:sw?*", ORDERS));
        assert!(m("arn:aws:swf:us-east-?*", ORDERS));
        // A segment-final `*` still crosses colons.
        assert!(m("arn:aws:s*", ORDERS));
        assert!(m("arn:aws:swf:u*", ORDERS));
        // In the resource part `?` matches `/` and `:` too.
        assert!(m(
            "arn:aws:swf:us-east-1:123456789012:?domain?orders",
            ORDERS
        ));
        assert!(m("arn:aws:swf:r:a:x?y", "arn:aws:swf:r:a:x:y"));
        assert!(m("arn:aws:swf:r:a:?", "arn:aws:swf:r:a::"));
        // The same through a pattern with variables, matched whole and split.
        let parts = ArnParts::new(ORDERS);
        for (p, want) in [
            (
                "arn:aws:swf:us-east-?:123456789012:/domain/${aws:username}",
                true,
            ),
            (
                "arn:aws:swf:us-east-1:123456789012:?domain?${aws:username}",
                true,
            ),
            (
                "arn:aws:swf:us-east-1?123456789012:/domain/${aws:username}",
                false,
            ),
        ] {
            let a = ArnPattern::new(p, true);
            let lookup = |v: &Variable| (v.key_lower == "aws:username").then_some("orders");
            assert_eq!(a.matches_ref(ORDERS, &lookup), want, "{p}");
            assert_eq!(a.matches_parts(&parts, &lookup), want, "{p}");
        }
    }

    /// The rule as IAM's Resource element page words it, read off the pattern's text: before
    /// the fifth colon of the pattern a `?` is one character other than `:`, a `*` that is the
    /// last character of its segment any run, another `*` a run without `:`; after it `*` and
    /// `?` match anything.
    fn reference(p: &[char], t: &[char], colons: usize) -> bool {
        let segment = colons < 5;
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => {
                let cross = !segment || rest.first().is_none_or(|&n| n == ':');
                (0..=t.len())
                    .take_while(|&i| cross || i == 0 || t[i - 1] != ':')
                    .any(|i| reference(rest, &t[i..], colons))
            }
            Some(('?', rest)) => {
                t.first().is_some_and(|&c| !segment || c != ':') && reference(rest, &t[1..], colons)
            }
            Some((c, rest)) => {
                t.first() == Some(c) && reference(rest, &t[1..], colons + usize::from(*c == ':'))
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Every matcher of ARN patterns answers as the reference, with colons in every place a
        /// wildcard could take one, and with a variable (whose value is literal) in the resource
        /// part.
        #[test]
        fn arn_matchers_agree_with_the_reference(
            p in "([a:*?/]|\\$\\{aws:username\\}){0,12}",
            t in "[a:/]{0,12}",
            user in proptest::option::of("[a:/]{0,2}"),
        ) {
            let (p, t) = (format!("arn:{p}"), format!("arn:{t}"));
            // A variable is one only after the pattern's fifth colon; its value (no wildcard in
            // it) is then literal text of the resource part.
            let var = "${aws:username}";
            let resolved = match p.match_indices(':').nth(4) {
                Some((i, _)) if p[i..].contains(var) => user
                    .as_ref()
                    .map(|u| format!("{}{}", &p[..i], p[i..].replace(var, u))),
                _ => Some(p.clone()),
            };
            let chars = |s: &str| s.chars().collect::<Vec<_>>();
            let expected = resolved.is_some_and(|r| reference(&chars(&r), &chars(&t), 0));
            let a = ArnPattern::new(&p, true);
            let owned = |k: &str| (k == "aws:username").then(|| user.clone()).flatten();
            let borrowed =
                |v: &Variable| (v.key_lower == "aws:username").then_some(user.as_deref()).flatten();
            proptest::prop_assert_eq!(a.matches(&t, &owned), expected, "matches {} {}", p, t);
            proptest::prop_assert_eq!(a.matches_ref(&t, &borrowed), expected, "ref {} {}", p, t);
            let parts = ArnParts::new(&t);
            let split = a.matches_parts(&parts, &borrowed);
            proptest::prop_assert_eq!(split, expected, "parts {} {}", p, t);
        }
    }

    #[test]
    fn borrowed_resolution_agrees_with_the_allocating_one() {
        let patterns = [
            "arn:aws:swf:*:123456789012:/domain/${aws:username}-*",
            "arn:aws:swf:us-east-?:123456789012:/domain/${aws:username}",
            "arn:aws:swf:*:*:/domain/${aws:PrincipalTag/team, 'ops'}?",
            "arn:aws:swf:u*1:123456789012:/domain/${aws:username}",
        ];
        let arns = [
            ORDERS,
            "arn:aws:swf:us-east-1:123456789012:/domain/alice-x",
            "arn:aws:swf:us-east-1:123456789012:/domain/opsX",
            "arn:aws:swf:us-east-1:123456789012:/domain/alice",
        ];
        for p in patterns {
            let a = ArnPattern::new(p, true);
            for user in [None, Some("alice"), Some("a*")] {
                let owned = |k: &str| {
                    (k.eq_ignore_ascii_case("aws:username"))
                        .then(|| user.map(str::to_string))
                        .flatten()
                };
                let borrowed =
                    |v: &Variable| (v.key_lower == "aws:username").then_some(user).flatten();
                for arn in arns {
                    assert_eq!(
                        a.matches_ref(arn, &borrowed),
                        a.matches(arn, &owned),
                        "{p} {user:?} {arn}"
                    );
                }
            }
        }
    }

    /// One pattern through the three matchers: whole text, split once (segment by segment), and
    /// the part through the fifth colon decided before the variables are known.
    #[test]
    fn split_matching_agrees_with_whole_text_matching() {
        let segs = ["*", "", "a", "?", "a*", "*a", "é?", "x:y", "*:"];
        let resources = [
            "/domain/*",
            "*",
            "",
            "/domain/${aws:username}-*",
            "${aws:username}?",
            "/d/é*",
            "a:*",
            "*/${aws:username}",
        ];
        let mut patterns: Vec<String> = [
            "arn:*",
            "arn:aws:swf:*",
            "*",
            // Fewer colons than the ARN, a `?` in the first segments: it never takes a colon.
            "arn:aws:swf?*",
            "arn:aws:s?f:*",
            "arn:aws:swf:?*",
            "arn:aws:swf:r?a:*",
        ]
        .map(String::from)
        .into();
        for a in segs {
            for b in segs {
                for r in resources {
                    patterns.push(format!("arn:aws:{a}:{b}:1:{r}"));
                    patterns.push(format!("arn:{b}:swf:r:{a}:{r}"));
                }
            }
        }
        let arns = [
            "arn:aws:swf:us-east-1:1:/domain/alice-x",
            "arn:aws:a:a:1:/domain/orders",
            "arn:aws::é1:1:/d/éé",
            "arn:aws:x:y:1:/domain/x",
            "arn:aws:swf:r:a:a:b",
            "arn:aws:swf:r:a:",
            "arn:aws:a:ba:1:/domain/alice",
            "arn:aws:swf:r:1",
            "arn:aws:é:a:1:/alice",
            "arn::swf:r::/domain/ali*e-1",
        ];
        // How often the fixed part failed the ARN, how often it left the resource part, and of
        // those how often the resource part's literal head failed it and matched it.
        let mut kinds = [0; 4];
        for p in &patterns {
            let a = ArnPattern::new(p, true);
            for user in [None, Some("alice"), Some("ali*e"), Some("é")] {
                let lookup =
                    |v: &Variable| (v.key_lower == "aws:username").then_some(user).flatten();
                for arn in arns {
                    let parts = ArnParts::new(arn);
                    let whole = a.matches_ref(arn, &lookup);
                    assert_eq!(
                        a.matches_parts(&parts, &lookup),
                        whole,
                        "{p} {user:?} {arn}"
                    );
                    // Decided through the fifth colon once, then from where the resource begins.
                    let fixed = match a.fixed_part(&parts) {
                        Fixed::Fails => {
                            kinds[0] += 1;
                            false
                        }
                        Fixed::Rest { template, offset } => {
                            kinds[1] += 1;
                            let rest = &arn[offset..];
                            // The literal head compared once, then the parts after it.
                            let after_head = match template.literal_head(rest) {
                                None => {
                                    kinds[2] += 1;
                                    false
                                }
                                Some((first, len)) => {
                                    kinds[3] += usize::from(first > 0);
                                    template.matches_after_with(first, lookup, &rest[len..])
                                }
                            };
                            let resolved = template.matches_with(lookup, rest);
                            assert_eq!(after_head, resolved, "literal head: {p} {user:?} {arn}");
                            resolved
                        }
                        Fixed::Whole => whole,
                    };
                    assert_eq!(fixed, whole, "fixed part: {p} {user:?} {arn}");
                }
            }
        }
        assert!(kinds.iter().all(|&n| n > 100), "{kinds:?}");
    }

    #[test]
    fn variables_only_in_the_resource_part() {
        let p = ArnPattern::new(
            "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}",
            true,
        );
        assert!(p.has_variables());
        let alice = |k: &str| (k == "aws:username").then(|| "orders".to_string());
        assert!(p.matches(ORDERS, &alice));
        assert!(!p.matches(ORDERS, &|_| None));
        let literal = ArnPattern::new(
            "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}",
            false,
        );
        assert!(!literal.has_variables());
        assert!(literal.matches(
            "arn:aws:swf:us-east-1:123456789012:/domain/${aws:username}",
            &|_| None
        ));
    }
}
