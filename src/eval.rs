//! Decisions: which policies apply, and the answer IAM gives.
//!
//! [`evaluate`] walks every statement of every policy and keeps a full trace: for each statement,
//! whether Action, Resource (and, for RCPs, Principal) matched and how each condition fared.
//! [`decide`] is the fast path: same inputs, same [`combine`] rule, early exits and no trace.
//! Tests prove the two agree.
//!
//! Combination ([`combine`], after the IAM User Guide's "Policy evaluation logic"; the root caller
//! as `docs/semantics.md` says): an applicable `Deny` anywhere is an
//! explicit deny. Otherwise every RCP level (each implicitly holds `RCPFullAWSAccess`), every SCP
//! level, the identity policies (unless the caller is the account root), the permissions boundary
//! (if any, unless root) and the session policies (if any) must each have an applicable `Allow`;
//! a caller from another account than the domain's is denied (SWF has no resource policies).

use crate::arn::ArnParts;
use crate::condition::{compile_statement, CompiledCondition, ConditionOutcome, Lookup, Truth};
use crate::pattern::{Pattern, PatternSet, Variable};
use crate::policy::{
    self, Effect, PolicyDocument, PolicyError, PolicyKind, ResourceItem, Statement,
};
use crate::request::{Context, Principal};
use crate::source::{SourceId, Span};

/// A policy ready to evaluate.
#[derive(Clone, Debug)]
pub struct CompiledPolicy {
    /// The lowered document (shared: a policy many callers use is cloned cheaply).
    pub doc: std::sync::Arc<PolicyDocument>,
    /// Its statements, compiled, in order.
    pub statements: std::sync::Arc<Vec<CompiledStatement>>,
}

/// A statement ready to evaluate.
#[derive(Clone, Debug)]
pub struct CompiledStatement {
    /// Action (or NotAction) patterns, case-insensitive.
    pub actions: Vec<Pattern>,
    /// The same patterns as a set, for long lists.
    pub action_set: Option<PatternSet>,
    /// Whether Action / NotAction lets `swf:StartWorkflowExecution` through, decided once.
    pub start_action: bool,
    /// The first Action / NotAction item that matches `swf:StartWorkflowExecution`, found once.
    pub start_item: Option<usize>,
    /// The conditions, one per operator and key.
    pub conditions: Vec<CompiledCondition>,
    /// The Sid, shared with every trace of the statement (a trace copies no text).
    pub sid: Option<std::sync::Arc<str>>,
    /// Whether a condition's value holds a policy variable (the conditions then read other
    /// keys than their own), found once.
    pub conditions_read_variables: bool,
    /// Whether a Resource (or NotResource) item holds a policy variable, found once.
    pub resource_reads_variables: bool,
}

/// Compiles a lowered document; unknown condition operators are errors.
pub fn compile(doc: PolicyDocument) -> (CompiledPolicy, Vec<PolicyError>) {
    let variables = doc.variables_enabled();
    let mut errors = Vec::new();
    let conditions = (doc.statements.iter())
        .map(|s| {
            let path = if doc.statement_is_object {
                "Statement".to_string()
            } else {
                format!("Statement[{}]", s.index)
            };
            let (conditions, mut errs) = compile_statement(s, variables, &path);
            errors.append(&mut errs);
            conditions
        })
        .collect();
    (compile_with(doc, conditions), errors)
}

/// Compiles a lowered document whose conditions are compiled already, one list a statement
/// (as [`compile_statement`] gives them: a linter's, so that a file read to be linted and
/// evaluated is read and compiled once).
pub fn compile_with(
    mut doc: PolicyDocument,
    conditions: Vec<Vec<CompiledCondition>>,
) -> CompiledPolicy {
    for s in &mut doc.statements {
        // The conditions are compiled: their lowered form is read by nothing after this, and
        // weighs as much as the rest of the statement.
        s.conditions = Vec::new();
        for item in s.resource.iter_mut().flat_map(|r| r.node.items.iter_mut()) {
            if let ResourceItem::Arn(p) = &mut item.node {
                p.bind_slots(&crate::condition::key_slot);
            }
        }
    }
    let mut statements = Vec::with_capacity(doc.statements.len());
    for (s, conditions) in doc.statements.iter().zip(conditions) {
        let actions: Vec<Pattern> = s
            .action
            .items
            .iter()
            .map(|a| Pattern::wildcard(&a.node, true))
            .collect();
        let action_set = (actions.len() >= 8)
            .then(|| PatternSet::new(s.action.items.iter().map(|a| a.node.as_str()), true));
        let start_item = actions
            .iter()
            .position(|p| p.matches(crate::request::ACTION));
        statements.push(CompiledStatement {
            start_action: start_item.is_some() != s.action.negated,
            start_item,
            actions,
            action_set,
            conditions_read_variables: conditions.iter().any(CompiledCondition::has_variables),
            resource_reads_variables: s
                .resource
                .iter()
                .flat_map(|r| &r.node.items)
                .any(|i| matches!(&i.node, ResourceItem::Arn(p) if p.has_variables())),
            conditions,
            sid: s.sid.as_ref().map(|x| x.node.as_str().into()),
        });
    }
    CompiledPolicy {
        doc: doc.into(),
        statements: statements.into(),
    }
}

