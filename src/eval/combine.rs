//! IAM's combination of policy types, in one place: a Deny that applies in any layer denies;
//! otherwise each layer that must allow needs an Allow that applies (RCP levels allow through
//! `RCPFullAWSAccess`; the account root needs none from its identity policies or boundary); and
//! a caller from another account than the domain's is not allowed (SWF domains take no
//! resource-based policy). In three-valued logic throughout.
//!
//! Every engine calls [`combine`], each with its own way of finding whether a layer's statements
//! apply: the traced evaluation reads the layer traces it built, [`super::decide`] and the
//! [`super::Decider`] walk statements and stop early, and the analysis decides statements over a
//! partial assignment of the request.

use super::{Decision, Layer, Truth};

/// A requirement the call failed, the first in IAM's order: organization layers (RCP, then SCP
/// levels), then the missing resource-based policy of a cross-account call, then the identity
/// policies, the boundary and the session policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unmet {
    /// A layer that must allow had no Allow that applies.
    NoAllow(Layer),
    /// The caller's account is not the domain's.
    CrossAccount,
}

/// What the combination gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Combined {
    /// The decision.
    pub decision: Decision,
    /// The first layer in which a Deny applies, when one does.
    pub deny_layer: Option<Layer>,
    /// The first requirement that is certainly not met, if any.
    pub unmet: Option<Unmet>,
}

/// How the layers are visited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    /// Stop at the first layer in which a Deny applies: nothing after it changes the decision.
    UntilDeny,
    /// Visit every layer (a caller that learns from each statement it decides).
    All,
}

/// Whether a layer must allow for the call to be allowed: organization and session policies
/// always; identity policies and the boundary unless the caller is the account root.
pub fn required(layer: Layer, root: bool) -> bool {
    match layer {
        Layer::Rcp(_) | Layer::Scp(_) | Layer::Session => true,
        Layer::Identity | Layer::Boundary => !root,
    }
}

/// Combines the layers, in evaluation order ([`super::PolicySet::layer_order`]).
///
/// `layer(l, need_allow)` gives layer `l`'s `(allow, deny)`: whether an Allow statement of it
/// applies, and whether a Deny statement does. `need_allow` is false when the layer's Allow
/// cannot change the answer (an RCP level, or a layer the root caller needs no Allow from): the
/// caller may then skip its Allow statements, and the `allow` it gives is not read.
#[inline]
pub fn combine(
    order: impl Iterator<Item = Layer>,
    root: bool,
    cross_account: bool,
    visit: Visit,
    mut layer: impl FnMut(Layer, bool) -> (Truth, Truth),
) -> Combined {
    let mut deny = Truth::False;
    let mut deny_layer = None;
    let mut allowed = Truth::True;
    let mut unmet = None;
    let mut fail = |t: Truth, why: Unmet, allowed: &mut Truth| {
        if t == Truth::False {
            unmet.get_or_insert(why);
        }
        *allowed = Truth::all([*allowed, t]);
    };
    for l in order {
        if l == Layer::Identity && cross_account {
            fail(Truth::False, Unmet::CrossAccount, &mut allowed);
        }
        let need_allow = required(l, root) && !matches!(l, Layer::Rcp(_));
        let (allow, layer_deny) = layer(l, need_allow);
        if need_allow {
            fail(allow, Unmet::NoAllow(l), &mut allowed);
        }
        if layer_deny == Truth::True && deny != Truth::True {
            deny_layer = Some(l);
        }
        deny = Truth::any([deny, layer_deny]);
        if deny == Truth::True && visit == Visit::UntilDeny {
            break;
        }
    }
    // An unknown Deny cannot change a call nothing allows: it is denied either way, and the
    // missing Allow is the reason that is certain.
    let decision = match (deny, allowed) {
        (Truth::True, _) => Decision::ExplicitDeny,
        (Truth::False, Truth::True) => Decision::Allowed,
        (_, Truth::False) => Decision::ImplicitDeny,
        _ => Decision::Unknown,
    };
    Combined {
        decision,
        deny_layer,
        unmet,
    }
}

impl Combined {
    /// `True` when allowed, `False` when denied (explicitly or not), `Unknown` otherwise.
    pub fn allowed(&self) -> Truth {
        match self.decision {
            Decision::Allowed => Truth::True,
            Decision::ExplicitDeny | Decision::ImplicitDeny => Truth::False,
            Decision::Unknown => Truth::Unknown,
        }
    }
}
