//! The depth-first search over one caller's space.

use super::automata;
use super::class::{packed, ClassValue, Dim};
use super::merge::RawRegion;
use super::mode::{caller_facts, user_keys};
use super::scope::Goal;
use super::space::{Facts, Put, Space};
use super::unknown::{unknown, Unknown};
use crate::condition::Truth;
use crate::eval::{self, Decision, PolicySet};
use crate::policy::ResourceItem;
use crate::request::{format_time, CallInputs, Principal};

/// The search over one caller's space.
pub(super) struct Search<'s, 'a> {
    pub(super) space: &'s Space<'a>,
    pub(super) goal: Goal,
    /// Per dimension, the class whose values stand for its group (`sets`).
    pub(super) assigned: Vec<Option<usize>>,
    /// Per dimension, the classes taken together: every open statement treats them alike.
    pub(super) sets: Vec<Option<Vec<usize>>>,
    pub(super) nodes: usize,
    pub(super) max_nodes: usize,
    pub(super) max_regions: usize,
    pub(super) found: Vec<RawRegion>,
    pub(super) truncated: bool,
    pub(super) run_ids: crate::swf::RunIds,
}

impl Search<'_, '_> {
    /// The facts of the classes assigned so far, and the domain's ARN once it is assigned.
    pub(super) fn facts(&self) -> (Facts, Option<String>) {
        let sp = self.space;
        let mut f = sp.fixed.clone();
        let mut resource = None;
        for (d, a) in sp.dims.iter().zip(&self.assigned) {
            let Some(ci) = a else { continue };
            self.put_class(&mut f, &mut resource, d, *ci);
        }
        (f, resource)
    }

    /// Sets the keys (and the resource) class `ci` of `d` gives.
    pub(super) fn put_class(
        &self,
        f: &mut Facts,
        resource: &mut Option<String>,
        d: &Dim,
        ci: usize,
    ) {
        let sp = self.space;
        {
            match &d.classes[ci].value {
                ClassValue::Absent => {}
                ClassValue::Text(v) => f.put(&d.keys[0], v.clone()),
                ClassValue::Clock(s) => {
                    f.put("aws:CurrentTime", format_time(*s));
                    f.put("aws:EpochTime", s.to_string());
                }
                ClassValue::Domain {
                    regions,
                    account,
                    name,
                } => {
                    f.put("aws:RequestedRegion", regions[0].clone());
                    f.put("aws:PrincipalAccount", account.clone());
                    f.put("aws:ResourceAccount", account.clone());
                    *resource = Some(format!(
                        "arn:{}:swf:{}:{account}:/domain/{name}",
                        sp.partition, regions[0]
                    ));
                }
            }
        }
    }

    /// Whether the key's dimension is assigned (a key of no dimension is fixed).
    pub(super) fn known(&self, key_lower: &str) -> bool {
        match self.space.key_dim.get(key_lower) {
            Some(&d) => self.assigned[d].is_some(),
            None => true,
        }
    }

    /// Whether a set allows, in three-valued logic over the partial assignment; `open` gets
    /// the places (in [`eval::allows_given`]'s order) of the statements not yet decided.
    pub(super) fn allows(
        &self,
        set: &PolicySet,
        facts: &Facts,
        resource: Option<&str>,
        open: &mut Vec<usize>,
    ) -> Truth {
        let root = self
            .space
            .principal
            .as_ref()
            .is_some_and(Principal::is_root);
        let mut place = 0;
        let mut stmt = |s: &crate::policy::Statement, c: &eval::CompiledStatement| {
            let t = self.applies(s, c, facts, resource);
            if t == Truth::Unknown {
                open.push(place);
            }
            place += 1;
            t
        };
        eval::allows_given(set, root, &mut stmt)
    }

