//! A span-keeping JSON reader (RFC 8259), built on nom.
//!
//! Unlike `serde_json`, it keeps every object member in order, duplicate keys included, and gives
//! every value and key its byte [`Span`]. Numbers keep their source text, so `3600` and `3600.0`
//! stay what the author wrote. Nesting is limited to [`MAX_DEPTH`] levels so that no input can
//! exhaust the stack.

use crate::source::Span;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// The value.
    pub value: JsonValue,
    /// Where it stands, quotes and brackets included.
    pub span: Span,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: members in source order, duplicates kept.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// The key's span, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Json,
}

impl Json {
    /// A short name of the value's kind, for messages (`string`, `object`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "boolean",
            JsonValue::Number(_) => "number",
            JsonValue::String(_) => "string",
            JsonValue::Array(_) => "array",
            JsonValue::Object(_) => "object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            JsonValue::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.value {
            JsonValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The first member named `key` (exact), if this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// Converts to a `serde_json::Value` (the last of duplicate keys wins, as in serde_json).
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            JsonValue::Null => serde_json::Value::Null,
            JsonValue::Bool(b) => serde_json::Value::Bool(*b),
            JsonValue::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
            JsonValue::String(s) => serde_json::Value::String(s.clone()),
            JsonValue::Array(a) => serde_json::Value::Array(a.iter().map(Json::to_serde).collect()),
            JsonValue::Object(m) => serde_json::Value::Object(
                m.iter()
                    .map(|m| (m.key.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// Pairs of members of one object that share a key: `(first, later)`, in the order of the
/// later ones; linear in the members (the keys are the user's: hashed with std's keyed hasher).
pub fn duplicate_keys(members: &[Member]) -> Vec<(&Member, &Member)> {
    let mut out = Vec::new();
    let mut first: std::collections::HashMap<&str, &Member> =
        std::collections::HashMap::with_capacity(members.len());
    for later in members {
        match first.entry(later.key.as_str()) {
            std::collections::hash_map::Entry::Occupied(f) => out.push((*f.get(), later)),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(later);
            }
        }
    }
    out
}

/// Why the text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JsonErrorKind {
    /// The text ended too early.
    #[error("unexpected end of input, expected {expected}")]
    UnexpectedEnd {
        /// What was expected.
        expected: &'static str,
    },
    /// A character that cannot stand here.
    #[error("unexpected character `{found}`, expected {expected}")]
    Unexpected {
        /// The character found.
        found: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A `,` after the last item of an array or member of an object (`[1,]`, `{"a": 1,}`).
    #[error("trailing comma after {after}: JSON allows none")]
    TrailingComma {
        /// What the comma follows: `the last item of an array`, `the last member of an object`.
        after: &'static str,
    },
    /// A string was not closed.
    #[error("unterminated string")]
    UnterminatedString,
    /// A bad `\` escape in a string.
    #[error("invalid escape `{0}` in string")]
    InvalidEscape(String),
    /// A raw control character inside a string.
    #[error("control character U+{0:04X} must be escaped in a string")]
    ControlCharacter(u32),
    /// A number that does not follow JSON's grammar.
    #[error("invalid number `{0}`")]
    InvalidNumber(String),
    /// Text after the single top-level value.
    #[error("unexpected `{0}` after the end of the JSON value")]
    TrailingCharacters(String),
    /// Too deep.
    #[error("arrays and objects nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

/// A syntax error with the byte offset where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct JsonError {
    /// What is wrong.
    pub kind: JsonErrorKind,
    /// Byte offset of the problem.
    pub offset: u32,
}

/// Where the first byte stands that a JSON string cannot hold as it is (a quote, a backslash,
/// a control character below 0x20), if any: the strings of policies, batch lines and output
/// are scanned eight bytes a step. Bytes of 0x80 and above never count (their high bit masks
/// them out, and subtracting from them borrows nothing); a borrow can only mark bytes above
/// the first true one, so the lowest mark is exact.
pub fn escape_at(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let marks = |w: u64| {
        (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
    };
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let m = marks(u64::from_le_bytes(w));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    // The last few bytes through a table, all at once (a short string is only these); the
    // position only when one counts.
    const COUNTS: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            t[c] = c < 0x20 || c == b'"' as usize || c == b'\\' as usize;
            c += 1;
        }
        t
    };
    let tail = words.remainder();
    if !tail
        .iter()
        .fold(false, |hit, &c| hit | COUNTS[usize::from(c)])
    {
        return None;
    }
    tail.iter()
        .position(|&c| COUNTS[usize::from(c)])
        .map(|p| at + p)
}

/// Parses one JSON text. Leading and trailing JSON whitespace is allowed; a UTF-8 byte order mark
/// at the start is skipped.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Reader {
        full_len: text.len(),
        depth: 0,
    };
    let rest = skip_ws(body);
    let (rest, value) = p.value(rest)?;
    let rest = skip_ws(rest);
    if let Some(c) = rest.chars().next() {
        return Err(p.err_at(rest, JsonErrorKind::TrailingCharacters(c.to_string())));
    }
    Ok(value)
}

