//! Colour for the text answers on a terminal: a line of text output, as the other renderers of
//! this module write it, with ANSI styles on the words a reader scans for: a verdict
//! (`STARTED`, `DENIED`, a batch line's outcome), a severity (`error`, `security-warning`, ...)
//! with its code, `FAIL` beside a condition, and `help`. Only the styles are added: a painted
//! line with its escape sequences removed is the line itself.

use std::borrow::Cow;

/// A style, as an SGR escape sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// An allowed or started answer.
    Good,
    /// A denial, an error.
    Bad,
    /// An SWF fault, a warning.
    Warn,
    /// A security warning, an unknown answer.
    Alert,
    /// A suggestion, `help`, `note`.
    Info,
}

impl Style {
    fn open(self) -> &'static str {
        match self {
            Style::Good => "\x1b[1;32m",
            Style::Bad => "\x1b[1;31m",
            Style::Warn => "\x1b[1;33m",
            Style::Alert => "\x1b[1;35m",
            Style::Info => "\x1b[1;36m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// `line` (without its newline) with its verdict, severity, `FAIL` or `help` styled; a line
/// with none of them is returned as it is.
pub fn paint_line(line: &str) -> Cow<'_, str> {
    match find(line) {
        Some((start, end, style)) => Cow::Owned(format!(
            "{}{}{}{RESET}{}",
            &line[..start],
            style.open(),
            &line[start..end],
            &line[end..]
        )),
        None => Cow::Borrowed(line),
    }
}

/// Where the word to style is in `line`, and its style.
fn find(line: &str) -> Option<(usize, usize, Style)> {
    verdict(line)
        .or_else(|| batch_verdict(line))
        .or_else(|| severity(line))
        .or_else(|| marker(line))
}

/// A single answer's first word: `STARTED: ...`, `DENIED (implicitDeny): ...`.
fn verdict(line: &str) -> Option<(usize, usize, Style)> {
    let word = line.split([':', ' ']).next()?;
    let style = match word {
        "STARTED" | "AUTHORIZED" | "ALLOWED" => Style::Good,
        "DENIED" => Style::Bad,
        "FAILED" | "INVALID" => Style::Warn,
        "UNKNOWN" => Style::Alert,
        _ => return None,
    };
    Some((0, word.len(), style))
}

/// A batch's verdict line: `LINE: OUTCOME ...`.
fn batch_verdict(line: &str) -> Option<(usize, usize, Style)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !line[digits..].starts_with(": ") {
        return None;
    }
    let start = digits + 2;
    let word = line[start..].split(' ').next()?;
    let style = match word {
        "started" | "authorized" => Style::Good,
        "OPERATION_NOT_PERMITTED" => Style::Bad,
        "unknown" | "inputError" => Style::Alert,
        w if w.ends_with("Fault") || w == "ValidationException" => Style::Warn,
        _ => return None,
    };
    Some((start, start + word.len(), style))
}

/// The severity a message line opens with (`error`, `security-warning`, `warning`,
/// `suggestion`, `note`), as [`paint_line`] finds it: `FILE:LINE:COL: SEVERITY[CODE]: ` or
/// `SEVERITY: ` at the start of the line.
pub fn message_level(line: &str) -> Option<&'static str> {
    located_severity(line).map(|(_, _, level, _)| level)
}

/// A diagnostic's severity, with its code when it has one: `FILE:LINE:COL: SEVERITY[CODE]: `,
/// `SEVERITY: ` at the start of a line, or the older `CODE [SEVERITY]` form.
fn severity(line: &str) -> Option<(usize, usize, Style)> {
    if let Some((start, end, _, style)) = located_severity(line) {
        return Some((start, end, style));
    }
    // `FILE:LINE:COL: CODE [SEVERITY] message`.
    for (level, style) in LEVELS {
        if let Some(i) = line.find(&format!(" [{level}] ")) {
            return Some((i + 1, i + level.len() + 3, style));
        }
    }
    None
}

/// The severities, each with its style.
const LEVELS: [(&str, Style); 5] = [
    ("security-warning", Style::Alert),
    ("error", Style::Bad),
    ("warning", Style::Warn),
    ("suggestion", Style::Info),
    ("note", Style::Info),
];