    /// Whether a statement applies, in three-valued logic over the partial assignment.
    pub(super) fn applies(
        &self,
        s: &crate::policy::Statement,
        c: &eval::CompiledStatement,
        facts: &Facts,
        resource: Option<&str>,
    ) -> Truth {
        if !c.start_action {
            return Truth::False;
        }
        let principal = match &self.space.principal {
            Some(p) => eval::principal_applies(s, p, facts),
            None => Truth::True,
        };
        if principal == Truth::False {
            return Truth::False;
        }
        let mut t = match Self::resource_truth(s, resource, facts) {
            Some(t) => t,
            None => return Truth::False,
        };
        t = Truth::all([t, principal]);
        if t == Truth::False {
            return t;
        }
        for cc in &c.conditions {
            let v = if self.known(&cc.key_lower) {
                cc.holds(facts)
            } else {
                Truth::Unknown
            };
            t = Truth::all([t, v]);
            if t == Truth::False {
                return t;
            }
        }
        t
    }

    /// A statement's Resource on the domain's ARN (unknown while the domain is open); `None`
    /// without a Resource.
    pub(super) fn resource_truth(
        s: &crate::policy::Statement,
        resource: Option<&str>,
        facts: &Facts,
    ) -> Option<Truth> {
        let r = s.resource.as_ref()?;
        Some(
            if r.node
                .items
                .iter()
                .any(|i| matches!(i.node, ResourceItem::Any))
            {
                Truth::from_bool(!r.node.negated)
            } else {
                match resource {
                    Some(arn) => eval::resource_applies(s, arn, facts),
                    None => Truth::Unknown,
                }
            },
        )
    }

