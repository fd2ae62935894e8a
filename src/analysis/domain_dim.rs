//! The domain dimension: region, account and name, read as one ARN by the resource patterns.

use super::automata::{Atom, Product, State, StateMap};
use super::aws_regions::swf_regions;
use super::class::{nicer, packed, Class, ClassValue, Dim};
use super::scope::Scope;
use super::space::{statements, Put, Space};
use super::spec::Spec;
use super::strings::{spec_atoms, string_atoms};
use super::unknown::{too_large, unknown, Unknown};
use crate::condition::{CompiledCondition, Lookup, Truth};
use crate::eval;
use crate::policy::{ResourceItem, Statement};
use crate::swf::name_char;
use std::collections::VecDeque;

/// Regions that the resource patterns and the region conditions cannot tell apart.
struct RegionGroup {
    /// The resource patterns' state after `arn:PARTITION:swf:REGION:`.
    state: State,
    /// The region conditions' results.
    truths: Vec<Truth>,
    /// The regions, in the list's order.
    regions: Vec<String>,
}

/// Where the names are explored from: a region group, the resource patterns' state after
/// `ACCOUNT:/domain/`, and the account.
type Start = (usize, State, String);

impl Space<'_> {
    /// The domain: region (from the list), account (the caller's, or any twelve digits) and
    /// name, read as one ARN by the resource patterns.
    pub(super) fn domain_dim(&self, scope: &Scope) -> Result<Dim, Unknown> {
        let (arn_atoms, whole) = self.resource_atoms();
        let arn = Product::new(arn_atoms.clone());
        let region_conds = self.conds_on(&["aws:requestedregion"]);
        let account_conds = if self.principal.is_none() {
            self.conds_on(&["aws:principalaccount", "aws:resourceaccount"])
        } else {
            Vec::new()
        };
        let regions: Vec<String> = match (&scope.regions, &scope.spec.regions) {
            (_, Some(r)) => r.clone(),
            (Some(r), None) => r.clone(),
            (None, None) => swf_regions(&self.partition)
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        let groups = self.region_groups(&arn, &regions, &region_conds);
        let starts = self.account_starts(&arn, &groups, &account_conds, scope.max_states)?;
        let mut names = Names::new(
            self,
            &arn,
            &arn_atoms,
            &scope.spec,
            &groups,
            [&region_conds, &account_conds],
        );
        for (ai, start) in starts.iter().enumerate() {
            names.explore(ai, start, scope.max_states)?;
        }
        let (classes, mixed) = names.finish();
        Ok(Dim {
            name: "domain".into(),
            keys: vec![
                "aws:requestedregion".into(),
                "aws:principalaccount".into(),
                "aws:resourceaccount".into(),
            ],
            classes,
            tag: None,
            atoms: arn_atoms,
            mixed,
            whole,
            free: self.principal.is_none(),
        })
    }

    /// Every ARN pattern of a statement that can apply, once, and its whole text (and whether
    /// its account is `*`): a class that spans several region groups, or accounts the pattern
    /// names, is described by whole ARNs (`prod` in us-east-1 and `dev` in eu-west-1 are not
    /// `prod` and `dev` in both).
    fn resource_atoms(&self) -> (Vec<Atom>, Vec<(String, bool)>) {
        let lookup = |k: &str| self.fixed.single(k);
        let mut arn_atoms: Vec<Atom> = Vec::new();
        let mut whole: Vec<(String, bool)> = Vec::new();
        let arns = self
            .sets
            .iter()
            .flat_map(|set| statements(set))
            .flat_map(|(s, _)| s.resource.iter().flat_map(|r| &r.node.items))
            .filter_map(|item| match &item.node {
                ResourceItem::Arn(p) => Some(p),
                _ => None,
            });
        for p in arns {
            let Some(pat) = p.resolve(&lookup) else {
                continue;
            };
            if arn_atoms.iter().any(|a| a.toks == pat.toks()) {
                continue;
            }
            let label = match p.text.split_once(":/domain/") {
                Some((_, name)) if !p.text.contains('$') || !name.is_empty() => {
                    format!("`{name}`")
                }
                _ => format!("`{}`", p.text),
            };
            arn_atoms.push(Atom {
                toks: pat.toks().to_vec(),
                icase: false,
                label,
            });
            let any_account = p.text.split(':').nth(4) == Some("*");
            whole.push((format!("`{}`", p.text), any_account));
        }
        (arn_atoms, whole)
    }

    /// The regions in groups that the resource patterns and region conditions cannot tell
    /// apart.
    fn region_groups(
        &self,
        arn: &Product,
        regions: &[String],
        region_conds: &[&CompiledCondition],
    ) -> Vec<RegionGroup> {
        let mut groups: Vec<RegionGroup> = Vec::new();
        for r in regions {
            let st = arn.run(&arn.start(), &format!("arn:{}:swf:{r}:", self.partition));
            let mut facts = self.fixed.clone();
            facts.put("aws:RequestedRegion", r.clone());
            let v = Self::vector(region_conds, &facts);
            match groups.iter_mut().find(|g| g.state == st && g.truths == v) {
                Some(g) => g.regions.push(r.clone()),
                None => groups.push(RegionGroup {
                    state: st,
                    truths: v,
                    regions: vec![r.clone()],
                }),
            }
        }
        groups
    }

    /// Each region group's starts for the names: with the caller's account, or with one
    /// account of each class of twelve digits that the resource patterns and the account
    /// conditions tell apart.
    fn account_starts(
        &self,
        arn: &Product,
        groups: &[RegionGroup],
        account_conds: &[&CompiledCondition],
        max_states: usize,
    ) -> Result<Vec<Start>, Unknown> {
        let mut acct_atoms: Vec<Atom> = Vec::new();
        for c in account_conds {
            acct_atoms.extend(string_atoms(c, &self.fixed));
        }
        let acct = Product::new(acct_atoms);
        let mut after_account: Vec<Start> = Vec::new();
        for (gi, group) in groups.iter().enumerate() {
            let st = &group.state;
            match &self.principal {
                Some(p) => {
                    let s = arn.run(st, &format!("{}:/domain/", p.account));
                    after_account.push((gi, s, p.account.clone()));
                }
                None => {
                    let mut frontier: Vec<(State, State, String)> =
                        vec![(st.clone(), acct.start(), String::new())];
                    for _ in 0..12 {
                        self.budget
                            .check(&|| "enumerating the domain's accounts".to_string())?;
                        let mut next: Vec<(State, State, String)> = Vec::new();
                        for (a, b, text) in &frontier {
                            for d in '0'..='9' {
                                let na = arn.step(a, d);
                                let nb = acct.step(b, d);
                                if !next.iter().any(|(x, y, _)| *x == na && *y == nb) {
                                    let mut t = text.clone();
                                    t.push(d);
                                    next.push((na, nb, t));
                                }
                            }
                        }
                        if next.len() > max_states {
                            return Err(too_large("the domain's account"));
                        }
                        frontier = next;
                    }
                    for (a, _, text) in frontier {
                        let s = arn.run(&a, ":/domain/");
                        after_account.push((gi, s, text));
                    }
                }
            }
        }
        Ok(after_account)
    }
}

