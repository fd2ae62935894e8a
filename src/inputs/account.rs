//! A caller's policies as its account holds them: for a user, its inline and attached policies
//! and each of its groups'; for a role (or a session of it), the role's; the permissions
//! boundary; the tags and unique id AWS puts in the request context.
//!
//! Every document is named by where it lives in the account (`user alice / group devs /
//! inline start`, `role deployer / policy arn:aws:iam::111122223333:policy/SwfStart v2`). A
//! document the caller needs that the export lacks is an error naming it, never "no
//! statements" and never "no boundary": either would allow what AWS does not.

use super::export::{Export, Group, Inline, ManagedPolicy, Principal as Entry, Shared};
use crate::request::{InputError, Principal, PrincipalType};
use crate::source::{Offsets, Span, Spanned};

/// One policy document of the caller, and what it is in the account.
#[derive(Clone, Debug)]
pub struct Document {
    /// `user alice / group devs / inline start-orders`.
    pub label: String,
    /// The policy's text.
    pub text: std::sync::Arc<str>,
    /// Where its bytes stand in the export; `None` for a policy shipped with swfsim.
    pub offsets: Option<std::sync::Arc<Offsets>>,
}

/// The caller an ARN names, as the export describes it.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user's or role's ARN in the export.
    pub entry_arn: String,
    /// Identity-based policies, in the account's order: inline, attached, then each group's.
    pub identity: Vec<Document>,
    /// The permissions boundary, if the export gives one.
    pub boundary: Option<Document>,
    /// The user's or role's tags (`aws:PrincipalTag/KEY`).
    pub tags: Vec<(String, String)>,
    /// `aws:userid`: the user's id, or `ROLEID:SESSION` for a session.
    pub userid: Option<String>,
    /// For a role named by its own ARN (no session): the role's id, `aws:userid`'s known start.
    pub role_id: Option<String>,
    /// For a role or a session of it: the role's path.
    pub role_path: Option<String>,
    /// AWS managed policies taken from the copies swfsim ships: ARN and version.
    pub shipped: Vec<(String, String)>,
}

/// Why no caller could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerError {
    /// The ARN names no user or role of the export; the ARN of one with the same name, if any.
    NotInExport {
        /// The ARN asked for.
        arn: String,
        /// The nearest user or role ARN of the export.
        suggestion: Option<String>,
    },
    /// The caller's entry is there, but something it needs is missing or unreadable.
    Input(Vec<InputError>),
}

/// Finds the caller `principal` names in `export` (read from `text`) and gathers its policies.
pub fn caller(export: &Export, text: &str, principal: &Principal) -> Result<Caller, CallerError> {
    let (entry, is_user) = find(export, principal)?;
    let who = if is_user {
        format!("user {}", entry.name)
    } else {
        format!("role {}", entry.name)
    };
    let mut r = Gather {
        export,
        text,
        errors: Vec::new(),
        shipped: Vec::new(),
    };
    let mut identity = Vec::new();
    r.inline_and_attached(&who, &entry.inline, &entry.attached, &mut identity);
    for g in &entry.groups {
        match export.group(&g.node) {
            Some(group) => r.group(&who, group, &mut identity),
            None => r.errors.push(
                InputError::new(
                    format!("the group `{}` of `{who}` is not in the export", g.node),
                    g.span,
                )
                .with_help(
                    "its policies decide too: export with every filter (the AWS CLI's default)",
                ),
            ),
        }
    }
    let boundary = entry
        .boundary
        .as_ref()
        .and_then(|b| r.managed(&format!("{who} / boundary"), b, true));
    if !r.errors.is_empty() {
        return Err(CallerError::Input(r.errors));
    }
    // A role's own ARN leaves the session's name, the end of its unique id, unknown.
    let (userid, role_id) = match (&entry.id, &principal.session, is_user) {
        (Some(id), _, true) => (Some(id.clone()), None),
        (Some(id), Some(s), false) => (Some(format!("{id}:{s}")), None),
        (Some(id), None, false) => (None, Some(id.clone())),
        (None, _, _) => (None, None),
    };
    Ok(Caller {
        entry_arn: entry.arn.node.clone(),
        identity,
        boundary,
        tags: entry.tags.clone(),
        userid,
        role_id,
        role_path: (!is_user).then(|| entry.path.clone()),
        shipped: r.shipped,
    })
}

