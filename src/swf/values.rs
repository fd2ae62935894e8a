//! What SWF accepts as a name, a length, a duration, a child policy and a priority.

/// Why a string is not an SWF name (domain, workflowId, type name or version, task list).
pub fn name_problem(s: &str) -> bool {
    // Every name of every batch line passes here, so no character is decoded unless it must
    // be: every byte is looked up in a table, with no early exit, for any byte a forbidden
    // character can start with (a C1 control is 0xC2 then 0x80 to 0x9F in UTF-8). Only a name
    // with such a byte is judged character by character.
    const MAYBE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = (b < 0x20 || matches!(b, b':' | b'/' | b'|' | 0x7f | 0xc2)) as u8;
            c += 1;
        }
        t
    };
    let maybe = s.bytes().fold(0, |hit, c| hit | MAYBE[usize::from(c)]);
    s == "arn" || (maybe != 0 && !s.chars().all(name_char))
}

/// Whether SWF allows a character in a name: anything but `:`, `/`, `|` and the C0 and C1
/// controls.
pub fn name_char(c: char) -> bool {
    !matches!(c, ':' | '/' | '|') && (c as u32) > 0x1f && !(0x7f..=0x9f).contains(&(c as u32))
}

/// Length as SWF (Java) counts it: UTF-16 code units (for ASCII, the bytes, read without
/// counting).
pub fn swf_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// The longest execution: one year.
pub const ONE_YEAR: u64 = 31_536_000;

/// A duration problem, if any: digits only, at most 8; `NONE` only where allowed; at most a year.
pub fn duration_problem(v: &str, none_ok: bool, max_year: bool) -> Option<&'static str> {
    if v == "NONE" {
        return (!none_ok).then_some("Member must not be NONE");
    }
    if v.is_empty() || v.len() > 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(if none_ok {
            "Member must be a whole number of seconds of at most 8 digits, or NONE"
        } else {
            "Member must be a whole number of seconds of at most 8 digits"
        });
    }
    if max_year && v.parse::<u64>().map_or(true, |n| n > ONE_YEAR) {
        return Some("Member must be at most 31536000 seconds (one year)");
    }
    None
}

/// The child policies.
pub const CHILD_POLICIES: &[&str] = &["TERMINATE", "REQUEST_CANCEL", "ABANDON"];

/// Whether a task priority is an integer in Java's `int` range.
pub(super) fn priority_ok(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && v.parse::<i32>().is_ok()
}

/// AWS's words for the character rule of names.
pub(super) const NAME_RULE: &str = "Member must not contain a ':' (colon), '/' (slash), '|' (vertical bar), or any control characters (\\u0000-\\u001f | \\u007f-\\u009f), and must not be the literal string 'arn'";
