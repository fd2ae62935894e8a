//! The keys AWS derives from the caller, through the command line: present, known in part,
//! or absent as AWS's global condition keys page says, never a definite answer built on a key
//! AWS would have carried.
//!
//! Each key's "Availability" paragraph is on
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
//! (cited below as "the global keys page"); the values of `aws:userid` per caller are on
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html ("the
//! variables page").

mod common;
use common::*;

const NOW: &str = "2026-11-25T12:00:00Z";
const SESSION: &str = "arn:aws:sts::123456789012:assumed-role/deployer/ci";
const USER: &str = "arn:aws:iam::123456789012:user/alice";
const ALLOW: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": "swf:StartWorkflowExecution", "Resource": "*"}]}"#;

/// A policy of one statement with one condition: `{"OP": {"KEY": VALUE}}`.
fn statement(effect: &str, op: &str, key: &str, value: &str) -> String {
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", "Action": "*",
  "Resource": "*", "Condition": {{"{op}": {{"{key}": {value}}}}}}}]}}"#
    )
}

/// `simulate` of the example order with the policies written in `dir` and more arguments, JSON.
fn run(dir: &str, policies: &[&str], args: &[&str]) -> std::process::Output {
    let d = scratch(dir);
    let mut all: Vec<String> = vec!["--format".into(), "json".into(), "--now".into(), NOW.into()];
    for (i, p) in policies.iter().enumerate() {
        all.push("--policy".into());
        all.push(write(&d, &format!("p{i}.json"), p));
    }
    all.extend(args.iter().map(|s| s.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    simulate_order(&all)
}

/// Asserts the exit code and the JSON decision, showing the output when they differ.
fn verdict(o: &std::process::Output, code: i32, decision: &str) {
    let j = json(o);
    assert_eq!(
        (o.status.code(), j["decision"].as_str()),
        (Some(code), Some(decision)),
        "{}",
        stdout(o)
    );
}

/// Global keys page, aws:TokenIssueTime: "included in the request context only when the
/// principal uses temporary credentials"; a role session always does.
#[test]
fn a_role_session_carries_its_token_time_so_the_usual_guard_denies() {
    let guard = statement("Deny", "Null", "aws:TokenIssueTime", r#""false""#);
    let o = run("token-guard", &[ALLOW, &guard], &["--principal", SESSION]);
    verdict(&o, 1, "explicitDeny");
    let j = json(&o);
    let entry = &j["context"]["aws:TokenIssueTime"];
    assert_eq!(entry["source"], "principal");
    assert_eq!(entry["values"], serde_json::json!([]));
    assert!(entry["unknownValue"].is_object(), "{entry}");
    // A Null test's key is reported among the keys the call carried unknown.
    let missing = j["missingContextKeys"].as_array().unwrap();
    assert!(
        missing.iter().any(|k| k == "aws:TokenIssueTime"),
        "{missing:?}"
    );
}

/// An IAM user's access keys carry no token time; with `--credentials temporary` they do.
#[test]
fn an_iam_users_credentials_decide_the_token_keys() {
    let guard = statement("Deny", "Null", "aws:TokenIssueTime", r#""false""#);
    let o = run("user-long-term", &[ALLOW, &guard], &["--principal", USER]);
    verdict(&o, 0, "allowed");
    assert!(json(&o)["context"].get("aws:TokenIssueTime").is_none());
    let o = run(
        "user-temporary",
        &[ALLOW, &guard],
        &["--principal", USER, "--credentials", "temporary"],
    );
    verdict(&o, 1, "explicitDeny");
    // A key only temporary credentials carry, given, says the call uses them.
    let mfa = statement("Allow", "NumericLessThan", "aws:MultiFactorAuthAge", "3600");
    let o = run(
        "user-mfa-age",
        &[&mfa, &guard],
        &["--context", "aws:MultiFactorAuthAge=120"],
    );
    verdict(&o, 1, "explicitDeny");
    assert_eq!(
        json(&o)["context"]["aws:MultiFactorAuthPresent"]["source"],
        "derived"
    );
    let o = run(
        "user-mfa-only",
        &[&mfa],
        &["--context", "aws:MultiFactorAuthAge=120"],
    );
    verdict(&o, 0, "allowed");
}

/// Variables page: an assumed role's `aws:userid` is `role-id:caller-specified-role-name`. The
/// session name is known, the role id is not: `*:ci` matches whatever the id is.
#[test]
fn a_sessions_userid_ends_with_its_name() {
    let deny = statement("Deny", "StringLike", "aws:userid", r#""*:ci""#);
    let o = run("userid-suffix", &[ALLOW, &deny], &["--principal", SESSION]);
    verdict(&o, 1, "explicitDeny");
    let j = json(&o);
    assert_eq!(
        j["context"]["aws:userid"]["unknownValue"]["knownSuffix"],
        ":ci"
    );
    let other = statement("Deny", "StringLike", "aws:userid", r#""*:deploy""#);
    let o = run("userid-other", &[ALLOW, &other], &["--principal", SESSION]);
    verdict(&o, 0, "allowed");
}

/// Global keys page, aws:userid: "included in the request context for all requests". An IAM
/// user's is its unique id: present, whatever it is.
#[test]
fn an_iam_users_userid_is_present() {
    let allow = statement("Allow", "Null", "aws:userid", r#""false""#);
    let o = run("userid-present", &[&allow], &["--principal", USER]);
    verdict(&o, 0, "allowed");
}

/// A Deny that depends on the role's unique id, beside an Allow that applies: the answer is
/// unknown, exit 2, naming the key and the flag that settles it; given, the key decides.
#[test]
fn an_answer_that_depends_on_an_unknown_value_says_how_to_settle_it() {
    let deny = statement("Deny", "StringEquals", "aws:userid", r#""AROAEXAMPLE:ci""#);
    let o = run("settle", &[ALLOW, &deny], &["--principal", SESSION]);
    verdict(&o, 2, "unknown");
    let j = json(&o);
    assert_eq!(j["settleWith"][0]["key"], "aws:userid");
    assert_eq!(
        j["settleWith"][0]["flag"],
        "--context aws:userid=AROAEXAMPLEID:ci"
    );
    assert!(
        stderr(&o).contains("--context aws:userid=AROAEXAMPLEID:ci"),
        "{}",
        stderr(&o)
    );
    let given = |id: &str| {
        let flag = format!("aws:userid={id}");
        run(
            "settled",
            &[ALLOW, &deny],
            &["--principal", SESSION, "--context", &flag],
        )
    };
    verdict(&given("AROAEXAMPLE:ci"), 1, "explicitDeny");
    verdict(&given("AROAOTHER:ci"), 0, "allowed");
    // The text names the key and the flag too.
    let d = scratch("settle-text");
    let (a, b) = (write(&d, "a.json", ALLOW), write(&d, "b.json", &deny));
    let o = simulate_order(&["--policy", &a, "--policy", &b, "--principal", SESSION]);
    assert_eq!(o.status.code(), Some(2));
    let text = stdout(&o);
    assert!(
        text.contains(
            "aws:userid (known only in part: `…:ci`): --context aws:userid=AROAEXAMPLEID:ci"
        ),
        "{text}"
    );
}

/// An unknown condition changes nothing when the outcome is the same either way: an unknown
/// Deny where nothing allows is a denial, and an explicit Deny elsewhere still decides.
#[test]
fn an_unknown_condition_decides_nothing_it_cannot_change() {
    let unknown = statement("Deny", "StringEquals", "aws:userid", r#""AROAEXAMPLE:ci""#);
    let o = run("unknown-no-allow", &[&unknown], &["--principal", SESSION]);
    verdict(&o, 1, "implicitDeny");
    let deny_all = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
      "Action": "*", "Resource": "*"}]}"#;
    let o = run(
        "unknown-and-deny",
        &[ALLOW, &unknown, deny_all],
        &["--principal", SESSION],
    );
    verdict(&o, 1, "explicitDeny");
    // An unknown Allow beside one that applies: allowed.
    let unknown_allow = statement("Allow", "StringEquals", "aws:userid", r#""AROAEXAMPLE:ci""#);
    let o = run(
        "unknown-allow",
        &[ALLOW, &unknown_allow],
        &["--principal", SESSION],
    );
    verdict(&o, 0, "allowed");
    // The only Allow unknown: unknown.
    let o = run(
        "unknown-only-allow",
        &[&unknown_allow],
        &["--principal", SESSION],
    );
    verdict(&o, 2, "unknown");
}

/// IAM identifiers: a session's ARN carries the role's name, not its path; aws:PrincipalArn
/// is the role's ARN, path included. `--role-path` gives it; `/` is a default shown as such.
#[test]
fn a_roles_path_is_given_or_shown_as_a_default() {
    let allow = statement(
        "Allow",
        "ArnLike",
        "aws:PrincipalArn",
        r#""arn:aws:iam::*:role/teams/*""#,
    );
    let o = run("path-default", &[&allow], &["--principal", SESSION]);
    verdict(&o, 1, "implicitDeny");
    let arn = &json(&o)["context"]["aws:PrincipalArn"];
    assert_eq!(arn["values"][0], "arn:aws:iam::123456789012:role/deployer");
    assert_eq!(arn["source"], "default");
    let o = run(
        "path-given",
        &[&allow],
        &["--principal", SESSION, "--role-path", "/teams/"],
    );
    verdict(&o, 0, "allowed");
    assert_eq!(
        json(&o)["context"]["aws:PrincipalArn"]["values"][0],
        "arn:aws:iam::123456789012:role/teams/deployer"
    );
    let o = run(
        "path-bad",
        &[&allow],
        &["--principal", SESSION, "--role-path", "teams"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--role-path"), "{}", stderr(&o));
    let o = run(
        "path-user",
        &[&allow],
        &["--principal", USER, "--role-path", "/x/"],
    );
    assert_eq!(o.status.code(), Some(2));
}

/// IAM Identity Center roles (`AWSReservedSSO_*`) live under `/aws-reserved/sso.amazonaws.com/`
/// and, outside us-east-1, a region: the ARN is known in part, enough for the usual SCP.
#[test]
fn an_identity_center_roles_arn_is_known_in_part() {
    let sso = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice";
    let scp_like = statement(
        "Deny",
        "ArnNotLike",
        "aws:PrincipalArn",
        r#""arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*""#,
    );
    let o = run("sso-decided", &[ALLOW, &scp_like], &["--principal", sso]);
    verdict(&o, 0, "allowed");
    let region_bound = statement(
        "Deny",
        "ArnLike",
        "aws:PrincipalArn",
        r#""arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/eu-west-1/*""#,
    );
    let o = run(
        "sso-unknown",
        &[ALLOW, &region_bound],
        &["--principal", sso],
    );
    verdict(&o, 2, "unknown");
    let flag = json(&o)["settleWith"][0]["flag"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(flag.starts_with("--role-path"), "{flag}");
    let o = run(
        "sso-given",
        &[ALLOW, &region_bound],
        &[
            "--principal",
            sso,
            "--role-path",
            "/aws-reserved/sso.amazonaws.com/eu-west-1/",
        ],
    );
    verdict(&o, 1, "explicitDeny");
}

/// Global keys page, aws:PrincipalOrgID: "included ... only if the principal is a member of an
/// organization". With SCP levels the account is in one; the id is unknown until given.
#[test]
fn the_organization_keys_follow_the_organization() {
    let d = scratch("org");
    let scp = write(&d, "scp.json", ALLOW);
    let policy = write(&d, "allow.json", ALLOW);
    let guard = write(
        &d,
        "guard.json",
        &statement(
            "Deny",
            "StringNotEquals",
            "aws:PrincipalOrgID",
            r#""o-123""#,
        ),
    );
    let base = ["--policy", &policy, "--policy", &guard, "--format", "json"];
    let o = simulate_order(&[&base[..], &["--scp", &scp]].concat());
    verdict(&o, 2, "unknown");
    let o = simulate_order(
        &[
            &base[..],
            &["--scp", &scp, "--context", "aws:PrincipalOrgID=o-123"],
        ]
        .concat(),
    );
    verdict(&o, 0, "allowed");
    // No SCP level: left out as AWS's simulator leaves it out, and reported missing.
    let o = simulate_order(&base);
    verdict(&o, 1, "explicitDeny");
    let missing = json(&o)["missingContextKeys"].clone();
    assert!(
        missing.to_string().contains("aws:PrincipalOrgID"),
        "{missing}"
    );
    // In no organization: an organization key given is an error naming the rule.
    let o = simulate_order(
        &[
            &base[..],
            &["--no-organization", "--context", "aws:PrincipalOrgID=o-1"],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("belongs to an organization"),
        "{}",
        stderr(&o)
    );
    let o = simulate_order(&[&base[..], &["--no-organization", "--scp", &scp]].concat());
    assert_eq!(o.status.code(), Some(2));
}

/// Keys AWS never includes for the caller are input errors that name the rule.
#[test]
fn a_key_aws_never_includes_for_the_caller_is_an_input_error() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--principal", SESSION, "--context", "aws:username=bob"],
            "only when the caller is an IAM user",
        ),
        (
            &[
                "--credentials",
                "long-term",
                "--context",
                "aws:TokenIssueTime=2026-01-01",
            ],
            "--credentials temporary",
        ),
        (
            &["--principal", SESSION, "--credentials", "long-term"],
            "temporary credentials",
        ),
        (
            &["--context", "aws:SourceArn=arn:aws:s3:::b"],
            "service principal",
        ),
        (
            &["--context", "aws:TagKeys=team"],
            "swf:StartWorkflowExecution is not among the calls that carry it",
        ),
        (
            &[
                "--context",
                "aws:SourceIp=203.0.113.7",
                "--context",
                "aws:SourceVpce=vpce-1",
            ],
            "VPC endpoint",
        ),
        (
            &["--principal", USER, "--context", "aws:SourceIdentity=alice"],
            "only for role sessions",
        ),
    ];
    for (args, words) in cases {
        let o = run("refused", &[ALLOW], args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
    }
}

/// Global keys page, aws:SourceIp: "included in the request context, except when the
/// requester uses a VPC endpoint". Unknown until given; absent when a VPC endpoint key is.
#[test]
fn the_source_address_is_unknown_until_given() {
    let allow = statement("Allow", "IpAddress", "aws:SourceIp", r#""203.0.113.0/24""#);
    let o = run("ip-unknown", &[&allow], &[]);
    verdict(&o, 2, "unknown");
    let o = run(
        "ip-given",
        &[&allow],
        &["--context", "aws:SourceIp=203.0.113.7"],
    );
    verdict(&o, 0, "allowed");
    let o = run(
        "ip-endpoint",
        &[&allow],
        &["--context", "aws:SourceVpce=vpce-1a2b"],
    );
    verdict(&o, 1, "implicitDeny");
    assert!(json(&o)["context"].get("aws:SourceIp").is_none());
}

/// Variables page: "You can't use a multivalued condition key as a variable", whatever the
/// number of values the call carries; the element then matches nothing.
#[test]
fn a_multivalued_key_is_never_a_variable() {
    let by_via = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "swf:StartWorkflowExecution",
      "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:CalledVia}"}]}"#;
    let o = run(
        "multivalued-variable",
        &[by_via],
        &["--context", "aws:CalledVia=orders"],
    );
    verdict(&o, 1, "implicitDeny");
    // A single-valued key in the same place resolves.
    let by_tag = by_via.replace("aws:CalledVia", "aws:PrincipalTag/domain");
    let o = run(
        "single-valued-variable",
        &[&by_tag],
        &["--context", "aws:PrincipalTag/domain=orders"],
    );
    verdict(&o, 0, "allowed");
    // A call through a service carries aws:ViaAWSService true.
    assert_eq!(
        json(&run(
            "via",
            &[ALLOW],
            &["--context", "aws:CalledVia=cloudformation.amazonaws.com"]
        ))["context"]["aws:ViaAWSService"]["values"][0],
        "true"
    );
}

/// A batch line may say how its call is signed and its role's path; a line whose keys its
/// caller never carries is an input error for that line.
#[test]
fn batch_lines_carry_credentials_and_role_paths() {
    let d = scratch("batch-caller");
    let guard = write(
        &d,
        "guard.json",
        &statement("Deny", "Null", "aws:TokenIssueTime", r#""false""#),
    );
    let allow = write(&d, "allow.json", ALLOW);
    let req = r#"{"domain": "orders", "workflowId": "w", "workflowType": {"name": "P", "version": "1"}, "taskList": {"name": "t"}}"#;
    let lines = [
        format!(r#"{{"request": {req}}}"#),
        format!(r#"{{"request": {req}, "credentials": "temporary"}}"#),
        format!(r#"{{"request": {req}, "principal": "{SESSION}", "rolePath": "/teams/"}}"#),
        format!(
            r#"{{"request": {req}, "principal": "{SESSION}", "context": {{"aws:username": "bob"}}}}"#
        ),
    ];
    let batch = write(&d, "lines.jsonl", &(lines.join("\n") + "\n"));
    let o = swfsim(&[
        "simulate",
        "--requests",
        &batch,
        "--policy",
        &allow,
        "--policy",
        &guard,
        "--format",
        "json",
        "--now",
        NOW,
    ]);
    let out: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out[0]["decision"], "allowed");
    assert_eq!(out[1]["decision"], "explicitDeny");
    assert_eq!(out[2]["decision"], "explicitDeny");
    assert_eq!(
        out[2]["context"]["aws:PrincipalArn"]["values"][0],
        "arn:aws:iam::123456789012:role/teams/deployer"
    );
    assert_eq!(out[3]["outcome"], "inputError");
    assert!(stderr(&o).contains("aws:username"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(2));
}

/// A variable over a key whose value is not known is not substituted by its default: the
/// Resource that holds it is unknown, in `Resource` and `NotResource` alike.
#[test]
fn a_default_never_stands_for_a_value_aws_carries() {
    let by_id = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "swf:StartWorkflowExecution",
      "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:userid, 'orders'}"}]}"#;
    let o = run("default-resource", &[by_id], &["--principal", USER]);
    verdict(&o, 2, "unknown");
    let not = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
      "Action": "swf:StartWorkflowExecution",
      "NotResource": "arn:aws:swf:*:123456789012:/domain/${aws:userid, 'orders'}"}]}"#;
    let o = run(
        "default-not-resource",
        &[ALLOW, not],
        &["--principal", USER],
    );
    verdict(&o, 2, "unknown");
    // Given, the key decides.
    let o = run(
        "default-given",
        &[by_id],
        &["--principal", USER, "--context", "aws:userid=orders"],
    );
    verdict(&o, 0, "allowed");
    // A variable's key the call lacks is reported missing.
    let by_tag = statement(
        "Allow",
        "StringEquals",
        "swf:taskList.name",
        r#""${aws:PrincipalTag/team}""#,
    );
    let o = run("variable-missing", &[&by_tag], &[]);
    let missing = json(&o)["missingContextKeys"].to_string();
    assert!(missing.contains("aws:PrincipalTag/team"), "{missing}");
}

/// A resource control policy's `Principal` naming a role ARN: a session's role path is not in
/// its ARN, so the match waits on it; given, it decides.
#[test]
fn an_rcp_principal_waits_on_the_role_path() {
    let d = scratch("rcp-principal");
    let rcp = write(
        &d,
        "rcp.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
          "Principal": {"AWS": "arn:aws:iam::123456789012:role/teams/deployer"},
          "Action": "swf:*", "Resource": "*"}]}"#,
    );
    let allow = write(&d, "allow.json", ALLOW);
    let base = [
        "--policy",
        &allow,
        "--rcp",
        &rcp,
        "--format",
        "json",
        "--principal",
        SESSION,
    ];
    verdict(&simulate_order(&base), 2, "unknown");
    let given = |path: &str| simulate_order(&[&base[..], &["--role-path", path]].concat());
    verdict(&given("/teams/"), 1, "explicitDeny");
    verdict(&given("/"), 0, "allowed");
}

/// Global keys page: `aws:SourceVpc`, `aws:SourceVpce` and `aws:VpcSourceIp` are included only
/// for a call through a VPC endpoint, `aws:SourceIp` only for one that is not. Until a key given
/// says which, each may be present.
#[test]
fn the_network_path_is_unknown_until_a_key_says() {
    let endpoint = statement(
        "Deny",
        "StringNotEquals",
        "aws:SourceVpce",
        r#""vpce-good""#,
    );
    let o = run("vpce-unknown", &[ALLOW, &endpoint], &[]);
    verdict(&o, 2, "unknown");
    let o = run(
        "vpce-direct",
        &[ALLOW, &endpoint],
        &["--context", "aws:SourceIp=203.0.113.7"],
    );
    verdict(&o, 1, "explicitDeny");
    let o = run(
        "vpce-good",
        &[ALLOW, &endpoint],
        &["--context", "aws:SourceVpce=vpce-good"],
    );
    verdict(&o, 0, "allowed");
    // Through an endpoint, its other keys are there too.
    let vpc = statement("Allow", "Null", "aws:SourceVpc", r#""false""#);
    let o = run(
        "vpc-present",
        &[&vpc],
        &["--context", "aws:SourceVpce=vpce-good"],
    );
    verdict(&o, 0, "allowed");
}
