//! The house rule: modules in dependency order, each using only those above it (`src/lib.rs`
//! lists them), and nothing in the library using the CLI, which lives in the binary
//! (`src/main.rs` and `src/cli/`) and reaches the library only as `swfsim::`.
//!
//! Checked on the code of every file, comments and string literals left out: every path that
//! starts at the crate root (`crate::`, `$crate::`, or enough `super::` to climb out of the
//! module) counts, in a `use` line, a grouped import (`use crate::{a::X, b::{Y, Z}}`, across
//! lines), a function body, a macro or a `where` clause alike. The self-tests at the end show
//! the checker failing where it must.

use std::path::Path;

/// The modules `src/lib.rs` declares, in its order.
fn modules() -> Vec<String> {
    declared_modules(&read("src/lib.rs"))
}

/// The names of the `mod NAME;` lines of a crate root, whatever their visibility.
fn declared_modules(lib: &str) -> Vec<String> {
    let t = tokens(&code(lib));
    (0..t.len())
        .filter(|&i| t[i] == "mod" && t.get(i + 2).is_some_and(|s| s == ";"))
        .map(|i| t[i + 1].clone())
        .collect()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

/// Every `.rs` file under `src/`, as its path relative to `src/` with `/` between folders.
fn source_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&root).unwrap();
                let parts: Vec<_> = rel
                    .iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    files
}

/// Whether a file under `src/` belongs to the binary rather than the library.
fn in_binary(file: &str) -> bool {
    file == "main.rs" || file == "cli.rs" || file.starts_with("cli/")
}

