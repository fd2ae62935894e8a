//! The answer of `whocan`: for each user and role of an account, whether it may make the
//! call, with the deciding statements; and the principals that could not be answered, why.

use super::explanation::{deciding, location, summary_in};
use super::json::sim_json_line;
use crate::analysis::{Analysis, Unknown};
use crate::eval::{Decision, PolicySet};
use crate::source::{SourceId, SourceMap, Span};
use crate::swf::{Outcome, SimResult};

/// One principal's answer.
#[derive(Clone, Copy, Debug)]
pub struct WhoCanRow<'a> {
    /// The user's or role's ARN.
    pub arn: &'a str,
    /// `user` or `role`.
    pub kind: &'static str,
    /// Its account's SCP and RCP levels, when an org file names them.
    pub levels: Option<&'a PolicySet>,
    /// Its answer.
    pub answer: WhoCanAnswer<'a>,
}

/// A principal's answer: to a call, to a SPEC, or the problems (diagnostics, in words) that
/// kept it from one.
#[derive(Clone, Copy, Debug)]
pub enum WhoCanAnswer<'a> {
    /// `simulate`'s answer to the call.
    Call(&'a SimResult),
    /// Whether some request the SPEC describes is allowed (an analysis whose regions are the
    /// allowed kinds of request, each with a witness).
    Spec(&'a Result<Analysis, Unknown>),
    /// Why it could not be answered.
    Errors(&'a [Unanswered]),
}

/// A problem that kept a principal from an answer: where it is (a place in the export or the org
/// file, or none for one of the principal's ARN), and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered {
    /// The source and span, when the problem has a place.
    pub at: Option<(SourceId, Span)>,
    /// A lint rule's code (`SWF012`), for a policy IAM would refuse.
    pub code: Option<&'static str>,
    /// One line.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Unanswered {
    /// The problem in the form every diagnostic takes.
    fn text(&self, sources: &SourceMap) -> String {
        match self.at {
            Some((id, span)) => super::diagnostic(
                sources,
                id,
                span,
                self.code,
                &self.message,
                self.help.as_deref(),
            ),
            None => format!("error: {}\n", self.message),
        }
    }

    /// The problem as the wire format's object: `file`, `line`, `column`, `policy` when it has
    /// a place, `code`, `message`, `help`.
    fn json(&self, sources: &SourceMap) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        if let Some((id, span)) = self.at {
            let lc = sources.line_col(id, span);
            m.insert("file".into(), sources.name(id).into());
            m.insert("line".into(), lc.line.into());
            m.insert("column".into(), lc.column.into());
            if let Some(l) = sources.label(id) {
                m.insert("policy".into(), l.into());
            }
        }
        if let Some(c) = self.code {
            m.insert("code".into(), c.into());
        }
        m.insert(
            "message".into(),
            super::plain::plain(&self.message).into_owned().into(),
        );
        if let Some(h) = &self.help {
            m.insert("help".into(), super::plain::plain(h).into_owned().into());
        }
        serde_json::Value::Object(m)
    }
}

/// How a row is grouped.
fn group(row: &WhoCanRow<'_>) -> usize {
    match row.answer {
        WhoCanAnswer::Call(r) if matches!(r.outcome, Outcome::Authorized | Outcome::Started) => 0,
        WhoCanAnswer::Call(r) if r.outcome == Outcome::Unknown => 2,
        WhoCanAnswer::Call(r) if r.decision.is_some_and(|d| d != Decision::Allowed) => 1,
        WhoCanAnswer::Call(_) => 3,
        WhoCanAnswer::Spec(Ok(a)) if !a.regions.is_empty() => 0,
        WhoCanAnswer::Spec(Ok(_)) => 1,
        WhoCanAnswer::Spec(Err(_)) => 2,
        WhoCanAnswer::Errors(_) => 4,
    }
}

const HEADS: [&str; 5] = [
    "can start it",
    "cannot start it",
    "unknown: the answer depends on keys not given",
    "allowed by IAM, refused by SWF's own checks",
    "could not be answered",
];

/// whocan's answer, a principal at a time, so that no principal's answer outlives its row: in
/// JSON each row is written as it comes; in text each principal's lines wait in its group (can,
/// cannot, unknown, refused by SWF, not answered) for the end.
#[derive(Debug)]
pub struct WhoCanWriter {
    json: bool,
    groups: [String; 5],
    counts: [usize; 5],
}

impl WhoCanWriter {
    /// A writer of JSON (`{"principals": [...], "counts": {...}}`) or of text.
    pub fn new(json: bool) -> WhoCanWriter {
        WhoCanWriter {
            json,
            groups: Default::default(),
            counts: [0; 5],
        }
    }

