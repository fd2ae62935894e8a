//! The key catalogue through the library: the context each caller's call carries, and `diff`
//! and `check` covering the calls the catalogue allows.
//!
//! "Availability" of each key: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html;
//! `aws:userid` per caller: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html.

use swfsim::analysis::{analyze, Goal, Scope};
use swfsim::eval::{self, PolicySet};
use swfsim::policy::PolicyKind;
use swfsim::request::{
    build_context, CallInputs, CallerFacts, Credentials, Organization, Principal, StartRequest,
    UserKey, WorldFacts,
};
use swfsim::source::SourceId;

/// What the context holds for a key: its one known value, `?` plus what is known for a value
/// known in part, or nothing.
fn shown(cx: &swfsim::request::Context, key: &str) -> Option<String> {
    let e = cx.get(key)?;
    let v = cx.entry_values(e);
    Some(match v.partial() {
        Some(p) => format!(
            "?{}{}{}",
            p.known_prefix,
            p.known_suffix,
            if p.may_be_absent { "|absent" } else { "" }
        ),
        None => v.iter().collect::<Vec<_>>().join(","),
    })
}

fn context(
    principal: &str,
    caller: CallerFacts,
    keys: &[(&str, &str)],
) -> swfsim::request::Context {
    let call = CallInputs {
        principal: Principal::parse(principal).unwrap().into(),
        region: "us-east-1".into(),
        user_keys: keys
            .iter()
            .map(|(k, v)| UserKey {
                key: k.to_string(),
                values: vec![v.to_string()],
                span: Default::default(),
            })
            .collect(),
        now: 1_764_072_000,
        caller,
    };
    build_context(
        &StartRequest::default(),
        &call,
        "123456789012",
        &WorldFacts::default(),
    )
}

/// The availability table as implemented: per caller, what each derived key holds.
#[test]
fn each_caller_carries_what_aws_includes() {
    let user = "arn:aws:iam::123456789012:user/alice";
    let session = "arn:aws:sts::123456789012:assumed-role/deployer/ci";
    let federated = "arn:aws:sts::123456789012:federated-user/bob";
    let root = "arn:aws:iam::123456789012:root";
    let none = CallerFacts::default();
    let temporary = CallerFacts {
        credentials: Some(Credentials::Temporary),
        ..none
    };
    let member = CallerFacts {
        organization: Organization::Member,
        ..none
    };
    type Row<'a> = (&'a str, CallerFacts, &'a str, Option<&'a str>);
    let rows: &[Row<'_>] = &[
        (user, none, "aws:userid", Some("?")),
        (user, none, "aws:username", Some("alice")),
        (user, none, "aws:TokenIssueTime", None),
        (user, none, "aws:MultiFactorAuthPresent", None),
        (user, temporary, "aws:TokenIssueTime", Some("?")),
        (user, temporary, "aws:MultiFactorAuthPresent", Some("?")),
        (user, temporary, "aws:MultiFactorAuthAge", Some("?|absent")),
        (session, none, "aws:userid", Some("?:ci")),
        (session, none, "aws:username", None),
        (session, none, "aws:TokenIssueTime", Some("?")),
        (
            session,
            none,
            "aws:PrincipalArn",
            Some("arn:aws:iam::123456789012:role/deployer"),
        ),
        (federated, none, "aws:userid", Some("123456789012:bob")),
        (federated, none, "aws:TokenIssueTime", Some("?")),
        (root, none, "aws:userid", Some("123456789012")),
        (root, none, "aws:TokenIssueTime", None),
        (user, none, "aws:PrincipalOrgID", None),
        (user, member, "aws:PrincipalOrgID", Some("?")),
        (user, member, "aws:ResourceOrgPaths", Some("?")),
        (user, none, "aws:UserAgent", Some("?")),
        (user, none, "aws:SourceIp", Some("?|absent")),
        (user, none, "aws:SecureTransport", Some("true")),
        (user, none, "aws:ViaAWSService", Some("false")),
    ];
    for (principal, facts, key, want) in rows {
        let cx = context(principal, *facts, &[]);
        assert_eq!(
            shown(&cx, key).as_deref(),
            *want,
            "{principal} {facts:?} {key}"
        );
    }
    // Keys given win, and say what else follows.
    let cx = context(user, none, &[("aws:MultiFactorAuthAge", "30")]);
    assert_eq!(
        shown(&cx, "aws:MultiFactorAuthPresent").as_deref(),
        Some("true")
    );
    assert_eq!(shown(&cx, "aws:TokenIssueTime").as_deref(), Some("?"));
    let cx = context(user, none, &[("aws:SourceVpce", "vpce-1")]);
    assert_eq!(shown(&cx, "aws:SourceIp"), None);
    let cx = context(session, none, &[("aws:userid", "AROAX:ci")]);
    assert_eq!(shown(&cx, "aws:userid").as_deref(), Some("AROAX:ci"));
    let cx = context(user, none, &[("aws:PrincipalOrgID", "o-1")]);
    assert_eq!(shown(&cx, "aws:ResourceOrgID").as_deref(), Some("?"));
}

