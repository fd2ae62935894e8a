//! The `to fix` advice of every operator family, for an Allow whose condition fails and a Deny
//! whose condition holds, with the key present and absent, in one reviewed snapshot: each case
//! is one small policy run through the real evaluator.

use swfsim::condition::Truth;
use swfsim::eval::{evaluate, load, ConditionTrace, EvalRequest, PolicySet};
use swfsim::output::fix_hint;
use swfsim::policy::{Effect, PolicyKind};
use swfsim::request::{Context, Principal, ValueSource, ACTION};
use swfsim::source::SourceId;
use Effect::{Allow, Deny};

/// One condition: the statement's effect, the operator, the key, the policy's values, and the
/// request's values for the key (none: the call does not carry it).
type Case = (
    Effect,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const MFA_AGE: &str = "aws:MultiFactorAuthAge";
const NOW: &str = "aws:CurrentTime";
const EPOCH: &str = "aws:EpochTime";
const TOKEN: &str = "aws:TokenIssueTime";
const TLS: &str = "aws:SecureTransport";
const MFA: &str = "aws:MultiFactorAuthPresent";
const CERT: &str = "aws:PrincipalTag/cert";
const IP: &str = "aws:SourceIp";
const CALLER: &str = "aws:PrincipalArn";
const SOURCE: &str = "ec2:SourceInstanceArn";
const TEAM: &str = "aws:PrincipalTag/team";
const NAME: &str = "swf:workflowType.name";
const VERSION: &str = "swf:workflowType.version";
const TASK_LIST: &str = "swf:taskList.name";
const TAGS: &str = "aws:CalledVia";
const TAG_1: &str = "swf:tagList.member.1";
const ALICE: &str = "arn:aws:iam::123456789012:user/alice";
const OPS_ROLES: &str = "arn:aws:iam::123456789012:role/ops-*";
const QUEUE: &str = "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc";
const JAN: &str = "2026-01-01T00:00:00Z";
const MAR: &str = "2026-03-01T00:00:00Z";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // String
    (Allow, "StringEquals", NAME, &["workflow1"], &["ProcessOrder"]),
    (Allow, "StringEquals", TASK_LIST, &["orders-tl"], &[]),
    (Allow, "StringEquals", TEAM, &["ops"], &[]),
    (Allow, "StringEqualsIgnoreCase", TEAM, &["ops", "sre"], &["dev"]),
    (Allow, "StringLike", NAME, &["Order*"], &["Refund"]),
    (Allow, "StringLike", NAME, &["Order*", "Ship*"], &["Refund"]),
    (Allow, "StringEqualsIfExists", TEAM, &["ops"], &["dev"]),
    (Allow, "StringNotEquals", NAME, &["ProcessOrder"], &["ProcessOrder"]),
    (Allow, "StringNotLike", TEAM, &["dev*"], &["devops"]),
    (Allow, "ForAnyValue:StringEquals", TAGS, &["athena.amazonaws.com"], &["glue.amazonaws.com", "sqs.amazonaws.com"]),
    (Allow, "ForAnyValue:StringEquals", TAGS, &["athena.amazonaws.com"], &[]),
    (Allow, "ForAllValues:StringEquals", TAGS, &["athena.amazonaws.com", "sqs.amazonaws.com"], &["athena.amazonaws.com", "glue.amazonaws.com"]),
    (Allow, "ForAllValues:StringNotEquals", TAGS, &["kms.amazonaws.com"], &["athena.amazonaws.com", "kms.amazonaws.com"]),
    (Deny, "StringEquals", NAME, &["Purge*", "PurgeAll"], &["PurgeAll"]),
    (Deny, "StringLike", NAME, &["Purge*"], &["PurgeAll"]),
    (Deny, "StringNotEquals", TEAM, &["ops"], &["dev"]),
    (Deny, "StringNotEquals", TEAM, &["ops"], &[]),
    (Deny, "StringNotEqualsIfExists", TEAM, &["ops", "sre"], &[]),
    (Deny, "StringNotEqualsIgnoreCase", TASK_LIST, &["orders-tl"], &[]),
    (Deny, "StringEqualsIfExists", TEAM, &["dev"], &[]),
    (Deny, "ForAllValues:StringEquals", TAGS, &["athena.amazonaws.com"], &[]),
    (Deny, "ForAnyValue:StringEquals", TAGS, &["kms.amazonaws.com"], &["kms.amazonaws.com", "athena.amazonaws.com"]),
    // Numeric
    (Allow, "NumericLessThan", MFA_AGE, &["3"], &["5"]),
    (Allow, "NumericLessThan", MFA_AGE, &["3", "10"], &["12"]),
    (Allow, "NumericLessThanEquals", MFA_AGE, &["3"], &["5"]),
    (Allow, "NumericGreaterThan", VERSION, &["3"], &["2"]),
    (Allow, "NumericGreaterThan", VERSION, &["3", "5"], &["2"]),
    (Allow, "NumericGreaterThanEquals", VERSION, &["3"], &["2"]),
    (Allow, "NumericEquals", VERSION, &["3"], &["2"]),
    (Allow, "NumericEquals", VERSION, &["3", "4"], &["2"]),
    (Allow, "NumericNotEquals", VERSION, &["2", "7"], &["2"]),
    (Allow, "NumericNotEquals", VERSION, &["2"], &["2.0"]),
    (Allow, "NumericLessThanIfExists", MFA_AGE, &["3600"], &["7200"]),
    (Allow, "ForAnyValue:NumericLessThan", MFA_AGE, &["3600"], &["7200"]),
    (Allow, "ForAnyValue:NumericGreaterThan", EPOCH, &["1767225600"], &["1700000000", "1750000000"]),
    (Allow, "ForAllValues:NumericLessThan", EPOCH, &["1767225600"], &["1700000000", "1800000000", "1900000000"]),
    (Allow, "NumericLessThan", MFA_AGE, &["3600"], &[]),
    (Allow, "ForAnyValue:NumericLessThan", MFA_AGE, &["3600"], &[]),
    (Deny, "NumericGreaterThan", MFA_AGE, &["3600"], &["7200"]),
    (Deny, "NumericGreaterThanEquals", MFA_AGE, &["3600"], &["3600"]),
    (Deny, "NumericLessThan", VERSION, &["3", "5"], &["2"]),
    (Deny, "NumericLessThanEquals", VERSION, &["3"], &["2"]),
    (Deny, "NumericEquals", VERSION, &["2", "7"], &["2"]),
    (Deny, "NumericNotEquals", VERSION, &["3"], &["2"]),
    (Deny, "NumericGreaterThanIfExists", MFA_AGE, &["3600"], &[]),
    (Deny, "NumericNotEquals", MFA_AGE, &["0"], &[]),
    (Deny, "ForAllValues:NumericLessThan", MFA_AGE, &["3600"], &[]),
    // Date
    (Allow, "DateLessThan", NOW, &[JAN], &[MAR]),
    (Allow, "DateLessThanEquals", NOW, &[JAN], &[MAR]),
    (Allow, "DateGreaterThan", NOW, &[MAR], &[JAN]),
    (Allow, "DateGreaterThanEquals", NOW, &[MAR], &[JAN]),
    (Allow, "DateGreaterThan", TOKEN, &[JAN, MAR], &["2025-12-01T00:00:00Z"]),
    (Allow, "DateEquals", TOKEN, &[JAN], &[MAR]),
    (Allow, "DateNotEquals", TOKEN, &[JAN, MAR], &[MAR]),
    (Allow, "DateLessThanIfExists", TOKEN, &[JAN], &[MAR]),
    (Allow, "DateGreaterThan", TOKEN, &[JAN], &[]),
    (Deny, "DateGreaterThan", NOW, &[JAN], &[MAR]),
    (Deny, "DateLessThanEquals", TOKEN, &[JAN], &[JAN]),
    (Deny, "DateEquals", TOKEN, &[JAN], &[JAN]),
    (Deny, "DateNotEquals", TOKEN, &[JAN], &[MAR]),
    (Deny, "DateLessThanIfExists", TOKEN, &[JAN], &[]),
    // Bool
    (Allow, "Bool", TLS, &["true"], &["false"]),
    (Allow, "BoolIfExists", MFA, &["true"], &["false"]),
    (Allow, "Bool", MFA, &["true"], &[]),
    (Deny, "Bool", TLS, &["false"], &["false"]),
    (Deny, "BoolIfExists", MFA, &["false"], &[]),
    // Binary
    (Allow, "BinaryEquals", CERT, &["QUJD"], &["QUJE"]),
    (Allow, "BinaryEquals", CERT, &["QUJD", "WFla"], &["QUJE"]),
    (Allow, "BinaryEquals", CERT, &["QUJD"], &[]),
    (Deny, "BinaryEquals", CERT, &["QUJD"], &["QUJD"]),
    (Deny, "BinaryEqualsIfExists", CERT, &["QUJD"], &[]),
    // Ip
    (Allow, "IpAddress", IP, &["10.0.0.0/8"], &["203.0.113.7"]),
    (Allow, "IpAddress", IP, &["10.0.0.0/8", "192.168.0.0/16"], &["203.0.113.7"]),
    (Allow, "IpAddress", IP, &["2001:db8::/32"], &["2001:db9::1"]),
    (Allow, "IpAddressIfExists", IP, &["10.0.0.0/8"], &["203.0.113.7"]),
    (Allow, "NotIpAddress", IP, &["10.0.0.0/8"], &["10.1.2.3"]),
    (Allow, "NotIpAddressIfExists", IP, &["10.0.0.0/8", "172.16.0.0/12"], &["172.16.5.4"]),
    (Allow, "IpAddress", IP, &["10.0.0.0/8"], &[]),
    (Deny, "NotIpAddress", IP, &["10.0.0.0/8"], &["203.0.113.7"]),
    (Deny, "NotIpAddress", IP, &["10.0.0.0/8", "192.168.0.0/16"], &["203.0.113.7"]),
    (Deny, "IpAddress", IP, &["203.0.113.0/24"], &["203.0.113.7"]),
    (Deny, "NotIpAddress", IP, &["10.0.0.0/8"], &[]),
    (Deny, "NotIpAddressIfExists", IP, &["10.0.0.0/8"], &[]),
    // Arn
    (Allow, "ArnLike", CALLER, &[OPS_ROLES], &[ALICE]),
    (Allow, "ArnEquals", SOURCE, &[QUEUE], &[ALICE]),
    (Allow, "ArnLikeIfExists", SOURCE, &["arn:aws:ec2:*:123456789012:*"], &[ALICE]),
    (Allow, "ArnNotLike", CALLER, &["arn:aws:iam::123456789012:user/*"], &[ALICE]),
    (Allow, "ArnNotEquals", SOURCE, &[QUEUE], &[QUEUE]),
    (Allow, "ArnEquals", SOURCE, &[QUEUE], &[]),
    (Deny, "ArnNotLike", CALLER, &[OPS_ROLES], &[ALICE]),
    (Deny, "ArnLike", CALLER, &["arn:aws:iam::*:user/*"], &[ALICE]),
    (Deny, "ArnNotEquals", SOURCE, &[QUEUE], &[]),
    (Deny, "ArnLikeIfExists", SOURCE, &["arn:aws:ec2:*"], &[]),
    // Null
    (Allow, "Null", TAG_1, &["true"], &["audit"]),
    (Allow, "Null", TEAM, &["true"], &["ops"]),
    (Allow, "Null", TEAM, &["false"], &[]),
    (Allow, "Null", TASK_LIST, &["false"], &[]),
    (Deny, "Null", TEAM, &["true"], &[]),
    (Deny, "Null", TEAM, &["false"], &["ops"]),
    (Deny, "Null", TAG_1, &["false"], &["audit"]),
    // Keys AWS never includes in a StartWorkflowExecution call.
    (Allow, "StringEquals", "aws:TagKeys", &["team"], &[]),
    (Deny, "StringNotEquals", "aws:SourceArn", &[QUEUE], &[]),
];

