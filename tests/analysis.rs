//! The analysis behind `diff` and `check` against brute force: random policies, random and
//! exhaustive requests, each decided by the simulator.

use swfsim::analysis::{analyze, Goal, Scope, Spec};
use swfsim::eval::{self, Decision, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{CallInputs, Principal, StartRequest, UserKey, WorkflowTypeRef};
use swfsim::source::{SourceId, Span};

mod common;
use common::{set, Rng};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const REGIONS: &[&str] = &["us-east-1", "eu-west-1"];
const VALUES: &[&str] = &["a", "ab", "abc", "AB", "b", "alice", "alice-x", "xy", "x-y"];
const PATTERNS: &[&str] = &[
    "a*",
    "ab",
    "A?",
    "b",
    "${aws:username}",
    "${aws:username}-*",
    "x*y",
    "*",
    "?b*",
];

fn resource(rng: &mut Rng) -> String {
    let r = *rng.pick(&[
        "*",
        "arn:aws:swf:*:111122223333:/domain/a*",
        "arn:aws:swf:us-east-1:111122223333:/domain/ab",
        "arn:aws:swf:*:*:/domain/${aws:username}*",
        "arn:aws:swf:eu-west-1:*:*",
        "arn:aws:swf:*:111122223333:/domain/?b*",
        // `?` in the first segments: one character of its segment, never a colon.
        "arn:aws:swf:??-west-?:111122223333:/domain/a*",
        "arn:aws:swf:us-east-1?111122223333:/domain/ab",
        "arn:aws:swf:us-east-?*",
        "arn:aws:swf:*?111122223333:/domain/*",
        // Other partitions and accounts than the caller's: never the caller's domains.
        "arn:aws-cn:swf:*:111122223333:/domain/a*",
        "arn:*:swf:us-*:444455556666:/domain/*",
        "arn:aws:swf:eu-*:1111????3333:/domain/ab",
    ]);
    if rng.chance(20) {
        format!(r#""NotResource": "{r}""#)
    } else {
        format!(r#""Resource": "{r}""#)
    }
}

fn condition(rng: &mut Rng) -> String {
    let string_keys = [
        "swf:taskList.name",
        "swf:workflowType.name",
        "swf:workflowType.version",
        "swf:tagList.member.0",
        "swf:tagList.member.1",
        "aws:ResourceTag/team",
    ];
    let ops = [
        "StringEquals",
        "StringLike",
        "StringNotLike",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringLikeIfExists",
        "StringNotEqualsIfExists",
        "ForAnyValue:StringLike",
        "ForAllValues:StringEquals",
    ];
    match rng.below(10) {
        0 => format!(
            r#""Null": {{"{}": "{}"}}"#,
            rng.pick(&string_keys),
            rng.pick(&["true", "false"])
        ),
        1 => format!(
            r#""{}": {{"aws:SourceIp": "{}"}}"#,
            rng.pick(&["IpAddress", "NotIpAddress"]),
            rng.pick(&["10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32"])
        ),
        2 => format!(
            r#""{}": {{"aws:CurrentTime": "{}"}}"#,
            rng.pick(&["DateLessThan", "DateGreaterThanEquals"]),
            rng.pick(&["2027-01-01T00:00:00Z", "2026-06-01T12:00:00Z"])
        ),
        3 => format!(
            r#""{}": {{"aws:MultiFactorAuthAge": "{}"}}"#,
            rng.pick(&["NumericLessThan", "NumericGreaterThanEqualsIfExists"]),
            rng.pick(&["300", "3600"])
        ),
        // `aws:ExampleUnlistedKey` stands for a global key the catalogue does not list yet.
        5 => format!(
            r#""{}": {{"aws:RequestedRegion": "{}"}}"#,
            rng.pick(&["StringEquals", "StringNotLike"]),
            rng.pick(&["eu-west-1", "us-*"])
        ),
        4 => format!(
            r#""Bool": {{"{}": "{}"}}"#,
            rng.pick(&["aws:SecureTransport", "aws:ExampleUnlistedKey"]),
            rng.pick(&["true", "false"])
        ),
        _ => {
            let n = 1 + rng.below(2);
            let vals: Vec<String> = (0..n)
                .map(|_| format!("\"{}\"", rng.pick(PATTERNS)))
                .collect();
            format!(
                r#""{}": {{"{}": [{}]}}"#,
                rng.pick(&ops),
                rng.pick(&string_keys),
                vals.join(",")
            )
        }
    }
}

fn policy(rng: &mut Rng, statements: usize) -> String {
    let mut out = Vec::new();
    for _ in 0..statements {
        let effect = if rng.chance(30) { "Deny" } else { "Allow" };
        let action = *rng.pick(&[
            r#""Action": "swf:StartWorkflowExecution""#,
            r#""Action": "swf:*""#,
            r#""NotAction": "swf:List*""#,
        ]);
        let conds: Vec<String> = (0..rng.below(3)).map(|_| condition(rng)).collect();
        let cond = if conds.is_empty() {
            String::new()
        } else {
            format!(r#", "Condition": {{{}}}"#, conds.join(","))
        };
        out.push(format!(
            r#"{{"Effect": "{effect}", {action}, {}{cond}}}"#,
            resource(rng)
        ));
    }
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        out.join(",")
    )
}

/// A request and what goes with it.
#[derive(Clone, Debug)]
struct Point {
    domain: String,
    name: String,
    version: String,
    task_list: Option<String>,
    tags: Vec<String>,
    region: String,
    context: Vec<(String, String)>,
    now: i64,
    /// Signed with temporary credentials.
    temporary: bool,
}

/// A request as AWS could carry it: a source address, or a VPC endpoint's keys instead; with
/// temporary credentials, whether MFA was used and, only then, its age (the "Availability" of
/// each key on AWS's global condition keys page).
fn random_point(rng: &mut Rng) -> Point {
    let mut context = Vec::new();
    if rng.chance(70) {
        let ip = *rng.pick(&[
            "10.1.2.3",
            "192.168.1.9",
            "192.168.2.1",
            "2001:db8::1",
            "::1",
        ]);
        context.push(("aws:SourceIp".to_string(), ip.to_string()));
    } else {
        context.push(("aws:SourceVpce".to_string(), "vpce-1a2b3c4d".to_string()));
    }
    let temporary = rng.chance(50);
    if temporary {
        let mfa = rng.chance(50);
        context.push(("aws:MultiFactorAuthPresent".to_string(), mfa.to_string()));
        if mfa {
            let age = *rng.pick(&["10", "300", "299.5", "5000"]);
            context.push(("aws:MultiFactorAuthAge".to_string(), age.to_string()));
        }
    }
    if rng.chance(50) {
        let key = *rng.pick(&["true", "false"]);
        context.push(("aws:ExampleUnlistedKey".to_string(), key.to_string()));
    }
    let secure = *rng.pick(&["true", "false"]);
    context.push(("aws:SecureTransport".to_string(), secure.to_string()));
    if rng.chance(50) {
        context.push((
            "aws:ResourceTag/team".to_string(),
            rng.pick(VALUES).to_string(),
        ));
    }
    let ntags = rng.below(3);
    Point {
        temporary,
        domain: rng.pick(VALUES).to_string(),
        name: rng.pick(VALUES).to_string(),
        version: rng.pick(VALUES).to_string(),
        task_list: rng.chance(80).then(|| rng.pick(VALUES).to_string()),
        tags: (0..ntags).map(|_| rng.pick(VALUES).to_string()).collect(),
        region: rng.pick(REGIONS).to_string(),
        context,
        now: *rng.pick(&[1_780_000_000, 1_800_000_000, 1_796_169_600]),
    }
}

fn allowed(set: &PolicySet, p: &Point) -> bool {
    allowed_as(set, p, ALICE)
}

fn allowed_as(set: &PolicySet, p: &Point, caller: &str) -> bool {
    let request = StartRequest {
        domain: Some(p.domain.clone()),
        workflow_id: Some("w".into()),
        workflow_type: Some(WorkflowTypeRef {
            name: Some(p.name.clone()),
            version: Some(p.version.clone()),
        }),
        task_list: p.task_list.clone().map(Some),
        tag_list: (!p.tags.is_empty()).then(|| p.tags.clone()),
        ..Default::default()
    };
    let call = CallInputs {
        principal: Principal::parse(caller).unwrap().into(),
        region: p.region.clone(),
        user_keys: p
            .context
            .iter()
            .map(|(k, v)| UserKey {
                key: k.clone(),
                values: vec![v.clone()],
                span: Span::default(),
            })
            .collect(),
        now: p.now,
        caller: swfsim::request::CallerFacts {
            credentials: Some(if p.temporary {
                swfsim::request::Credentials::Temporary
            } else {
                swfsim::request::Credentials::LongTerm
            }),
            ..Default::default()
        },
    };
    let r = swfsim::swf::simulate(&request, set, &call, None, &mut swfsim::swf::RunIds::new(1));
    let d = r.decision.expect("the sample passes validation");
    assert_ne!(d, Decision::Unknown, "{p:?}");
    d == Decision::Allowed
}

fn scope(spec: Spec) -> Scope {
    Scope {
        principals: vec![Principal::parse(ALICE).unwrap()],
        regions: Some(REGIONS.iter().map(|s| s.to_string()).collect()),
        spec,
        ..Scope::default()
    }
}

/// The SPEC of one point (as close as a SPEC gets: a missing task list or key stays free).
fn pinned(p: &Point) -> Spec {
    let mut context = p.context.clone();
    context.push((
        "aws:CurrentTime".into(),
        swfsim::request::format_time(p.now),
    ));
    Spec {
        domain: Some(vec![p.domain.clone()]),
        type_name: Some(vec![p.name.clone()]),
        type_version: Some(vec![p.version.clone()]),
        task_list: p.task_list.clone().map(|t| vec![t]),
        tag_list: Some(p.tags.clone()),
        principals: Vec::new(),
        regions: Some(vec![p.region.clone()]),
        context,
    }
}

/// Runs `diff` on a pair, then samples requests (each as one of `callers`): every sample the
/// two sets disagree on must lie in a region `diff` reports; the first `narrow` are also looked
/// for with the analysis narrowed to the sample (named caller `ALICE` only). Returns how many
/// samples disagreed. `label` names the pair in failures.
#[allow(clippy::too_many_arguments)]
fn differences_are_found(
    label: &str,
    a: &PolicySet,
    b: &PolicySet,
    scope: &Scope,
    rng: &mut Rng,
    samples: usize,
    callers: &[&str],
    narrow: usize,
) -> usize {
    let sets = [a, b];
    let gained = analyze(&sets, Goal::Gained, scope).unwrap_or_else(|u| panic!("{u}\n{label}"));
    let lost = analyze(&sets, Goal::Lost, scope).unwrap();
    let mut differing = 0;
    for _ in 0..samples {
        let p = random_point(rng);
        let caller = *rng.pick(callers);
        let (x, y) = (allowed_as(a, &p, caller), allowed_as(b, &p, caller));
        if x == y {
            continue;
        }
        differing += 1;
        let (goal, found) = if y {
            (Goal::Gained, &gained)
        } else {
            (Goal::Lost, &lost)
        };
        assert!(
            !found.regions.is_empty(),
            "{caller} {p:?} differs ({x} -> {y}), diff found nothing\n{label}"
        );
        // Narrowing costs a search; a few per pair cover the property.
        if differing <= narrow {
            let narrowed = analyze(&sets, goal, &self::scope(pinned(&p))).unwrap();
            assert!(
                !narrowed.regions.is_empty(),
                "no region holds {p:?}\n{label}"
            );
        }
    }
    differing
}

/// Whenever sampling finds a request two random sets disagree on, `diff` reports a region, and
/// the analysis narrowed to that request finds one too; when `diff` finds no region, no sample
/// disagrees (that is the same statement read backwards, checked on every pair).
#[test]
fn diff_reports_every_difference_random_sampling_finds() {
    let mut rng = Rng(20_261_125);
    let mut differing = 0;
    for case in 0..120 {
        let n = 1 + rng.below(3);
        let old = policy(&mut rng, n);
        let n = 1 + rng.below(3);
        let new = policy(&mut rng, n);
        let (Some(a), Some(b)) = (set(&old), set(&new)) else {
            continue;
        };
        let label = format!("case {case}\nold {old}\nnew {new}");
        let sc = scope(Spec::default());
        differing += differences_are_found(&label, &a, &b, &sc, &mut rng, 150, &[ALICE], 3);
    }
    // The generator must produce disagreements, or the test proves nothing.
    assert!(differing > 200, "only {differing} differing samples");
}

/// `check` over a SPEC that lists literals is a finite grid: it must agree with deciding every
/// request of the grid.
#[test]
fn check_agrees_with_exhaustive_evaluation_over_a_grid() {
    let mut rng = Rng(7);
    let mut proved = [0, 0];
    for case in 0..150 {
        let n = 2 + rng.below(3);
        let text = policy(&mut rng, n);
        let Some(s) = set(&text) else {
            continue;
        };
        let pick2 = |rng: &mut Rng| -> Vec<String> {
            let a = rng.pick(VALUES).to_string();
            let b = rng.pick(VALUES).to_string();
            if a == b {
                vec![a]
            } else {
                vec![a, b]
            }
        };
        let domains = pick2(&mut rng);
        let names = pick2(&mut rng);
        let versions = pick2(&mut rng);
        let task_lists = pick2(&mut rng);
        let tags: Vec<String> = (0..rng.below(3))
            .map(|_| rng.pick(VALUES).to_string())
            .collect();
        let base = random_point(&mut rng);
        let mut spec = pinned(&base);
        spec.domain = Some(domains.clone());
        spec.type_name = Some(names.clone());
        spec.type_version = Some(versions.clone());
        spec.task_list = Some(task_lists.clone());
        spec.tag_list = Some(tags.clone());
        spec.regions = Some(REGIONS.iter().map(|r| r.to_string()).collect());
        // Keys the SPEC cannot fix stay free: fix them all through the base point's context.
        let (mut all, mut none) = (true, true);
        for d in &domains {
            for n in &names {
                for v in &versions {
                    for t in &task_lists {
                        for r in REGIONS {
                            let mut p = base.clone();
                            p.domain = d.clone();
                            p.name = n.clone();
                            p.version = v.clone();
                            p.task_list = Some(t.clone());
                            p.tags = tags.clone();
                            p.region = r.to_string();
                            let a = allowed(&s, &p);
                            all &= a;
                            none &= !a;
                        }
                    }
                }
            }
        }
        // Keys the base point lacks are free in the SPEC: only a proof over the grid when the
        // policies read none of them. The grid answer must then match exactly; otherwise the
        // analysis covers more requests, so a proof implies the grid answer.
        let free = [
            "aws:SourceIp",
            "aws:MultiFactorAuthAge",
            "aws:ResourceTag/team",
            "aws:ExampleUnlistedKey",
        ]
        .iter()
        .any(|k| !base.context.iter().any(|(x, _)| x == k) && text.contains(k));
        let must_allow = analyze(&[&s], Goal::Denied, &scope(spec.clone()))
            .unwrap_or_else(|u| panic!("case {case}: {u}\n{text}"));
        let must_not = analyze(&[&s], Goal::Allowed, &scope(spec.clone())).unwrap();
        let (ma, mn) = (must_allow.regions.is_empty(), must_not.regions.is_empty());
        if free {
            assert!(
                !ma || all,
                "case {case}: proved all allowed, grid disagrees\n{text}"
            );
            assert!(
                !mn || none,
                "case {case}: proved none allowed, grid disagrees\n{text}"
            );
        } else {
            assert_eq!(ma, all, "case {case}: must-allow\n{text}\n{spec:?}");
            assert_eq!(mn, none, "case {case}: must-not-allow\n{text}\n{spec:?}");
        }
        proved[0] += usize::from(ma);
        proved[1] += usize::from(mn);
    }
    // Both answers occur, or the comparison is vacuous.
    assert!(proved[0] > 5 && proved[1] > 5, "{proved:?}");
}

/// Every witness is a request on which the evaluator gives the region's decisions.
#[test]
fn every_witness_evaluates_as_its_region_claims() {
    let mut rng = Rng(99);
    let mut seen = 0;
    for _ in 0..60 {
        let (old, new) = (policy(&mut rng, 3), policy(&mut rng, 3));
        let (Some(a), Some(b)) = (set(&old), set(&new)) else {
            continue;
        };
        for goal in [Goal::Gained, Goal::Lost] {
            let found = analyze(&[&a, &b], goal, &scope(Spec::default())).unwrap();
            for r in &found.regions {
                seen += 1;
                let w = &r.witness;
                let p = Point {
                    domain: w.request.domain.clone().unwrap(),
                    name: w
                        .request
                        .workflow_type
                        .as_ref()
                        .unwrap()
                        .name
                        .clone()
                        .unwrap(),
                    version: w
                        .request
                        .workflow_type
                        .as_ref()
                        .unwrap()
                        .version
                        .clone()
                        .unwrap(),
                    task_list: w.request.task_list.clone().flatten(),
                    tags: w.request.tag_list.clone().unwrap_or_default(),
                    region: w.region.clone(),
                    context: w.context.clone(),
                    now: w.now,
                    temporary: w.credentials.is_some(),
                };
                let want = goal == Goal::Gained;
                assert_eq!(allowed(&a, &p), !want, "{p:?}");
                assert_eq!(allowed(&b, &p), want, "{p:?}");
            }
        }
    }
    assert!(seen > 20, "{seen}");
}

/// An Allow on one domain in one region, checked over two regions and two names: the one
/// allowed request and the three denied ones are different classes, and the example of the
/// denied class is a request of that class (its name goes with its region), not a name found in
/// one region shown in another.
#[test]
fn a_class_example_keeps_its_name_with_its_region() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "swf:StartWorkflowExecution",
        "Resource": "arn:aws:swf:us-east-1:111122223333:/domain/ab"}]}"#;
    let s = set(text).unwrap();
    let spec = Spec {
        domain: Some(vec!["ab".into(), "abc".into()]),
        ..Spec::default()
    };
    let denied = analyze(&[&s], Goal::Denied, &scope(spec.clone())).unwrap();
    assert_eq!(denied.regions.len(), 1, "{denied:?}");
    let granted = analyze(&[&s], Goal::Allowed, &scope(spec)).unwrap();
    assert_eq!(granted.regions.len(), 1, "{granted:?}");
    for (found, want) in [(&denied, false), (&granted, true)] {
        let w = &found.regions[0].witness;
        let p = Point {
            domain: w.request.domain.clone().unwrap(),
            name: "n".into(),
            version: "1".into(),
            task_list: None,
            tags: Vec::new(),
            region: w.region.clone(),
            context: Vec::new(),
            now: 1_780_000_000,
            temporary: false,
        };
        assert_eq!(allowed(&s, &p), want, "{w:?}");
    }
}

