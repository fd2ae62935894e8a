//! The `to fix` advice of every operator family, for an Allow whose condition fails and a Deny
//! whose condition holds, with the key present and absent, in one reviewed snapshot: each case
//! is one small policy run through the real evaluator.

use swfsim::condition::Truth;
use swfsim::eval::{evaluate, load, ConditionTrace, EvalRequest, PolicySet};
use swfsim::output::fix_hint;
use swfsim::policy::{Effect, PolicyKind};
use swfsim::request::{Context, Principal, ValueSource, ACTION};
use swfsim::source::SourceId;

/// One condition: the statement's effect, the operator, the key, the policy's values, and the
/// request's values for the key (none: the call does not carry it).
struct Case {
    effect: Effect,
    operator: &'static str,
    key: &'static str,
    policy: &'static [&'static str],
    request: &'static [&'static str],
}

const fn allow(
    operator: &'static str,
    key: &'static str,
    policy: &'static [&'static str],
    request: &'static [&'static str],
) -> Case {
    Case {
        effect: Effect::Allow,
        operator,
        key,
        policy,
        request,
    }
}

const fn deny(
    operator: &'static str,
    key: &'static str,
    policy: &'static [&'static str],
    request: &'static [&'static str],
) -> Case {
    Case {
        effect: Effect::Deny,
        ..allow(operator, key, policy, request)
    }
}

const MFA_AGE: &str = "aws:MultiFactorAuthAge";
const NOW: &str = "aws:CurrentTime";
const TOKEN: &str = "aws:TokenIssueTime";
const TLS: &str = "aws:SecureTransport";
const MFA: &str = "aws:MultiFactorAuthPresent";
const CERT: &str = "aws:PrincipalTag/cert";
const IP: &str = "aws:SourceIp";
const CALLER: &str = "aws:PrincipalArn";
const SOURCE: &str = "aws:SourceArn";
const TEAM: &str = "aws:PrincipalTag/team";
const NAME: &str = "swf:workflowType.name";
const VERSION: &str = "swf:workflowType.version";
const TASK_LIST: &str = "swf:taskList.name";
const TAGS: &str = "aws:TagKeys";
const TAG_1: &str = "swf:tagList.member.1";
const ALICE: &str = "arn:aws:iam::123456789012:user/alice";
const OPS_ROLES: &str = "arn:aws:iam::123456789012:role/ops-*";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:orders";
const JAN: &str = "2026-01-01T00:00:00Z";
const MAR: &str = "2026-03-01T00:00:00Z";

