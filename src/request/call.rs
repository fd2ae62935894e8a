//! Everything about the call that is not the request itself.

use super::{CallerFacts, Principal, UserKey};

/// Everything about the call that is not the request itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallInputs {
    /// The caller (shared: the lines of a batch name few callers, each parsed once).
    pub principal: std::sync::Arc<Principal>,
    /// The region the call is sent to.
    pub region: String,
    /// Context keys the user supplied.
    pub user_keys: Vec<UserKey>,
    /// The time of the call, epoch seconds (for `aws:CurrentTime` and `aws:EpochTime`).
    pub now: i64,
    /// What the user says of the caller beyond its ARN.
    pub caller: CallerFacts,
}

impl CallInputs {
    /// Adds a context key the user supplied, replacing one of the same name in any case.
    pub fn set_user_key(&mut self, k: UserKey) {
        self.user_keys
            .retain(|u| !u.key.eq_ignore_ascii_case(&k.key));
        self.user_keys.push(k);
    }
}
