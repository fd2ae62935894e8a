//! The keys AWS derives from the caller, as the key catalogue says when AWS includes each.
//!
//! From the caller's ARN and what the user says of the call (`--credentials`, `--role-path`,
//! the organization), swfsim adds every key AWS would carry: with its value where the ARN gives
//! it, known in part (`aws:userid` of a role session ends with `:SESSION-NAME`), or present
//! with a value swfsim cannot know (an IAM user's unique id, a session's token time). Keys the
//! user gives always win; a key AWS never includes for this caller is an input error naming
//! the rule.

use super::{Context, InputError, Principal, PrincipalType, UserKey, ValueSource};
use crate::condition::{KnownKey, Partial};
use crate::keys::{lookup, Availability};

/// How the call's request is signed, when the caller may use either.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Credentials {
    /// Access keys of an IAM user or the root user.
    LongTerm,
    /// A session's temporary credentials.
    Temporary,
}

/// Whether the caller's account belongs to an organization.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Organization {
    /// Nothing says (AWS's policy simulator then leaves the organization keys out, and so does
    /// swfsim, listing them as missing when a policy reads them).
    #[default]
    Unstated,
    /// It does: service or resource control policies apply to it.
    Member,
    /// It does not.
    None,
}

/// What the user says of the caller beyond its ARN.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CallerFacts {
    /// `--credentials`; unsaid, an IAM user or the root user signs with long-term credentials
    /// unless a key given says otherwise (`aws:TokenIssueTime`, ...).
    pub credentials: Option<Credentials>,
    /// The organization.
    pub organization: Organization,
    /// Which of the caller and the region are swfsim's defaults, none having been given.
    pub defaulted: Defaulted,
    /// The policies are this caller's own (read from an account export or an org file for
    /// it): a batch line may not name another.
    pub policies_are_its_own: bool,
}

/// Which inputs of a call swfsim supplied, none having been given: an answer that was decided
/// with them says so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Defaulted {
    /// The caller is swfsim's default ([`crate::request::DEFAULT_PRINCIPAL`]).
    pub principal: bool,
    /// The region is swfsim's default, `us-east-1`.
    pub region: bool,
}

const USERID: KnownKey = KnownKey::new("aws:userid");
const PRINCIPAL_ARN: KnownKey = KnownKey::new("aws:PrincipalArn");
const TOKEN_ISSUE_TIME: KnownKey = KnownKey::new("aws:TokenIssueTime");
const MFA_PRESENT: KnownKey = KnownKey::new("aws:MultiFactorAuthPresent");
const MFA_AGE: KnownKey = KnownKey::new("aws:MultiFactorAuthAge");
const USER_AGENT: KnownKey = KnownKey::new("aws:UserAgent");
const SOURCE_IP: KnownKey = KnownKey::new("aws:SourceIp");
const VPC_ENDPOINT: [KnownKey; 3] = [
    KnownKey::new("aws:SourceVpc"),
    KnownKey::new("aws:SourceVpce"),
    KnownKey::new("aws:VpcSourceIp"),
];
const VIA_AWS_SERVICE: KnownKey = KnownKey::new("aws:ViaAWSService");
const ORGANIZATION: [KnownKey; 4] = [
    KnownKey::new("aws:PrincipalOrgID"),
    KnownKey::new("aws:PrincipalOrgPaths"),
    KnownKey::new("aws:ResourceOrgID"),
    KnownKey::new("aws:ResourceOrgPaths"),
];

/// Whether a key given is catalogued under one of `rules`.
fn gives(keys: &[UserKey], rules: &[Availability]) -> bool {
    keys.iter().any(|k| crate::keys::under(&k.key, rules))
}

/// A key the user gave, by name (any case).
fn given<'k>(keys: &'k [UserKey], name: &str) -> Option<&'k UserKey> {
    keys.iter().find(|k| k.key.eq_ignore_ascii_case(name))
}

/// Whether the request is signed with temporary credentials: always for sessions and
/// federated users; for IAM users and the root user when said, or when a key given exists only
/// for temporary credentials.
pub fn temporary(p: &Principal, facts: &CallerFacts, keys: &[UserKey]) -> bool {
    p.always_temporary()
        || match facts.credentials {
            Some(c) => c == Credentials::Temporary,
            None => gives(
                keys,
                &[
                    Availability::TemporaryCredentials,
                    Availability::MultiFactor,
                    Availability::AssumeRoot,
                ],
            ),
        }
}

