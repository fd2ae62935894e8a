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
    // `DECIDER=1`: through a `Decider` (plans remembered per action and resource).
    let mut decider = std::env::var_os("DECIDER").map(|_| swfsim::eval::Decider::new(&set));
    let mut allowed = 0;
    for _ in 0..rounds {
        for p in &prepared {
            let req = p.request();
            let d = match &mut decider {
                Some(d) => d.decide(&req),
                None => decide(&set, &req),
            };
            allowed += usize::from(d == swfsim::eval::Decision::Allowed);
        }
    }
    println!("{allowed}");
}
