//! `check` and `diff` never prove what is false: every "never", "always" and "nothing new" the
//! analysis answers for random policy pairs is replayed against `simulate` on a grid of requests
//! built from every literal and pattern the policies use (each region, each domain pattern's
//! witness, each key value), with resources that span partitions, regions and accounts.
//!
//! `cargo test --release --test analysis_differential` replays 20,000 pairs (`.ci/run` does), a
//! debug build 1,000; `SWFSIM_DIFFERENTIAL_PAIRS=N` sets the number.

mod common;

use common::{set, Rng};
use swfsim::analysis::{analyze, Goal, Scope};
use swfsim::eval::{self, Decision, Detail, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{CallInputs, Principal, StartRequest, WorkflowTypeRef};
use swfsim::source::SourceId;
use swfsim::swf::{simulate_with, RunIds};

/// What a generated policy is made of: every word goes into the grid.
const PARTITIONS: &[&str] = &["aws", "aws", "aws", "aws-cn", "aws-us-gov", "*"];
const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "us-west-2",
    "cn-north-1",
    "us-gov-west-1",
    "*",
    "us-*",
    "??-west-?",
    "eu-*",
    "*-1",
];
const ACCOUNTS: &[&str] = &["111122223333", "444455556666", "*", "1111*", "4444????6666"];
const DOMAINS: &[&str] = &[
    "prod",
    "dev",
    "ab",
    "a*",
    "*",
    "?b*",
    "p*",
    "d?v",
    "${aws:username}",
    "${aws:username}-*",
];
const NAMES: &[&str] = &["build", "deploy", "b*", "*y"];

/// The callers of a scope naming one caller per partition.
const NAMED: &[&str] = &[
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws-cn:iam::444455556666:user/prod",
    "arn:aws-us-gov:iam::111122223333:user/dev",
];

/// The literals and patterns a pair of policies uses, by what they stand for.
#[derive(Default)]
struct Words {
    regions: Vec<&'static str>,
    accounts: Vec<&'static str>,
    domains: Vec<&'static str>,
    names: Vec<&'static str>,
}

fn note(list: &mut Vec<&'static str>, word: &'static str) -> &'static str {
    if !list.contains(&word) {
        list.push(word);
    }
    word
}

fn word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    words[rng.below(words.len())]
}

fn resource(rng: &mut Rng, w: &mut Words) -> String {
    if rng.chance(8) {
        return rng
            .pick(&["*", "arn:aws:swf:*:*:*", "arn:*:swf:*:*:/domain/*"])
            .to_string();
    }
    format!(
        "arn:{}:swf:{}:{}:/domain/{}",
        rng.pick(PARTITIONS),
        note(&mut w.regions, word(rng, REGIONS)),
        note(&mut w.accounts, word(rng, ACCOUNTS)),
        note(&mut w.domains, word(rng, DOMAINS))
    )
}

