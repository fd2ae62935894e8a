//! Condition operators, typed values and their evaluation.
//!
//! An operator is `{set qualifier, base operator, IfExists}`: `ForAnyValue:StringLikeIfExists` is
//! `{ForAnyValue, StringLike, true}`. Values are typed once, when a policy is compiled; a value
//! that does not fit its operator (`"abc"` under `NumericEquals`) is kept as
//! [`Value::Invalid`] and makes any comparison that reaches it [`Truth::Unknown`]: the tool never
//! guesses.
//!
//! Evaluation follows IAM's condition-operator tables (the IAM User Guide's "Condition operators"
//! and "Single-valued vs. multivalued context keys" pages): values OR, keys AND,
//! operators AND; negated operators are true only when no policy value matches; a missing key
//! makes positive operators false, negated operators true, `IfExists` true, `ForAllValues:` true
//! and `ForAnyValue:` false; `Null` tests presence.

use crate::arn::{Arn, ArnPattern};
use crate::pattern::{Pattern, Template, Variable};
use crate::policy::{
    did_you_mean, ConditionBlock, PolicyError, PolicyErrorKind, Scalar, ScalarKind, Statement,
};
use crate::source::{Span, Spanned};
use std::net::IpAddr;

pub mod partial;
pub use partial::Partial;

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// Every request value must match.
    ForAllValues,
    /// At least one request value must match.
    ForAnyValue,
}

macro_rules! base_ops {
    ($($v:ident),* $(,)?) => {
        /// The base operators of IAM's condition language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum BaseOp { $(#[doc = stringify!($v)] $v),* }
        impl BaseOp {
            /// Every base operator.
            pub const ALL: &'static [BaseOp] = &[$(BaseOp::$v),*];
            /// The name as IAM writes it.
            pub fn name(self) -> &'static str { match self { $(BaseOp::$v => stringify!($v)),* } }
        }
    };
}

base_ops!(
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
);

/// The value type an operator family compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// String operators.
    String,
    /// Numeric operators.
    Numeric,
    /// Date operators.
    Date,
    /// `Bool`.
    Bool,
    /// `BinaryEquals`.
    Binary,
    /// `IpAddress` / `NotIpAddress`.
    Ip,
    /// ARN operators.
    Arn,
    /// `Null`.
    Null,
}

impl BaseOp {
    /// The family.
    pub fn family(self) -> Family {
        use BaseOp::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => Family::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => Family::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => Family::Date,
            Bool => Family::Bool,
            BinaryEquals => Family::Binary,
            IpAddress | NotIpAddress => Family::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => Family::Arn,
            Null => Family::Null,
        }
    }

    /// For a negated operator, the positive operator it negates.
    pub fn positive(self) -> Option<BaseOp> {
        use BaseOp::*;
        Some(match self {
            StringNotEquals => StringEquals,
            StringNotEqualsIgnoreCase => StringEqualsIgnoreCase,
            StringNotLike => StringLike,
            NumericNotEquals => NumericEquals,
            DateNotEquals => DateEquals,
            NotIpAddress => IpAddress,
            ArnNotEquals => ArnEquals,
            ArnNotLike => ArnLike,
            _ => return None,
        })
    }

    /// Whether the operator is negated (true only when no policy value matches).
    pub fn negated(self) -> bool {
        self.positive().is_some()
    }

    /// Whether `*` and `?` are wildcards in its values.
    pub fn wildcards(self) -> bool {
        matches!(
            self,
            BaseOp::StringLike
                | BaseOp::StringNotLike
                | BaseOp::ArnLike
                | BaseOp::ArnNotLike
                | BaseOp::ArnEquals
                | BaseOp::ArnNotEquals
        )
    }

    /// Whether policy variables are substituted in its values (String and ARN operators; `Bool`
    /// is not: `docs/semantics.md`, "IAM's corners").
    pub fn variables(self) -> bool {
        matches!(self.family(), Family::String | Family::Arn)
    }
}

/// A parsed operator name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operator {
    /// `ForAllValues:` / `ForAnyValue:`, if any.
    pub set: Option<SetQualifier>,
    /// The base operator.
    pub base: BaseOp,
    /// The `IfExists` suffix.
    pub if_exists: bool,
}

impl Operator {
    /// Parses an operator name exactly as IAM does (case-sensitive). `NullIfExists` and set
    /// qualifiers on `Null` are refused.
    pub fn parse(name: &str) -> Option<Operator> {
        let (set, rest) = if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else {
            (None, name)
        };
        let (base_name, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        let base = BaseOp::ALL
            .iter()
            .copied()
            .find(|b| b.name() == base_name)?;
        if base == BaseOp::Null && (if_exists || set.is_some()) {
            return None;
        }
        Some(Operator {
            set,
            base,
            if_exists,
        })
    }

    /// Whether the operator is negated.
    pub fn negated(&self) -> bool {
        self.base.negated()
    }
}

impl std::fmt::Display for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.set {
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            None => {}
        }
        f.write_str(self.base.name())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

/// Every valid operator name, for "did you mean" hints.
pub fn all_operator_names() -> Vec<String> {
    let mut out = Vec::new();
    for b in BaseOp::ALL {
        out.push(b.name().to_string());
        if *b != BaseOp::Null {
            out.push(format!("{}IfExists", b.name()));
            for q in ["ForAllValues:", "ForAnyValue:"] {
                out.push(format!("{q}{}", b.name()));
                out.push(format!("{q}{}IfExists", b.name()));
            }
        }
    }
    out
}

/// An instant: nanoseconds since 1970-01-01T00:00:00Z.
pub type Instant = i128;

/// A CIDR block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IpNet {
    /// The address (host bits as written).
    pub addr: IpAddr,
    /// Prefix length.
    pub prefix: u8,
}