/// Parses, lowers and compiles one policy file, reporting every problem at once.
pub fn load(
    text: &str,
    source: SourceId,
    kind: PolicyKind,
) -> Result<Vec<CompiledPolicy>, Vec<PolicyError>> {
    let lowered = policy::parse(text, source, kind);
    let mut errors = lowered.errors;
    let mut out = Vec::new();
    for doc in lowered.documents {
        let (c, mut errs) = compile(doc);
        errors.append(&mut errs);
        out.push(c);
    }
    errors.sort_by_key(|e| e.span.start);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The caller's policies, by type.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    /// Identity-based policies.
    pub identity: Vec<CompiledPolicy>,
    /// The permissions boundary (one file), if any.
    pub boundary: Option<Vec<CompiledPolicy>>,
    /// SCP levels, root first; each level may hold several policies.
    pub scps: Vec<Vec<CompiledPolicy>>,
    /// RCP levels.
    pub rcps: Vec<Vec<CompiledPolicy>>,
    /// Session policies (one layer).
    pub session: Vec<CompiledPolicy>,
    /// What each SCP and RCP level is, when an org file says (`OU Prod (ou-ab12-prod0001)`).
    pub level_names: LevelNames,
}

/// The names of SCP and RCP levels, by level (none for levels given as files).
#[derive(Clone, Debug, Default)]
pub struct LevelNames {
    /// SCP levels' names, root first.
    pub scp: Vec<String>,
    /// RCP levels' names, root first.
    pub rcp: Vec<String>,
}

/// A policy type in the evaluation, with its level for SCPs and RCPs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "type", content = "level", rename_all = "camelCase")]
pub enum Layer {
    /// Resource control policies, level n (0-based).
    Rcp(usize),
    /// Service control policies, level n.
    Scp(usize),
    /// Identity-based policies.
    Identity,
    /// Permissions boundary.
    Boundary,
    /// Session policies.
    Session,
}

impl Layer {
    /// Words for a person.
    pub fn describe(self) -> String {
        match self {
            Layer::Rcp(l) => format!("resource control policies (level {})", l + 1),
            Layer::Scp(l) => format!("service control policies (level {})", l + 1),
            Layer::Identity => "identity-based policies".into(),
            Layer::Boundary => "permissions boundary".into(),
            Layer::Session => "session policies".into(),
        }
    }
}

impl PolicySet {
    /// Words for a layer, with its level's name when an org file gave one: `service control
    /// policies (level 3: OU Prod (ou-ab12-prod0001))`.
    pub fn describe_layer(&self, layer: Layer) -> String {
        let named = match layer {
            Layer::Scp(i) => self.level_names.scp.get(i),
            Layer::Rcp(i) => self.level_names.rcp.get(i),
            _ => None,
        };
        match (layer, named) {
            (Layer::Scp(i), Some(n)) => format!("service control policies (level {}: {n})", i + 1),
            (Layer::Rcp(i), Some(n)) => format!("resource control policies (level {}: {n})", i + 1),
            _ => layer.describe(),
        }
    }

    /// The Action and Resource entries of a traced statement, as written.
    pub fn statement_texts(&self, r: &StatementRef) -> (Vec<String>, Vec<String>) {
        let found = self
            .layers()
            .into_iter()
            .filter(|(l, _)| *l == r.layer)
            .flat_map(|(_, ps)| ps.iter())
            .filter(|p| p.doc.source == r.source && p.doc.index as u32 == r.document)
            .find_map(|p| {
                // A statement's index is its place in the document, so look there first.
                let at = p.doc.statements.get(r.index as usize);
                at.filter(|s| s.index as u32 == r.index)
                    .or_else(|| p.doc.statements.iter().find(|s| s.index as u32 == r.index))
            });
        let Some(s) = found else {
            return (Vec::new(), Vec::new());
        };
        let actions = s.action.items.iter().map(|a| a.node.clone()).collect();
        let resources = s
            .resource
            .as_ref()
            .map(|r| {
                r.node
                    .items
                    .iter()
                    .map(|i| match &i.node {
                        ResourceItem::Any => "*".to_string(),
                        ResourceItem::Arn(p) => p.text.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        (actions, resources)
    }

    /// Every layer with its policies, in evaluation order.
    pub fn layers(&self) -> Vec<(Layer, &[CompiledPolicy])> {
        self.layer_order()
            .map(|l| (l, self.policies_of(l)))
            .collect()
    }

    /// The layers in evaluation order: RCP levels, SCP levels, identity policies, the boundary
    /// (if any), session policies (if any). Allocates nothing.
    pub fn layer_order(&self) -> impl Iterator<Item = Layer> + '_ {
        (0..self.rcps.len())
            .map(Layer::Rcp)
            .chain((0..self.scps.len()).map(Layer::Scp))
            .chain(std::iter::once(Layer::Identity))
            .chain(self.boundary.as_ref().map(|_| Layer::Boundary))
            .chain((!self.session.is_empty()).then_some(Layer::Session))
    }

    /// How many statements the set holds: a full evaluation's traces.
    pub fn statement_count(&self) -> usize {
        self.layer_order()
            .map(|l| {
                self.policies_of(l)
                    .iter()
                    .map(|p| p.statements.len())
                    .sum::<usize>()
            })
            .sum()
    }

    /// Calls `f` with every statement's compiled form, in the order an evaluation traces them
    /// (layer after layer, policy after policy): the `n`th is that of an evaluation's `n`th
    /// trace, for [`Detail::Full`] and [`Detail::Deferred`]. (Loops, not an iterator of
    /// iterators: a line's writer walks this, and the nested iterator was not inlined.)
    pub fn each_compiled<'a>(&'a self, mut f: impl FnMut(&'a CompiledStatement)) {
        for layer in self.layer_order() {
            for p in self.policies_of(layer) {
                for (_, c) in p.doc.statements.iter().zip(p.statements.iter()) {
                    f(c);
                }
            }
        }
    }

    /// A layer's policies (none for a level or a layer the set lacks).
    pub fn policies_of(&self, layer: Layer) -> &[CompiledPolicy] {
        match layer {
            Layer::Rcp(i) => self.rcps.get(i).map_or(&[], Vec::as_slice),
            Layer::Scp(i) => self.scps.get(i).map_or(&[], Vec::as_slice),
            Layer::Identity => &self.identity,
            Layer::Boundary => self.boundary.as_deref().unwrap_or(&[]),
            Layer::Session => &self.session,
        }
    }
}

/// One authorization question.
#[derive(Clone, Copy, Debug)]
pub struct EvalRequest<'a> {
    /// The action, `swf:StartWorkflowExecution`.
    pub action: &'a str,
    /// The resource ARN.
    pub resource: &'a str,
    /// The account that owns the resource.
    pub resource_account: &'a str,
    /// The caller.
    pub principal: &'a Principal,
    /// The request context.
    pub context: &'a Context,
}

/// The answer, in the vocabulary of IAM's policy simulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// Allowed.
    Allowed,
    /// An applicable Deny statement.
    ExplicitDeny,
    /// Nothing allowed it (where something had to).
    ImplicitDeny,
    /// It depends on something the tool could not decide (see the trace).
    Unknown,
}

impl Decision {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
            Decision::Unknown => "unknown",
        }
    }
}