    /// The classes of dimension `level` the search may take, in groups that every statement
    /// still open (in a set whose answer is still open) treats alike: the same Resource
    /// verdict (the domain) and the same result of each condition on the dimension's keys.
    /// For a tag and the MFA keys, whether a class is absent (and whether it says MFA was
    /// used) keeps classes apart too: the order of tags and the MFA keys' pairing read it. A group's first class
    /// stands for it; a statement's answer is the same on every class of the group, so the
    /// search's answers hold for the group.
    pub(super) fn groups(
        &self,
        level: usize,
        facts: &Facts,
        verdicts: &[Truth],
        open: &[Vec<usize>],
    ) -> Result<Vec<Vec<usize>>, Unknown> {
        let sp = self.space;
        let dim = &sp.dims[level];
        let mut live: Vec<(&crate::policy::Statement, &eval::CompiledStatement)> = Vec::new();
        for ((set, v), open) in sp.sets.iter().zip(verdicts).zip(open) {
            if *v != Truth::Unknown {
                continue;
            }
            let mut places = open.iter().peekable();
            for (i, pair) in set
                .layers()
                .into_iter()
                .flat_map(|(_, ps)| ps.iter())
                .flat_map(|p| p.doc.statements.iter().zip(p.statements.iter()))
                .enumerate()
            {
                if places.peek() == Some(&&i) {
                    places.next();
                    live.push(pair);
                }
            }
        }
        let domain = matches!(
            dim.classes.first().map(|c| &c.value),
            Some(ClassValue::Domain { .. })
        );
        let mfa = dim.keys.iter().any(|k| k == "aws:multifactorauthpresent");
        let paired = dim.tag.is_some()
            || dim
                .keys
                .iter()
                .any(|k| k == "aws:multifactorauthpresent" || k == "aws:multifactorauthage");
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut index: automata::StateMap<(bool, bool, Vec<u64>), usize> = Default::default();
        for ci in 0..dim.classes.len() {
            sp.budget.check(&|| self.searching())?;
            if !self.allowed_class(level, ci) {
                continue;
            }
            let value = &dim.classes[ci].value;
            let mut f = facts.clone();
            let mut arn = None;
            self.put_class(&mut f, &mut arn, dim, ci);
            let mut key = Vec::new();
            for (s, c) in &live {
                if domain {
                    key.extend(Self::resource_truth(s, arn.as_deref(), &f));
                }
                for cc in c
                    .conditions
                    .iter()
                    .filter(|cc| dim.keys.contains(&cc.key_lower))
                {
                    key.push(cc.holds(&f));
                }
            }
            let said_mfa =
                mfa && matches!(value, ClassValue::Text(v) if v.eq_ignore_ascii_case("true"));
            match index.entry((
                paired && *value == ClassValue::Absent,
                said_mfa,
                packed(&key),
            )) {
                std::collections::hash_map::Entry::Occupied(e) => groups[*e.get()].push(ci),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(groups.len());
                    groups.push(vec![ci]);
                }
            }
        }
        Ok(groups)
    }

    /// What the search is doing, for a give-up: the cases visited and the widest dimension.
    pub(super) fn searching(&self) -> String {
        format!(
            "searching the requests ({} cases visited; {})",
            self.nodes,
            self.widest()
        )
    }

    /// The dimension with the most classes, for a give-up.
    pub(super) fn widest(&self) -> String {
        match self.space.dims.iter().max_by_key(|d| d.classes.len()) {
            Some(d) => format!(
                "{} parts of a request; the widest: `{}`, {} classes",
                self.space.dims.len(),
                d.name,
                d.classes.len()
            ),
            None => "no part of the request varies".into(),
        }
    }

    /// Searches from dimension `level` on: reports the region once every set's answer is
    /// known, drops it once the goal cannot be met, or splits it by the classes of `level`.
    pub(super) fn run(&mut self, level: usize) -> Result<(), Unknown> {
        if self.truncated {
            return Ok(());
        }
        self.nodes += 1;
        self.space.budget.check(&|| self.searching())?;
        if self.nodes > self.max_nodes {
            return Err(Unknown {
                reason: format!(
                    "the search passed {} cases without an answer ({})",
                    self.max_nodes,
                    self.widest()
                ),
                help: Some("raise --max-nodes, or name fewer callers and regions".into()),
            });
        }
        let (facts, resource) = self.facts();
        let mut open = vec![Vec::new(); self.space.sets.len()];
        let verdicts: Vec<Truth> = self
            .space
            .sets
            .iter()
            .zip(&mut open)
            .map(|(s, open)| self.allows(s, &facts, resource.as_deref(), open))
            .collect();
        let (t, f) = (Truth::True, Truth::False);
        let v = |i: usize| verdicts[i];
        let (hit, dead) = match self.goal {
            Goal::Gained => (v(0) == f && v(1) == t, v(0) == t || v(1) == f),
            Goal::Lost => (v(0) == t && v(1) == f, v(0) == f || v(1) == t),
            Goal::Allowed => (v(0) == t, v(0) == f),
            Goal::Denied => (v(0) == f, v(0) == t),
        };
        if hit {
            return self.emit(&verdicts);
        }
        if dead {
            return Ok(());
        }
        if level == self.space.dims.len() {
            if self.space.fixed.has_partial() {
                return Err(Unknown {
                    reason: "the answer depends on the caller's aws:PrincipalArn, which a session's ARN gives only in part (it leaves out the role's path)".into(),
                    help: Some("name the role with its path (--principal arn:aws:iam::ACCOUNT:role/PATH/NAME), or fix it with --context aws:PrincipalArn=ARN".into()),
                });
            }
            return Err(unknown(
                "a condition cannot be evaluated on some request (a policy value that does not fit its operator)",
            ));
        }
        let all = self.space.dims[level].classes.len();
        for group in self.groups(level, &facts, &verdicts, &open)? {
            self.assigned[level] = Some(group[0]);
            self.sets[level] = (group.len() < all).then_some(group);
            self.run(level + 1)?;
            self.assigned[level] = None;
            self.sets[level] = None;
            if self.truncated {
                break;
            }
        }
        Ok(())
    }

    /// Tags come in order: position N is present only if position N-1 is. And AWS includes
    /// `aws:MultiFactorAuthAge` exactly when `aws:MultiFactorAuthPresent` is true.
    pub(super) fn allowed_class(&self, level: usize, ci: usize) -> bool {
        let dims = &self.space.dims;
        if !self.mfa_agrees(level, ci) {
            return false;
        }
        let Some(pos) = dims[level].tag else {
            return true;
        };
        if pos == 0 {
            return true;
        }
        let present = dims[level].classes[ci].value != ClassValue::Absent;
        let prev = dims
            .iter()
            .zip(&self.assigned)
            .find(|(d, _)| d.tag == Some(pos - 1));
        match prev {
            Some((d, Some(pi))) => !present || d.classes[*pi].value != ClassValue::Absent,
            _ => true,
        }
    }

    /// Whether class `ci` of dimension `level` agrees with the other MFA key's class, when
    /// both keys are dimensions and the other is assigned.
    pub(super) fn mfa_agrees(&self, level: usize, ci: usize) -> bool {
        const PRESENT: &str = "aws:multifactorauthpresent";
        const AGE: &str = "aws:multifactorauthage";
        let dims = &self.space.dims;
        let other = match dims[level].keys.first().map(String::as_str) {
            Some(PRESENT) => AGE,
            Some(AGE) => PRESENT,
            _ => return true,
        };
        let Some(&o) = self.space.key_dim.get(other) else {
            return true;
        };
        let Some(oc) = self.assigned[o] else {
            return true;
        };
        let (here, there) = (&dims[level].classes[ci].value, &dims[o].classes[oc].value);
        let (present, age) = if other == AGE {
            (here, there)
        } else {
            (there, here)
        };
        let mfa = matches!(present, ClassValue::Text(v) if v.eq_ignore_ascii_case("true"));
        mfa == (*age != ClassValue::Absent)
    }

    /// Completes the assignment, confirms the witness with the simulator, records the region.
    pub(super) fn emit(&mut self, verdicts: &[Truth]) -> Result<(), Unknown> {
        let sp = self.space;
        let mut full = self.assigned.clone();
        for level in 0..full.len() {
            if full[level].is_none() {
                let saved = std::mem::replace(&mut self.assigned, full.clone());
                let pick = (0..sp.dims[level].classes.len())
                    .filter(|ci| self.allowed_class(level, *ci))
                    .min_by_key(|ci| sp.dims[level].classes[*ci].value != ClassValue::Absent);
                self.assigned = saved;
                full[level] = pick;
                if pick.is_none() {
                    // The classes chosen so far may hold no request AWS can make (an MFA age
                    // without MFA): that region is empty. Nothing else may leave one so.
                    let mfa = sp.dims[level].keys.iter().any(|k| {
                        k == "aws:multifactorauthage" || k == "aws:multifactorauthpresent"
                    });
                    if mfa {
                        return Ok(());
                    }
                    return Err(unknown("internal: no class completes the region"));
                }
            }
        }
        let witness = self.witness(&full);
        let mut decisions = Vec::new();
        for (set, want) in sp.sets.iter().zip(verdicts) {
            let call = CallInputs {
                principal: witness.principal.clone().into(),
                region: witness.region.clone(),
                user_keys: user_keys(&witness.context),
                now: witness.now,
                caller: crate::request::CallerFacts {
                    credentials: witness.credentials,
                    ..caller_facts(sp.sets)
                },
            };
            let r = crate::swf::simulate(&witness.request, set, &call, None, &mut self.run_ids);
            let Some(d) = r.decision else {
                return Err(unknown(format!(
                    "internal: the witness {} does not pass SWF's validation",
                    witness.to_json()
                )));
            };
            if (d == Decision::Allowed) != (*want == Truth::True) || d == Decision::Unknown {
                return Err(unknown(format!(
                    "internal: the evaluator decides {} on the witness {}, the analysis expected the opposite",
                    d.as_str(),
                    witness.to_json()
                )));
            }
            decisions.push(d);
        }
        self.found.push(RawRegion {
            sets: self
                .assigned
                .iter()
                .zip(&self.sets)
                .map(|(_, set)| set.as_ref().map(|s| s.iter().copied().collect()))
                .collect(),
            decisions,
            witness,
        });
        if self.found.len() >= self.max_regions {
            self.truncated = true;
        }
        Ok(())
    }
}