impl IpNet {
    /// Parses `a.b.c.d/n`, an IPv6 CIDR, or a bare address (`/32` or `/128`).
    pub fn parse(text: &str) -> Option<IpNet> {
        let (a, p) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = a.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok()?
            }
            Some(_) => return None,
            None => max,
        };
        (prefix <= max).then_some(IpNet { addr, prefix })
    }

    /// Whether the block contains an address (host bits of the block are ignored).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.prefix)
                };
                (u32::from(n) & mask) == (u32::from(a) & mask)
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.prefix)
                };
                (u128::from(n) & mask) == (u128::from(a) & mask)
            }
            _ => false,
        }
    }
}

/// A typed policy value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string (String operators without wildcards), possibly with variables.
    Text(Template),
    /// A `StringLike` pattern, possibly with variables (compiled once when it has none; boxed,
    /// as the ARN pattern is, so that every value is small: a policy holds many).
    Like(Template, Option<Box<Pattern>>),
    /// A number.
    Number(f64),
    /// An instant.
    Date(Instant),
    /// A boolean.
    Bool(bool),
    /// Bytes (`BinaryEquals`).
    Binary(Vec<u8>),
    /// A CIDR block.
    Ip(IpNet),
    /// An ARN pattern, possibly with variables.
    Arn(Box<ArnPattern>),
    /// `Null`'s `true` (key must be absent) or `false` (key must be present).
    Null(bool),
    /// A value that does not fit the operator; comparisons that reach it are unknown.
    Invalid {
        /// What was expected.
        expected: &'static str,
    },
}

/// A condition ready to evaluate: one operator and one key.
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledCondition {
    /// The operator.
    pub operator: Spanned<Operator>,
    /// The key as written.
    pub key: Spanned<String>,
    /// The key in lower case (keys compare case-insensitively).
    pub key_lower: String,
    /// The key's slot in a context, when it is a known key.
    pub slot: Option<u8>,
    /// The values, typed.
    pub values: Vec<Spanned<Value>>,
    /// The values as written.
    pub raw: Vec<String>,
    /// The span of the values.
    pub values_span: Span,
    /// The operator, key and values as written, shared by every trace of this condition.
    pub shown: Shown,
    /// The condition as [`CompiledCondition::holds`] decides it when the key has one value,
    /// if it is of the usual kind.
    pub quick: Option<Quick>,
}

/// The usual condition in a form decided without the general comparison: a string operator (or
/// its negation) whose values are plain text, or patterns, without variables. For a key with
/// one value, the answer is whether any value matches it (negated for the negated operators),
/// whatever the set qualifier.
#[derive(Clone, Debug, PartialEq)]
pub enum Quick {
    /// `StringEquals`, `StringNotEquals`.
    Equals(Box<[Box<str>]>),
    /// `StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`.
    EqualsIgnoreCase(Box<[Box<str>]>),
    /// `StringLike`, `StringNotLike`: every value is a [`Value::Like`] with its pattern compiled
    /// (read from the condition's values, not copied).
    Like,
}

impl Quick {
    /// The quick form of an operator's typed values, if they have one.
    pub fn of(op: Operator, values: &[Spanned<Value>]) -> Option<Quick> {
        let texts = || -> Option<Box<[Box<str>]>> {
            values
                .iter()
                .map(|v| match &v.node {
                    Value::Text(t) => t.plain_ref().map(Box::from),
                    _ => None,
                })
                .collect()
        };
        match op.base.positive().unwrap_or(op.base) {
            BaseOp::StringEquals => texts().map(Quick::Equals),
            BaseOp::StringEqualsIgnoreCase => texts().map(Quick::EqualsIgnoreCase),
            BaseOp::StringLike => (values.iter())
                .all(|v| matches!(&v.node, Value::Like(_, Some(_))))
                .then_some(Quick::Like),
            _ => None,
        }
    }

    /// Whether any of `values` (the condition's, from which this form was made) matches the
    /// request's value, as [`compare`] finds.
    fn any_matches(&self, values: &[Spanned<Value>], request: &str) -> bool {
        self.first_match(values, request).is_some()
    }

    /// The first of `values` (the condition's, from which this form was made) that matches the
    /// request's value, as [`compare`] finds (for traces).
    fn first_match(&self, values: &[Spanned<Value>], request: &str) -> Option<usize> {
        match self {
            Quick::Equals(v) => v.iter().position(|s| crate::pattern::same_text(s, request)),
            Quick::EqualsIgnoreCase(v) => v.iter().position(|s| ignore_case_eq(s, request)),
            Quick::Like => values.iter().position(|v| match &v.node {
                Value::Like(_, Some(p)) => p.matches(request),
                _ => false,
            }),
        }
    }
}

