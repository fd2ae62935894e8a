//! The `to fix` advice: what to change so that a failing condition of an Allow holds, or a
//! holding condition of a Deny that applied stops holding, in the words of the operator's
//! family (bounds for the ordered operators, address ranges for `IpAddress`, ...).

mod keys;
mod want;

use super::explanation::quote_list;
use crate::condition::{BaseOp, Family, MissingRule, Operator, SetQualifier, Truth};
use crate::eval::ConditionTrace;
use crate::policy::Effect;
use keys::{give, how_to_drop, how_to_supply, member_of, never_present, set_to};
use want::{loosen, ordered, to_admit, want};

/// What to change so that a failing condition of an Allow holds (or a holding condition of a
/// Deny that applied stops holding).
pub fn fix_hint(c: &ConditionTrace, effect: Effect) -> Option<String> {
    let o = &c.outcome;
    let key = &c.key;
    if let (Truth::Unknown, Some(p)) = (o.result, &o.partial) {
        return Some(format!(
            "the value of `{key}` decides this and swfsim does not know it: give it with `{}`",
            super::settle::settle_flag(key, p)
        ));
    }
    if o.result == Truth::Unknown {
        return Some("fix the policy value or the request value so that the comparison can be made (`swfsim lint` reports bad values as SWF101)".into());
    }
    // Decided over every value the key may have: the part swfsim does not know cannot change it.
    if let Some(p) = &o.partial {
        let known = p.shown();
        return match (effect, o.result) {
            (Effect::Allow, Truth::False) => Some(format!(
                "no value `{key}` can have here (`{known}`) satisfies `{}`: change the policy, or the call's {}",
                c.operator,
                if key.eq_ignore_ascii_case("aws:userid") { "session name" } else { "caller" }
            )),
            (Effect::Deny, Truth::True) => Some(format!(
                "this Deny applies whatever the unknown part of `{key}` (`{known}`) is: change the policy, or the call's {}",
                if key.eq_ignore_ascii_case("aws:userid") { "session name" } else { "caller" }
            )),
            _ => None,
        };
    }
    let allow = match (effect, o.result) {
        (Effect::Allow, Truth::False) => true,
        (Effect::Deny, Truth::True) => false,
        _ => return None,
    };
    if o.missing_rule == Some(MissingRule::Null) {
        return Some(null_hint(key, o.present, allow));
    }
    let op = Operator::parse(&c.operator)?;
    match (allow, o.present) {
        (true, false) => Some(missing_from_allow(c, op)),
        (false, false) => Some(missing_from_deny(c, op)),
        (true, true) => refused_by_allow(c, op),
        (false, true) => matched_by_deny(c, op),
    }
}

/// The positive operator of a negated one (the operator itself otherwise).
fn positive(op: Operator) -> BaseOp {
    op.base.positive().unwrap_or(op.base)
}

/// The request values whose own result is `result`.
fn values_with(c: &ConditionTrace, result: Truth) -> Vec<&str> {
    let values = c.outcome.values.iter();
    values
        .filter(|v| v.result == result)
        .map(|v| v.value.as_str())
        .collect()
}

/// Request values as a sentence shows them: bare for a bound's comparison ("the request has
/// 5"), quoted otherwise.
fn shown(op: Operator, values: &[&str]) -> String {
    if ordered(op.base) {
        values.join(", ")
    } else {
        quote_list(values)
    }
}

/// `Null`: the key's presence is what counts.
fn null_hint(key: &str, present: bool, allow: bool) -> String {
    match (allow, present) {
        (true, true) => format!("the call must not carry `{key}`: {}", how_to_drop(key)),
        (true, false) => format!("the call must carry `{key}`: {}", how_to_supply(key, None)),
        (false, true) => format!(
            "this Deny applies while the call carries `{key}`: {}",
            how_to_drop(key)
        ),
        (false, false) => format!(
            "this Deny applies while the call lacks `{key}`: {}",
            how_to_supply(key, None)
        ),
    }
}

/// An Allow's condition failed on a missing key: supply it, with a value the operator takes.
fn missing_from_allow(c: &ConditionTrace, op: Operator) -> String {
    if never_present(&c.key) {
        return format!(
            "no StartWorkflowExecution call carries `{}` (AWS never includes it): this Allow can never apply as written; change the policy",
            c.key
        );
    }
    let needed = want(positive(op), &c.policy_values, !op.negated());
    let supply = how_to_supply(&c.key, needed.example.as_deref());
    if op.base.family() == Family::String {
        format!("the call carries no `{}`: {supply}", c.key)
    } else {
        format!(
            "the call carries no `{}`, and `{}` needs {}: {supply}",
            c.key, c.operator, needed.noun
        )
    }
}