/// The trace of the case's one condition, through the evaluator.
fn trace(&(effect, operator, key, policy, request): &Case) -> ConditionTrace {
    let values = serde_json::to_string(policy).unwrap();
    let policy = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect:?}", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {{"{operator}": {{"{key}": {values}}}}}}}]}}"#
    );
    let identity = load(&policy, SourceId(0), PolicyKind::Identity)
        .unwrap_or_else(|e| panic!("{policy}: {e:?}"));
    let set = PolicySet {
        identity,
        ..PolicySet::default()
    };
    let mut context = Context::new();
    if !request.is_empty() {
        let values: Vec<String> = request.iter().map(|v| v.to_string()).collect();
        context.set(key, values, ValueSource::CommandLine);
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
    let (effect, operator, key, policy, request) = *case;
    let c = trace(case);
    let wanted = match effect {
        Allow => Truth::False,
        Deny => Truth::True,
    };
    assert_eq!(
        c.outcome.result, wanted,
        "{operator} {key}: the case does not need a fix"
    );
    let request = if request.is_empty() {
        "absent".to_string()
    } else {
        request.join(", ")
    };
    let fix = fix_hint(&c, effect).unwrap_or_else(|| "(no advice)".into());
    let policy = serde_json::to_string(policy).unwrap();
    format!("{effect:?} {operator} {key} {policy}\n  request: {request}\n  to fix: {fix}\n")
}

#[test]
fn every_operator_family_has_advice_for_a_failing_allow_and_a_holding_deny() {
    let all: Vec<String> = CASES.iter().map(entry).collect();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("fix_advice", all.join("\n")));
}