/// `SEVERITY[CODE]:` or `SEVERITY:` at the start of `line` or just after a `: `: where it
/// stands, the severity and its style.
fn located_severity(line: &str) -> Option<(usize, usize, &'static str, Style)> {
    // Candidates: the start of the line, and just after each `: `.
    let starts = std::iter::once(0).chain(line.match_indices(": ").map(|(i, _)| i + 2));
    for start in starts {
        let rest = &line[start..];
        for (level, style) in LEVELS {
            let Some(after) = rest.strip_prefix(level) else {
                continue;
            };
            let code = match after.strip_prefix('[') {
                Some(c) => match c.find(']') {
                    Some(close) if c[..close].bytes().all(|b| b.is_ascii_alphanumeric()) => {
                        close + 2
                    }
                    _ => continue,
                },
                None => 0,
            };
            if after[code..].starts_with(':') {
                return Some((start, start + level.len() + code, level, style));
            }
        }
    }
    None
}

/// `FAIL` beside a condition, `help:` under a diagnostic.
fn marker(line: &str) -> Option<(usize, usize, Style)> {
    let trimmed = line.trim_start();
    let at = line.len() - trimmed.len();
    if trimmed.starts_with("FAIL ") {
        return Some((at, at + 4, Style::Bad));
    }
    let help = trimmed.strip_prefix("= ").unwrap_or(trimmed);
    if help.starts_with("help:") {
        let start = line.len() - help.len();
        return Some((start, start + 4, Style::Info));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('\x1b') {
            out.push_str(&rest[..i]);
            rest = &rest[i + rest[i..].find('m').unwrap() + 1..];
        }
        out + rest
    }

    fn styled(line: &str) -> Option<(&str, Style)> {
        find(line).map(|(s, e, style)| (&line[s..e], style))
    }

    #[test]
    fn verdicts_severities_and_markers_are_found() {
        let cases = [
            (
                "STARTED: started (allowed ...)",
                Some(("STARTED", Style::Good)),
            ),
            (
                "DENIED (implicitDeny): no statement",
                Some(("DENIED", Style::Bad)),
            ),
            (
                "FAILED: TypeDeprecatedFault: ...",
                Some(("FAILED", Style::Warn)),
            ),
            (
                "12: OPERATION_NOT_PERMITTED implicitly denied",
                Some(("OPERATION_NOT_PERMITTED", Style::Bad)),
            ),
            (
                "3: UnknownResourceFault domain",
                Some(("UnknownResourceFault", Style::Warn)),
            ),
            ("1: started allowed by `S`", Some(("started", Style::Good))),
            (
                "p.json:4:9: security-warning[SWF303]: `*` on `*`",
                Some(("security-warning[SWF303]", Style::Alert)),
            ),
            (
                "p.json:4:9: error[SWF001]: invalid JSON",
                Some(("error[SWF001]", Style::Bad)),
            ),
            (
                "p.json:4:9: SWF305 [warning] when",
                Some(("[warning]", Style::Warn)),
            ),
            ("error: cannot read `x`", Some(("error", Style::Bad))),
            (
                "warning: suppression matched no finding",
                Some(("warning", Style::Warn)),
            ),
            (
                "    FAIL StringEquals swf:workflowType.name: fails",
                Some(("FAIL", Style::Bad)),
            ),
            ("  = help: add `Null`", Some(("help", Style::Info))),
            ("context:", None),
            (
                "  swf:workflowType.name = ProcessOrder  (from the request)",
                None,
            ),
            ("42 requests: 40 started, 2 OPERATION_NOT_PERMITTED", None),
            ("note: the world's account", Some(("note", Style::Info))),
            ("policy error[x y]: not a code", None),
        ];
        for (line, expected) in cases {
            assert_eq!(styled(line), expected, "{line}");
        }
    }

    #[test]
    fn painting_only_adds_styles() {
        for line in [
            "STARTED: started",
            "p.json:4:9: security-warning[SWF303]: `*` on `*`",
            "3: UnknownResourceFault domain",
            "nothing to paint",
        ] {
            let painted = paint_line(line);
            assert_eq!(plain(&painted), line);
        }
        assert!(paint_line("DENIED (x)").starts_with("\x1b[1;31mDENIED\x1b[0m"));
    }
}
