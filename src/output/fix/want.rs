//! What values an operator accepts, in words: "a value below 3", "an address in `10.0.0.0/8`",
//! and the words for the values it refuses; for the ordered operators, how to move a bound.

use crate::condition::{parse_bool, parse_date, parse_number, BaseOp, Family};
use crate::output::explanation::quote_list;

/// Values an operator accepts (or refuses), in words.
pub(super) struct Want {
    /// What a key needs, after "needs" or "give it": "a value below 3".
    pub noun: String,
    /// What a value does, after "while KEY": "is below 3", "matches `arn:*`".
    pub state: String,
    /// The one value the words name, when they name exactly one (for `--context KEY=VALUE`).
    pub example: Option<String>,
}

/// The words for the values that match the positive operator `base` against the policy's
/// `values` (the loosest bound, for an ordered operator: values OR), or with `matching` false,
/// for those that match none of them.
pub(super) fn want(base: BaseOp, values: &[String], matching: bool) -> Want {
    if let Some(side) = Side::of(base) {
        return bounded(base.family(), side, values, matching);
    }
    match base.family() {
        Family::Bool => boolean(values, matching),
        Family::Ip => address(values, matching),
        Family::Binary => bytes(values, matching),
        Family::Numeric | Family::Date => exactly(base.family(), values, matching),
        Family::Arn => pattern("an ARN", values, matching),
        _ if base == BaseOp::StringLike => pattern("a value", values, matching),
        _ => text(base == BaseOp::StringEqualsIgnoreCase, values, matching),
    }
}

/// The policy's one value, if it has exactly one and it holds no wildcard.
fn plain(values: &[String]) -> Option<String> {
    match values {
        [v] if !v.contains(['*', '?']) => Some(v.clone()),
        _ => None,
    }
}

/// `` `a` `` for one value, `one of `a`, `b`` for several.
fn one_of(values: &[String]) -> String {
    match values {
        [v] => format!("`{v}`"),
        _ => format!("one of {}", quote_list(values)),
    }
}

/// `StringEquals` and `StringEqualsIgnoreCase`.
fn text(ignore_case: bool, values: &[String], matching: bool) -> Want {
    let list = quote_list(values);
    let case = if ignore_case {
        " in any letter case"
    } else {
        ""
    };
    if matching {
        Want {
            noun: format!("one of {list}{case}"),
            state: format!("is one of {list}{case}"),
            example: plain(values),
        }
    } else if ignore_case {
        Want {
            noun: format!("a value that is none of {list}{case}"),
            state: format!("is none of {list}{case}"),
            example: None,
        }
    } else {
        Want {
            noun: format!("a value other than {list}"),
            state: format!("is none of {list}"),
            example: None,
        }
    }
}

/// `NumericEquals` and `DateEquals`.
fn exactly(family: Family, values: &[String], matching: bool) -> Want {
    let one = one_of(values);
    if matching {
        Want {
            noun: format!("exactly {one}"),
            state: format!("is {one}"),
            example: plain(values),
        }
    } else {
        let what = if family == Family::Date {
            "time"
        } else {
            "value"
        };
        Want {
            noun: format!("a {what} other than {}", quote_list(values)),
            state: format!("is not {one}"),
            example: None,
        }
    }
}

/// `BinaryEquals`: base64 text, compared as the bytes it encodes.
fn bytes(values: &[String], matching: bool) -> Want {
    let noun = if !matching {
        format!("base64 bytes other than {}", quote_list(values))
    } else if let [v] = values {
        format!("the base64 bytes `{v}`")
    } else {
        format!("the base64 bytes of one of {}", quote_list(values))
    };
    Want {
        state: format!("holds {noun}"),
        example: plain(values).filter(|_| matching),
        noun,
    }
}

/// `IpAddress`: CIDR blocks.
fn address(values: &[String], matching: bool) -> Want {
    let blocks = match (matching, values) {
        (false, [_, _, ..]) => format!("all of {}", quote_list(values)),
        _ => one_of(values),
    };
    let (noun, state) = if matching {
        ("an address in", "is in")
    } else {
        ("an address outside", "is outside")
    };
    Want {
        noun: format!("{noun} {blocks}"),
        state: format!("{state} {blocks}"),
        example: None,
    }
}

/// `StringLike` and the ARN operators: patterns (`ArnEquals` takes wildcards too).
fn pattern(what: &str, values: &[String], matching: bool) -> Want {
    let list = quote_list(values);
    let (noun, state) = match (matching, values) {
        (true, _) => (
            format!("matching {}", one_of(values)),
            format!("matches {}", one_of(values)),
        ),
        (false, [v]) => (
            format!("not matching `{v}`"),
            format!("does not match `{v}`"),
        ),
        (false, _) => (
            format!("matching none of {list}"),
            format!("matches none of {list}"),
        ),
    };
    Want {
        noun: format!("{what} {noun}"),
        state,
        example: plain(values).filter(|_| matching),
    }
}

