//! The reference workload (bench/workload.rs): the fast path decides every case as the traced
//! path does, and the mix of answers is the workload's (allows, explicit and implicit denies).

#[path = "../bench/workload.rs"]
mod workload;

use swfsim::eval::{decide, evaluate, Decision};

#[test]
fn fast_path_equals_traced_path_on_the_whole_workload() {
    let set = workload::policies();
    let mut counts = std::collections::HashMap::new();
    for c in workload::cases(100_000, 20_260_101) {
        let p = workload::prepare(&c);
        let req = p.request();
        let traced = evaluate(&set, &req).decision;
        assert_eq!(decide(&set, &req), traced, "{:?}", c.request);
        *counts.entry(traced).or_insert(0usize) += 1;
    }
    for d in [
        Decision::Allowed,
        Decision::ExplicitDeny,
        Decision::ImplicitDeny,
    ] {
        assert!(counts.get(&d).copied().unwrap_or(0) > 1_000, "{counts:?}");
    }
    assert_eq!(counts.get(&Decision::Unknown), None);
}
