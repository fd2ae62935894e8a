//! The condition-key catalogue: every global key of AWS's global condition keys page, with its
//! value type, whether it is multivalued, when AWS includes it in a request context, and what
//! swfsim knows of its value when it does.
//!
//! Source: "AWS global condition context keys"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>),
//! each key's *Availability* paragraph; the values per caller from "IAM policy elements:
//! Variables and tags" (`reference_policies_variables.html`). `docs/keys.md` is the table as a
//! person reads it.

/// The type of a key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    /// String.
    String,
    /// Date.
    Date,
    /// Number.
    Numeric,
    /// Boolean.
    Bool,
    /// IP address.
    Ip,
    /// ARN.
    Arn,
}

/// When AWS includes a key in the context of a `StartWorkflowExecution` call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// In every request.
    Always,
    /// Only when the caller is an IAM user.
    IamUser,
    /// Only when the request is signed with temporary credentials (role sessions and federated
    /// users always; IAM users and the root user when they sign with a session's credentials).
    TemporaryCredentials,
    /// Only with temporary credentials obtained with multi-factor authentication.
    MultiFactor,
    /// Only when the account (the caller's, or the domain's) belongs to an organization.
    Organization,
    /// Only when the caller has tags (IAM user or role tags, session tags).
    PrincipalTags,
    /// Only when the domain has the tag (from the world).
    ResourceTags,
    /// In every request except one sent through a VPC endpoint.
    NotViaVpcEndpoint,
    /// Only for a request sent through a VPC endpoint.
    ViaVpcEndpoint,
    /// Only for role sessions of a particular kind (a source identity set, an OIDC provider,
    /// credentials delivered to an EC2 instance or by another service).
    RoleSession,
    /// Only for sessions from `sts:AssumeRoot` (the caller is an account's root user).
    AssumeRoot,
    /// Only when a service calls SWF with the caller's credentials (forward access sessions).
    ForwardAccess,
    /// Only when the caller sends it (a browser's `Referer`, a sign-in session).
    CallerSends,
    /// Only when the caller is an AWS service principal: never for the IAM principals swfsim
    /// simulates.
    ServicePrincipal,
    /// Never for `StartWorkflowExecution` (request tags, and keys whose supported services do
    /// not include SWF).
    NeverForSwf,
}

impl Availability {
    /// The rule in words, for the catalogue's table and for errors.
    pub fn describe(self) -> &'static str {
        match self {
            Availability::Always => "in every request",
            Availability::IamUser => "only when the caller is an IAM user",
            Availability::TemporaryCredentials => {
                "only when the request is signed with temporary credentials"
            }
            Availability::MultiFactor => {
                "only with temporary credentials obtained with multi-factor authentication"
            }
            Availability::Organization => "only when the account belongs to an organization",
            Availability::PrincipalTags => "only when the caller has the tag",
            Availability::ResourceTags => "only when the domain has the tag",
            Availability::NotViaVpcEndpoint => {
                "in every request except one sent through a VPC endpoint"
            }
            Availability::ViaVpcEndpoint => "only for a request sent through a VPC endpoint",
            Availability::RoleSession => "only for role sessions",
            Availability::AssumeRoot => "only for sessions from sts:AssumeRoot (root callers)",
            Availability::ForwardAccess => {
                "only when a service calls with the caller's credentials (forward access sessions)"
            }
            Availability::CallerSends => "only when the caller sends it",
            Availability::ServicePrincipal => "only when the caller is an AWS service principal",
            Availability::NeverForSwf => "never for swf:StartWorkflowExecution",
        }
    }
}

/// What swfsim knows of a key's value when AWS includes it and the user did not give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// Derived from the caller's ARN (and `--role-path`).
    Principal,
    /// The call's region.
    Region,
    /// The time of the call.
    Clock,
    /// The world (the domain's account and tags).
    World,
    /// A documented default of swfsim's.
    Default(&'static str),
    /// Present, value unknown, or known only in part (see the key's notes).
    Unknown,
    /// Only what the user gives (`--context`); absent otherwise.
    Given,
}

/// One global key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalKey {
    /// The key as AWS spells it; for a tag key, the prefix through the slash.
    pub name: &'static str,
    /// The value type.
    pub ty: KeyType,
    /// Whether it carries a set of values.
    pub multivalued: bool,
    /// When AWS includes it.
    pub availability: Availability,
    /// What swfsim knows of its value.
    pub known: Known,
}

const fn key(
    name: &'static str,
    ty: KeyType,
    multivalued: bool,
    availability: Availability,
    known: Known,
) -> GlobalKey {
    GlobalKey {
        name,
        ty,
        multivalued,
        availability,
        known,
    }
}

use Availability as A;
use KeyType as T;

