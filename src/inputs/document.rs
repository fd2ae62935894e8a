//! A policy document as an account export writes it: a JSON object (the AWS CLI, boto3), JSON
//! text in a string, or that text percent-encoded (RFC 3986, as the IAM API returns it and the
//! other SDKs keep it). Decoded to the text a policy file would hold, with where each byte of it
//! stands in the export.

use crate::json::{Json, JsonValue};
use crate::request::InputError;
use crate::source::{Offsets, Span};

/// How a document was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// A JSON object.
    Object,
    /// JSON text in a string.
    JsonText,
    /// Percent-encoded JSON text in a string.
    PercentEncoded,
}

/// A document's text and where each of its bytes stands in the export.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The policy's JSON text.
    pub text: String,
    /// Offsets of its bytes in the export.
    pub offsets: Offsets,
    /// How it was written.
    pub encoding: Encoding,
}

/// Decodes the document `value` of the export `export` (the whole text `value` was read from).
/// Percent-decoding turns `%XX` into a byte and nothing else: a `+` stays a `+`.
pub fn decode(export: &str, value: &Json) -> Result<Decoded, InputError> {
    let span = value.span;
    match &value.value {
        JsonValue::Object(_) => Ok(Decoded {
            text: export
                .get(span.start as usize..span.end as usize)
                .unwrap_or("")
                .to_string(),
            offsets: Offsets::shifted(span.start),
            encoding: Encoding::Object,
        }),
        JsonValue::String(s) => {
            let raw = export
                .get(span.start as usize + 1..(span.end as usize).saturating_sub(1))
                .unwrap_or("");
            let at = string_offsets(raw, s, span.start + 1);
            if s.trim_start().starts_with('{') {
                let mut offsets = Offsets::default();
                for (i, &o) in at.iter().enumerate() {
                    offsets.push(i as u32, o);
                }
                return Ok(Decoded {
                    text: s.clone(),
                    offsets,
                    encoding: Encoding::JsonText,
                });
            }
            percent_decoded(s, &at, span)
        }
        _ => Err(InputError::new(
            format!(
                "a policy document is a JSON object or a string, not a {}",
                value.kind_name()
            ),
            span,
        )),
    }
}

/// Percent-decodes `s` (whose bytes stand at `at` in the export) into a policy's text.
fn percent_decoded(s: &str, at: &[u32], span: Span) -> Result<Decoded, InputError> {
    let b = s.as_bytes();
    let (mut bytes, mut offsets) = (Vec::with_capacity(b.len()), Offsets::default());
    let mut i = 0;
    while i < b.len() {
        let source = at.get(i).copied().unwrap_or(span.start);
        offsets.push(bytes.len() as u32, source);
        let hex = |k: usize| b.get(k).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                bytes.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'%', _, _) => {
                return Err(InputError::new(
                    "a percent-encoded policy document has a `%` not followed by two hex digits",
                    Span::new(source as usize, source as usize + 1),
                ))
            }
            (c, _, _) => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        InputError::new(
            "a percent-encoded policy document is not UTF-8 once decoded",
            span,
        )
    })?;
    if !text.trim_start().starts_with('{') {
        return Err(InputError::new(
            "a policy document string is neither JSON text nor percent-encoded JSON text",
            span,
        )
        .with_help(
            "the export holds each document as a JSON object, as JSON text, or percent-encoded (`%7B%22Version%22...`)",
        ));
    }
    Ok(Decoded {
        text,
        offsets,
        encoding: Encoding::PercentEncoded,
    })
}

/// Where each byte of `unescaped` (the value of the JSON string literal whose text between the
/// quotes is `raw`, starting at `base`) stands: a byte written as itself at its own place, each
/// byte of an escape (`\n`, `\u00e9`, a surrogate pair) at the escape's backslash.
fn string_offsets(raw: &str, unescaped: &str, base: u32) -> Vec<u32> {
    let r = raw.as_bytes();
    let mut at = Vec::with_capacity(unescaped.len());
    let mut p = 0usize;
    for c in unescaped.chars() {
        let here = base + p as u32;
        let width = if r.get(p) == Some(&b'\\') {
            match r.get(p + 1) {
                Some(b'u') if (c as u32) > 0xFFFF => 12,
                Some(b'u') => 6,
                _ => 2,
            }
        } else {
            c.len_utf8()
        };
        if width == c.len_utf8() && r.get(p) != Some(&b'\\') {
            at.extend((0..width as u32).map(|k| here + k));
        } else {
            at.extend(std::iter::repeat_n(here, c.len_utf8()));
        }
        p += width;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(export: &str) -> Decoded {
        let j = crate::json::parse(export).unwrap();
        decode(export, j.get("d").unwrap()).unwrap()
    }

    /// The place in the export of the decoded text's first `needle`.
    fn place(d: &Decoded, needle: &str) -> usize {
        d.offsets.map(d.text.find(needle).unwrap() as u32) as usize
    }

    #[test]
    fn an_object_is_its_own_text() {
        let e = r#"{"d": {"Version": "2012-10-17"}}"#;
        let d = decoded(e);
        assert_eq!(d.text, r#"{"Version": "2012-10-17"}"#);
        assert_eq!(d.encoding, Encoding::Object);
        assert_eq!(&e[place(&d, "2012")..][..4], "2012");
    }

    #[test]
    fn json_text_maps_past_its_escapes() {
        let e = r#"{"d": "{\"Sid\": \"caf\u00e9\", \"x\": \"tab\there\"}"}"#;
        let d = decoded(e);
        assert_eq!(d.text, "{\"Sid\": \"caf\u{e9}\", \"x\": \"tab\there\"}");
        assert_eq!(d.encoding, Encoding::JsonText);
        assert_eq!(&e[place(&d, "here")..][..4], "here");
        assert_eq!(&e[place(&d, "\u{e9}")..][..6], "\\u00e9");
    }

    #[test]
    fn percent_decoding_keeps_plus_and_maps_each_byte() {
        let e = r#"{"d": "%7B%22Sid%22%3A%22a+b%C3%A9%22%7D"}"#;
        let d = decoded(e);
        assert_eq!(d.text, "{\"Sid\":\"a+b\u{e9}\"}");
        assert_eq!(d.encoding, Encoding::PercentEncoded);
        assert_eq!(&e[place(&d, "a+b")..][..3], "a+b");
        assert_eq!(&e[place(&d, "Sid")..][..3], "Sid");
    }

    #[test]
    fn what_is_not_a_document_is_an_error() {
        for (e, msg) in [
            (r#"{"d": 3}"#, "not a number"),
            (r#"{"d": "%7"}"#, "two hex digits"),
            (r#"{"d": "hello"}"#, "neither"),
            (r#"{"d": "%FF%FE"}"#, "not UTF-8"),
        ] {
            let j = crate::json::parse(e).unwrap();
            let err = decode(e, j.get("d").unwrap()).unwrap_err();
            assert!(err.message.contains(msg), "{e}: {}", err.message);
        }
    }
}
