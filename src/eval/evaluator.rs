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
use super::CompiledStatement;
use super::{
    action_matches, evaluate_in, resource_match_in, Detail, EvalRequest, Evaluation, MatchTrace,
    PolicySet, BRIEF, DEFERRED, FULL,
};
use crate::arn::ArnParts;
use crate::policy::Statement;

/// A policy set ready for many traced evaluations. Holds no global state: one per thread.
pub struct Evaluator<'s> {
    set: &'s PolicySet,
    /// Per (action, resource): which statements' Resource matched it, with the item.
    plans: PairMap<Plan>,
}

/// One statement's Action and Resource traces for a pair, or `None` for a Resource that reads
/// the request's values.
pub(super) type Planned = Option<(MatchTrace, MatchTrace)>;

/// What an [`Evaluator`] knows of a pair: only the statements whose Resource has an item that
/// matched it, so that a plan grows with the statements that can match, not with the set
/// (keeping every statement's two traces took 24 bytes a statement a pair: some 20 MB a thread
/// at 10,000 statements). The rest of a trace follows from the statement: Action's from the
/// action (`swf:StartWorkflowExecution`'s item each statement knows), and a Resource with no
/// item matched is a Resource that failed (a `NotResource` that let the statement through).
pub(crate) struct Plan {
    /// The statements without a policy variable in their Resource whose Resource has an item
    /// that matches the pair's resource, by their place in the order [`PolicySet::layers`]
    /// gives them, with the item; in order.
    found: Box<[(u32, u32)]>,
    /// The statements a brief or deferred evaluation visits, by their place, in order, with
    /// their traces: those whose Action and Resource both matched, and those whose Resource
    /// reads the request (the traces read from here: derived for each visit, as for a full
    /// evaluation, they cost 1.5% more instructions a brief line).
    pub(super) brief: Box<[(u32, Planned)]>,
}

impl Plan {
    /// The places it keeps (what it takes grows with them).
    #[cfg(test)]
    pub(super) fn places(&self) -> usize {
        self.found.len() + self.brief.len()
    }

    /// Reads the traces of statements taken in increasing places, for requests of `action`
    /// (the plan's).
    pub(super) fn reader<'p>(&'p self, action: &'p str) -> PlanReader<'p> {
        PlanReader {
            found: &self.found,
            next: 0,
            action,
            start: action == crate::request::ACTION,
        }
    }
}

/// [`Plan::reader`]: the statements' traces, asked for in increasing places.
pub(super) struct PlanReader<'p> {
    found: &'p [(u32, u32)],
    /// The first entry of `found` not passed yet.
    next: usize,
    action: &'p str,
    /// Whether `action` is `swf:StartWorkflowExecution`, whose item each statement knows
    /// (compared once, not for each statement).
    start: bool,
}

impl PlanReader<'_> {
    /// The traces of the statement at place `at` (no place before one asked already).
    #[inline]
    pub(super) fn planned(&mut self, at: usize, s: &Statement, c: &CompiledStatement) -> Planned {
        if c.resource_reads_variables {
            return None;
        }
        let mut item = None;
        while let Some(&(place, i)) = self.found.get(self.next) {
            if place as usize > at {
                break;
            }
            self.next += 1;
            if place as usize == at {
                item = Some(i as usize);
                break;
            }
        }
        let negated = s.resource.as_ref().is_some_and(|r| r.node.negated);
        // A statement without Resource has no item and is not negated: it fails, as
        // `resource_match_in` finds.
        let action = if self.start {
            MatchTrace::found(c.start_item, s.action.negated)
        } else {
            action_matches(s, c, self.action)
        };
        Some((action, MatchTrace::found(item, negated)))
    }
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

    /// [`evaluate_with`](crate::eval::evaluate_with)'s evaluation of `req`.
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

    /// The statements whose Resource matches the request's resource, and those a brief
    /// evaluation visits.
    pub(super) fn plan(&self, req: &EvalRequest<'_>) -> Plan {
        let arn = ArnParts::new(req.resource);
        let (mut found, mut brief) = (Vec::new(), Vec::new());
        // A plan of more than 2^32 statements could not be read (its JSON alone would pass
        // 8 GB): the places fit.
        let mut place = 0u32;
        for (_, policies) in self.set.layers() {
            for p in policies {
                for (s, c) in p.doc.statements.iter().zip(p.statements.iter()) {
                    if c.resource_reads_variables {
                        brief.push((place, None));
                    } else {
                        // No variable: the context is never read.
                        let resource = resource_match_in(s, &arn, req.context);
                        if let Some(item) = resource.item {
                            found.push((place, item));
                        }
                        let action = action_matches(s, c, req.action);
                        if resource.matched && action.matched {
                            brief.push((place, Some((action, resource))));
                        }
                    }
                    place = place.wrapping_add(1);
                }
            }
        }
        Plan {
            found: found.into(),
            brief: brief.into(),
        }
    }
}