/// A Deny's condition held on a missing key (negated, `IfExists`, `ForAllValues:`): a value
/// the condition refuses lifts it.
fn missing_from_deny(c: &ConditionTrace, op: Operator) -> String {
    if never_present(&c.key) {
        return format!(
            "no StartWorkflowExecution call carries `{}` (AWS never includes it): this Deny applies to every call as written; change the policy",
            c.key
        );
    }
    let stop = want(positive(op), &c.policy_values, op.negated());
    format!(
        "this Deny applies while `{}` is absent: give it {}; {}",
        c.key,
        stop.noun,
        how_to_supply(&c.key, stop.example.as_deref())
    )
}

/// An Allow's condition refused the request's values: what the operator needs, and the two
/// ways to meet it (change the request, or the policy).
fn refused_by_allow(c: &ConditionTrace, op: Operator) -> Option<String> {
    let refused = values_with(c, Truth::False);
    let first = *refused.first()?;
    if op.negated() {
        let hit = c.outcome.values.iter().find(|v| v.result == Truth::False)?;
        let excluded_by = c.policy_values.get(hit.matched?)?;
        return Some(excluded(c, op, &hit.value, excluded_by));
    }
    let values = &c.policy_values;
    let every = op.set == Some(SetQualifier::ForAllValues);
    // Under ForAllValues: every refused value must be let in; otherwise one is enough.
    let to_add = quote_list(&refused[..if every { refused.len() } else { 1 }]);
    let needed = want(op.base, values, true);
    let needs = format!("`{}` needs {}", c.operator, needed.noun);
    let give = give(&c.key, &needed.noun, false);
    let has = shown(op, &refused);
    Some(match op.base.family() {
        Family::String => {
            let what = match (op.base, values.len()) {
                (BaseOp::StringLike, 1) => "the pattern",
                (BaseOp::StringLike, _) => "one of the patterns",
                _ => "one of",
            };
            format!(
                "change {} to match {what} {}, or add {to_add} to the policy's values",
                member_of(&c.key),
                quote_list(values)
            )
        }
        Family::Bool => {
            let set = match &needed.example {
                Some(v) => set_to(&c.key, v, false),
                None => give,
            };
            format!("{needs}; the request has {has}: {set}, or change the policy's value to `{first}`")
        }
        Family::Ip => format!(
            "{needs}; the request's address {has} is outside {}: {give}, or add `{}` (or a range holding it) to the policy",
            if values.len() == 1 { "it" } else { "them" },
            host_block(first)
        ),
        _ => match to_admit(op.base, &refused, every) {
            Some(r) => format!(
                "{needs}; the request has {has}: {}, or {give}",
                loosen(op.base, values.len() > 1, r)?
            ),
            None => format!(
                "{needs}; the request has {has}: {give}, or add {to_add} to the policy's values"
            ),
        },
    })
}

/// The CIDR block of one address: `/32`, or `/128` for IPv6.
fn host_block(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(_)) => format!("{address}/128"),
        _ => format!("{address}/32"),
    }
}

/// A negated operator of an Allow excluded the request's value `hit` (by the policy value
/// `by`).
fn excluded(c: &ConditionTrace, op: Operator, hit: &str, by: &str) -> String {
    let operator = &c.operator;
    let (what, relation) = match op.base.family() {
        Family::String => {
            return format!(
                "`{hit}` is excluded by `{operator}`: change {} to a value it does not exclude",
                member_of(&c.key)
            )
        }
        Family::Ip => ("address", "is in"),
        Family::Arn => ("ARN", "matches"),
        Family::Date => ("time", "equals"),
        _ => ("value", "equals"),
    };
    let why = if hit == by {
        format!("`{operator}` excludes the request's {what} `{hit}`")
    } else {
        format!("the request's {what} `{hit}` {relation} `{by}`, which `{operator}` excludes")
    };
    let other = want(positive(op), &c.policy_values, false);
    let give = give(&c.key, &other.noun, false);
    format!("{why}: {give}, or remove `{by}` from the policy's values")
}

/// A Deny's condition held on the request's values: the value that would lift it.
fn matched_by_deny(c: &ConditionTrace, op: Operator) -> Option<String> {
    let holding = values_with(c, Truth::True);
    if holding.is_empty() {
        return None;
    }
    let member = member_of(&c.key);
    let family = op.base.family();
    if family == Family::String {
        let values = quote_list(&c.policy_values);
        return Some(if op.negated() {
            format!("this Deny applies unless {member} is one of {values}")
        } else {
            format!("this Deny applies while {member} matches {values}: use another value")
        });
    }
    let state = want(positive(op), &c.policy_values, !op.negated()).state;
    let stop = want(positive(op), &c.policy_values, op.negated());
    Some(match (family, &stop.example) {
        (Family::Bool, Some(v)) => format!(
            "this Deny applies while {member} {state}: {}",
            set_to(&c.key, v, true)
        ),
        _ => format!(
            "this Deny applies while {member} {state} (the request has {}): {}",
            shown(op, &holding),
            give(&c.key, &stop.noun, true)
        ),
    })
}