/// Why the decision is what it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Reason {
    /// Every required layer allowed and nothing denied.
    Allowed {
        /// True when the caller is the account root, which needs no identity-policy Allow.
        root: bool,
    },
    /// A Deny statement in this layer applied.
    ExplicitDeny {
        /// The first layer with an applicable Deny.
        layer: Layer,
    },
    /// This layer had no applicable Allow.
    NoAllow {
        /// The first such layer.
        layer: Layer,
    },
    /// The caller's account is not the domain's.
    CrossAccount {
        /// The caller's account.
        principal_account: String,
        /// The domain's account.
        resource_account: String,
    },
    /// A condition that could not be evaluated decides the answer.
    Undecided,
}

/// Action or Resource (or Principal) matching of one statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchTrace {
    /// Whether the element lets the statement apply (after `Not...` negation).
    pub matched: bool,
    /// The item that matched the request (for `Not...`, the item that excluded it), if any.
    /// Counted in 32 bits, so that a statement's trace is copied inline (128 bytes, not 168):
    /// a list of more items could not be read (its JSON alone would pass 8 GB), and
    /// [`MatchTrace::matched`] never depends on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// True for `NotAction` / `NotResource`.
    pub negated: bool,
    /// The element's match depends on a policy variable whose key's value is not known: then
    /// `matched` is true (the statement nearly applied) and the statement applies at most
    /// "unknown".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unknown: bool,
}

impl MatchTrace {
    /// The trace of an element whose items were searched: `item` is the one that matched.
    fn found(item: Option<usize>, negated: bool) -> MatchTrace {
        MatchTrace {
            matched: item.is_some() != negated,
            item: item.and_then(|i| u32::try_from(i).ok()),
            negated,
            unknown: false,
        }
    }

    /// Whether the element lets the statement apply, in three values.
    pub fn truth(&self) -> Truth {
        match (self.matched, self.unknown) {
            (false, _) => Truth::False,
            (true, false) => Truth::True,
            (true, true) => Truth::Unknown,
        }
    }
}

/// One statement, located.
#[derive(Clone, Debug, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementRef {
    /// The layer.
    pub layer: Layer,
    /// The file.
    #[serde(skip)]
    pub source: SourceId,
    /// Which document of the file (SCP/RCP arrays). In 32 bits, as [`MatchTrace::item`]: a
    /// file of more documents or statements could not be read (its JSON alone would pass 8 GB),
    /// and a trace with its place stays within 128 bytes.
    pub document: u32,
    /// The statement's index in its document.
    pub index: u32,
    /// Its Sid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<std::sync::Arc<str>>,
    /// Its effect.
    pub effect: Effect,
    /// Its span.
    #[serde(skip)]
    pub span: Span,
}

/// One condition's trace.
#[derive(Clone, Debug, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionTrace {
    /// The operator as written (shared with the compiled condition: a trace copies no text).
    pub operator: std::sync::Arc<str>,
    /// The key as written.
    pub key: std::sync::Arc<str>,
    /// The policy values as written.
    pub policy_values: std::sync::Arc<[String]>,
    /// Where the operator's key stands.
    #[serde(skip)]
    pub span: Span,
    /// The key's slot in a request context (see [`crate::condition::key_slot`]).
    #[serde(skip)]
    pub slot: Option<u8>,
    /// How it went.
    #[serde(flatten)]
    pub outcome: ConditionOutcome,
}

/// Field by field, as `derive(PartialEq)` compares; the shared Sid is one pointer compare.
impl PartialEq for StatementRef {
    fn eq(&self, other: &StatementRef) -> bool {
        // Every field named: a new one cannot be left out of the comparison.
        let StatementRef {
            layer,
            source,
            document,
            index,
            sid,
            effect,
            span,
        } = self;
        *layer == other.layer
            && *source == other.source
            && *document == other.document
            && *index == other.index
            && match (sid, &other.sid) {
                (Some(a), Some(b)) => same_shared(a, b),
                (None, None) => true,
                _ => false,
            }
            && *effect == other.effect
            && *span == other.span
    }
}

