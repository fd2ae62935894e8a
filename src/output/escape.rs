//! Control characters from input, made visible before they reach a terminal: a message or a
//! source excerpt that echoes a policy's text never writes an escape sequence, a bell or a
//! carriage return as it is. Each C0 control (U+0000 to U+001F), DEL (U+007F) and each C1
//! control (U+0080 to U+009F) is written as Rust writes it, `\u{1b}`; in an excerpt a tab is
//! four spaces, as compilers show one.

use std::borrow::Cow;

/// Whether `c` is written as `\u{..}` rather than as it is.
fn hidden(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// `c`, visible: itself, or `\u{1b}` for a control character.
pub(super) fn push_visible(out: &mut String, c: char) {
    if hidden(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// `s` with each control character written as `\u{..}` (borrowed when it has none, as nearly
/// every message has none).
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// A whole text for a person (an answer, a report), each control character but the line feed
/// written as `\u{..}`; returned as it is when it has none, found by a scan of its bytes (a C1
/// control is 0xC2 then 0x80 to 0x9F in UTF-8).
pub fn escape_lines(text: String) -> String {
    let b = text.as_bytes();
    let found = (b.iter().enumerate()).any(|(i, &c)| {
        (c < 0x20 && c != b'\n')
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    });
    if !found {
        return text;
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_controls).collect();
    lines.join("\n")
}

/// A source line as an excerpt shows it, with the caret row under characters `from..to` (in
/// characters, 0-based; past the line's end a place counts as one column): tabs as four
/// spaces and control characters as `\u{..}`, the caret row padded and widened to match.
pub(super) fn excerpt(line: &str, from: usize, to: usize) -> (String, String) {
    let (mut shown, mut carets) = (String::with_capacity(line.len()), String::new());
    let mut n = 0;
    for c in line.chars() {
        let before = shown.chars().count();
        match c {
            '\t' => shown.push_str("    "),
            c => push_visible(&mut shown, c),
        }
        let width = shown.chars().count() - before;
        let mark = if (from..to).contains(&n) { '^' } else { ' ' };
        if n < to {
            carets.extend(std::iter::repeat_n(mark, width));
        }
        n += 1;
    }
    carets.extend(std::iter::repeat_n(' ', from.saturating_sub(n)));
    carets.extend(std::iter::repeat_n('^', to.saturating_sub(n.max(from))));
    (shown, carets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_as_rust_escapes() {
        assert_eq!(escape_controls("plain `x` é"), "plain `x` é");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\u{1b}[31mb\u{7}\n\u{7f}\u{9b}\u{a0}"),
            "a\\u{1b}[31mb\\u{7}\\u{a}\\u{7f}\\u{9b}\u{a0}"
        );
        assert_eq!(escape_controls("\0\t\r"), "\\u{0}\\u{9}\\u{d}");
    }

    #[test]
    fn a_text_keeps_its_line_ends_and_shows_its_other_controls() {
        assert_eq!(escape_lines("a\nb\n".into()), "a\nb\n");
        assert_eq!(escape_lines("é\u{a0}\n".into()), "é\u{a0}\n");
        assert_eq!(
            escape_lines("x\u{1b}[2J\n\ty\u{85}\r\n".into()),
            "x\\u{1b}[2J\n\\u{9}y\\u{85}\\u{d}\n"
        );
    }

    /// The carets stand under the characters they mark however wide their escapes are.
    #[test]
    fn an_excerpt_keeps_its_carets_under_escaped_text() {
        let plain = excerpt("  \"abc\"", 2, 7);
        assert_eq!(plain, ("  \"abc\"".into(), "  ^^^^^".into()));
        let (line, carets) = excerpt("\t\"a\u{1b}b\" x", 1, 6);
        assert_eq!(line, "    \"a\\u{1b}b\" x");
        assert_eq!(carets, "    ^^^^^^^^^^");
        assert_eq!(line.find('"'), carets.find('^'));
        // A span that runs past the line's end: one caret a place, as before.
        assert_eq!(excerpt("ab", 1, 4).1, " ^^^");
        // A span at the line's end.
        assert_eq!(excerpt("ab", 2, 3).1, "  ^");
    }
}
