//! The `StartWorkflowExecution` input and the request context it yields.
//!
//! The request is read exactly as the SWF API takes it (member names of the API). A member of the
//! wrong JSON type, or one the API does not have, is an input error with its place; a missing or
//! out-of-range member is not (SWF answers it with a `ValidationException`, see `swf`).
//!
//! The context holds every condition key of the call with its values and where each came from:
//! the request, the workflow type's defaults, the world, the principal, the command line, or a
//! documented default.

use crate::condition::{parse_bool, parse_date, parse_number, Lookup, Partial, Values};
use crate::condition::{KnownKey, KNOWN_KEYS};
use crate::json::{Json, JsonValue};
use crate::keys::{global_key, KeyType};
use crate::pattern::Variable;
use crate::policy::did_you_mean;
use crate::source::Span;

/// The action this tool decides.
pub const ACTION: &str = "swf:StartWorkflowExecution";

/// A problem with an input file (request, context, world): the file is not what CONTRACT.md
/// describes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// Where.
    pub span: Span,
    /// What to do about it.
    pub help: Option<String>,
}

impl InputError {
    /// An error at a span.
    pub fn new(message: impl Into<String>, span: Span) -> InputError {
        InputError {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}

/// `{"name": ..., "version": ...}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkflowTypeRef {
    /// The type name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The type version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The `StartWorkflowExecution` input. Every member is optional here: missing required members
/// are reported by validation, as SWF reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartRequest {
    /// `domain`
    pub domain: Option<String>,
    /// `workflowId`
    pub workflow_id: Option<String>,
    /// `workflowType`
    pub workflow_type: Option<WorkflowTypeRef>,
    /// `taskList` (outer `Some` when the member is present; inner is its `name`)
    pub task_list: Option<Option<String>>,
    /// `taskPriority`
    pub task_priority: Option<String>,
    /// `input`
    pub input: Option<String>,
    /// `executionStartToCloseTimeout`
    pub execution_start_to_close_timeout: Option<String>,
    /// `taskStartToCloseTimeout`
    pub task_start_to_close_timeout: Option<String>,
    /// `childPolicy`
    pub child_policy: Option<String>,
    /// `tagList`
    pub tag_list: Option<Vec<String>>,
    /// `lambdaRole`
    pub lambda_role: Option<String>,
}

const REQUEST_MEMBERS: &[&str] = &[
    "domain",
    "workflowId",
    "workflowType",
    "taskList",
    "taskPriority",
    "input",
    "executionStartToCloseTimeout",
    "taskStartToCloseTimeout",
    "childPolicy",
    "tagList",
    "lambdaRole",
];

/// Reads an object's members, refusing unknown names and duplicates.
pub fn members<'a>(
    json: &'a Json,
    what: &str,
    known: &[&str],
    errors: &mut Vec<InputError>,
) -> Vec<(&'a str, &'a Json)> {
    let Some(ms) = json.as_object() else {
        errors.push(InputError::new(
            format!("{what} must be a JSON object, found {}", json.kind_name()),
            json.span,
        ));
        return Vec::new();
    };
    let mut out: Vec<(&str, &Json)> = Vec::new();
    for m in ms {
        if !known.contains(&m.key.as_str()) {
            let mut e =
                InputError::new(format!("unknown member `{}` in {what}", m.key), m.key_span);
            if let Some(s) = did_you_mean(&m.key, known) {
                e = e.with_help(format!("did you mean `{s}`?"));
            } else {
                e = e.with_help(format!("known members: {}", known.join(", ")));
            }
            errors.push(e);
            continue;
        }
        if out.iter().any(|(k, _)| *k == m.key) {
            errors.push(InputError::new(
                format!("duplicate member `{}` in {what}", m.key),
                m.key_span,
            ));
            continue;
        }
        out.push((m.key.as_str(), &m.value));
    }
    out
}

/// A string member; JSON `null` counts as absent.
pub fn opt_string(json: &Json, path: &str, errors: &mut Vec<InputError>) -> Option<String> {
    match &json.value {
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Null => None,
        _ => {
            errors.push(InputError::new(
                format!("`{path}` must be a string, found {}", json.kind_name()),
                json.span,
            ));
            None
        }
    }
}

impl StartRequest {
    /// Reads a request object; all problems are returned at once.
    pub fn from_json(json: &Json) -> Result<StartRequest, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut r = StartRequest::default();
        for (k, v) in members(json, "the request", REQUEST_MEMBERS, &mut errors) {
            match k {
                "domain" => r.domain = opt_string(v, k, &mut errors),
                "workflowId" => r.workflow_id = opt_string(v, k, &mut errors),
                "taskPriority" => r.task_priority = opt_string(v, k, &mut errors),
                "input" => r.input = opt_string(v, k, &mut errors),
                "executionStartToCloseTimeout" => {
                    r.execution_start_to_close_timeout = opt_string(v, k, &mut errors)
                }
                "taskStartToCloseTimeout" => {
                    r.task_start_to_close_timeout = opt_string(v, k, &mut errors)
                }
                "childPolicy" => r.child_policy = opt_string(v, k, &mut errors),
                "lambdaRole" => r.lambda_role = opt_string(v, k, &mut errors),
                "workflowType" if !matches!(v.value, JsonValue::Null) => {
                    let mut t = WorkflowTypeRef::default();
                    for (tk, tv) in members(v, "`workflowType`", &["name", "version"], &mut errors)
                    {
                        match tk {
                            "name" => t.name = opt_string(tv, "workflowType.name", &mut errors),
                            _ => t.version = opt_string(tv, "workflowType.version", &mut errors),
                        }
                    }
                    r.workflow_type = Some(t);
                }
                "taskList" if !matches!(v.value, JsonValue::Null) => {
                    let mut name = None;
                    for (_, tv) in members(v, "`taskList`", &["name"], &mut errors) {
                        name = opt_string(tv, "taskList.name", &mut errors);
                    }
                    r.task_list = Some(name);
                }
                "tagList" => match &v.value {
                    JsonValue::Null => {}
                    JsonValue::Array(items) => {
                        let mut tags = Vec::new();
                        for (i, item) in items.iter().enumerate() {
                            match item.as_str() {
                                Some(s) => tags.push(s.to_string()),
                                None => errors.push(InputError::new(
                                    format!(
                                        "`tagList[{i}]` must be a string, found {}",
                                        item.kind_name()
                                    ),
                                    item.span,
                                )),
                            }
                        }
                        r.tag_list = Some(tags);
                    }
                    _ => errors.push(InputError::new(
                        format!(
                            "`tagList` must be an array of strings, found {}",
                            v.kind_name()
                        ),
                        v.span,
                    )),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(r)
        } else {
            Err(errors)
        }
    }

    /// The task list named in the request, if any.
    pub fn task_list_name(&self) -> Option<&str> {
        self.task_list.as_ref().and_then(|t| t.as_deref())
    }
}

/// What kind of caller a principal ARN names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum PrincipalType {
    /// An account's root user.
    Account,
    /// An IAM user.
    User,
    /// A role session (or a role ARN given directly).
    AssumedRole,
    /// A federated user.
    FederatedUser,
}

impl PrincipalType {
    /// The `aws:PrincipalType` value.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::Account => "Account",
            PrincipalType::User => "User",
            PrincipalType::AssumedRole => "AssumedRole",
            PrincipalType::FederatedUser => "FederatedUser",
        }
    }
}

/// The caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// The ARN as given.
    pub arn: String,
    /// Its partition.
    pub partition: String,
    /// Its account.
    pub account: String,
    /// Its type.
    pub kind: PrincipalType,
    /// `aws:PrincipalArn`: for a role session, the role's ARN, with its path when known and `/`
    /// otherwise (see [`Principal::role_path`]).
    pub principal_arn: String,
    /// `aws:username`, for IAM users only.
    pub username: Option<String>,
    /// `aws:userid`, where the ARN determines it (root: the account; federated: `account:name`).
    pub userid: Option<String>,
    /// For a role or a role session: the role's name.
    pub role_name: Option<String>,
    /// For a role session: the session's name (the end of `aws:userid`).
    pub session: Option<String>,
    /// The role's path when known: from a role ARN, or given for a session (`--role-path`),
    /// whose ARN does not carry it.
    pub role_path: Option<String>,
}

/// The default caller of CONTRACT.md.
pub const DEFAULT_PRINCIPAL: &str = "arn:aws:iam::123456789012:user/simulated";

/// The path IAM Identity Center gives the roles it creates (`AWSReservedSSO_...`), followed by
/// the region of the Identity Center instance except in us-east-1 (IAM Identity Center user
/// guide, "Referencing permission sets in resource policies").
pub const SSO_ROLE_PATH: &str = "/aws-reserved/sso.amazonaws.com/";

