//! The answer of `whocan`: for each user and role of an account, whether it may make the
//! call, with the deciding statements; and the principals that could not be answered, why.

use super::explanation::{deciding, location, summary};
use super::json::sim_json_line;
use crate::eval::Decision;
use crate::source::SourceMap;
use crate::swf::{Outcome, SimResult};

/// One principal's answer.
#[derive(Clone, Copy, Debug)]
pub struct WhoCanRow<'a> {
    /// The user's or role's ARN.
    pub arn: &'a str,
    /// `user` or `role`.
    pub kind: &'static str,
    /// Its answer, or the problems (diagnostics, in words) that kept it from one.
    pub answer: Result<&'a SimResult, &'a [String]>,
}

/// How a row is grouped.
fn group(row: &WhoCanRow<'_>) -> usize {
    match row.answer {
        Ok(r) if matches!(r.outcome, Outcome::Authorized | Outcome::Started) => 0,
        Ok(r) if r.outcome == Outcome::Unknown => 2,
        Ok(r) if r.decision.is_some_and(|d| d != Decision::Allowed) => 1,
        Ok(_) => 3,
        Err(_) => 4,
    }
}

const HEADS: [&str; 5] = [
    "can start it",
    "cannot start it",
    "unknown: the answer depends on keys not given",
    "allowed by IAM, refused by SWF's own checks",
    "could not be answered",
];

/// Counts of the five groups: can, cannot, unknown, refused by SWF, not answered.
pub fn whocan_counts(rows: &[WhoCanRow<'_>]) -> [usize; 5] {
    let mut counts = [0; 5];
    for r in rows {
        counts[group(r)] += 1;
    }
    counts
}

/// The text answer: a section a group, a line a principal, and under it what decided.
pub fn whocan_text(rows: &[WhoCanRow<'_>], sources: &SourceMap) -> String {
    let mut out = String::new();
    let counts = whocan_counts(rows);
    for (g, head) in HEADS.iter().enumerate() {
        if counts[g] == 0 {
            continue;
        }
        out.push_str(&format!("{} {head}:\n", counts[g]));
        for r in rows.iter().filter(|r| group(r) == g) {
            out.push_str(&format!("  {} {}\n", r.kind, r.arn));
            match r.answer {
                Ok(result) => {
                    if g != 0 {
                        out.push_str(&format!("    {}\n", summary(result)));
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
                Err(problems) => {
                    for p in problems {
                        for line in p.lines() {
                            out.push_str(&format!("    {line}\n"));
                        }
                    }
                }
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{} principals: {} can, {} cannot, {} unknown, {} refused by SWF, {} not answered\n",
        rows.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4]
    ));
    super::escape::escape_lines(out)
}

/// The JSON answer: `{"principals": [{"principal", "kind", "answer" | "errors"}], "counts"}`,
/// each answer a brief `simulate` result.
pub fn whocan_json(rows: &[WhoCanRow<'_>], sources: &SourceMap) -> String {
    let mut out = String::from("{\"principals\":[");
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"principal\":{},\"kind\":\"{}\",",
            serde_json::Value::from(r.arn),
            r.kind
        ));
        match r.answer {
            Ok(result) => {
                out.push_str("\"answer\":");
                out.push_str(sim_json_line(result, sources, false).trim_end());
            }
            Err(problems) => {
                let plain: Vec<String> = (problems.iter())
                    .map(|p| super::plain::plain(p).into_owned())
                    .collect();
                out.push_str("\"errors\":");
                out.push_str(&serde_json::Value::from(plain).to_string());
            }
        }
        out.push('}');
    }
    let c = whocan_counts(rows);
    out.push_str(&format!(
        "],\"counts\":{{\"can\":{},\"cannot\":{},\"unknown\":{},\"refusedBySwf\":{},\"notAnswered\":{}}}}}\n",
        c[0], c[1], c[2], c[3], c[4]
    ));
    out
}