const CASES: &[Case] = &[
    // String
    allow("StringEquals", NAME, &["workflow1"], &["ProcessOrder"]),
    allow("StringEquals", TASK_LIST, &["orders-tl"], &[]),
    allow("StringEquals", TEAM, &["ops"], &[]),
    allow("StringEqualsIgnoreCase", TEAM, &["ops", "sre"], &["dev"]),
    allow("StringLike", NAME, &["Order*"], &["Refund"]),
    allow("StringLike", NAME, &["Order*", "Ship*"], &["Refund"]),
    allow("StringEqualsIfExists", TEAM, &["ops"], &["dev"]),
    allow(
        "StringNotEquals",
        NAME,
        &["ProcessOrder"],
        &["ProcessOrder"],
    ),
    allow("StringNotLike", TEAM, &["dev*"], &["devops"]),
    allow(
        "ForAnyValue:StringEquals",
        TAGS,
        &["team"],
        &["cost", "owner"],
    ),
    allow("ForAnyValue:StringEquals", TAGS, &["team"], &[]),
    allow(
        "ForAllValues:StringEquals",
        TAGS,
        &["team", "owner"],
        &["team", "cost"],
    ),
    deny("StringEquals", NAME, &["Purge*", "PurgeAll"], &["PurgeAll"]),
    deny("StringLike", NAME, &["Purge*"], &["PurgeAll"]),
    deny("StringNotEquals", TEAM, &["ops"], &["dev"]),
    deny("StringNotEquals", TEAM, &["ops"], &[]),
    deny("StringNotEqualsIfExists", TEAM, &["ops", "sre"], &[]),
    deny("StringEqualsIfExists", TEAM, &["dev"], &[]),
    deny("ForAllValues:StringEquals", TAGS, &["team"], &[]),
    deny(
        "ForAnyValue:StringEquals",
        TAGS,
        &["secret"],
        &["secret", "team"],
    ),
    // Numeric
    allow("NumericLessThan", MFA_AGE, &["3"], &["5"]),
    allow("NumericLessThan", MFA_AGE, &["3", "10"], &["12"]),
    allow("NumericLessThanEquals", MFA_AGE, &["3"], &["5"]),
    allow("NumericGreaterThan", VERSION, &["3"], &["2"]),
    allow("NumericGreaterThan", VERSION, &["3", "5"], &["2"]),
    allow("NumericGreaterThanEquals", VERSION, &["3"], &["2"]),
    allow("NumericEquals", VERSION, &["3"], &["2"]),
    allow("NumericEquals", VERSION, &["3", "4"], &["2"]),
    allow("NumericNotEquals", VERSION, &["2", "7"], &["2"]),
    allow("NumericLessThanIfExists", MFA_AGE, &["3600"], &["7200"]),
    allow("ForAnyValue:NumericLessThan", MFA_AGE, &["3600"], &["7200"]),
    allow("NumericLessThan", MFA_AGE, &["3600"], &[]),
    allow("ForAnyValue:NumericLessThan", MFA_AGE, &["3600"], &[]),
    deny("NumericGreaterThan", MFA_AGE, &["3600"], &["7200"]),
    deny("NumericGreaterThanEquals", MFA_AGE, &["3600"], &["3600"]),
    deny("NumericLessThan", VERSION, &["3"], &["2"]),
    deny("NumericLessThanEquals", VERSION, &["3"], &["2"]),
    deny("NumericEquals", VERSION, &["2", "7"], &["2"]),
    deny("NumericNotEquals", VERSION, &["3"], &["2"]),
    deny("NumericGreaterThanIfExists", MFA_AGE, &["3600"], &[]),
    deny("NumericNotEquals", MFA_AGE, &["0"], &[]),
    // Date
    allow("DateLessThan", NOW, &[JAN], &[MAR]),
    allow("DateLessThanEquals", NOW, &[JAN], &[MAR]),
    allow("DateGreaterThan", NOW, &[MAR], &[JAN]),
    allow("DateGreaterThanEquals", NOW, &[MAR], &[JAN]),
    allow(
        "DateGreaterThan",
        TOKEN,
        &[JAN, MAR],
        &["2025-12-01T00:00:00Z"],
    ),
    allow("DateEquals", TOKEN, &[JAN], &[MAR]),
    allow("DateNotEquals", TOKEN, &[JAN, MAR], &[MAR]),
    allow("DateLessThanIfExists", TOKEN, &[JAN], &[MAR]),
    allow("DateGreaterThan", TOKEN, &[JAN], &[]),
    deny("DateGreaterThan", NOW, &[JAN], &[MAR]),
    deny("DateLessThanEquals", TOKEN, &[JAN], &[JAN]),
    deny("DateEquals", TOKEN, &[JAN], &[JAN]),
    deny("DateNotEquals", TOKEN, &[JAN], &[MAR]),
    deny("DateLessThanIfExists", TOKEN, &[JAN], &[]),
    // Bool
    allow("Bool", TLS, &["true"], &["false"]),
    allow("BoolIfExists", MFA, &["true"], &["false"]),
    allow("Bool", MFA, &["true"], &[]),
    deny("Bool", TLS, &["false"], &["false"]),
    deny("BoolIfExists", MFA, &["false"], &[]),
    // Binary
    allow("BinaryEquals", CERT, &["QUJD"], &["QUJE"]),
    allow("BinaryEquals", CERT, &["QUJD", "WFla"], &["QUJE"]),
    allow("BinaryEquals", CERT, &["QUJD"], &[]),
    deny("BinaryEquals", CERT, &["QUJD"], &["QUJD"]),
    deny("BinaryEqualsIfExists", CERT, &["QUJD"], &[]),
    // Ip
    allow("IpAddress", IP, &["10.0.0.0/8"], &["203.0.113.7"]),
    allow(
        "IpAddress",
        IP,
        &["10.0.0.0/8", "192.168.0.0/16"],
        &["203.0.113.7"],
    ),
    allow("IpAddress", IP, &["2001:db8::/32"], &["2001:db9::1"]),
    allow("NotIpAddress", IP, &["10.0.0.0/8"], &["10.1.2.3"]),
    allow("IpAddress", IP, &["10.0.0.0/8"], &[]),
    deny("NotIpAddress", IP, &["10.0.0.0/8"], &["203.0.113.7"]),
    deny("IpAddress", IP, &["203.0.113.0/24"], &["203.0.113.7"]),
    deny("NotIpAddress", IP, &["10.0.0.0/8"], &[]),
    deny("NotIpAddressIfExists", IP, &["10.0.0.0/8"], &[]),
    // Arn
    allow("ArnLike", CALLER, &[OPS_ROLES], &[ALICE]),
    allow("ArnEquals", SOURCE, &[QUEUE], &[ALICE]),
    allow(
        "ArnNotLike",
        CALLER,
        &["arn:aws:iam::123456789012:user/*"],
        &[ALICE],
    ),
    allow("ArnNotEquals", SOURCE, &[QUEUE], &[QUEUE]),
    allow("ArnEquals", SOURCE, &[QUEUE], &[]),
    deny("ArnNotLike", CALLER, &[OPS_ROLES], &[ALICE]),
    deny("ArnLike", CALLER, &["arn:aws:iam::*:user/*"], &[ALICE]),
    deny("ArnNotEquals", SOURCE, &[QUEUE], &[]),
    deny("ArnLikeIfExists", SOURCE, &["arn:aws:sqs:*"], &[]),
    // Null
    allow("Null", TAG_1, &["true"], &["audit"]),
    allow("Null", TEAM, &["true"], &["ops"]),
    allow("Null", TEAM, &["false"], &[]),
    allow("Null", TASK_LIST, &["false"], &[]),
    deny("Null", TEAM, &["true"], &[]),
    deny("Null", TEAM, &["false"], &["ops"]),
    deny("Null", TAG_1, &["false"], &["audit"]),
];

