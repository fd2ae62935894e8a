//! [`Decider`]: [`decide`] for many requests against one policy set, remembering what depends
//! only on the action and the resource.
//!
//! Whether a statement's Action lets an action through depends on the action alone, and whether
//! a Resource item without policy variables matches, on the resource ARN alone. For each
//! (action, resource) pair it meets, the decider works out once, layer by layer, which
//! statements can still apply: a *plan*. A request then looks at those statements only: their
//! Principal (RCPs), their conditions, and, for a statement none of whose plain Resource items
//! matched but which has one with a variable, that Resource again with the request's values
//! (an item with a variable has its part through the fifth colon, and the literal text its
//! resource part starts with, decided in the plan: an item they fail is dropped, and a lone one
//! they leave open is matched from where that text ends). The layers and their combination are
//! [`decide`]'s. Tests hold the two to the same answers.
//!
//! Pre-flight runs meet few pairs (the domains of one account), so plans are few; at most
//! [`Decider::MAX_PLANS`] are kept, and all are dropped when a new one would exceed that.

use super::pairs::{pair_hash, PairMap};
use super::{
    action_matches_known, combine, conditions_hold, cross_account, decide, principal_applies,
    resource_match_in, resource_reads_unknown, CompiledStatement, Decision, EvalRequest, Layer,
    PolicySet, Truth, Visit,
};
use crate::arn::{ArnParts, Fixed};
use crate::condition::Lookup;
use crate::pattern::{Template, Variable};
use crate::policy::{Effect, ResourceItem, Statement};

/// A policy set ready for many decisions. Holds no global state: one per thread.
pub struct Decider<'s> {
    set: &'s PolicySet,
    /// Every statement, layer after layer, as [`PolicySet::layers`] orders them.
    statements: Vec<(&'s Statement, &'s CompiledStatement)>,
    /// Each layer and where its statements end in `statements`.
    layers: Vec<(Layer, usize)>,
    /// Plans by (action, resource).
    plans: PairMap<Plan<'s>>,
}

/// The statements that can apply to one (action, resource) pair.
struct Plan<'s> {
    /// Layer after layer, in statement order.
    candidates: Box<[Candidate<'s>]>,
    /// Where each layer's candidates end.
    ends: Box<[usize]>,
}

#[derive(Clone, Copy)]
struct Candidate<'s> {
    /// Index into [`Decider::statements`].
    statement: u32,
    /// The statement's conditions.
    conditions: &'s [crate::condition::CompiledCondition],
    /// A Deny statement (else an Allow).
    deny: bool,
    /// What of its Resource is left to the request's values (policy variables).
    resource: PerRequest<'s>,
    /// It has a Principal to match (RCPs).
    principal: bool,
}

impl<'s> Decider<'s> {
    /// Plans kept at most.
    pub const MAX_PLANS: usize = 4096;

