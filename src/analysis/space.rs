//! One caller's request space: the conditions that can apply, and its dimensions.

use super::automata;
use super::budget::Budget;
use super::class::Dim;
use super::mode::Mode;
use super::role::{check_variables, family_fits, role, Role};
use super::scope::Scope;
use super::spec::Spec;
use super::strings::{literal_text, string_atoms};
use super::unknown::{unknown, Unknown};
use crate::condition::{BaseOp, CompiledCondition, Truth, Value};
use crate::eval::{self, PolicySet};
use crate::policy::ResourceItem;
use crate::request::Principal;
use std::collections::HashMap;

/// What the analysis knows of a request: a context (the evaluator's own lookup type), each key
/// set to one value.
pub(super) type Facts = crate::request::Context;

/// Sets a single-valued key of the facts.
pub(super) trait Put {
    fn put(&mut self, key: &str, value: String);
}

impl Put for Facts {
    fn put(&mut self, key: &str, value: String) {
        self.set(key, vec![value], crate::request::ValueSource::Default);
    }
}

/// A condition of a statement that can apply to StartWorkflowExecution.
pub(super) struct Cond<'a> {
    pub(super) cond: &'a CompiledCondition,
    pub(super) role: Role,
}

/// The analysis of one caller: the dimensions and the search.
pub(super) struct Space<'a> {
    pub(super) sets: &'a [&'a PolicySet],
    pub(super) conds: Vec<Cond<'a>>,
    pub(super) dims: Vec<Dim>,
    /// Lower-case key to its dimension.
    pub(super) key_dim: HashMap<String, usize>,
    /// Keys the caller determines.
    pub(super) fixed: Facts,
    pub(super) principal: Option<Principal>,
    pub(super) partition: String,
    /// Context keys the SPEC fixes.
    pub(super) spec_context: Vec<(String, String)>,
    /// Characters equal ignoring case, built on first need.
    pub(super) cases: &'a std::cell::OnceCell<std::rc::Rc<automata::CaseTable>>,
    /// The caller and the call this pass covers.
    pub(super) mode: Mode,
    /// The clock.
    pub(super) budget: &'a Budget,
}

/// The statements of a set that name StartWorkflowExecution, each with its compiled form.
pub(super) fn statements(
    set: &PolicySet,
) -> impl Iterator<Item = (&crate::policy::Statement, &eval::CompiledStatement)> {
    set.layers()
        .into_iter()
        .flat_map(|(_, ps)| ps.iter())
        .flat_map(|p| p.doc.statements.iter().zip(p.statements.iter()))
        .filter(|(_, c)| c.start_action)
}

/// The keys a named caller determines.
pub(super) fn principal_facts(p: &Principal) -> Facts {
    let mut f = Facts::new();
    // A session's role path is not in its ARN: what the simulator takes as `/` by default is
    // known only in part here, so that no proof rests on the default.
    match p.principal_arn_certain() {
        Ok(arn) => f.put("aws:PrincipalArn", arn.to_string()),
        Err(known) => f.set_partial(
            "aws:PrincipalArn",
            known,
            crate::request::ValueSource::Principal,
        ),
    }
    f.put("aws:PrincipalAccount", p.account.clone());
    f.put("aws:PrincipalType", p.kind.as_str().to_string());
    f.put("aws:ResourceAccount", p.account.clone());
    if let Some(u) = &p.username {
        f.put("aws:username", u.clone());
    }
    if let Some(u) = &p.userid {
        f.put("aws:userid", u.clone());
    }
    f
}