/// A condition's text for traces, built once when the policy is compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The operator as written.
    pub operator: std::sync::Arc<str>,
    /// The key as written.
    pub key: std::sync::Arc<str>,
    /// The values as written.
    pub values: std::sync::Arc<[String]>,
}

/// Keys every context may hold, in lower case and sorted: each has a fixed slot, so a lookup
/// is an array index, not a hash (policies are compiled with the slot of each key they read).
/// Derived from the key catalogue (see [`crate::keys::SLOT_LOWER`]).
pub const KNOWN_KEYS: &[&str] = &crate::keys::SLOT_LOWER;

/// The known keys as AWS spells them, sorted, with their slots: most keys arrive spelled so, and
/// an exact search is cheaper than a case-insensitive one.
pub(crate) const CANONICAL_KEYS: &[(&str, u8)] = &crate::keys::SLOTS_BY_SPELLING;

/// The canonical spelling of a known key, when `key` is spelled exactly so.
pub fn canonical_key(key: &str) -> Option<(&'static str, u8)> {
    CANONICAL_KEYS
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| CANONICAL_KEYS[i])
}

/// A known key in its canonical spelling with its slot, found at compile time
/// (`const K: KnownKey = KnownKey::new("aws:username")`; an unknown key does not compile). Only
/// [`KnownKey::new`] makes one, so its text is always one of `CANONICAL_KEYS`.
#[derive(Clone, Copy, Debug)]
pub struct KnownKey {
    key: &'static str,
    slot: u8,
}

impl KnownKey {
    /// The canonical spelling.
    pub const fn key(&self) -> &'static str {
        self.key
    }

    /// Its slot (see [`key_slot`]).
    pub const fn slot(&self) -> u8 {
        self.slot
    }

    /// The known key spelled `key` (exactly as in `CANONICAL_KEYS`).
    pub const fn new(key: &'static str) -> KnownKey {
        let mut i = 0;
        while i < CANONICAL_KEYS.len() {
            let (k, slot) = CANONICAL_KEYS[i];
            let (a, b) = (k.as_bytes(), key.as_bytes());
            if a.len() == b.len() {
                let mut j = 0;
                while j < a.len() && a[j] == b[j] {
                    j += 1;
                }
                if j == a.len() {
                    return KnownKey { key: k, slot };
                }
            }
            i += 1;
        }
        panic!("not a known key in its canonical spelling")
    }
}

/// Whether two ASCII-spelled keys are equal, case ignored (at compile time).
const fn same_ignoring_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The slots of the multivalued known keys, one bit each: the catalogue's multivalued keys
/// that have a slot (found at compile time).
pub const MULTIVALUED_SLOTS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < crate::keys::CATALOGUE.len() {
        let k = &crate::keys::CATALOGUE[i];
        if k.multivalued {
            let mut slot = 0;
            while slot < KNOWN_KEYS.len() {
                if same_ignoring_case(KNOWN_KEYS[slot], k.name) {
                    mask |= 1 << slot;
                }
                slot += 1;
            }
        }
        i += 1;
    }
    mask
};

/// The slot of a known key, its case ignored.
pub fn key_slot(key: &str) -> Option<u8> {
    known_key(key).0
}

/// A known key's slot, its case ignored, and its canonical spelling when `key` is written that
/// way (the usual case, found with one search).
pub fn known_key(key: &str) -> (Option<u8>, Option<&'static str>) {
    if let Some((canonical, slot)) = canonical_key(key) {
        return (Some(slot), Some(canonical));
    }
    let slot = KNOWN_KEYS
        .binary_search_by(|k| k.bytes().cmp(key.bytes().map(|b| b.to_ascii_lowercase())))
        .ok()
        .map(|i| i as u8);
    (slot, None)
}

