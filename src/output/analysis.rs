//! Renderers for `swfsim diff` and `swfsim check`: text for a person, and one JSON object
//! (its fields are described in docs/wire-format.md, "`diff --format json` and `check --format
//! json`").

use super::escape::escape_lines;
use super::plain::plain;
use crate::analysis::{Analysis, Constraint, Region, Unknown};
use serde_json::{json, Value};

pub(super) fn region_json(r: &Region) -> Value {
    json!({
        "callers": r.callers,
        "decisions": r.decisions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "constraints": r.constraints.iter().map(constraint_json).collect::<Vec<_>>(),
        "witness": r.witness.to_json(),
    })
}

/// A constraint as JSON: its patterns and tests, quoted in backticks for text, in single quotes
/// (the examples are values, written as they are).
fn constraint_json(c: &Constraint) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    for member in ["holds", "fails", "anyOf"] {
        if let Some(Value::Array(items)) = v.get_mut(member) {
            for item in items {
                if let Value::String(s) = item {
                    *s = plain(s).into_owned();
                }
            }
        }
    }
    v
}

pub(super) fn unknown_json(u: &Unknown) -> Value {
    json!({"reason": plain(&u.reason), "help": u.help.as_deref().map(plain)})
}

/// `diff --format json`.
pub fn diff_json(result: &Result<(Analysis, Analysis), Unknown>) -> Value {
    match result {
        Err(u) => json!({"command": "diff", "answer": "unknown", "unknown": unknown_json(u)}),
        Ok((gained, lost)) => json!({
            "command": "diff",
            "answer": if gained.regions.is_empty() { "grantsNothingNew" } else { "grantsMore" },
            "newlyAllowed": gained.regions.iter().map(region_json).collect::<Vec<_>>(),
            "newlyDenied": lost.regions.iter().map(region_json).collect::<Vec<_>>(),
            "truncated": gained.truncated || lost.truncated,
            "searchTruncated": gained.search_truncated || lost.search_truncated,
            "callers": gained.principals,
            "dimensions": gained.dimensions,
        }),
    }
}

/// `check --format json`.
pub fn check_json(must_allow: bool, result: &Result<Analysis, Unknown>) -> Value {
    let property = if must_allow {
        "mustAllow"
    } else {
        "mustNotAllow"
    };
    match result {
        Err(u) => {
            json!({"command": "check", "property": property, "answer": "unknown", "unknown": unknown_json(u)})
        }
        Ok(a) => json!({
            "command": "check",
            "property": property,
            "answer": if a.regions.is_empty() { "proved" } else { "violated" },
            "counterexamples": a.regions.iter().map(region_json).collect::<Vec<_>>(),
            "truncated": a.truncated,
            "searchTruncated": a.search_truncated,
            "callers": a.principals,
            "dimensions": a.dimensions,
        }),
    }
}

fn region_text(out: &mut String, n: usize, r: &Region, labels: &[&str]) {
    let decisions: Vec<String> = labels
        .iter()
        .zip(&r.decisions)
        .map(|(l, d)| format!("{l} {}", d.as_str()))
        .collect();
    out.push_str(&format!(
        "{n}. {} ({})\n",
        r.callers.join(", "),
        decisions.join(", ")
    ));
    for c in &r.constraints {
        let mut parts = Vec::new();
        if c.absent && !c.present {
            parts.push("absent".to_string());
        } else if c.absent {
            parts.push("absent, or present and".to_string());
        }
        if !c.holds.is_empty() {
            parts.push(format!("matches {}", listed(&c.holds)));
        }
        if !c.any_of.is_empty() {
            parts.push(format!("one of {}", listed(&c.any_of)));
        }
        if !c.fails.is_empty() {
            parts.push(format!("not {}", listed(&c.fails)));
        }
        if !c.regions.is_empty() {
            parts.push(format!("in {}", region_list(&c.regions)));
        }
        if parts.is_empty() {
            parts.push("present, any value".into());
        }
        let example = if c.examples.is_empty() {
            String::new()
        } else {
            let shown: Vec<String> = c
                .examples
                .iter()
                .take(3)
                .map(|e| format!("`{e}`"))
                .collect();
            format!(" (e.g. {})", shown.join(", "))
        };
        let text = parts.join("; ").replace("present and; ", "present and ");
        out.push_str(&format!("   - {}: {}{example}\n", c.dimension, text));
    }
    out.push_str(&format!("   witness: {}\n", r.witness.to_json()));
}