impl<'a> Space<'a> {
    /// The space of one pass: `principal` (`None`: any IAM user of the domain's account)
    /// calling as `mode` says, over the requests `scope` covers.
    pub(super) fn new(
        sets: &'a [&'a PolicySet],
        principal: Option<Principal>,
        mode: Mode,
        scope: &Scope,
        cases: &'a std::cell::OnceCell<std::rc::Rc<automata::CaseTable>>,
        budget: &'a Budget,
    ) -> Result<Space<'a>, Unknown> {
        let free = principal.is_none();
        let mut fixed = principal.as_ref().map(principal_facts).unwrap_or_default();
        // Keys the SPEC fixes resolve policy variables like the caller's keys do.
        for (k, v) in &scope.spec.context {
            fixed.put(k, v.clone());
        }
        let partition = principal
            .as_ref()
            .map_or_else(|| "aws".to_string(), |p| p.partition.clone());
        let conds = conditions(sets, free, &mode, &scope.spec.context)?;
        let mut space = Space {
            sets,
            conds,
            dims: Vec::new(),
            key_dim: HashMap::new(),
            fixed,
            principal,
            partition,
            spec_context: scope.spec.context.clone(),
            cases,
            mode,
            budget,
        };
        space.build_dims(scope)?;
        Ok(space)
    }

    /// The characters equal ignoring case, built on first need.
    pub(super) fn case_table(&self) -> std::rc::Rc<automata::CaseTable> {
        self.cases
            .get_or_init(|| std::rc::Rc::new(automata::CaseTable::new()))
            .clone()
    }

    /// The conditions on any of `keys` (lower-case).
    pub(super) fn conds_on(&self, keys: &[&str]) -> Vec<&'a CompiledCondition> {
        self.conds
            .iter()
            .filter(|c| keys.contains(&c.cond.key_lower.as_str()))
            .map(|c| c.cond)
            .collect()
    }

    /// The vector of condition results for facts.
    pub(super) fn vector(conds: &[&CompiledCondition], facts: &Facts) -> Vec<Truth> {
        conds.iter().map(|c| c.holds(facts)).collect()
    }

    /// When every value of every condition on a key is a case-sensitive literal: each literal
    /// with the conditions that list it. On a single value, such a condition's result depends
    /// only on whether it lists the value (`Null` only on its presence), so two values listed
    /// by the same conditions have the same results: one evaluation stands for them.
    pub(super) fn literal_conditions(
        &self,
        conds: &[&CompiledCondition],
    ) -> Option<HashMap<String, Vec<usize>>> {
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in conds.iter().enumerate() {
            if c.operator.node.base == BaseOp::Null {
                continue;
            }
            let atoms = string_atoms(c, &self.fixed);
            if atoms.len() != c.values.len() {
                return None;
            }
            for a in atoms {
                let text = literal_text(&a)?;
                let listed = out.entry(text).or_default();
                if listed.last() != Some(&i) {
                    listed.push(i);
                }
            }
        }
        Some(out)
    }

    /// The dimensions, in the order the search assigns them: the domain, each key a policy
    /// reads or the SPEC names, the clock.
    fn build_dims(&mut self, scope: &Scope) -> Result<(), Unknown> {
        let spec = &scope.spec;
        // The domain first: most statements read it.
        let domain = self.domain_dim(scope)?;
        self.dims.push(domain);
        for (k, shown, r) in self.dimension_keys(spec)? {
            let dim = self.key_dim(&k, &shown, r, scope)?;
            self.dims.push(dim);
        }
        let fixed_clock = spec
            .context
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("aws:CurrentTime"))
            .and_then(|(_, v)| crate::condition::parse_date(v))
            .map(|ns| ns.div_euclid(1_000_000_000) as i64);
        if self.conds.iter().any(|c| c.role == Role::Clock) || fixed_clock.is_some() {
            let dim = self.clock_dim(fixed_clock)?;
            self.dims.push(dim);
        }
        for (i, d) in self.dims.iter().enumerate() {
            for k in &d.keys {
                self.key_dim.insert(k.clone(), i);
            }
            if d.classes.is_empty() {
                return Err(unknown(format!("no value of `{}` fits the SPEC", d.name)));
            }
        }
        Ok(())
    }

    /// The keys that are dimensions of their own (lower-case, as written, and their role):
    /// request members and tags, and free global keys, that a policy reads or the SPEC names;
    /// keys read more often first, tags last in order.
    fn dimension_keys(&self, spec: &Spec) -> Result<Vec<(String, String, Role)>, Unknown> {
        let mut keys: Vec<(String, String, Role)> = Vec::new();
        for c in &self.conds {
            if matches!(
                c.role,
                Role::Fixed | Role::Absent | Role::Domain | Role::Clock
            ) {
                continue;
            }
            if !keys.iter().any(|(k, _, _)| *k == c.cond.key_lower) {
                keys.push((c.cond.key_lower.clone(), c.cond.key.node.clone(), c.role));
            }
        }
        let add = |k: &str, shown: &str, r: Role, keys: &mut Vec<(String, String, Role)>| {
            if !keys.iter().any(|(x, _, _)| x == k) {
                keys.push((k.to_string(), shown.to_string(), r));
            }
        };
        // Request members the SPEC names are dimensions even when no policy reads them.
        for (named, lower, shown, required) in [
            (
                spec.type_name.is_some(),
                "swf:workflowtype.name",
                "swf:workflowType.name",
                true,
            ),
            (
                spec.type_version.is_some(),
                "swf:workflowtype.version",
                "swf:workflowType.version",
                true,
            ),
            (
                spec.task_list.is_some(),
                "swf:tasklist.name",
                "swf:taskList.name",
                false,
            ),
        ] {
            if named {
                add(lower, shown, Role::Request { required }, &mut keys);
            }
        }
        // A key the SPEC fixes is a dimension of one value (the clock is handled below).
        for (k, _) in &spec.context {
            let lower = k.to_ascii_lowercase();
            let r = role(&lower, &self.mode, self.sets)?;
            if matches!(r, Role::Free { .. }) {
                add(&lower, k, r, &mut keys);
            }
        }
        // Tags: every position up to the highest one read or named.
        let top = keys
            .iter()
            .filter_map(|(_, _, r)| match r {
                Role::Tag(i) => Some(*i + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .max(spec.tag_list.as_ref().map_or(0, Vec::len));
        for i in 0..top {
            let k = format!("swf:taglist.member.{i}");
            add(
                &k,
                &format!("swf:tagList.member.{i}"),
                Role::Tag(i),
                &mut keys,
            );
        }
        // Keys read more often first: the search decides sooner.
        let count = |k: &str| self.conds.iter().filter(|c| c.cond.key_lower == k).count();
        keys.sort_by_key(|(k, _, r)| {
            (
                matches!(r, Role::Tag(_)),
                match r {
                    Role::Tag(i) => *i,
                    _ => 0,
                },
                std::cmp::Reverse(count(k)),
            )
        });
        Ok(keys)
    }
}

/// The conditions of the statements that can apply to StartWorkflowExecution, each with its
/// key's role; an error where the analysis cannot cover one (a policy variable it cannot
/// substitute, an operator of another type than its key's, principals named with no caller).
fn conditions<'a>(
    sets: &'a [&'a PolicySet],
    free: bool,
    mode: &Mode,
    spec_context: &[(String, String)],
) -> Result<Vec<Cond<'a>>, Unknown> {
    let mut conds = Vec::new();
    for set in sets {
        for (s, c) in statements(set) {
            if let Some(pr) = &s.principal {
                if free && !pr.any {
                    return Err(Unknown {
                        reason: "a resource control policy names principals".into(),
                        help: Some("name the callers with --principal ARN (repeatable)".into()),
                    });
                }
            }
            if let Some(r) = &s.resource {
                for item in &r.node.items {
                    if let ResourceItem::Arn(p) = &item.node {
                        if let Some(t) = p.resource_template() {
                            check_variables(
                                t.variables(),
                                mode,
                                spec_context,
                                &format!("the resource `{}`", p.text),
                            )?;
                        }
                    }
                }
            }
            for cc in &c.conditions {
                let role = role(&cc.key_lower, mode, sets)?;
                let family = cc.operator.node.base.family();
                if !family_fits(family, role, &cc.key_lower) {
                    return Err(unknown(format!(
                        "`{}` compares `{}` with {} values; the analysis covers each key with the operators of its type",
                        cc.operator.node, cc.key.node, format!("{family:?}").to_lowercase()
                    )));
                }
                for v in &cc.values {
                    let t = match &v.node {
                        Value::Text(t) | Value::Like(t, _) => Some(t),
                        Value::Arn(p) => p.resource_template(),
                        _ => None,
                    };
                    if let Some(t) = t {
                        check_variables(
                            t.variables(),
                            mode,
                            spec_context,
                            &format!("the condition `{}` on `{}`", cc.operator.node, cc.key.node),
                        )?;
                    }
                }
                conds.push(Cond { cond: cc, role });
            }
        }
    }
    Ok(conds)
}
