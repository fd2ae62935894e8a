//! The passes of one caller: which keys AWS includes in the calls each pass covers.

use super::scope::Scope;
use super::space::statements;
use crate::eval::PolicySet;
use crate::keys::Availability;
use crate::request::{Principal, UserKey};

/// The caller and the call as one pass of the analysis covers them: what the key catalogue
/// makes present, absent, or free for them. A caller who may sign either way (an IAM user, the
/// root user) is analysed with long-term and with temporary credentials when a policy reads a
/// key only the latter carry, and every call directly and through a VPC endpoint when a policy
/// reads a network key: each pass fixes which keys AWS includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Mode {
    /// No caller named: any IAM user of the domain's account.
    pub(super) free: bool,
    /// The caller's type (an IAM user when none is named).
    pub(super) kind: crate::request::PrincipalType,
    /// Signed with temporary credentials.
    pub(super) temporary: bool,
    /// Sent through a VPC endpoint.
    pub(super) via_endpoint: bool,
    /// Whether the pass is one of two, direct and through an endpoint (a policy reads a network
    /// key): its witness then says which.
    pub(super) network: bool,
    /// The account belongs to an organization.
    pub(super) organization: bool,
}

/// Whether AWS includes a catalogued key in a call of this mode: always, never, or it may.
pub(super) fn presence(a: Availability, m: &Mode) -> Option<bool> {
    use crate::request::PrincipalType as P;
    let (always, maybe, never) = (Some(true), Some(false), None);
    match a {
        Availability::Always => always,
        Availability::IamUser => {
            if m.kind == P::User {
                always
            } else {
                never
            }
        }
        Availability::TemporaryCredentials if m.temporary => always,
        Availability::MultiFactor if m.temporary => maybe,
        Availability::TemporaryCredentials | Availability::MultiFactor => never,
        Availability::Organization if m.organization => always,
        Availability::Organization => never,
        Availability::NotViaVpcEndpoint if m.via_endpoint => never,
        Availability::NotViaVpcEndpoint => always,
        Availability::ViaVpcEndpoint if m.via_endpoint => always,
        Availability::ViaVpcEndpoint => never,
        Availability::RoleSession if m.kind == P::AssumedRole => maybe,
        Availability::AssumeRoot if m.kind == P::Account && m.temporary => maybe,
        Availability::RoleSession | Availability::AssumeRoot => never,
        Availability::PrincipalTags
        | Availability::ResourceTags
        | Availability::ForwardAccess
        | Availability::CallerSends => maybe,
        Availability::ServicePrincipal | Availability::NeverForSwf => never,
    }
}

/// The passes one caller needs: with temporary credentials only for a session or a
/// federated user, both ways for a caller who may sign either way when a policy reads a key
/// only temporary credentials carry; directly and through a VPC endpoint when a policy reads a
/// network key. The account is in an organization when service or resource control policies
/// apply, or an organization key is fixed.
pub(super) fn modes(sets: &[&PolicySet], caller: Option<&Principal>, scope: &Scope) -> Vec<Mode> {
    // Whether a policy reads, or the SPEC fixes, a key of these rules.
    let reads = |rules: &[Availability]| {
        let of = |k: &str| crate::keys::under(k, rules);
        scope.spec.context.iter().any(|(k, _)| of(k))
            || sets.iter().any(|set| {
                statements(set).any(|(_, c)| c.conditions.iter().any(|cc| of(&cc.key_lower)))
            })
    };
    let kind = caller.map_or(crate::request::PrincipalType::User, |p| p.kind);
    let always_temporary = caller.is_some_and(Principal::always_temporary);
    let credentials: &[bool] = if always_temporary {
        &[true]
    } else if reads(&[
        Availability::TemporaryCredentials,
        Availability::MultiFactor,
        Availability::AssumeRoot,
    ]) {
        &[false, true]
    } else {
        &[false]
    };
    let network: &[bool] = if reads(&[
        Availability::NotViaVpcEndpoint,
        Availability::ViaVpcEndpoint,
    ]) {
        &[false, true]
    } else {
        &[false]
    };
    let spec_keys = user_keys(&scope.spec.context);
    // Without SCP or RCP levels, nothing says whether the account is in an organization: both.
    let organization: &[bool] = if crate::request::member(&caller_facts(sets), &spec_keys) {
        &[true]
    } else if reads(&[Availability::Organization]) {
        &[false, true]
    } else {
        &[false]
    };
    let mut out = Vec::new();
    for &temporary in credentials {
        for &via_endpoint in network {
            for &organization in organization {
                let mode = Mode {
                    free: caller.is_none(),
                    kind,
                    temporary,
                    via_endpoint,
                    network: network.len() > 1,
                    organization,
                };
                // A key the SPEC fixes is present: no pass where AWS leaves it out.
                let fits = spec_keys.iter().all(|k| {
                    crate::keys::lookup(&k.key)
                        .is_none_or(|g| presence(g.availability, &mode).is_some())
                });
                if fits {
                    out.push(mode);
                }
            }
        }
    }
    out
}

/// What the analysed sets say of the caller: an account with service or resource control
/// policies belongs to an organization.
pub(super) fn caller_facts(sets: &[&PolicySet]) -> crate::request::CallerFacts {
    let org = sets
        .iter()
        .any(|s| !s.scps.is_empty() || !s.rcps.is_empty());
    crate::request::CallerFacts {
        credentials: None,
        organization: if org {
            crate::request::Organization::Member
        } else {
            crate::request::Organization::Unstated
        },
        defaulted: Default::default(),
        policies_are_its_own: false,
    }
}

/// Single-valued keys as the simulator takes them from a user.
pub(super) fn user_keys(pairs: &[(String, String)]) -> Vec<UserKey> {
    pairs
        .iter()
        .map(|(k, v)| UserKey {
            key: k.clone(),
            values: vec![v.clone()],
            span: crate::source::Span::default(),
        })
        .collect()
}