/// Parses a number as IAM's Numeric operators take it.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match frac {
        None => digits(int),
        Some(f) => (digits(int) || int.is_empty()) && (digits(f) || (f.is_empty() && digits(int))),
    } && exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    if !ok {
        return None;
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (negative before it).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses a date as IAM's Date operators take it: the six W3C forms (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD`,
/// TZD = `Z` or `±hh:mm`; a time without a zone is UTC) or integer epoch seconds.
pub fn parse_date(text: &str) -> Option<Instant> {
    // The form AWS itself writes (`aws:CurrentTime`), read without splitting: the same answer as
    // the general reader below (a test compares them).
    if let Some(t) = utc_seconds(text) {
        return t;
    }
    parse_date_general(text)
}

/// `Some(answer)` when `text` is exactly `YYYY-MM-DDThh:mm:ssZ`, else `None`.
fn utc_seconds(text: &str) -> Option<Option<Instant>> {
    let b: &[u8; 20] = text.as_bytes().try_into().ok()?;
    // Every byte checked against the form at once, with no early exit (the loop unrolls).
    const FORM: &[u8; 20] = b"0000-00-00T00:00:00Z";
    let fits = b.iter().zip(FORM).fold(true, |ok, (&c, &f)| {
        ok & if f == b'0' {
            c.wrapping_sub(b'0') < 10
        } else {
            c == f
        }
    });
    if !fits {
        return None;
    }
    let n = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let year = i64::from(n(0) * 100 + n(2));
    let (month, day, h, m, s) = (n(5), n(8), n(11), n(14), n(17));
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || h > 23
        || m > 59
        || s > 59
    {
        return Some(None);
    }
    let secs =
        i128::from(days_from_civil(year, month, day)) * 86_400 + i128::from(h * 3600 + m * 60 + s);
    Some(Some(secs * 1_000_000_000))
}

fn parse_date_general(text: &str) -> Option<Instant> {
    const NS: i128 = 1_000_000_000;
    let num = |s: &str, n: usize| -> Option<u32> {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // Epoch seconds: digits only, other than a four-digit year.
    if !text.is_empty()
        && text.len() != 4
        && text
            .strip_prefix('-')
            .unwrap_or(text)
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        let secs: i128 = text.parse().ok()?;
        return secs.checked_mul(NS);
    }
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year = i64::from(num(parts.next()?, 4)?);
    let month = match parts.next() {
        Some(m) => num(m, 2)?,
        None => 1,
    };
    let day = match parts.next() {
        Some(d) => num(d, 2)?,
        None => 1,
    };
    if parts.next().is_some()
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
    {
        return None;
    }
    if time.is_some() && date.len() != 10 {
        return None;
    }
    let mut secs = i128::from(days_from_civil(year, month, day)) * 86_400;
    let mut nanos: i128 = 0;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix('Z') {
            (c, 0i128)
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, z) = t.split_at(i);
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (h, m) = z[1..].split_once(':')?;
            let (h, m) = (num(h, 2)?, num(m, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            (c, sign * i128::from(h * 3600 + m * 60))
        } else {
            (t, 0)
        };
        let mut hms = clock.split(':');
        let h = num(hms.next()?, 2)?;
        let m = num(hms.next()?, 2)?;
        let s = match hms.next() {
            Some(s) => {
                let (whole, frac) = match s.split_once('.') {
                    Some((w, f)) => (w, Some(f)),
                    None => (s, None),
                };
                if let Some(f) = frac {
                    if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let padded = format!("{f:0<9}");
                    nanos = padded.parse().ok()?;
                }
                num(whole, 2)?
            }
            None => 0,
        };
        if hms.next().is_some() || h > 23 || m > 59 || s > 59 {
            return None;
        }
        secs += i128::from(h * 3600 + m * 60 + s) - offset;
    }
    Some(secs * NS + nanos)
}

/// Decodes standard base64 (padding optional).
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let t = text.trim_end_matches('=');
    if text.len() - t.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(t.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in t.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if t.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

/// `true`/`false`, case-insensitive.
pub fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Types one policy value for an operator.
pub fn type_value(op: &Operator, scalar: &Scalar, variables: bool) -> Value {
    let text = &scalar.text;
    let vars = variables && op.base.variables();
    let bind = |k: &str| key_slot(k);
    match op.base.family() {
        Family::String if op.base.wildcards() => {
            let mut t = Template::parse(text, vars, true);
            t.bind_slots(&bind);
            let compiled = (!t.has_variables())
                .then(|| {
                    t.resolve(&|_| None)
                        .map(|toks| Box::new(Pattern::from_toks(toks, false)))
                })
                .flatten();
            Value::Like(t, compiled)
        }
        Family::String => {
            let mut t = Template::parse(text, vars, false);
            t.bind_slots(&bind);
            Value::Text(t)
        }
        Family::Numeric => parse_number(text)
            .map(Value::Number)
            .unwrap_or(Value::Invalid {
                expected: "a number",
            }),
        Family::Date => parse_date(text).map(Value::Date).unwrap_or(Value::Invalid {
            expected: "a W3C date (`2026-11-25`, `2026-11-25T12:00:00Z`) or epoch seconds",
        }),
        Family::Bool => parse_bool(text).map(Value::Bool).unwrap_or(Value::Invalid {
            expected: "`true` or `false`",
        }),
        Family::Binary => decode_base64(text)
            .map(Value::Binary)
            .unwrap_or(Value::Invalid { expected: "base64" }),
        Family::Ip => IpNet::parse(text).map(Value::Ip).unwrap_or(Value::Invalid {
            expected: "an IP address or CIDR block",
        }),
        Family::Arn => {
            let mut p = ArnPattern::new(text, vars);
            p.bind_slots(&bind);
            Value::Arn(Box::new(p))
        }
        Family::Null => parse_bool(text)
            .filter(|_| scalar.kind != ScalarKind::Number)
            .map(Value::Null)
            .unwrap_or(Value::Invalid {
                expected: "`true` or `false`",
            }),
    }
}

/// Compiles the conditions of a statement; unknown operators are errors.
pub fn compile_statement(
    statement: &Statement,
    variables: bool,
    path: &str,
) -> (Vec<CompiledCondition>, Vec<PolicyError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for block in &statement.conditions {
        match compile_block(block, variables) {
            Ok(mut c) => out.append(&mut c),
            Err(e) => errors.push(PolicyError {
                path: format!("{path}.Condition.{}", block.operator.node),
                ..e
            }),
        }
    }
    // A compiled policy keeps its conditions: no room past them (appending three blocks left
    // room for four).
    out.shrink_to_fit();
    (out, errors)
}

/// Compiles one operator block.
pub fn compile_block(
    block: &ConditionBlock,
    variables: bool,
) -> Result<Vec<CompiledCondition>, PolicyError> {
    let name = &block.operator.node;
    let Some(op) = Operator::parse(name) else {
        return Err(PolicyError {
            kind: PolicyErrorKind::UnknownOperator(name.clone()),
            span: block.operator.span,
            path: String::new(),
            help: unknown_operator_help(name),
        });
    };
    Ok(block
        .entries
        .iter()
        .map(|e| {
            let values: Vec<Spanned<Value>> = e
                .values
                .iter()
                .map(|v| Spanned::new(type_value(&op, &v.node, variables), v.span))
                .collect();
            CompiledCondition {
                operator: Spanned::new(op, block.operator.span),
                key: e.key.clone(),
                key_lower: e.key.node.to_ascii_lowercase(),
                slot: key_slot(&e.key.node),
                quick: Quick::of(op, &values),
                values,
                raw: e.values.iter().map(|v| v.node.text.clone()).collect(),
                values_span: e.values_span,
                shown: Shown {
                    operator: op.to_string().into(),
                    key: e.key.node.as_str().into(),
                    values: e.values.iter().map(|v| v.node.text.clone()).collect(),
                },
            }
        })
        .collect())
}

fn unknown_operator_help(name: &str) -> Option<String> {
    if name == "NullIfExists" || name.ends_with(":Null") || name.ends_with(":NullIfExists") {
        return Some("`Null` already tests whether the key exists: it takes no `IfExists` and no set qualifier".into());
    }
    let names = all_operator_names();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    did_you_mean(name, &refs).map(|s| {
        if s.eq_ignore_ascii_case(name) {
            format!("operator names are case-sensitive: write `{s}`")
        } else {
            format!("did you mean `{s}`?")
        }
    })
}

/// Three-valued truth: `Unknown` when a value could not be typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Cannot be decided.
    Unknown,
}

impl Truth {
    /// From a bool.
    pub fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    /// Negation.
    pub fn negate(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    /// Kleene OR over an iterator.
    pub fn any(it: impl IntoIterator<Item = Truth>) -> Truth {
        let mut r = Truth::False;
        for t in it {
            match t {
                Truth::True => return Truth::True,
                Truth::Unknown => r = Truth::Unknown,
                Truth::False => {}
            }
        }
        r
    }

    /// Kleene AND over an iterator.
    pub fn all(it: impl IntoIterator<Item = Truth>) -> Truth {
        let mut r = Truth::True;
        for t in it {
            match t {
                Truth::False => return Truth::False,
                Truth::Unknown => r = Truth::Unknown,
                Truth::True => {}
            }
        }
        r
    }
}

/// A key's values as a [`Lookup`] hands them to a condition.
#[derive(Clone, Copy, Debug)]
pub enum Values<'a> {
    /// One value.
    One(&'a str),
    /// Any number of values.
    Many(&'a [String]),
    /// A value (or, for a multivalued key, a set of values) AWS includes but swfsim knows only
    /// in part: no value to iterate, and no single value for a variable.
    Unknown(&'a Partial),
}

impl<'a> Values<'a> {
    /// Whether there is no value (an unknown value is one).
    pub fn is_empty(&self) -> bool {
        matches!(self, Values::Many([]))
    }

    /// The value when there is exactly one known (policy variables take only those).
    pub fn single(self) -> Option<&'a str> {
        match self {
            Values::One(v) => Some(v),
            Values::Many([v]) => Some(v),
            Values::Many(_) | Values::Unknown(_) => None,
        }
    }

    /// What is known of the value when it is not known in full.
    pub fn partial(self) -> Option<&'a Partial> {
        match self {
            Values::Unknown(p) => Some(p),
            _ => None,
        }
    }

    /// The values in order, collected.
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<&'a str> {
        self.iter().collect()
    }

    /// The values in order (none for an unknown value: see [`Values::partial`]).
    pub fn iter(&self) -> impl Iterator<Item = &'a str> {
        let (one, many) = match *self {
            Values::One(v) => (Some(v), &[][..]),
            Values::Many(vs) => (None, vs),
            Values::Unknown(_) => (None, &[][..]),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }
}

/// Where condition evaluation reads the request context.
pub trait Lookup {
    /// The values of a key (any case), or `None` when the key is absent.
    fn values(&self, key: &str) -> Option<Values<'_>>;

    /// The values of a key already in lower case (may avoid folding it again).
    fn values_lower(&self, key_lower: &str) -> Option<Values<'_>> {
        self.values(key_lower)
    }

    /// The values of a key by its slot in a context (see [`key_slot`]), or by its lower-case
    /// name; a context that keeps single values together gives those without touching its
    /// entries.
    fn values_of(&self, slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        let _ = slot;
        self.values_lower(key_lower)
    }

    /// The single value of a key given in lower case, borrowed (multivalued keys cannot be
    /// variables).
    fn single_ref(&self, key_lower: &str) -> Option<&str> {
        self.values_lower(key_lower)?.single()
    }

    /// The single value of a policy variable's key, borrowed: by its slot when a compiler bound
    /// one, else as [`Lookup::single_ref`] finds it.
    fn single_var(&self, v: &Variable) -> Option<&str> {
        self.single_ref(&v.key_lower)
    }

    /// The single value of a key, for policy variables (multivalued keys cannot be variables).
    fn single(&self, key: &str) -> Option<String> {
        self.values(key)?.single().map(str::to_string)
    }

    /// Whether any key holds a value not known in full (a cheap test that spares the others
    /// when none does).
    fn any_unknown(&self) -> bool {
        true
    }

    /// Whether a policy variable's key is present with a value not known in full: the variable
    /// cannot be substituted, and what holds it is unknown.
    fn var_unknown(&self, v: &Variable) -> bool {
        self.values_lower(&v.key_lower)
            .is_some_and(|vs| vs.partial().is_some())
    }
}

