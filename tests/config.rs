//! `swfsim lint`'s configuration file: `swfsim.toml` or `[tool.swfsim]` in `pyproject.toml`,
//! found upward from the working directory, overridden by flags, its errors placed.

mod common;
use common::{finding_files as files, json, lint_in, scratch, stderr, stdout, write};
use std::process::Output;

/// A policy with a security warning (SWF303, `swf:*` on `*`) and a warning (SWF401, no
/// `Version`).
const ADMIN: &str = r#"{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}"#;

/// A scratch project: `iam/admin.json` and `iam/legacy/old.json`, both [`ADMIN`].
fn project(name: &str) -> std::path::PathBuf {
    let root = scratch(name);
    std::fs::create_dir_all(root.join("iam/legacy")).unwrap();
    write(&root, "iam/admin.json", ADMIN);
    write(&root, "iam/legacy/old.json", ADMIN);
    root
}

/// The codes of the findings of a JSON answer, and whether each is suppressed.
fn codes(o: &Output) -> Vec<(String, bool)> {
    let v = json(o);
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    (findings.iter())
        .map(|f| {
            let code = f["code"].as_str().unwrap_or("").to_string();
            (code, f["suppressed"].as_bool().unwrap_or(false))
        })
        .collect()
}

/// Asserts the exit code and that stderr holds `text`.
fn says(o: &Output, exit: i32, text: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(exit), "{err}");
    assert!(err.contains(text), "{text}\n{err}");
}

fn code(c: &str, suppressed: bool) -> (String, bool) {
    (c.to_string(), suppressed)
}