struct Reader {
    full_len: usize,
    depth: usize,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn skip_ws(input: &str) -> &str {
    let r: IResult<&str, &str> = take_while(is_ws).parse(input);
    match r {
        Ok((rest, _)) => rest,
        Err(_) => input,
    }
}

/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
fn number(input: &str) -> IResult<&str, &str> {
    let digits = || take_while1(|c: char| c.is_ascii_digit());
    recognize((
        opt(char('-')),
        alt((
            tag("0"),
            recognize((
                one_of("123456789"),
                take_while(|c: char| c.is_ascii_digit()),
            )),
        )),
        opt((char('.'), digits())),
        opt((one_of("eE"), opt(one_of("+-")), digits())),
    ))
    .parse(input)
}

fn describe(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        c.to_string()
    }
}

impl Reader {
    fn offset(&self, rest: &str) -> usize {
        self.full_len - rest.len()
    }

    fn err_at(&self, rest: &str, kind: JsonErrorKind) -> JsonError {
        JsonError {
            kind,
            offset: u32::try_from(self.offset(rest)).unwrap_or(u32::MAX),
        }
    }

    fn unexpected(&self, rest: &str, expected: &'static str) -> JsonError {
        match rest.chars().next() {
            None => self.err_at(rest, JsonErrorKind::UnexpectedEnd { expected }),
            Some(c) => self.err_at(
                rest,
                JsonErrorKind::Unexpected {
                    found: describe(c),
                    expected,
                },
            ),
        }
    }