/// The first variable of `t` whose key's value is not known, if any.
fn unknown_variable<'t>(t: &'t Template, lookup: &dyn Lookup) -> Option<&'t Variable> {
    t.variables().find(|v| lookup.var_unknown(v))
}

/// Why a missing key gave the result it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MissingRule {
    /// A positive operator on a missing key is false.
    Positive,
    /// A negated operator on a missing key is true.
    Negated,
    /// `...IfExists` on a missing key is true.
    IfExists,
    /// `ForAllValues:` on a missing key is true.
    ForAllValues,
    /// `ForAnyValue:` on a missing key is false.
    ForAnyValue,
    /// `Null` tested the key's absence.
    Null,
}

/// How one request value fared.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueOutcome {
    /// The request value.
    pub value: String,
    /// The index of the first policy value it matched, if any.
    pub matched: Option<usize>,
    /// The value's result under the operator (after negation).
    pub result: Truth,
    /// Why it is unknown, if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
}

/// The trace of one condition.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionOutcome {
    /// The result.
    pub result: Truth,
    /// Whether the key was present in the request context.
    pub present: bool,
    /// Per request value, when present.
    pub values: Vec<ValueOutcome>,
    /// Which rule decided, when the key was missing (or for `Null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_rule: Option<MissingRule>,
    /// What is known of the key's value when AWS includes it but swfsim does not know it in
    /// full: the result holds for every value it allows, or is unknown.
    #[serde(rename = "unknownValue", skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
}

