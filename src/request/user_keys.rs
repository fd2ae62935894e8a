//! Context keys the user gives (`--context`, `--context-file`, a batch line's `context`): how
//! they are read, and what is refused (a request's keys, a value of the wrong type, a key the
//! world determines).

use super::InputError;
use crate::condition::{parse_bool, parse_date, parse_number};
use crate::json::{Json, JsonValue};
use crate::keys::{global_key, KeyType};
use crate::source::Span;

/// Checks a user-supplied context value against its key's type; returns the canonical text.
pub fn check_context_value(key: &str, value: &str) -> Result<String, String> {
    match global_key(key) {
        Some((_, ty, _)) => value_problem(key, ty, value).map_or(Ok(value.to_string()), Err),
        None => Ok(value.to_string()),
    }
}

/// What is wrong with a value given for a global key of type `ty`, if anything.
fn value_problem(key: &str, ty: KeyType, value: &str) -> Option<String> {
    let ok = match ty {
        KeyType::String => true,
        KeyType::Date => parse_date(value).is_some(),
        KeyType::Numeric => parse_number(value).is_some(),
        KeyType::Bool => parse_bool(value).is_some(),
        KeyType::Ip => value.parse::<std::net::IpAddr>().is_ok(),
        KeyType::Arn => crate::arn::Arn::parse(value).is_some(),
    };
    if ok {
        return None;
    }
    let what = match ty {
        KeyType::Date => "a date (`2026-11-25T12:00:00Z`) or epoch seconds",
        KeyType::Numeric => "a number",
        KeyType::Bool => "`true` or `false`",
        KeyType::Ip => "an IP address",
        KeyType::Arn => "an ARN",
        KeyType::String => "a string",
    };
    Some(format!("the value `{value}` of `{key}` must be {what}"))
}

/// A context key the user supplied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserKey {
    /// The key.
    pub key: String,
    /// Its values.
    pub values: Vec<String>,
    /// Where it was given (for errors).
    pub span: Span,
}

/// Reads a context object: `{"aws:SourceIp": "203.0.113.7", "aws:CalledVia": ["a", "b"]}`.
pub fn context_from_json(json: &Json) -> Result<Vec<UserKey>, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut out: Vec<UserKey> = Vec::new();
    let Some(ms) = json.as_object() else {
        return Err(vec![InputError::new(
            format!(
                "a context must be a JSON object of keys, found {}",
                json.kind_name()
            ),
            json.span,
        )]);
    };
    for m in ms {
        let scalar = |v: &Json| -> Option<String> {
            match &v.value {
                JsonValue::String(s) => Some(s.clone()),
                JsonValue::Number(n) => Some(n.clone()),
                JsonValue::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        let values = match &m.value.value {
            JsonValue::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
            _ => scalar(&m.value).map(|s| vec![s]),
        };
        let Some(values) = values else {
            errors.push(InputError::new(
                format!("the value of context key `{}` must be a string, number, boolean or an array of them", m.key),
                m.value.span,
            ));
            continue;
        };
        if out.iter().any(|k| k.key.eq_ignore_ascii_case(&m.key)) {
            errors.push(InputError::new(
                format!("context key `{}` is given twice", m.key),
                m.key_span,
            ));
            continue;
        }
        out.push(UserKey {
            key: m.key.clone(),
            values,
            span: m.key_span,
        });
    }
    for k in &out {
        if let Err(e) = validate_user_key(k) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether `s` begins with `prefix`, ASCII case ignored (never slicing inside a character).
pub fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Refuses keys the request determines and values of the wrong type.
pub fn validate_user_key(k: &UserKey) -> Result<(), InputError> {
    if starts_with_ignore_case(&k.key, "swf:") {
        return Err(InputError::new(
            format!("context key `{}` is determined by the request", k.key),
            k.span,
        )
        .with_help(
            "set it through the request (workflowType, taskList, tagList), not the context",
        ));
    }
    if !k.key.contains(':') {
        return Err(InputError::new(
            format!("`{}` is not a condition key (`prefix:name`)", k.key),
            k.span,
        ));
    }
    // Only a global key's values have a type to check (the value is not copied to check it).
    let Some((canon, ty, multi)) = global_key(&k.key) else {
        return Ok(());
    };
    if !multi && k.values.len() != 1 {
        return Err(InputError::new(
            format!(
                "`{canon}` is single-valued but was given {} values",
                k.values.len()
            ),
            k.span,
        ));
    }
    match k.values.iter().find_map(|v| value_problem(&k.key, ty, v)) {
        Some(e) => Err(InputError::new(e, k.span)),
        None => Ok(()),
    }
}

/// Whether a call may set `k` when a world is given: not `aws:ResourceTag/*`, which the world's
/// domain tags determine (a call that set it would start an execution in a domain whose tags a
/// policy denies). The error is at the key.
pub fn check_world_key(k: &UserKey) -> Result<(), InputError> {
    if !starts_with_ignore_case(&k.key, "aws:ResourceTag/") {
        return Ok(());
    }
    Err(InputError::new(
        format!("context key `{}` comes from the world's domain tags", k.key),
        k.span,
    )
    .with_help("aws:ResourceTag/* keys are the domain's tags in the world: set them there, or run without --world"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `simulate_inputs` fuzz target: a key with a multi-byte character in its first
    /// four bytes made the `swf:` prefix test slice inside the character.
    #[test]
    fn prefix_tests_never_slice_inside_a_character() {
        assert!(!starts_with_ignore_case("do\u{feff}main", "swf:"));
        assert!(starts_with_ignore_case("SWF:x", "swf:"));
        let j = crate::json::parse("{\"do\u{feff}main\": \"x\"}").unwrap();
        let errs = context_from_json(&j).unwrap_err();
        assert!(errs[0].message.contains("is not a condition key"));
    }

    #[test]
    fn user_context_is_typed() {
        let j = crate::json::parse(
            r#"{"aws:SourceIp":"nope","swf:taskList.name":"x","aws:MultiFactorAuthAge":120}"#,
        )
        .unwrap();
        let errs = context_from_json(&j).unwrap_err();
        assert_eq!(errs.len(), 2);
        let ok =
            crate::json::parse(r#"{"aws:CalledVia":["a","b"],"aws:MultiFactorAuthPresent":true}"#)
                .unwrap();
        assert_eq!(context_from_json(&ok).unwrap()[1].values, vec!["true"]);
    }
}
