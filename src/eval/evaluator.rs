//! [`Evaluator`]: [`evaluate_with`] for many requests against one policy set, remembering how
//! each statement's Action and Resource went for each (action, resource) pair it meets.
//!
//! A traced evaluation records, for every statement, whether its Action let the action through
//! and whether its Resource matched the resource, with the item that decided. Both depend on the
//! action and the resource alone, unless a Resource item holds a policy variable, which reads
//! the request's context. The evaluator works them out once per pair and reads them from there
//! for each later request; a statement whose Resource has a variable is matched per request.
//! Everything else (Principal, conditions, layers, missing keys) is [`evaluate_with`]'s, so the
//! evaluation is the same; tests hold the two equal.
//!
//! A batch meets few pairs (the domains of one account): at most [`Evaluator::MAX_PLANS`] are
//! kept, and all are dropped when a new one would exceed that.

use super::pairs::{pair_hash, PairMap};
use super::{
    action_matches, evaluate_in, resource_match_in, Detail, EvalRequest, Evaluation, MatchTrace,
    PolicySet, BRIEF, DEFERRED, FULL,
};
use crate::arn::ArnParts;
use crate::policy::ResourceItem;

/// A policy set ready for many traced evaluations. Holds no global state: one per thread.
pub struct Evaluator<'s> {
    set: &'s PolicySet,
    /// Per (action, resource): per statement, in the order [`PolicySet::layers`] gives them,
    /// Action's and Resource's traces, or `None` for a Resource that reads the request's values.
    plans: PairMap<Plan>,
}

/// One statement's Action and Resource traces for a pair, when they do not depend on the request.
pub(super) type Planned = Option<(MatchTrace, MatchTrace)>;

/// What an [`Evaluator`] knows of a pair.
pub(crate) struct Plan {
    /// Per statement, in the order [`PolicySet::layers`] gives them.
    pub(super) each: Box<[Planned]>,
    /// The statements a brief or deferred evaluation visits, by their place in `each`, in
    /// order: those whose Action and Resource both matched, and those whose Resource reads the
    /// request.
    pub(super) brief: Box<[u32]>,
}

impl<'s> Evaluator<'s> {
    /// Plans kept at most.
    pub const MAX_PLANS: usize = 4096;

    /// Prepares `set` for evaluations.
    pub fn new(set: &'s PolicySet) -> Evaluator<'s> {
        Evaluator {
            set,
            plans: PairMap::new(Self::MAX_PLANS),
        }
    }

    /// The policy set.
    pub fn policies(&self) -> &'s PolicySet {
        self.set
    }

    /// [`evaluate_with`]'s evaluation of `req`.
    pub fn evaluate(&mut self, req: &EvalRequest<'_>, detail: Detail) -> Evaluation {
        match detail {
            Detail::Full => self.evaluate_in::<FULL>(req),
            Detail::Brief => self.evaluate_in::<BRIEF>(req),
            Detail::Deferred => self.evaluate_in::<DEFERRED>(req),
        }
    }

    /// [`Evaluator::evaluate`], one copy for each detail.
    #[inline]
    pub(crate) fn evaluate_in<const DETAIL: u8>(&mut self, req: &EvalRequest<'_>) -> Evaluation {
        let hash = pair_hash(req);
        if let Some(plan) = self.plans.get(hash, req) {
            return evaluate_in::<DETAIL>(self.set, req, Some(plan));
        }
        let plan = self.plan(req);
        self.plans.insert(hash, req, plan);
        evaluate_in::<DETAIL>(self.set, req, self.plans.get(hash, req))
    }

    /// Each statement's Action and Resource traces for the request's pair.
    fn plan(&self, req: &EvalRequest<'_>) -> Plan {
        let arn = ArnParts::new(req.resource);
        let mut matches = Vec::new();
        for (_, policies) in self.set.layers() {
            for p in policies {
                for (s, c) in p.doc.statements.iter().zip(&p.statements) {
                    let variables = s.resource.as_ref().is_some_and(|r| {
                        r.node.items.iter().any(|i| match &i.node {
                            ResourceItem::Arn(p) => p.has_variables(),
                            ResourceItem::Any => false,
                        })
                    });
                    matches.push((!variables).then(|| {
                        // No variable: the context is never read.
                        let resource = resource_match_in(s, &arn, req.context);
                        (action_matches(s, c, req.action), resource)
                    }));
                }
            }
        }
        // A plan of more than 2^32 statements could not be read (its JSON alone would pass
        // 8 GB): the places fit.
        let brief = (0u32..)
            .zip(&matches)
            .filter(|(_, m)| m.is_none_or(|(a, r)| a.matched && r.matched))
            .map(|(i, _)| i)
            .collect();
        Plan {
            each: matches.into(),
            brief,
        }
    }
}