/// The character two characters share exactly when Java's `equalsIgnoreCase` (as
/// `ignore_case_eq` applies it per character) finds them equal: the lower case of the upper
/// case. Equal characters, or equal upper cases, give equal keys, and equal keys are the third
/// test, so the relation is this key's equality.
pub fn case_key(c: char) -> char {
    let u = c.to_uppercase().next().unwrap_or(c);
    u.to_lowercase().next().unwrap_or(u)
}

fn ignore_case_eq(a: &str, b: &str) -> bool {
    // Java's String.equalsIgnoreCase: characters equal, or equal in upper case, or in lower case
    // of upper case.
    let (mut x, mut y) = (a.chars(), b.chars());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) => {
                if c == d {
                    continue;
                }
                let (cu, du) = (c.to_uppercase().next(), d.to_uppercase().next());
                if cu == du {
                    continue;
                }
                let cl = cu.and_then(|u| u.to_lowercase().next());
                let dl = du.and_then(|u| u.to_lowercase().next());
                if cl != dl {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Compares one policy value with one request value under a positive base operator.
fn compare(
    base: BaseOp,
    policy: &Value,
    request: &str,
    lookup: &dyn Lookup,
) -> Result<bool, String> {
    let vars = |k: &str| lookup.single(k);
    let vars_ref = |v: &Variable| lookup.single_var(v);
    if let Some(v) = policy_unknown_variable(policy, lookup) {
        return Err(format!(
            "the value of `${{{}}}` is not known, so the policy value cannot be made",
            v.key
        ));
    }
    use BaseOp::*;
    Ok(match (base, policy) {
        (_, Value::Invalid { expected }) => {
            return Err(format!("the policy value is not {expected}"))
        }
        (StringEquals, Value::Text(t)) => match t.plain_ref() {
            Some(s) => s == request,
            None => t.equals_resolved(&vars_ref, request) == Some(true),
        },
        (StringEqualsIgnoreCase, Value::Text(t)) => match t.plain_ref() {
            Some(s) => ignore_case_eq(s, request),
            None => t
                .resolve_string(&vars)
                .is_some_and(|s| ignore_case_eq(&s, request)),
        },
        (StringLike, Value::Like(_, Some(p))) => p.matches(request),
        (StringLike, Value::Like(t, None)) => t.matches_resolved(&vars_ref, request),
        (Bool, Value::Bool(b)) => match parse_bool(request) {
            Some(r) => r == *b,
            None => return Err(format!("the request value `{request}` is not a boolean")),
        },
        (
            NumericEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals,
            Value::Number(p),
        ) => {
            let Some(r) = parse_number(request) else {
                return Err(format!("the request value `{request}` is not a number"));
            };
            match base {
                NumericEquals => r == *p,
                NumericLessThan => r < *p,
                NumericLessThanEquals => r <= *p,
                NumericGreaterThan => r > *p,
                _ => r >= *p,
            }
        }
        (
            DateEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals,
            Value::Date(p),
        ) => {
            let Some(r) = parse_date(request) else {
                return Err(format!("the request value `{request}` is not a date"));
            };
            match base {
                DateEquals => r == *p,
                DateLessThan => r < *p,
                DateLessThanEquals => r <= *p,
                DateGreaterThan => r > *p,
                _ => r >= *p,
            }
        }
        (BinaryEquals, Value::Binary(p)) => match decode_base64(request) {
            Some(r) => r == *p,
            None => return Err(format!("the request value `{request}` is not base64")),
        },
        (IpAddress, Value::Ip(net)) => match request.parse::<IpAddr>() {
            Ok(ip) => net.contains(ip),
            Err(_) => {
                return Err(format!(
                    "the request value `{request}` is not an IP address"
                ))
            }
        },
        (ArnEquals | ArnLike, Value::Arn(p)) => {
            Arn::parse(request).is_some() && p.matches_ref(request, &vars_ref)
        }
        _ => return Err("the value does not fit the operator".into()),
    })
}

/// A variable of a policy value whose key's value is not known in full, if any (only when the
/// lookup holds such values).
fn policy_unknown_variable<'p>(policy: &'p Value, lookup: &dyn Lookup) -> Option<&'p Variable> {
    if !lookup.any_unknown() {
        return None;
    }
    match policy {
        Value::Text(t) | Value::Like(t, _) => unknown_variable(t, lookup),
        Value::Arn(p) => p
            .resource_template()
            .and_then(|t| unknown_variable(t, lookup)),
        _ => None,
    }
}

