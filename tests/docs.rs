//! `docs/keys.md` is the key catalogue as a person reads it: rendered from `swfsim::keys`, so
//! the two never drift. After changing the catalogue, rewrite it with
//! `SWFSIM_BLESS=1 cargo test --test docs` and review the difference.

use swfsim::keys::{Availability, GlobalKey, KeyType, Known, CATALOGUE, SWF_KEYS};

const HEAD: &str = "# Condition keys: when AWS includes each, and what swfsim knows

Every global condition key of AWS's page \"AWS global condition context keys\"
(<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>), as
its *Availability* paragraph says AWS includes it in the request context of an
`swf:StartWorkflowExecution` call, and what swfsim knows of the value when it does. The values of
`aws:userid`, `aws:username` and `aws:PrincipalType` per caller follow IAM's policy variables page
(<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>).

A key given with `--context` (or a batch line's `context`) always wins over what swfsim derives. A
key AWS never includes for the caller is an input error naming the rule. A value swfsim knows only
in part is shown in the context as `unknownValue` and decides a condition only when every value it
may have gives the same result.

This page is rendered from `src/keys.rs` by `tests/docs.rs`.

| key | type | values | AWS includes it | what swfsim knows |
|---|---|---|---|---|
";

const TAIL: &str = "
Readings where the page leaves room, and how swfsim takes them:

- `aws:ViaAWSService`: the page says the key is always included and `false` for a direct call;
  the forward access sessions page says a direct call carries no such key. swfsim supplies
  `false`, the global keys page's reading.
- `aws:MultiFactorAuthAge`: the page includes it with temporary credentials; its earlier text
  and the multi-factor authentication guide tie it to MFA having been used. swfsim has it present
  when `aws:MultiFactorAuthPresent` is `true`, absent when `false`, and either while that is
  unknown.
- `aws:IsMcpServiceAction` is set to true \"only when the MCP service is authorizing an MCP
  service action\": never for an SWF call, which swfsim reads as never included.
- `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths`: the page lists the actions
  that do not support them, and SWF is not among them.
- `aws:SourceVpcArn`, `aws:VpceAccount`, `aws:VpceOrgID`, `aws:VpceOrgPaths`: the page lists the
  services that support them, and SWF is not among them.
- `aws:PrincipalArn` of a role session: the role's ARN, with the role's path, which the session's
  ARN does not carry (IAM identifiers: `assumed-role/ROLE-NAME/SESSION` against
  `role/ROLE-NAME-WITH-PATH`); IAM Identity Center creates its roles under
  `/aws-reserved/sso.amazonaws.com/`, followed by the instance's region outside us-east-1.
";

fn ty(t: KeyType) -> &'static str {
    match t {
        KeyType::String => "String",
        KeyType::Date => "Date",
        KeyType::Numeric => "Numeric",
        KeyType::Bool => "Boolean",
        KeyType::Ip => "IP address",
        KeyType::Arn => "ARN",
    }
}

/// What swfsim knows of a key's value, in words.
fn known(k: &GlobalKey) -> String {
    let special = match k.name {
        "aws:userid" => Some("root user: the account; federated user: `ACCOUNT:NAME`; role session: `ROLE-ID:SESSION`, the session name known; IAM user (or a role named without a session): present, value unknown"),
        "aws:PrincipalArn" => Some("the caller's ARN; a role session's: the role's ARN with `--role-path` (default `/`, shown as swfsim's default; an IAM Identity Center role's is known in part)"),
        "aws:username" => Some("the user's name, from its ARN"),
        "aws:MultiFactorAuthPresent" => Some("present, value unknown; `true` when `aws:MultiFactorAuthAge` is given"),
        "aws:MultiFactorAuthAge" => Some("present, value unknown, when `aws:MultiFactorAuthPresent` is given `true`; absent when `false`; present or absent while it is unknown"),
        "aws:SourceIp" => Some("present with an unknown value, or absent; absent when a VPC endpoint key is given"),
        "aws:SourceVpc" | "aws:SourceVpce" | "aws:VpcSourceIp" => Some("present with an unknown value, or absent; present (value unknown) when another VPC endpoint key is given, absent when `aws:SourceIp` is"),
        "aws:ViaAWSService" => Some("swfsim's default `false`; `true` when an `aws:CalledVia...` key is given"),
        "aws:PrincipalOrgID" | "aws:PrincipalOrgPaths" | "aws:ResourceOrgID" | "aws:ResourceOrgPaths" => Some("present, value unknown, with `--scp`/`--rcp` or an organization key given; absent with `--no-organization`; otherwise left out, as AWS's policy simulator leaves it out, and listed missing"),
        "aws:ResourceAccount" => Some("the domain's account: the world's, else the caller's"),
        "aws:ResourceTag/" => Some("the world's domain tags"),
        _ => None,
    };
    if let Some(s) = special {
        return s.to_string();
    }
    match k.known {
        Known::Principal => "from `--principal`".into(),
        Known::Region => "the call's region (`--region`)".into(),
        Known::Clock => "the time of the call (`--now`)".into(),
        Known::World => "from the world".into(),
        Known::Default(v) => format!("swfsim's default `{v}`"),
        Known::Unknown => "present, value unknown".into(),
        Known::Given => match k.availability {
            Availability::NeverForSwf | Availability::ServicePrincipal => {
                "never present: giving it is an input error".into()
            }
            _ => "only what `--context` gives; absent otherwise".into(),
        },
    }
}

fn render() -> String {
    let mut out = HEAD.to_string();
    for k in CATALOGUE {
        let name = if k.name.ends_with('/') {
            format!("`{}TAG-KEY`", k.name)
        } else {
            format!("`{}`", k.name)
        };
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} |\n",
            ty(k.ty),
            if k.multivalued { "multivalued" } else { "one" },
            k.availability.describe(),
            known(k)
        ));
    }
    out.push_str(TAIL);
    out.push_str(SWF_HEAD);
    for k in SWF_KEYS {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            k.name,
            ty(k.ty),
            if k.multivalued { "multivalued" } else { "one" },
            k.in_start.describe(),
            k.actions.join(", ")
        ));
    }
    out
}

const SWF_HEAD: &str = "
## SWF's keys

SWF's own keys, and the global tag keys SWF supports, as SWF's page of the Service Authorization
Reference lists them, with the actions that support each. A start's keys come from the request
and are never given with `--context`.

| key | type | values | in a `StartWorkflowExecution` call | actions that support it |
|---|---|---|---|---|
";

#[test]
fn the_key_table_in_docs_is_the_catalogues() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md");
    let want = render();
    if std::env::var_os("SWFSIM_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/keys.md differs from the catalogue: run `SWFSIM_BLESS=1 cargo test --test docs`"
    );
}
