//! Messages for machine readers. In text a message quotes the user's input in backticks
//! (`` unknown condition operator `StringEqulas` ``); a JSON value or a SARIF `message.text`
//! is shown as it is by the tools that read it, so there each backtick becomes a single quote
//! (`unknown condition operator 'StringEqulas'`). The quoted text itself is unchanged.

use std::borrow::Cow;

/// `message` with each backtick written as a single quote (borrowed when it has none).
pub fn plain(message: &str) -> Cow<'_, str> {
    if message.contains('`') {
        Cow::Owned(message.replace('`', "'"))
    } else {
        Cow::Borrowed(message)
    }
}

/// Serialises a string as [`plain`] writes it (for `#[serde(serialize_with)]`).
pub(super) fn plain_str<S: serde::Serializer>(s: &str, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(&plain(s))
}

/// Serialises strings as [`plain`] writes each.
pub(super) fn plain_strs<S: serde::Serializer>(v: &[String], ser: S) -> Result<S::Ok, S::Error> {
    ser.collect_seq(v.iter().map(|s| plain(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtick_quotes_become_single_quotes() {
        assert_eq!(
            plain("unknown condition operator `StringEqulas`"),
            "unknown condition operator 'StringEqulas'"
        );
        assert_eq!(
            plain("add `\"Null\": {\"k\": \"false\"}` or `a`, `b`"),
            "add '\"Null\": {\"k\": \"false\"}' or 'a', 'b'"
        );
        assert!(matches!(plain("nothing quoted"), Cow::Borrowed(_)));
        // A backtick of the input itself goes too: no JSON message holds one.
        assert_eq!(plain("invalid action `a`b`"), "invalid action 'a'b'");
    }
}