/// Adds the keys AWS derives from the caller that the context does not hold yet (the user's
/// keys are set first and win).
pub(super) fn caller_keys(cx: &mut Context, p: &Principal, facts: &CallerFacts, keys: &[UserKey]) {
    match p.principal_arn_value() {
        (Ok(arn), source) => cx.set_default_known(PRINCIPAL_ARN, arn, source),
        (Err(partial), source) => cx.set_default_known_partial(PRINCIPAL_ARN, partial, source),
    }
    // aws:userid: the ARN gives it for the root user and federated users; a session's ends
    // with its name; an IAM user's (and a role's, named without a session) is a unique id.
    match (&p.userid, &p.session) {
        (Some(id), _) if p.from_account => cx.set_default_known(USERID, id, ValueSource::Account),
        (Some(id), _) => cx.set_default_known(USERID, id, ValueSource::Principal),
        (None, Some(session)) => cx.set_default_known_partial(
            USERID,
            Partial::between("", format!(":{session}")),
            ValueSource::Principal,
        ),
        (None, None) => match &p.role_id {
            Some(r) => cx.set_default_known_partial(
                USERID,
                Partial::between(format!("{r}:"), ""),
                ValueSource::Account,
            ),
            None => {
                cx.set_default_known_partial(USERID, Partial::unknown(), ValueSource::Principal)
            }
        },
    }
    if temporary(p, facts, keys) {
        cx.set_default_known_partial(TOKEN_ISSUE_TIME, Partial::unknown(), ValueSource::Principal);
        let mfa_age = given(keys, MFA_AGE.key()).is_some();
        if mfa_age {
            cx.set_default_known(MFA_PRESENT, "true", ValueSource::Derived);
        }
        cx.set_default_known_partial(MFA_PRESENT, Partial::unknown(), ValueSource::Principal);
        // The age is there only when MFA was used: unknown whether it is while that is.
        match given(keys, MFA_PRESENT.key())
            .map(|k| k.values.iter().any(|v| v.eq_ignore_ascii_case("true")))
        {
            Some(true) => {
                cx.set_default_known_partial(MFA_AGE, Partial::unknown(), ValueSource::Principal)
            }
            Some(false) => {}
            None => cx.set_default_known_partial(
                MFA_AGE,
                Partial::unknown().or_absent(),
                ValueSource::Principal,
            ),
        }
    }
    if member(facts, keys) {
        match &p.org {
            // The domain is in the caller's account (SWF refuses others): one organization.
            Some((id, path)) => {
                for (k, v) in ORGANIZATION.iter().zip([id, path, id, path]) {
                    cx.set_default_known(*k, v, ValueSource::Org);
                }
            }
            None => {
                for k in ORGANIZATION {
                    cx.set_default_known_partial(k, Partial::unknown(), ValueSource::Principal);
                }
            }
        }
    }
    // Network and client keys: AWS includes them, swfsim's rule supplies them unknown.
    cx.set_default_known_partial(USER_AGENT, Partial::unknown(), ValueSource::Default);
    // The network path: directly (aws:SourceIp) or through a VPC endpoint (its three keys),
    // as a key given says; either while none does.
    let given_rule = |rule| gives(keys, &[rule]);
    let (via_endpoint, direct) = (
        given_rule(Availability::ViaVpcEndpoint),
        given_rule(Availability::NotViaVpcEndpoint),
    );
    let network = match (direct, via_endpoint) {
        (false, false) => Partial::unknown().or_absent(),
        _ => Partial::unknown(),
    };
    if !via_endpoint {
        cx.set_default_known_partial(SOURCE_IP, network.clone(), ValueSource::Default);
    }
    if !direct {
        for k in VPC_ENDPOINT {
            cx.set_default_known_partial(k, network.clone(), ValueSource::Default);
        }
    }
    let called_via = gives(keys, &[Availability::ForwardAccess]);
    if called_via {
        cx.set_default_known(VIA_AWS_SERVICE, "true", ValueSource::Derived);
    }
}

/// Whether the account belongs to an organization: said so, or unsaid and an organization key
/// is given.
pub fn member(facts: &CallerFacts, keys: &[UserKey]) -> bool {
    match facts.organization {
        Organization::Member => true,
        Organization::None => false,
        Organization::Unstated => gives(keys, &[Availability::Organization]),
    }
}