/// The search of the domain's names, from each start, and the classes it finds.
struct Names<'s> {
    space: &'s Space<'s>,
    /// The resource patterns.
    arn: &'s Product,
    /// How many resource patterns there are (for a give-up).
    patterns: usize,
    /// The SPEC's domain patterns, then the literal `arn`.
    names: Product,
    /// Whether the SPEC names domain patterns.
    spec_named: bool,
    /// The characters that tell names apart.
    alphabet: Vec<char>,
    /// The resource patterns' positions a name's characters can still move.
    live: State,
    groups: &'s [RegionGroup],
    /// The statements whose Resource the name decides.
    statements: Vec<&'s Statement>,
    /// The region conditions and (no caller named) the account conditions.
    conds: [&'s [&'s CompiledCondition]; 2],
    classes: Vec<Class>,
    /// Each class by the packed results it stands for.
    index: StateMap<Vec<u64>, usize>,
    /// The joint states reached, per start.
    seen: StateMap<(usize, State, State), ()>,
    /// Per region group, the resource patterns some name matches, and those some name fails.
    seen_true: Vec<Vec<bool>>,
    seen_false: Vec<Vec<bool>>,
}

impl<'s> Names<'s> {
    /// The search over `space`'s names, read by the resource patterns `arn` and the SPEC's
    /// domain patterns.
    fn new(
        space: &'s Space<'s>,
        arn: &'s Product,
        arn_atoms: &[Atom],
        spec: &Spec,
        groups: &'s [RegionGroup],
        conds: [&'s [&'s CompiledCondition]; 2],
    ) -> Names<'s> {
        // The ARN patterns go on reading; the SPEC's domain patterns read the name alone.
        let mut name_atoms = spec_atoms(&spec.domain);
        let mut arn_lit = Atom::literal("arn", false);
        arn_lit.label = String::new();
        name_atoms.push(arn_lit);
        let mut all = arn_atoms.to_vec();
        all.extend(name_atoms.iter().cloned());
        let both = Product::new(all);
        let alphabet = both.alphabet(&name_char, &|| space.case_table());
        // A name's characters never include a colon or a slash: positions waiting for one are
        // dropped before the names are explored.
        let live = arn.live_mask(&alphabet);
        Names {
            space,
            arn,
            patterns: arn_atoms.len(),
            names: Product::new(name_atoms),
            spec_named: spec.domain.is_some(),
            alphabet,
            live,
            groups,
            statements: space
                .sets
                .iter()
                .flat_map(|s| statements(s))
                .map(|(s, _)| s)
                .collect(),
            conds,
            classes: Vec::new(),
            index: Default::default(),
            seen: Default::default(),
            seen_true: vec![vec![false; arn_atoms.len()]; groups.len()],
            seen_false: vec![vec![false; arn_atoms.len()]; groups.len()],
        }
    }

    /// Explores the names from start `ai`, breadth first over the joint states of the
    /// resource patterns and the SPEC's patterns. Each start explores its own names: two
    /// accounts with the same resource-pattern state may still differ on the account
    /// conditions.
    fn explore(&mut self, ai: usize, start: &Start, max_states: usize) -> Result<(), Unknown> {
        let (gi, st, account) = start;
        let st: State = st.iter().zip(&self.live).map(|(s, m)| s & m).collect();
        let mut queue: VecDeque<(State, State, String)> =
            VecDeque::from([(st, self.names.start(), String::new())]);
        while let Some((a, b, name)) = queue.pop_front() {
            self.space.budget.check(&|| {
                format!(
                    "enumerating the classes of the domain ({} resource patterns)",
                    self.patterns
                )
            })?;
            if !name.is_empty() && name != "arn" {
                self.record(*gi, account, &a, &b, &name)?;
            }
            for &c in &self.alphabet {
                let na = self.arn.step(&a, c);
                let nb = self.names.step(&b, c);
                let key = (ai, na.clone(), nb.clone());
                if self.seen.contains_key(&key) {
                    continue;
                }
                if self.seen.len() >= max_states {
                    return Err(too_large(&format!(
                        "the domain ({} resource patterns)",
                        self.patterns
                    )));
                }
                self.seen.insert(key, ());
                let mut n = name.clone();
                n.push(c);
                queue.push_back((na, nb, n));
            }
        }
        Ok(())
    }

    /// Records a name of region group `gi` and `account`, reached in resource-pattern state
    /// `a` and SPEC-pattern state `b`: which patterns it turns each way, and, when the SPEC
    /// admits it, the class of its results.
    fn record(
        &mut self,
        gi: usize,
        account: &str,
        a: &State,
        b: &State,
        name: &str,
    ) -> Result<(), Unknown> {
        if name.encode_utf16().count() > 256 {
            return Err(unknown(
                "a class of domain names needs names longer than SWF allows",
            ));
        }
        for (i, v) in self.arn.verdicts(a).iter().enumerate() {
            if *v {
                self.seen_true[gi][i] = true;
            } else {
                self.seen_false[gi][i] = true;
            }
        }
        let spec_ok =
            !self.spec_named || (0..self.names.atoms().len() - 1).any(|i| self.names.accepts(b, i));
        if !spec_ok {
            return Ok(());
        }
        let sp = self.space;
        let group = &self.groups[gi];
        let region = group.regions[0].clone();
        let resource = format!("arn:{}:swf:{region}:{account}:/domain/{name}", sp.partition);
        let mut facts = sp.fixed.clone();
        facts.put("aws:RequestedRegion", region.clone());
        if sp.principal.is_none() {
            facts.put("aws:PrincipalAccount", account.to_string());
            facts.put("aws:ResourceAccount", account.to_string());
        }
        let mut vec: Vec<Truth> = self
            .statements
            .iter()
            .map(|s| eval::resource_applies(s, &resource, &facts))
            .collect();
        for conds in self.conds {
            vec.extend(Space::vector(conds, &facts));
        }
        let vec = packed(&vec);
        match self.index.get(&vec) {
            Some(&ci) => {
                let c = &mut self.classes[ci];
                if let ClassValue::Domain {
                    regions,
                    account: a,
                    name: n,
                } = &mut c.value
                {
                    for r in &group.regions {
                        if !regions.contains(r) {
                            regions.push(r.clone());
                        }
                    }
                    // The example is one request of the class: a name goes with the account
                    // and the region group it was found under (the first group of the
                    // class's list).
                    if nicer(n, name) {
                        *n = name.to_string();
                        *a = account.to_string();
                        c.groups.retain(|g| *g != gi);
                        c.groups.insert(0, gi);
                    }
                }
                if !c.groups.contains(&gi) {
                    c.groups.push(gi);
                }
                c.members.push(resource);
            }
            None => {
                let mut class = Class::new(ClassValue::Domain {
                    regions: group.regions.clone(),
                    account: account.to_string(),
                    name: name.to_string(),
                });
                class.groups.push(gi);
                class.members.push(resource);
                self.index.insert(vec, self.classes.len());
                self.classes.push(class);
            }
        }
        Ok(())
    }

    /// The classes, each with its example's region first (`us-east-1` where its group has
    /// it), and per region group which resource patterns the name can turn either way (the
    /// others the region and account settle, and the region list already says).
    fn finish(mut self) -> (Vec<Class>, Vec<Vec<bool>>) {
        for class in &mut self.classes {
            if let ClassValue::Domain { regions: rs, .. } = &mut class.value {
                let example = &self.groups[class.groups[0]].regions;
                rs.sort_by_key(|r| (!example.contains(r), r != "us-east-1", r.clone()));
            }
        }
        let mixed = self
            .seen_true
            .iter()
            .zip(&self.seen_false)
            .map(|(t, f)| t.iter().zip(f).map(|(t, f)| *t && *f).collect())
            .collect();
        (self.classes, mixed)
    }
}