/// Every global key of AWS's page, in the page's order (principal, role session, network,
/// resource, request). Tag keys are given by their prefix (`aws:PrincipalTag/`).
#[rustfmt::skip]
pub const CATALOGUE: &[GlobalKey] = &[
    // Properties of the principal.
    key("aws:PrincipalArn", T::Arn, false, A::Always, Known::Principal),
    key("aws:PrincipalAccount", T::String, false, A::Always, Known::Principal),
    key("aws:PrincipalOrgPaths", T::String, true, A::Organization, Known::Unknown),
    key("aws:PrincipalOrgID", T::String, false, A::Organization, Known::Unknown),
    key("aws:PrincipalTag/", T::String, false, A::PrincipalTags, Known::Given),
    key("aws:PrincipalIsAWSService", T::Bool, false, A::Always, Known::Default("false")),
    key("aws:PrincipalServiceName", T::String, false, A::ServicePrincipal, Known::Given),
    key("aws:PrincipalServiceNamesList", T::String, true, A::ServicePrincipal, Known::Given),
    key("aws:PrincipalType", T::String, false, A::Always, Known::Principal),
    key("aws:userid", T::String, false, A::Always, Known::Principal),
    key("aws:username", T::String, false, A::IamUser, Known::Principal),
    // Properties of a role session.
    key("aws:AssumedRoot", T::Bool, false, A::AssumeRoot, Known::Given),
    key("aws:FederatedProvider", T::String, false, A::RoleSession, Known::Given),
    key("aws:TokenIssueTime", T::Date, false, A::TemporaryCredentials, Known::Unknown),
    key("aws:SignInSessionArn", T::Arn, false, A::CallerSends, Known::Given),
    key("aws:MultiFactorAuthAge", T::Numeric, false, A::MultiFactor, Known::Unknown),
    key("aws:MultiFactorAuthPresent", T::Bool, false, A::TemporaryCredentials, Known::Unknown),
    key("aws:ChatbotSourceArn", T::Arn, false, A::RoleSession, Known::Given),
    key("aws:Ec2InstanceSourceVpc", T::String, false, A::RoleSession, Known::Given),
    key("aws:Ec2InstanceSourcePrivateIPv4", T::Ip, false, A::RoleSession, Known::Given),
    key("aws:SourceIdentity", T::String, false, A::RoleSession, Known::Given),
    key("ec2:RoleDelivery", T::Numeric, false, A::RoleSession, Known::Given),
    key("ec2:SourceInstanceArn", T::Arn, false, A::RoleSession, Known::Given),
    key("glue:RoleAssumedBy", T::String, false, A::RoleSession, Known::Given),
    key("glue:CredentialIssuingService", T::String, false, A::RoleSession, Known::Given),
    key("codebuild:BuildArn", T::Arn, false, A::RoleSession, Known::Given),
    key("codebuild:ProjectArn", T::Arn, false, A::RoleSession, Known::Given),
    key("lambda:SourceFunctionArn", T::Arn, false, A::RoleSession, Known::Given),
    key("ssm:SourceInstanceArn", T::Arn, false, A::RoleSession, Known::Given),
    key("identitystore:UserId", T::String, false, A::RoleSession, Known::Given),
    // Properties of the network.
    key("aws:SourceIp", T::Ip, false, A::NotViaVpcEndpoint, Known::Unknown),
    key("aws:SourceVpc", T::String, false, A::ViaVpcEndpoint, Known::Unknown),
    key("aws:SourceVpcArn", T::Arn, false, A::NeverForSwf, Known::Given),
    key("aws:SourceVpce", T::String, false, A::ViaVpcEndpoint, Known::Unknown),
    key("aws:VpceAccount", T::String, false, A::NeverForSwf, Known::Given),
    key("aws:VpceOrgID", T::String, false, A::NeverForSwf, Known::Given),
    key("aws:VpceOrgPaths", T::String, true, A::NeverForSwf, Known::Given),
    key("aws:VpcSourceIp", T::Ip, false, A::ViaVpcEndpoint, Known::Unknown),
    // Properties of the resource.
    key("aws:ResourceAccount", T::String, false, A::Always, Known::World),
    key("aws:ResourceOrgPaths", T::String, true, A::Organization, Known::Unknown),
    key("aws:ResourceOrgID", T::String, false, A::Organization, Known::Unknown),
    key("aws:ResourceTag/", T::String, false, A::ResourceTags, Known::World),
    // Properties of the request.
    key("aws:CalledVia", T::String, true, A::ForwardAccess, Known::Given),
    key("aws:CalledViaFirst", T::String, false, A::ForwardAccess, Known::Given),
    key("aws:CalledViaLast", T::String, false, A::ForwardAccess, Known::Given),
    key("aws:ViaAWSService", T::Bool, false, A::Always, Known::Default("false")),
    key("aws:CalledViaAWSMCP", T::String, false, A::CallerSends, Known::Given),
    key("aws:ViaAWSMCPService", T::Bool, false, A::CallerSends, Known::Given),
    key("aws:CurrentTime", T::Date, false, A::Always, Known::Clock),
    key("aws:EpochTime", T::Numeric, false, A::Always, Known::Clock),
    key("aws:Referer", T::String, false, A::CallerSends, Known::Given),
    key("aws:RequestedRegion", T::String, false, A::Always, Known::Region),
    key("aws:RequestTag/", T::String, false, A::NeverForSwf, Known::Given),
    key("aws:TagKeys", T::String, true, A::NeverForSwf, Known::Given),
    key("aws:SecureTransport", T::Bool, false, A::Always, Known::Default("true")),
    key("aws:SourceAccount", T::String, false, A::ServicePrincipal, Known::Given),
    key("aws:SourceArn", T::Arn, false, A::ServicePrincipal, Known::Given),
    key("aws:SourceOrgID", T::String, false, A::ServicePrincipal, Known::Given),
    key("aws:SourceOrgPaths", T::String, true, A::ServicePrincipal, Known::Given),
    key("aws:UserAgent", T::String, false, A::Always, Known::Unknown),
    key("aws:IsMcpServiceAction", T::Bool, false, A::NeverForSwf, Known::Given),
];