    fn value<'a>(&mut self, input: &'a str) -> Result<(&'a str, Json), JsonError> {
        let start = self.offset(input);
        let (rest, value) = match input.chars().next() {
            Some('{') => self.object(input)?,
            Some('[') => self.array(input)?,
            Some('"') => {
                let (rest, s) = self.string(input)?;
                (rest, JsonValue::String(s))
            }
            Some('t') if input.starts_with("true") => (&input[4..], JsonValue::Bool(true)),
            Some('f') if input.starts_with("false") => (&input[5..], JsonValue::Bool(false)),
            Some('n') if input.starts_with("null") => (&input[4..], JsonValue::Null),
            Some(c) if c == '-' || c.is_ascii_digit() => match number(input) {
                Ok((rest, n)) => {
                    // A number must not run straight into more word characters (`01`, `1x`).
                    if let Some(next) = rest.chars().next() {
                        if next.is_ascii_alphanumeric() || next == '.' || next == '-' || next == '+'
                        {
                            let bad: String = input
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || ".-+".contains(*c))
                                .collect();
                            return Err(self.err_at(input, JsonErrorKind::InvalidNumber(bad)));
                        }
                    }
                    (rest, JsonValue::Number(n.to_string()))
                }
                Err(_) => {
                    let bad: String = input
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || ".-+".contains(*c))
                        .collect();
                    return Err(self.err_at(input, JsonErrorKind::InvalidNumber(bad)));
                }
            },
            _ => return Err(self.unexpected(input, "a JSON value")),
        };
        let end = self.offset(rest);
        Ok((
            rest,
            Json {
                value,
                span: Span::new(start, end),
            },
        ))
    }

    /// What follows the `,` that `rest` starts with, blanks skipped; a trailing comma (`close`
    /// next) is an error at the comma.
    fn after_comma<'a>(
        &self,
        rest: &'a str,
        close: char,
        after: &'static str,
    ) -> Result<&'a str, JsonError> {
        let next = skip_ws(&rest[1..]);
        if next.starts_with(close) {
            return Err(self.err_at(rest, JsonErrorKind::TrailingComma { after }));
        }
        Ok(next)
    }

    fn enter(&mut self, input: &str) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err_at(input, JsonErrorKind::TooDeep));
        }
        Ok(())
    }

    fn array<'a>(&mut self, input: &'a str) -> Result<(&'a str, JsonValue), JsonError> {
        self.enter(input)?;
        let mut rest = skip_ws(&input[1..]);
        let mut items = Vec::with_capacity(4);
        if let Some(r) = rest.strip_prefix(']') {
            self.depth -= 1;
            return Ok((r, JsonValue::Array(items)));
        }
        loop {
            let (r, v) = self.value(rest)?;
            items.push(v);
            rest = skip_ws(r);
            match rest.chars().next() {
                Some(',') => rest = self.after_comma(rest, ']', "the last item of an array")?,
                Some(']') => {
                    self.depth -= 1;
                    // A tree is kept while a file is read: no room past its items.
                    items.shrink_to_fit();
                    return Ok((&rest[1..], JsonValue::Array(items)));
                }
                _ => return Err(self.unexpected(rest, "`,` or `]`")),
            }
        }
    }

    fn object<'a>(&mut self, input: &'a str) -> Result<(&'a str, JsonValue), JsonError> {
        self.enter(input)?;
        let mut rest = skip_ws(&input[1..]);
        // Most objects have a few members: no regrowth from one to four to eight.
        let mut members = Vec::with_capacity(8);
        if let Some(r) = rest.strip_prefix('}') {
            self.depth -= 1;
            return Ok((r, JsonValue::Object(members)));
        }
        loop {
            if !rest.starts_with('"') {
                return Err(self.unexpected(rest, "a string key"));
            }
            let key_start = self.offset(rest);
            let (r, key) = self.string(rest)?;
            let key_span = Span::new(key_start, self.offset(r));
            rest = skip_ws(r);
            match rest.strip_prefix(':') {
                Some(r) => rest = skip_ws(r),
                None => return Err(self.unexpected(rest, "`:` after an object key")),
            }
            let (r, value) = self.value(rest)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            rest = skip_ws(r);
            match rest.chars().next() {
                Some(',') => rest = self.after_comma(rest, '}', "the last member of an object")?,
                Some('}') => {
                    self.depth -= 1;
                    // Eight places of 72 bytes for the usual one to three members (a policy's
                    // condition blocks): the room left would be most of the tree.
                    members.shrink_to_fit();
                    return Ok((&rest[1..], JsonValue::Object(members)));
                }
                _ => return Err(self.unexpected(rest, "`,` or `}`")),
            }
        }
    }

    /// Reads a string starting at its opening quote.
    fn string<'a>(&self, input: &'a str) -> Result<(&'a str, String), JsonError> {
        let body = &input[1..];
        // Most strings hold no escape: find the first quote, backslash or control byte and take
        // the run before it whole (these bytes are ASCII, so `i` is a character boundary).
        let stop = escape_at(body.as_bytes());
        let mut chars = body.char_indices();
        let mut out = String::new();
        if let Some(i) = stop {
            if body.as_bytes()[i] == b'"' {
                return Ok((&body[i + 1..], body[..i].to_string()));
            }
            out.push_str(&body[..i]);
            while chars.offset() < i {
                chars.next();
            }
        }
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok((&body[i + 1..], out)),
                '\\' => {
                    let at = &body[i..];
                    let Some((_, e)) = chars.next() else {
                        return Err(self.err_at(at, JsonErrorKind::UnterminatedString));
                    };
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hi = self.hex4(&body[i..], &mut chars)?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                // A high surrogate must be followed by `\u` and a low surrogate.
                                let after = chars.as_str();
                                if !after.starts_with("\\u") {
                                    return Err(self.err_at(
                                        at,
                                        JsonErrorKind::InvalidEscape(at.chars().take(6).collect()),
                                    ));
                                }
                                chars.next();
                                chars.next();
                                let lo = self.hex4(at, &mut chars)?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err_at(
                                        at,
                                        JsonErrorKind::InvalidEscape(at.chars().take(12).collect()),
                                    ));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(ch) => out.push(ch),
                                None => {
                                    return Err(self.err_at(
                                        at,
                                        JsonErrorKind::InvalidEscape(at.chars().take(6).collect()),
                                    ))
                                }
                            }
                        }
                        other => {
                            return Err(self.err_at(
                                at,
                                JsonErrorKind::InvalidEscape(format!("\\{}", describe(other))),
                            ))
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.err_at(&body[i..], JsonErrorKind::ControlCharacter(c as u32)))
                }
                c => out.push(c),
            }
        }
        Err(self.err_at(input, JsonErrorKind::UnterminatedString))
    }

    fn hex4(&self, at: &str, chars: &mut std::str::CharIndices<'_>) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = chars.next().and_then(|(_, c)| c.to_digit(16));
            match d {
                Some(d) => v = v * 16 + d,
                None => {
                    return Err(self.err_at(
                        at,
                        JsonErrorKind::InvalidEscape(at.chars().take(6).collect()),
                    ))
                }
            }
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pairs [`duplicate_keys`] must give: each later member with the first before it of
    /// the same key, compared one by one.
    fn duplicates_one_by_one(members: &[Member]) -> Vec<(usize, usize)> {
        (0..members.len())
            .filter_map(|i| {
                let first = members[..i].iter().position(|m| m.key == members[i].key)?;
                Some((first, i))
            })
            .collect()
    }

    fn places(members: &[Member], pairs: &[(&Member, &Member)]) -> Vec<(usize, usize)> {
        let at = |m: &Member| members.iter().position(|x| std::ptr::eq(x, m)).unwrap();
        pairs.iter().map(|(a, b)| (at(a), at(b))).collect()
    }

    /// An object of 50,000 distinct keys and a few repeated ones: every repeat is reported
    /// with its first, in order (the check is linear: each key was compared with every key
    /// before it).
    #[test]
    fn duplicate_keys_of_an_object_of_50000_members_are_each_repeat_with_its_first() {
        let mut text = String::from("{");
        for i in 0..50_000 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k7\": 1, \"k49999\": 2, \"k7\": 3}");
        let json = parse(&text).unwrap();
        let members = json.as_object().unwrap();
        let pairs = duplicate_keys(members);
        assert_eq!(
            places(members, &pairs),
            [(7, 50_000), (49_999, 50_001), (7, 50_002)]
        );
    }

    proptest! {
        /// Objects small and large report the same pairs as comparing each member with those
        /// before it.
        #[test]
        fn duplicate_keys_are_those_comparing_each_member_with_the_ones_before(
            keys in prop::collection::vec("[ab]{1,2}", 0..40),
        ) {
            let text = format!(
                "{{{}}}",
                keys.iter().map(|k| format!("\"{k}\": 0")).collect::<Vec<_>>().join(",")
            );
            let json = parse(&text).unwrap();
            let members = json.as_object().unwrap();
            prop_assert_eq!(
                places(members, &duplicate_keys(members)),
                duplicates_one_by_one(members)
            );
        }

        /// The word-at-a-time scan finds the byte a byte-by-byte scan finds, whatever the
        /// length (whole words and a tail) and whatever bytes surround it (high ones included).
        #[test]
        fn escape_at_finds_the_first_byte_a_string_cannot_hold(
            bytes in prop::collection::vec(
                prop_oneof![
                    4 => 0x20u8..0x7f,
                    1 => 0x80u8..=0xff,
                    1 => prop::sample::select(vec![0u8, 1, 0x1f, b'"', b'\\', 0x21, 0x5d]),
                ],
                0..40,
            )
        ) {
            let naive = bytes.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
            prop_assert_eq!(escape_at(&bytes), naive);
        }
    }

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Err(e) => e,
            Ok(v) => panic!("expected an error for {text:?}, got {v:?}"),
        }
    }

    #[test]
    fn keeps_duplicate_keys_in_order_with_spans() {
        let text = r#"{"Effect":"Allow","Effect":"Deny"}"#;
        let v = parse(text).unwrap();
        let members = v.as_object().unwrap();
        assert_eq!(members.len(), 2);
        let dups = duplicate_keys(members);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].1.key_span, Span::new(18, 26));
        assert_eq!(members[1].value.as_str(), Some("Deny"));
    }

    #[test]
    fn spans_cover_values_exactly() {
        let text = "{ \"a\" : [1, true, null, \"x\\u00e9\"] }";
        let v = parse(text).unwrap();
        let arr = v.get("a").unwrap();
        assert_eq!(
            &text[arr.span.start as usize..arr.span.end as usize],
            "[1, true, null, \"x\\u00e9\"]"
        );
        let items = arr.as_array().unwrap();
        assert_eq!(items[0].value, JsonValue::Number("1".into()));
        assert_eq!(items[3].as_str(), Some("x\u{e9}"));
    }

    /// Strings are taken whole up to their first escape: what follows is read as before.
    #[test]
    fn strings_with_plain_text_before_an_escape() {
        for (text, want) in [
            (r#""plain é""#, "plain é"),
            (r#""é-run\n\"q\" \u00e9 tail""#, "é-run\n\"q\" é tail"),
            (r#""a\\""#, "a\\"),
            (r#""""#, ""),
        ] {
            assert_eq!(parse(text).unwrap().as_str(), Some(want), "{text}");
        }
        // A control character or a bad escape after plain text is reported where it stands.
        assert_eq!(err("\"ab\u{1}c\"").offset, 3);
        assert_eq!(err(r#""abc\q""#).offset, 4);
        assert_eq!(err(r#""abc"#).offset, 0);
    }

    #[test]
    fn numbers_keep_their_text() {
        let v = parse("[3600, -0.5e+3, 0]").unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items[0].value, JsonValue::Number("3600".into()));
        assert_eq!(items[1].value, JsonValue::Number("-0.5e+3".into()));
    }

    /// Found by the `json_reader` fuzz target: RFC 8259 allows it, serde_json refuses it.
    #[test]
    fn numbers_beyond_f64_range_keep_their_text() {
        let v = parse("14444444e444440").unwrap();
        assert_eq!(v.value, JsonValue::Number("14444444e444440".into()));
    }

    #[test]
    fn surrogate_pairs_decode() {
        let v = parse(r#""\ud83d\ude00""#).unwrap();
        assert_eq!(v.as_str(), Some("\u{1F600}"));
        assert!(matches!(
            err(r#""\ud83d""#).kind,
            JsonErrorKind::InvalidEscape(_)
        ));
    }

    #[test]
    fn errors_say_where_reading_stopped() {
        // The SWF developer guide's tag-list snippet writes two values without brackets.
        let text = "{\"StringEquals\": {\"k\": \"a\", \"b\"}}";
        let e = err(text);
        assert_eq!(e.offset as usize, text.find("}}").unwrap());
        assert_eq!(
            e.to_string(),
            "unexpected character `}`, expected `:` after an object key"
        );
        assert!(matches!(
            err("[1,]").kind,
            JsonErrorKind::TrailingComma { .. }
        ));
        assert!(matches!(
            err("{\"a\":1,}").kind,
            JsonErrorKind::TrailingComma { .. }
        ));
        assert!(matches!(err("01").kind, JsonErrorKind::InvalidNumber(_)));
        assert!(matches!(err("1.").kind, JsonErrorKind::InvalidNumber(_)));
        assert!(matches!(
            err("\"a\nb\"").kind,
            JsonErrorKind::ControlCharacter(10)
        ));
        assert!(matches!(
            err("\"abc").kind,
            JsonErrorKind::UnterminatedString
        ));
        assert!(matches!(
            err("{} x").kind,
            JsonErrorKind::TrailingCharacters(_)
        ));
        assert!(matches!(err("").kind, JsonErrorKind::UnexpectedEnd { .. }));
        assert!(matches!(
            err("// c\n{}").kind,
            JsonErrorKind::Unexpected { .. }
        ));
    }

    /// A comma before a closing bracket is reported at the comma, whatever stands between.
    #[test]
    fn a_trailing_comma_is_reported_where_it_stands() {
        for (text, at) in [
            ("[1,]", 2),
            ("[1 , \n ]", 3),
            ("{\"a\": 1,}", 7),
            ("{\"a\": [true,\t],\n}", 11),
        ] {
            let e = err(text);
            assert_eq!(e.offset, at, "{text:?}");
            assert!(e.to_string().starts_with("trailing comma after "), "{e}");
        }
        assert_eq!(
            err("{\"a\": 1,}").to_string(),
            "trailing comma after the last member of an object: JSON allows none"
        );
        // A comma followed by something else that is wrong is not trailing.
        assert!(matches!(
            err("[1,,]").kind,
            JsonErrorKind::Unexpected { .. }
        ));
        assert!(matches!(
            err("{\"a\": 1,,}").kind,
            JsonErrorKind::Unexpected { .. }
        ));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(err(&deep).kind, JsonErrorKind::TooDeep);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn agrees_with_serde_json_on_valid_documents() {
        for text in [
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a","b"],"Resource":"*","Condition":{"Bool":{"k":true}}}]}"#,
            "[1e5, 2.50, -0, \"\\t\\\"\\/\"]",
            "  {\"a\" : {\"b\" : [ ] } }  ",
        ] {
            let ours = parse(text).unwrap().to_serde();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
    }
}
