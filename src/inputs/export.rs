//! An account's authorization details as `aws iam get-account-authorization-details` writes
//! them ("GAAD"): users, groups, roles and managed policies, each element located in the file.
//!
//! One export, or its raw pages: a JSON array of pages, or JSON Lines of pages (an SDK's
//! dump), merged in order. Members a producer adds (`$metadata`, `ResponseMetadata`, dates,
//! `RoleLastUsed`) are passed over.

use crate::json::{Json, JsonValue, Member};
use crate::request::InputError;
use crate::source::{Span, Spanned};

/// The lists of an export whose presence makes a JSON object one.
const LISTS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

/// An account's users, groups, roles and managed policies.
#[derive(Debug, Default)]
pub struct Export {
    /// IAM users.
    pub users: Vec<Principal>,
    /// IAM groups.
    pub groups: Vec<Group>,
    /// IAM roles.
    pub roles: Vec<Principal>,
    /// Managed policies (customer managed, and the AWS managed ones the export holds).
    pub policies: Vec<ManagedPolicy>,
    /// User and role ARNs written without a 12-digit account (a sanitized sample), as
    /// written, with the account the export's other ARNs agree on put in (the ARN used).
    pub repaired: Vec<(Spanned<String>, String)>,
    /// Where each user, role, group and policy is, built on first use (the lists are not
    /// changed after the export is read).
    index: std::sync::OnceLock<Index>,
    /// The documents decoded so far, by where they start (each decoded once).
    decoded: std::sync::Mutex<std::collections::HashMap<u32, Result<Shared, InputError>>>,
    /// The shipped copies of AWS managed policies looked up so far (each inflated once).
    shipped:
        std::sync::Mutex<std::collections::HashMap<String, Option<super::managed::ShippedPolicy>>>,
}

/// A decoded document's text and offsets, shared by every caller that uses it.
pub type Shared = (std::sync::Arc<str>, std::sync::Arc<crate::source::Offsets>);

/// Positions in an export's lists by the names a caller's policies are found by.
#[derive(Clone, Debug, Default)]
struct Index {
    users: std::collections::HashMap<String, usize>,
    roles: std::collections::HashMap<String, usize>,
    role_names: std::collections::HashMap<String, Vec<usize>>,
    groups: std::collections::HashMap<String, usize>,
    policies: std::collections::HashMap<String, usize>,
}

impl Export {
    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut x = Index::default();
            // The first of two entries of one name (two are refused when the export is read).
            for (i, u) in self.users.iter().enumerate() {
                x.users.entry(u.arn.node.clone()).or_insert(i);
            }
            for (i, r) in self.roles.iter().enumerate() {
                x.roles.entry(r.arn.node.clone()).or_insert(i);
                x.role_names.entry(r.name.clone()).or_default().push(i);
            }
            for (i, g) in self.groups.iter().enumerate() {
                x.groups.entry(g.name.clone()).or_insert(i);
            }
            for (i, p) in self.policies.iter().enumerate() {
                x.policies.entry(p.arn.node.clone()).or_insert(i);
            }
            x
        })
    }

    /// The user of an ARN.
    pub fn user(&self, arn: &str) -> Option<&Principal> {
        self.index().users.get(arn).map(|&i| &self.users[i])
    }

    /// The role of an ARN.
    pub fn role(&self, arn: &str) -> Option<&Principal> {
        self.index().roles.get(arn).map(|&i| &self.roles[i])
    }

    /// The roles of a name (one an account, in an export of several accounts).
    pub fn roles_named<'e>(&'e self, name: &str) -> impl Iterator<Item = &'e Principal> {
        let found = self.index().role_names.get(name);
        found.into_iter().flatten().map(|&i| &self.roles[i])
    }

    /// The group of a name.
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.index().groups.get(name).map(|&i| &self.groups[i])
    }

    /// A document of the export (`text` is the export's), decoded once however many callers
    /// use it: its text, and where each of its bytes stands in the export.
    pub fn decoded(&self, text: &str, document: &Json) -> Result<Shared, InputError> {
        let mut seen = self.decoded.lock().unwrap_or_else(|e| e.into_inner());
        seen.entry(document.span.start)
            .or_insert_with(|| {
                super::document::decode(text, document)
                    .map(|d| (d.text.into(), std::sync::Arc::new(d.offsets)))
            })
            .clone()
    }

    /// The copy swfsim ships of the AWS managed policy an ARN names, if any (looked up once).
    pub fn shipped(&self, arn: &str) -> Option<super::managed::ShippedPolicy> {
        let mut seen = self.shipped.lock().unwrap_or_else(|e| e.into_inner());
        seen.entry(arn.to_string())
            .or_insert_with(|| super::managed::shipped(arn))
            .clone()
    }

    /// The managed policy of an ARN.
    pub fn policy(&self, arn: &str) -> Option<&ManagedPolicy> {
        self.index().policies.get(arn).map(|&i| &self.policies[i])
    }
}