#[test]
fn a_swfsim_toml_above_the_working_directory_is_found() {
    let root = project("config-upward");
    write(
        &root,
        "swfsim.toml",
        "select = [\"SWF401\"]\nfail-on = \"error\"\n",
    );
    let o = lint_in(&root.join("iam/legacy"), &["old.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(codes(&o), [code("SWF401", false)]);
}

#[test]
fn swfsim_toml_wins_over_pyproject_in_one_folder_and_the_nearest_folder_wins() {
    let root = project("config-precedence");
    write(&root, "swfsim.toml", "select = [\"SWF303\"]\n");
    write(
        &root.join("iam"),
        "pyproject.toml",
        "[tool.swfsim]\nselect = [\"SWF401\"]\n",
    );
    write(
        &root.join("iam"),
        "swfsim.toml",
        "select = [\"missing-version\"]\n",
    );
    let o = lint_in(&root.join("iam/legacy"), &["old.json", "--format", "json"]);
    assert_eq!(codes(&o), [code("SWF401", false)]);
    // The nearer folder's file, though the farther one selects another rule.
    let o = lint_in(&root.join("iam"), &["admin.json", "--format", "json"]);
    assert_eq!(codes(&o), [code("SWF401", false)]);
    let o = lint_in(&root, &["iam/admin.json", "--format", "json"]);
    assert_eq!(codes(&o), [code("SWF303", false)]);
}

#[test]
fn a_pyproject_tool_swfsim_table_is_read_and_one_without_it_is_passed_over() {
    let root = project("config-pyproject");
    write(
        &root,
        "pyproject.toml",
        "[project]\nname = \"infra\"\n\n[tool.ruff]\nline-length = 100\n\n\
         [tool.swfsim]\nignore = [\"SWF303\"]\n",
    );
    // A pyproject.toml without the table, nearer: not a configuration.
    write(
        &root.join("iam"),
        "pyproject.toml",
        "[project]\nname = \"iam\"\n",
    );
    let o = lint_in(&root.join("iam"), &["admin.json", "--format", "json"]);
    assert_eq!(codes(&o), [code("SWF401", false)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn flags_override_the_file_and_suppress_adds_to_it() {
    let root = project("config-flags");
    write(
        &root,
        "swfsim.toml",
        "select = [\"SWF401\"]\nfail-on = \"none\"\nkind = \"identity\"\n",
    );
    let o = lint_in(&root, &["iam/admin.json", "--format", "json"]);
    assert_eq!(
        (o.status.code(), codes(&o)),
        (Some(0), vec![code("SWF401", false)])
    );
    // --select replaces the file's selection, --fail-on its threshold.
    let o = lint_in(
        &root,
        &["iam/admin.json", "--format", "json", "--select", "SWF303"],
    );
    assert_eq!(
        (o.status.code(), codes(&o)),
        (Some(0), vec![code("SWF303", false)])
    );
    let o = lint_in(&root, &["iam/admin.json", "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1));
    // --suppress adds to the file's suppressions.
    write(
        &root,
        "swfsim.toml",
        "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/*.json\"\nreason = \"break-glass\"\n",
    );
    let o = lint_in(
        &root,
        &[
            "iam/admin.json",
            "--format",
            "json",
            "--suppress",
            "SWF401:iam/*:versionless on purpose",
        ],
    );
    assert_eq!(codes(&o), [code("SWF401", true), code("SWF303", true)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn the_kind_comes_from_the_file_unless_given() {
    let root = scratch("config-kind");
    let scp = r#"[{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "swf:*", "Resource": "*"}}]"#;
    write(&root, "scps.json", scp);
    write(&root, "swfsim.toml", "kind = \"scp\"\n");
    let o = lint_in(&root, &["scps.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = lint_in(&root, &["scps.json", "--kind", "identity"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn per_file_ignores_are_relative_to_the_configuration_folder() {
    let root = project("config-per-file");
    write(
        &root,
        "swfsim.toml",
        "[[per-file-ignores]]\nfiles = \"iam/legacy/*.json\"\n\
         rules = [\"SWF303\", \"missing-version\", \"SWF304\"]\nreason = \"kept as written\"\n",
    );
    // From below the configuration's folder, the glob still names the files from there.
    let o = lint_in(&root.join("iam"), &[".", "--format", "json"]);
    let v = json(&o);
    let rows: Vec<(String, String, bool)> = (v["findings"].as_array().unwrap().iter())
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                f["suppressed"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    let row = |f: &str, c: &str, s| (f.to_string(), c.to_string(), s);
    assert_eq!(
        rows,
        [
            row("./admin.json", "SWF401", false),
            row("./admin.json", "SWF303", false),
            row("./legacy/old.json", "SWF401", true),
            row("./legacy/old.json", "SWF303", true),
        ]
    );
    assert_eq!(
        v["findings"][2]["suppressionReason"].as_str(),
        Some("kept as written")
    );
    // A rule of the group that finds nothing here is no typo: no warning.
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn a_suppression_applies_until_its_expiry_day_and_then_is_reported() {
    let root = project("config-expiry");
    write(
        &root,
        "swfsim.toml",
        "fail-on = \"security-warning\"\n\n[[suppressions]]\nrule = \"allow-all-swf\"\n\
         files = \"iam/admin.json\"\nreason = \"break-glass role\"\nexpires = 2027-01-31\n",
    );
    let args = ["iam/admin.json", "--format", "json", "--today"];
    let o = lint_in(&root, &[&args[..], &["2027-01-31"]].concat());
    assert_eq!(codes(&o), [code("SWF401", false), code("SWF303", true)]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
    let o = lint_in(&root, &[&args[..], &["2027-02-01"]].concat());
    assert_eq!(codes(&o), [code("SWF401", false), code("SWF303", false)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "warning: swfsim.toml:3:1: suppression `SWF303:iam/admin.json` expired after \
             2027-01-31; its findings are reported again\n"
        ),
        "{err}"
    );
    // Without --today, the clock decides: a day long past has expired.
    write(
        &root,
        "swfsim.toml",
        "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/admin.json\"\nreason = \"r\"\n\
         expires = 2001-01-01\n",
    );
    let o = lint_in(&root, &["iam/admin.json"]);
    says(&o, 1, "expired after 2001-01-01");
}

#[test]
fn configuration_errors_name_the_file_line_and_column() {
    let root = project("config-errors");
    let cases = [
        ("fail-on = \"error\"\nselct = [\"SWF303\"]\n", "swfsim.toml:2:1: error: unknown field `selct`"),
        ("select = \"SWF303\"\n", "swfsim.toml:1:10: error: invalid type: string"),
        ("ignore = [\"SWF303\", \"SWF999\"]\n", "swfsim.toml:1:21: error: no rule `SWF999`"),
        ("fail-on = \"sometimes\"\n", "swfsim.toml:1:11: error: `fail-on` cannot be `sometimes`"),
        ("select = [\"SWF303\"\n", "swfsim.toml:1:"),
        (
            "[[per-file-ignores]]\nfiles = \"iam/{a,b}.json\"\nrules = [\"SWF303\"]\nreason = \"r\"\n",
            "swfsim.toml:2:9: error: bad glob `iam/{a,b}.json`",
        ),
        (
            "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"../iam/*.json\"\nreason = \"r\"\n",
            "swfsim.toml:3:9: error: bad glob `../iam/*.json`",
        ),
        (
            "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/*\"\nreason = \"\"\n",
            "swfsim.toml:4:10: error: the `reason` is empty",
        ),
        (
            "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/*\"\nreason = \"r\"\nexpires = \"2027-01-31\"\n",
            "swfsim.toml:5:11: error: `expires` takes a date",
        ),
        (
            "[[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/*\"\n",
            "swfsim.toml:1:1: error: missing field `reason`",
        ),
        ("exclude = [\"iam/legacy\", \"../x\"]\n", "swfsim.toml:1:26: error: bad glob `../x`"),
        ("exclude = \"legacy\"\n", "swfsim.toml:1:11: error: invalid type: string"),
    ];
    for (text, expected) in cases {
        write(&root, "swfsim.toml", text);
        // Named as found: from the working directory.
        let o = lint_in(&root.join("iam"), &["admin.json"]);
        says(&o, 2, &format!("../{expected}"));
        assert!(stderr(&o).starts_with("../swfsim.toml:"), "{text}");
        assert!(stdout(&o).is_empty(), "{text}");
    }
    std::fs::remove_file(root.join("swfsim.toml")).unwrap();
    // In a pyproject.toml, the place counts from the file's first line.
    write(
        &root,
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.swfsim]\nkind = \"org\"\n",
    );
    let o = lint_in(&root, &["iam/admin.json"]);
    says(&o, 2, "pyproject.toml:5:8: error: `kind` cannot be `org`");
}

#[test]
fn isolated_reads_no_configuration_and_config_names_one() {
    let root = project("config-isolated");
    write(&root, "swfsim.toml", "fail-on = \"none\"\n");
    write(
        &root,
        "strict.toml",
        "fail-on = \"warning\"\nselect = [\"SWF401\"]\n",
    );
    assert_eq!(lint_in(&root, &["iam/admin.json"]).status.code(), Some(0));
    for flag in ["--isolated", "--no-config"] {
        let o = lint_in(&root, &["iam/admin.json", flag]);
        assert_eq!(o.status.code(), Some(1), "{flag}");
    }
    let o = lint_in(
        &root.join("iam"),
        &["admin.json", "--config", "../strict.toml"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("SWF401") && !stdout(&o).contains("SWF303"));
    // A broken file is no trouble when none is read.
    write(&root, "swfsim.toml", "fail-on = ");
    assert_eq!(
        lint_in(&root, &["iam/admin.json", "--isolated"])
            .status
            .code(),
        Some(1)
    );
    let o = lint_in(&root, &["iam/admin.json", "--config", "missing.toml"]);
    says(&o, 2, "error: cannot read `missing.toml`");
}

#[test]
fn show_settings_names_the_file_and_the_settings_in_effect() {
    let root = project("config-show");
    write(
        &root,
        "swfsim.toml",
        "fail-on = \"warning\"\nignore = [\"missing-version\"]\nexclude = [\"iam/legacy/\"]\n\n\
         [[suppressions]]\nrule = \"SWF303\"\nfiles = \"iam/admin.json\"\n\
         reason = \"break-glass\"\nexpires = 2027-01-31\n",
    );
    let o = lint_in(
        &root.join("iam"),
        &[
            "--show-settings",
            "--kind",
            "scp",
            "--today",
            "2027-01-01",
            "--exclude",
            "generated",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let dir = common::root().join("target/test-scratch/config-show");
    let expected = format!(
        "config: ../swfsim.toml\nglobs relative to: {}/\nselect: all rules (default)\n\
         ignore: SWF401 (../swfsim.toml)\nfail-on: warning (../swfsim.toml)\nkind: scp (--kind)\n\
         exclude: hidden folders, `node_modules`, `target` (default); `iam/legacy` \
         (../swfsim.toml); `generated` (--exclude)\n\
         today: 2027-01-01\nsuppressions:\n  SWF303 `iam/admin.json` until 2027-01-31 \
         (../swfsim.toml:5:1): break-glass\n",
        dir.display()
    );
    assert_eq!(text, expected);
    let o = lint_in(&root, &["--show-settings", "--isolated"]);
    assert!(
        stdout(&o).starts_with("config: none (--isolated)\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn exclude_globs_are_relative_to_the_configuration_folder_and_add_to_the_defaults() {
    let root = project("config-exclude");
    std::fs::create_dir_all(root.join("iam/.cache")).unwrap();
    std::fs::create_dir_all(root.join("iam/generated")).unwrap();
    write(&root, "iam/.cache/c.json", ADMIN);
    write(&root, "iam/generated/g.json", ADMIN);
    write(
        &root,
        "swfsim.toml",
        "exclude = [\"iam/legacy\"]\nselect = [\"SWF303\"]\n",
    );
    // From below the configuration's folder, its glob still names `iam/legacy`.
    let o = lint_in(&root.join("iam"), &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files(&o), ["./admin.json", "./generated/g.json"]);
    // `--exclude` adds to the file's globs.
    let o = lint_in(
        &root,
        &["iam", "--format", "json", "--exclude", "generated"],
    );
    assert_eq!(files(&o), ["iam/admin.json"]);
    // The file named is linted.
    let o = lint_in(&root, &["iam/legacy/old.json", "--format", "json"]);
    assert_eq!(files(&o), ["iam/legacy/old.json"]);
}

#[test]
fn a_selection_the_ignore_list_empties_is_an_error_naming_both() {
    let root = project("config-select-ignored");
    write(&root, "swfsim.toml", "ignore = [\"SWF303\", \"SWF401\"]\n");
    let o = lint_in(&root, &["iam/admin.json", "--select", "allow-all-swf"]);
    says(
        &o,
        2,
        "error: no rule to run: --select `SWF303` and ignore `SWF303`, `SWF401` (swfsim.toml) \
         leave none\n  = help: a rule both selected and ignored is not run",
    );
    assert_eq!(stdout(&o), "");
    write(
        &root,
        "swfsim.toml",
        "select = [\"SWF303\"]\nignore = [\"SWF303\"]\n",
    );
    let o = lint_in(&root.join("iam"), &["admin.json"]);
    says(
        &o,
        2,
        "error: no rule to run: select `SWF303` (../swfsim.toml) and ignore `SWF303` \
         (../swfsim.toml) leave none",
    );
    // A rule selected and not ignored runs: SWF401, a warning.
    let o = lint_in(
        &root,
        &["iam/admin.json", "--select", "SWF303", "--select", "SWF401"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("warning[SWF401]"), "{}", stdout(&o));
}
