//! The dimension of a condition key (a request member, a tag, a global key) and the clock's.

use super::automata::{self, Atom};
use super::candidates::{clock_candidates, ip_candidates, numeric_candidates};
use super::class::{nicer, packed, Class, ClassValue, Dim};
use super::describe::describe_by_conditions;
use super::role::Role;
use super::scope::Scope;
use super::space::{Put, Space};
use super::spec::Spec;
use super::strings::{spec_match, string_atoms};
use super::unknown::{unknown, Unknown};
use crate::condition::{CompiledCondition, Truth};
use crate::keys::KeyType;
use crate::request::format_time;
use std::collections::HashMap;

/// What the SPEC (and the caller) leave of a key's values.
struct Bounds {
    /// Patterns every value matches; `None`: any value.
    patterns: Option<Vec<String>>,
    /// The key may be absent.
    may_be_absent: bool,
    /// The key must be absent (a tag past the SPEC's list).
    must_be_absent: bool,
}

impl Space<'_> {
    /// A string, number, date, boolean or address key.
    pub(super) fn key_dim(
        &self,
        k: &str,
        shown: &str,
        r: Role,
        scope: &Scope,
    ) -> Result<Dim, Unknown> {
        let conds = self.conds_on(&[k]);
        let fixed_value = scope
            .spec
            .context
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone());
        let bounds = self.key_bounds(k, r, &scope.spec, fixed_value.is_some());
        // Candidate values.
        let mut candidates: Vec<Option<String>> = Vec::new();
        let mut atoms: Vec<Atom> = Vec::new();
        if !bounds.must_be_absent {
            if let Some(v) = fixed_value {
                candidates.push(Some(v));
            } else if let Some(values) = typed_candidates(r, &conds, shown)? {
                candidates.extend(values.into_iter().map(Some));
            } else {
                atoms = self.string_atoms_of(&conds);
                let texts = self.string_values(k, shown, r, &atoms, &bounds, scope)?;
                candidates.extend(texts.into_iter().map(Some));
            }
        }
        if bounds.may_be_absent || bounds.must_be_absent {
            candidates.push(None);
        }
        let classes = self.key_classes(k, shown, &conds, candidates, &atoms, &bounds)?;
        Ok(Dim {
            name: shown.to_string(),
            keys: vec![k.to_string()],
            classes,
            tag: match r {
                Role::Tag(i) => Some(i),
                _ => None,
            },
            atoms,
            mixed: Vec::new(),
            whole: Vec::new(),
            free: false,
        })
    }

    /// The SPEC's patterns for key `k` of role `r`, and whether it may or must be absent
    /// (`fixed`: the SPEC fixes its value).
    fn key_bounds(&self, k: &str, r: Role, spec: &Spec, fixed: bool) -> Bounds {
        let (patterns, may_be_absent): (Option<Vec<String>>, bool) = match r {
            Role::Request { required } => (
                match k {
                    "swf:workflowtype.name" => spec.type_name.clone(),
                    "swf:workflowtype.version" => spec.type_version.clone(),
                    _ => spec.task_list.clone(),
                },
                !required && spec.task_list.is_none(),
            ),
            Role::Tag(i) => match &spec.tag_list {
                Some(tags) => match tags.get(i) {
                    Some(p) => (Some(vec![p.clone()]), false),
                    None => (None, true),
                },
                None => (None, true),
            },
            // A session's id ends with its name (IAM's policy variables page): its values are
            // those of that form.
            Role::Free { always, .. } => {
                let session = match (k, &self.principal) {
                    ("aws:userid", Some(p)) => p.session.as_deref(),
                    _ => None,
                };
                let own = session
                    .filter(|s| !s.contains(['*', '?']))
                    .map(|s| vec![format!("*:{s}")]);
                (own, !always && !fixed)
            }
            _ => (None, true),
        };
        Bounds {
            patterns,
            may_be_absent,
            must_be_absent: matches!((r, &spec.tag_list), (Role::Tag(i), Some(tags)) if i >= tags.len()),
        }
    }

    /// The string atoms of the conditions on a key, each pattern once (the two sets of a diff
    /// share most).
    fn string_atoms_of(&self, conds: &[&CompiledCondition]) -> Vec<Atom> {
        let mut distinct = std::collections::HashSet::new();
        conds
            .iter()
            .flat_map(|c| string_atoms(c, &self.fixed))
            .filter(|a| distinct.insert((a.toks.clone(), a.icase)))
            .collect()
    }

    /// One text per class of a string key's values, leaving out those SWF refuses (an empty
    /// or `arn` name); a class whose values are all too long for SWF is an error.
    fn string_values(
        &self,
        k: &str,
        shown: &str,
        r: Role,
        atoms: &[Atom],
        bounds: &Bounds,
        scope: &Scope,
    ) -> Result<Vec<String>, Unknown> {
        let names = matches!(r, Role::Request { .. });
        let max_len = if k == "swf:workflowtype.version" {
            64
        } else {
            256
        };
        let texts = self.string_candidates(atoms, &bounds.patterns, names, scope, &|| {
            format!("`{shown}` ({} patterns)", atoms.len())
        })?;
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            if (names && (text.is_empty() || text == "arn"))
                || text.encode_utf16().count() > max_len
            {
                if text.encode_utf16().count() > max_len {
                    return Err(unknown(format!(
                        "a class of `{shown}` needs values longer than SWF allows"
                    )));
                }
                continue;
            }
            out.push(text);
        }
        Ok(out)
    }

    /// The candidates grouped by the conditions' results (and the SPEC). An absent key keeps a
    /// class of its own, even where the conditions treat it as some value: the region then
    /// says so.
    fn key_classes(
        &self,
        k: &str,
        shown: &str,
        conds: &[&CompiledCondition],
        candidates: Vec<Option<String>>,
        atoms: &[Atom],
        bounds: &Bounds,
    ) -> Result<Vec<Class>, Unknown> {
        let spec_patterns = &bounds.patterns;
        let mut classes: Vec<(Vec<Truth>, Class)> = Vec::new();
        let mut index: automata::StateMap<(Vec<u64>, bool), usize> = Default::default();
        // Literal values listed by the same conditions share one evaluation.
        let listed = if atoms.is_empty() {
            None
        } else {
            self.literal_conditions(conds)
        };
        let mut by_listing: HashMap<Vec<usize>, Vec<Truth>> = HashMap::new();
        for value in candidates {
            self.budget
                .check(&|| format!("sorting the values of `{shown}` into classes"))?;
            if let Some(v) = &value {
                if !spec_match(spec_patterns, v) {
                    continue;
                }
            } else if spec_patterns.is_some() {
                continue;
            }
            let evaluate = || {
                let mut facts = self.fixed.clone();
                if let Some(v) = &value {
                    facts.put(k, v.clone());
                }
                Self::vector(conds, &facts)
            };
            let vec = match (&listed, &value) {
                (Some(listed), Some(v)) => {
                    let conditions = listed.get(v).cloned().unwrap_or_default();
                    by_listing
                        .entry(conditions)
                        .or_insert_with(evaluate)
                        .clone()
                }
                _ => evaluate(),
            };
            match index.entry((packed(&vec), value.is_none())) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let c = &mut classes[*e.get()].1;
                    if let (ClassValue::Text(old), Some(new)) = (&mut c.value, &value) {
                        if nicer(old, new) {
                            *old = new.clone();
                        }
                    }
                    c.members.extend(value);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    let mut class =
                        Class::new(value.clone().map_or(ClassValue::Absent, ClassValue::Text));
                    class.members.extend(value);
                    classes.push((vec, class));
                    e.insert(classes.len() - 1);
                }
            }
        }
        Ok(classes
            .into_iter()
            .map(|(truths, mut class)| {
                if class.value != ClassValue::Absent && atoms.is_empty() {
                    class.members.clear();
                    describe_by_conditions(&mut class, conds, &truths);
                }
                class
            })
            .collect())
    }

    /// The clock, `aws:CurrentTime` and `aws:EpochTime` as one dimension: a class per cell of
    /// the time line that the policies' instants cut (`fixed`: the one instant the SPEC gives).
    pub(super) fn clock_dim(&self, fixed: Option<i64>) -> Result<Dim, Unknown> {
        let conds = self.conds_on(&["aws:currenttime", "aws:epochtime"]);
        let mut classes: Vec<(Vec<Truth>, Class)> = Vec::new();
        let candidates = match fixed {
            Some(s) => vec![s],
            None => clock_candidates(&conds),
        };
        for s in candidates {
            let mut facts = self.fixed.clone();
            facts.put("aws:CurrentTime", format_time(s));
            facts.put("aws:EpochTime", s.to_string());
            let vec = Self::vector(&conds, &facts);
            if !classes.iter().any(|(v, _)| *v == vec) {
                let mut class = Class::new(ClassValue::Clock(s));
                describe_by_conditions(&mut class, &conds, &vec);
                classes.push((vec, class));
            }
        }
        Ok(Dim {
            name: "clock".into(),
            keys: vec!["aws:currenttime".into(), "aws:epochtime".into()],
            classes: classes.into_iter().map(|(_, c)| c).collect(),
            tag: None,
            atoms: Vec::new(),
            mixed: Vec::new(),
            whole: Vec::new(),
            free: false,
        })
    }
}

/// The candidate values of a number, date, boolean or address key; `None` for a string key
/// (a request member, a tag, a string-valued global key).
fn typed_candidates(
    r: Role,
    conds: &[&CompiledCondition],
    shown: &str,
) -> Result<Option<Vec<String>>, Unknown> {
    let Role::Free { ty, .. } = r else {
        return Ok(None);
    };
    Ok(Some(match ty {
        KeyType::Numeric => numeric_candidates(conds),
        KeyType::Date => clock_candidates(conds)
            .into_iter()
            .map(format_time)
            .collect(),
        KeyType::Bool => vec!["true".into(), "false".into()],
        KeyType::Ip => ip_candidates(conds),
        KeyType::Arn => {
            return Err(unknown(format!(
                "the analysis does not cover ARN-valued `{shown}`"
            )))
        }
        KeyType::String => return Ok(None),
    }))
}
