//! The reference pre-flight workload: its four policy files (bench/workload/) and a seeded
//! generator of requests (domains, types, task lists, tags, principals and regions in fixed
//! proportions). Shared by `benches/decide.rs` and `tests/workload.rs`.
#![allow(dead_code)]

use swfsim::eval::{load, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{
    build_context, CallInputs, Context, Principal, StartRequest, WorkflowTypeRef, WorldFacts,
};

pub const ACCOUNT: &str = "111122223333";

pub fn policies() -> PolicySet {
    let l = |text: &str, kind| load(text, Default::default(), kind).expect("workload policy");
    PolicySet {
        identity: [
            l(
                include_str!("workload/identity-1.json"),
                PolicyKind::Identity,
            ),
            l(
                include_str!("workload/identity-2.json"),
                PolicyKind::Identity,
            ),
        ]
        .concat(),
        boundary: Some(l(
            include_str!("workload/boundary.json"),
            PolicyKind::Boundary,
        )),
        scps: vec![l(include_str!("workload/scp-root.json"), PolicyKind::Scp)],
        ..Default::default()
    }
}

/// SplitMix64: small, seeded, reproducible (also the integration tests' random cases).
pub struct Rng(pub u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const USERS: &[&str] = &["alice", "bob", "carol", "dave"];
const DOMAINS: &[&str] = &[
    "prod-eu",
    "prod-us",
    "dev-1",
    "test-x",
    "alice-sandbox",
    "bob-play",
    "shared",
    "team-red",
    "batch",
    "ops",
    "secret-vault",
    "misc",
];
const TASKLISTS: &[&str] = &[
    "prod-main",
    "prod-b",
    "dev-q",
    "alice-tl",
    "bob-tl",
    "carol-tl",
    "batch",
    "Batch",
    "ops-queue",
    "weird",
];
const NAMES: &[&str] = &["OrderFlow", "RefundFlow", "Report", "Nightly"];
const VERSIONS: &[&str] = &["1.0", "1.3", "2.1", "0.9", "9.9", "3.0"];
const TAGS: &[&str] = &[
    "team-a",
    "team-b",
    "team-a",
    "ops-1",
    "ops-2",
    "team-c",
    "ops-3",
    "forbidden",
    "legacy-x",
    "new",
];

/// One case: what `simulate` would be given.
pub struct Case {
    pub request: StartRequest,
    pub call: CallInputs,
}

pub fn case(rng: &mut Rng, i: usize) -> Case {
    let region = if rng.unit() < 0.9 {
        "us-east-1"
    } else {
        *rng.pick(&["eu-west-1", "ap-south-1"])
    };
    let account = if rng.unit() < 0.97 {
        ACCOUNT
    } else {
        "999988887777"
    };
    let n_tags = (rng.next() % 6) as usize;
    let tags: Vec<String> = (0..n_tags).map(|_| rng.pick(TAGS).to_string()).collect();
    let request = StartRequest {
        domain: Some((*rng.pick(DOMAINS)).into()),
        workflow_id: Some(format!("wf-{i}")),
        workflow_type: Some(WorkflowTypeRef {
            name: Some((*rng.pick(NAMES)).into()),
            version: Some((*rng.pick(VERSIONS)).into()),
        }),
        task_list: Some(Some((*rng.pick(TASKLISTS)).into())),
        tag_list: (!tags.is_empty()).then_some(tags),
        ..Default::default()
    };
    let principal = Principal::parse(&format!("arn:aws:iam::{account}:user/{}", *rng.pick(USERS)))
        .expect("principal");
    let time = *rng.pick(&["2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"]);
    let user_keys = vec![swfsim::request::UserKey {
        key: "aws:CurrentTime".into(),
        values: vec![time.into()],
        span: Default::default(),
    }];
    Case {
        request,
        call: CallInputs {
            principal: principal.into(),
            region: region.into(),
            user_keys,
            now: 0,
            caller: Default::default(),
        },
    }
}

/// A decision's inputs, built once: the domain ARN and the context.
pub struct Prepared {
    pub resource: String,
    pub principal: Principal,
    pub context: Context,
}

impl Prepared {
    /// The authorization question of this case.
    pub fn request(&self) -> swfsim::eval::EvalRequest<'_> {
        swfsim::eval::EvalRequest {
            action: swfsim::request::ACTION,
            resource: &self.resource,
            resource_account: ACCOUNT,
            principal: &self.principal,
            context: &self.context,
        }
    }
}

pub fn prepare(c: &Case) -> Prepared {
    let domain = c.request.domain.clone().unwrap_or_default();
    let account = c.call.principal.account.clone();
    Prepared {
        resource: format!("arn:aws:swf:{}:{account}:/domain/{domain}", c.call.region),
        principal: (*c.call.principal).clone(),
        context: build_context(&c.request, &c.call, &account, &WorldFacts::default()),
    }
}

pub fn cases(n: usize, seed: u64) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| case(&mut rng, i)).collect()
}