    /// One principal's answer: what to write now (the row in JSON; nothing in text).
    pub fn row(&mut self, r: &WhoCanRow<'_>, sources: &SourceMap) -> String {
        let g = group(r);
        let first = self.counts.iter().sum::<usize>() == 0;
        self.counts[g] += 1;
        if self.json {
            let open = if first { "{\"principals\":[" } else { "," };
            return format!("{open}{}", row_json(r, sources));
        }
        let lines = &mut self.groups[g];
        lines.push_str(&format!("  {} {}\n", r.kind, r.arn));
        row_text(lines, r, g, sources);
        String::new()
    }

    /// Counts of the five groups: can, cannot, unknown, refused by SWF, not answered.
    pub fn counts(&self) -> [usize; 5] {
        self.counts
    }

    /// The rest of the answer: the groups and the summary (text), or the counts (JSON).
    pub fn finish(self) -> String {
        let c = self.counts;
        let total: usize = c.iter().sum();
        if self.json {
            let open = if total == 0 { "{\"principals\":[" } else { "" };
            return format!(
                "{open}],\"counts\":{{\"can\":{},\"cannot\":{},\"unknown\":{},\"refusedBySwf\":{},\"notAnswered\":{}}}}}\n",
                c[0], c[1], c[2], c[3], c[4]
            );
        }
        let mut out = String::new();
        for (g, head) in HEADS.iter().enumerate() {
            if c[g] > 0 {
                out.push_str(&format!("{} {head}:\n{}\n", c[g], self.groups[g]));
            }
        }
        out.push_str(&format!(
            "{total} principals: {} can, {} cannot, {} unknown, {} refused by SWF, {} not answered\n",
            c[0], c[1], c[2], c[3], c[4]
        ));
        super::escape::escape_lines(out)
    }
}

/// A principal's lines under its name: what decided, or why it could not be answered.
fn row_text(out: &mut String, r: &WhoCanRow<'_>, g: usize, sources: &SourceMap) {
    match r.answer {
        WhoCanAnswer::Spec(Ok(a)) => match a.regions.first() {
            Some(region) => out.push_str(&format!("    e.g. {}\n", region.witness.to_json())),
            None => out.push_str("    proved: no request the SPEC describes is allowed\n"),
        },
        WhoCanAnswer::Spec(Err(u)) => out.push_str(&format!("    unknown: {}\n", u.reason)),
        WhoCanAnswer::Call(result) => {
            if g != 0 {
                out.push_str(&format!("    {}\n", summary_in(result, r.levels)));
            }
            for s in result.evaluation.iter().flat_map(deciding) {
                let what = match sources.label(s.statement.source) {
                    Some(l) => format!("{l} / Statement[{}]", s.statement.index),
                    None => format!("statement {}", s.statement.index),
                };
                out.push_str(&format!(
                    "    {:?} {what} ({})\n",
                    s.statement.effect,
                    location(sources, s.statement.source, s.statement.span)
                ));
            }
        }
        WhoCanAnswer::Errors(problems) => {
            for p in problems {
                for line in p.text(sources).lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
}

/// A principal's JSON: `{"principal", "kind", "answer" | "spec" | "errors"}`, each answer a
/// brief `simulate` result.
fn row_json(r: &WhoCanRow<'_>, sources: &SourceMap) -> String {
    let mut out = format!(
        "{{\"principal\":{},\"kind\":\"{}\",",
        serde_json::Value::from(r.arn),
        r.kind
    );
    match r.answer {
        WhoCanAnswer::Call(result) => {
            out.push_str("\"answer\":");
            out.push_str(sim_json_line(result, sources, false).trim_end());
        }
        WhoCanAnswer::Spec(result) => {
            out.push_str("\"spec\":");
            out.push_str(&spec_json(result).to_string());
        }
        WhoCanAnswer::Errors(problems) => {
            let list: Vec<serde_json::Value> = problems.iter().map(|p| p.json(sources)).collect();
            out.push_str("\"errors\":");
            out.push_str(&serde_json::Value::from(list).to_string());
        }
    }
    out.push('}');
    out
}

/// A principal's answer to a SPEC: `can` with the kinds of request allowed (each with a
/// witness), `cannot` (proved), or `unknown` and why.
fn spec_json(result: &Result<Analysis, Unknown>) -> serde_json::Value {
    use super::analysis::{region_json, unknown_json};
    match result {
        Ok(a) => serde_json::json!({
            "answer": if a.regions.is_empty() { "cannot" } else { "can" },
            "allowed": a.regions.iter().map(region_json).collect::<Vec<_>>(),
            "truncated": a.truncated,
        }),
        Err(u) => serde_json::json!({"answer": "unknown", "unknown": unknown_json(u)}),
    }
}
