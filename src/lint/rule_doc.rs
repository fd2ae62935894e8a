//! Reading a rule's documentation from its file's `//!` doc comment.
//!
//! The doc comment of a rule file is the one place its documentation is written; `swfsim explain`,
//! `swfsim rules` and SARIF's rule descriptions are read from it. The template:
//!
//! ````text
//! SWF001 `invalid-json`: One line that says what is wrong.
//!
//! ## What it does
//!
//! Prose, wrapped as you like: lines join with a space, paragraphs stay paragraphs.
//!
//! ## Why is this bad?
//!
//! Prose.
//!
//! ## Example
//!
//! ```json
//! {"a policy": "that triggers the rule"}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {"a policy": "that does not"}
//! ```
//!
//! ## References
//!
//! - One source an item; a long one continues on lines indented by two spaces.
//! - <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>
//! ````
//!
//! The first line is the code, the name and a one-line summary. A URL is written in angle brackets
//! so that rustdoc links it; the text read from the doc has it without them. `## Example` (with
//! its "Use instead:") may be left out when an example would not fit on a page. Its two policies
//! are linted as identity-based policies unless the section opens with a line naming another
//! kind, as `lint --kind` does: ``As a resource control policy (`--kind rcp`):``. Anything else is
//! refused, so no text in a rule's doc goes unshown.

use super::{RuleMeta, Severity};
use crate::policy::PolicyKind;

/// Every kind of policy, in the order `lint --kind` lists them.
const KINDS: [PolicyKind; 5] = [
    PolicyKind::Identity,
    PolicyKind::Boundary,
    PolicyKind::Scp,
    PolicyKind::Rcp,
    PolicyKind::Session,
];

/// The line that opens an example of a rule about another kind of policy than an
/// identity-based one: ``As a resource control policy (`--kind rcp`):``.
pub fn kind_line(kind: PolicyKind) -> String {
    let name = match kind {
        PolicyKind::Identity => "identity",
        PolicyKind::Boundary => "boundary",
        PolicyKind::Scp => "scp",
        PolicyKind::Rcp => "rcp",
        PolicyKind::Session => "session",
    };
    format!("As {} (`--kind {name}`):", kind.with_article())
}

/// Why a rule's doc comment does not fit the template.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    /// The file does not start with `//!` lines.
    #[error("the file does not start with a `//!` doc comment")]
    NoDoc,
    /// The first line is not ``CODE `name`: summary``.
    #[error("the first doc line must read ``SWFnnn `rule-name`: summary``, not `{0}`")]
    Header(String),
    /// A required section is not there, or not in its place.
    #[error(
        "the doc lacks `## {0}` in its place: What it does, Why is this bad?, Example, References"
    )]
    Missing(&'static str),
    /// A section the template does not have, or one out of order.
    #[error(
        "unexpected `{0}`: the sections are What it does, Why is this bad?, Example, References"
    )]
    Unexpected(String),
    /// A section whose body does not fit its form.
    #[error("section `## {section}`: {problem}")]
    Malformed {
        /// The section's heading.
        section: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
}

const WHAT: &str = "What it does";
const WHY: &str = "Why is this bad?";
const EXAMPLE: &str = "Example";
const REFERENCES: &str = "References";
const SECTIONS: [&str; 4] = [WHAT, WHY, EXAMPLE, REFERENCES];

/// Reads a rule's documentation from the text of its file; `severity` is the file's `SEVERITY`.
pub fn parse<'a>(file: &'a str, severity: Severity) -> Result<RuleMeta<'a>, DocError> {
    let lines: Vec<&'a str> = file
        .lines()
        .map_while(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end())
        .collect();
    let (&header, rest) = lines.split_first().ok_or(DocError::NoDoc)?;
    let (code, name, summary) =
        parse_header(header).ok_or_else(|| DocError::Header(header.into()))?;
    let mut sections = split_sections(rest)?.into_iter().peekable();
    let s = &mut sections;
    let what = prose(WHAT, &required(s, WHAT)?)?;
    let why = prose(WHY, &required(s, WHY)?)?;
    let (kind, example, instead) = match next(s, EXAMPLE)? {
        Some(body) => example(&body)?,
        None => (None, String::new(), String::new()),
    };
    let references = references(&required(s, REFERENCES)?)?;
    if let Some((h, _)) = sections.next() {
        return Err(DocError::Unexpected(format!("## {h}")));
    }
    Ok(RuleMeta {
        code,
        name,
        severity,
        summary,
        what,
        why,
        kind,
        example,
        instead,
        references,
    })
}

/// Sections in the order the doc writes them, each with its body's lines.
type Sections<'a> = std::iter::Peekable<std::vec::IntoIter<(&'a str, Vec<&'a str>)>>;

