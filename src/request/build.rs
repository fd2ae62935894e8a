//! The context of a call: the request's keys (and the type's default task list), then the keys
//! of the call and the world (domain tags, user keys, the caller's, region, resource account,
//! clock, defaults).

#[cfg(test)]
mod tests;

use super::{caller, format_time, CallInputs, CallKeys, Context, StartRequest, ValueSource};
use crate::condition::KnownKey;
use crate::keys::{default_value, start_key, InStart};

/// What the world knows about the domain and type of a call, for the context.
#[derive(Clone, Debug, Default)]
pub struct WorldFacts<'a> {
    /// The type's `defaultTaskList`, when the type is known.
    pub default_task_list: Option<&'a str>,
    /// The domain's tags, when the domain is known.
    pub domain_tags: Option<&'a [(String, String)]>,
    /// Whether the domain's account is the world's `account` (else it is the caller's).
    pub account_of_world: bool,
}

/// Where `aws:ResourceAccount` came from: the world's `account`, else the caller's account.
const fn account_source(of_world: bool) -> ValueSource {
    if of_world {
        ValueSource::World
    } else {
        ValueSource::Principal
    }
}

/// Builds the context of a call: request keys, world keys, principal keys, user keys, defaults.
pub fn build_context(
    request: &StartRequest,
    call: &CallInputs,
    resource_account: &str,
    facts: &WorldFacts<'_>,
) -> Context {
    let mut cx = request_keys(request, facts);
    let account = (resource_account, account_source(facts.account_of_world));
    call_keys(&mut cx, call, account, facts.domain_tags);
    cx
}

/// [`build_context`], the keys that come from the call rather than the request (the domain's
/// tags, the user's keys, the caller's, the region, the resource account, the clock, the
/// defaults: eleven or more of a line's seventeen) copied from `calls`, which builds them once
/// for each call it meets.
pub fn build_context_with(
    request: &StartRequest,
    call: &CallInputs,
    resource_account: &str,
    facts: &WorldFacts<'_>,
    calls: &mut CallKeys,
) -> Context {
    let mut cx = request_keys(request, facts);
    let account = (resource_account, account_source(facts.account_of_world));
    let keys = calls.of(call, account, facts.domain_tags);
    if !cx.append(keys) {
        call_keys(&mut cx, call, account, facts.domain_tags);
    }
    cx
}

// The keys build_context sets, with their slots found at compile time: SWF's keys by the
// request member the catalogue says each comes from.
const NAME: KnownKey = KnownKey::new(start_key(InStart::TypeName));
const VERSION: KnownKey = KnownKey::new(start_key(InStart::TypeVersion));
const TASK_LIST: KnownKey = KnownKey::new(start_key(InStart::TaskList));
/// `swf:tagList.member.N` for each of the five tags SWF takes.
const MEMBERS: [KnownKey; 5] = {
    let mut out = [NAME; 5];
    let mut i = 0;
    while i < out.len() {
        out[i] = KnownKey::new(start_key(InStart::Tag(i as u8)));
        i += 1;
    }
    out
};
const PRINCIPAL_ACCOUNT: KnownKey = KnownKey::new("aws:PrincipalAccount");
const PRINCIPAL_TYPE: KnownKey = KnownKey::new("aws:PrincipalType");
const USERNAME: KnownKey = KnownKey::new("aws:username");
const REGION: KnownKey = KnownKey::new("aws:RequestedRegion");
const RESOURCE_ACCOUNT: KnownKey = KnownKey::new("aws:ResourceAccount");
const CURRENT_TIME: KnownKey = KnownKey::new("aws:CurrentTime");
const EPOCH_TIME: KnownKey = KnownKey::new("aws:EpochTime");
/// The keys that hold swfsim's default unless given, with the catalogue's value of each, in the
/// order a context lists them.
const DEFAULTS: [(KnownKey, &str); 3] = [
    known_default("aws:SecureTransport"),
    known_default("aws:ViaAWSService"),
    known_default("aws:PrincipalIsAWSService"),
];

/// A key with a default of swfsim's, and the catalogue's value of it.
const fn known_default(name: &'static str) -> (KnownKey, &'static str) {
    (KnownKey::new(name), default_value(name))
}

/// The keys of a context that come from the request (and the type's default task list): only
/// `swf:` keys, each with a slot. Each is set once on a new context, so each is pushed as a new
/// key (`push_known`: `set_known_str` first looks for the key, and sets it through the general
/// `put`).
fn request_keys(request: &StartRequest, facts: &WorldFacts<'_>) -> Context {
    let mut cx = Context::with_capacity(24);
    if let Some(t) = &request.workflow_type {
        if let Some(n) = &t.name {
            cx.push_known(NAME, n, ValueSource::Request);
        }
        if let Some(v) = &t.version {
            cx.push_known(VERSION, v, ValueSource::Request);
        }
    }
    match (request.task_list_name(), facts.default_task_list) {
        (Some(t), _) => cx.push_known(TASK_LIST, t, ValueSource::Request),
        (None, Some(d)) => cx.push_known(TASK_LIST, d, ValueSource::TypeDefault),
        (None, None) => {}
    }
    if let Some(tags) = &request.tag_list {
        for (&key, tag) in MEMBERS.iter().zip(tags) {
            cx.push_known(key, tag, ValueSource::Request);
        }
    }
    cx
}

/// Adds the keys that come from the call and the world to `cx` (see [`build_context`]); the
/// resource account with where it came from.
pub(super) fn call_keys(
    cx: &mut Context,
    call: &CallInputs,
    (resource_account, account_source): (&str, ValueSource),
    domain_tags: Option<&[(String, String)]>,
) {
    if let Some(tags) = domain_tags {
        for (k, v) in tags {
            cx.set_str(&format!("aws:ResourceTag/{k}"), v, ValueSource::World);
        }
    }
    for k in &call.user_keys {
        cx.set_values(&k.key, &k.values, ValueSource::CommandLine);
    }
    let p = &call.principal;
    // The tags an account export gives; a session tag given as a key overrides its role's.
    for (k, v) in &p.tags {
        let key = format!("aws:PrincipalTag/{k}");
        if !(call.user_keys.iter()).any(|u| u.key.eq_ignore_ascii_case(&key)) {
            cx.set_str(&key, v, ValueSource::Account);
        }
    }
    let principal: [(KnownKey, Option<&str>); 3] = [
        (PRINCIPAL_ACCOUNT, Some(&p.account)),
        (PRINCIPAL_TYPE, Some(p.kind.as_str())),
        (USERNAME, p.username.as_deref()),
    ];
    for (k, v) in principal {
        if let Some(v) = v {
            cx.set_default_known(k, v, ValueSource::Principal);
        }
    }
    caller::caller_keys(cx, p, &call.caller, &call.user_keys);
    cx.set_default_known(REGION, &call.region, ValueSource::Region);
    cx.set_default_known(RESOURCE_ACCOUNT, resource_account, account_source);
    // The clock's values are formatted only when the call does not give them.
    for (k, value) in [
        (CURRENT_TIME, format_time as fn(i64) -> String),
        (EPOCH_TIME, |t: i64| t.to_string()),
    ] {
        cx.set_default_known_with(k, || value(call.now), ValueSource::Clock);
    }
    for (k, v) in DEFAULTS {
        cx.set_default_known(k, v, ValueSource::Default);
    }
}
