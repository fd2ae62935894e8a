//! One table per operator family. Each row: operator, policy values, request values (`None` =
//! key missing), expected truth.

use super::*;
use crate::policy::{ConditionEntry, Scalar, ScalarKind};
use std::collections::HashMap;

struct Ctx(HashMap<String, Vec<String>>);

impl Lookup for Ctx {
    fn values(&self, key: &str) -> Option<Values<'_>> {
        self.0
            .get(&key.to_ascii_lowercase())
            .map(|vs| Values::Many(vs))
    }
}

/// The same values, a single one given as a context gives a known key's (`Values::One`): the
/// way to a condition's quick form.
struct Singles<'a>(&'a Ctx);

impl Lookup for Singles<'_> {
    fn values(&self, key: &str) -> Option<Values<'_>> {
        self.0.values(key)
    }
    fn values_of(&self, _slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        Some(match self.0.values_lower(key_lower)? {
            Values::Many([v]) => Values::One(v),
            vs => vs,
        })
    }
}

fn ctx(pairs: &[(&str, &[&str])]) -> Ctx {
    Ctx(pairs
        .iter()
        .map(|(k, v)| {
            (
                k.to_ascii_lowercase(),
                v.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect())
}

fn cond(op: &str, key: &str, values: &[&str], variables: bool) -> CompiledCondition {
    let block = ConditionBlock {
        operator: Spanned::new(op.to_string(), Span::default()),
        entries: vec![ConditionEntry {
            key: Spanned::new(key.to_string(), Span::default()),
            values: values
                .iter()
                .map(|v| {
                    Spanned::new(
                        Scalar {
                            text: v.to_string(),
                            kind: ScalarKind::String,
                        },
                        Span::default(),
                    )
                })
                .collect(),
            values_span: Span::default(),
        }],
    };
    compile_block(&block, variables).unwrap().remove(0)
}

/// One row: operator, policy values, request values (`None`: key absent), expected truth.
type Row<'a> = (&'a str, &'a [&'a str], Option<&'a [&'a str]>, Truth);

