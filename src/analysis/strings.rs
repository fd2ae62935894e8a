//! Classes of strings: the patterns that read a string key, and one value per class.

use super::automata::{reachable, Atom, Halt, Product};
use super::scope::Scope;
use super::space::{Facts, Space};
use super::unknown::{too_large, Unknown};
use crate::condition::{BaseOp, CompiledCondition, Lookup, Value};
use crate::pattern::{Template, Tok};

/// The string atoms a condition's values give, variables substituted.
pub(super) fn string_atoms(c: &CompiledCondition, fixed: &Facts) -> Vec<Atom> {
    let lookup = |k: &str| fixed.single(k);
    let base = c
        .operator
        .node
        .base
        .positive()
        .unwrap_or(c.operator.node.base);
    let mut out = Vec::new();
    for (v, raw) in c.values.iter().zip(&c.raw) {
        // Text is literal (wildcards were not parsed); a pattern keeps its wildcards.
        let t: &Template = match &v.node {
            Value::Text(t) | Value::Like(t, _) => t,
            _ => continue,
        };
        let Some(toks) = t.resolve(&lookup) else {
            continue;
        };
        let icase = base == BaseOp::StringEqualsIgnoreCase;
        let label = if icase {
            format!("`{raw}` (any case)")
        } else {
            format!("`{raw}`")
        };
        out.push(Atom { toks, icase, label });
    }
    out
}

/// The SPEC's patterns on a string, as atoms labelled `SPEC ...`.
pub(super) fn spec_atoms(patterns: &Option<Vec<String>>) -> Vec<Atom> {
    patterns
        .iter()
        .flatten()
        .map(|p| {
            let mut a = Atom::wildcard(p);
            a.label = format!("SPEC {}", a.label);
            a
        })
        .collect()
}

/// Whether a value matches one of the SPEC's patterns (`None`: any value does).
pub(super) fn spec_match(patterns: &Option<Vec<String>>, value: &str) -> bool {
    patterns.as_ref().is_none_or(|ps| {
        ps.iter()
            .any(|p| crate::pattern::reference_match(p, value, false))
    })
}

/// A case-sensitive literal atom's text.
pub(super) fn literal_text(a: &Atom) -> Option<String> {
    if a.icase {
        return None;
    }
    a.toks
        .iter()
        .map(|t| match t {
            Tok::Lit(c) => Some(*c),
            _ => None,
        })
        .collect()
}

impl Space<'_> {
    /// One value of every class of strings the atoms (and the SPEC's patterns) tell apart:
    /// the texts of a product automaton's states, or, when every atom is a case-sensitive
    /// literal and the SPEC names no pattern, the literals themselves, the empty text and one
    /// text equal to none (a literal's class is its text alone; every other text fails them
    /// all). Values SWF refuses are filtered by the caller.
    pub(super) fn string_candidates(
        &self,
        atoms: &[Atom],
        spec_patterns: &Option<Vec<String>>,
        names: bool,
        scope: &Scope,
        what: &dyn Fn() -> String,
    ) -> Result<Vec<String>, Unknown> {
        let valid: &dyn Fn(char) -> bool = if names {
            &crate::swf::name_char
        } else {
            &|_| true
        };
        let policy = Product::new(atoms.to_vec());
        if spec_patterns.is_none() && policy.literal() {
            let mut texts: std::collections::HashSet<String> = atoms
                .iter()
                .filter_map(literal_text)
                .filter(|t| t.chars().all(valid))
                .collect();
            // A text equal to no literal: `x`, `xx`, ... (one of the first few is free).
            let fresh = (1..)
                .map(|n| "x".repeat(n))
                .find(|t| !texts.contains(t) && t != "arn")
                .unwrap_or_default();
            if texts.len() >= scope.max_states {
                return Err(too_large(&what()));
            }
            texts.insert(fresh);
            texts.insert(String::new());
            let mut out: Vec<String> = texts.into_iter().collect();
            out.sort_unstable();
            return Ok(out);
        }
        let mut all = atoms.to_vec();
        all.extend(spec_atoms(spec_patterns));
        if names {
            let mut arn = Atom::literal("arn", false);
            arn.label = String::new();
            all.push(arn);
        }
        let product = Product::new(all);
        let alphabet = product.alphabet(valid, &|| self.case_table());
        let mut states = reachable(
            &product,
            &product.start(),
            &alphabet,
            scope.max_states,
            &|| self.budget.passed(),
        )
        .map_err(|h| match h {
            Halt::States => too_large(&what()),
            Halt::Time => self
                .budget
                .out_of_time(&format!("enumerating the classes of {}", what())),
        })?;
        // One more example, readable where the shortest is empty: extra candidates are
        // harmless (each is classified by the conditions).
        if let Some(&fresh) = alphabet.last() {
            let st = product.step(&product.start(), fresh);
            states.push((fresh.to_string(), st));
        }
        Ok(states.into_iter().map(|(text, _)| text).collect())
    }
}