/// Field by field, as `derive(PartialEq)` compares; the texts a trace shares with its compiled
/// condition are one pointer compare each when they are the same allocation (std compares the
/// contents of an `Arc<str>` or `Arc<[String]>` every time: its pointer shortcut is only for
/// sized contents), as the render cache's traces are.
impl PartialEq for ConditionTrace {
    fn eq(&self, other: &ConditionTrace) -> bool {
        // Every field named: a new one cannot be left out of the comparison.
        let ConditionTrace {
            operator,
            key,
            policy_values,
            span,
            slot,
            outcome,
        } = self;
        same_shared(operator, &other.operator)
            && same_shared(key, &other.key)
            && same_shared(policy_values, &other.policy_values)
            && *span == other.span
            && *slot == other.slot
            && *outcome == other.outcome
    }
}

/// `a == b`, settled at once when both are the same allocation.
fn same_shared<T: PartialEq + ?Sized>(a: &std::sync::Arc<T>, b: &std::sync::Arc<T>) -> bool {
    std::sync::Arc::ptr_eq(a, b) || **a == **b
}

/// One statement's trace.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementTrace {
    /// Which statement.
    #[serde(flatten)]
    pub statement: StatementRef,
    /// Action / NotAction.
    pub action: MatchTrace,
    /// Resource / NotResource.
    pub resource: MatchTrace,
    /// Principal (RCPs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<MatchTrace>,
    /// Each condition, for statements whose Action and Resource matched (empty otherwise).
    pub conditions: Vec<ConditionTrace>,
    /// Whether the statement applies to the request.
    pub applies: Truth,
    /// The statement's place among the set's statements, in the order of
    /// [`PolicySet::each_compiled`]: a renderer finds its compiled form by it. In 32 bits, as
    /// [`MatchTrace::item`] (a set of more statements could not be read).
    #[serde(skip)]
    pub position: u32,
}

// A trace is built and copied into its evaluation for every statement kept: at 168 bytes (see
// MatchTrace::item) and at 136 a brief line took more instructions than at 128. The build fails
// if it grows past 128.
const _: () = assert!(std::mem::size_of::<StatementTrace>() <= 128);

impl StatementTrace {
    /// Whether Action and Resource matched: the statement applied or nearly applied.
    pub fn relevant(&self) -> bool {
        self.action.matched
            && self.resource.matched
            && self.principal.as_ref().is_none_or(|p| p.matched)
    }
}

/// One layer's summary.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerTrace {
    /// Which layer.
    pub layer: Layer,
    /// Whether an Allow applies (RCP levels: always, through `RCPFullAWSAccess`).
    pub allow: Truth,
    /// Whether a Deny applies.
    pub deny: Truth,
    /// Whether this layer must allow for the call to be allowed.
    pub required: bool,
}

/// The full answer.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// Why.
    pub reason: Reason,
    /// Per layer.
    pub layers: Vec<LayerTrace>,
    /// The statements' traces, in the order of [`PolicySet::each_compiled`]: every statement of
    /// every policy ([`Detail::Full`]), those that apply ([`Detail::Brief`]), or those whose
    /// Action and Resource matched ([`Detail::Deferred`]).
    pub statements: Vec<StatementTrace>,
    /// Condition keys that relevant statements asked for and the request did not carry, or
    /// carried with a value swfsim does not know in full.
    pub missing_keys: Vec<String>,
    /// The keys with values not known in full that statements applying "unknown" read: giving
    /// them settles what the decision waits on.
    pub unknown_keys: Vec<String>,
    /// What it keeps: which statements `statements` holds, and whether with condition traces.
    #[serde(skip)]
    pub detail: Detail,
}

impl Evaluation {
    /// What [`Detail::Brief`] keeps of this evaluation: the statements that apply (true or
    /// unknown), without their conditions' traces; everything else as it is. An evaluation with
    /// [`Detail::Brief`] equals the full one's `brief()`.
    pub fn brief(&self) -> Evaluation {
        Evaluation {
            decision: self.decision,
            reason: self.reason.clone(),
            layers: self.layers.clone(),
            statements: self
                .statements
                .iter()
                .filter(|s| s.applies != Truth::False)
                .map(|s| StatementTrace {
                    conditions: Vec::new(),
                    ..s.clone()
                })
                .collect(),
            missing_keys: self.missing_keys.clone(),
            unknown_keys: self.unknown_keys.clone(),
            detail: Detail::Brief,
        }
    }
}

fn action_matches(s: &Statement, c: &CompiledStatement, action: &str) -> MatchTrace {
    let item = if action == crate::request::ACTION {
        c.start_item
    } else {
        c.actions.iter().position(|p| p.matches(action))
    };
    MatchTrace::found(item, s.action.negated)
}

/// Whether Action / NotAction lets `action` through; `start`: whether it is
/// `swf:StartWorkflowExecution`, whose answer each statement knows.
fn action_matches_known(s: &Statement, c: &CompiledStatement, action: &str, start: bool) -> bool {
    if start {
        return c.start_action;
    }
    let hit = match &c.action_set {
        Some(set) => set.is_match(action),
        None => c.actions.iter().any(|p| p.matches(action)),
    };
    hit != s.action.negated
}

fn resource_matches(s: &Statement, arn: &ArnParts<'_>, req: &EvalRequest<'_>) -> MatchTrace {
    resource_match_in(s, arn, req.context)
}

/// Whether a statement's `Resource` (or `NotResource`) lets it apply to `resource`, policy
/// variables read from `context`: the rule [`evaluate`] and [`decide`] use (unknown when it
/// depends on a variable whose key's value is not known).
pub fn resource_applies(s: &Statement, resource: &str, context: &dyn Lookup) -> Truth {
    resource_match_in(s, &ArnParts::new(resource), context).truth()
}

