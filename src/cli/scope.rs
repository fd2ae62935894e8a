//! What `diff` and `check` cover: the callers, regions and fixed keys of the flags and the
//! SPEC, and the search's bounds.

use super::args::AnalysisFlags;
use super::failure::Failure;
use swfsim::request::Principal;

/// The scope of an analysis: the flags' callers, regions and `--context` keys added to `spec`'s.
pub fn scope_of(
    f: &AnalysisFlags,
    mut spec: swfsim::analysis::Spec,
) -> Result<swfsim::analysis::Scope, Failure> {
    for kv in &f.context {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Failure(vec![format!(
                "error: --context `{kv}` is not KEY=VALUE"
            )]));
        };
        swfsim::analysis::spec::check_key(k, v)
            .map_err(|e| Failure(vec![format!("error: --context: {e}")]))?;
        match spec.context.iter().find(|(x, _)| x.eq_ignore_ascii_case(k)) {
            Some((_, old)) if old != v => {
                return Err(Failure(vec![format!(
                    "error: --context fixes `{k}` to `{v}`, the SPEC to `{old}`"
                )]))
            }
            Some(_) => {}
            None => spec.context.push((k.to_string(), v.to_string())),
        }
    }
    let mut principals = Vec::new();
    for p in f.principal.iter().chain(&spec.principals) {
        let parsed =
            Principal::parse(p).map_err(|e| Failure(vec![format!("error: principal: {e}")]))?;
        if !principals.iter().any(|x: &Principal| x.arn == parsed.arn) {
            principals.push(parsed);
        }
    }
    Ok(swfsim::analysis::Scope {
        principals,
        regions: (!f.region.is_empty()).then(|| f.region.clone()),
        spec,
        max_regions: f.max_regions.max(1),
        search_regions: swfsim::analysis::SEARCH_REGIONS,
        max_nodes: f.max_nodes,
        max_states: f.max_states,
        // One budget for the whole command (`diff` runs two searches).
        deadline: swfsim::analysis::Deadline::after(f.timeout),
    })
}