/// The body of the next section if it is `heading`; an error if the next one is not in the
/// template.
fn next<'a>(
    sections: &mut Sections<'a>,
    heading: &'static str,
) -> Result<Option<Vec<&'a str>>, DocError> {
    match sections.peek() {
        Some((h, _)) if *h == heading => Ok(sections.next().map(|(_, body)| body)),
        Some((h, _)) if !SECTIONS.contains(h) => Err(DocError::Unexpected(format!("## {h}"))),
        _ => Ok(None),
    }
}

/// The body of the next section, which must be `heading`.
fn required<'a>(
    sections: &mut Sections<'a>,
    heading: &'static str,
) -> Result<Vec<&'a str>, DocError> {
    next(sections, heading)?.ok_or(DocError::Missing(heading))
}

/// ``SWF001 `invalid-json`: summary`` into its three parts.
fn parse_header(line: &str) -> Option<(&str, &str, &str)> {
    let (code, rest) = line.split_once(' ')?;
    let (name, summary) = rest.strip_prefix('`')?.split_once("`: ")?;
    let code_ok =
        code.len() == 6 && code.starts_with("SWF") && code[3..].bytes().all(|b| b.is_ascii_digit());
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (code_ok && name_ok && !summary.is_empty()).then_some((code, name, summary))
}

/// The `## ` sections after the header line, each with its body's lines; nothing but blank lines
/// may stand between the header and the first section.
fn split_sections<'a>(lines: &[&'a str]) -> Result<Vec<(&'a str, Vec<&'a str>)>, DocError> {
    let mut sections: Vec<(&'a str, Vec<&'a str>)> = Vec::new();
    for &l in lines {
        if let Some(h) = l.strip_prefix("## ") {
            sections.push((h, Vec::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push(l);
        } else if !l.is_empty() {
            return Err(DocError::Unexpected(l.into()));
        }
    }
    Ok(sections)
}

/// The body's blocks: runs of non-blank lines.
fn blocks<'b, 'a>(body: &'b [&'a str]) -> impl Iterator<Item = &'b [&'a str]> {
    body.split(|l| l.is_empty()).filter(|b| !b.is_empty())
}

/// Paragraphs of prose: each block's lines joined by spaces, blocks by a blank line.
fn prose(section: &'static str, body: &[&str]) -> Result<String, DocError> {
    let mut paragraphs = Vec::new();
    for b in blocks(body) {
        if b.iter().any(|l| l.starts_with("```")) {
            return Err(DocError::Malformed {
                section,
                problem: "prose only, no code block",
            });
        }
        paragraphs.push(b.join(" "));
    }
    if paragraphs.is_empty() {
        return Err(DocError::Malformed {
            section,
            problem: "it is empty",
        });
    }
    Ok(paragraphs.join("\n\n"))
}

/// Maybe a [`kind_line`], then a ```` ```json ```` block, "Use instead:", and another.
fn example(body: &[&str]) -> Result<(Option<PolicyKind>, String, String), DocError> {
    let bad = |problem| DocError::Malformed {
        section: EXAMPLE,
        problem,
    };
    let mut parts: Vec<&[&str]> = blocks(body).collect();
    let kind = match parts.first() {
        Some(&[line]) if !line.starts_with("```") => {
            parts.remove(0);
            let named = KINDS.into_iter().find(|k| kind_line(*k) == *line);
            Some(named.ok_or_else(|| {
                bad("the kind is named as in \"As a resource control policy (`--kind rcp`):\"")
            })?)
        }
        _ => None,
    };
    let [example, use_instead, instead] = parts[..] else {
        return Err(bad(
            "a ```json block, \"Use instead:\", and a ```json block",
        ));
    };
    if use_instead != ["Use instead:"] {
        return Err(bad("the second block must be \"Use instead:\""));
    }
    let json = |b: &[&str]| match b {
        ["```json", inner @ .., "```"] if !inner.is_empty() => Ok(inner.join("\n")),
        _ => Err(bad("a policy must be a ```json block")),
    };
    Ok((kind, json(example)?, json(instead)?))
}

