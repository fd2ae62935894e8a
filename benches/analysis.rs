//! `cargo bench --bench analysis`: `diff` and `check` on the reference workload's policies
//! (20 statements over identity policies, a boundary and an SCP level), for its four callers.
//! Report medians; never assert times in tests.

#[path = "../bench/workload.rs"]
mod workload;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use swfsim::analysis::{analyze, Goal, Scope, Spec};
use swfsim::eval::load;
use swfsim::policy::PolicyKind;
use swfsim::request::Principal;

fn scope(spec: Spec) -> Scope {
    let users = ["alice", "bob", "carol", "dave"];
    Scope {
        principals: users
            .iter()
            .map(|u| Principal::parse(&format!("arn:aws:iam::111122223333:user/{u}")).unwrap())
            .collect(),
        spec,
        ..Scope::default()
    }
}

fn analysis(c: &mut Criterion) {
    let old = workload::policies();
    // The change under review: `prod*` task lists where `prod-*` stood.
    let mut new = workload::policies();
    let changed =
        include_str!("../bench/workload/identity-1.json").replace("\"prod-*\"", "\"prod*\"");
    new.identity.splice(
        0..old.identity.len().min(1),
        load(&changed, Default::default(), PolicyKind::Identity).unwrap(),
    );
    let mut g = c.benchmark_group("analysis");
    g.sample_size(20);
    g.bench_function("diff_gained_and_lost", |b| {
        b.iter(|| {
            let sets = [&old, &new];
            let gained = analyze(&sets, Goal::Gained, &scope(Spec::default())).unwrap();
            let lost = analyze(&sets, Goal::Lost, &scope(Spec::default())).unwrap();
            black_box((gained.regions.len(), lost.regions.len()))
        })
    });
    g.bench_function("check_must_not_allow_secret", |b| {
        let spec = Spec {
            domain: Some(vec!["secret*".into()]),
            ..Spec::default()
        };
        b.iter(|| black_box(analyze(&[&old], Goal::Allowed, &scope(spec.clone())).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
