//! Describing the classes a region spans: the patterns and tests its values pass or fail.

use super::answer::Constraint;
use super::automata::{Atom, Product};
use super::budget::Budget;
use super::class::{Class, ClassValue, Dim};
use super::strings::literal_text;
use super::unknown::Unknown;
use crate::condition::{BaseOp, CompiledCondition, Truth};
use crate::pattern::Tok;
use crate::request::format_time;
use std::collections::HashMap;

/// Describes the classes the reported regions show, each once.
pub(super) struct Describer<'d> {
    pub(super) dims: &'d [Dim],
    pub(super) products: Vec<Option<Product>>,
    pub(super) described: HashMap<(usize, usize), Class>,
}

impl<'d> Describer<'d> {
    /// A describer of the classes of `dims`.
    pub(super) fn new(dims: &'d [Dim]) -> Describer<'d> {
        Describer {
            dims,
            products: vec![None; dims.len()],
            described: HashMap::new(),
        }
    }

    /// Class `ci` of dimension `di`, with its `holds`, `fails` and `any_of`.
    pub(super) fn class(
        &mut self,
        di: usize,
        ci: usize,
        budget: &Budget,
    ) -> Result<&Class, Unknown> {
        if !self.described.contains_key(&(di, ci)) {
            let d = &self.dims[di];
            let mut class = d.classes[ci].clone();
            if class.value != ClassValue::Absent && !d.atoms.is_empty() && !class.members.is_empty()
            {
                let product =
                    self.products[di].get_or_insert_with(|| Product::new(d.atoms.clone()));
                describe_by_atoms(&mut class, d, product, budget)?;
            }
            class.members = Vec::new();
            self.described.insert((di, ci), class);
        }
        Ok(&self.described[&(di, ci)])
    }

    /// The constraint a set of classes of dimension `di` makes.
    pub(super) fn constraint(
        &mut self,
        di: usize,
        set: &std::collections::BTreeSet<usize>,
        budget: &Budget,
    ) -> Result<Constraint, Unknown> {
        let mut classes = Vec::with_capacity(set.len());
        for &ci in set {
            classes.push(self.class(di, ci, budget)?.clone());
        }
        let d = &self.dims[di];
        let mut c = constraint(d, &classes);
        implied_fails(&d.atoms, &d.whole, &c.holds, &mut c.fails, budget)?;
        Ok(c)
    }
}

/// The constraint a set of described classes of `d` makes: what every class holds and fails,
/// the regions and an example of each.
pub(super) fn constraint(d: &Dim, classes: &[Class]) -> Constraint {
    let classes: Vec<&Class> = classes.iter().collect();
    let present: Vec<&Class> = classes
        .iter()
        .copied()
        .filter(|c| c.value != ClassValue::Absent)
        .collect();
    let common = |f: &dyn Fn(&Class) -> &Vec<String>| -> Vec<String> {
        match present.split_first() {
            None => Vec::new(),
            Some((first, rest)) => {
                let rest: Vec<std::collections::HashSet<&String>> =
                    rest.iter().map(|c| f(c).iter().collect()).collect();
                f(first)
                    .iter()
                    .filter(|x| rest.iter().all(|c| c.contains(x)))
                    .cloned()
                    .collect()
            }
        }
    };
    let mut regions: Vec<String> = Vec::new();
    let mut examples = Vec::new();
    for c in &present {
        match &c.value {
            ClassValue::Domain {
                regions: rs,
                account,
                name,
            } => {
                for r in rs {
                    if !regions.contains(r) {
                        regions.push(r.clone());
                    }
                }
                examples.push(format!("arn:aws:swf:{}:{account}:/domain/{name}", rs[0]));
            }
            ClassValue::Text(v) => examples.push(v.clone()),
            ClassValue::Clock(s) => examples.push(format_time(*s)),
            ClassValue::Absent => {}
        }
    }
    regions.sort_by_key(|r| (r != "us-east-1", r.clone()));
    Constraint {
        dimension: d.name.clone(),
        absent: classes.len() != present.len(),
        present: !present.is_empty(),
        holds: common(&|c| &c.holds),
        fails: common(&|c| &c.fails),
        any_of: if present.len() == 1 {
            present[0].any_of.clone()
        } else {
            Vec::new()
        },
        regions,
        examples,
    }
}

/// `holds`/`fails`: the atoms on which every member of the class agrees; `any_of`: the others,
/// when every member matches one of them. Only atoms with a label, not `*`, and that the
/// class's region groups leave open (the domain) are named.
pub(super) fn describe_by_atoms(
    class: &mut Class,
    d: &Dim,
    product: &Product,
    budget: &Budget,
) -> Result<(), Unknown> {
    // A domain class that spans several region groups, or accounts a pattern names, is
    // described by whole ARNs (`prod` in us-east-1 and `dev` in eu-west-1 are not `prod` and
    // `dev` in both).
    let labels: Vec<&str> = d
        .atoms
        .iter()
        .enumerate()
        .map(|(i, a)| match d.whole.get(i) {
            Some((text, any_account)) if class.groups.len() > 1 || (d.free && !any_account) => {
                text.as_str()
            }
            _ => a.label.as_str(),
        })
        .collect();
    let n = d.atoms.len();
    // How many members each atom matches.
    let mut matched = vec![0usize; n];
    if product.literal() {
        let members: std::collections::HashSet<&str> =
            class.members.iter().map(String::as_str).collect();
        for (i, a) in d.atoms.iter().enumerate() {
            let text = literal_text(a).unwrap_or_default();
            matched[i] = usize::from(members.contains(text.as_str()));
        }
    } else {
        for m in &class.members {
            budget.check(&|| format!("describing the classes of `{}`", d.name))?;
            let st = product.run(&product.start(), m);
            for (i, hit) in matched.iter_mut().enumerate() {
                *hit += usize::from(product.accepts(&st, i));
            }
        }
    }
    let shown = |i: usize| d.mixed.is_empty() || class.groups.iter().any(|&g| d.mixed[g][i]);
    let mut some = Vec::new();
    let mut listed: std::collections::HashSet<String> =
        class.holds.iter().chain(&class.fails).cloned().collect();
    for (i, a) in d.atoms.iter().enumerate() {
        let label = labels[i];
        if label.is_empty() || a.toks == [Tok::Many { cross: true }] || !shown(i) {
            continue;
        }
        if matched[i] == class.members.len() {
            if listed.insert(label.to_string()) {
                class.holds.push(label.to_string());
            }
        } else if matched[i] == 0 {
            if listed.insert(label.to_string()) {
                class.fails.push(label.to_string());
            }
        } else {
            some.push(i);
        }
    }
    // Every member matches one of the others: only when each member matches some (checked by
    // running the members again, as the count alone does not say).
    if !some.is_empty() {
        let covered = class.members.iter().all(|m| {
            let st = product.run(&product.start(), m);
            some.iter().any(|&i| product.accepts(&st, i))
        });
        if covered {
            for i in some {
                if !class.any_of.iter().any(|x| x == labels[i]) {
                    class.any_of.push(labels[i].to_string());
                }
            }
        }
    }
    Ok(())
}

/// `holds`/`fails` from the results of the conditions on the class's dimension (numbers,
/// dates, booleans, addresses, the clock).
pub(super) fn describe_by_conditions(
    class: &mut Class,
    conds: &[&CompiledCondition],
    truths: &[Truth],
) {
    for (c, t) in conds.iter().zip(truths) {
        // Presence is the class's own `absent`/`present`.
        if c.operator.node.base == BaseOp::Null {
            continue;
        }
        let text = format!("{} {}", c.operator.node, c.raw.join(", "));
        let list = match t {
            Truth::True => &mut class.holds,
            Truth::False => &mut class.fails,
            Truth::Unknown => continue,
        };
        if !list.contains(&text) {
            list.push(text);
        }
    }
}

/// [`implied_fails`] checks lists up to this long.
pub(super) const IMPLIED_FAILS_CHECKED: usize = 64;

/// Drops from `fails` the patterns no value matching every `holds` pattern can match: they go
/// without saying.
pub(super) fn implied_fails(
    atoms: &[Atom],
    whole: &[(String, bool)],
    holds: &[String],
    fails: &mut Vec<String>,
    budget: &Budget,
) -> Result<(), Unknown> {
    let pattern = |a: &Atom| crate::pattern::Pattern::from_toks(a.toks.clone(), false);
    // Each case-sensitive pattern by its label, and a domain pattern by its whole ARN too.
    let mut by_label: HashMap<&str, &Atom> = HashMap::new();
    for (i, a) in atoms.iter().enumerate().rev().filter(|(_, a)| !a.icase) {
        by_label.insert(a.label.as_str(), a);
        if let Some((text, _)) = whole.get(i) {
            by_label.insert(text.as_str(), a);
        }
    }
    let holds: std::collections::HashSet<&str> = holds.iter().map(String::as_str).collect();
    let held: Vec<&Atom> = atoms
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.icase
                && (holds.contains(a.label.as_str())
                    || whole
                        .get(*i)
                        .is_some_and(|(t, _)| holds.contains(t.as_str())))
        })
        .map(|(_, a)| a)
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    // A literal held: its text is the only value, and it fails every pattern listed.
    if held
        .iter()
        .any(|a| a.toks.iter().all(|t| matches!(t, Tok::Lit(_))))
    {
        fails.retain(|label| !by_label.contains_key(label.as_str()));
        return Ok(());
    }
    // Past a few dozen, each needing a search of its own, the list stays whole: it only says
    // more than it must.
    if fails.len() > IMPLIED_FAILS_CHECKED {
        return Ok(());
    }
    let held_toks: Vec<&[Tok]> = held.iter().map(|a| a.toks.as_slice()).collect();
    let held: Vec<crate::pattern::Pattern> = held.into_iter().map(pattern).collect();
    let mut keep = Vec::with_capacity(fails.len());
    for label in fails.drain(..) {
        budget.check(&|| "describing the regions found".to_string())?;
        let Some(a) = by_label.get(label.as_str()) else {
            keep.push(label);
            continue;
        };
        if held_toks.iter().any(|h| disjoint(h, &a.toks)) {
            continue;
        }
        let f = pattern(a);
        let mut must: Vec<&crate::pattern::Pattern> = held.iter().collect();
        must.push(&f);
        if !matches!(crate::pattern::witness(&must, &[], 2_000), Ok(None)) {
            keep.push(label);
        }
    }
    *fails = keep;
    Ok(())
}

/// Whether no text matches both patterns, seen from their literal starts: at the start, or, for
/// ARN patterns whose first five segments hold no wildcard that takes a colon, at the start of
/// their resource parts (a text's first five colons are then the patterns' own). `false` says
/// nothing.
pub(super) fn disjoint(a: &[Tok], b: &[Tok]) -> bool {
    fn diverge(a: &[Tok], b: &[Tok]) -> bool {
        for (x, y) in a.iter().zip(b) {
            match (x, y) {
                (Tok::Lit(x), Tok::Lit(y)) if x == y => continue,
                (Tok::Lit(_), Tok::Lit(_)) => return true,
                _ => return false,
            }
        }
        false
    }
    fn resource_part(t: &[Tok]) -> Option<&[Tok]> {
        let mut colons = 0;
        for (i, tok) in t.iter().enumerate() {
            match tok {
                Tok::Lit(':') => {
                    colons += 1;
                    if colons == 5 {
                        return Some(&t[i + 1..]);
                    }
                }
                Tok::Many { cross: true } | Tok::One { cross: true } => return None,
                _ => {}
            }
        }
        None
    }
    diverge(a, b)
        || matches!((resource_part(a), resource_part(b)), (Some(x), Some(y)) if diverge(x, y))
}