/// Whether a statement's `Principal` (RCPs) lets it apply to the caller, the caller's
/// `aws:PrincipalArn` read from `context`; true without one.
pub fn principal_applies(s: &Statement, p: &Principal, context: &Context) -> Truth {
    principal_matches(s, p, context).map_or(Truth::True, |m| m.truth())
}

fn resource_match_in(s: &Statement, arn: &ArnParts<'_>, context: &dyn Lookup) -> MatchTrace {
    let Some(r) = &s.resource else {
        return MatchTrace {
            matched: false,
            item: None,
            negated: false,
            unknown: false,
        };
    };
    let lookup = |v: &Variable| context.single_var(v);
    // An item with a variable swfsim cannot substitute neither matches nor fails for certain
    // (its default, if written, is not the value): it is passed over, and counts if no other
    // item matches.
    let unsure = |i: &ResourceItem| match i {
        ResourceItem::Arn(p) => context.any_unknown() && item_reads_unknown(p, context),
        ResourceItem::Any => false,
    };
    let mut undecided = false;
    let item = r.node.items.iter().position(|i| match &i.node {
        ResourceItem::Any => true,
        i if unsure(i) => {
            undecided = true;
            false
        }
        ResourceItem::Arn(p) => p.matches_parts(arn, &lookup),
    });
    if item.is_none() && undecided {
        return MatchTrace {
            matched: true,
            item: None,
            negated: r.node.negated,
            unknown: true,
        };
    }
    MatchTrace::found(item, r.node.negated)
}

/// Whether an ARN pattern holds a variable whose key's value is not known.
fn item_reads_unknown(p: &crate::arn::ArnPattern, context: &dyn Lookup) -> bool {
    p.resource_template()
        .is_some_and(|t| t.variables().any(|v| context.var_unknown(v)))
}

/// Whether an item of the statement's Resource holds a variable whose key's value is not known.
fn resource_reads_unknown(s: &Statement, context: &dyn Lookup) -> bool {
    s.resource
        .iter()
        .flat_map(|r| &r.node.items)
        .any(|i| match &i.node {
            ResourceItem::Arn(p) => item_reads_unknown(p, context),
            ResourceItem::Any => false,
        })
}

fn principal_matches(s: &Statement, p: &Principal, context: &Context) -> Option<MatchTrace> {
    let pr = s.principal.as_ref()?;
    let root = format!("arn:{}:iam::{}:root", p.partition, p.account);
    if pr.any {
        return Some(MatchTrace::found(Some(0), pr.negated));
    }
    let mut unknown = false;
    let item = pr.aws.iter().position(|a| {
        if a.node == p.arn || a.node == p.account || a.node == root {
            return true;
        }
        match principal_arn_is(&a.node, p, context) {
            Truth::True => true,
            Truth::Unknown => {
                unknown = true;
                false
            }
            Truth::False => false,
        }
    });
    if item.is_none() && unknown {
        return Some(MatchTrace {
            matched: true,
            item: None,
            negated: pr.negated,
            unknown: true,
        });
    }
    Some(MatchTrace::found(item, pr.negated))
}

/// Whether `arn` is the caller's `aws:PrincipalArn`, as the context knows it: the value given
/// or derived; unknown when it rests on a role path swfsim does not know (a session's default
/// `/`, an IAM Identity Center role's path) and `arn` is one the role could have.
fn principal_arn_is(arn: &str, p: &Principal, context: &Context) -> Truth {
    let Some(e) = context.get("aws:PrincipalArn") else {
        return Truth::from_bool(arn == p.principal_arn);
    };
    let values = context.entry_values(e);
    if let Some(known) = values.partial() {
        return known.may_be(arn);
    }
    // The simulator's default role path is no fact to match a role's ARN on.
    if e.source == crate::request::ValueSource::Default {
        if let Err(any_path) = p.principal_arn_certain() {
            return any_path.may_be(arn);
        }
    }
    Truth::from_bool(values.single() == Some(arn))
}

/// The reason for a traced evaluation's combination.
fn reason_of(c: &Combined, req: &EvalRequest<'_>, root: bool) -> Reason {
    match c.decision {
        Decision::Allowed => Reason::Allowed { root },
        Decision::ExplicitDeny => Reason::ExplicitDeny {
            layer: c.deny_layer.unwrap_or(Layer::Identity),
        },
        Decision::ImplicitDeny => match (c.unmet, cross_account(req)) {
            (Some(Unmet::CrossAccount), Some((pa, ra))) => Reason::CrossAccount {
                principal_account: pa.to_string(),
                resource_account: ra.to_string(),
            },
            (Some(Unmet::NoAllow(layer)), _) => Reason::NoAllow { layer },
            _ => Reason::NoAllow {
                layer: Layer::Identity,
            },
        },
        Decision::Unknown => Reason::Undecided,
    }
}

fn statement_ref(
    layer: Layer,
    doc: &PolicyDocument,
    s: &Statement,
    c: &CompiledStatement,
) -> StatementRef {
    StatementRef {
        layer,
        source: doc.source,
        document: doc.index as u32,
        index: s.index as u32,
        sid: c.sid.clone(),
        effect: s.effect.node,
        span: s.span,
    }
}

fn cross_account<'a>(req: &EvalRequest<'a>) -> Option<(&'a str, &'a str)> {
    (req.principal.account != req.resource_account)
        .then_some((req.principal.account.as_str(), req.resource_account))
}