impl Principal {
    /// Parses a caller ARN: an IAM user, role or root, an STS assumed-role session or federated user.
    pub fn parse(arn: &str) -> Result<Principal, String> {
        let bad = || {
            format!(
                "`{arn}` is not a caller ARN (`arn:aws:iam::ACCOUNT:user/NAME`, `...:role/NAME`, `...:root`, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`)"
            )
        };
        // Borrowed: a batch parses a caller a line.
        let [partition, service, _region, account, resource] =
            crate::arn::Arn::parts(arn).ok_or_else(bad)?;
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{arn}` does not name a 12-digit account"));
        }
        let mut p = Principal {
            arn: arn.to_string(),
            partition: partition.to_string(),
            account: account.to_string(),
            kind: PrincipalType::User,
            principal_arn: arn.to_string(),
            username: None,
            userid: None,
            role_name: None,
            session: None,
            role_path: None,
        };
        match (service, resource.split_once('/')) {
            ("iam", None) if resource == "root" => {
                p.kind = PrincipalType::Account;
                p.userid = Some(account.to_string());
            }
            ("iam", Some(("user", rest))) if !rest.is_empty() => {
                p.username = Some(rest.rsplit('/').next().unwrap_or(rest).to_string());
            }
            ("iam", Some(("role", rest))) if !rest.is_empty() => {
                // A role's ARN carries its path: `role/PATH/NAME`.
                let (path, name) = match rest.rsplit_once('/') {
                    Some((path, name)) => (format!("/{path}/"), name),
                    None => ("/".to_string(), rest),
                };
                p.kind = PrincipalType::AssumedRole;
                p.role_name = Some(name.to_string());
                p.role_path = Some(path);
            }
            ("sts", Some(("assumed-role", rest))) => {
                let (role, session) = rest.split_once('/').ok_or_else(bad)?;
                if role.is_empty() || session.is_empty() {
                    return Err(bad());
                }
                p.kind = PrincipalType::AssumedRole;
                p.role_name = Some(role.to_string());
                p.session = Some(session.to_string());
                p.principal_arn = p.role_arn("/");
            }
            ("sts", Some(("federated-user", name))) if !name.is_empty() => {
                p.kind = PrincipalType::FederatedUser;
                p.userid = Some(format!("{account}:{name}"));
            }
            _ => return Err(bad()),
        }
        Ok(p)
    }

    /// The caller with its role's path given (a session's ARN does not carry it): `path` is
    /// `/` or `/SEGMENTS/`, as IAM writes paths.
    pub fn with_role_path(mut self, path: &str) -> Result<Principal, String> {
        let segments_ok = path.len() <= 512
            && path.starts_with('/')
            && path.ends_with('/')
            && path.bytes().all(|b| (b'!'..=b'~').contains(&b))
            && (path == "/" || !path.contains("//"));
        if !segments_ok {
            return Err(format!(
                "`{path}` is not an IAM path (`/` or `/SEGMENT/.../`, printable ASCII)"
            ));
        }
        match (&self.role_path, &self.session) {
            (Some(known), None) if known != path => Err(format!(
                "the role ARN `{}` has the path `{known}`, not `{path}`",
                self.arn
            )),
            (_, Some(_)) | (Some(_), None) => {
                self.role_path = Some(path.to_string());
                if self.session.is_some() {
                    self.principal_arn = self.role_arn(path);
                }
                Ok(self)
            }
            (None, None) => Err(format!(
                "`{}` is not a role session: only a session's ARN leaves out its role's path",
                self.arn
            )),
        }
    }

    /// `arn:PARTITION:iam::ACCOUNT:role{path}{name}` for this caller's role.
    fn role_arn(&self, path: &str) -> String {
        format!(
            "arn:{}:iam::{}:role{path}{}",
            self.partition,
            self.account,
            self.role_name.as_deref().unwrap_or_default()
        )
    }

    /// What is known of `aws:PrincipalArn`: the ARN, with [`ValueSource::Default`] when it
    /// rests on the default path `/` of a role session; for an IAM Identity Center role
    /// (`AWSReservedSSO_*`) whose path is not given, the part its path is known to start with.
    pub fn principal_arn_value(&self) -> (Result<&str, Partial>, ValueSource) {
        let session_without_path = self.session.is_some() && self.role_path.is_none();
        let name = self.role_name.as_deref().unwrap_or_default();
        if session_without_path && name.starts_with("AWSReservedSSO_") {
            let known = Partial::between(
                format!(
                    "arn:{}:iam::{}:role{SSO_ROLE_PATH}",
                    self.partition, self.account
                ),
                name,
            );
            return (Err(known), ValueSource::Principal);
        }
        let source = if session_without_path {
            ValueSource::Default
        } else {
            ValueSource::Principal
        };
        (Ok(&self.principal_arn), source)
    }

    /// What is certain of `aws:PrincipalArn`: the ARN, or, for a session whose role path is not
    /// given (the simulator's default `/` is a choice, not a fact), the part every path leaves.
    pub fn principal_arn_certain(&self) -> Result<&str, Partial> {
        match self.principal_arn_value() {
            (Err(known), _) => Err(known),
            (Ok(_), ValueSource::Default) => Err(Partial::between(
                format!("arn:{}:iam::{}:role/", self.partition, self.account),
                self.role_name.as_deref().unwrap_or_default(),
            )),
            (Ok(arn), _) => Ok(arn),
        }
    }

    /// Whether the caller is an account root user.
    pub fn is_root(&self) -> bool {
        self.kind == PrincipalType::Account
    }

    /// Whether every request of this caller is signed with temporary credentials (role
    /// sessions and federated users; IAM users and the root user may sign with either).
    pub fn always_temporary(&self) -> bool {
        matches!(
            self.kind,
            PrincipalType::AssumedRole | PrincipalType::FederatedUser
        )
    }
}

/// Where a context value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueSource {
    /// A member of the request.
    Request,
    /// The workflow type's registered default (the world).
    TypeDefault,
    /// The world (domain tags, account).
    World,
    /// `--principal` (or its default).
    Principal,
    /// `--region` (or its default).
    Region,
    /// `--context` / `--context-file` / a batch line's `context`.
    CommandLine,
    /// The clock of the run.
    Clock,
    /// A documented default of this tool (README, "Choices").
    Default,
    /// Follows from other keys of the call (`aws:ViaAWSService` from `aws:CalledVia`,
    /// `aws:MultiFactorAuthPresent` from `aws:MultiFactorAuthAge`).
    Derived,
}

/// One context key with its values (read them with [`Context::entry_values`]).
#[derive(Debug)]
pub struct ContextEntry {
    /// The key as written by its source. A known key in its canonical spelling is not copied:
    /// a borrowed key is always one of the canonical spellings (which hold nothing JSON escapes).
    pub key: std::borrow::Cow<'static, str>,
    /// The values: one (nearly every key) stands in the context's text of single values.
    values: Stored,
    /// Where they came from.
    pub source: ValueSource,
    /// The key's slot when `key` is its canonical spelling (borrowed): writers take the
    /// key's text from a table by it.
    pub canonical: Option<u8>,
}

impl ContextEntry {
    /// An entry to be overwritten.
    const BLANK: ContextEntry = ContextEntry {
        key: std::borrow::Cow::Borrowed(""),
        values: Stored::One(0, 0),
        source: ValueSource::Default,
        canonical: None,
    };
}

/// Where an entry's values are: one value as its place in [`Context::singles`] (no allocation
/// of its own: a context has some twenty keys, nearly all with one value), else a vector.
#[derive(Debug)]
enum Stored {
    One(u32, u32),
    Many(Vec<String>),
    /// Present, known only in part.
    Unknown(SharedPartial),
}

/// A partial value as entries hold it: the two every call carries (a value wholly unknown, and
/// one that may also be absent) are statics, others shared. A call's keys are copied into each
/// of its requests' contexts: an allocation an entry made that copy cost a sixth of a brief
/// batch line.
#[derive(Debug)]
enum SharedPartial {
    Static(&'static Partial),
    Shared(std::sync::Arc<Partial>),
}

static WHOLLY_UNKNOWN: Partial = Partial {
    known_prefix: String::new(),
    known_suffix: String::new(),
    may_be_absent: false,
};

static UNKNOWN_OR_ABSENT: Partial = Partial {
    known_prefix: String::new(),
    known_suffix: String::new(),
    may_be_absent: true,
};

/// By hand, inlined: a call's keys are cloned into every request's context, entry by entry,
/// and the derived clones were calls (a tenth of a brief batch line's instructions).
impl Clone for ContextEntry {
    #[inline(always)]
    fn clone(&self) -> ContextEntry {
        ContextEntry {
            key: match &self.key {
                std::borrow::Cow::Borrowed(k) => std::borrow::Cow::Borrowed(k),
                std::borrow::Cow::Owned(k) => std::borrow::Cow::Owned(k.clone()),
            },
            values: self.values.clone(),
            source: self.source,
            canonical: self.canonical,
        }
    }
}

impl Clone for Stored {
    #[inline(always)]
    fn clone(&self) -> Stored {
        match self {
            Stored::One(start, len) => Stored::One(*start, *len),
            Stored::Many(vs) => Stored::Many(vs.clone()),
            Stored::Unknown(SharedPartial::Static(p)) => Stored::Unknown(SharedPartial::Static(p)),
            Stored::Unknown(p) => Stored::Unknown(p.clone_shared()),
        }
    }
}

impl SharedPartial {
    /// A copy of a shared one (out of line: rare).
    #[inline(never)]
    fn clone_shared(&self) -> SharedPartial {
        match self {
            SharedPartial::Static(p) => SharedPartial::Static(p),
            SharedPartial::Shared(p) => SharedPartial::Shared(p.clone()),
        }
    }

    fn new(p: Partial) -> SharedPartial {
        if p == WHOLLY_UNKNOWN {
            SharedPartial::Static(&WHOLLY_UNKNOWN)
        } else if p == UNKNOWN_OR_ABSENT {
            SharedPartial::Static(&UNKNOWN_OR_ABSENT)
        } else {
            SharedPartial::Shared(std::sync::Arc::new(p))
        }
    }

    fn get(&self) -> &Partial {
        match self {
            SharedPartial::Static(p) => p,
            SharedPartial::Shared(p) => p,
        }
    }
}

/// Values given to [`Context::set`]: one or any number. Reads as the slice of them; equal when
/// the slices are.
#[derive(Clone, Debug)]
pub enum ContextValues {
    /// Exactly one value.
    One(String),
    /// Any number of values.
    Many(Vec<String>),
}

impl ContextValues {
    /// The values in order.
    pub fn as_slice(&self) -> &[String] {
        self
    }
}

impl std::ops::Deref for ContextValues {
    type Target = [String];
    fn deref(&self) -> &[String] {
        match self {
            ContextValues::One(v) => std::slice::from_ref(v),
            ContextValues::Many(vs) => vs,
        }
    }
}

impl PartialEq for ContextValues {
    fn eq(&self, other: &ContextValues) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ContextValues {}

impl From<String> for ContextValues {
    fn from(v: String) -> ContextValues {
        ContextValues::One(v)
    }
}

impl From<Vec<String>> for ContextValues {
    fn from(vs: Vec<String>) -> ContextValues {
        ContextValues::Many(vs)
    }
}

/// A copy of the values; one value is held without a vector.
impl From<&[String]> for ContextValues {
    fn from(vs: &[String]) -> ContextValues {
        match vs {
            [v] => ContextValues::One(v.clone()),
            vs => ContextValues::Many(vs.to_vec()),
        }
    }
}

impl serde::Serialize for ContextValues {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(ser)
    }
}

/// FNV-1a: a fast hash for the short keys of a context (no untrusted peer chooses them to
/// collide: they come from the caller's own policies and inputs).
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The request context: keys compare case-insensitively.
#[derive(Clone, Debug)]
pub struct Context {
    entries: Vec<ContextEntry>,
    /// Per known key: its entry's index plus one (0: absent).
    slots: [u8; KNOWN_KEYS.len()],
    /// Other keys, in lower case, with their entry's index.
    others: Vec<(String, usize)>,
    /// Per known key with one value: where the value stands in `singles` (`NOT_SINGLE`
    /// otherwise). A decision reads these few hundred bytes in one place instead of following
    /// each entry to its own allocations: over many contexts, that was half of its time.
    single_at: [(u32, u32); KNOWN_KEYS.len()],
    /// The single values of the entries (and of known keys set with a one-value vector), one
    /// after another (a replaced value stays, unused).
    singles: String,
    /// Where the keys of a call (see [`CallKeys`]) were appended as they are, and what they
    /// were appended from: the entries from that index on are those keys, and no others.
    /// Any later change drops it.
    call: Option<(usize, std::sync::Arc<CallShared>)>,
    /// The keys whose value is known only in part: bit `s` for the known key in slot `s`,
    /// [`UNKNOWN_OTHER`] for any other. Zero (the usual case) spares every test for them.
    unknown: u64,
}

/// The bit of [`Context::unknown`] for keys without a slot.
const UNKNOWN_OTHER: u64 = 1 << 63;
const _: () = assert!(KNOWN_KEYS.len() < 63);

/// A call's keys (see [`CallKeys`]), shared by the contexts they were appended to, with room
/// for a writer's text of them.
#[derive(Debug)]
pub struct CallShared {
    keys: Context,
    text: std::sync::OnceLock<Box<[u8]>>,
}

impl CallShared {
    /// The keys, as a context of their own.
    pub fn keys(&self) -> &Context {
        &self.keys
    }

    /// A writer's text of the keys, made by `write` the first time it is asked for.
    pub fn text(&self, write: impl FnOnce(&Context) -> Vec<u8>) -> &[u8] {
        self.text
            .get_or_init(|| write(&self.keys).into_boxed_slice())
    }
}

/// A value for [`Context::put`]: borrowed when it is one (kept in `singles`, not copied first).
enum Input<'v> {
    One(&'v str),
    Many(Vec<String>),
    Unknown(Partial),
}

/// A known key without exactly one value in `singles`.
const NOT_SINGLE: (u32, u32) = (0, u32::MAX);

impl Default for Context {
    fn default() -> Context {
        Context {
            entries: Vec::new(),
            slots: [0; KNOWN_KEYS.len()],
            others: Vec::new(),
            single_at: [NOT_SINGLE; KNOWN_KEYS.len()],
            singles: String::new(),
            call: None,
            unknown: 0,
        }
    }
}

/// Contexts are equal when their entries are (keys, sources and values): the rest indexes
/// them.
impl PartialEq for Context {
    fn eq(&self, other: &Context) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                a.key == b.key
                    && a.source == b.source
                    && a.canonical == b.canonical
                    && self.entry_values(a).partial() == other.entry_values(b).partial()
                    && self.entry_values(a).iter().eq(other.entry_values(b).iter())
            })
    }
}

impl Eq for Context {}

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context::default()
    }

    /// An empty context with room for `n` keys (a request's context has about twenty).
    pub fn with_capacity(n: usize) -> Context {
        Context {
            entries: Vec::with_capacity(n),
            singles: String::with_capacity(16 * n),
            ..Context::default()
        }
    }

    /// The entry of a key with this slot (if any) and spelling.
    fn at(&self, slot: Option<u8>, key: &str) -> Option<usize> {
        slot.and_then(|s| self.slots[s as usize].checked_sub(1).map(usize::from))
            .or_else(|| self.in_others(key))
    }

    /// The key's slot (if known), its entry (if set), and the key as an entry holds it (a known
    /// key's canonical spelling is borrowed; any other is copied only when `put` needs it).
    fn place(&self, key: &str) -> (Option<u8>, Option<usize>, Option<&'static str>) {
        let (slot, canonical) = crate::condition::known_key(key);
        (slot, self.at(slot, key), canonical)
    }

    fn spelled(key: &str, canonical: Option<&'static str>) -> std::borrow::Cow<'static, str> {
        canonical.map_or_else(|| key.to_string().into(), Into::into)
    }

    /// Keys without a slot, and known keys set after the 254th entry.
    fn in_others(&self, key: &str) -> Option<usize> {
        self.others
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, i)| *i)
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        self.place(key).1
    }

    /// Sets a key (replacing any earlier value of the same key).
    pub fn set(&mut self, key: &str, values: impl Into<ContextValues>, source: ValueSource) {
        match values.into() {
            ContextValues::One(v) => self.set_input(key, Input::One(&v), source),
            ContextValues::Many(vs) => self.set_input(key, Input::Many(vs), source),
        }
    }

    /// Sets a key to a copy of `values` (one value is not copied twice).
    pub fn set_values(&mut self, key: &str, values: &[String], source: ValueSource) {
        let values = match values {
            [v] => Input::One(v),
            vs => Input::Many(vs.to_vec()),
        };
        self.set_input(key, values, source);
    }

    /// Sets a key to one value.
    pub fn set_str(&mut self, key: &str, value: &str, source: ValueSource) {
        self.set_input(key, Input::One(value), source);
    }

    fn set_input(&mut self, key: &str, values: Input<'_>, source: ValueSource) {
        let (slot, at, canonical) = self.place(key);
        let spelled = Self::spelled(key, canonical);
        self.put((slot, at), spelled, values, source);
    }

    /// Sets a key present with a value known only in part.
    pub fn set_partial(&mut self, key: &str, value: Partial, source: ValueSource) {
        self.set_input(key, Input::Unknown(value), source);
    }

    /// Whether any key's value is known only in part.
    pub fn has_partial(&self) -> bool {
        self.unknown != 0
    }

    /// Sets a known key (its slot found at compile time).
    pub fn set_known(
        &mut self,
        k: KnownKey,
        values: impl Into<ContextValues>,
        source: ValueSource,
    ) {
        let at = (Some(k.slot()), self.at(Some(k.slot()), k.key()));
        match values.into() {
            ContextValues::One(v) => self.put(at, k.key().into(), Input::One(&v), source),
            ContextValues::Many(vs) => self.put(at, k.key().into(), Input::Many(vs), source),
        }
    }

    /// Sets a known key to one value.
    pub fn set_known_str(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        let at = self.at(Some(k.slot()), k.key());
        self.put(
            (Some(k.slot()), at),
            k.key().into(),
            Input::One(value),
            source,
        );
    }

    /// Sets a known key unless it is already set.
    pub fn set_default_known(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        if !self.has_known(k) {
            self.push_known(k, value, source);
        }
    }

    /// Sets a known key, present with a value known only in part, unless it is already set.
    pub fn set_default_known_partial(&mut self, k: KnownKey, value: Partial, source: ValueSource) {
        if !self.has_known(k) {
            let at = (Some(k.slot()), None);
            self.put(at, k.key().into(), Input::Unknown(value), source);
        }
    }

    /// Sets a known key unless it is already set, making its value only then.
    pub fn set_default_known_with(
        &mut self,
        k: KnownKey,
        value: impl FnOnce() -> String,
        source: ValueSource,
    ) {
        if !self.has_known(k) {
            self.push_known(k, &value(), source);
        }
    }

    #[inline(always)]
    fn has_known(&self, k: KnownKey) -> bool {
        self.slots[k.slot() as usize] != 0 || self.in_others(k.key()).is_some()
    }

    /// Sets a known key that is not set yet to one value: what `put` does for that case,
    /// without its others.
    #[inline(always)]
    fn push_known(&mut self, k: KnownKey, value: &str, source: ValueSource) {
        debug_assert!(!self.has_known(k), "`{}` is set already", k.key());
        self.call = None;
        let s = k.slot();
        let i = self.entries.len();
        let Some(at) = (i < 255).then(|| self.keep(value)).flatten() else {
            self.put((Some(s), None), k.key().into(), Input::One(value), source);
            return;
        };
        self.single_at[s as usize] = at;
        self.slots[s as usize] = (i + 1) as u8;
        self.entries.push(ContextEntry {
            key: k.key().into(),
            values: Stored::One(at.0, at.1),
            source,
            canonical: Some(s),
        });
    }

    /// Keeps `v` in `singles`: where it stands, or `None` past 32-bit offsets.
    fn keep(&mut self, v: &str) -> Option<(u32, u32)> {
        let start = self.singles.len();
        if start + v.len() >= u32::MAX as usize {
            return None;
        }
        self.singles.push_str(v);
        Some((start as u32, v.len() as u32))
    }

    fn put(
        &mut self,
        (slot, at): (Option<u8>, Option<usize>),
        key: std::borrow::Cow<'static, str>,
        values: Input<'_>,
        source: ValueSource,
    ) {
        self.call = None;
        // One value stands in `singles` (offsets are 32 bits: past them it keeps a vector).
        let values = match values {
            Input::One(v) => match self.keep(v) {
                Some((start, len)) => Stored::One(start, len),
                None => Stored::Many(vec![v.to_string()]),
            },
            Input::Many(vs) => Stored::Many(vs),
            Input::Unknown(p) => Stored::Unknown(SharedPartial::new(p)),
        };
        let bit = slot.map_or(UNKNOWN_OTHER, |s| 1u64 << s);
        if matches!(values, Stored::Unknown(_)) {
            self.unknown |= bit;
        } else if slot.is_some() {
            self.unknown &= !bit;
        }
        if let Some(s) = slot {
            // Only an entry found by its slot (not in `others`) has its single value indexed.
            let by_slot = match at {
                Some(i) => usize::from(self.slots[s as usize]) == i + 1,
                None => self.entries.len() < 255,
            };
            if by_slot {
                self.single_at[s as usize] = match &values {
                    Stored::One(start, len) => (*start, *len),
                    Stored::Many(vs) => match vs.as_slice() {
                        [v] => self.keep(v).unwrap_or(NOT_SINGLE),
                        _ => NOT_SINGLE,
                    },
                    Stored::Unknown(_) => NOT_SINGLE,
                };
            }
        }
        let canonical = match key {
            std::borrow::Cow::Borrowed(_) => slot,
            std::borrow::Cow::Owned(_) => None,
        };
        let entry = ContextEntry {
            key,
            values,
            source,
            canonical,
        };
        if let Some(i) = at {
            self.entries[i] = entry;
            return;
        }
        let i = self.entries.len();
        match slot {
            // A context holds at most a few hundred keys; beyond 254 they go to `others`.
            Some(s) if i < 255 => self.slots[s as usize] = (i + 1) as u8,
            _ => self.others.push((entry.key.to_ascii_lowercase(), i)),
        }
        // The entry is written field by field where it goes: pushed whole, it was copied from
        // the stack in wide loads that waited on the small stores that had just built it (the
        // hottest instructions of building a context).
        self.entries.push(ContextEntry::BLANK);
        if let Some(e) = self.entries.last_mut() {
            e.key = entry.key;
            e.values = entry.values;
            e.source = entry.source;
            e.canonical = entry.canonical;
        }
    }

    /// Appends the entries of `tail` as they are, when no key of it is set here, this context
    /// holds only keys with a slot, and the two fit in slots and 32-bit offsets together: the
    /// context is then the one setting the tail's keys here would make. Returns whether it
    /// did; otherwise nothing changed.
    fn append(&mut self, shared: std::sync::Arc<CallShared>) -> bool {
        let tail = &shared.keys;
        let (base, off) = (self.entries.len(), self.singles.len());
        let fits = self.others.is_empty()
            && base + tail.entries.len() < 255
            && off + tail.singles.len() < u32::MAX as usize
            && tail.entries.iter().all(|e| match e.canonical {
                Some(s) => self.slots[usize::from(s)] == 0,
                None => self.index_of(&e.key).is_none(),
            });
        if !fits {
            return false;
        }
        self.singles.push_str(&tail.singles);
        let off = off as u32;
        // Copied as they are, then moved to where their single values now stand (built one by
        // one, each entry went through temporaries on the stack, which stalled the copy).
        self.entries.extend_from_slice(&tail.entries);
        for (i, e) in self.entries[base..].iter_mut().enumerate() {
            if let Stored::One(start, _) = &mut e.values {
                *start += off;
            }
            if let Some(s) = e.canonical {
                let s = usize::from(s);
                self.slots[s] = (base + i + 1) as u8;
                self.single_at[s] = match tail.single_at[s] {
                    NOT_SINGLE => NOT_SINGLE,
                    (start, len) => (start + off, len),
                };
            }
        }
        self.others
            .extend(tail.others.iter().map(|(k, i)| (k.clone(), base + i)));
        self.unknown |= tail.unknown;
        self.call = Some((base, shared));
        true
    }

    /// The index its call's keys start at, and the keys, when they were appended as they are
    /// (see [`CallKeys`]) and nothing changed since.
    pub fn call_keys(&self) -> Option<(usize, &CallShared)> {
        self.call.as_ref().map(|(at, c)| (*at, &**c))
    }

    /// Sets a key unless it is already set.
    pub fn set_default(&mut self, key: &str, value: &str, source: ValueSource) {
        let (slot, at, canonical) = self.place(key);
        if at.is_none() {
            let spelled = Self::spelled(key, canonical);
            self.put((slot, at), spelled, Input::One(value), source);
        }
    }

    /// The entry of a key.
    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        self.index_of(key).map(|i| &self.entries[i])
    }

    /// The entry of a key by its slot (see [`crate::condition::key_slot`]) when it has one: no
    /// search of the known keys.
    pub fn get_slot(&self, slot: Option<u8>, key: &str) -> Option<&ContextEntry> {
        match slot {
            Some(_) => self.at(slot, key).map(|i| &self.entries[i]),
            None => self.get(key),
        }
    }

    /// Every entry, in the order set.
    pub fn entries(&self) -> &[ContextEntry] {
        &self.entries
    }

    /// An entry's value as UTF-8 bytes when it has exactly one: what a writer copies (no
    /// character boundaries to check).
    pub fn entry_single_bytes<'c>(&'c self, e: &'c ContextEntry) -> Option<&'c [u8]> {
        match &e.values {
            Stored::One(start, len) => {
                let (start, len) = (*start as usize, *len as usize);
                self.singles.as_bytes().get(start..start + len)
            }
            Stored::Many(vs) => match vs.as_slice() {
                [v] => Some(v.as_bytes()),
                _ => None,
            },
            Stored::Unknown(_) => None,
        }
    }

    /// The values of a key by its slot (see [`crate::condition::key_slot`]) or its lower-case
    /// name, read from its entry ([`Lookup::values_of`] reads a single one from `single_at`).
    fn values_slot(&self, slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        self.get_slot(slot, key_lower).map(|e| self.entry_values(e))
    }

    /// A value kept in `singles`.
    #[inline(always)]
    fn kept(&self, start: u32, len: u32) -> Option<&str> {
        let (start, len) = (start as usize, len as usize);
        self.singles.get(start..start + len)
    }

    /// An entry's values (the entry one of this context's). Out of line: see `values_of`.
    #[inline(never)]
    pub fn entry_values<'c>(&'c self, e: &'c ContextEntry) -> Values<'c> {
        match &e.values {
            Stored::One(start, len) => Values::One(self.kept(*start, *len).unwrap_or_default()),
            Stored::Many(vs) => Values::Many(vs),
            Stored::Unknown(p) => Values::Unknown(p.get()),
        }
    }
}

/// Whether the key in this slot is multivalued: a policy variable never takes its value
/// (IAM's policy variables page: only single-valued keys can be variables), however many it
/// has. Multivalued keys without a slot are never in a context (see [`crate::keys`]).
#[inline(always)]
fn multivalued(slot: Option<u8>) -> bool {
    slot.is_some_and(|s| crate::condition::MULTIVALUED_SLOTS >> s & 1 == 1)
}

/// The slot of a key already in lower case: an exact search of the sorted known keys.
fn lower_slot(key_lower: &str) -> Option<u8> {
    KNOWN_KEYS.binary_search(&key_lower).ok().map(|s| s as u8)
}

impl Lookup for Context {
    fn values(&self, key: &str) -> Option<Values<'_>> {
        self.get(key).map(|e| self.entry_values(e))
    }

    fn values_lower(&self, key_lower: &str) -> Option<Values<'_>> {
        self.values_slot(lower_slot(key_lower), key_lower)
    }

    fn single_ref(&self, key_lower: &str) -> Option<&str> {
        // A known key's single value from `singles`; others as the trait reads them.
        let slot = lower_slot(key_lower);
        if multivalued(slot) {
            return None;
        }
        self.values_of(slot, key_lower)?.single()
    }

    fn single_var(&self, v: &Variable) -> Option<&str> {
        let slot = v.slot.or_else(|| lower_slot(&v.key_lower));
        if multivalued(slot) {
            return None;
        }
        self.values_of(slot, &v.key_lower)?.single()
    }

    fn single(&self, key: &str) -> Option<String> {
        if multivalued(crate::condition::key_slot(key)) {
            return None;
        }
        self.values(key)?.single().map(str::to_string)
    }

    fn any_unknown(&self) -> bool {
        self.unknown != 0
    }

    fn var_unknown(&self, v: &Variable) -> bool {
        if self.unknown == 0 {
            return false;
        }
        match v.slot.or_else(|| lower_slot(&v.key_lower)) {
            Some(s) => self.unknown >> s & 1 == 1,
            None => self
                .values_lower(&v.key_lower)
                .is_some_and(|vs| vs.partial().is_some()),
        }
    }

    // Always inlined, and `entry_values` never: a decision's loop reads most keys here, and
    // when this was a call (or the entry's values were resolved inline) the decider took a
    // fifth more instructions (`prof_decide` under callgrind: 295M and 255M against 244M).
    #[inline(always)]
    fn values_of(&self, slot: Option<u8>, key_lower: &str) -> Option<Values<'_>> {
        if let Some(s) = slot {
            let (start, len) = self.single_at[s as usize];
            if (start, len) != NOT_SINGLE {
                return self.kept(start, len).map(Values::One);
            }
        }
        self.values_slot(slot, key_lower)
    }
}

/// Checks a user-supplied context value against its key's type; returns the canonical text.
pub fn check_context_value(key: &str, value: &str) -> Result<String, String> {
    match global_key(key) {
        Some((_, ty, _)) => value_problem(key, ty, value).map_or(Ok(value.to_string()), Err),
        None => Ok(value.to_string()),
    }
}

/// What is wrong with a value given for a global key of type `ty`, if anything.
fn value_problem(key: &str, ty: KeyType, value: &str) -> Option<String> {
    let ok = match ty {
        KeyType::String => true,
        KeyType::Date => parse_date(value).is_some(),
        KeyType::Numeric => parse_number(value).is_some(),
        KeyType::Bool => parse_bool(value).is_some(),
        KeyType::Ip => value.parse::<std::net::IpAddr>().is_ok(),
        KeyType::Arn => crate::arn::Arn::parse(value).is_some(),
    };
    if ok {
        return None;
    }
    let what = match ty {
        KeyType::Date => "a date (`2026-11-25T12:00:00Z`) or epoch seconds",
        KeyType::Numeric => "a number",
        KeyType::Bool => "`true` or `false`",
        KeyType::Ip => "an IP address",
        KeyType::Arn => "an ARN",
        KeyType::String => "a string",
    };
    Some(format!("the value `{value}` of `{key}` must be {what}"))
}

/// A context key the user supplied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserKey {
    /// The key.
    pub key: String,
    /// Its values.
    pub values: Vec<String>,
    /// Where it was given (for errors).
    pub span: Span,
}

/// Reads a context object: `{"aws:SourceIp": "203.0.113.7", "aws:CalledVia": ["a", "b"]}`.
pub fn context_from_json(json: &Json) -> Result<Vec<UserKey>, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut out: Vec<UserKey> = Vec::new();
    let Some(ms) = json.as_object() else {
        return Err(vec![InputError::new(
            format!(
                "a context must be a JSON object of keys, found {}",
                json.kind_name()
            ),
            json.span,
        )]);
    };
    for m in ms {
        let scalar = |v: &Json| -> Option<String> {
            match &v.value {
                JsonValue::String(s) => Some(s.clone()),
                JsonValue::Number(n) => Some(n.clone()),
                JsonValue::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        let values = match &m.value.value {
            JsonValue::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
            _ => scalar(&m.value).map(|s| vec![s]),
        };
        let Some(values) = values else {
            errors.push(InputError::new(
                format!("the value of context key `{}` must be a string, number, boolean or an array of them", m.key),
                m.value.span,
            ));
            continue;
        };
        if out.iter().any(|k| k.key.eq_ignore_ascii_case(&m.key)) {
            errors.push(InputError::new(
                format!("context key `{}` is given twice", m.key),
                m.key_span,
            ));
            continue;
        }
        out.push(UserKey {
            key: m.key.clone(),
            values,
            span: m.key_span,
        });
    }
    for k in &out {
        if let Err(e) = validate_user_key(k) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether `s` begins with `prefix`, ASCII case ignored (never slicing inside a character).
pub fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Refuses keys the request determines and values of the wrong type.
pub fn validate_user_key(k: &UserKey) -> Result<(), InputError> {
    if starts_with_ignore_case(&k.key, "swf:") {
        return Err(InputError::new(
            format!("context key `{}` is determined by the request", k.key),
            k.span,
        )
        .with_help(
            "set it through the request (workflowType, taskList, tagList), not the context",
        ));
    }
    if !k.key.contains(':') {
        return Err(InputError::new(
            format!("`{}` is not a condition key (`prefix:name`)", k.key),
            k.span,
        ));
    }
    // Only a global key's values have a type to check (the value is not copied to check it).
    let Some((canon, ty, multi)) = global_key(&k.key) else {
        return Ok(());
    };
    if !multi && k.values.len() != 1 {
        return Err(InputError::new(
            format!(
                "`{canon}` is single-valued but was given {} values",
                k.values.len()
            ),
            k.span,
        ));
    }
    match k.values.iter().find_map(|v| value_problem(&k.key, ty, v)) {
        Some(e) => Err(InputError::new(e, k.span)),
        None => Ok(()),
    }
}

/// Whether a call may set `k` when a world is given: not `aws:ResourceTag/*`, which the world's
/// domain tags determine (a call that set it would start an execution in a domain whose tags a
/// policy denies). The error is at the key.
pub fn check_world_key(k: &UserKey) -> Result<(), InputError> {
    if !starts_with_ignore_case(&k.key, "aws:ResourceTag/") {
        return Ok(());
    }
    Err(InputError::new(
        format!("context key `{}` comes from the world's domain tags", k.key),
        k.span,
    )
    .with_help("aws:ResourceTag/* keys are the domain's tags in the world: set them there, or run without --world"))
}

mod caller;
mod plain;
pub use caller::{check_caller_keys, member, temporary, CallerFacts, Credentials, Organization};

/// Reads the lines of a batch (CONTRACT.md: a case object with `request` and optionally
/// `principal`, `region`, `context`, or a bare request) into the request and the call, `base`
/// supplying what a line does not say. A line in the plain form is read without building a
/// JSON tree; any other is read through the tree, which reports every problem with its place.
/// A reader remembers the callers it has parsed (a batch names few, and a caller ARN costs
/// more to parse than to copy): one per thread.
#[derive(Default)]
pub struct CaseReader {
    memory: Remembered,
    /// Whether the calls meet a world: a line may not set the keys it determines (see
    /// [`check_world_key`]).
    world: bool,
}

/// What a [`CaseReader`] keeps from line to line.
#[derive(Default)]
pub(crate) struct Remembered {
    /// Callers by ARN.
    principals: crate::hash::WordMap<Box<str>, std::sync::Arc<Principal>>,
    /// User keys (key and values) that [`validate_user_key`] accepted on recent lines: a batch
    /// repeats a few (a date a line, say), and checking one again is a lookup.
    valid_keys: Vec<(String, Vec<String>)>,
}

impl CaseReader {
    /// Callers remembered at most; all are forgotten when one more would exceed it.
    pub const MAX_PRINCIPALS: usize = 1024;

    /// Valid user keys remembered at most; all are forgotten when one more would exceed it.
    pub const MAX_VALID_KEYS: usize = 8;

    /// A reader for calls that meet a world when `world` (a line may not set the keys the
    /// world determines, see [`check_world_key`]).
    pub fn new(world: bool) -> CaseReader {
        CaseReader {
            world,
            ..CaseReader::default()
        }
    }

    /// The request and the call of one line.
    pub fn read(
        &mut self,
        line: &str,
        base: &CallInputs,
    ) -> Result<(StartRequest, CallInputs), Vec<InputError>> {
        let (request, call) = match plain::plain_case(line, base, &mut self.memory) {
            Some(case) => case,
            None => tree_batch_case(line, base)?,
        };
        // What the line's caller could never carry (nothing to look at for a line with no keys
        // from a caller the command line already checked).
        if !call.user_keys.is_empty() || !std::sync::Arc::ptr_eq(&call.principal, &base.principal) {
            check_caller_keys(&call.principal, &call.caller, &call.user_keys)
                .map_err(|(_, e)| vec![e])?;
            if self.world {
                let errors: Vec<InputError> = (call.user_keys.iter())
                    .filter_map(|k| check_world_key(k).err())
                    .collect();
                if !errors.is_empty() {
                    return Err(errors);
                }
            }
        }
        Ok((request, call))
    }

    /// The tree reader alone, which [`CaseReader::read`] falls back to: every form of line,
    /// every problem reported. For comparing the two readers (tests, fuzzing).
    pub fn read_through_tree(
        line: &str,
        base: &CallInputs,
    ) -> Result<(StartRequest, CallInputs), Vec<InputError>> {
        tree_batch_case(line, base)
    }
}

impl Remembered {
    /// The caller an ARN names, parsed once.
    fn principal(&mut self, arn: &str) -> Option<std::sync::Arc<Principal>> {
        if let Some(p) = self.principals.get(arn) {
            return Some(p.clone());
        }
        let p = std::sync::Arc::new(Principal::parse(arn).ok()?);
        if self.principals.len() >= CaseReader::MAX_PRINCIPALS {
            self.principals.clear();
        }
        self.principals.insert(arn.into(), p.clone());
        Some(p)
    }

    /// Whether [`validate_user_key`] accepts `k`.
    fn valid(&mut self, k: &UserKey) -> bool {
        if self
            .valid_keys
            .iter()
            .any(|(key, values)| *key == k.key && *values == k.values)
        {
            return true;
        }
        let ok = validate_user_key(k).is_ok();
        if ok {
            if self.valid_keys.len() >= CaseReader::MAX_VALID_KEYS {
                self.valid_keys.clear();
            }
            self.valid_keys.push((k.key.clone(), k.values.clone()));
        }
        ok
    }
}

/// Reads the tree of a batch line (the general reader: every form, every problem reported).
fn tree_batch_case(
    line: &str,
    base: &CallInputs,
) -> Result<(StartRequest, CallInputs), Vec<InputError>> {
    let j = crate::json::parse(line).map_err(|e| {
        vec![InputError::new(
            format!("invalid JSON: {}", e.kind),
            Span::new(e.offset as usize, e.offset as usize),
        )]
    })?;
    let mut call = base.clone();
    if j.get("request").is_none() {
        return Ok((StartRequest::from_json(&j)?, call));
    }
    let mut errors = Vec::new();
    let fields = members(
        &j,
        "a batch case",
        &[
            "request",
            "principal",
            "region",
            "context",
            "credentials",
            "rolePath",
        ],
        &mut errors,
    );
    let mut req = None;
    let mut role_path = None;
    for (k, v) in fields {
        match k {
            "request" => match StartRequest::from_json(v) {
                Ok(r) => req = Some(r),
                Err(mut e) => errors.append(&mut e),
            },
            "principal" => match v.as_str().map(Principal::parse) {
                Some(Ok(p)) => call.principal = p.into(),
                Some(Err(e)) => errors.push(InputError::new(e, v.span)),
                None => errors.push(InputError::new("`principal` must be a string", v.span)),
            },
            "region" => match v.as_str() {
                Some(r) => call.region = r.to_string(),
                None => errors.push(InputError::new("`region` must be a string", v.span)),
            },
            "credentials" => match v.as_str() {
                Some("long-term") => call.caller.credentials = Some(Credentials::LongTerm),
                Some("temporary") => call.caller.credentials = Some(Credentials::Temporary),
                _ => errors.push(InputError::new(
                    "`credentials` must be `long-term` or `temporary`",
                    v.span,
                )),
            },
            "rolePath" => match v.as_str() {
                Some(path) => role_path = Some((path, v.span)),
                None => errors.push(InputError::new("`rolePath` must be a string", v.span)),
            },
            _ => match context_from_json(v) {
                Ok(keys) => {
                    for k in keys {
                        call.set_user_key(k);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            },
        }
    }
    if let Some((path, span)) = role_path {
        match Principal::clone(&call.principal).with_role_path(path) {
            Ok(p) => call.principal = p.into(),
            Err(e) => errors.push(InputError::new(e, span)),
        }
    }
    match (req, errors.is_empty()) {
        (Some(r), true) => Ok((r, call)),
        _ => Err(errors),
    }
}

/// Everything about the call that is not the request itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallInputs {
    /// The caller (shared: the lines of a batch name few callers, each parsed once).
    pub principal: std::sync::Arc<Principal>,
    /// The region the call is sent to.
    pub region: String,
    /// Context keys the user supplied.
    pub user_keys: Vec<UserKey>,
    /// The time of the call, epoch seconds (for `aws:CurrentTime` and `aws:EpochTime`).
    pub now: i64,
    /// What the user says of the caller beyond its ARN.
    pub caller: CallerFacts,
}

impl CallInputs {
    /// Adds a context key the user supplied, replacing one of the same name in any case.
    pub fn set_user_key(&mut self, k: UserKey) {
        self.user_keys
            .retain(|u| !u.key.eq_ignore_ascii_case(&k.key));
        self.user_keys.push(k);
    }
}

/// Formats epoch seconds as `YYYY-MM-DDThh:mm:ssZ`.
pub fn format_time(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // civil_from_days (H. Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// What the world knows about the domain and type of a call, for the context.
#[derive(Clone, Debug, Default)]
pub struct WorldFacts<'a> {
    /// The type's `defaultTaskList`, when the type is known.
    pub default_task_list: Option<&'a str>,
    /// The domain's tags, when the domain is known.
    pub domain_tags: Option<&'a [(String, String)]>,
}

/// Builds the context of a call: request keys, world keys, principal keys, user keys, defaults.
pub fn build_context(
    request: &StartRequest,
    call: &CallInputs,
    resource_account: &str,
    facts: &WorldFacts<'_>,
) -> Context {
    let mut cx = request_keys(request, facts);
    call_keys(&mut cx, call, resource_account, facts.domain_tags);
    cx
}

/// [`build_context`], the keys that come from the call rather than the request (the domain's
/// tags, the user's keys, the caller's, the region, the resource account, the clock, the
/// defaults: eleven or more of a line's seventeen) copied from `calls`, which builds them once
/// for each call it meets.
pub fn build_context_with(
    request: &StartRequest,
    call: &CallInputs,
    resource_account: &str,
    facts: &WorldFacts<'_>,
    calls: &mut CallKeys,
) -> Context {
    let mut cx = request_keys(request, facts);
    let keys = calls.of(call, resource_account, facts.domain_tags);
    if !cx.append(keys) {
        call_keys(&mut cx, call, resource_account, facts.domain_tags);
    }
    cx
}

// The keys build_context sets, with their slots found at compile time.
const NAME: KnownKey = KnownKey::new("swf:workflowType.name");
const VERSION: KnownKey = KnownKey::new("swf:workflowType.version");
const TASK_LIST: KnownKey = KnownKey::new("swf:taskList.name");
const MEMBERS: [KnownKey; 5] = [
    KnownKey::new("swf:tagList.member.0"),
    KnownKey::new("swf:tagList.member.1"),
    KnownKey::new("swf:tagList.member.2"),
    KnownKey::new("swf:tagList.member.3"),
    KnownKey::new("swf:tagList.member.4"),
];
const PRINCIPAL_ACCOUNT: KnownKey = KnownKey::new("aws:PrincipalAccount");
const PRINCIPAL_TYPE: KnownKey = KnownKey::new("aws:PrincipalType");
const USERNAME: KnownKey = KnownKey::new("aws:username");
const REGION: KnownKey = KnownKey::new("aws:RequestedRegion");
const RESOURCE_ACCOUNT: KnownKey = KnownKey::new("aws:ResourceAccount");
const CURRENT_TIME: KnownKey = KnownKey::new("aws:CurrentTime");
const EPOCH_TIME: KnownKey = KnownKey::new("aws:EpochTime");
const SECURE_TRANSPORT: KnownKey = KnownKey::new("aws:SecureTransport");
const VIA_AWS_SERVICE: KnownKey = KnownKey::new("aws:ViaAWSService");
const PRINCIPAL_IS_AWS_SERVICE: KnownKey = KnownKey::new("aws:PrincipalIsAWSService");

/// The keys of a context that come from the request (and the type's default task list): only
/// `swf:` keys, each with a slot. Each is set once on a new context, so each is pushed as a new
/// key (`push_known`: `set_known_str` first looks for the key, and sets it through the general
/// `put`).
fn request_keys(request: &StartRequest, facts: &WorldFacts<'_>) -> Context {
    let mut cx = Context::with_capacity(24);
    if let Some(t) = &request.workflow_type {
        if let Some(n) = &t.name {
            cx.push_known(NAME, n, ValueSource::Request);
        }
        if let Some(v) = &t.version {
            cx.push_known(VERSION, v, ValueSource::Request);
        }
    }
    match (request.task_list_name(), facts.default_task_list) {
        (Some(t), _) => cx.push_known(TASK_LIST, t, ValueSource::Request),
        (None, Some(d)) => cx.push_known(TASK_LIST, d, ValueSource::TypeDefault),
        (None, None) => {}
    }
    if let Some(tags) = &request.tag_list {
        for (&key, tag) in MEMBERS.iter().zip(tags) {
            cx.push_known(key, tag, ValueSource::Request);
        }
    }
    cx
}

/// Adds the keys that come from the call and the world to `cx` (see [`build_context`]).
fn call_keys(
    cx: &mut Context,
    call: &CallInputs,
    resource_account: &str,
    domain_tags: Option<&[(String, String)]>,
) {
    if let Some(tags) = domain_tags {
        for (k, v) in tags {
            cx.set_str(&format!("aws:ResourceTag/{k}"), v, ValueSource::World);
        }
    }
    for k in &call.user_keys {
        cx.set_values(&k.key, &k.values, ValueSource::CommandLine);
    }
    let p = &call.principal;
    let principal: [(KnownKey, Option<&str>); 3] = [
        (PRINCIPAL_ACCOUNT, Some(&p.account)),
        (PRINCIPAL_TYPE, Some(p.kind.as_str())),
        (USERNAME, p.username.as_deref()),
    ];
    for (k, v) in principal {
        if let Some(v) = v {
            cx.set_default_known(k, v, ValueSource::Principal);
        }
    }
    caller::caller_keys(cx, p, &call.caller, &call.user_keys);
    cx.set_default_known(REGION, &call.region, ValueSource::Region);
    cx.set_default_known(RESOURCE_ACCOUNT, resource_account, ValueSource::World);
    // The clock's values are formatted only when the call does not give them.
    for (k, value) in [
        (CURRENT_TIME, format_time as fn(i64) -> String),
        (EPOCH_TIME, |t: i64| t.to_string()),
    ] {
        cx.set_default_known_with(k, || value(call.now), ValueSource::Clock);
    }
    for (k, v) in [
        (SECURE_TRANSPORT, "true"),
        (VIA_AWS_SERVICE, "false"),
        (PRINCIPAL_IS_AWS_SERVICE, "false"),
    ] {
        cx.set_default_known(k, v, ValueSource::Default);
    }
}

/// The keys [`build_context`] takes from the call and the world, built once for each call
/// (caller, region, user keys, clock, resource account, domain tags) and copied into the
/// contexts of its requests: a batch makes few calls. Holds no global state: one per thread.
#[derive(Default)]
pub struct CallKeys {
    /// Calls met, by a hash of what they are made of; a call that finds its place taken by
    /// another replaces it.
    places: Vec<CallPlace>,
}

/// A place of [`CallKeys`]: what a call is made of, and its keys (none yet: an empty place).
type CallPlace = Option<(CallMade, std::sync::Arc<CallShared>)>;

/// What a call's keys are built from.
struct CallMade {
    caller: CallerFacts,
    principal: std::sync::Arc<Principal>,
    region: String,
    user_keys: Vec<(String, Vec<String>)>,
    now: i64,
    account: String,
    tags: Option<Vec<(String, String)>>,
}

impl CallMade {
    fn new(call: &CallInputs, account: &str, tags: Option<&[(String, String)]>) -> CallMade {
        CallMade {
            caller: call.caller,
            principal: call.principal.clone(),
            region: call.region.clone(),
            user_keys: call
                .user_keys
                .iter()
                .map(|u| (u.key.clone(), u.values.clone()))
                .collect(),
            now: call.now,
            account: account.to_string(),
            tags: tags.map(<[_]>::to_vec),
        }
    }

    fn is(&self, call: &CallInputs, account: &str, tags: Option<&[(String, String)]>) -> bool {
        self.now == call.now
            && self.caller == call.caller
            && (std::sync::Arc::ptr_eq(&self.principal, &call.principal)
                || *self.principal == *call.principal)
            && self.region == call.region
            && self.account == account
            && self.user_keys.len() == call.user_keys.len()
            && self
                .user_keys
                .iter()
                .zip(&call.user_keys)
                .all(|((k, v), u)| *k == u.key && *v == u.values)
            && self.tags.as_deref() == tags
    }
}

impl CallKeys {
    /// Places kept: a batch with more calls than this rebuilds some.
    pub const PLACES: usize = 256;

    /// The keys of `call` for a domain of `account` with `tags`, as [`call_keys`] adds them to
    /// an empty context.
    fn of(
        &mut self,
        call: &CallInputs,
        account: &str,
        tags: Option<&[(String, String)]>,
    ) -> std::sync::Arc<CallShared> {
        use std::hash::{Hash, Hasher};
        let mut h = crate::hash::WordHasher::default();
        h.write_u64(call.now as u64);
        call.caller.hash(&mut h);
        h.write(call.principal.arn.as_bytes());
        h.write(call.region.as_bytes());
        h.write(account.as_bytes());
        for u in &call.user_keys {
            h.write(u.key.as_bytes());
            h.write_usize(u.values.len());
            for v in &u.values {
                h.write(v.as_bytes());
            }
        }
        h.write_usize(tags.map_or(usize::MAX, <[_]>::len));
        if self.places.is_empty() {
            self.places.resize_with(Self::PLACES, || None);
        }
        let place = &mut self.places[(h.finish() >> 56) as usize % Self::PLACES];
        match place {
            Some((made, keys)) if made.is(call, account, tags) => keys.clone(),
            _ => {
                let mut keys = Context::with_capacity(16);
                call_keys(&mut keys, call, account, tags);
                let keys = std::sync::Arc::new(CallShared {
                    keys,
                    text: std::sync::OnceLock::new(),
                });
                *place = Some((CallMade::new(call, account, tags), keys.clone()));
                keys
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::key_slot;

    #[test]
    fn reads_the_request_as_the_api_takes_it() {
        let j = crate::json::parse(r#"{"domain":"orders","workflowId":"o-1","workflowType":{"name":"P","version":"1"},"taskList":{"name":"tl"},"tagList":["a","b"],"childPolicy":null}"#).unwrap();
        let r = StartRequest::from_json(&j).unwrap();
        assert_eq!(r.domain.as_deref(), Some("orders"));
        assert_eq!(r.task_list_name(), Some("tl"));
        assert_eq!(r.child_policy, None);
        let bad = crate::json::parse(r#"{"domian":"x","workflowId":5,"tagList":"a"}"#).unwrap();
        let errs = StartRequest::from_json(&bad).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `domain`?"));
    }

    #[test]
    fn every_global_and_swf_key_has_a_slot_found_in_any_case() {
        assert!(
            KNOWN_KEYS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for &(k, slot) in crate::condition::CANONICAL_KEYS {
            assert_eq!(key_slot(k), Some(slot), "{k}");
            assert_eq!(KNOWN_KEYS[slot as usize], k.to_ascii_lowercase());
            assert_eq!(key_slot(&k.to_ascii_uppercase()), Some(slot));
        }
        assert!(key_slot("swf:tagList.member.4").is_some());
        assert_eq!(key_slot("aws:ResourceTag/team"), None);
        // A key set in one case is found in another, through the slot and through the name.
        let mut cx = Context::new();
        cx.set(
            "AWS:SourceIp",
            vec!["203.0.113.7".into()],
            ValueSource::CommandLine,
        );
        cx.set("aws:ResourceTag/Team", vec!["a".into()], ValueSource::World);
        let slot = key_slot("aws:sourceip");
        assert_eq!(
            cx.values_slot(slot, "aws:sourceip").unwrap().to_vec(),
            ["203.0.113.7"]
        );
        assert_eq!(cx.values("aws:resourcetag/team").unwrap().to_vec(), ["a"]);
        cx.set(
            "aws:sourceip",
            vec!["198.51.100.1".into()],
            ValueSource::CommandLine,
        );
        assert_eq!(cx.entries().len(), 2, "the same key replaced, not added");
    }

    /// Keys found at compile time are the keys found by name: the same slot, the same entry,
    /// whether set first, replacing one set by name in another case, or after 300 others; and a
    /// default set on a key not yet there is read by slot and by name as one set by name.
    /// Every entry reads back the values it was last set to, through every setter and in
    /// contexts past the 255 entries that slots index: one value from the context's text of
    /// single values (and as the bytes a writer copies), none or several from a vector.
    #[test]
    fn entries_read_back_the_values_they_were_last_set_to() {
        let canonical = crate::condition::CANONICAL_KEYS;
        for size in [10, 254, 255, 300] {
            let mut cx = Context::new();
            // What each key (in lower case) should hold, in the order keys were first set.
            let mut want: Vec<(String, Vec<String>)> = Vec::new();
            let mut model = |key: &str, values: Vec<String>, replace: bool| {
                let lower = key.to_ascii_lowercase();
                match want.iter_mut().find(|(k, _)| *k == lower) {
                    Some((_, v)) if replace => *v = values,
                    Some(_) => {}
                    None => want.push((lower, values)),
                }
            };
            for i in 0..size {
                // Known keys (canonical, upper case) among unknown ones, some set twice.
                let (key, known) = match i % 3 {
                    0 => (canonical[i % canonical.len()].0.to_string(), true),
                    1 => (canonical[(i * 7) % canonical.len()].0.to_uppercase(), false),
                    _ => (format!("x:k{}", i / 2), false),
                };
                let one = format!("v{i}-é");
                match i % 7 {
                    0 => cx.set(&key, one.clone(), ValueSource::World),
                    1 => cx.set_values(&key, std::slice::from_ref(&one), ValueSource::World),
                    2 => {
                        let two = vec![one.clone(), format!("w{i}")];
                        cx.set_values(&key, &two, ValueSource::World);
                        model(&key, two, true);
                        continue;
                    }
                    3 => {
                        cx.set(&key, Vec::<String>::new(), ValueSource::World);
                        model(&key, Vec::new(), true);
                        continue;
                    }
                    4 => cx.set_str(&key, &one, ValueSource::World),
                    5 if known => {
                        let k = KnownKey::new(canonical[i % canonical.len()].0);
                        cx.set_default_known(k, &one, ValueSource::Default);
                        model(&key, vec![one], false);
                        continue;
                    }
                    5 => {
                        cx.set_default(&key, &one, ValueSource::Default);
                        model(&key, vec![one], false);
                        continue;
                    }
                    _ if known => {
                        let k = KnownKey::new(canonical[i % canonical.len()].0);
                        cx.set_known_str(k, &one, ValueSource::Request);
                    }
                    _ => cx.set(&key, vec![one.clone()], ValueSource::Request),
                }
                model(&key, vec![one], true);
            }
            assert_eq!(cx.entries().len(), want.len(), "{size}");
            for (e, (key, values)) in cx.entries().iter().zip(&want) {
                assert_eq!(e.key.to_ascii_lowercase(), *key, "{size}");
                assert_eq!(cx.entry_values(e).to_vec(), *values, "{key} of {size}");
                let single = match values.as_slice() {
                    [v] => Some(v.as_bytes()),
                    _ => None,
                };
                assert_eq!(cx.entry_single_bytes(e), single, "{key} of {size}");
                assert_eq!(
                    cx.values(key).map(|v| v.to_vec()),
                    Some(values.iter().map(String::as_str).collect())
                );
            }
        }
    }

    #[test]
    fn known_keys_set_by_slot_are_the_keys_set_by_name() {
        for &(key, slot) in crate::condition::CANONICAL_KEYS {
            let k = KnownKey::new(key);
            assert_eq!((k.key(), k.slot()), (key, slot));
            assert_eq!(key_slot(key), Some(slot));
            for before in [0, 254, 255, 300] {
                let (mut by_slot, mut by_name) = (Context::new(), Context::new());
                for cx in [&mut by_slot, &mut by_name] {
                    for i in 0..before {
                        cx.set(&format!("x:k{i}"), vec![i.to_string()], ValueSource::World);
                    }
                }
                let (mut fresh_slot, mut fresh_name) = (by_slot.clone(), by_name.clone());
                for cx in [&mut by_slot, &mut by_name] {
                    cx.set(&key.to_uppercase(), vec!["old".into()], ValueSource::World);
                }
                by_slot.set_known(k, vec!["v".into()], ValueSource::Request);
                by_slot.set_default_known(k, "ignored", ValueSource::Default);
                by_name.set(key, vec!["v".into()], ValueSource::Request);
                by_name.set_default(key, "ignored", ValueSource::Default);
                assert_eq!(by_slot, by_name, "{key} after {before}");
                assert_eq!(by_slot.values(key).map(|v| v.to_vec()), Some(vec!["v"]));
                // A default on a key not yet set, then another default that must not replace it.
                fresh_slot.set_default_known(k, "d", ValueSource::Default);
                fresh_slot.set_default_known(k, "ignored", ValueSource::Clock);
                fresh_name.set_default(key, "d", ValueSource::Default);
                assert_eq!(fresh_slot, fresh_name, "default of {key} after {before}");
                let lower = key.to_ascii_lowercase();
                for cx in [&fresh_slot, &fresh_name] {
                    assert_eq!(
                        cx.values_of(Some(slot), &lower)
                            .and_then(|v| v.single().map(str::to_string)),
                        Some("d".to_string()),
                        "default of {key} after {before}, by slot"
                    );
                    // A multivalued key is never a variable's value.
                    let single = (!multivalued(Some(slot))).then_some("d");
                    assert_eq!(cx.single_ref(&lower), single, "{key} after {before}");
                    assert_eq!(
                        cx.get(&key.to_uppercase()).map(|e| e.source),
                        Some(ValueSource::Default)
                    );
                }
            }
        }
    }

    /// The single values a decision reads from `singles` are the entries' values: for every
    /// known key, set alone, after 300 others, replaced by several values, by none, by one
    /// again, and through a different case.
    #[test]
    fn single_values_are_read_as_the_entries_hold_them() {
        use crate::condition::Values;
        let same = |cx: &Context, key: &str, before: usize| {
            let lower = key.to_ascii_lowercase();
            let slot = key_slot(key);
            let want = cx.values_slot(slot, &lower);
            let got = cx.values_of(slot, &lower);
            assert_eq!(
                got.map(|v| v.iter().map(str::to_string).collect::<Vec<_>>()),
                want.map(|v| v.iter().map(str::to_string).collect::<Vec<_>>()),
                "{key}"
            );
            let single = want.and_then(Values::single).filter(|_| !multivalued(slot));
            assert_eq!(cx.single_ref(&lower), single, "{key}");
            // A policy variable bound to the key's slot reads what one found by name reads.
            let mut var = crate::pattern::Template::parse(&format!("${{{key}}}"), true, false);
            var.bind_slots(&key_slot);
            let Some(crate::pattern::Part::Var(v)) = var.parts.first() else {
                panic!("`{key}` is not a variable")
            };
            assert_eq!(v.slot, slot, "{key}");
            assert_eq!(cx.single_var(v), single, "{key}");
            // Within the slots, a single value comes from `singles`, not from the entry.
            if before == 0 && single.is_some() {
                assert!(matches!(got, Some(Values::One(_))), "{key}");
            }
        };
        let steps: [&[&str]; 4] = [&["a"], &["b", "c"], &[], &["d"]];
        for &(key, _) in crate::condition::CANONICAL_KEYS {
            for before in [0, 300] {
                let mut cx = Context::new();
                for i in 0..before {
                    cx.set(&format!("x:k{i}"), vec![i.to_string()], ValueSource::World);
                }
                same(&cx, key, before);
                for (n, values) in steps.iter().enumerate() {
                    let spelled = if n % 2 == 0 {
                        key.to_string()
                    } else {
                        key.to_uppercase()
                    };
                    let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                    cx.set(&spelled, values, ValueSource::Request);
                    same(&cx, key, before);
                }
            }
        }
    }

    #[test]
    fn a_known_key_set_after_hundreds_of_others_is_still_found() {
        let mut cx = Context::new();
        for i in 0..300 {
            cx.set(
                &format!("aws:ResourceTag/k{i}"),
                vec![i.to_string()],
                ValueSource::World,
            );
        }
        cx.set(
            "aws:SourceIp",
            vec!["203.0.113.7".into()],
            ValueSource::CommandLine,
        );
        let slot = key_slot("aws:sourceip");
        assert_eq!(
            cx.values_slot(slot, "aws:sourceip").unwrap().to_vec(),
            ["203.0.113.7"]
        );
        assert_eq!(
            cx.values_lower("aws:sourceip").unwrap().to_vec(),
            ["203.0.113.7"]
        );
        cx.set_default("aws:SourceIp", "198.51.100.1", ValueSource::Default);
        assert_eq!(cx.values("AWS:SOURCEIP").unwrap().to_vec(), ["203.0.113.7"]);
        assert_eq!(cx.values("aws:ResourceTag/k299").unwrap().to_vec(), ["299"]);
    }

    /// One value and a vector of that one value are the same values, to every reader.
    #[test]
    fn context_values_read_alike_however_they_are_held() {
        let one = ContextValues::from("a".to_string());
        let many = ContextValues::from(vec!["a".to_string()]);
        assert_eq!(one, many);
        assert_eq!(*one, ["a"]);
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&many).unwrap()
        );
        assert_ne!(
            one,
            ContextValues::from(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(ContextValues::from(Vec::new()).len(), 0);
    }

    #[test]
    fn principals() {
        let u = Principal::parse("arn:aws:iam::123456789012:user/team/alice").unwrap();
        assert_eq!(u.username.as_deref(), Some("alice"));
        let s = Principal::parse("arn:aws:sts::123456789012:assumed-role/deployer/ci").unwrap();
        assert_eq!(s.principal_arn, "arn:aws:iam::123456789012:role/deployer");
        assert_eq!(s.username, None);
        assert!(Principal::parse("arn:aws:iam::123456789012:root")
            .unwrap()
            .is_root());
        assert!(Principal::parse("arn:aws:iam::12345:user/x").is_err());
        assert!(Principal::parse("alice").is_err());
        // Every part of the ARN lands where it belongs; a sixth colon stays in the resource.
        let r = Principal::parse("arn:aws-cn:iam::123456789012:role/r").unwrap();
        assert_eq!(
            (r.partition.as_str(), r.account.as_str(), r.kind),
            ("aws-cn", "123456789012", PrincipalType::AssumedRole)
        );
        assert_eq!(r.principal_arn, "arn:aws-cn:iam::123456789012:role/r");
        let f = Principal::parse("arn:aws:sts::123456789012:federated-user/bob").unwrap();
        assert_eq!(f.userid.as_deref(), Some("123456789012:bob"));
        assert_eq!(f.kind, PrincipalType::FederatedUser);
        let root = Principal::parse("arn:aws:iam::123456789012:root").unwrap();
        assert_eq!(root.userid.as_deref(), Some("123456789012"));
        let c = Principal::parse("arn:aws:iam::123456789012:user/a:b").unwrap();
        assert_eq!(c.username.as_deref(), Some("a:b"));
        assert!(Principal::parse("arn:aws:iam::123456789012").is_err());
        assert!(Principal::parse("urn:aws:iam::123456789012:root").is_err());
    }

    /// One of a few requests: type name and version, task list, tags (none to six), each
    /// there or not.
    fn some_request(n: usize) -> StartRequest {
        StartRequest {
            workflow_type: (!n.is_multiple_of(3)).then(|| WorkflowTypeRef {
                name: (n % 3 == 1).then(|| "Flow".to_string()),
                version: Some(format!("{}", n % 4)),
            }),
            task_list: n
                .is_multiple_of(2)
                .then(|| n.is_multiple_of(4).then(|| "q".to_string())),
            tag_list: (!n.is_multiple_of(5)).then(|| (0..n % 7).map(|i| format!("t{i}")).collect()),
            ..Default::default()
        }
    }

    /// One of a few calls: callers of three kinds, two regions and clocks, and user keys that
    /// give a time, replace a default or a caller's key, are unknown (any spelling), have
    /// several values, or name a request's key (`swf:`, which only the library lets through).
    fn some_call(n: usize, keys: &[usize]) -> CallInputs {
        let principal = [
            DEFAULT_PRINCIPAL,
            "arn:aws:iam::111122223333:root",
            "arn:aws:sts::111122223333:assumed-role/R/s",
        ][n % 3];
        let given: [(&str, Vec<&str>); 7] = [
            ("aws:CurrentTime", vec!["2027-06-01T00:00:00Z"]),
            ("aws:SecureTransport", vec!["false"]),
            (
                "aws:PrincipalArn",
                vec!["arn:aws:iam::111122223333:user/other"],
            ),
            ("app:Custom", vec!["x"]),
            ("APP:custom2", vec![]),
            ("aws:CalledVia", vec!["a", "b"]),
            ("swf:taskList.name", vec!["given"]),
        ];
        CallInputs {
            principal: Principal::parse(principal).unwrap().into(),
            region: ["us-east-1", "eu-west-1"][n / 3 % 2].into(),
            user_keys: keys
                .iter()
                .map(|&k| UserKey {
                    key: given[k % given.len()].0.into(),
                    values: given[k % given.len()]
                        .1
                        .iter()
                        .map(|v| v.to_string())
                        .collect(),
                    span: Span::default(),
                })
                .collect(),
            now: [0, 1_795_608_000][n / 6 % 2],
            caller: Default::default(),
        }
    }

    /// `build_context_with` makes the context `build_context` makes, read every way: entries,
    /// each key's values and source by name and by slot, each entry's single value as bytes.
    fn same_context(with: &Context, plain: &Context) {
        assert_eq!(with, plain);
        for e in plain.entries() {
            let w = with.get(&e.key).unwrap();
            assert_eq!(w.source, e.source, "{}", e.key);
            assert_eq!(
                with.entry_single_bytes(w),
                plain.entry_single_bytes(e),
                "{}",
                e.key
            );
        }
        let others = [
            "app:custom",
            "APP:CUSTOM2",
            "aws:ResourceTag/team",
            "x:none",
        ];
        let canonical = crate::condition::CANONICAL_KEYS.iter().map(|(k, _)| *k);
        for key in canonical.chain(others) {
            let read = |cx: &Context| {
                let slot = key_slot(key);
                (
                    cx.values(key).map(|v| v.to_vec().join("|")),
                    cx.get_slot(slot, key).map(|e| e.source),
                    cx.values_of(slot, key).map(|v| v.to_vec().join("|")),
                )
            };
            assert_eq!(read(with), read(plain), "{key}");
        }
    }

    proptest::proptest! {
        /// The keys of a call, built once and copied into each context, make the context that
        /// setting them one by one makes: over a run of requests of few calls (most copied,
        /// some that cannot be: a user key names a request's key), for domains with tags.
        #[test]
        fn call_keys_copied_make_the_context_set_key_by_key(
            cases in proptest::collection::vec(
                (0usize..30, 0usize..12, proptest::collection::vec(0usize..7, 0..4), 0usize..3, 0usize..2),
                1..40,
            )
        ) {
            let mut calls = CallKeys::default();
            let tag_sets = [
                None,
                Some(vec![("team".to_string(), "red".to_string())]),
                Some(vec![("Team".to_string(), "x".to_string()), ("env".to_string(), "é\"".to_string())]),
            ];
            for (r, c, keys, tags, account) in cases {
                let request = some_request(r);
                let call = some_call(c, &keys);
                let account = ["111122223333", "123456789012"][account];
                let facts = WorldFacts {
                    default_task_list: (r % 4 == 1).then_some("default-q"),
                    domain_tags: tag_sets[tags].as_deref(),
                };
                let plain = build_context(&request, &call, account, &facts);
                let with = build_context_with(&request, &call, account, &facts, &mut calls);
                same_context(&with, &plain);
            }
        }
    }

    /// More calls than [`CallKeys`] has places, twice over: a call whose place another took
    /// gets its own keys again, never the other's.
    #[test]
    fn call_keys_never_answer_for_another_call() {
        let mut calls = CallKeys::default();
        let request = some_request(4);
        for _ in 0..2 {
            for now in 0..(CallKeys::PLACES as i64 + 40) {
                let mut call = some_call(now as usize, &[]);
                call.now = now;
                let facts = WorldFacts::default();
                let with = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
                let plain = build_context(&request, &call, "111122223333", &facts);
                same_context(&with, &plain);
                assert_eq!(
                    with.values("aws:EpochTime").unwrap().to_vec(),
                    [now.to_string()]
                );
            }
        }
    }

    /// A context that took a call's keys as they are says so, and stops saying so once it
    /// changes (a writer then writes its entries one by one).
    #[test]
    fn a_context_changed_after_taking_call_keys_no_longer_has_them_as_they_were() {
        let mut calls = CallKeys::default();
        let (request, call) = (some_request(4), some_call(0, &[0]));
        let facts = WorldFacts::default();
        let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
        // The request's keys (type, task list, four tags), then the call's.
        let n = cx
            .entries()
            .iter()
            .take_while(|e| e.key.starts_with("swf:"))
            .count();
        assert_eq!(n, 7);
        let (at, keys) = cx.call_keys().unwrap();
        assert_eq!(at, n);
        assert_eq!(keys.keys().entries().len(), cx.entries().len() - n);
        cx.set(
            "aws:SecureTransport",
            "false".to_string(),
            ValueSource::CommandLine,
        );
        assert!(cx.call_keys().is_none());
        let mut cx = build_context_with(&request, &call, "111122223333", &facts, &mut calls);
        cx.set_default_known(
            KnownKey::new("aws:Referer"),
            "https://example.com/",
            ValueSource::Default,
        );
        assert!(cx.call_keys().is_none());
        // A user key that names a request's key: set one by one, never copied.
        let call = some_call(0, &[6]);
        let cx = build_context_with(&some_request(0), &call, "111122223333", &facts, &mut calls);
        assert!(cx.call_keys().is_none());
        assert_eq!(cx.values("swf:taskList.name").unwrap().to_vec(), ["given"]);
    }

    #[test]
    fn context_keys_come_from_request_then_type_default() {
        let r = StartRequest {
            tag_list: Some(vec!["a".into(), "b".into()]),
            ..Default::default()
        };
        let call = CallInputs {
            principal: Principal::parse(DEFAULT_PRINCIPAL).unwrap().into(),
            region: "us-east-1".into(),
            user_keys: vec![],
            now: 0,
            caller: Default::default(),
        };
        let cx = build_context(
            &r,
            &call,
            "123456789012",
            &WorldFacts {
                default_task_list: Some("d"),
                domain_tags: None,
            },
        );
        assert_eq!(
            cx.get("SWF:TASKLIST.NAME").unwrap().source,
            ValueSource::TypeDefault
        );
        assert_eq!(cx.values("swf:tagList.member.1").unwrap().to_vec(), ["b"]);
        assert!(cx.get("swf:tagList.member.2").is_none());
        assert_eq!(
            cx.values("aws:CurrentTime").unwrap().to_vec(),
            ["1970-01-01T00:00:00Z"]
        );
        assert_eq!(format_time(1_764_072_000), "2025-11-25T12:00:00Z");
    }

    /// Found by the `simulate_inputs` fuzz target: a key with a multi-byte character in its first
    /// four bytes made the `swf:` prefix test slice inside the character.
    #[test]
    fn prefix_tests_never_slice_inside_a_character() {
        assert!(!starts_with_ignore_case("do\u{feff}main", "swf:"));
        assert!(starts_with_ignore_case("SWF:x", "swf:"));
        let j = crate::json::parse("{\"do\u{feff}main\": \"x\"}").unwrap();
        let errs = context_from_json(&j).unwrap_err();
        assert!(errs[0].message.contains("is not a condition key"));
    }

    #[test]
    fn user_context_is_typed() {
        let j = crate::json::parse(
            r#"{"aws:SourceIp":"nope","swf:taskList.name":"x","aws:MultiFactorAuthAge":120}"#,
        )
        .unwrap();
        let errs = context_from_json(&j).unwrap_err();
        assert_eq!(errs.len(), 2);
        let ok =
            crate::json::parse(r#"{"aws:CalledVia":["a","b"],"aws:MultiFactorAuthPresent":true}"#)
                .unwrap();
        assert_eq!(context_from_json(&ok).unwrap()[1].values, vec!["true"]);
    }

    #[test]
    fn a_reader_that_remembers_a_valid_context_value_still_refuses_another() {
        let base = CallInputs {
            principal: Principal::parse(DEFAULT_PRINCIPAL).unwrap().into(),
            region: "us-east-1".into(),
            user_keys: Vec::new(),
            now: 0,
            caller: Default::default(),
        };
        let line = |key: &str, value: &str| {
            format!(r#"{{"request":{{"domain":"d"}},"context":{{"{key}":"{value}"}}}}"#)
        };
        let mut reader = CaseReader::default();
        // More distinct valid values than the reader keeps, then each again.
        let days: Vec<String> = (1..=2 * CaseReader::MAX_VALID_KEYS)
            .map(|d| format!("2027-06-{d:02}T00:00:00Z"))
            .collect();
        for day in days.iter().chain(&days).chain(&days[..2]) {
            let (_, call) = reader.read(&line("aws:CurrentTime", day), &base).unwrap();
            assert_eq!(call.user_keys[0].values, vec![day.clone()]);
        }
        for (key, value) in [
            ("aws:CurrentTime", "2027-06-32T00:00:00Z"),
            ("aws:CurrentTime", "2027-06-01T00:00:00Q"),
            ("aws:currenttime", "yesterday"),
            ("aws:EpochTime", "2027-06-01T00:00:00Z"),
            ("aws:SourceIp", "2027-06-01T00:00:00Z"),
        ] {
            let errors = reader.read(&line(key, value), &base).unwrap_err();
            assert_eq!(errors.len(), 1, "{key} {value}");
            assert!(errors[0].message.contains(value), "{:?}", errors[0]);
        }
    }
}