/// An Allow of every start under one condition block.
fn allow_when(condition: &str) -> PolicySet {
    set(&format!(
        r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow",
          "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {condition}}}}}"#
    ))
}

fn set(text: &str) -> PolicySet {
    PolicySet {
        identity: eval::load(text, SourceId(0), PolicyKind::Identity).unwrap(),
        ..Default::default()
    }
}

/// `check` covers the calls the catalogue allows: a role session always carries a token time,
/// so the usual guard denies every start; an IAM user's starts are denied only with temporary
/// credentials, and the witness says so.
#[test]
fn check_covers_each_callers_credentials() {
    let guarded = set(r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"},
          {"Effect": "Deny", "Action": "*", "Resource": "*",
           "Condition": {"Null": {"aws:TokenIssueTime": "false"}}}]}"#);
    let scope = |caller: &str| Scope {
        principals: vec![Principal::parse(caller).unwrap()],
        ..Scope::default()
    };
    let session = scope("arn:aws:sts::123456789012:assumed-role/deployer/ci");
    let allowed = analyze(&[&guarded], Goal::Allowed, &session).unwrap();
    assert!(allowed.regions.is_empty(), "{allowed:?}");
    let user = scope("arn:aws:iam::123456789012:user/alice");
    let denied = analyze(&[&guarded], Goal::Denied, &user).unwrap();
    assert!(!denied.regions.is_empty());
    assert!(denied
        .regions
        .iter()
        .all(|r| r.witness.credentials == Some(Credentials::Temporary)));
    assert_eq!(
        denied.regions[0].witness.to_json()["credentials"],
        "temporary"
    );
    let allowed = analyze(&[&guarded], Goal::Allowed, &user).unwrap();
    assert!(allowed
        .regions
        .iter()
        .all(|r| r.witness.credentials.is_none()));
    assert!(!allowed.regions.is_empty());
}

/// A policy reading `aws:SourceIp` is analysed for calls with an address and through a VPC
/// endpoint, where the address is absent: an Allow on an address range never allows the latter.
#[test]
fn diff_covers_calls_through_a_vpc_endpoint() {
    let open = set(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
          "Action": "swf:StartWorkflowExecution", "Resource": "*"}}"#,
    );
    let ranged = allow_when(r#"{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}"#);
    let lost = analyze(&[&open, &ranged], Goal::Lost, &Scope::default()).unwrap();
    assert!(!lost.regions.is_empty());
    // Through an endpoint the address is absent and IfExists holds: nothing lost there.
    for r in &lost.regions {
        let via = r.witness.context.iter().any(|(k, _)| k == "aws:SourceVpce");
        assert!(!via, "{:?}", r.witness);
    }
}