/// The catalogue's entry for `key` (any case): an exact name, or a tag key by its prefix
/// (`aws:PrincipalTag/team`).
pub fn lookup(key: &str) -> Option<&'static GlobalKey> {
    // Most keys arrive spelled as AWS spells them: an exact search first.
    static BY_NAME: std::sync::OnceLock<Vec<(&'static str, usize)>> = std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut v: Vec<(&'static str, usize)> = CATALOGUE
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.name.ends_with('/'))
            .map(|(i, k)| (k.name, i))
            .collect();
        v.sort_unstable();
        v
    });
    if let Ok(i) = by_name.binary_search_by(|(n, _)| (*n).cmp(key)) {
        return CATALOGUE.get(by_name[i].1);
    }
    CATALOGUE.iter().find(|k| {
        if k.name.ends_with('/') {
            key.len() > k.name.len()
                && key
                    .get(..k.name.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(k.name))
        } else {
            k.name.eq_ignore_ascii_case(key)
        }
    })
}

/// A global key with its canonical spelling, type and whether it is multivalued (tag keys
/// excepted: their name is the user's).
pub fn global_key(key: &str) -> Option<(&'static str, KeyType, bool)> {
    lookup(key)
        .filter(|k| !k.name.ends_with('/'))
        .map(|k| (k.name, k.ty, k.multivalued))
}

/// The catalogue's entry for a key AWS never includes in a `StartWorkflowExecution` call made
/// by an IAM principal: request tags, a service principal's keys, keys whose supported
/// services leave out SWF.
pub fn never_present(key: &str) -> Option<&'static GlobalKey> {
    lookup(key).filter(|g| {
        matches!(
            g.availability,
            Availability::NeverForSwf | Availability::ServicePrincipal
        )
    })
}

/// Whether `key` is catalogued under one of `rules`.
pub fn under(key: &str, rules: &[Availability]) -> bool {
    lookup(key).is_some_and(|g| rules.contains(&g.availability))
}

/// Whether `key` is multivalued: a policy variable never takes its value.
pub fn is_multivalued(key: &str) -> bool {
    lookup(key).is_some_and(|k| k.multivalued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_in_any_case() {
        for (i, k) in CATALOGUE.iter().enumerate() {
            assert!(
                CATALOGUE[..i]
                    .iter()
                    .all(|o| !o.name.eq_ignore_ascii_case(k.name)),
                "{} twice",
                k.name
            );
            if !k.name.ends_with('/') {
                assert_eq!(lookup(&k.name.to_ascii_uppercase()), Some(k));
            }
        }
        assert_eq!(
            lookup("aws:principaltag/team").map(|k| k.name),
            Some("aws:PrincipalTag/")
        );
        assert_eq!(lookup("aws:PrincipalTag/"), None, "a tag key needs a tag");
        assert_eq!(lookup("aws:NoSuchKey"), None);
        assert_eq!(global_key("aws:principaltag/team"), None);
    }

    /// The page's multivalued keys, and only those (the page's "Value type" of each key).
    #[test]
    fn multivalued_keys_are_the_pages() {
        let multi: Vec<&str> = CATALOGUE
            .iter()
            .filter(|k| k.multivalued)
            .map(|k| k.name)
            .collect();
        assert_eq!(
            multi,
            [
                "aws:PrincipalOrgPaths",
                "aws:PrincipalServiceNamesList",
                "aws:VpceOrgPaths",
                "aws:ResourceOrgPaths",
                "aws:CalledVia",
                "aws:TagKeys",
                "aws:SourceOrgPaths"
            ]
        );
        assert!(is_multivalued("AWS:CALLEDVIA"));
        assert!(!is_multivalued("aws:userid"));
    }
}