/// The trace of the case's one condition, through the evaluator.
fn trace(case: &Case) -> ConditionTrace {
    let effect = match case.effect {
        Effect::Allow => "Allow",
        Effect::Deny => "Deny",
    };
    let values = serde_json::to_string(case.policy).unwrap();
    let policy = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {{"{}": {{"{}": {values}}}}}}}]}}"#,
        case.operator, case.key
    );
    let identity = load(&policy, SourceId(0), PolicyKind::Identity)
        .unwrap_or_else(|e| panic!("{policy}: {e:?}"));
    let set = PolicySet {
        identity,
        ..PolicySet::default()
    };
    let mut context = Context::new();
    if !case.request.is_empty() {
        let values: Vec<String> = case.request.iter().map(|v| v.to_string()).collect();
        context.set(case.key, values, ValueSource::CommandLine);
    }
    let principal = Principal::parse(ALICE).unwrap();
    let req = EvalRequest {
        action: ACTION,
        resource: "arn:aws:swf:us-east-1:123456789012:/domain/orders",
        resource_account: "123456789012",
        principal: &principal,
        context: &context,
    };
    let mut e = evaluate(&set, &req);
    assert_eq!(e.statements.len(), 1, "{policy}");
    e.statements.remove(0).conditions.remove(0)
}

/// A case as the snapshot lists it: its condition, the request's values, and the advice.
fn entry(case: &Case) -> String {
    let c = trace(case);
    let wanted = match case.effect {
        Effect::Allow => Truth::False,
        Effect::Deny => Truth::True,
    };
    assert_eq!(
        c.outcome.result, wanted,
        "{} {}: the case does not need a fix",
        case.operator, case.key
    );
    let request = if case.request.is_empty() {
        "absent".to_string()
    } else {
        case.request.join(", ")
    };
    let fix = fix_hint(&c, case.effect).unwrap_or_else(|| "(no advice)".into());
    format!(
        "{:?} {} {} {}\n  request: {request}\n  to fix: {fix}\n",
        case.effect,
        case.operator,
        case.key,
        serde_json::to_string(case.policy).unwrap()
    )
}

#[test]
fn every_operator_family_has_advice_for_a_failing_allow_and_a_holding_deny() {
    let all: Vec<String> = CASES.iter().map(entry).collect();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("fix_advice", all.join("\n")));
}