/// Runs a table.
fn table(rows: &[Row<'_>]) {
    for (op, policy, req, want) in rows {
        let c = match req {
            Some(v) => ctx(&[("k:key", v)]),
            None => ctx(&[]),
        };
        let compiled = cond(op, "k:key", policy, true);
        let traced = compiled.evaluate(&c);
        let got = traced.result;
        assert_eq!(got, *want, "{op} {policy:?} vs {req:?}");
        // The trace through the quick form (which value matched, each value's result) is the
        // general comparison's.
        let general = CompiledCondition {
            quick: None,
            ..compiled.clone()
        };
        assert_eq!(
            traced,
            general.evaluate(&c),
            "the quick trace differs: {op} {policy:?} vs {req:?}"
        );
        assert_eq!(
            compiled.holds(&c),
            got,
            "holds() disagrees with evaluate(): {op} {policy:?} vs {req:?}"
        );
        assert_eq!(
            compiled.holds(&Singles(&c)),
            got,
            "holds() on a single value (quick: {}) disagrees with evaluate(): {op} {policy:?} vs {req:?}",
            compiled.quick.is_some()
        );
    }
}

use Truth::{False as F, True as T, Unknown as U};

#[test]
fn string_family() {
    table(&[
        ("StringEquals", &["a", "b"], Some(&["b"]), T),
        ("StringEquals", &["a"], Some(&["A"]), F),
        ("StringEquals", &["a*"], Some(&["abc"]), F),
        ("StringEquals", &["a*"], Some(&["a*"]), T),
        ("StringEquals", &["a"], None, F),
        ("StringNotEquals", &["a", "b"], Some(&["b"]), F),
        ("StringNotEquals", &["a", "b"], Some(&["c"]), T),
        ("StringNotEquals", &["a"], None, T),
        ("StringEqualsIgnoreCase", &["OrDers"], Some(&["orders"]), T),
        ("StringEqualsIgnoreCase", &["a"], None, F),
        ("StringNotEqualsIgnoreCase", &["A"], Some(&["a"]), F),
        ("StringNotEqualsIgnoreCase", &["A"], None, T),
        ("StringLike", &["orders-*"], Some(&["orders-high"]), T),
        ("StringLike", &["orders-*"], Some(&["Orders-high"]), F),
        ("StringLike", &["o?"], Some(&["ox"]), T),
        // Plain text, text then `*`, and other shapes (each takes its own way through the
        // matcher).
        ("StringLike", &["orders"], Some(&["orders"]), T),
        ("StringLike", &["orders"], Some(&["orders-high"]), F),
        ("StringLike", &["orders"], Some(&["order"]), F),
        ("StringLike", &["*-high"], Some(&["orders-high"]), T),
        ("StringLike", &["*-high"], Some(&["orders-high-x"]), F),
        ("StringLike", &["o*s-*h"], Some(&["orders-high"]), T),
        ("StringLike", &["x", "orders-*"], Some(&["orders-"]), T),
        ("StringLike", &["x"], None, F),
        ("StringNotLike", &["orders-*"], Some(&["billing"]), T),
        ("StringNotLike", &["orders-*"], Some(&["orders-1"]), F),
        ("StringNotLike", &["x"], None, T),
        ("StringEqualsIfExists", &["a"], None, T),
        ("StringEqualsIfExists", &["a"], Some(&["b"]), F),
        ("StringNotEqualsIfExists", &["a"], None, T),
        ("StringLikeIfExists", &["a*"], Some(&["ab"]), T),
    ]);
}

#[test]
fn numeric_family() {
    table(&[
        ("NumericEquals", &["3600"], Some(&["3600.0"]), T),
        ("NumericNotEquals", &["1"], Some(&["2"]), T),
        ("NumericNotEquals", &["1"], None, T),
        ("NumericLessThan", &["3600"], Some(&["120"]), T),
        ("NumericLessThan", &["3600"], Some(&["3600"]), F),
        ("NumericLessThanEquals", &["3600"], Some(&["3600"]), T),
        ("NumericGreaterThan", &["-1.5"], Some(&["0"]), T),
        ("NumericGreaterThanEquals", &["10"], Some(&["9.99"]), F),
        ("NumericLessThan", &["3600"], None, F),
        ("NumericLessThanIfExists", &["3600"], None, T),
        ("NumericEquals", &["abc"], Some(&["1"]), U),
        ("NumericEquals", &["1"], Some(&["one"]), U),
        ("NumericEquals", &["abc", "1"], Some(&["1"]), T),
    ]);
}

#[test]
fn date_family() {
    table(&[
        (
            "DateLessThan",
            &["2027-01-01T00:00:00Z"],
            Some(&["2026-11-25T12:00:00Z"]),
            T,
        ),
        (
            "DateLessThan",
            &["2026-01-01"],
            Some(&["2026-11-25T12:00:00Z"]),
            F,
        ),
        ("DateEquals", &["2026"], Some(&["2026-01-01T00:00:00Z"]), T),
        ("DateEquals", &["2026-11"], Some(&["2026-11-01"]), T),
        (
            "DateEquals",
            &["2026-11-25T12:00+01:00"],
            Some(&["2026-11-25T11:00:00Z"]),
            T,
        ),
        (
            "DateEquals",
            &["2026-11-25T12:00:00.5Z"],
            Some(&["2026-11-25T12:00:00.500Z"]),
            T,
        ),
        (
            "DateEquals",
            &["1764072000"],
            Some(&["2025-11-25T12:00:00Z"]),
            T,
        ),
        (
            "DateEquals",
            &["2026-11-25T12:00:00"],
            Some(&["2026-11-25T12:00:00Z"]),
            T,
        ),
        ("DateNotEquals", &["2026"], None, T),
        ("DateGreaterThan", &["2026"], None, F),
        (
            "DateGreaterThanEquals",
            &["2026-11-25"],
            Some(&["2026-11-25"]),
            T,
        ),
        (
            "DateLessThanEquals",
            &["2026-02-30"],
            Some(&["2026-01-01"]),
            U,
        ),
        ("DateGreaterThanIfExists", &["2026"], None, T),
    ]);
}

#[test]
fn bool_binary_ip_null() {
    table(&[
        ("Bool", &["false"], Some(&["false"]), T),
        ("Bool", &["true"], Some(&["TRUE"]), T),
        ("Bool", &["true"], Some(&["false"]), F),
        ("Bool", &["true"], None, F),
        ("BoolIfExists", &["true"], None, T),
        ("Bool", &["yes"], Some(&["true"]), U),
        ("BinaryEquals", &["QmluYXJ5"], Some(&["QmluYXJ5"]), T),
        ("BinaryEquals", &["QmluYXJ5"], Some(&["QmluYXJ6"]), F),
        ("BinaryEquals", &["QmluYXJ5"], None, F),
        ("IpAddress", &["203.0.113.0/24"], Some(&["203.0.113.77"]), T),
        ("IpAddress", &["203.0.113.0/24"], Some(&["198.51.100.7"]), F),
        ("IpAddress", &["203.0.113.5"], Some(&["203.0.113.5"]), T),
        ("IpAddress", &["2001:db8::/32"], Some(&["2001:db8::1"]), T),
        ("IpAddress", &["2001:db8::/32"], Some(&["203.0.113.5"]), F),
        ("IpAddress", &["203.0.113.0/24"], None, F),
        (
            "NotIpAddress",
            &["203.0.113.0/24"],
            Some(&["198.51.100.7"]),
            T,
        ),
        ("NotIpAddress", &["203.0.113.0/24"], None, T),
        ("IpAddress", &["203.0.113.0/33"], Some(&["203.0.113.1"]), U),
        ("Null", &["true"], None, T),
        ("Null", &["true"], Some(&["x"]), F),
        ("Null", &["false"], Some(&["x"]), T),
        ("Null", &["false"], None, F),
    ]);
}

#[test]
fn arn_family() {
    let role = "arn:aws:iam::123456789012:role/deployer";
    table(&[
        (
            "ArnLike",
            &["arn:aws:iam::123456789012:role/deploy*"],
            Some(&[role]),
            T,
        ),
        (
            "ArnEquals",
            &["arn:aws:iam::123456789012:role/deploy*"],
            Some(&[role]),
            T,
        ),
        ("ArnLike", &["arn:aws:iam::*:role/other"], Some(&[role]), F),
        (
            "ArnLike",
            &["arn:aws:iam::123456789012:role/Deployer"],
            Some(&[role]),
            F,
        ),
        ("ArnLike", &["arn:*"], Some(&["not-an-arn"]), F),
        ("ArnLike", &["arn:aws:iam::*"], None, F),
        (
            "ArnNotLike",
            &["arn:aws:iam::*:role/other"],
            Some(&[role]),
            T,
        ),
        (
            "ArnNotEquals",
            &["arn:aws:iam::*:role/deployer"],
            Some(&[role]),
            F,
        ),
        ("ArnNotLike", &["arn:aws:iam::*"], None, T),
        ("ArnLikeIfExists", &["arn:aws:iam::*"], None, T),
    ]);
}

#[test]
fn set_qualifiers() {
    table(&[
        (
            "ForAllValues:StringEquals",
            &["a", "b"],
            Some(&["a", "b"]),
            T,
        ),
        ("ForAllValues:StringEquals", &["a"], Some(&["a", "b"]), F),
        ("ForAllValues:StringEquals", &["a"], None, T),
        ("ForAllValues:StringNotEquals", &["a"], None, T),
        ("ForAllValues:StringNotEquals", &["a"], Some(&["b", "c"]), T),
        ("ForAllValues:StringNotEquals", &["a"], Some(&["a", "c"]), F),
        ("ForAnyValue:StringEquals", &["a"], Some(&["b", "a"]), T),
        ("ForAnyValue:StringEquals", &["a"], None, F),
        ("ForAnyValue:StringNotEquals", &["a"], Some(&["a", "c"]), T),
        ("ForAnyValue:StringNotEquals", &["a"], Some(&["a"]), F),
        ("ForAnyValue:StringEqualsIfExists", &["a"], None, T),
        ("ForAllValues:StringEquals", &[], Some(&["a"]), F),
        ("ForAnyValue:StringEquals", &[], Some(&["a"]), F),
        // Unqualified operator on a multivalued key: evaluated as ForAnyValue (`docs/semantics.md`).
        ("StringEquals", &["a"], Some(&["b", "a"]), T),
    ]);
}

#[test]
fn variables_in_values() {
    let c = ctx(&[
        ("aws:PrincipalTag/team", &["orders"]),
        ("swf:taskList.name", &["orders-tl"]),
    ]);
    let hit = cond(
        "StringEquals",
        "swf:taskList.name",
        &["${aws:PrincipalTag/team}-tl"],
        true,
    );
    assert_eq!(hit.holds(&c), T);
    // With Version 2008-10-17 the same text is literal.
    let literal = cond(
        "StringEquals",
        "swf:taskList.name",
        &["${aws:PrincipalTag/team}-tl"],
        false,
    );
    assert_eq!(literal.holds(&c), F);
    // A missing variable: positive operators do not match, negated ones do.
    let missing = cond(
        "StringEquals",
        "swf:taskList.name",
        &["${aws:PrincipalTag/none}-tl"],
        true,
    );
    assert_eq!(missing.holds(&c), F);
    let missing_neg = cond(
        "StringNotEquals",
        "swf:taskList.name",
        &["${aws:PrincipalTag/none}-tl"],
        true,
    );
    assert_eq!(missing_neg.holds(&c), T);
    // Bool does not substitute variables.
    let b = cond(
        "Bool",
        "aws:SecureTransport",
        &["${aws:PrincipalTag/team}"],
        true,
    );
    assert!(matches!(b.values[0].node, Value::Invalid { .. }));
}

#[test]
fn condition_key_names_are_case_insensitive() {
    let c = ctx(&[("swf:tasklist.name", &["x"])]);
    assert_eq!(
        cond("StringEquals", "SWF:TaskList.Name", &["x"], true).holds(&c),
        T
    );
}

#[test]
fn operator_names_parse_exactly() {
    let op = Operator::parse("ForAnyValue:StringLikeIfExists").unwrap();
    assert_eq!(op.set, Some(SetQualifier::ForAnyValue));
    assert_eq!(op.base, BaseOp::StringLike);
    assert!(op.if_exists);
    assert_eq!(op.to_string(), "ForAnyValue:StringLikeIfExists");
    for bad in [
        "stringEquals",
        "NullIfExists",
        "ForAnyValue:Null",
        "StringEqualsIfexists",
        "ForAllValue:StringEquals",
        "",
    ] {
        assert!(Operator::parse(bad).is_none(), "{bad}");
    }
    // 27 base operators; each but Null in six forms (plain, IfExists, two qualifiers of each).
    assert_eq!(all_operator_names().len(), 26 * 6 + 1);
    let help = unknown_operator_help("stringEquals");
    assert_eq!(
        help.as_deref(),
        Some("operator names are case-sensitive: write `StringEquals`")
    );
}

#[test]
fn value_parsers() {
    assert_eq!(parse_number("3600"), Some(3600.0));
    assert_eq!(parse_number("-0.5"), Some(-0.5));
    assert_eq!(parse_number("inf"), None);
    assert_eq!(parse_number("NaN"), None);
    assert_eq!(parse_number("1e3"), Some(1000.0));
    assert_eq!(parse_number(""), None);
    // The JSON reader keeps this valid-but-huge number as text (a fuzz finding); typing it fails.
    assert_eq!(parse_number("14444444e444440"), None);
    assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_date("1970-01-01T01:00+01:00"), Some(0));
    assert_eq!(parse_date("0"), Some(0));
    assert_eq!(
        parse_date("2024-02-29"),
        parse_date("2024-03-01").map(|d| d - 86_400 * 1_000_000_000)
    );
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("2026-13-01"), None);
    assert_eq!(parse_date("2026-11-25T24:00Z"), None);
    assert_eq!(parse_date("yesterday"), None);
    assert_eq!(decode_base64("aGk="), Some(b"hi".to_vec()));
    assert_eq!(decode_base64("a"), None);
    assert_eq!(IpNet::parse("10.0.0.0/8").map(|n| n.prefix), Some(8));
    assert!(IpNet::parse("10.0.0.0/x").is_none());
}