/// `- ` items, continued on lines indented by two spaces; `<url>` loses its brackets.
fn references(body: &[&str]) -> Result<Vec<String>, DocError> {
    let bad = |problem| DocError::Malformed {
        section: REFERENCES,
        problem,
    };
    let mut items: Vec<String> = Vec::new();
    for &l in body.iter().filter(|l| !l.is_empty()) {
        if let Some(item) = l.strip_prefix("- ") {
            items.push(item.to_string());
        } else if let (Some(more), Some(last)) = (l.strip_prefix("  "), items.last_mut()) {
            last.push(' ');
            last.push_str(more.trim_start());
        } else {
            return Err(bad("a list of `- ` items"));
        }
    }
    if items.is_empty() {
        return Err(bad("it is empty"));
    }
    for item in &mut items {
        if let Some(url) = item.strip_prefix('<').and_then(|i| i.strip_suffix('>')) {
            *item = url.to_string();
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "//! SWF999 `some-rule`: A summary.
//!
//! ## What it does
//!
//! Reports one
//! thing.
//!
//! A second paragraph.
//!
//! ## Why is this bad?
//!
//! Because.
//!
//! ## Example
//!
//! ```json
//! {\"a\": 1}
//! ```
//!
//! Use instead:
//!
//! ```json
//! {\"a\": 2}
//! ```
//!
//! ## References
//!
//! - IAM Access Analyzer policy checks `A`,
//!   `B`
//! - <https://docs.aws.amazon.com/>

use super::*;
";

    #[test]
    fn the_template_reads_into_its_fields() {
        let d = parse(DOC, Severity::Warning).unwrap();
        assert_eq!(
            (d.code, d.name, d.summary),
            ("SWF999", "some-rule", "A summary.")
        );
        assert_eq!(d.what, "Reports one thing.\n\nA second paragraph.");
        assert_eq!(d.why, "Because.");
        assert_eq!(
            (d.example.as_str(), d.instead.as_str()),
            ("{\"a\": 1}", "{\"a\": 2}")
        );
        assert_eq!(
            d.references,
            [
                "IAM Access Analyzer policy checks `A`, `B`",
                "https://docs.aws.amazon.com/"
            ]
        );
    }

    /// `DOC` without the section `heading` (its heading and body).
    fn without(heading: &str) -> String {
        let start = DOC.find(&format!("//! ## {heading}")).unwrap();
        let end = DOC[start + 4..]
            .find("//! ## ")
            .map_or(DOC.find("\nuse ").unwrap(), |e| start + 4 + e);
        format!("{}{}", &DOC[..start], &DOC[end..])
    }

    #[test]
    fn the_example_may_name_its_kind() {
        let named = DOC.replace(
            "//! ## Example\n//!\n",
            "//! ## Example\n//!\n//! As a resource control policy (`--kind rcp`):\n//!\n",
        );
        let d = parse(&named, Severity::Warning).unwrap();
        assert_eq!(d.kind, Some(PolicyKind::Rcp));
        assert!(d.explain().contains(
            "## Example\n\nAs a resource control policy (`--kind rcp`):\n\n```json\n{\"a\": 1}"
        ));
        assert_eq!(parse(DOC, Severity::Warning).unwrap().kind, None);
        for line in ["For RCPs:", "As a resource control policy (`--kind scp`):"] {
            let wrong = DOC.replace(
                "//! ## Example\n//!\n",
                &format!("//! ## Example\n//!\n//! {line}\n//!\n"),
            );
            assert!(
                matches!(
                    parse(&wrong, Severity::Warning),
                    Err(DocError::Malformed {
                        section: EXAMPLE,
                        ..
                    })
                ),
                "{line}"
            );
        }
    }

    #[test]
    fn the_example_may_be_left_out() {
        let doc = without(EXAMPLE);
        let d = parse(&doc, Severity::Warning).unwrap();
        assert_eq!((d.example.as_str(), d.instead.as_str()), ("", ""));
    }

    #[test]
    fn a_missing_section_is_refused() {
        for missing in [WHAT, WHY, REFERENCES] {
            assert_eq!(
                parse(&without(missing), Severity::Warning),
                Err(DocError::Missing(missing))
            );
        }
        let no_instead = DOC.replace("Use instead:", "Or:");
        assert!(matches!(
            parse(&no_instead, Severity::Warning),
            Err(DocError::Malformed {
                section: EXAMPLE,
                ..
            })
        ));
        assert_eq!(
            parse("use super::*;\n", Severity::Warning),
            Err(DocError::NoDoc)
        );
        assert!(matches!(
            parse(
                &DOC.replace("`some-rule`:", "some-rule:"),
                Severity::Warning
            ),
            Err(DocError::Header(_))
        ));
    }

    #[test]
    fn sections_out_of_order_or_unknown_are_refused() {
        let swapped = DOC
            .replace("## What it does", "## Placeholder")
            .replace("## Why is this bad?", "## What it does")
            .replace("## Placeholder", "## Why is this bad?");
        assert_eq!(
            parse(&swapped, Severity::Warning),
            Err(DocError::Missing(WHAT))
        );
        let extra = DOC.replace(
            "//! ## References",
            "//! ## Notes\n//!\n//! More.\n//!\n//! ## References",
        );
        assert_eq!(
            parse(&extra, Severity::Warning),
            Err(DocError::Unexpected("## Notes".into()))
        );
        let stray = DOC.replace("A summary.\n", "A summary.\n//!\n//! Stray.\n");
        assert_eq!(
            parse(&stray, Severity::Warning),
            Err(DocError::Unexpected("Stray.".into()))
        );
    }
}
