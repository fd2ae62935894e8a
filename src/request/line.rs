//! A batch line to a request and a call: the plain reader first, the JSON tree's otherwise.

mod id;
mod plain;

use super::{
    check_caller_keys, check_world_key, context_from_json, members, validate_user_key, CallInputs,
    Credentials, InputError, Principal, StartRequest, UserKey, DEFAULT_PRINCIPAL,
};
use crate::source::Span;
pub use id::CaseId;

/// Reads the lines of a batch (`docs/contract.md`: a case object with `request` and optionally
/// `principal`, `region`, `context`, `id`, or a bare request) into the request and the call, `base`
/// supplying what a line does not say. A line in the plain form is read without building a
/// JSON tree; any other is read through the tree, which reports every problem with its place.
/// A reader remembers the callers it has parsed (a batch names few, and a caller ARN costs
/// more to parse than to copy): one per thread.
#[derive(Default)]
pub struct CaseReader {
    memory: Remembered,
    /// Whether the calls meet a world: a line may not set the keys it determines (see
    /// [`check_world_key`]).
    world: bool,
}

/// What a [`CaseReader`] keeps from line to line.
#[derive(Default)]
pub(crate) struct Remembered {
    /// Callers by ARN.
    principals: crate::hash::WordMap<Box<str>, std::sync::Arc<Principal>>,
    /// User keys (key and values) that [`validate_user_key`] accepted on recent lines: a batch
    /// repeats a few (a date a line, say), and checking one again is a lookup.
    valid_keys: Vec<(String, Vec<String>)>,
}

impl CaseReader {
    /// Callers remembered at most; all are forgotten when one more would exceed it.
    pub const MAX_PRINCIPALS: usize = 1024;

    /// Valid user keys remembered at most; all are forgotten when one more would exceed it.
    pub const MAX_VALID_KEYS: usize = 8;

    /// A reader for calls that meet a world when `world` (a line may not set the keys the
    /// world determines, see [`check_world_key`]).
    pub fn new(world: bool) -> CaseReader {
        CaseReader {
            world,
            ..CaseReader::default()
        }
    }

    /// The request and the call of one line, and the line's `id` when it has one.
    pub fn read(&mut self, line: &str, base: &CallInputs) -> Result<ReadCase, Vec<InputError>> {
        let (request, mut call, id) = match plain::plain_case(line, base, &mut self.memory) {
            Some(case) => case,
            None => tree_batch_case(line, base)?,
        };
        // Policies read for one caller answer for that caller only.
        if base.caller.policies_are_its_own
            && !std::sync::Arc::ptr_eq(&call.principal, &base.principal)
        {
            if call.principal.arn != base.principal.arn {
                return Err(vec![InputError::new(
                    format!(
                        "the line's caller `{}` is not `{}`, whose policies were read for it (--account-details, --org)",
                        call.principal.arn, base.principal.arn
                    ),
                    Span::default(),
                )
                .with_help("run once per caller, or ask `swfsim whocan`")]);
            }
            call.principal = base.principal.clone();
        }
        // What the line's caller could never carry (nothing to look at for a line with no keys
        // from a caller the command line already checked).
        if !call.user_keys.is_empty() || !std::sync::Arc::ptr_eq(&call.principal, &base.principal) {
            check_caller_keys(&call.principal, &call.caller, &call.user_keys)
                .map_err(|(_, e)| vec![e])?;
            if self.world {
                let errors: Vec<InputError> = (call.user_keys.iter())
                    .filter_map(|k| check_world_key(k).err())
                    .collect();
                if !errors.is_empty() {
                    return Err(errors);
                }
            }
        }
        Ok((request, call, id))
    }

    /// The tree reader alone, which [`CaseReader::read`] falls back to: every form of line,
    /// every problem reported. For comparing the two readers (tests, fuzzing).
    pub fn read_through_tree(line: &str, base: &CallInputs) -> Result<ReadCase, Vec<InputError>> {
        tree_batch_case(line, base)
    }
}

impl Remembered {
    /// The caller an ARN names, parsed once.
    fn principal(&mut self, arn: &str) -> Option<std::sync::Arc<Principal>> {
        if let Some(p) = self.principals.get(arn) {
            return Some(p.clone());
        }
        let p = std::sync::Arc::new(Principal::parse(arn).ok()?);
        if self.principals.len() >= CaseReader::MAX_PRINCIPALS {
            self.principals.clear();
        }
        self.principals.insert(arn.into(), p.clone());
        Some(p)
    }

    /// Whether [`validate_user_key`] accepts `k`.
    fn valid(&mut self, k: &UserKey) -> bool {
        if self
            .valid_keys
            .iter()
            .any(|(key, values)| *key == k.key && *values == k.values)
        {
            return true;
        }
        let ok = validate_user_key(k).is_ok();
        if ok {
            if self.valid_keys.len() >= CaseReader::MAX_VALID_KEYS {
                self.valid_keys.clear();
            }
            self.valid_keys.push((k.key.clone(), k.values.clone()));
        }
        ok
    }
}

/// What a batch line says: the request, the call, and the line's own `id`.
pub type ReadCase = (StartRequest, CallInputs, Option<CaseId>);

