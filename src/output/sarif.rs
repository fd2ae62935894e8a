//! SARIF 2.1.0 for `lint --format sarif`, as GitHub code scanning takes it.

use super::lint::{end_of, LintRow};
use super::plain::plain;
pub use super::sarif_limits::sarif_limits;
use crate::source::path::{below, folded};
use crate::source::SourceMap;
use serde_json::{json, Value};
use std::path::Path;

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

/// A path's text as a URI path: every byte but letters, digits, `-._~` and `/` percent-encoded
/// (`\` read as `/`).
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An absolute path as a `file://` URI.
fn file_uri(path: &Path) -> String {
    let p = uri_path(path);
    match p.starts_with('/') {
        true => format!("file://{p}"),
        false => format!("file:///{p}"),
    }
}

/// A file's `artifactLocation`: relative to `%SRCROOT%` (the working directory `root`) when
/// the file is below it, else an absolute `file://` URI; as named when there is no `root`.
fn artifact_location(name: &str, root: Option<&Path>) -> Value {
    let path = Path::new(name);
    let Some(root) = root else {
        return json!({"uri": uri_path(&folded(path))});
    };
    match below(root, path) {
        Some(relative) => json!({"uri": uri_path(&relative), "uriBaseId": "%SRCROOT%"}),
        None => json!({"uri": file_uri(&folded(&root.join(path)))}),
    }
}

/// SARIF 2.1.0 as GitHub code scanning takes it: every rule in `driver.rules`, stable rule ids,
/// 1-based lines and columns (Unicode code points), suppressed findings left out. Files below
/// `root` (the working directory) are located relative to `%SRCROOT%`, which
/// `originalUriBaseIds` gives as `root`'s `file://` URI.
pub fn lint_sarif(rows: &[LintRow<'_>], sources: &SourceMap, root: Option<&Path>) -> Value {
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
            let location = artifact_location(sources.name(r.source), root);
            let uri = location["uri"].as_str().unwrap_or_default().to_string();
            json!({
                "ruleId": f.code,
                "ruleIndex": index,
                "level": sarif_level(f.severity),
                "message": {"text": plain(&f.message), "markdown": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": lc.line, "startColumn": lc.column, "endLine": end.line, "endColumn": end.column}
                }}],
                "partialFingerprints": {"primaryLocationLineHash": fingerprint(&[f.code, &uri, &f.path, &f.message])},
            })
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "swfsim",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(r) = root {
        // A base URI ends in `/` (SARIF 3.14.14): the relative URIs resolve against it.
        let base = format!("{}/", file_uri(&folded(r)).trim_end_matches('/'));
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": base}});
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run]
    })
}
