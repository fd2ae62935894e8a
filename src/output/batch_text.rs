//! The text of a batch, for a person: a line a request (`LINE: VERDICT reason`), the full
//! explanation under the ones that were not allowed, and a summary of the outcomes at the end.

use super::escape::escape_controls;
use super::explanation::{deciding_iter, location, summary};
use crate::batch::Tally;
use crate::eval::{Layer, Reason, StatementTrace};
use crate::source::SourceMap;
use crate::swf::{Outcome, SimResult};

/// `LINE: VERDICT reason` for the answer to input line `n`: the outcome as the wire format
/// spells it, and in one line why (the deciding statement, the fault's message), the input's
/// control characters escaped as in the explanation under it.
pub fn batch_verdict_line(n: usize, r: &SimResult, sources: &SourceMap) -> String {
    let why = reason(r, sources);
    format!("{n}: {} {}", r.outcome.as_str(), escape_controls(&why))
}

/// `LINE: inputError message (column C)` for input line `n`, which could not be read (control
/// characters escaped).
pub fn batch_input_error_line(n: usize, column: u32, message: &str) -> String {
    format!(
        "{n}: inputError {} (column {column})",
        escape_controls(message)
    )
}

/// An answer's full explanation under its verdict line: the text of a single answer, indented
/// so that the verdict lines stand out, and a blank line after it.
pub fn batch_explanation(explained: &str) -> String {
    let mut out = String::with_capacity(explained.len() + explained.len() / 8);
    for line in explained.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// `N requests: A started, B OPERATION_NOT_PERMITTED, ...`: how many lines had each outcome
/// (the lines that could not be read as `inputError`).
pub fn batch_summary(t: &Tally) -> String {
    let total = t.total();
    let mut parts: Vec<String> = (t.outcomes())
        .map(|(o, n)| format!("{n} {}", o.as_str()))
        .collect();
    if t.input_errors() > 0 {
        parts.push(format!("{} inputError", t.input_errors()));
    }
    let noun = if total == 1 { "request" } else { "requests" };
    if parts.is_empty() {
        format!("{total} {noun}")
    } else {
        format!("{total} {noun}: {}", parts.join(", "))
    }
}

/// Why, in one line: the statement that allowed or denied, IAM's reason for an implicit denial,
/// SWF's message for a fault.
fn reason(r: &SimResult, sources: &SourceMap) -> String {
    let Some(e) = r.evaluation.as_ref() else {
        return fault_message(r);
    };
    match (r.outcome, &e.reason) {
        (Outcome::Started | Outcome::Authorized, Reason::Allowed { root: false }) => {
            // The identity policy's statement is the one a person wrote for the caller.
            let allowing = deciding_iter(e)
                .find(|s| s.statement.layer == Layer::Identity)
                .or_else(|| deciding_iter(e).next());
            match allowing {
                Some(s) => format!("allowed by {}", statement(s, sources)),
                None => summary(r),
            }
        }
        (Outcome::OperationNotPermitted, Reason::ExplicitDeny { layer }) => {
            match deciding_iter(e).next() {
                Some(s) => format!(
                    "denied by {} in the {}",
                    statement(s, sources),
                    layer.describe()
                ),
                None => summary(r),
            }
        }
        (Outcome::Started | Outcome::Authorized | Outcome::OperationNotPermitted, _)
        | (Outcome::Unknown, _) => summary(r),
        _ => fault_message(r),
    }
}

/// A fault's message, else its detail, else the summary.
fn fault_message(r: &SimResult) -> String {
    match &r.fault {
        Some(f) if !f.message.is_empty() => f.message.clone(),
        Some(f) if !f.detail.is_empty() => f.detail.clone(),
        _ => summary(r),
    }
}

/// `` `Sid` (file:line:col) ``, or `statement N (file:line:col)` without a Sid.
fn statement(s: &StatementTrace, sources: &SourceMap) -> String {
    let at = location(sources, s.statement.source, s.statement.span);
    match (&s.statement.sid, sources.label(s.statement.source)) {
        (Some(sid), Some(label)) => format!("`{sid}` in {label} ({at})"),
        (None, Some(label)) => format!("{label} / Statement[{}] ({at})", s.statement.index),
        (Some(sid), None) => format!("`{sid}` ({at})"),
        (None, None) => format!("statement {} ({at})", s.statement.index),
    }
}
