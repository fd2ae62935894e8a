//! Reads the reference workload's JSON Lines and decides each case with iam-rs, as a whole
//! process: parse the line, build the request and its context, evaluate, write a JSON line.
//!
//! iam-rs evaluates one set of policies; the adapter combines the layers as IAM does (an
//! applicable Deny anywhere denies; identity, boundary and every SCP level must each allow).
//!
//! usage: iam-rs-adapter REQUESTS.jsonl --policy F... --boundary F --scp F
use iam_rs::{evaluate_policies, Arn, Context, ContextValue, Decision, IAMPolicy, IAMRequest, Principal, PrincipalId};
use std::io::{BufRead, Write};

fn load(path: &str) -> Vec<IAMPolicy> {
    let text = std::fs::read_to_string(path).expect("policy file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let docs = match v {
        serde_json::Value::Array(a) => a,
        one => vec![one],
    };
    docs.iter().map(|d| IAMPolicy::from_json(&d.to_string()).expect("iam-rs policy")).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let requests = &args[0];
    let (mut identity, mut boundary, mut scps) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 1;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--policy" => identity.extend(load(&args[i + 1])),
            "--boundary" => boundary.extend(load(&args[i + 1])),
            "--scp" => scps.push(load(&args[i + 1])),
            other => panic!("unknown flag {other}"),
        }
        i += 2;
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let file = std::io::BufReader::new(std::fs::File::open(requests).expect("requests"));
    for line in file.lines() {
        let line = line.expect("line");
        let case: serde_json::Value = serde_json::from_str(&line).expect("case");
        let r = &case["request"];
        let principal = case["principal"].as_str().unwrap_or_default();
        let account = principal.split(':').nth(4).unwrap_or_default();
        let region = case["region"].as_str().unwrap_or("us-east-1");
        let domain = r["domain"].as_str().unwrap_or_default();
        let mut cx = Context::new();
        let mut put = |k: &str, v: &str| {
            cx.insert(k.to_string(), ContextValue::String(v.to_string()));
        };
        put("aws:username", principal.rsplit('/').next().unwrap_or_default());
        put("aws:PrincipalArn", principal);
        put("aws:RequestedRegion", region);
        if let Some(t) = case["context"]["aws:CurrentTime"].as_str() {
            put("aws:CurrentTime", t);
        }
        if let Some(v) = r["workflowType"]["name"].as_str() {
            put("swf:workflowType.name", v);
        }
        if let Some(v) = r["workflowType"]["version"].as_str() {
            put("swf:workflowType.version", v);
        }
        if let Some(v) = r["taskList"]["name"].as_str() {
            put("swf:taskList.name", v);
        }
        if let Some(tags) = r["tagList"].as_array() {
            for (n, t) in tags.iter().enumerate() {
                put(&format!("swf:tagList.member.{n}"), t.as_str().unwrap_or_default());
            }
        }
        let resource = Arn::parse(&format!("arn:aws:swf:{region}:{account}:/domain/{domain}")).expect("arn");
        let req = IAMRequest::new_with_context(Principal::Aws(PrincipalId::String(principal.to_string())), "swf:StartWorkflowExecution", resource, cx);
        let decide = |ps: &[IAMPolicy]| evaluate_policies(ps, &req).unwrap_or(Decision::NotApplicable);
        let layers: Vec<Decision> = std::iter::once(decide(&identity))
            .chain((!boundary.is_empty()).then(|| decide(&boundary)))
            .chain(scps.iter().map(|l| decide(l)))
            .collect();
        let decision = if layers.contains(&Decision::Deny) {
            "explicitDeny"
        } else if layers.iter().all(|d| *d == Decision::Allow) {
            "allowed"
        } else {
            "implicitDeny"
        };
        writeln!(out, "{{\"decision\":\"{decision}\"}}").expect("write");
    }
}
