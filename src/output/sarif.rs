//! SARIF 2.1.0 for `lint --format sarif`, as GitHub code scanning takes it.

use super::lint::{end_of, LintRow};
use super::plain::plain;
use crate::source::SourceMap;
use serde_json::{json, Value};

/// A finding's stable fingerprint: FNV-1a (64 bits) over `parts`, stable across runs and
/// versions.
fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn sarif_level(s: crate::lint::Severity) -> &'static str {
    match s {
        crate::lint::Severity::Error => "error",
        crate::lint::Severity::SecurityWarning | crate::lint::Severity::Warning => "warning",
        crate::lint::Severity::Suggestion => "note",
    }
}

/// SARIF 2.1.0 as GitHub code scanning takes it: every rule in `driver.rules`, stable rule ids,
/// 1-based lines and columns (Unicode code points), suppressed findings left out.
pub fn lint_sarif(rows: &[LintRow<'_>], sources: &SourceMap) -> Value {
    use crate::lint::{rules::ALL, Severity};
    let rules: Vec<Value> = ALL
        .iter()
        .map(|r| {
            let m = r.meta;
            let mut props = json!({
                "tags": match m.severity {
                    Severity::SecurityWarning => vec!["security", "iam", "swf"],
                    _ => vec!["iam", "swf"],
                },
                "precision": "very-high",
                "problem.severity": match m.severity {
                    Severity::Error => "error",
                    Severity::SecurityWarning | Severity::Warning => "warning",
                    Severity::Suggestion => "recommendation",
                },
            });
            if m.severity == Severity::SecurityWarning {
                props["security-severity"] = json!("7.0");
            }
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": plain(m.summary)},
                "fullDescription": {"text": plain(&m.what)},
                "help": {"text": plain(&format!("{}\n\n{}", m.what, m.why)), "markdown": m.explain()},
                "defaultConfiguration": {"level": sarif_level(m.severity)},
                "properties": props,
            })
        })
        .collect();
    let results: Vec<Value> = rows
        .iter()
        .filter(|r| r.reported.suppressed.is_none())
        .map(|r| {
            let f = &r.reported.finding;
            let lc = sources.line_col(r.source, f.span);
            let mut end = end_of(sources, r.source, f.span);
            if end <= lc {
                end = crate::source::LineCol { line: lc.line, column: lc.column + 1 };
            }
            let index = ALL.iter().position(|x| x.meta.code == f.code).unwrap_or(0);
            let uri = sources.name(r.source).trim_start_matches("./").to_string();
            json!({
                "ruleId": f.code,
                "ruleIndex": index,
                "level": sarif_level(f.severity),
                "message": {"text": plain(&f.message), "markdown": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": lc.line, "startColumn": lc.column, "endLine": end.line, "endColumn": end.column}
                }}],
                "partialFingerprints": {"primaryLocationLineHash": fingerprint(&[f.code, &uri, &f.path, &f.message])},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "swfsim",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