/// The first key given that AWS never includes for this caller and call, with the rule: the
/// error, and the key it names (none for a contradiction in the facts alone).
pub fn check_caller_keys(
    p: &Principal,
    facts: &CallerFacts,
    keys: &[UserKey],
) -> Result<(), (Option<String>, InputError)> {
    let who = match p.kind {
        PrincipalType::Account => "the account's root user",
        PrincipalType::User => "an IAM user",
        PrincipalType::AssumedRole => "a role session",
        PrincipalType::FederatedUser => "a federated user",
    };
    if p.always_temporary() && facts.credentials == Some(Credentials::LongTerm) {
        return Err((
            None,
            InputError::new(
                format!(
                    "the caller `{}` is {who}, which signs only with temporary credentials",
                    p.arn
                ),
                crate::source::Span::default(),
            )
            .with_help("leave out --credentials long-term"),
        ));
    }
    for k in keys {
        let Some(g) = lookup(&k.key) else { continue };
        let refused = match g.availability {
            Availability::IamUser => p.kind != PrincipalType::User,
            Availability::TemporaryCredentials | Availability::MultiFactor => {
                !p.always_temporary() && facts.credentials == Some(Credentials::LongTerm)
            }
            Availability::AssumeRoot => p.kind != PrincipalType::Account,
            Availability::RoleSession => p.kind != PrincipalType::AssumedRole,
            Availability::Organization => facts.organization == Organization::None,
            Availability::ServicePrincipal | Availability::NeverForSwf => true,
            Availability::NotViaVpcEndpoint => gives(keys, &[Availability::ViaVpcEndpoint]),
            Availability::Always
            | Availability::PrincipalTags
            | Availability::ResourceTags
            | Availability::ViaVpcEndpoint
            | Availability::ForwardAccess
            | Availability::CallerSends => false,
        };
        if refused {
            return Err((
                Some(k.key.clone()),
                refusal(k, g.name, g.availability, who, p, facts),
            ));
        }
    }
    Ok(())
}

/// The error for a key AWS never includes here.
fn refusal(
    k: &UserKey,
    name: &str,
    rule: Availability,
    who: &str,
    p: &Principal,
    facts: &CallerFacts,
) -> InputError {
    let why = match rule {
        Availability::TemporaryCredentials | Availability::MultiFactor => {
            "the call is said to be signed with long-term credentials (--credentials long-term)"
                .to_string()
        }
        Availability::Organization => "the account is said to belong to no organization".into(),
        Availability::NotViaVpcEndpoint => {
            "a key given says the call goes through a VPC endpoint".into()
        }
        Availability::ServicePrincipal => {
            format!("the caller `{}` is {who}, not a service principal", p.arn)
        }
        Availability::NeverForSwf => {
            "swf:StartWorkflowExecution is not among the calls that carry it".into()
        }
        _ => format!("the caller `{}` is {who}", p.arn),
    };
    let message = match rule {
        Availability::NeverForSwf => format!("AWS never includes `{}` in this call: {why}", k.key),
        _ => format!(
            "AWS never includes `{}` in this call: it is there {}, and {why}",
            k.key,
            rule.describe()
        ),
    };
    let e = InputError::new(message, k.span);
    match rule {
        Availability::TemporaryCredentials | Availability::MultiFactor
            if facts.credentials == Some(Credentials::LongTerm) =>
        {
            e.with_help(
                "for a call signed with a session's credentials, use --credentials temporary",
            )
        }
        Availability::IamUser | Availability::RoleSession | Availability::AssumeRoot => e
            .with_help(format!(
                "leave out `{name}`, or name a caller it belongs to with --principal"
            )),
        _ => e.with_help(format!("leave out `{name}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Known, CATALOGUE};

    /// The keys set here by rule are the catalogue's keys of that rule, every one of them: the
    /// organization's, a VPC endpoint's, and each key AWS always includes that swfsim knows
    /// nothing of.
    #[test]
    fn the_keys_set_by_rule_are_the_catalogues() {
        let of = |rule: Availability| {
            let mut names: Vec<&str> = CATALOGUE
                .iter()
                .filter(|k| k.availability == rule)
                .map(|k| k.name)
                .collect();
            names.sort_unstable();
            names
        };
        let sorted = |keys: &[KnownKey]| {
            let mut names: Vec<&str> = keys.iter().map(|k| k.key()).collect();
            names.sort_unstable();
            names
        };
        assert_eq!(sorted(&ORGANIZATION), of(Availability::Organization));
        assert_eq!(sorted(&VPC_ENDPOINT), of(Availability::ViaVpcEndpoint));
        assert_eq!([SOURCE_IP.key()], of(Availability::NotViaVpcEndpoint)[..]);
        let always_unknown: Vec<&str> = CATALOGUE
            .iter()
            .filter(|k| k.availability == Availability::Always && k.known == Known::Unknown)
            .map(|k| k.name)
            .collect();
        assert_eq!(always_unknown, [USER_AGENT.key()]);
    }
}
