//! `cargo bench`: library speed on the reference workload and the managed-policy corpus.
//! Report medians; never assert times in tests.

#[path = "../bench/workload.rs"]
mod workload;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use swfsim::eval::{decide, evaluate};
use swfsim::policy::PolicyKind;

fn decisions(c: &mut Criterion) {
    let set = workload::policies();
    let cases = workload::cases(10_000, 20_260_101);
    let prepared: Vec<workload::Prepared> = cases.iter().map(workload::prepare).collect();
    let mut g = c.benchmark_group("workload");
    g.throughput(Throughput::Elements(prepared.len() as u64));
    g.bench_function("decide", |b| {
        b.iter(|| {
            for p in &prepared {
                let req = p.request();
                black_box(decide(&set, &req));
            }
        })
    });
    // One decider across iterations: after the first, its plans (one per domain ARN) are made.
    let mut decider = swfsim::eval::Decider::new(&set);
    g.bench_function("decider", |b| {
        b.iter(|| {
            for p in &prepared {
                let req = p.request();
                black_box(decider.decide(&req));
            }
        })
    });
    g.finish();
    // The same decisions over 100 of those requests: their contexts stay in cache, as in a batch
    // run, where each context is built, decided and dropped. Over 10,000 prepared contexts a
    // decision waits on memory for most of its time.
    let mut g = c.benchmark_group("workload_in_cache");
    let hot = &prepared[..100];
    g.throughput(Throughput::Elements(hot.len() as u64));
    g.bench_function("decide", |b| {
        b.iter(|| {
            for p in hot {
                black_box(decide(&set, &p.request()));
            }
        })
    });
    g.bench_function("decider", |b| {
        b.iter(|| {
            for p in hot {
                black_box(decider.decide(&p.request()));
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("workload");
    g.throughput(Throughput::Elements(prepared.len() as u64));
    g.bench_function("evaluate_traced", |b| {
        b.iter(|| {
            for p in &prepared {
                let req = p.request();
                black_box(evaluate(&set, &req));
            }
        })
    });
    g.bench_function("build_context", |b| {
        b.iter(|| {
            for c in &cases {
                black_box(workload::prepare(c));
            }
        })
    });
    g.finish();
}

fn corpus(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/aws-managed");
    let texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let mut g = c.benchmark_group("managed_corpus");
    g.sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("parse_and_compile", texts.len()),
        &texts,
        |b, t| {
            b.iter(|| {
                for x in t {
                    black_box(
                        swfsim::eval::load(x, Default::default(), PolicyKind::Identity).is_ok(),
                    );
                }
            })
        },
    );
    g.bench_with_input(BenchmarkId::new("lint", texts.len()), &texts, |b, t| {
        b.iter(|| {
            for x in t {
                black_box(
                    swfsim::lint::lint(x, Default::default(), PolicyKind::Identity, &[]).len(),
                );
            }
        })
    });
    g.finish();
}

criterion_group!(benches, decisions, corpus);
criterion_main!(benches);