/// Reads the tree of a batch line (the general reader: every form, every problem reported).
fn tree_batch_case(line: &str, base: &CallInputs) -> Result<ReadCase, Vec<InputError>> {
    let j = crate::json::parse(line).map_err(|e| {
        vec![InputError::new(
            format!("invalid JSON: {}", e.kind),
            Span::new(e.offset as usize, e.offset as usize),
        )]
    })?;
    let mut call = base.clone();
    if j.get("request").is_none() {
        return bare_request(&j).map(|r| (r, call, None));
    }
    let mut errors = Vec::new();
    let fields = members(
        &j,
        "a batch case",
        &[
            "request",
            "principal",
            "region",
            "context",
            "credentials",
            "rolePath",
            "id",
        ],
        &mut errors,
    );
    let mut req = None;
    let mut role_path = None;
    let mut id = None;
    for (k, v) in fields {
        match k {
            "request" => match StartRequest::from_json(v) {
                Ok(r) => req = Some(r),
                Err(mut e) => errors.append(&mut e),
            },
            "principal" => match v.as_str().map(Principal::parse) {
                Some(Ok(p)) => {
                    // Named as the default is named, the caller is the default all the same.
                    call.caller.defaulted.principal = p.arn == DEFAULT_PRINCIPAL;
                    call.principal = p.into();
                }
                Some(Err(e)) => errors.push(InputError::new(e, v.span)),
                None => errors.push(InputError::new("`principal` must be a string", v.span)),
            },
            "region" => match v.as_str() {
                Some(r) => {
                    call.region = r.to_string();
                    call.caller.defaulted.region = false;
                }
                None => errors.push(InputError::new("`region` must be a string", v.span)),
            },
            "credentials" => match v.as_str() {
                Some("long-term") => call.caller.credentials = Some(Credentials::LongTerm),
                Some("temporary") => call.caller.credentials = Some(Credentials::Temporary),
                _ => errors.push(InputError::new(
                    "`credentials` must be `long-term` or `temporary`",
                    v.span,
                )),
            },
            "rolePath" => match v.as_str() {
                Some(path) => role_path = Some((path, v.span)),
                None => errors.push(InputError::new("`rolePath` must be a string", v.span)),
            },
            "id" => match CaseId::from_json(v) {
                Ok(i) => id = Some(i),
                Err(e) => errors.push(InputError::new(e, v.span)),
            },
            _ => match context_from_json(v) {
                Ok(keys) => {
                    for k in keys {
                        call.set_user_key(k);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            },
        }
    }
    if let Some((path, span)) = role_path {
        match Principal::clone(&call.principal).with_role_path(path) {
            Ok(p) => call.principal = p.into(),
            Err(e) => errors.push(InputError::new(e, span)),
        }
    }
    match (req, errors.is_empty()) {
        (Some(r), true) => Ok((r, call, id)),
        _ => Err(errors),
    }
}

/// A line that is a bare request: the request exactly as the API takes it, so an `id` member
/// is refused, the message pointing to the case form that carries one (a batch's stderr shows
/// messages alone).
fn bare_request(j: &crate::json::Json) -> Result<StartRequest, Vec<InputError>> {
    StartRequest::from_json(j).map_err(|mut errors| {
        let id_key = (j.as_object().unwrap_or_default().iter())
            .find(|m| m.key == "id")
            .map(|m| m.key_span);
        for e in &mut errors {
            if Some(e.span) == id_key {
                e.message = "unknown member `id` in the request: a line's id goes beside \
                             its request, `{\"request\": {...}, \"id\": ...}`"
                    .into();
                e.help = None;
            }
        }
        errors
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::DEFAULT_PRINCIPAL;

    #[test]
    fn a_reader_that_remembers_a_valid_context_value_still_refuses_another() {
        let base = CallInputs {
            principal: Principal::parse(DEFAULT_PRINCIPAL).unwrap().into(),
            region: "us-east-1".into(),
            user_keys: Vec::new(),
            now: 0,
            caller: Default::default(),
        };
        let line = |key: &str, value: &str| {
            format!(r#"{{"request":{{"domain":"d"}},"context":{{"{key}":"{value}"}}}}"#)
        };
        let mut reader = CaseReader::default();
        // More distinct valid values than the reader keeps, then each again.
        let days: Vec<String> = (1..=2 * CaseReader::MAX_VALID_KEYS)
            .map(|d| format!("2027-06-{d:02}T00:00:00Z"))
            .collect();
        for day in days.iter().chain(&days).chain(&days[..2]) {
            let (_, call, _) = reader.read(&line("aws:CurrentTime", day), &base).unwrap();
            assert_eq!(call.user_keys[0].values, vec![day.clone()]);
        }
        for (key, value) in [
            ("aws:CurrentTime", "2027-06-32T00:00:00Z"),
            ("aws:CurrentTime", "2027-06-01T00:00:00Q"),
            ("aws:currenttime", "yesterday"),
            ("aws:EpochTime", "2027-06-01T00:00:00Z"),
            ("aws:SourceIp", "2027-06-01T00:00:00Z"),
        ] {
            let errors = reader.read(&line(key, value), &base).unwrap_err();
            assert_eq!(errors.len(), 1, "{key} {value}");
            assert!(errors[0].message.contains(value), "{:?}", errors[0]);
        }
    }
}