/// `Bool`'s words: the boolean the policy names, or the other one.
fn boolean(values: &[String], matching: bool) -> Want {
    let listed = |b: bool| values.iter().any(|v| parse_bool(v) == Some(b));
    let fits: Vec<bool> = [true, false]
        .into_iter()
        .filter(|b| listed(*b) == matching)
        .collect();
    let (noun, example) = match fits.as_slice() {
        [b] => (format!("`{b}`"), Some(b.to_string())),
        [] => ("no boolean at all".to_string(), None),
        _ => ("`true` or `false`".to_string(), None),
    };
    Want {
        state: format!("is {noun}"),
        noun,
        example,
    }
}

/// Which side of its bound an ordered operator accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Below,
    AtMost,
    Above,
    AtLeast,
}

impl Side {
    fn of(base: BaseOp) -> Option<Side> {
        use BaseOp::*;
        Some(match base {
            NumericLessThan | DateLessThan => Side::Below,
            NumericLessThanEquals | DateLessThanEquals => Side::AtMost,
            NumericGreaterThan | DateGreaterThan => Side::Above,
            NumericGreaterThanEquals | DateGreaterThanEquals => Side::AtLeast,
            _ => return None,
        })
    }

    /// The side a value that fails every bound stands on.
    fn opposite(self) -> Side {
        match self {
            Side::Below => Side::AtLeast,
            Side::AtMost => Side::Above,
            Side::Above => Side::AtMost,
            Side::AtLeast => Side::Below,
        }
    }

    /// Whether the operator keeps values under its bound (so its largest bound is its loosest).
    fn under(self) -> bool {
        matches!(self, Side::Below | Side::AtMost)
    }

    /// The words before a bound: as a noun and as a state.
    fn words(self, family: Family) -> (&'static str, &'static str) {
        match (family, self) {
            (Family::Date, Side::Below) => ("a time before", "before"),
            (Family::Date, Side::AtMost) => ("a time at or before", "at or before"),
            (Family::Date, Side::Above) => ("a time after", "after"),
            (Family::Date, Side::AtLeast) => ("a time at or after", "at or after"),
            (_, Side::Below) => ("a value below", "below"),
            (_, Side::AtMost) => ("a value of at most", "at most"),
            (_, Side::Above) => ("a value above", "above"),
            (_, Side::AtLeast) => ("a value of at least", "at least"),
        }
    }
}

fn bounded(family: Family, side: Side, values: &[String], matching: bool) -> Want {
    let texts = values.iter().map(String::as_str);
    let bound = extreme(family, texts, side.under())
        .or_else(|| values.first().map(String::as_str))
        .unwrap_or_default();
    let (noun, state) = if matching { side } else { side.opposite() }.words(family);
    Want {
        noun: format!("{noun} {bound}"),
        state: format!("is {state} {bound}"),
        example: None,
    }
}

/// Whether the operator compares with a bound (`NumericLessThan`, `DateGreaterThan`, ...).
pub(super) fn ordered(base: BaseOp) -> bool {
    Side::of(base).is_some()
}

/// For an ordered operator, how to move the policy's bound so that it admits `request`; `None`
/// for any other operator.
pub(super) fn loosen(base: BaseOp, several: bool, request: &str) -> Option<String> {
    let side = Side::of(base)?;
    let bound = if several {
        "one of the policy's bounds"
    } else {
        "the policy's bound"
    };
    let how = match (base.family(), side) {
        (Family::Date, Side::Below) => format!("move {bound} after {request}"),
        (Family::Date, Side::AtMost) => format!("move {bound} to {request} or later"),
        (Family::Date, Side::Above) => format!("move {bound} before {request}"),
        (Family::Date, Side::AtLeast) => format!("move {bound} to {request} or earlier"),
        (_, Side::Below) => format!("raise {bound} above {request}"),
        (_, Side::AtMost) => format!("raise {bound} to at least {request}"),
        (_, Side::Above) => format!("lower {bound} below {request}"),
        (_, Side::AtLeast) => format!("lower {bound} to at most {request}"),
    };
    Some(how)
}

/// Of the request values an ordered operator refused, the one a bound must admit: with `every`
/// (`ForAllValues:`) the farthest from the accepted side, else the nearest.
pub(super) fn to_admit<'a>(base: BaseOp, refused: &[&'a str], every: bool) -> Option<&'a str> {
    let side = Side::of(base)?;
    extreme(
        base.family(),
        refused.iter().copied(),
        side.under() == every,
    )
}

/// A number or an instant, ordered.
#[derive(PartialEq, PartialOrd)]
enum Magnitude {
    Number(f64),
    Instant(i128),
}

/// The largest (or smallest) of `texts` as the family reads them; unreadable ones are passed
/// over.
fn extreme<'a>(
    family: Family,
    texts: impl Iterator<Item = &'a str>,
    largest: bool,
) -> Option<&'a str> {
    let read = |t: &str| match family {
        Family::Date => parse_date(t).map(Magnitude::Instant),
        _ => parse_number(t).map(Magnitude::Number),
    };
    texts
        .filter_map(|t| Some((read(t)?, t)))
        .reduce(|a, b| {
            let b_wins = if largest { b.0 > a.0 } else { b.0 < a.0 };
            if b_wins {
                b
            } else {
                a
            }
        })
        .map(|(_, t)| t)
}
