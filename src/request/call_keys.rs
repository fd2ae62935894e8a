//! A call's keys, built once and copied into the contexts of its requests: a batch makes few
//! calls.

use super::build::call_keys;
use super::{CallInputs, CallShared, CallerFacts, Context, Principal, ValueSource};

/// The keys [`build_context`](super::build_context) takes from the call and the world, built
/// once for each call (caller, region, user keys, clock, resource account, domain tags) and
/// copied into the contexts of its requests: a batch makes few calls. Holds no global state:
/// one per thread.
#[derive(Default)]
pub struct CallKeys {
    /// Calls met, by a hash of what they are made of; a call that finds its place taken by
    /// another replaces it.
    places: Vec<CallPlace>,
}

/// A place of [`CallKeys`]: what a call is made of, and its keys (none yet: an empty place).
type CallPlace = Option<(CallMade, std::sync::Arc<CallShared>)>;

/// What a call's keys are built from.
struct CallMade {
    caller: CallerFacts,
    principal: std::sync::Arc<Principal>,
    region: String,
    user_keys: Vec<(String, Vec<String>)>,
    now: i64,
    account: (String, ValueSource),
    tags: Option<Vec<(String, String)>>,
}

/// The resource account of a call, and where it came from.
type Account<'a> = (&'a str, ValueSource);

impl CallMade {
    fn new(call: &CallInputs, account: Account<'_>, tags: Option<&[(String, String)]>) -> CallMade {
        CallMade {
            caller: call.caller,
            principal: call.principal.clone(),
            region: call.region.clone(),
            user_keys: call
                .user_keys
                .iter()
                .map(|u| (u.key.clone(), u.values.clone()))
                .collect(),
            now: call.now,
            account: (account.0.to_string(), account.1),
            tags: tags.map(<[_]>::to_vec),
        }
    }

    fn is(
        &self,
        call: &CallInputs,
        account: Account<'_>,
        tags: Option<&[(String, String)]>,
    ) -> bool {
        self.now == call.now
            && self.caller == call.caller
            && (std::sync::Arc::ptr_eq(&self.principal, &call.principal)
                || *self.principal == *call.principal)
            && self.region == call.region
            && self.account.0 == account.0
            && self.account.1 == account.1
            && self.user_keys.len() == call.user_keys.len()
            && self
                .user_keys
                .iter()
                .zip(&call.user_keys)
                .all(|((k, v), u)| *k == u.key && *v == u.values)
            && self.tags.as_deref() == tags
    }
}

impl CallKeys {
    /// Places kept: a batch with more calls than this rebuilds some.
    pub const PLACES: usize = 256;

    /// The keys of `call` for a domain of `account` with `tags`, as [`call_keys`] adds them to
    /// an empty context.
    pub(super) fn of(
        &mut self,
        call: &CallInputs,
        account: Account<'_>,
        tags: Option<&[(String, String)]>,
    ) -> std::sync::Arc<CallShared> {
        use std::hash::{Hash, Hasher};
        let mut h = crate::hash::WordHasher::default();
        h.write_u64(call.now as u64);
        call.caller.hash(&mut h);
        h.write(call.principal.arn.as_bytes());
        h.write(call.region.as_bytes());
        h.write(account.0.as_bytes());
        for u in &call.user_keys {
            h.write(u.key.as_bytes());
            h.write_usize(u.values.len());
            for v in &u.values {
                h.write(v.as_bytes());
            }
        }
        h.write_usize(tags.map_or(usize::MAX, <[_]>::len));
        if self.places.is_empty() {
            self.places.resize_with(Self::PLACES, || None);
        }
        let place = &mut self.places[(h.finish() >> 56) as usize % Self::PLACES];
        match place {
            Some((made, keys)) if made.is(call, account, tags) => keys.clone(),
            _ => {
                let mut keys = Context::with_capacity(16);
                call_keys(&mut keys, call, account, tags);
                let keys = std::sync::Arc::new(CallShared::new(keys));
                *place = Some((CallMade::new(call, account, tags), keys.clone()));
                keys
            }
        }
    }
}
