//! The house rule: modules in dependency order, each using only those above it (`src/lib.rs`
//! lists them), and nothing using the CLI. Checked on the source text, so a stray
//! `crate::request::` inside a function body counts as much as a `use` line.

use std::path::Path;

fn modules() -> Vec<String> {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

/// Every `crate::NAME` a module's files mention (its own folder included).
fn mentions(module: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join(format!("{module}.rs"))];
    let mut stack = vec![root.join(module)];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn each_module_uses_only_the_modules_above_it() {
    let order = modules();
    assert!(order.len() >= 12, "{order:?}");
    for (i, m) in order.iter().enumerate() {
        for used in mentions(m) {
            if let Some(j) = order.iter().position(|x| *x == used) {
                assert!(
                    j <= i,
                    "`{m}` uses `{used}`, which comes after it in src/lib.rs"
                );
            }
        }
    }
}
