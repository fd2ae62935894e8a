//! What policies can ever allow: exact comparison (`diff`) and property checks (`check`), each
//! answer with a witness request that the evaluator confirms.
//!
//! The space of StartWorkflowExecution requests has finitely many dimensions: the domain (its
//! region, account and name, which make the resource ARN), each condition key the policies read
//! (`swf:workflowType.name`, `.version`, `swf:taskList.name`, each `swf:tagList.member.N`, each
//! global key, the clock). Within one dimension, the policies' patterns, literals and constants
//! cut the values into finitely many classes that every condition treats alike: string classes
//! come from a product of pattern automata ([`automata`]), numbers, dates and addresses from
//! their breakpoints, presence from the key being absent. A class is kept only once per distinct
//! vector of condition results, with one example value.
//!
//! A depth-first search assigns one class per dimension, evaluating every statement in
//! three-valued logic (a condition on an unassigned dimension is unknown) with the layers and the
//! combination of [`crate::eval`]; as soon as the answer of every policy set is known on the
//! partial assignment, the whole region is decided: it is reported (with the constraints that
//! define it) or dropped. Each reported region's witness, a complete request, is run through
//! [`crate::swf::simulate`]; a disagreement stops the analysis as "unknown".
//!
//! Callers: without `principals`, the caller is an IAM user of the domain's account (any
//! account); a policy that reads the caller's name, ARN or type (conditions or `${...}`
//! variables) then needs the callers named. Regions range over SWF's regions of the partition.

// The modules, in the order an analysis goes through them.
// What an analysis looks for, the requests it covers, its bounds.
mod scope;
// The regions where SWF is offered.
mod aws_regions;
// The wall-clock budget.
mod budget;
// Why an analysis cannot answer exactly.
mod unknown;
// The passes of one caller: which keys AWS includes in each.
mod mode;
// How each condition key relates to the request space.
mod role;
// One caller's request space: the conditions that can apply, and its dimensions.
mod space;
// Dimensions and their classes of values.
mod class;
// String patterns as automata, and their product.
pub mod automata;
// Classes of strings.
mod strings;
// Candidate numbers, dates and addresses.
mod candidates;
// The dimension of a condition key, and the clock's.
mod key_dim;
// The domain dimension: region, account and name.
mod domain_dim;
// The depth-first search.
mod search;
// The witness of a region.
mod witness;
// Joining the regions found.
mod merge;
// Describing the classes a region spans.
mod describe;
// The answer: regions with their constraints and witnesses.
mod answer;
// The SPEC of `check`.
pub mod spec;

pub use answer::{Analysis, Constraint, Region};
pub use aws_regions::{swf_regions, SWF_PARTITIONS};
pub use scope::{Deadline, Goal, Scope, SEARCH_REGIONS};
pub use spec::Spec;
pub use unknown::Unknown;
pub use witness::Witness;

use crate::eval::PolicySet;
use crate::request::Principal;
use budget::Budget;
use describe::Describer;
use merge::merge;
use mode::{modes, Mode};
use search::Search;
use space::Space;

/// Runs an analysis: `Gained` and `Lost` compare `sets[0]` (old) with `sets[1]` (new); the
/// other goals look at `sets[0]` alone.
pub fn analyze(sets: &[&PolicySet], goal: Goal, scope: &Scope) -> Result<Analysis, Unknown> {
    let callers: Vec<Option<Principal>> = if scope.principals.is_empty() {
        vec![None]
    } else {
        scope.principals.iter().cloned().map(Some).collect()
    };
    let mut out = Analysis {
        regions: Vec::new(),
        truncated: false,
        dimensions: Vec::new(),
        classes: 0,
        nodes: 0,
        principals: scope.principals.iter().map(|p| p.arn.clone()).collect(),
        search_truncated: false,
    };
    let budget = Budget::new(scope.deadline);
    let cases = std::cell::OnceCell::new();
    let passes: Vec<(Option<Principal>, Mode)> = callers
        .into_iter()
        .flat_map(|caller| {
            modes(sets, caller.as_ref(), scope)
                .into_iter()
                .map(move |m| (caller.clone(), m))
        })
        .collect();
    if passes.is_empty() {
        return Err(Unknown {
            reason: "the SPEC's context fixes keys AWS never includes in one call".into(),
            help: Some(
                "a call carries aws:SourceIp or the VPC endpoint keys, not both; aws:username only for IAM users"
                    .into(),
            ),
        });
    }
    for (caller, mode) in passes {
        let space = Space::new(sets, caller, mode, scope, &cases, &budget)?;
        out.dimensions = space.dims.iter().map(|d| d.name.clone()).collect();
        out.classes = space.dims.iter().map(|d| d.classes.len()).sum();
        let mut search = Search {
            space: &space,
            goal,
            assigned: vec![None; space.dims.len()],
            sets: vec![None; space.dims.len()],
            nodes: 0,
            max_nodes: scope.max_nodes,
            max_regions: scope.search_regions.max(1),
            found: Vec::new(),
            truncated: false,
            run_ids: crate::swf::RunIds::new(1),
        };
        search.run(0)?;
        out.nodes += search.nodes;
        out.truncated |= search.truncated;
        out.search_truncated |= search.truncated;
        let mut describer = Describer::new(&space.dims);
        for raw in merge(search.found, &space.dims, &budget)? {
            let mut constraints: Vec<Constraint> = Vec::new();
            for (di, set) in raw.sets.iter().enumerate() {
                if let Some(set) = set {
                    constraints.push(describer.constraint(di, set, &budget)?);
                }
            }
            let caller = raw.witness.principal.arn.clone();
            let same = out
                .regions
                .iter_mut()
                .find(|r| r.constraints == constraints && r.decisions == raw.decisions);
            match same {
                Some(r) => {
                    if !r.callers.contains(&caller) {
                        r.callers.push(caller);
                    }
                }
                None => out.regions.push(Region {
                    constraints,
                    callers: vec![caller],
                    decisions: raw.decisions,
                    witness: raw.witness,
                }),
            }
        }
        if out.truncated {
            break;
        }
    }
    if out.regions.len() > scope.max_regions {
        out.regions.truncate(scope.max_regions);
        out.truncated = true;
    }
    Ok(out)
}