/// Whether `set` allows a same-account call, in three-valued logic, given whether each
/// statement applies: the layers and the rule of [`evaluate`] (an applicable Deny anywhere
/// denies; each required layer needs an applicable Allow; RCP levels allow implicitly). The
/// analysis calls it with statements whose applicability is not yet known.
pub fn allows_given(
    set: &PolicySet,
    root: bool,
    applies: &mut dyn FnMut(&Statement, &CompiledStatement) -> Truth,
) -> Truth {
    // Every statement is decided (the caller learns from each), in every layer.
    let layer = |l: Layer, _need_allow: bool| {
        let (mut allow, mut deny) = (Truth::False, Truth::False);
        for p in set.policies_of(l) {
            for (s, c) in p.doc.statements.iter().zip(p.statements.iter()) {
                let t = applies(s, c);
                match s.effect.node {
                    Effect::Allow => allow = Truth::any([allow, t]),
                    Effect::Deny => deny = Truth::any([deny, t]),
                }
            }
        }
        (allow, deny)
    };
    combine(set.layer_order(), root, false, Visit::All, layer).allowed()
}

/// Evaluates with a full trace.
pub fn evaluate(set: &PolicySet, req: &EvalRequest<'_>) -> Evaluation {
    evaluate_with(set, req, Detail::Full)
}

/// How much of an [`Evaluation`] to keep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every statement's trace, with each condition's.
    #[default]
    Full,
    /// What a brief explanation shows: `statements` holds only the statements that apply
    /// (`applies` true or unknown: those that can decide), without condition traces. The
    /// decision, the reason, the layers and the missing keys are [`Detail::Full`]'s; conditions
    /// are decided as [`decide`] decides them. Tests hold the two to that on the workload.
    Brief,
    /// What a full explanation shows, without condition traces: `statements` holds only the
    /// statements whose Action and Resource (and Principal) matched, each with empty
    /// `conditions` and its `applies` decided as [`decide`] decides it; everything else is
    /// [`Detail::Full`]'s. Only for a renderer that traces a statement's conditions itself
    /// (with [`trace_conditions`]) when it has not written the same statement on the same
    /// values before, as a batch's cached JSON lines do; every other renderer needs
    /// [`Detail::Full`]. (The statements that did not match are not visited: building and
    /// dropping their traces was a tenth of a full JSON line's time.)
    Deferred,
}

/// [`evaluate_in`]'s copy for [`Detail::Full`].
pub(crate) const FULL: u8 = 0;
/// [`evaluate_in`]'s copy for [`Detail::Brief`].
pub(crate) const BRIEF: u8 = 1;
/// [`evaluate_in`]'s copy for [`Detail::Deferred`].
pub(crate) const DEFERRED: u8 = 2;

/// A statement's condition traces, as a [`Detail::Full`] evaluation holds them.
pub fn trace_conditions(c: &CompiledStatement, context: &Context) -> Vec<ConditionTrace> {
    c.conditions
        .iter()
        .map(|cc| ConditionTrace {
            operator: cc.shown.operator.clone(),
            key: cc.shown.key.clone(),
            policy_values: cc.shown.values.clone(),
            span: cc.key.span,
            slot: cc.slot,
            outcome: cc.evaluate(context),
        })
        .collect()
}

/// [`evaluate`], keeping what `detail` asks for.
#[inline]
pub fn evaluate_with(set: &PolicySet, req: &EvalRequest<'_>, detail: Detail) -> Evaluation {
    match detail {
        Detail::Full => evaluate_in::<FULL>(set, req, None),
        Detail::Brief => evaluate_in::<BRIEF>(set, req, None),
        Detail::Deferred => evaluate_in::<DEFERRED>(set, req, None),
    }
}