/// How a policy value fares, under a positive base operator, against every value a partial
/// allows: true when it matches them all, false when none, unknown otherwise (and for the
/// types no text is known of: numbers, dates, booleans, addresses, bytes).
fn partial_compare(base: BaseOp, policy: &Value, p: &Partial, lookup: &dyn Lookup) -> Truth {
    use crate::pattern::Tok;
    if policy_unknown_variable(policy, lookup).is_some() {
        return Truth::Unknown;
    }
    let literal = |s: &str| -> Vec<Tok> { s.chars().map(Tok::Lit).collect() };
    let same = |c: char| c;
    let vars = |k: &str| lookup.single(k);
    match (base, policy) {
        (BaseOp::StringEquals, Value::Text(t)) => match t.resolve_string(&vars) {
            Some(s) => partial::glob_truth(&literal(&s), p, same),
            None => Truth::False,
        },
        (BaseOp::StringEqualsIgnoreCase, Value::Text(t)) => match t.resolve_string(&vars) {
            Some(s) => partial::glob_truth(&literal(&s), p, case_key),
            None => Truth::False,
        },
        (BaseOp::StringLike, Value::Like(_, Some(pat))) => partial::glob_truth(pat.toks(), p, same),
        (BaseOp::StringLike, Value::Like(t, None)) => match t.resolve(&vars) {
            Some(toks) => partial::glob_truth(&toks, p, same),
            None => Truth::False,
        },
        // Every value is an ARN only when the known start holds all five colons.
        (BaseOp::ArnEquals | BaseOp::ArnLike, Value::Arn(pat))
            if Arn::parts(&p.known_prefix).is_some() =>
        {
            match pat.resolve(&vars) {
                Some(resolved) => partial::glob_truth(resolved.toks(), p, same),
                None => Truth::False,
            }
        }
        _ => Truth::Unknown,
    }
}

impl CompiledCondition {
    /// The result when the key is absent, and the rule that gives it.
    fn missing_truth(&self) -> (Truth, MissingRule) {
        let op = self.operator.node;
        if op.base == BaseOp::Null {
            let t = Truth::any(self.values.iter().map(|v| match v.node {
                Value::Null(want_absent) => Truth::from_bool(want_absent),
                _ => Truth::Unknown,
            }));
            return (t, MissingRule::Null);
        }
        if op.if_exists {
            return (Truth::True, MissingRule::IfExists);
        }
        match op.set {
            Some(SetQualifier::ForAllValues) => (Truth::True, MissingRule::ForAllValues),
            Some(SetQualifier::ForAnyValue) => (Truth::False, MissingRule::ForAnyValue),
            None if op.negated() => (Truth::True, MissingRule::Negated),
            None => (Truth::False, MissingRule::Positive),
        }
    }

    /// The result over every value a partial allows (and its absence, when it may be absent):
    /// decided when they all agree, unknown otherwise. A set qualifier changes nothing: the one
    /// unknown value, or every member of an unknown set, fares alike.
    fn partial_truth(&self, p: &Partial, lookup: &dyn Lookup) -> Truth {
        let op = self.operator.node;
        let present = if op.base == BaseOp::Null {
            Truth::any(self.values.iter().map(|v| match v.node {
                Value::Null(want_absent) => Truth::from_bool(!want_absent),
                _ => Truth::Unknown,
            }))
        } else {
            let positive = op.base.positive().unwrap_or(op.base);
            let any = Truth::any(
                self.values
                    .iter()
                    .map(|v| partial_compare(positive, &v.node, p, lookup)),
            );
            if op.negated() {
                any.negate()
            } else {
                any
            }
        };
        if !p.may_be_absent || self.missing_truth().0 == present {
            present
        } else {
            Truth::Unknown
        }
    }

    /// The trace of a condition on a value known only in part.
    fn partial_outcome(&self, p: &Partial, lookup: &dyn Lookup) -> ConditionOutcome {
        ConditionOutcome {
            result: self.partial_truth(p, lookup),
            present: !p.may_be_absent,
            values: Vec::new(),
            missing_rule: None,
            partial: Some(p.clone()),
        }
    }