/// An IAM user or role.
#[derive(Clone, Debug)]
pub struct Principal {
    /// `UserName` / `RoleName`.
    pub name: String,
    /// `Arn`, path included.
    pub arn: Spanned<String>,
    /// `UserId` / `RoleId`.
    pub id: Option<String>,
    /// `Path`.
    pub path: String,
    /// `UserPolicyList` / `RolePolicyList`.
    pub inline: Vec<Inline>,
    /// `AttachedManagedPolicies`.
    pub attached: Vec<Spanned<String>>,
    /// `GroupList` (users only): group names.
    pub groups: Vec<Spanned<String>>,
    /// `PermissionsBoundary.PermissionsBoundaryArn`.
    pub boundary: Option<Spanned<String>>,
    /// `Tags`.
    pub tags: Vec<(String, String)>,
    /// The whole entry.
    pub span: Span,
}

/// An IAM group.
#[derive(Clone, Debug)]
pub struct Group {
    /// `GroupName`.
    pub name: String,
    /// `GroupPolicyList`.
    pub inline: Vec<Inline>,
    /// `AttachedManagedPolicies`.
    pub attached: Vec<Spanned<String>>,
    /// The whole entry.
    pub span: Span,
}

/// An inline policy.
#[derive(Clone, Debug)]
pub struct Inline {
    /// `PolicyName`.
    pub name: String,
    /// `PolicyDocument`, as written.
    pub document: Json,
}

/// A managed policy.
#[derive(Clone, Debug)]
pub struct ManagedPolicy {
    /// `Arn`.
    pub arn: Spanned<String>,
    /// `DefaultVersionId`.
    pub default_version: Option<Spanned<String>>,
    /// `PolicyVersionList`.
    pub versions: Vec<Version>,
    /// The whole entry.
    pub span: Span,
}

/// One version of a managed policy.
#[derive(Clone, Debug)]
pub struct Version {
    /// `VersionId` (`v2`).
    pub id: String,
    /// `IsDefaultVersion`.
    pub is_default: bool,
    /// `Document`, as written.
    pub document: Json,
    /// The whole entry.
    pub span: Span,
}

/// Reads an export from its text: one export, a JSON array of pages, or JSON Lines of pages.
/// Every problem is collected.
pub fn read(text: &str) -> Result<Export, Vec<InputError>> {
    let pages = pages(text)?;
    let mut errors = Vec::new();
    let mut export = Export::default();
    let last = pages.len().saturating_sub(1);
    for (i, page) in pages.into_iter().enumerate() {
        read_page(page, i == last, &mut export, &mut errors);
    }
    repair_accounts(&mut export);
    errors.extend(listed_twice(&export));
    if errors.is_empty() {
        Ok(export)
    } else {
        errors.sort_by_key(|e| e.span.start);
        Err(errors)
    }
}

/// An error for each user, role, group or managed policy listed a second time: which of two
/// entries IAM holds cannot be known, and reading one would drop the other's statements.
fn listed_twice(x: &Export) -> Vec<InputError> {
    let mut errors = Vec::new();
    let mut check = |what: &str, keys: Vec<(&str, Span)>| {
        let mut seen = std::collections::HashSet::new();
        for (k, span) in keys {
            if !seen.insert(k) {
                errors.push(InputError::new(
                    format!("the {what} `{k}` is listed twice in the export"),
                    span,
                ));
            }
        }
    };
    let first = |s: Span| Span::new(s.start as usize, s.start as usize + 1);
    check(
        "user",
        x.users
            .iter()
            .map(|u| (u.name.as_str(), u.arn.span))
            .collect(),
    );
    check(
        "role",
        x.roles
            .iter()
            .map(|r| (r.name.as_str(), r.arn.span))
            .collect(),
    );
    check(
        "group",
        x.groups
            .iter()
            .map(|g| (g.name.as_str(), first(g.span)))
            .collect(),
    );
    check(
        "managed policy",
        x.policies
            .iter()
            .map(|p| (p.arn.node.as_str(), p.arn.span))
            .collect(),
    );
    errors
}

