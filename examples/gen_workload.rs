//! Writes the reference workload to a folder: the four policy files and N requests as JSON Lines
//! in the batch form of `docs/contract.md` ("A batch"); the requests come from
//! `bench/workload.rs`'s seeded generator.
//!
//! usage: cargo run --release --example gen_workload -- OUT_DIR [N] [SEED]
//!
//! SEED (default 20260101, the benchmark's) draws other requests of the same kinds: bench/pgo.sh
//! trains on such a workload, not on the requests it is measured with.
#[path = "../bench/workload.rs"]
mod workload;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/workload".into()));
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_260_101);
    std::fs::create_dir_all(&out)?;
    for (name, text) in [
        (
            "identity-1.json",
            include_str!("../bench/workload/identity-1.json"),
        ),
        (
            "identity-2.json",
            include_str!("../bench/workload/identity-2.json"),
        ),
        (
            "boundary.json",
            include_str!("../bench/workload/boundary.json"),
        ),
        (
            "scp-root.json",
            include_str!("../bench/workload/scp-root.json"),
        ),
    ] {
        std::fs::write(out.join(name), text)?;
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("requests.jsonl"))?);
    for c in workload::cases(n, seed) {
        let r = &c.request;
        let t = r.workflow_type.clone().unwrap_or_default();
        let mut req = serde_json::json!({
            "domain": r.domain, "workflowId": r.workflow_id,
            "workflowType": {"name": t.name, "version": t.version},
            "taskList": {"name": r.task_list_name()},
        });
        if let Some(tags) = &r.tag_list {
            req["tagList"] = serde_json::json!(tags);
        }
        let line = serde_json::json!({
            "request": req,
            "principal": c.call.principal.arn,
            "region": c.call.region,
            "context": {"aws:CurrentTime": c.call.user_keys[0].values[0]},
        });
        writeln!(f, "{line}")?;
    }
    Ok(())
}