    /// Whether a value holds a policy variable: the condition then reads other keys than its
    /// own.
    pub fn has_variables(&self) -> bool {
        self.values.iter().any(|v| match &v.node {
            Value::Text(t) | Value::Like(t, _) => t.has_variables(),
            Value::Arn(p) => p.has_variables(),
            Value::Number(_)
            | Value::Date(_)
            | Value::Bool(_)
            | Value::Binary(_)
            | Value::Ip(_)
            | Value::Null(_)
            | Value::Invalid { .. } => false,
        })
    }

    /// Evaluates the condition against the request context, with a trace.
    pub fn evaluate(&self, lookup: &dyn Lookup) -> ConditionOutcome {
        let op = self.operator.node;
        let present_values = lookup
            .values_of(self.slot, &self.key_lower)
            .filter(|v| !v.is_empty());
        if let Some(p) = present_values.and_then(Values::partial) {
            return self.partial_outcome(p, lookup);
        }
        if op.base == BaseOp::Null {
            let present = present_values.is_some();
            let result = Truth::any(self.values.iter().map(|v| match v.node {
                Value::Null(want_absent) => Truth::from_bool(want_absent != present),
                _ => Truth::Unknown,
            }));
            return ConditionOutcome {
                result,
                present,
                values: present_values
                    .iter()
                    .flat_map(Values::iter)
                    .map(|v| ValueOutcome {
                        value: v.to_string(),
                        matched: None,
                        result,
                        unknown: None,
                    })
                    .collect(),
                missing_rule: Some(MissingRule::Null),
                partial: None,
            };
        }
        let Some(request_values) = present_values else {
            let (result, rule) = self.missing_truth();
            return ConditionOutcome {
                result,
                present: false,
                values: Vec::new(),
                missing_rule: Some(rule),
                partial: None,
            };
        };
        let positive = op.base.positive().unwrap_or(op.base);
        let values: Vec<ValueOutcome> = request_values
            .iter()
            .map(|r| {
                if let Some(q) = &self.quick {
                    // Plain text or patterns: no comparison can be unknown.
                    let matched = q.first_match(&self.values, r);
                    let any = Truth::from_bool(matched.is_some());
                    return ValueOutcome {
                        value: r.to_string(),
                        matched,
                        result: if op.negated() { any.negate() } else { any },
                        unknown: None,
                    };
                }
                let mut matched = None;
                let mut unknown = None;
                for (i, p) in self.values.iter().enumerate() {
                    match compare(positive, &p.node, r, lookup) {
                        Ok(true) => {
                            matched = Some(i);
                            break;
                        }
                        Ok(false) => {}
                        Err(why) => {
                            if unknown.is_none() {
                                unknown = Some(why);
                            }
                        }
                    }
                }
                let any = if matched.is_some() {
                    Truth::True
                } else if unknown.is_some() {
                    Truth::Unknown
                } else {
                    Truth::False
                };
                let result = if op.negated() { any.negate() } else { any };
                ValueOutcome {
                    value: r.to_string(),
                    matched,
                    result,
                    unknown: if matched.is_none() { unknown } else { None },
                }
            })
            .collect();
        let result = match op.set {
            Some(SetQualifier::ForAllValues) => Truth::all(values.iter().map(|v| v.result)),
            // ForAnyValue:, and an unqualified operator on a multivalued key (`docs/semantics.md`).
            _ => Truth::any(values.iter().map(|v| v.result)),
        };
        ConditionOutcome {
            result,
            present: true,
            values,
            missing_rule: None,
            partial: None,
        }
    }

    /// Evaluates without building a trace: the same result as `evaluate(..).result`, with no
    /// allocation when the values have no variables.
    #[inline]
    pub fn holds(&self, lookup: &dyn Lookup) -> Truth {
        let present = lookup
            .values_of(self.slot, &self.key_lower)
            .filter(|v| !v.is_empty());
        if let (Some(q), Some(Values::One(r))) = (&self.quick, present) {
            return Truth::from_bool(
                q.any_matches(&self.values, r) != self.operator.node.negated(),
            );
        }
        self.holds_other(lookup, present)
    }

    /// [`CompiledCondition::holds`] past its quick form, given the key's values.
    #[inline(never)]
    fn holds_other(&self, lookup: &dyn Lookup, present: Option<Values<'_>>) -> Truth {
        let op = self.operator.node;
        if let Some(p) = present.and_then(Values::partial) {
            return self.partial_truth(p, lookup);
        }
        if op.base == BaseOp::Null {
            let present = present.is_some();
            return Truth::any(self.values.iter().map(|v| match v.node {
                Value::Null(want_absent) => Truth::from_bool(want_absent != present),
                _ => Truth::Unknown,
            }));
        }
        let Some(request_values) = present else {
            return self.missing_truth().0;
        };
        let positive = op.base.positive().unwrap_or(op.base);
        let per_value = |r: &str| {
            let mut any = Truth::False;
            for p in &self.values {
                match compare(positive, &p.node, r, lookup) {
                    Ok(true) => {
                        any = Truth::True;
                        break;
                    }
                    Ok(false) => {}
                    Err(_) => any = Truth::Unknown,
                }
            }
            if op.negated() {
                any.negate()
            } else {
                any
            }
        };
        match op.set {
            Some(SetQualifier::ForAllValues) => Truth::all(request_values.iter().map(per_value)),
            _ => Truth::any(request_values.iter().map(per_value)),
        }
    }
}

#[cfg(test)]
mod tests;