/// The account of an ARN, when it is one (12 digits).
fn account_of(arn: &str) -> Option<&str> {
    arn.split(':')
        .nth(4)
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
}

/// Puts the export's account into user and role ARNs written without one (sanitized samples
/// write `arn:aws:iam::aws:user/NAME`), when the other ARNs agree on one account; each is
/// recorded in `repaired`.
fn repair_accounts(export: &mut Export) {
    let entries = || export.users.iter().chain(&export.roles);
    let mut accounts: Vec<&str> = entries().filter_map(|e| account_of(&e.arn.node)).collect();
    accounts.sort_unstable();
    accounts.dedup();
    let [account] = accounts.as_slice() else {
        return;
    };
    let account = account.to_string();
    for e in export.users.iter_mut().chain(export.roles.iter_mut()) {
        let parts: Vec<&str> = e.arn.node.splitn(6, ':').collect();
        if let ["arn", partition, "iam", "", bad, resource] = parts.as_slice() {
            if account_of(&e.arn.node).is_none() && !bad.is_empty() {
                let used = format!("arn:{partition}:iam::{account}:{resource}");
                export.repaired.push((e.arn.clone(), used.clone()));
                e.arn.node = used;
            }
        }
    }
}

/// The pages of an export's text.
fn pages(text: &str) -> Result<Vec<Json>, Vec<InputError>> {
    let whole = match crate::json::parse(text) {
        Ok(j) => j,
        Err(e) => {
            return match json_lines(text) {
                Ok(Some(pages)) => Ok(pages),
                Ok(None) => Err(vec![json_error(&e, 0)]),
                Err(line_error) => Err(vec![line_error]),
            }
        }
    };
    let not_export = |span: Span| {
        InputError::new(
            format!(
                "this is not an account authorization details export: it has none of {}",
                quoted_lists()
            ),
            Span::new(span.start as usize, span.start as usize),
        )
        .with_help("make one with `aws iam get-account-authorization-details > account.json`")
    };
    match whole.value {
        JsonValue::Object(_) if is_page(&whole) => Ok(vec![whole]),
        JsonValue::Array(items) if !items.is_empty() && items.iter().all(is_page) => Ok(items),
        _ => Err(vec![not_export(whole.span)]),
    }
}

/// `UserDetailList`, `GroupDetailList`, ... in backticks.
fn quoted_lists() -> String {
    LISTS.map(|l| format!("`{l}`")).join(", ")
}

/// Whether a value is an export's page: an object with one of its lists.
fn is_page(j: &Json) -> bool {
    j.as_object()
        .is_some_and(|m| m.iter().any(|m| LISTS.contains(&m.key.as_str())))
}

/// JSON Lines of pages, each line's positions those of the whole text: `None` unless the first
/// line is a page of its own; then a line that is not JSON is that line's error.
fn json_lines(text: &str) -> Result<Option<Vec<Json>>, InputError> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let mut j = match crate::json::parse(line) {
            Ok(j) => j,
            Err(_) if out.is_empty() => return Ok(None),
            Err(e) => return Err(json_error(&e, at)),
        };
        if !is_page(&j) {
            if out.is_empty() {
                return Ok(None);
            }
            return Err(InputError::new(
                format!(
                    "this line is not a page of the export: it has none of {}",
                    quoted_lists()
                ),
                Span::new(at, at),
            ));
        }
        shift(&mut j, at as u32);
        out.push(j);
    }
    Ok((out.len() > 1).then_some(out))
}

/// Moves every span of a value `by` bytes.
fn shift(j: &mut Json, by: u32) {
    j.span.start += by;
    j.span.end += by;
    match &mut j.value {
        JsonValue::Array(items) => items.iter_mut().for_each(|i| shift(i, by)),
        JsonValue::Object(members) => {
            for m in members {
                m.key_span.start += by;
                m.key_span.end += by;
                shift(&mut m.value, by);
            }
        }
        _ => {}
    }
}

/// A JSON syntax error as an input error.
pub(super) fn json_error(e: &crate::json::JsonError, by: usize) -> InputError {
    let at = e.offset as usize + by;
    InputError::new(format!("invalid JSON: {}", e.kind), Span::new(at, at))
}

