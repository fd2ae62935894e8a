//! The paths `lint` is given: one it cannot read is a finding (SWF001 at line 1, column 1) and
//! exit 2, and every other file is still linted; a folder without a `.json` file is a warning.

mod common;
use common::{json, scratch, stderr, stdout, swfsim, write};

/// Two policies with security warnings (SWF305, SWF304), a missing file between them.
const FILES: [&str; 3] = [
    "policies/e5-optional-task-list.json",
    "policies/nope.json",
    "policies/e6-first-tag-only-insecure.json",
];

#[test]
fn a_missing_path_is_a_finding_and_the_other_files_are_still_linted() {
    for fail_on in ["security-warning", "none"] {
        let o = swfsim(
            &[
                &["lint", "--format", "json", "--fail-on", fail_on][..],
                &FILES,
            ]
            .concat(),
        );
        assert_eq!(
            o.status.code(),
            Some(2),
            "--fail-on {fail_on}: {}",
            stderr(&o)
        );
        assert_eq!(
            stderr(&o),
            "error: cannot read `policies/nope.json`: No such file or directory (os error 2)\n"
        );
        let findings = json(&o)["findings"].as_array().unwrap().clone();
        let at = |f: &serde_json::Value| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap()
            )
        };
        let places: Vec<String> = findings.iter().map(at).collect();
        assert!(
            places.contains(&"policies/e5-optional-task-list.json:10:17 SWF305".to_string()),
            "{places:?}"
        );
        assert!(
            places.contains(&"policies/nope.json:1:1 SWF001".to_string()),
            "{places:?}"
        );
        assert!(
            places
                .iter()
                .any(|p| p.starts_with("policies/e6-first-tag-only-insecure.json:")),
            "{places:?}"
        );
        // In the order given.
        let missing = places
            .iter()
            .position(|p| p.starts_with("policies/nope.json"))
            .unwrap();
        assert!(
            places[..missing]
                .iter()
                .all(|p| p.starts_with("policies/e5")),
            "{places:?}"
        );
        let f = &findings[missing];
        assert_eq!(
            f["message"],
            "cannot read the file: No such file or directory (os error 2)"
        );
        assert_eq!(f["severity"], "error");
    }

    let o = swfsim(&[&["lint", "--format", "sarif"][..], &FILES].concat());
    assert_eq!(o.status.code(), Some(2));
    let sarif = json(&o);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"policies/e5-optional-task-list.json"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"policies/e6-first-tag-only-insecure.json"),
        "{uris:?}"
    );
    let missing = &results[uris
        .iter()
        .position(|u| *u == "policies/nope.json")
        .unwrap()];
    assert_eq!(missing["ruleId"], "SWF001");
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startColumn"],
        1
    );

    let o = swfsim(&[&["lint"][..], &FILES].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("policies/nope.json:1:1: error[SWF001]: cannot read the file: No such file or directory (os error 2)"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("policies/e5-optional-task-list.json:10:17: security-warning[SWF305]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_missing_path_is_reported_whatever_select_and_suppressions_say() {
    let o = swfsim(&[
        "lint",
        "policies/nope.json",
        "--select",
        "SWF305",
        "--suppress",
        "SWF001:policies/*:generated later",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let findings = json(&o)["findings"].clone();
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    assert_eq!(findings[0]["code"], "SWF001");
    assert_eq!(findings[0].get("suppressed"), None);
}

#[test]
fn a_folder_without_a_json_file_is_a_warning() {
    let dir = scratch("lint-no-json");
    let empty = dir.join("empty");
    let notes = dir.join("notes");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::create_dir_all(notes.join("deeper")).unwrap();
    write(&notes, "README.md", "policies live elsewhere");
    let (empty, notes) = (empty.to_str().unwrap(), notes.to_str().unwrap());

    let o = swfsim(&["lint", empty, notes, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "{\"findings\":[]}\n");
    assert_eq!(
        stderr(&o),
        format!(
            "warning: `{empty}` holds no .json policy file\nwarning: `{notes}` holds no .json policy file\n"
        )
    );

    let o = swfsim(&["lint", empty, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["runs"][0]["results"], serde_json::json!([]));

    // Beside a policy, the findings decide the exit as ever.
    let o = swfsim(&["lint", empty, "policies/e5-optional-task-list.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("warning: `{empty}` holds no .json policy file\n")
    );

    // A folder with a policy file deeper down says nothing.
    let o = swfsim(&["lint", "policies", "--fail-on", "none"]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
}
