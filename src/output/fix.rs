//! The `to fix` advice: what to change so that a failing condition of an Allow holds, or a
//! holding condition of a Deny that applied stops holding.

use super::quote_list;
use crate::condition::{MissingRule, Truth};
use crate::eval::ConditionTrace;
use crate::policy::Effect;

/// Where a key's value comes from, as an instruction.
fn how_to_supply(key: &str) -> String {
    let k = key.to_ascii_lowercase();
    if k == "swf:tasklist.name" {
        "name a `taskList` in the request (or, with a world, register a `defaultTaskList` for the workflow type)".into()
    } else if k.starts_with("swf:workflowtype.") {
        "set `workflowType` in the request".into()
    } else if let Some(n) = k.strip_prefix("swf:taglist.member.") {
        format!("put a tag at position {n} of the request's `tagList`")
    } else if k.starts_with("aws:resourcetag/") {
        format!(
            "tag the domain with `{}` (the world's domain `tags`)",
            &key["aws:ResourceTag/".len()..]
        )
    } else {
        format!("if the real call carries it, give it with `--context {key}=VALUE`")
    }
}

/// The request member or input that sets a key, for "change ..." hints.
fn member_of(key: &str) -> String {
    let k = key.to_ascii_lowercase();
    if k == "swf:tasklist.name" {
        "`taskList.name`".into()
    } else if k == "swf:workflowtype.name" {
        "`workflowType.name`".into()
    } else if k == "swf:workflowtype.version" {
        "`workflowType.version`".into()
    } else if let Some(n) = k.strip_prefix("swf:taglist.member.") {
        format!("tag {n} of `tagList`")
    } else {
        format!("`{key}`")
    }
}

/// What to change so that a failing condition of an Allow holds (or a holding condition of a
/// Deny that applied stops holding).
pub fn fix_hint(c: &ConditionTrace, effect: Effect) -> Option<String> {
    let o = &c.outcome;
    let key = &c.key;
    if o.result == Truth::Unknown {
        return Some("fix the policy value or the request value so that the comparison can be made (`swfsim lint` reports bad values as SWF101)".into());
    }
    match effect {
        Effect::Allow if o.result == Truth::False => {
            if o.missing_rule == Some(MissingRule::Null) {
                let wants_absent = c
                    .policy_values
                    .iter()
                    .any(|v| v.eq_ignore_ascii_case("true"));
                return Some(if wants_absent {
                    match key.to_ascii_lowercase().strip_prefix("swf:taglist.member.") {
                        Some(n) => format!(
                            "send at most {n} tag{} in `tagList`",
                            if n == "1" { "" } else { "s" }
                        ),
                        None => format!("the call must not carry `{key}`"),
                    }
                } else {
                    format!("the call must carry `{key}`: {}", how_to_supply(key))
                });
            }
            if !o.present {
                return Some(format!(
                    "the call carries no `{key}`: {}",
                    how_to_supply(key)
                ));
            }
            let negated = c.operator.contains("Not");
            if negated {
                let hit = o.values.iter().find(|v| v.matched.is_some())?;
                return Some(format!(
                    "`{}` is excluded by `{}`: change {} to a value it does not exclude",
                    hit.value,
                    c.operator,
                    member_of(key)
                ));
            }
            let v = o.values.first()?;
            Some(format!(
                "change {} to match one of {}, or add `{}` to the policy's values",
                member_of(key),
                quote_list(&c.policy_values),
                v.value
            ))
        }
        Effect::Deny if o.result == Truth::True => {
            let values = quote_list(&c.policy_values);
            let negated = c.operator.contains("Not");
            Some(if o.missing_rule == Some(MissingRule::Null) {
                if o.present {
                    format!("this Deny applies while the call carries `{key}`: remove it")
                } else {
                    format!(
                        "this Deny applies while the call lacks `{key}`: {}",
                        how_to_supply(key)
                    )
                }
            } else if negated && !o.present {
                format!(
                    "this Deny applies while `{key}` is absent: give it one of {values} ({})",
                    how_to_supply(key)
                )
            } else if negated {
                format!(
                    "this Deny applies unless {} is one of {values}",
                    member_of(key)
                )
            } else if !o.present {
                format!("this Deny applies while `{key}` is absent (`{}`): give it a value other than {values}", c.operator)
            } else {
                format!(
                    "this Deny applies while {} matches {values}: use another value",
                    member_of(key)
                )
            })
        }
        _ => None,
    }
}