/// A `?` in the first five segments of an ARN pattern matches one character of its segment,
/// never a colon, in the analysis as in the evaluator: with four colons, the `?` that would
/// stand for the colon after the region leaves the pattern matching no domain.
#[test]
fn a_question_mark_before_the_resource_part_takes_no_colon() {
    let allow = |resource: &str| {
        set(&format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow",
            "Action": "swf:StartWorkflowExecution", "Resource": "{resource}"}}]}}"#
        ))
        .unwrap()
    };
    let spec = Spec {
        domain: Some(vec!["ab".into()]),
        ..Spec::default()
    };
    let none = allow("arn:aws:swf:us-east-1?111122223333:/domain/ab");
    let found = analyze(&[&none], Goal::Allowed, &scope(spec.clone())).unwrap();
    assert!(found.regions.is_empty(), "{found:?}");
    let one = allow("arn:aws:swf:us-east-?:111122223333:/domain/ab");
    let found = analyze(&[&one], Goal::Allowed, &scope(spec)).unwrap();
    assert_eq!(found.regions.len(), 1, "{found:?}");
    assert_eq!(found.regions[0].witness.region, "us-east-1");
}

/// Without named callers the account is explored: a condition on the caller's account must
/// find the one account that passes, whatever the resource patterns say of accounts.
#[test]
fn an_account_condition_without_named_callers_finds_its_account() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:*:/domain/*",
        "Condition": {"StringEquals": {"aws:PrincipalAccount": "999988887777"}}}]}"#;
    let s = set(text).unwrap();
    let scope = Scope {
        regions: Some(vec!["us-east-1".into()]),
        ..Scope::default()
    };
    let found = analyze(&[&s], Goal::Allowed, &scope).unwrap();
    assert_eq!(found.regions.len(), 1, "{found:?}");
    assert_eq!(found.regions[0].witness.principal.account, "999988887777");
    let denied = analyze(&[&s], Goal::Denied, &scope).unwrap();
    assert!(!denied.regions.is_empty());
    assert_ne!(denied.regions[0].witness.principal.account, "999988887777");
}

/// Without named callers (policies that do not read who calls), the analysis covers every
/// account: a disagreement sampled for callers of three accounts is found.
#[test]
fn diff_without_named_callers_finds_differences_in_any_account() {
    let callers = [
        "arn:aws:iam::111122223333:user/u",
        "arn:aws:iam::999988887777:user/u",
        "arn:aws:iam::123456789012:user/u",
    ];
    let mut rng = Rng(424_242);
    let mut differing = 0;
    for case in 0..80 {
        let mut texts = Vec::new();
        for _ in 0..2 {
            let n = 1 + rng.below(3);
            let mut t = policy(&mut rng, n);
            t = t.replace("${aws:username}", "alice");
            if rng.chance(40) {
                // A condition on the caller's account, which the analysis then explores.
                t = t.replacen(
                    r#""Effect": "Allow","#,
                    r#""Effect": "Allow", "Condition": {"StringLike": {"aws:PrincipalAccount": "9999*"}},"#,
                    1,
                );
            }
            texts.push(t);
        }
        let (Some(a), Some(b)) = (set(&texts[0]), set(&texts[1])) else {
            continue;
        };
        let scope = Scope {
            regions: Some(REGIONS.iter().map(|s| s.to_string()).collect()),
            ..Scope::default()
        };
        let label = format!("case {case}\nold {}\nnew {}", texts[0], texts[1]);
        differing += differences_are_found(&label, &a, &b, &scope, &mut rng, 100, &callers, 0);
    }
    assert!(differing > 100, "only {differing} differing samples");
}

/// A set whose policies sit in random layers: identity, boundary, an SCP level, session.
fn layered(rng: &mut Rng) -> Option<(PolicySet, String)> {
    let mut set = PolicySet::default();
    let mut shown = Vec::new();
    let load = |text: &str, kind| eval::load(text, SourceId(0), kind).ok();
    let n = 1 + rng.below(2);
    let identity = policy(rng, n);
    set.identity = load(&identity, PolicyKind::Identity)?;
    shown.push(format!("identity {identity}"));
    if rng.chance(40) {
        let n = 1 + rng.below(2);
        let t = policy(rng, n);
        set.boundary = Some(load(&t, PolicyKind::Boundary)?);
        shown.push(format!("boundary {t}"));
    }
    if rng.chance(40) {
        let n = 1 + rng.below(2);
        let t = policy(rng, n);
        set.scps.push(load(&t, PolicyKind::Scp)?);
        shown.push(format!("scp {t}"));
    }
    if rng.chance(25) {
        let t = policy(rng, 1);
        set.session = load(&t, PolicyKind::Session)?;
        shown.push(format!("session {t}"));
    }
    Some((set, shown.join("\n")))
}

/// The same property as above with boundaries, SCP levels and session policies in play: the
/// three-valued combination of layers must prune nothing that differs.
#[test]
fn diff_finds_differences_across_policy_layers() {
    let mut rng = Rng(77_001);
    let mut differing = 0;
    for case in 0..80 {
        let (Some((a, ta)), Some((b, tb))) = (layered(&mut rng), layered(&mut rng)) else {
            continue;
        };
        let label = format!("case {case}\nold {ta}\nnew {tb}");
        let sc = scope(Spec::default());
        differing += differences_are_found(&label, &a, &b, &sc, &mut rng, 100, &[ALICE], 0);
    }
    assert!(differing > 100, "only {differing} differing samples");
}