/// [`evaluate_with`], one copy for each detail ([`FULL`], [`BRIEF`], [`DEFERRED`]). `planned`: each
/// statement's Action and Resource traces, in the order of [`PolicySet::layers`], where an
/// [`Evaluator`] knows them for this action and resource. One loop over the layers, kept whole
/// (about 100 lines): it is the batch's hot path, and each detail's copy is made from it.
#[inline]
pub(crate) fn evaluate_in<const DETAIL: u8>(
    set: &PolicySet,
    req: &EvalRequest<'_>,
    planned: Option<&evaluator::Plan>,
) -> Evaluation {
    let root = req.principal.is_root();
    // The layers are walked in place (collecting them cost a tenth of a brief evaluation).
    let count = || set.statement_count();
    let layer_count = set.layer_order().count();
    // Sized once: growing these was a tenth of a traced evaluation's allocations.
    let mut found = Found {
        statements: Vec::with_capacity(if DETAIL == BRIEF { 4 } else { count() }),
        missing_keys: Vec::new(),
        unknown_keys: Vec::new(),
    };
    let mut layers = Vec::with_capacity(layer_count);
    let mut deny = Truth::False;
    let mut deny_layer = None;
    let arn = ArnParts::new(req.resource);
    // The first statement of the policy at hand, counted over all the policies in order (a
    // statement's place in the plan), and how far a brief evaluation is in the plan's list.
    let (mut first, mut next) = (0, 0);
    let mut reader = planned.map(|plan| plan.reader(req.action));
    for layer in set.layer_order() {
        let policies = set.policies_of(layer);
        let mut sums = (Truth::False, Truth::False);
        for p in policies {
            let here = first..first + p.statements.len();
            first = here.end;
            match planned {
                // A brief evaluation keeps only statements that apply, a deferred one those
                // that matched: each visits those whose Action and Resource matched (and those
                // matched per request), which the plan lists, and reads no other (walking every
                // statement and its plan entry was a quarter of a brief evaluation).
                Some(plan) if DETAIL != FULL => {
                    while let Some(&(i, planned)) = plan.brief.get(next) {
                        let i = i as usize;
                        if !here.contains(&i) {
                            break;
                        }
                        next += 1;
                        let k = i - here.start;
                        let (Some(s), Some(c)) = (p.doc.statements.get(k), p.statements.get(k))
                        else {
                            break;
                        };
                        let at = (i, s, c, planned);
                        found.statement::<DETAIL>(req, &arn, layer, p, at, &mut sums);
                    }
                }
                _ => {
                    for (k, (s, c)) in p.doc.statements.iter().zip(p.statements.iter()).enumerate()
                    {
                        let i = here.start + k;
                        let planned = (reader.as_mut()).and_then(|r| r.planned(i, s, c));
                        let at = (i, s, c, planned);
                        found.statement::<DETAIL>(req, &arn, layer, p, at, &mut sums);
                    }
                }
            }
        }
        let (mut allow, layer_deny) = sums;
        if matches!(layer, Layer::Rcp(_)) {
            allow = Truth::True;
        }
        if layer_deny != Truth::False && deny != Truth::True {
            if layer_deny == Truth::True || deny_layer.is_none() {
                deny_layer = Some(layer);
            }
            deny = Truth::any([deny, layer_deny]);
        }
        let req_layer = required(layer, root);
        layers.push(LayerTrace {
            layer,
            allow,
            deny: layer_deny,
            required: req_layer,
        });
    }
    let mut traced = layers.iter();
    let combined = combine(
        layers.iter().map(|l| l.layer),
        root,
        cross_account(req).is_some(),
        Visit::All,
        |_, _| {
            traced
                .next()
                .map_or((Truth::False, Truth::False), |t| (t.allow, t.deny))
        },
    );
    let (decision, reason) = (combined.decision, reason_of(&combined, req, root));
    Evaluation {
        decision,
        reason,
        layers,
        statements: found.statements,
        missing_keys: found.missing_keys,
        unknown_keys: found.unknown_keys,
        detail: match DETAIL {
            FULL => Detail::Full,
            BRIEF => Detail::Brief,
            _ => Detail::Deferred,
        },
    }
}

/// What [`evaluate_in`] gathers from the statements it visits.
struct Found {
    statements: Vec<StatementTrace>,
    missing_keys: Vec<String>,
    unknown_keys: Vec<String>,
}

/// Adds `key` to `keys` unless it is there in some case.
fn add_key(keys: &mut Vec<String>, key: &str) {
    if !keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        keys.push(key.to_string());
    }
}

/// Calls `f` with every policy variable a statement reads: in its conditions' String and ARN
/// values, and in its Resource (or NotResource).
fn each_variable<'s>(s: &'s Statement, c: &'s CompiledStatement, mut f: impl FnMut(&'s Variable)) {
    let templates = c
        .conditions
        .iter()
        .flat_map(|cc| &cc.values)
        .filter_map(|v| match &v.node {
            crate::condition::Value::Text(t) | crate::condition::Value::Like(t, _) => Some(t),
            crate::condition::Value::Arn(p) => p.resource_template(),
            _ => None,
        })
        .chain(
            s.resource
                .iter()
                .flat_map(|r| &r.node.items)
                .filter_map(|i| match &i.node {
                    ResourceItem::Arn(p) => p.resource_template(),
                    ResourceItem::Any => None,
                }),
        );
    for t in templates {
        t.variables().for_each(&mut f);
    }
}

/// The keys of the policy variables a statement reads that the call lacks or carries with a
/// value not known in full.
fn variable_keys(s: &Statement, c: &CompiledStatement, context: &Context, out: &mut Vec<String>) {
    each_variable(s, c, |v| {
        if context.single_var(v).is_none() || context.var_unknown(v) {
            add_key(out, &v.key);
        }
    });
}

/// The keys with values not known in full that a statement reads: its conditions' keys and
/// their values' variables, and its Resource's variables.
fn unknown_reads(s: &Statement, c: &CompiledStatement, context: &Context, out: &mut Vec<String>) {
    for cc in &c.conditions {
        if context
            .values_of(cc.slot, &cc.key_lower)
            .is_some_and(|v| v.partial().is_some())
        {
            add_key(out, &cc.shown.key);
        }
    }
    each_variable(s, c, |v| {
        if context.var_unknown(v) {
            add_key(out, &v.key);
        }
    });
}

