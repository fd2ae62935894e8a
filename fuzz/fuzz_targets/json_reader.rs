//! The JSON reader never panics; what it accepts, serde_json accepts with the same value; every
//! span lies inside the text and on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use swfsim::json::{parse, Json, JsonValue};

fn check_spans(j: &Json, text: &str) {
    let (s, e) = (j.span.start as usize, j.span.end as usize);
    assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    match &j.value {
        JsonValue::Array(items) => items.iter().for_each(|i| check_spans(i, text)),
        JsonValue::Object(members) => {
            for m in members {
                assert!(m.key_span.end as usize <= text.len());
                check_spans(&m.value, text);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Ok(j) => {
            check_spans(&j, text);
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            // serde_json (with `raw_value`, which swfsim's output uses) reads this key as its
            // own marker, not as text: it cannot judge such a document.
            if body.contains("$serde_json::private::RawValue") {
                return;
            }
            let theirs: serde_json::Value = match serde_json::from_str(body) {
                Ok(v) => v,
                // RFC 8259 allows numbers beyond f64's range; serde_json refuses them, we keep
                // their text (condition typing then calls them invalid).
                Err(e) if e.to_string().starts_with("number out of range") => return,
                Err(e) => panic!("serde_json refuses what we accept: {e}"),
            };
            // serde_json keeps the last duplicate key, as to_serde does; numbers may differ only
            // beyond f64 precision, which to_serde maps through serde_json itself.
            assert_eq!(j.to_serde(), theirs);
        }
        Err(e) => assert!(e.offset as usize <= text.len()),
    }
});