/// The export's entry for a caller ARN: a user by its ARN, a role by its ARN, a role session
/// by its role's name (a session's ARN leaves out the role's path).
fn find<'e>(export: &'e Export, p: &Principal) -> Result<(&'e Entry, bool), CallerError> {
    let not_found = |suggestion: Option<&Entry>| CallerError::NotInExport {
        arn: p.arn.clone(),
        suggestion: suggestion.map(|e| e.arn.node.clone()),
    };
    // A session names its role's account and partition, not its path.
    let same_account = |e: &&Entry| {
        let mut parts = e.arn.node.split(':');
        parts.nth(1) == Some(p.partition.as_str()) && parts.nth(2) == Some(p.account.as_str())
    };
    match p.kind {
        PrincipalType::User => {
            let name = p.username.as_deref().unwrap_or_default();
            match export.user(&p.arn) {
                Some(u) => Ok((u, true)),
                None => Err(not_found(
                    (export.users.iter())
                        .find(|u| u.name == name)
                        .or_else(|| nearest(&export.users, name)),
                )),
            }
        }
        PrincipalType::AssumedRole => {
            let name = p.role_name.as_deref().unwrap_or_default();
            let by_name = export.roles_named(name).find(same_account);
            match (&p.session, by_name) {
                // A session: the role of that name.
                (Some(_), Some(r)) => Ok((r, false)),
                // A role's own ARN: path and all.
                (None, Some(r)) if r.arn.node == p.arn => Ok((r, false)),
                (_, found) => Err(not_found(found.or_else(|| nearest(&export.roles, name)))),
            }
        }
        PrincipalType::Account | PrincipalType::FederatedUser => Err(not_found(None)),
    }
}

/// The entry whose name is nearest `name`, if any is near (a did-you-mean).
fn nearest<'e>(entries: &'e [Entry], name: &str) -> Option<&'e Entry> {
    let lower = name.to_ascii_lowercase();
    entries
        .iter()
        .map(|e| (distance(&e.name.to_ascii_lowercase(), &lower), e))
        .filter(|(d, _)| *d <= 2.max(name.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Gathers documents, collecting errors.
struct Gather<'e> {
    export: &'e Export,
    text: &'e str,
    errors: Vec<InputError>,
    shipped: Vec<(String, String)>,
}

impl Gather<'_> {
    fn inline_and_attached(
        &mut self,
        who: &str,
        inline: &[Inline],
        attached: &[Spanned<String>],
        out: &mut Vec<Document>,
    ) {
        for i in inline {
            let label = format!("{who} / inline {}", i.name);
            if let Some(d) = self.decoded(&i.document) {
                out.push(exported(label, d));
            }
        }
        for a in attached {
            if let Some(d) = self.managed(who, a, false) {
                out.push(d);
            }
        }
    }

    fn group(&mut self, who: &str, g: &Group, out: &mut Vec<Document>) {
        let who = format!("{who} / group {}", g.name);
        self.inline_and_attached(&who, &g.inline, &g.attached, out);
    }

    fn decoded(&mut self, document: &crate::json::Json) -> Option<Shared> {
        (self.export.decoded(self.text, document))
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    /// The default version of the managed policy `arn` names: the export's, else (an AWS
    /// managed policy) the shipped copy; else an error at the reference.
    fn managed(&mut self, who: &str, arn: &Spanned<String>, boundary: bool) -> Option<Document> {
        let found = self.export.policy(&arn.node);
        if let Some(p) = found {
            let (version, document) = self.default_version(p)?;
            let d = self.decoded(document)?;
            let label = if boundary {
                format!("{who} {} {version}", arn.node)
            } else {
                format!("{who} / policy {} {version}", arn.node)
            };
            return Some(exported(label, d));
        }
        if let Some(s) = self.export.shipped(&arn.node) {
            self.shipped.push((arn.node.clone(), s.version.clone()));
            let label = if boundary {
                format!("{who} {} {} (shipped with swfsim)", arn.node, s.version)
            } else {
                format!(
                    "{who} / policy {} {} (shipped with swfsim)",
                    arn.node, s.version
                )
            };
            return Some(Document {
                label,
                text: s.document.into(),
                offsets: None,
            });
        }
        let what = if boundary {
            "permissions boundary"
        } else if is_aws_managed(&arn.node) {
            "AWS managed policy"
        } else {
            "customer managed policy"
        };
        self.errors.push(
            InputError::new(
                format!("the {what} `{}` of `{who}` is not in the export", arn.node),
                arn.span,
            )
            .with_help(
                "without its document the answer cannot be known: export with every filter (the AWS CLI's default), which includes policies attached as boundaries only",
            ),
        );
        None
    }

    /// A managed policy's default version: the one marked `IsDefaultVersion`, which must be
    /// `DefaultVersionId`'s.
    fn default_version<'p>(
        &mut self,
        p: &'p ManagedPolicy,
    ) -> Option<(&'p str, &'p crate::json::Json)> {
        let marked: Vec<_> = p.versions.iter().filter(|v| v.is_default).collect();
        let problem = match (marked.as_slice(), &p.default_version) {
            ([v], Some(id)) if v.id == id.node => return Some((&v.id, &v.document)),
            ([v], None) => return Some((&v.id, &v.document)),
            ([v], Some(id)) => InputError::new(
                format!(
                    "`DefaultVersionId` is `{}`, but the version marked `IsDefaultVersion` is `{}`",
                    id.node, v.id
                ),
                id.span,
            ),
            ([], _) => InputError::new(
                format!(
                    "the managed policy `{}` has no version marked `IsDefaultVersion`",
                    p.arn.node
                ),
                p.arn.span,
            ),
            (_, _) => InputError::new(
                format!(
                    "the managed policy `{}` has {} versions marked `IsDefaultVersion`",
                    p.arn.node,
                    marked.len()
                ),
                p.arn.span,
            ),
        };
        self.errors.push(problem.with_help(
            "IAM evaluates a managed policy's default version; an export from `aws iam get-account-authorization-details` marks exactly one",
        ));
        None
    }
}