/// Adds one page's lists to `export`.
fn read_page(page: Json, last: bool, export: &mut Export, errors: &mut Vec<InputError>) {
    let span = page.span;
    let JsonValue::Object(members) = page.value else {
        return;
    };
    for m in members {
        let Member {
            key,
            key_span,
            value,
            ..
        } = m;
        let mut r = Reader { errors };
        match key.as_str() {
            "UserDetailList" => {
                let list = r.list(value, "user", |r, j| r.principal(j, Kind::User));
                export.users.extend(list);
            }
            "RoleDetailList" => {
                let list = r.list(value, "role", |r, j| r.principal(j, Kind::Role));
                export.roles.extend(list);
            }
            "GroupDetailList" => export.groups.extend(r.list(value, "group", Reader::group)),
            "Policies" => export
                .policies
                .extend(r.list(value, "policy", Reader::policy)),
            "IsTruncated" if last && matches!(value.value, JsonValue::Bool(true)) => {
                errors.push(
                    InputError::new(
                        "the export's last page says `IsTruncated: true`: the pages after it are missing",
                        Span::new(key_span.start as usize, value.span.end as usize),
                    )
                    .with_help(
                        "the AWS CLI merges every page itself (`aws iam get-account-authorization-details > account.json`); a dump of raw pages needs each page, up to the one with `IsTruncated: false`",
                    ),
                );
            }
            _ => {}
        }
    }
    let _ = span;
}

/// A user or a role.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    Role,
}

/// Reads the lists' entries, collecting errors.
struct Reader<'e> {
    errors: &'e mut Vec<InputError>,
}