/// The module a file under `src/` is, as its path from its crate's root.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The source text with comments (line, doc and nested block comments) and string and
/// character literals (raw ones included) blanked out, line breaks kept.
fn code(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, s: &[char]| {
        out.extend(s.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let start = i;
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (i == 0
                || !ident(c[i - 1])
                || (i == 1 || !ident(c[i - 2])) && "bc".contains(c[i - 1]))
            && matches!(c.get(i + 1), Some('"' | '#'))
            && c[i + 1..].iter().find(|&&ch| ch != '#') == Some(&'"')
        {
            let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
            i += 2 + hashes;
            while i < c.len()
                && !(c[i] == '"'
                    && c[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes)
            {
                i += 1;
            }
            i = (i + 1 + hashes).min(c.len());
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(c.len());
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i += 3;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i = (i + 1).min(c.len());
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        }
        blank(&mut out, &c[start..i.min(c.len())]);
    }
    out
}

/// Code cut into identifiers (`$crate` and other macro variables whole), `::`, and single
/// punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let c: Vec<char> = code.chars().collect();
    let word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_whitespace() {
            i += 1;
        } else if word(c[i]) || c[i] == '$' && c.get(i + 1).is_some_and(|&ch| word(ch)) {
            let start = i;
            i += 1;
            while i < c.len() && word(c[i]) {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else {
            out.push(c[i].to_string());
            i += 1;
        }
    }
    out
}

/// What a path reaches at its crate's root.
#[derive(Debug, PartialEq)]
enum Reach {
    /// `crate::NAME`, or a group at the root naming `NAME`.
    Name(String),
    /// `crate::*`: everything at the root at once.
    Glob,
}

/// Everything at the crate root that the paths of a file's code reach, the file being the
/// module `module`. In the library, `swfsim::` names the crate root as `crate::` does.
fn reaches(module: &[String], code: &str, library: bool) -> Vec<Reach> {
    let t = tokens(code);
    let mut out = Vec::new();
    // Inline `mod NAME { … }` blocks: the name and the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    for i in 0..t.len() {
        match t[i].as_str() {
            "{" => {
                depth += 1;
                if i >= 2 && t[i - 2] == "mod" {
                    inline.push((t[i - 1].clone(), depth));
                }
            }
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            head @ ("crate" | "$crate" | "super" | "self" | "swfsim")
                if (head != "swfsim" || library) && (i == 0 || t[i - 1] != "::") =>
            {
                let mut at: Vec<String> = module.to_vec();
                at.extend(inline.iter().map(|(name, _)| name.clone()));
                follow(&t, i, at, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// Follows the path that starts at `t[i]`, resolved from the module `at`, recording what it
/// reaches at the root; returns the index after the path.
fn follow(t: &[String], mut i: usize, mut at: Vec<String>, out: &mut Vec<Reach>) -> usize {
    while i < t.len() {
        match t[i].as_str() {
            "crate" | "$crate" | "swfsim" => at.clear(),
            "super" => {
                at.pop();
            }
            "self" => {}
            "*" => {
                if at.is_empty() {
                    out.push(Reach::Glob);
                }
                return i + 1;
            }
            "{" => {
                i += 1;
                while i < t.len() && t[i] != "}" {
                    i = follow(t, i, at.clone(), out).max(i + 1);
                    // The rest of the item: `as NAME`, or what a name below the root leads to.
                    let mut nest = 0;
                    while i < t.len() && !(nest == 0 && (t[i] == "," || t[i] == "}")) {
                        match t[i].as_str() {
                            "{" => nest += 1,
                            "}" => nest -= 1,
                            _ => {}
                        }
                        i += 1;
                    }
                    if t.get(i).is_some_and(|s| s == ",") {
                        i += 1;
                    }
                }
                return i + 1;
            }
            name => {
                if at.is_empty() && name.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
                    out.push(Reach::Name(name.to_string()));
                }
                return i + 1;
            }
        }
        if t.get(i + 1).map(String::as_str) != Some("::") {
            return i + 1;
        }
        i += 2;
    }
    i
}

/// What is wrong with a library file at `file` (relative to `src/`), given the module order.
fn library_violations(order: &[String], file: &str, text: &str) -> Vec<String> {
    let module = module_path(file);
    let Some(own) = module.first() else {
        return Vec::new(); // the crate root declares the modules
    };
    let Some(i) = order.iter().position(|m| m == own) else {
        return vec![format!(
            "{file}: `{own}` is not a module src/lib.rs declares"
        )];
    };
    let code = code(text);
    let mut out = Vec::new();
    for reach in reaches(&module, &code, true) {
        match reach {
            Reach::Glob => out.push(format!(
                "{file}: a glob import of the crate root hides which modules `{own}` uses"
            )),
            Reach::Name(name) => match order.iter().position(|m| *m == name) {
                Some(j) if j > i => out.push(format!(
                    "{file}: `{own}` uses `{name}`, which comes after it in src/lib.rs"
                )),
                Some(_) => {}
                None => out.push(format!(
                    "{file}: `{own}` names `crate::{name}`, which is not a module of src/lib.rs"
                )),
            },
        }
    }
    if tokens(&code).iter().any(|t| t == "cli") {
        out.push(format!("{file}: the library mentions `cli`"));
    }
    out
}

/// What is wrong with a binary file (`main.rs`, `cli.rs`, `cli/…`): it reaches a library module
/// other than through `swfsim::`, or its root declares one of the library's modules as its own.
fn binary_violations(order: &[String], file: &str, text: &str) -> Vec<String> {
    let code = code(text);
    let mut out = Vec::new();
    for reach in reaches(&module_path(file), &code, false) {
        if let Reach::Name(name) = reach {
            if order.contains(&name) {
                out.push(format!(
                    "{file}: the CLI reaches `{name}` through its own crate root; use `swfsim::{name}`"
                ));
            }
        }
    }
    // Only the binary's root could declare a module that `crate::NAME` would then reach.
    let t = if module_path(file).is_empty() {
        tokens(&code)
    } else {
        Vec::new()
    };
    for w in t.windows(2) {
        if w[0] == "mod" && order.contains(&w[1]) {
            out.push(format!(
                "{file}: the CLI declares the library's module `{}`; use `swfsim::{}`",
                w[1], w[1]
            ));
        }
    }
    out
}

/// Whether the code sets a module's file with `#[path = …]`, which the checker, going by the
/// folders, would not follow.
fn sets_a_path(text: &str) -> bool {
    let t = tokens(&code(text));
    t.windows(3)
        .any(|w| w[0] == "#" && w[1] == "[" && w[2] == "path")
}

#[test]
fn each_module_uses_only_the_modules_above_it() {
    let order = modules();
    assert!(order.len() >= 12, "{order:?}");
    let found: Vec<String> = source_files()
        .iter()
        .filter(|f| !in_binary(f))
        .flat_map(|f| library_violations(&order, f, &read(&format!("src/{f}"))))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_checker_reads_the_code_of_every_library_file() {
    // A literal or comment the blanking misread would hide the rest of its file: every file keeps
    // its lines, and the library's uses of the modules above are all seen.
    let mut seen = 0;
    for f in source_files().iter().filter(|f| !in_binary(f)) {
        let text = read(&format!("src/{f}"));
        let code = code(&text);
        assert_eq!(code.lines().count(), text.lines().count(), "{f}");
        seen += reaches(&module_path(f), &code, true).len();
    }
    let crate_paths = source_files()
        .iter()
        .filter(|f| !in_binary(f))
        .map(|f| read(&format!("src/{f}")).matches("crate::").count())
        .sum::<usize>();
    // Most `crate::` in the library's text is code, so most of it must be seen.
    assert!(seen * 2 > crate_paths, "{seen} of {crate_paths}");
}

#[test]
fn the_cli_reaches_the_library_only_through_swfsim() {
    let order = modules();
    assert!(
        !order.iter().any(|m| m == "cli"),
        "src/lib.rs declares `cli`"
    );
    let binary: Vec<String> = source_files()
        .into_iter()
        .filter(|f| in_binary(f))
        .collect();
    assert!(
        binary.iter().any(|f| f == "main.rs") && binary.len() > 2,
        "{binary:?}"
    );
    let found: Vec<String> = binary
        .iter()
        .flat_map(|f| binary_violations(&order, f, &read(&format!("src/{f}"))))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_module_file_is_where_its_path_says() {
    let setting: Vec<String> = source_files()
        .into_iter()
        .filter(|f| sets_a_path(&read(&format!("src/{f}"))))
        .collect();
    assert!(setting.is_empty(), "`#[path]` in {setting:?}");
}

// The checker itself, on small source texts.

fn order() -> Vec<String> {
    ["json", "policy", "request", "eval", "swf"]
        .map(String::from)
        .to_vec()
}

/// The verdicts on `text` as the file `file` of the library.
fn verdict(file: &str, text: &str) -> Vec<String> {
    library_violations(&order(), file, text)
}

#[test]
fn checker_passes_uses_of_modules_above() {
    let text = "use crate::json::Value;\nuse crate::{json, policy::{Policy, Statement}};\n\
                use super::start::Start;\nfn f() -> crate::policy::Kind { self::g() }\n\
                pub(crate) fn g() {}\nmod inner { use super::super::policy::X; }";
    assert_eq!(verdict("request/line.rs", text), Vec::<String>::new());
}

#[test]
fn checker_catches_a_grouped_import_of_a_later_module() {
    let text = "use crate::{\n    json::Value,\n    policy::{\n        Policy,\n        \
                Statement as S,\n    },\n    eval::{Decision, combine},\n};";
    let v = verdict("request.rs", text);
    assert_eq!(
        v,
        ["request.rs: `request` uses `eval`, which comes after it in src/lib.rs"]
    );
    let nested = "use crate::{json, {swf::World}};";
    assert_eq!(verdict("request.rs", nested).len(), 1, "{nested}");
}

#[test]
fn checker_catches_super_super_into_a_later_sibling() {
    let v = verdict(
        "request/line/plain.rs",
        "use super::super::super::eval::Decision;",
    );
    assert_eq!(
        v,
        ["request/line/plain.rs: `request` uses `eval`, which comes after it in src/lib.rs"]
    );
    let group = verdict(
        "policy/lower.rs",
        "use super::super::{json, request::Call};",
    );
    assert_eq!(group.len(), 1, "{group:?}");
    // Two levels up from `request::line::plain` is still `request`.
    assert!(verdict("request/line/plain.rs", "use super::super::Reader;").is_empty());
    // An inline module is one more level to climb.
    let inline = "mod tests {\n    use super::super::eval::X;\n}";
    assert_eq!(verdict("request/line.rs", inline), Vec::<String>::new());
    assert_eq!(verdict("request.rs", inline).len(), 1);
}

#[test]
fn checker_catches_paths_in_expressions_macros_and_where_clauses() {
    let body = "fn f() { let d = crate::eval::decide(&x); }";
    let spaced = "fn f() { crate\n    ::  eval::decide(); }";
    let generic = "fn f() { Vec::<crate::eval::Decision>::new(); }";
    let in_macro = "fn f() { assert!(matches!(d, crate::eval::Decision::Allow)); }";
    let dollar = "macro_rules! m { () => { $crate::eval::decide() }; }";
    let where_clause = "fn f<T>(t: T) where T: crate::eval::Decider {}";
    for text in [body, spaced, generic, in_macro, dollar, where_clause] {
        assert_eq!(verdict("request.rs", text).len(), 1, "{text}");
    }
}

#[test]
fn checker_ignores_comments_and_strings() {
    let texts = [
        "// use crate::eval::Decision;\nfn f() {}",
        "/// See [`crate::eval::decide`].\nfn f() {}",
        "//! Feeds `crate::eval`.\n",
        "/* outer /* crate::eval */ still a comment crate::swf */ fn f() {}",
        "fn f() -> &'static str { \"crate::eval::decide\" }",
        "fn f() -> &'static str { \"a \\\" crate::eval\" }",
        "fn f() -> &'static str { r#\"say \"crate::eval\" \"# }",
        "fn f() -> &'static [u8] { br\"crate::eval\" }",
        "fn f() -> char { let _q = '\"'; 'x' } fn g() -> &'static str { \"crate::eval\" }",
        "fn f(s: &str) -> &str { if s == \"cli\" { \"aws-cli/2\" } else { s } }",
    ];
    for text in texts {
        assert_eq!(verdict("request.rs", text), Vec::<String>::new(), "{text}");
    }
    // What follows a comment or string is code again.
    let after = "let s = \"x\"; // crate::swf\nlet e = crate::eval::X;";
    assert_eq!(verdict("request.rs", after).len(), 1);
    let lifetime = "fn f<'a>(x: &'a str) -> crate::eval::Decision { todo!() }";
    assert_eq!(verdict("request.rs", lifetime).len(), 1);
}

#[test]
fn checker_catches_the_root_glob_and_names_it_does_not_know() {
    assert_eq!(verdict("request.rs", "use crate::*;").len(), 1);
    assert_eq!(verdict("request.rs", "use super::*;").len(), 1);
    assert!(verdict("request/line.rs", "use super::*;").is_empty());
    assert_eq!(verdict("request.rs", "use crate::Decision;").len(), 1);
    assert_eq!(
        verdict("request.rs", "use swfsim::eval::Decision;").len(),
        1
    );
}

#[test]
fn checker_catches_the_library_naming_the_cli() {
    assert_eq!(
        verdict("request.rs", "use crate::cli::args::Format;").len(),
        2
    );
    assert_eq!(verdict("json.rs", "fn f() { cli::run() }").len(), 1);
    assert_eq!(
        declared_modules("pub mod json;\npub(crate) mod policy;\nmod cli;"),
        ["json", "policy", "cli"]
    );
}

#[test]
fn checker_catches_the_cli_reaching_the_library_as_its_own() {
    let order = order();
    let ok = "use super::args::Format;\nuse swfsim::eval::Decision;\nuse crate::cli::exit::Exit;\n\
              fn f() { swfsim::request::parse(); }";
    assert_eq!(
        binary_violations(&order, "cli/simulate.rs", ok),
        Vec::<String>::new()
    );
    let own = "use crate::eval::Decision;";
    assert_eq!(binary_violations(&order, "cli/simulate.rs", own).len(), 1);
    let climb = "fn f() { super::super::request::parse(); }";
    assert_eq!(binary_violations(&order, "cli/simulate.rs", climb).len(), 1);
    let declared = "#[path = \"eval.rs\"]\nmod eval;\nmod cli;";
    assert_eq!(binary_violations(&order, "main.rs", declared).len(), 1);
    // A command's own module may share a library module's name.
    assert!(binary_violations(&order, "cli.rs", "mod eval;\nuse eval::run;").is_empty());
    assert!(sets_a_path(declared));
    assert!(!sets_a_path("// #[path = \"eval.rs\"]\nmod cli;"));
}