/// Without SCP or RCP levels nothing says whether the account is in an organization: `check`
/// covers both, so an Allow for one organization can allow.
#[test]
fn check_covers_accounts_in_and_out_of_an_organization() {
    let org = allow_when(r#"{"StringEquals": {"aws:PrincipalOrgID": "o-123"}}"#);
    let allowed = analyze(&[&org], Goal::Allowed, &Scope::default()).unwrap();
    assert!(!allowed.regions.is_empty(), "{allowed:?}");
    let denied = analyze(&[&org], Goal::Denied, &Scope::default()).unwrap();
    assert!(!denied.regions.is_empty(), "{denied:?}");
}

/// A session's role path is not in its ARN: no proof rests on the simulator's default `/`,
/// and an IAM Identity Center role's ARN is known only under its reserved path.
#[test]
fn no_proof_rests_on_a_sessions_role_path() {
    let sso = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice";
    let scope = Scope {
        principals: vec![Principal::parse(sso).unwrap()],
        ..Scope::default()
    };
    // Decided whatever the path: the reserved prefix and the name are known.
    let reserved = allow_when(
        r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"}}"#,
    );
    let denied = analyze(&[&reserved], Goal::Denied, &scope).unwrap();
    assert!(denied.regions.is_empty(), "{denied:?}");
    // The default path would say never: the analysis does not claim it.
    let root_path = allow_when(
        r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef"}}"#,
    );
    let proof = analyze(&[&root_path], Goal::Allowed, &scope);
    assert!(
        proof.as_ref().map_or(true, |a| !a.regions.is_empty()),
        "a proof that nothing is allowed: {proof:?}"
    );
}

/// A session's `aws:userid` ends with its name: counterexamples keep to that form.
#[test]
fn a_sessions_userid_keeps_its_form_in_witnesses() {
    let by_id = allow_when(r#"{"StringLike": {"aws:userid": "AROAKNOWN*"}}"#);
    let scope = Scope {
        principals: vec![Principal::parse("arn:aws:sts::123456789012:assumed-role/r/ci").unwrap()],
        ..Scope::default()
    };
    for goal in [Goal::Allowed, Goal::Denied] {
        let found = analyze(&[&by_id], goal, &scope).unwrap();
        assert!(!found.regions.is_empty());
        for r in &found.regions {
            let id = r.witness.context.iter().find(|(k, _)| k == "aws:userid");
            assert!(
                id.is_some_and(|(_, v)| v.ends_with(":ci")),
                "{:?}",
                r.witness
            );
        }
    }
}

/// The catalogue's "what swfsim knows" is what the simulator does: for each key, a call where
/// AWS includes it carries it as the catalogue says (present with a value swfsim derives, known
/// only in part, a default's value, or absent until given).
#[test]
fn the_catalogue_says_what_the_simulator_does() {
    use swfsim::keys::{Availability, Known, CATALOGUE};
    let member_temporary = CallerFacts {
        credentials: Some(Credentials::Temporary),
        organization: Organization::Member,
        ..CallerFacts::default()
    };
    for k in CATALOGUE.iter().filter(|k| !k.name.ends_with('/')) {
        let principal = match k.availability {
            Availability::IamUser => "arn:aws:iam::123456789012:user/alice",
            Availability::AssumeRoot => "arn:aws:iam::123456789012:root",
            _ => "arn:aws:sts::123456789012:assumed-role/deployer/ci",
        };
        let facts = match k.availability {
            Availability::IamUser => CallerFacts::default(),
            _ => member_temporary,
        };
        let cx = context(principal, facts, &[]);
        let held = cx.get(k.name).map(|e| (cx.entry_values(e), e.source));
        match k.known {
            Known::Unknown => {
                assert!(
                    held.is_some_and(|(v, _)| v.partial().is_some()),
                    "{} should be present, value unknown",
                    k.name
                )
            }
            Known::Given => assert!(held.is_none(), "{} should be absent until given", k.name),
            Known::Default(v) => assert_eq!(
                held.and_then(|(vs, _)| vs.single()),
                Some(v),
                "{} should hold swfsim's default",
                k.name
            ),
            Known::Principal | Known::Region | Known::Clock | Known::World => {
                assert!(held.is_some(), "{} should be derived", k.name)
            }
        }
    }
}