/// The analysis relies on `case_key` being exactly the per-character relation of
/// `StringEqualsIgnoreCase`; checked on every character of the Basic Multilingual Plane paired
/// with the letters and with the characters whose case mapping is unusual.
#[test]
fn case_key_is_the_ignore_case_relation() {
    let probes: Vec<char> = "aAkKsSiIßµ\u{212A}\u{017F}\u{0130}\u{0131}\u{03C2}\u{03A3}\u{1E9E}"
        .chars()
        .collect();
    for c in (0u32..0x1_0000).filter_map(char::from_u32) {
        for &p in &probes {
            let (a, b) = (c.to_string(), p.to_string());
            assert_eq!(
                super::ignore_case_eq(&a, &b),
                case_key(c) == case_key(p),
                "{c:?} vs {p:?}"
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// The reader of `YYYY-MM-DDThh:mm:ssZ` answers as the general date reader does, on valid
    /// and out-of-range fields (month 13, day 31 in a short month, hour 24, leap days).
    #[test]
    fn the_utc_seconds_form_reads_as_the_general_reader_reads_it(
        text in "[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9]Z",
    ) {
        proptest::prop_assert!(utc_seconds(&text).is_some());
        proptest::prop_assert_eq!(parse_date(&text), parse_date_general(&text));
    }
}

#[test]
fn near_forms_go_to_the_general_reader() {
    for text in [
        "2026-11-25T12:00:00+00:00",
        "2026-11-25T12:00Z",
        "2026-11-25 12:00:00Z",
        "2026-11-25T12:00:00z",
        "２026-11-25T12:00:00Z",
        // Twenty bytes, one out of the form: the bytes around the digits, a separator.
        "2026-1a-25T12:00:00Z",
        "2026-11-25T12:00:0/Z",
        "2026-11-25T12:00:0:Z",
        "2026/11-25T12:00:00Z",
        "2026-11-25T12-00:00Z",
    ] {
        assert_eq!(utc_seconds(text), None, "{text}");
        assert_eq!(parse_date(text), parse_date_general(text), "{text}");
    }
    assert_eq!(
        parse_date("2026-11-25T12:00:00Z"),
        parse_date("2026-11-25T12:00Z")
    );
}

/// Every key with a slot in a request context is in the key catalogue, except the service's own.
#[test]
fn every_known_context_key_is_catalogued() {
    for k in crate::condition::KNOWN_KEYS {
        if !k.starts_with("swf:") {
            assert!(crate::keys::lookup(k).is_some(), "{k}");
        }
    }
}

/// The multivalued slots are the catalogue's multivalued keys that have one; the others can
/// never be in a context.
#[test]
fn multivalued_slots_are_the_catalogues() {
    use crate::keys::{Availability, CATALOGUE};
    for k in CATALOGUE.iter().filter(|k| !k.name.ends_with('/')) {
        match crate::condition::key_slot(k.name) {
            Some(s) => assert_eq!(
                crate::condition::MULTIVALUED_SLOTS >> s & 1 == 1,
                k.multivalued,
                "{}",
                k.name
            ),
            None => assert!(
                !k.multivalued
                    || matches!(
                        k.availability,
                        Availability::NeverForSwf | Availability::ServicePrincipal
                    ),
                "{}",
                k.name
            ),
        }
    }
}

/// A condition over a value known only in part is decided when every value it allows gives the
/// same result, and unknown otherwise; `evaluate` and `holds` agree. AWS includes `aws:userid`
/// in every request and `aws:TokenIssueTime` in every request signed with temporary
/// credentials (the "Availability" of each key on
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
#[test]
fn partial_values_decide_only_what_every_value_decides() {
    struct Partials(HashMap<String, Partial>);
    impl Lookup for Partials {
        fn values(&self, key: &str) -> Option<Values<'_>> {
            self.0.get(&key.to_ascii_lowercase()).map(Values::Unknown)
        }
    }
    let cx = Partials(HashMap::from([
        ("aws:userid".to_string(), Partial::between("", ":ci")),
        ("aws:tokenissuetime".to_string(), Partial::unknown()),
        ("aws:sourceip".to_string(), Partial::unknown().or_absent()),
    ]));
    let rows: &[(&str, &str, &[&str], Truth)] = &[
        ("Null", "aws:TokenIssueTime", &["false"], Truth::True),
        ("Null", "aws:TokenIssueTime", &["true"], Truth::False),
        ("Null", "aws:userid", &["false"], Truth::True),
        ("StringLike", "aws:userid", &["*:ci"], Truth::True),
        ("StringNotLike", "aws:userid", &["*:ci"], Truth::False),
        (
            "StringLike",
            "aws:userid",
            &["*:deploy", "AROA*:x"],
            Truth::False,
        ),
        ("StringLike", "aws:userid", &["AROA*:ci"], Truth::Unknown),
        (
            "StringEquals",
            "aws:userid",
            &["AROAEXAMPLE:ci"],
            Truth::Unknown,
        ),
        (
            "StringEquals",
            "aws:userid",
            &["AROAEXAMPLE:cd"],
            Truth::False,
        ),
        ("StringNotEqualsIfExists", "aws:userid", &["x"], Truth::True),
        (
            "StringEqualsIgnoreCase",
            "aws:userid",
            &["x:CI"],
            Truth::Unknown,
        ),
        (
            "StringEqualsIgnoreCase",
            "aws:userid",
            &["x:CD"],
            Truth::False,
        ),
        ("ForAnyValue:StringLike", "aws:userid", &["*"], Truth::True),
        (
            "DateGreaterThan",
            "aws:TokenIssueTime",
            &["2026-01-01"],
            Truth::Unknown,
        ),
        (
            "DateGreaterThanIfExists",
            "aws:TokenIssueTime",
            &["2026-01-01"],
            Truth::Unknown,
        ),
        ("Null", "aws:SourceIp", &["true"], Truth::Unknown),
        (
            "IpAddress",
            "aws:SourceIp",
            &["203.0.113.0/24"],
            Truth::Unknown,
        ),
        (
            "NotIpAddressIfExists",
            "aws:SourceIp",
            &["203.0.113.0/24"],
            Truth::Unknown,
        ),
        // A variable over a value known in part cannot be substituted.
        (
            "StringEquals",
            "aws:TokenIssueTime",
            &["${aws:userid}"],
            Truth::Unknown,
        ),
    ];
    for (op, key, values, want) in rows {
        let c = cond(op, key, values, true);
        let traced = c.evaluate(&cx);
        assert_eq!(traced.result, *want, "{op} {key} {values:?}");
        assert_eq!(c.holds(&cx), *want, "holds: {op} {key} {values:?}");
        assert!(traced.partial.is_some(), "{op} {key}");
    }
}