fn condition(rng: &mut Rng, w: &mut Words) -> String {
    let op = *rng.pick(&[
        "StringEquals",
        "StringLike",
        "StringNotEquals",
        "StringNotLike",
        "StringEqualsIgnoreCase",
    ]);
    let (key, values, list): (&str, &[&'static str], _) = match rng.below(4) {
        0 => ("aws:RequestedRegion", REGIONS, &mut w.regions),
        1 => ("aws:ResourceAccount", ACCOUNTS, &mut w.accounts),
        2 => ("aws:PrincipalAccount", ACCOUNTS, &mut w.accounts),
        _ => ("swf:workflowType.name", NAMES, &mut w.names),
    };
    let n = 1 + rng.below(2);
    let vals: Vec<String> = (0..n)
        .map(|_| format!("\"{}\"", note(list, word(rng, values))))
        .collect();
    format!(r#""{op}": {{"{key}": [{}]}}"#, vals.join(","))
}

fn policy(rng: &mut Rng, w: &mut Words) -> String {
    let statements: Vec<String> = (0..1 + rng.below(3))
        .map(|_| {
            let effect = if rng.chance(30) { "Deny" } else { "Allow" };
            let action = *rng.pick(&[
                r#""Action": "swf:StartWorkflowExecution""#,
                r#""Action": "swf:Start*""#,
                r#""NotAction": "swf:List*""#,
            ]);
            let items: Vec<String> = (0..1 + rng.below(3))
                .map(|_| format!("\"{}\"", resource(rng, w)))
                .collect();
            let element = if rng.chance(15) {
                "NotResource"
            } else {
                "Resource"
            };
            let cond = if rng.chance(40) {
                format!(r#", "Condition": {{{}}}"#, condition(rng, w))
            } else {
                String::new()
            };
            format!(
                r#"{{"Effect": "{effect}", {action}, "{element}": [{}]{cond}}}"#,
                items.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        statements.join(",")
    )
}

/// An identity policy, and sometimes a permissions boundary or an SCP level beside it; the
/// texts for a failure's message.
fn layered(rng: &mut Rng, w: &mut Words) -> Option<(PolicySet, String)> {
    let text = policy(rng, w);
    let mut s = set(&text)?;
    let mut shown = format!("identity {text}");
    if rng.chance(20) {
        let t = policy(rng, w);
        s.boundary = Some(eval::load(&t, SourceId(0), PolicyKind::Boundary).ok()?);
        shown += &format!("\n  boundary {t}");
    }
    if rng.chance(20) {
        let t = policy(rng, w);
        s.scps
            .push(eval::load(&t, SourceId(0), PolicyKind::Scp).ok()?);
        shown += &format!("\n  scp {t}");
    }
    Some((s, shown))
}

/// A value matching an IAM pattern: each `*` as `star`, each `?` as `q`.
fn witness(pattern: &str, star: &str) -> String {
    pattern.replace('*', star).replace('?', "q")
}

/// Every literal and each pattern's witnesses, plus one value nothing names.
fn grid_values(words: &[&str], fresh: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        for star in ["", "x", "-west-"] {
            let v = witness(w, star);
            if !v.is_empty() && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out.push(fresh.to_string());
    out
}

/// The requests of the grid: each caller, each of its partition's regions the policies name
/// or match (and one they do not), each domain and workflow type name.
struct Grid {
    callers: Vec<Principal>,
    regions: Vec<String>,
    domains: Vec<String>,
    names: Vec<String>,
}

impl Grid {
    fn new(named: bool, w: &Words) -> Grid {
        let callers: Vec<String> = if named {
            NAMED.iter().map(|c| c.to_string()).collect()
        } else {
            // An IAM user of the domain's account: each account the policies name or match,
            // and one they do not.
            grid_values(&w.accounts, "999988887777")
                .into_iter()
                .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
                .map(|a| format!("arn:aws:iam::{a}:user/alice"))
                .collect()
        };
        let callers: Vec<Principal> = callers
            .iter()
            .map(|c| Principal::parse(c).unwrap())
            .collect();
        let mut domains = Vec::new();
        for d in &w.domains {
            for c in &callers {
                let v = d.replace("${aws:username}", c.arn.rsplit('/').next().unwrap());
                for v in grid_values(&[&v], "zz") {
                    if !domains.contains(&v) && !swfsim::swf::name_problem(&v) {
                        domains.push(v);
                    }
                }
            }
        }
        domains.push("zz".into());
        Grid {
            callers,
            regions: grid_values(&w.regions, "ap-south-1"),
            domains,
            names: grid_values(&w.names, "other"),
        }
    }

    fn regions(&self, caller: &Principal) -> Vec<String> {
        let all = swfsim::analysis::swf_regions(&caller.partition);
        let mut out: Vec<String> = all
            .iter()
            .filter(|r| self.regions.iter().any(|n| n == *r))
            .map(|r| r.to_string())
            .collect();
        if let Some(r) = all.iter().find(|r| !self.regions.iter().any(|n| n == *r)) {
            out.push(r.to_string());
        }
        out
    }

    /// Calls `f` with each request's caller, region, domain and type name, and the decisions.
    fn each(&self, sets: &[&PolicySet], f: &mut dyn FnMut(&str, &[bool])) {
        for caller in &self.callers {
            for region in self.regions(caller) {
                for domain in &self.domains {
                    for name in &self.names {
                        let request = StartRequest {
                            domain: Some(domain.clone()),
                            workflow_id: Some("w".into()),
                            workflow_type: Some(WorkflowTypeRef {
                                name: Some(name.clone()),
                                version: Some("1".into()),
                            }),
                            ..Default::default()
                        };
                        let call = CallInputs {
                            principal: caller.clone().into(),
                            region: region.clone(),
                            user_keys: Vec::new(),
                            now: 1_780_000_000,
                            caller: Default::default(),
                        };
                        let decisions: Vec<bool> = sets
                            .iter()
                            .map(|s| {
                                let r = simulate_with(
                                    &request,
                                    s,
                                    &call,
                                    None,
                                    &mut RunIds::new(1),
                                    Detail::Brief,
                                );
                                let d = r.decision.expect("grid requests are valid");
                                assert_ne!(
                                    d,
                                    Decision::Unknown,
                                    "{}",
                                    request_label(caller, &region, domain, name)
                                );
                                d == Decision::Allowed
                            })
                            .collect();
                        f(&request_label(caller, &region, domain, name), &decisions);
                    }
                }
            }
        }
    }
}

fn request_label(caller: &Principal, region: &str, domain: &str, name: &str) -> String {
    format!(
        "{} in {region}: domain `{domain}`, type `{name}`",
        caller.arn
    )
}

fn scope(named: bool) -> Scope {
    Scope {
        principals: if named {
            NAMED.iter().map(|c| Principal::parse(c).unwrap()).collect()
        } else {
            Vec::new()
        },
        regions: None,
        max_nodes: 200_000,
        ..Scope::default()
    }
}

/// Whether a request's old and new decisions (allowed or not) refute a claim.
type Refutes = fn(bool, bool) -> bool;

/// Checks every proof the analysis gives for one pair against the grid; returns how many
/// proofs were replayed.
fn replay(label: &str, a: &PolicySet, b: &PolicySet, named: bool, words: &Words) -> usize {
    let sc = scope(named);
    let grid = Grid::new(named, words);
    let proved = |sets: &[&PolicySet], goal| match analyze(sets, goal, &sc) {
        Ok(found) => found.regions.is_empty() && !found.truncated,
        Err(u) => {
            assert!(!u.reason.starts_with("internal"), "{u}\n{label}");
            false
        }
    };
    // "Nothing new", "nothing lost", "never allowed", "always allowed".
    let claims = [
        proved(&[a, b], Goal::Gained),
        proved(&[a, b], Goal::Lost),
        proved(&[b], Goal::Allowed),
        proved(&[b], Goal::Denied),
    ];
    if !claims.iter().any(|&c| c) {
        return 0;
    }
    // Each claim, and what a request refuting it looks like.
    let refutes: [(&str, Refutes); 4] = [
        (
            "diff proved nothing new, but the new set allows",
            |old, new| !old && new,
        ),
        (
            "diff proved nothing lost, but the new set denies",
            |old, new| old && !new,
        ),
        (
            "check proved never allowed, but simulate allows",
            |_, new| new,
        ),
        (
            "check proved always allowed, but simulate denies",
            |_, new| !new,
        ),
    ];
    grid.each(&[a, b], &mut |request, d| {
        for (claim, (what, refuted)) in claims.iter().zip(&refutes) {
            assert!(
                !(*claim && refuted(d[0], d[1])),
                "{what} {request}\n{label}"
            );
        }
    });
    claims.iter().filter(|&&c| c).count()
}

fn pairs() -> usize {
    std::env::var("SWFSIM_DIFFERENTIAL_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        // Thousands either way: an optimised build (`.ci/run` runs this file with `--release`)
        // replays 20,000 pairs in under a minute, a debug build 1,000 in about as long.
        .unwrap_or(if cfg!(debug_assertions) {
            1_000
        } else {
            20_000
        })
}

/// The reported case: an Allow over domains of two regions is neither "never" nor "nothing new".
#[test]
fn a_resource_list_across_regions_is_never_proved_denied() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "swf:StartWorkflowExecution",
        "Resource": ["arn:aws:swf:us-east-1:123456789012:/domain/prod",
                     "arn:aws:swf:eu-west-1:123456789012:/domain/dev"]}]}"#;
    let deny_all = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
        "Action": "*", "Resource": "*"}]}"#;
    let (a, b) = (set(deny_all).unwrap(), set(text).unwrap());
    let sc = scope(false);
    let never = analyze(&[&b], Goal::Allowed, &sc).unwrap();
    assert!(!never.regions.is_empty(), "proved never");
    let gained = analyze(&[&a, &b], Goal::Gained, &sc).unwrap();
    assert!(!gained.regions.is_empty(), "proved nothing new");
}

/// Thousands of random pairs spanning partitions, regions and accounts: no false proof.
#[test]
fn check_and_diff_never_prove_what_simulate_refutes() {
    let mut rng = Rng(20_261_207);
    let (mut cases, mut replayed) = (0, 0);
    for case in 0..pairs() {
        let mut words = Words::default();
        let (old, new) = (layered(&mut rng, &mut words), layered(&mut rng, &mut words));
        let (Some((a, old)), Some((b, new))) = (old, new) else {
            continue;
        };
        cases += 1;
        let named = rng.chance(30);
        let label = format!("case {case} (named callers: {named})\nold {old}\nnew {new}");
        replayed += replay(&label, &a, &b, named, &words);
    }
    // The generator must give proofs to replay, or the test shows nothing.
    assert!(cases > pairs() / 2, "{cases} cases");
    assert!(
        replayed > cases / 4,
        "only {replayed} proofs in {cases} cases"
    );
}