/// A list of patterns for a person: the first ten, and how many more (the JSON has them all).
fn listed(items: &[String]) -> String {
    const SHOWN: usize = 10;
    if items.len() <= SHOWN + 1 {
        return items.join(", ");
    }
    format!(
        "{} and {} more",
        items[..SHOWN].join(", "),
        items.len() - SHOWN
    )
}

fn region_list(regions: &[String]) -> String {
    let all = crate::analysis::swf_regions("aws");
    if regions.len() > 6 && regions.len() < all.len() {
        let missing: Vec<&str> = all
            .iter()
            .copied()
            .filter(|r| !regions.iter().any(|x| x == r))
            .collect();
        if missing.len() <= 6 && regions.iter().all(|r| all.contains(&r.as_str())) {
            return format!("every region but {}", missing.join(", "));
        }
    }
    if regions.len() == all.len() {
        return "every region".into();
    }
    regions.join(", ")
}

fn scope_line(a: &Analysis) -> String {
    let callers = if a.principals.is_empty() {
        "any IAM user of the domain's account".to_string()
    } else {
        a.principals.join(", ")
    };
    format!(
        "Callers: {callers}. Depends on: {}.\n",
        if a.dimensions.is_empty() {
            "nothing".to_string()
        } else {
            a.dimensions.join(", ")
        }
    )
}

/// Says when a list stopped at `--max-regions` or at the search's limit.
fn more(a: &Analysis) -> &'static str {
    if a.search_truncated {
        " (the search stopped at its limit of regions: the list is incomplete, and its regions are not merged into the fewest)"
    } else if a.truncated {
        " (the first ones; there are more)"
    } else {
        ""
    }
}

fn unknown_text(u: &Unknown) -> String {
    let mut s = format!("unknown: {}\n", u.reason);
    if let Some(h) = &u.help {
        s.push_str(&format!("  = help: {h}\n"));
    }
    s
}

/// `diff` for a person (and a pull request), control characters of the policies shown escaped.
pub fn diff_text(result: &Result<(Analysis, Analysis), Unknown>) -> String {
    escape_lines(diff_report(result))
}

fn diff_report(result: &Result<(Analysis, Analysis), Unknown>) -> String {
    let (gained, lost) = match result {
        Err(u) => return unknown_text(u),
        Ok(x) => x,
    };
    let mut out = String::new();
    if gained.regions.is_empty() {
        out.push_str("The new policies allow nothing the old ones did not.\n");
    } else {
        out.push_str(&format!(
            "The new policies allow {} kind(s) of request the old ones did not{}:\n\n",
            gained.regions.len(),
            more(gained)
        ));
        for (i, r) in gained.regions.iter().enumerate() {
            region_text(&mut out, i + 1, r, &["old", "new"]);
        }
    }
    out.push('\n');
    if lost.regions.is_empty() {
        out.push_str("The new policies deny nothing the old ones allowed.\n");
    } else {
        out.push_str(&format!(
            "The new policies deny {} kind(s) of request the old ones allowed{}:\n\n",
            lost.regions.len(),
            more(lost)
        ));
        for (i, r) in lost.regions.iter().enumerate() {
            region_text(&mut out, i + 1, r, &["old", "new"]);
        }
    }
    out.push('\n');
    out.push_str(&scope_line(gained));
    out
}

/// `check` for a person, control characters of the policies shown escaped.
pub fn check_text(must_allow: bool, result: &Result<Analysis, Unknown>) -> String {
    escape_lines(check_report(must_allow, result))
}

fn check_report(must_allow: bool, result: &Result<Analysis, Unknown>) -> String {
    let a = match result {
        Err(u) => return unknown_text(u),
        Ok(a) => a,
    };
    let mut out = String::new();
    let verdict = if must_allow { "denied" } else { "allowed" };
    match (a.regions.is_empty(), must_allow) {
        (true, false) => out.push_str("Proved: no request the SPEC describes is allowed.\n"),
        (true, true) => out.push_str("Proved: every request the SPEC describes is allowed.\n"),
        (false, _) => out.push_str(&format!(
            "Violated: {} kind(s) of request the SPEC describes are {verdict}{}:\n\n",
            a.regions.len(),
            more(a)
        )),
    }
    for (i, r) in a.regions.iter().enumerate() {
        region_text(&mut out, i + 1, r, &["decision"]);
    }
    out.push('\n');
    out.push_str(&scope_line(a));
    out
}