    /// Prepares `set` for decisions.
    pub fn new(set: &'s PolicySet) -> Decider<'s> {
        let mut statements = Vec::new();
        let mut layers = Vec::new();
        for (layer, policies) in set.layers() {
            for p in policies {
                statements.extend(p.doc.statements.iter().zip(p.statements.iter()));
            }
            layers.push((layer, statements.len()));
        }
        Decider {
            set,
            statements,
            layers,
            plans: PairMap::new(Self::MAX_PLANS),
        }
    }

    /// [`decide`]'s answer for `req`.
    pub fn decide(&mut self, req: &EvalRequest<'_>) -> Decision {
        let hash = pair_hash(req);
        if let Some(plan) = self.plans.get(hash, req) {
            return self.run(plan, req);
        }
        match self.plan(req) {
            Some(plan) => {
                self.plans.insert(hash, req, plan);
                match self.plans.get(hash, req) {
                    Some(plan) => self.run(plan, req),
                    None => decide(self.set, req),
                }
            }
            None => decide(self.set, req),
        }
    }

    /// Decides along a plan: each layer's candidates in turn, combined as [`decide`] combines.
    fn run(&self, plan: &Plan<'s>, req: &EvalRequest<'_>) -> Decision {
        let arn = ArnParts::new(req.resource);
        // `combine` asks for the layers in the plan's order, each once.
        let (mut start, mut ends) = (0, plan.ends.iter());
        let layer = |_: Layer, need_allow: bool| {
            let end = ends.next().copied().unwrap_or(start);
            let candidates = plan.candidates.get(start..end).unwrap_or_default();
            start = end;
            // The layer's candidates as `decide` walks a layer's statements.
            let (mut allow, mut deny) = (Truth::False, Truth::False);
            for c in candidates {
                let applies = || {
                    let scope = if !matches!(c.resource, PerRequest::No) || c.principal {
                        self.scope_applies(c, &arn, req)
                    } else {
                        Truth::True
                    };
                    match scope {
                        Truth::False => Truth::False,
                        Truth::True => conditions_hold(c.conditions, req.context),
                        Truth::Unknown => {
                            Truth::all([Truth::Unknown, conditions_hold(c.conditions, req.context)])
                        }
                    }
                };
                if c.deny {
                    match applies() {
                        Truth::True => return (allow, Truth::True),
                        Truth::Unknown => deny = Truth::Unknown,
                        Truth::False => {}
                    }
                } else if need_allow && allow != Truth::True {
                    allow = Truth::any([allow, applies()]);
                }
            }
            (allow, deny)
        };
        combine(
            self.layers.iter().map(|&(l, _)| l),
            req.principal.is_root(),
            cross_account(req).is_some(),
            Visit::UntilDeny,
            layer,
        )
        .decision
    }

    /// Whether the candidate's Resource and Principal let it apply to the request, when the plan
    /// left them to the request's values.
    #[inline(never)]
    fn scope_applies(&self, c: &Candidate<'s>, arn: &ArnParts<'_>, req: &EvalRequest<'_>) -> Truth {
        let (s, _) = self.statements[c.statement as usize];
        let resource = match c.resource {
            PerRequest::No => Truth::True,
            // A variable whose value is not known: the whole Resource, in three values.
            _ if req.context.has_partial() && resource_reads_unknown(s, req.context) => {
                resource_match_in(s, arn, req.context).truth()
            }
            PerRequest::Rest {
                template,
                first,
                offset,
                negated,
            } => match req.resource.get(offset..) {
                Some(rest) => {
                    let lookup = |v: &Variable| req.context.single_var(v);
                    Truth::from_bool(template.matches_after_with(first, lookup, rest) != negated)
                }
                None => resource_match_in(s, arn, req.context).truth(),
            },
            PerRequest::Whole => resource_match_in(s, arn, req.context).truth(),
        };
        let principal = if c.principal {
            principal_applies(s, req.principal, req.context)
        } else {
            Truth::True
        };
        Truth::all([resource, principal])
    }

    /// The plan of the request's pair; `None` past four billion statements.
    fn plan(&self, req: &EvalRequest<'_>) -> Option<Plan<'s>> {
        let arn = ArnParts::new(req.resource);
        let start = req.action == crate::request::ACTION;
        let mut candidates = Vec::new();
        let mut ends = Vec::with_capacity(self.layers.len());
        let mut from = 0;
        for &(_, end) in &self.layers {
            for (i, &(s, c)) in self.statements[from..end].iter().enumerate() {
                if !action_matches_known(s, c, req.action, start) {
                    continue;
                }
                let resource = match resource_plan(s, &arn) {
                    ResourcePlan::Decided(false) => continue,
                    ResourcePlan::Decided(true) => PerRequest::No,
                    ResourcePlan::Left(left) => left,
                };
                // Four billion statements: plan nothing, decide as `decide` does.
                let statement = u32::try_from(from + i).ok()?;
                candidates.push(Candidate {
                    statement,
                    conditions: &c.conditions,
                    deny: s.effect.node == Effect::Deny,
                    resource,
                    principal: s.principal.is_some(),
                });
            }
            ends.push(candidates.len());
            from = end;
        }
        Some(Plan {
            candidates: candidates.into(),
            ends: ends.into(),
        })
    }
}

/// What a statement's Resource (or NotResource) is left to the request's values, in a plan.
#[derive(Clone, Copy)]
enum PerRequest<'s> {
    /// Nothing: the plan's ARN lets the statement apply.
    No,
    /// One item with variables whose part through the fifth colon, and the literal text its
    /// resource part starts with, matched the plan's ARN: it applies when the resource part's
    /// parts from `first` on, variables substituted, match the ARN's text from `offset`, or (a
    /// NotResource) when they do not.
    Rest {
        template: &'s Template,
        first: usize,
        offset: usize,
        negated: bool,
    },
    /// Anything else: the whole Resource is matched per request.
    Whole,
}

/// [`resource_plan`]'s answer.
enum ResourcePlan<'s> {
    /// The statement applies to the ARN (or not) whatever the request's values.
    Decided(bool),
    /// It depends on them so.
    Left(PerRequest<'s>),
}

/// Whether a statement's Resource (or NotResource) lets it apply to the ARN, as
/// `resource_match_in` answers, when that does not depend on the request's values; else what
/// is left to them: an item with variables whose fixed part fails the ARN can never match it,
/// and a lone item whose fixed part matched is matched from where its resource part begins.
fn resource_plan<'s>(s: &'s Statement, arn: &ArnParts<'_>) -> ResourcePlan<'s> {
    let Some(r) = &s.resource else {
        return ResourcePlan::Decided(false);
    };
    let negated = r.node.negated;
    let (mut rest, mut whole) = (None, false);
    for item in &r.node.items {
        let hit = match &item.node {
            ResourceItem::Any => true,
            ResourceItem::Arn(p) if p.has_variables() => {
                match p.fixed_part(arn) {
                    Fixed::Fails => {}
                    Fixed::Rest { template, offset } => {
                        // The literal text the resource part starts with is the plan's to compare.
                        let head = arn.text().get(offset..).map(|r| template.literal_head(r));
                        match head {
                            Some(None) => {}
                            Some(Some((first, len))) if rest.is_none() => {
                                rest = Some(PerRequest::Rest {
                                    template,
                                    first,
                                    offset: offset + len,
                                    negated,
                                })
                            }
                            _ => whole = true,
                        }
                    }
                    Fixed::Whole => whole = true,
                }
                false
            }
            ResourceItem::Arn(p) => p.matches_parts(arn, &|_| None),
        };
        if hit {
            return ResourcePlan::Decided(!negated);
        }
    }
    match (whole, rest) {
        (true, _) => ResourcePlan::Left(PerRequest::Whole),
        (false, Some(left)) => ResourcePlan::Left(left),
        (false, None) => ResourcePlan::Decided(negated),
    }
}
