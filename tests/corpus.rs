//! The AWS managed policy corpus (tests/corpus, MIT-licensed package; see NOTICE.md).

use std::path::Path;
use swfsim::eval::{self, evaluate, EvalRequest, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{
    build_context, CallInputs, Principal, StartRequest, WorkflowTypeRef, WorldFacts, ACTION,
};
use swfsim::source::SourceMap;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/aws-managed");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_aws_managed_policy_parses_and_compiles() {
    let files = corpus();
    assert_eq!(files.len(), 1594);
    let mut sources = SourceMap::new();
    let mut failures = Vec::new();
    for (name, text) in &files {
        let id = sources.add(name.clone(), text.clone());
        if let Err(errs) = eval::load(text, id, PolicyKind::Identity) {
            for e in errs {
                failures.push(format!(
                    "{name}:{}: {e} ({:?})",
                    sources.line_col(id, e.span),
                    e.help
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn our_reader_agrees_with_serde_json_on_the_corpus() {
    for (name, text) in corpus() {
        let ours = swfsim::json::parse(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_serde();
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs, "{name}");
    }
}

#[test]
fn swf_relevant_managed_policies_decide_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let tsv = std::fs::read_to_string(dir.join("swf/expectations.tsv")).unwrap();
    let request = StartRequest {
        domain: Some("ExampleDomain".into()),
        workflow_id: Some("w".into()),
        workflow_type: Some(WorkflowTypeRef {
            name: Some("T".into()),
            version: Some("1".into()),
        }),
        ..Default::default()
    };
    let principal = Principal::parse("arn:aws:iam::123456789012:user/u").unwrap();
    let call = CallInputs {
        principal: principal.clone().into(),
        region: "us-east-1".into(),
        user_keys: vec![],
        now: 1_795_608_000,
        caller: Default::default(),
    };
    let context = build_context(&request, &call, "123456789012", &WorldFacts::default());
    let resource = "arn:aws:swf:us-east-1:123456789012:/domain/ExampleDomain";
    let mut checked = 0;
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, want) = (cols[0], cols[1]);
        let text = std::fs::read_to_string(dir.join(format!("aws-managed/{name}.json"))).unwrap();
        let set = PolicySet {
            identity: eval::load(&text, Default::default(), PolicyKind::Identity).unwrap(),
            ..Default::default()
        };
        let req = EvalRequest {
            action: ACTION,
            resource,
            resource_account: "123456789012",
            principal: &principal,
            context: &context,
        };
        let got = evaluate(&set, &req).decision;
        let want = match want {
            "Allow" => "allowed",
            "ExplicitDeny" | "Deny" | "explicitDeny" => "explicitDeny",
            _ => "implicitDeny",
        };
        assert_eq!(got.as_str(), want, "{name}: {line}");
        assert_eq!(eval::decide(&set, &req), got, "{name}: fast path");
        checked += 1;
    }
    assert_eq!(checked, 25);
}

/// `check --must-not-allow {}` on each SWF-relevant managed policy: it can ever allow a start
/// exactly when the expectations say it allows one, or that a context key would make it allow.
/// The one policy whose Deny compares a resource tag with `${aws:PrincipalTag/...}` (a variable
/// tying two parts of the request) is answered unknown, never proved.
#[test]
fn the_analysis_finds_which_managed_policies_can_ever_allow_a_start() {
    use swfsim::analysis::{analyze, Goal, Scope};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let tsv = std::fs::read_to_string(dir.join("swf/expectations.tsv")).unwrap();
    let mut verdicts = [0; 3];
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, decision, context_needed) = (cols[0], cols[1], cols[4]);
        let text = std::fs::read_to_string(dir.join(format!("aws-managed/{name}.json"))).unwrap();
        let set = PolicySet {
            identity: eval::load(&text, Default::default(), PolicyKind::Identity).unwrap(),
            ..Default::default()
        };
        // A key AWS never includes in a StartWorkflowExecution call cannot make it allow
        // (`aws:IsMcpServiceAction` is true only for the MCP service's own actions).
        let never = context_needed
            .split_once('=')
            .and_then(|(k, _)| swfsim::keys::lookup(k))
            .is_some_and(|g| g.availability == swfsim::keys::Availability::NeverForSwf);
        let can_allow = decision == "Allow" || (context_needed != "-" && !never);
        match analyze(&[&set], Goal::Allowed, &Scope::default()) {
            Ok(a) => {
                assert_eq!(!a.regions.is_empty(), can_allow, "{name}");
                verdicts[usize::from(can_allow)] += 1;
            }
            Err(u) => {
                assert_eq!(
                    name, "SageMakerStudioProjectUserRolePermissionsBoundary",
                    "{u}"
                );
                assert!(u.reason.contains("variable"), "{u}");
                verdicts[2] += 1;
            }
        }
    }
    assert_eq!(verdicts, [20, 4, 1]);
}
