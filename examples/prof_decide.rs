//! A profiling driver: decides the reference workload repeatedly (for perf / callgrind).
#[path = "../bench/workload.rs"]
mod workload;
use swfsim::eval::decide;

fn main() {
    let set = workload::policies();
    let prepared: Vec<workload::Prepared> = workload::cases(
        std::env::var("N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000),
        1,
    )
    .iter()
    .map(workload::prepare)
    .collect();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut allowed = 0;
    for _ in 0..rounds {
        for p in &prepared {
            let req = p.request();
            allowed += usize::from(decide(&set, &req) == swfsim::eval::Decision::Allowed);
        }
    }
    println!("{allowed}");
}