impl Found {
    /// Visits a statement of policy `p` in `layer`, with its Action's and Resource's traces
    /// from a plan when it has them (else they are worked out here, against `arn`, the
    /// request's resource split): adds to the layer's `(allow, deny)`, keeps its trace and the
    /// keys its conditions miss.
    #[inline(always)]
    fn statement<const DETAIL: u8>(
        &mut self,
        req: &EvalRequest<'_>,
        arn: &ArnParts<'_>,
        layer: Layer,
        p: &CompiledPolicy,
        (position, s, c, planned): (usize, &Statement, &CompiledStatement, evaluator::Planned),
        (allow, layer_deny): &mut (Truth, Truth),
    ) {
        let (action, resource) = planned.unwrap_or_else(|| {
            (
                action_matches(s, c, req.action),
                resource_matches(s, arn, req),
            )
        });
        // A brief evaluation keeps only statements that apply, a deferred one those that
        // matched: one whose Action or Resource did not match changes nothing, and its
        // statement is not read (the loads of its Principal and Effect were among a brief
        // evaluation's hottest instructions, missing the cache).
        if DETAIL != FULL && !(action.matched && resource.matched) {
            return;
        }
        let principal = principal_matches(s, req.principal, req.context);
        let matched =
            action.matched && resource.matched && principal.as_ref().is_none_or(|p| p.matched);
        // Nor does a deferred one keep a statement that did not match: it would show nowhere.
        if DETAIL == DEFERRED && !matched {
            return;
        }
        // Conditions are traced for statements that applied or nearly applied; for the
        // others they cannot change anything, and no explanation shows them.
        let conditions: Vec<ConditionTrace> = if !matched || DETAIL != FULL {
            Vec::new()
        } else {
            trace_conditions(c, req.context)
        };
        let applies = if !matched {
            Truth::False
        } else if DETAIL != FULL {
            conditions_hold(&c.conditions, req.context)
        } else {
            Truth::all(conditions.iter().map(|c| c.outcome.result))
        };
        let unsure = resource.unknown || principal.as_ref().is_some_and(|p| p.unknown);
        let applies = if unsure {
            Truth::all([Truth::Unknown, applies])
        } else {
            applies
        };
        if matched {
            for cc in &c.conditions {
                // A key the call lacks, or carries with a value swfsim does not know (a `Null`
                // test's key included: giving it settles the test too).
                let missing = match req.context.values_of(cc.slot, &cc.key_lower) {
                    None => true,
                    Some(v) => v.is_empty() || v.partial().is_some(),
                };
                if missing {
                    add_key(&mut self.missing_keys, &cc.shown.key);
                }
            }
            // And the keys of the policy variables it reads, where the call lacks them.
            if c.conditions_read_variables || c.resource_reads_variables {
                variable_keys(s, c, req.context, &mut self.missing_keys);
            }
            if applies == Truth::Unknown && req.context.has_partial() {
                unknown_reads(s, c, req.context, &mut self.unknown_keys);
            }
        }
        match s.effect.node {
            Effect::Allow => *allow = Truth::any([*allow, applies]),
            Effect::Deny => *layer_deny = Truth::any([*layer_deny, applies]),
        }
        if DETAIL == BRIEF && applies == Truth::False {
            return;
        }
        self.statements.push(StatementTrace {
            statement: statement_ref(layer, &p.doc, s, c),
            action,
            resource,
            principal,
            conditions,
            applies,
            position: position as u32,
        });
    }
}

/// What [`decide`] works out once per request.
struct Fast<'a> {
    req: &'a EvalRequest<'a>,
    /// The resource ARN, split.
    arn: ArnParts<'a>,
    /// Whether the action is `swf:StartWorkflowExecution` (each statement knows its answer).
    start: bool,
}

fn applies_fast(s: &Statement, c: &CompiledStatement, f: &Fast<'_>) -> Truth {
    let req = f.req;
    if !action_matches_known(s, c, req.action, f.start) {
        return Truth::False;
    }
    match resource_matches(s, &f.arn, req).truth() {
        Truth::False => Truth::False,
        Truth::True => applies_matched(s, c, req),
        Truth::Unknown => Truth::all([Truth::Unknown, applies_matched(s, c, req)]),
    }
}

/// Whether a statement whose Action and Resource matched applies: its Principal (RCPs) and its
/// conditions, stopping at the first that fails.
fn applies_matched(s: &Statement, c: &CompiledStatement, req: &EvalRequest<'_>) -> Truth {
    match principal_applies(s, req.principal, req.context) {
        Truth::False => Truth::False,
        Truth::True => conditions_hold(&c.conditions, req.context),
        Truth::Unknown => Truth::all([Truth::Unknown, conditions_hold(&c.conditions, req.context)]),
    }
}

/// Whether a statement's conditions all hold, stopping at the first that fails.
fn conditions_hold(conditions: &[CompiledCondition], context: &Context) -> Truth {
    let mut t = Truth::True;
    for cc in conditions {
        match cc.holds(context) {
            Truth::False => return Truth::False,
            Truth::Unknown => t = Truth::Unknown,
            Truth::True => {}
        }
    }
    t
}

/// Decides without a trace, stopping as soon as the answer is known, allocating nothing. The
/// layers and the combination are those of [`evaluate`] and [`combine`].
pub fn decide(set: &PolicySet, req: &EvalRequest<'_>) -> Decision {
    let f = Fast {
        req,
        arn: ArnParts::new(req.resource),
        start: req.action == crate::request::ACTION,
    };
    // One layer's applicable Allow and Deny, stopping at the first Deny that applies; an Allow
    // is looked at only while the layer still needs one (an RCP level allows implicitly).
    let layer = |l: Layer, need_allow: bool| {
        let (mut allow, mut deny) = (Truth::False, Truth::False);
        for p in set.policies_of(l) {
            for (s, c) in p.doc.statements.iter().zip(p.statements.iter()) {
                match s.effect.node {
                    Effect::Deny => match applies_fast(s, c, &f) {
                        Truth::True => return (allow, Truth::True),
                        Truth::Unknown => deny = Truth::Unknown,
                        Truth::False => {}
                    },
                    Effect::Allow => {
                        if need_allow && allow != Truth::True {
                            allow = Truth::any([allow, applies_fast(s, c, &f)]);
                        }
                    }
                }
            }
        }
        (allow, deny)
    };
    combine(
        set.layer_order(),
        req.principal.is_root(),
        cross_account(req).is_some(),
        Visit::UntilDeny,
        layer,
    )
    .decision
}

mod combine;
mod decider;
mod evaluator;
mod pairs;
pub use combine::{combine, required, Combined, Unmet, Visit};
pub use decider::Decider;
pub use evaluator::Evaluator;

#[cfg(test)]
mod tests;