impl Reader<'_> {
    /// An array's entries, each read by `f`; an entry that cannot be read is an error and left
    /// out of the list (the export is then refused as a whole).
    fn list<T>(
        &mut self,
        value: Json,
        what: &str,
        f: impl Fn(&mut Self, Json) -> Option<T>,
    ) -> Vec<T> {
        let span = value.span;
        match value.value {
            JsonValue::Array(items) => items.into_iter().filter_map(|j| f(self, j)).collect(),
            // `null` is no producer's "none" (they leave the member out or write `[]`): read
            // as empty it could drop a group's Deny.
            _ => {
                self.error(format!("a list of {what} entries must be an array"), span);
                Vec::new()
            }
        }
    }

    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.errors.push(InputError::new(message, span));
    }

    /// An entry's members by name, the entry's span; an entry that is not an object is an
    /// error.
    fn members(&mut self, j: Json, what: &str) -> Option<(Vec<Member>, Span)> {
        match j.value {
            JsonValue::Object(m) => {
                // A member given twice would be read once and the other dropped.
                for (_, second) in crate::json::duplicate_keys(&m) {
                    self.error(
                        format!("`{}` is given twice in this {what} entry", second.key),
                        second.key_span,
                    );
                }
                Some((m, j.span))
            }
            _ => {
                self.error(format!("a {what} entry must be an object"), j.span);
                None
            }
        }
    }

    /// A required string member.
    fn string(&mut self, members: &mut [Member], key: &str, at: Span) -> Option<Spanned<String>> {
        match take(members, key) {
            Some(Json {
                value: JsonValue::String(s),
                span,
            }) => Some(Spanned::new(s, span)),
            Some(j) => {
                self.error(format!("`{key}` must be a string"), j.span);
                None
            }
            None => {
                self.error(
                    format!("this entry has no `{key}`"),
                    Span::new(at.start as usize, at.start as usize + 1),
                );
                None
            }
        }
    }

    /// An optional string member.
    fn optional(&mut self, members: &mut [Member], key: &str) -> Option<Spanned<String>> {
        match take(members, key) {
            Some(Json {
                value: JsonValue::String(s),
                span,
            }) => Some(Spanned::new(s, span)),
            Some(Json {
                value: JsonValue::Null,
                ..
            })
            | None => None,
            Some(j) => {
                self.error(format!("`{key}` must be a string"), j.span);
                None
            }
        }
    }

    fn principal(&mut self, j: Json, kind: Kind) -> Option<Principal> {
        let (what, name_key, id_key, list_key) = match kind {
            Kind::User => ("user", "UserName", "UserId", "UserPolicyList"),
            Kind::Role => ("role", "RoleName", "RoleId", "RolePolicyList"),
        };
        let (mut m, span) = self.members(j, what)?;
        let name = self.string(&mut m, name_key, span);
        let arn = self.string(&mut m, "Arn", span);
        let id = self.optional(&mut m, id_key).map(|s| s.node);
        let path = self
            .optional(&mut m, "Path")
            .map_or_else(|| "/".to_string(), |s| s.node);
        let inline = self.inline(&mut m, list_key);
        let attached = self.attached(&mut m);
        let groups = match take(&mut m, "GroupList") {
            Some(j) if kind == Kind::User => self.list(j, "group name", |r, g| match g.value {
                JsonValue::String(s) => Some(Spanned::new(s, g.span)),
                _ => {
                    r.error("a group name must be a string", g.span);
                    None
                }
            }),
            _ => Vec::new(),
        };
        let boundary = self.boundary(&mut m);
        let tags = self.tags(&mut m);
        Some(Principal {
            name: name?.node,
            arn: arn?,
            id,
            path,
            inline,
            attached,
            groups,
            boundary,
            tags,
            span,
        })
    }

    fn group(&mut self, j: Json) -> Option<Group> {
        let (mut m, span) = self.members(j, "group")?;
        let name = self.string(&mut m, "GroupName", span);
        let inline = self.inline(&mut m, "GroupPolicyList");
        let attached = self.attached(&mut m);
        Some(Group {
            name: name?.node,
            inline,
            attached,
            span,
        })
    }

    /// An inline policy list.
    fn inline(&mut self, m: &mut [Member], key: &str) -> Vec<Inline> {
        let Some(list) = take(m, key) else {
            return Vec::new();
        };
        self.list(list, "inline policy", |r, j| {
            let (mut m, span) = r.members(j, "inline policy")?;
            let name = r.string(&mut m, "PolicyName", span);
            let document = take(&mut m, "PolicyDocument");
            if document.is_none() {
                r.error("this inline policy has no `PolicyDocument`", span);
            }
            Some(Inline {
                name: name?.node,
                document: document?,
            })
        })
    }

    /// `AttachedManagedPolicies`: the ARNs.
    fn attached(&mut self, m: &mut [Member]) -> Vec<Spanned<String>> {
        let Some(list) = take(m, "AttachedManagedPolicies") else {
            return Vec::new();
        };
        self.list(list, "attached policy", |r, j| {
            let (mut m, span) = r.members(j, "attached policy")?;
            r.string(&mut m, "PolicyArn", span)
        })
    }

    /// `PermissionsBoundary`: its ARN.
    fn boundary(&mut self, m: &mut [Member]) -> Option<Spanned<String>> {
        let j = take(m, "PermissionsBoundary")?;
        let (mut m, span) = self.members(j, "permissions boundary")?;
        self.string(&mut m, "PermissionsBoundaryArn", span)
    }

    /// `Tags`: `[{"Key", "Value"}]`.
    fn tags(&mut self, m: &mut [Member]) -> Vec<(String, String)> {
        let Some(list) = take(m, "Tags") else {
            return Vec::new();
        };
        self.list(list, "tag", |r, j| {
            let (mut m, span) = r.members(j, "tag")?;
            let key = r.string(&mut m, "Key", span);
            let value = r.string(&mut m, "Value", span);
            Some((key?.node, value?.node))
        })
    }

    fn policy(&mut self, j: Json) -> Option<ManagedPolicy> {
        let (mut m, span) = self.members(j, "managed policy")?;
        let arn = self.string(&mut m, "Arn", span);
        let default_version = self.optional(&mut m, "DefaultVersionId");
        let versions = match take(&mut m, "PolicyVersionList") {
            Some(list) => self.list(list, "policy version", Reader::version),
            None => Vec::new(),
        };
        Some(ManagedPolicy {
            arn: arn?,
            default_version,
            versions,
            span,
        })
    }

    fn version(&mut self, j: Json) -> Option<Version> {
        let (mut m, span) = self.members(j, "policy version")?;
        let id = self.string(&mut m, "VersionId", span);
        let is_default = match take(&mut m, "IsDefaultVersion") {
            Some(Json {
                value: JsonValue::Bool(b),
                ..
            }) => b,
            Some(j) => {
                self.error("`IsDefaultVersion` must be true or false", j.span);
                false
            }
            None => false,
        };
        let document = take(&mut m, "Document");
        if document.is_none() {
            self.error("this policy version has no `Document`", span);
        }
        Some(Version {
            id: id?.node,
            is_default,
            document: document?,
            span,
        })
    }
}

/// Takes the value of the first member named `key` out of `members` (leaving `null`).
fn take(members: &mut [Member], key: &str) -> Option<Json> {
    let m = members.iter_mut().find(|m| m.key == key)?;
    let span = m.value.span;
    Some(std::mem::replace(
        &mut m.value,
        Json {
            value: JsonValue::Null,
            span,
        },
    ))
}
