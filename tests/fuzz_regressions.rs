//! Inputs the fuzz targets (fuzz/) found, kept so the fixes stay fixed: every file in
//! tests/fuzz-regressions goes through what the targets run, and nothing panics.

mod common;
use swfsim::eval::{load, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{context_from_json, CallInputs, Principal, StartRequest};
use swfsim::swf::{simulate, RunIds, World};

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = common::root().join("tests/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        for kind in [PolicyKind::Identity, PolicyKind::Scp, PolicyKind::Rcp] {
            let _ = load(text, Default::default(), kind);
            let _ = swfsim::lint::lint(text, Default::default(), kind, &[]);
        }
        // The account export and org file readers, as `account_export` runs them.
        let _ = swfsim::inputs::org::levels(text, "111122223333");
        if let Ok(x) = swfsim::inputs::export::read(text) {
            let _ = swfsim::inputs::account::every_document(&x, text);
            for (arn, _) in swfsim::inputs::account::principals(&x) {
                if let Ok(p) = Principal::parse(arn) {
                    let _ = swfsim::inputs::account::caller(&x, text, &p);
                }
            }
        }
        if let Ok(json) = swfsim::json::parse(text) {
            let _ = context_from_json(&json);
            let _ = World::from_json(&json);
            if let Ok(r) = StartRequest::from_json(&json) {
                let call = CallInputs {
                    principal: Principal::parse("arn:aws:iam::123456789012:user/u")
                        .unwrap()
                        .into(),
                    region: "us-east-1".into(),
                    user_keys: vec![],
                    now: 0,
                    caller: Default::default(),
                };
                simulate(&r, &PolicySet::default(), &call, None, &mut RunIds::new(0));
            }
        }
        n += 1;
    }
    assert!(n >= 2);
}
