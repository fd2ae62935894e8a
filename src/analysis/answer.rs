//! The answer of an analysis: regions of requests, each with its constraints and witness.

use super::witness::Witness;
use crate::eval::Decision;

/// One dimension's constraint in a region.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraint {
    /// `domain`, a condition key, or `clock` (`aws:CurrentTime` and `aws:EpochTime`).
    pub dimension: String,
    /// The key may be absent.
    pub absent: bool,
    /// The key may be present (with a value passing `holds`, `fails`, `anyOf`).
    pub present: bool,
    /// Patterns or tests every value of the region passes.
    pub holds: Vec<String>,
    /// Patterns or tests every value of the region fails.
    pub fails: Vec<String>,
    /// Patterns of which every value of the region matches at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    /// For the domain: the regions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// One example value per class of values the region spans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// A set of requests on which every policy set's answer is the same, with a witness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The constraints that define it (dimensions not listed are free).
    pub constraints: Vec<Constraint>,
    /// The callers it holds for.
    pub callers: Vec<String>,
    /// Each policy set's decision on the witness (the whole region is allowed or not alike).
    pub decisions: Vec<Decision>,
    /// The witness.
    pub witness: Witness,
}

/// The answer of an analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The regions found, disjoint, in search order.
    pub regions: Vec<Region>,
    /// The search stopped at `max_regions`: there may be more.
    pub truncated: bool,
    /// The search stopped at its own limit of regions before merging them
    /// ([`Scope::search_regions`](super::Scope::search_regions)): the list is incomplete and
    /// its regions need not be the fewest.
    pub search_truncated: bool,
    /// The dimensions the policies depend on.
    pub dimensions: Vec<String>,
    /// Classes across all dimensions (for the last caller analysed).
    pub classes: usize,
    /// Search nodes visited.
    pub nodes: usize,
    /// The callers covered (empty: any IAM user of the domain's account).
    pub principals: Vec<String>,
}