/// A document of the export.
fn exported(label: String, (text, offsets): Shared) -> Document {
    Document {
        label,
        text,
        offsets: Some(offsets),
    }
}

/// Whether an ARN names an AWS managed policy (`arn:PARTITION:iam::aws:policy/...`).
pub fn is_aws_managed(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", _, "iam", "", "aws", rest] if rest.starts_with("policy/"))
}

/// Every user and role ARN of the export, users first.
pub fn principals(export: &Export) -> impl Iterator<Item = (&str, Span)> {
    (export.users.iter())
        .chain(&export.roles)
        .map(|e| (e.arn.node.as_str(), e.arn.span))
}

/// Every policy document of an export that can be in effect, for linting: each user's, group's
/// and role's inline policies, and each managed policy's default version, with whether it is
/// used only as a permissions boundary. Documents that cannot be decoded are errors.
pub fn every_document(export: &Export, text: &str) -> (Vec<(Document, bool)>, Vec<InputError>) {
    let mut g = Gather {
        export,
        text,
        errors: Vec::new(),
        shipped: Vec::new(),
    };
    let mut out = Vec::new();
    let inline = (export.users.iter().map(|u| ("user", &u.name, &u.inline)))
        .chain(export.groups.iter().map(|x| ("group", &x.name, &x.inline)))
        .chain(export.roles.iter().map(|r| ("role", &r.name, &r.inline)));
    for (what, name, list) in inline {
        for i in list {
            if let Some(d) = g.decoded(&i.document) {
                out.push((
                    exported(format!("{what} {name} / inline {}", i.name), d),
                    false,
                ));
            }
        }
    }
    let attached = |arn: &str| {
        let all = (export.users.iter().chain(&export.roles))
            .flat_map(|e| &e.attached)
            .chain(export.groups.iter().flat_map(|x| &x.attached));
        all.map(|a| &a.node).any(|a| a == arn)
    };
    let boundary = |arn: &str| {
        (export.users.iter().chain(&export.roles))
            .filter_map(|e| e.boundary.as_ref())
            .any(|b| b.node == arn)
    };
    for p in &export.policies {
        if let Some((version, document)) = g.default_version(p) {
            if let Some(d) = g.decoded(document) {
                let label = format!("policy {} {version}", p.arn.node);
                let only_boundary = boundary(&p.arn.node) && !attached(&p.arn.node);
                out.push((exported(label, d), only_boundary));
            }
        }
    }
    (out, g.errors)
}
