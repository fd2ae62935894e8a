//! An organization's service and resource control policies, as `docs/org-file.md` describes the
//! file: the levels that apply to an account, root first, then each OU down to the account.
//!
//! As AWS applies them: none for the organization's management account; none of a policy type
//! the root does not have `ENABLED`; every SCP level must allow; RCP levels only deny (each
//! holds `RCPFullAWSAccess` implicitly, which the evaluator supplies).

use super::account::Document;
use super::document::decode;
use crate::json::{Json, Member};
use crate::request::InputError;
use crate::source::{Span, Spanned};

/// The two policy types.
pub const SCP: &str = "SERVICE_CONTROL_POLICY";
/// Resource control policies.
pub const RCP: &str = "RESOURCE_CONTROL_POLICY";

/// One level: a root, an OU or the account, with its policies of one type.
#[derive(Clone, Debug)]
pub struct Level {
    /// `root Root (r-ab12)`, `OU Prod (ou-ab12-prod0001)`, `account 111122223333`.
    pub name: String,
    /// The policies attached there.
    pub policies: Vec<Document>,
}

/// The levels that apply to one account.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    /// SCP levels, root first; empty when none apply.
    pub scps: Vec<Level>,
    /// RCP levels, root first; empty when none apply.
    pub rcps: Vec<Level>,
    /// The account is the organization's management account (no level applies).
    pub management: bool,
    /// The organization's id, when the file gives it.
    pub organization_id: Option<String>,
    /// `aws:PrincipalOrgPaths`' one path: `o-id/r-id/ou-id/.../`, when the id is given.
    pub org_path: Option<String>,
}

/// The levels of `account` in the org file `text`. Every problem is collected.
pub fn levels(text: &str, account: &str) -> Result<Levels, Vec<InputError>> {
    let root = crate::json::parse(text).map_err(|e| vec![super::export::json_error(&e, 0)])?;
    let mut r = Reader {
        text,
        errors: Vec::new(),
    };
    let levels = r.levels(&root, account);
    match (levels, r.errors.is_empty()) {
        (Some(l), true) => Ok(l),
        _ => Err(r.errors),
    }
}

struct Reader<'t> {
    text: &'t str,
    errors: Vec<InputError>,
}

/// The first span of a value: where an error about it points.
fn start(span: Span) -> Span {
    Span::new(span.start as usize, span.start as usize + 1)
}

impl Reader<'_> {
    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.errors.push(InputError::new(message, span));
    }

    fn object<'j>(&mut self, j: &'j Json, what: &str) -> Option<&'j [Member]> {
        let o = j.as_object();
        if o.is_none() {
            self.error(format!("{what} must be an object"), j.span);
        }
        o
    }

    fn member<'j>(&mut self, j: &'j Json, key: &str) -> Option<&'j Json> {
        let found = j.get(key);
        if found.is_none() {
            self.error(format!("the org file has no `{key}`"), start(j.span))
        }
        found
    }

    fn string<'j>(&mut self, j: &'j Json, what: &str) -> Option<&'j str> {
        let s = j.as_str();
        if s.is_none() {
            self.error(format!("{what} must be a string"), j.span);
        }
        s
    }

    fn levels(&mut self, root: &Json, account: &str) -> Option<Levels> {
        self.object(root, "the org file")?;
        let management = self.member(root, "managementAccountId")?;
        let management = self.string(management, "`managementAccountId`")?;
        let organization_id = root.get("organizationId").and_then(Json::as_str);
        if management == account {
            // Directly under the root.
            let root_id = (root.get("roots").and_then(Json::as_array))
                .and_then(|r| r.first()?.get("Id")?.as_str());
            return Some(Levels {
                management: true,
                organization_id: organization_id.map(str::to_string),
                org_path: organization_id
                    .zip(root_id)
                    .map(|(o, r)| format!("{o}/{r}/")),
                ..Levels::default()
            });
        }
        let roots = self.member(root, "roots")?;
        let the_root = match roots.as_array() {
            Some([r]) => r,
            _ => {
                self.error(
                    "`roots` must be `list-roots`' array of one root",
                    roots.span,
                );
                return None;
            }
        };
        let accounts = self.member(root, "accounts")?;
        self.object(accounts, "`accounts`")?;
        let Some(entry) = accounts.get(account) else {
            self.errors.push(
                InputError::new(
                    format!("the account `{account}` is not in the org file's `accounts`"),
                    start(accounts.span),
                )
                .with_help(
                    "add its `parents` (root first): `contrib/org-export.sh ACCOUNT` writes them",
                ),
            );
            return None;
        };
        let parents = self.parents(entry, the_root, account)?;
        let mut path: Vec<Spanned<String>> = parents;
        path.push(Spanned::new(account.to_string(), entry.span));
        let named = |id: &str| -> String { self.level_name(root, id) };
        let names: Vec<String> = path.iter().map(|p| named(&p.node)).collect();
        let org_path = organization_id.map(|o| {
            let mut s = format!("{o}/");
            for p in &path[..path.len() - 1] {
                s.push_str(&p.node);
                s.push('/');
            }
            s
        });
        let mut out = Levels {
            organization_id: organization_id.map(str::to_string),
            org_path,
            ..Levels::default()
        };
        let enabled = self.enabled_types(the_root)?;
        for (kind, levels) in [(SCP, &mut out.scps), (RCP, &mut out.rcps)] {
            if !enabled.contains(&kind) {
                continue;
            }
            for (id, name) in path.iter().zip(&names) {
                let policies = self.attached(root, &id.node, kind, name, id.span)?;
                levels.push(Level {
                    name: name.clone(),
                    policies,
                });
            }
        }
        Some(out)
    }

    /// The account's `parents`: root first, the root `roots` names.
    fn parents(
        &mut self,
        entry: &Json,
        the_root: &Json,
        account: &str,
    ) -> Option<Vec<Spanned<String>>> {
        let list = match entry.get("parents").map(|p| (p, p.as_array())) {
            Some((_, Some(list))) if !list.is_empty() => list,
            Some((p, _)) => {
                self.error(format!("the account `{account}` has no `parents`: the org file must list its root and OUs, root first"), p.span);
                return None;
            }
            None => {
                self.error(format!("the account `{account}` has no `parents`: the org file must list its root and OUs, root first"), start(entry.span));
                return None;
            }
        };
        let mut out = Vec::new();
        for p in list {
            out.push(Spanned::new(
                self.string(p, "a parent id")?.to_string(),
                p.span,
            ));
        }
        let root_id = the_root
            .get("Id")
            .and_then(Json::as_str)
            .unwrap_or_default();
        if out[0].node != root_id {
            self.error(
                format!(
                    "the account `{account}`'s first parent is `{}`, not the root `{root_id}`",
                    out[0].node
                ),
                out[0].span,
            );
            return None;
        }
        Some(out)
    }

    /// `root Root (r-ab12)`, `OU Prod (ou-...)`, `account orders-prod (111122223333)`.
    fn level_name(&self, root: &Json, id: &str) -> String {
        let name_in = |list: &str| {
            let j = root.get(list)?;
            match j.as_array() {
                Some(items) => items
                    .iter()
                    .find(|r| r.get("Id").and_then(Json::as_str) == Some(id))
                    .and_then(|r| r.get("Name")?.as_str()),
                None => j.get(id)?.get("Name")?.as_str(),
            }
        };
        let (what, name) = if id.starts_with("r-") {
            ("root", name_in("roots"))
        } else if id.starts_with("ou-") {
            ("OU", name_in("organizationalUnits"))
        } else {
            ("account", name_in("accounts"))
        };
        match name {
            Some(n) => format!("{what} {n} ({id})"),
            None => format!("{what} {id}"),
        }
    }

    /// The policies of type `kind` attached at target `id`.
    fn attached(
        &mut self,
        root: &Json,
        id: &str,
        kind: &str,
        level: &str,
        at: Span,
    ) -> Option<Vec<Document>> {
        let ids = root
            .get("targets")
            .and_then(|t| t.get(id))
            .and_then(|t| t.get(kind));
        let ids: Vec<&Json> = match ids.map(|j| (j, j.as_array())) {
            Some((_, Some(items))) => items.iter().collect(),
            Some((j, None)) => {
                self.error(
                    format!("`targets.{id}.{kind}` must be an array of policy ids"),
                    j.span,
                );
                return None;
            }
            None => Vec::new(),
        };
        if kind == SCP && ids.is_empty() {
            self.errors.push(
                InputError::new(
                    format!("no service control policy is attached at {level} in the org file"),
                    start(at),
                )
                .with_help("AWS keeps at least one SCP attached at every root, OU and account (`FullAWSAccess` by default): list them in `targets`"),
            );
            return None;
        }
        let mut out = Vec::new();
        for pid in ids {
            let pid_text = self.string(pid, "a policy id")?;
            let Some(policy) = root.get("policies").and_then(|p| p.get(pid_text)) else {
                self.error(
                    format!("the policy `{pid_text}` is not in the org file's `policies`"),
                    pid.span,
                );
                continue;
            };
            let content = self.member(policy, "Content")?;
            let name = policy
                .get("PolicySummary")
                .and_then(|s| s.get("Name"))
                .and_then(Json::as_str);
            let what = if kind == SCP { "scp" } else { "rcp" };
            let label = match name {
                Some(n) => format!("{level} / {what} {n} ({pid_text})"),
                None => format!("{level} / {what} {pid_text}"),
            };
            match decode(self.text, content) {
                Ok(d) => out.push(Document {
                    label,
                    text: d.text.into(),
                    offsets: Some(d.offsets.into()),
                }),
                Err(e) => self.errors.push(e),
            }
        }
        Some(out)
    }
}

/// The statuses `list-roots` gives a policy type.
const STATUSES: [&str; 3] = ["ENABLED", "PENDING_ENABLE", "PENDING_DISABLE"];

impl Reader<'_> {
    /// The policy types `ENABLED` at the root, as `list-roots` gives them: `PolicyTypes` is an
    /// array (empty when none is enabled) of `{"Type", "Status"}`. Anything else is an error:
    /// read as "none enabled" it would drop every SCP.
    fn enabled_types<'j>(&mut self, root: &'j Json) -> Option<Vec<&'j str>> {
        let Some(types) = root.get("PolicyTypes") else {
            self.error(
                "the root has no `PolicyTypes` (`list-roots` gives it, `[]` when no type is enabled)",
                start(root.span),
            );
            return None;
        };
        let Some(list) = types.as_array() else {
            self.error(
                "`PolicyTypes` must be `list-roots`' array of `{\"Type\", \"Status\"}`",
                types.span,
            );
            return None;
        };
        let mut enabled = Vec::new();
        for t in list {
            let kind = t.get("Type").and_then(Json::as_str);
            let status = t.get("Status").and_then(Json::as_str);
            match (kind, status) {
                (Some(k), Some(s))
                    if STATUSES.contains(&s)
                        && !k.is_empty()
                        && k.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') =>
                {
                    if s == "ENABLED" {
                        enabled.push(k);
                    }
                }
                _ => self.error(
                    format!(
                        "a `PolicyTypes` entry must be `{{\"Type\": \"SERVICE_CONTROL_POLICY\", \"Status\": \"ENABLED\"}}` or the like (a status among {})",
                        STATUSES.map(|s| format!("`{s}`")).join(", ")
                    ),
                    t.span,
                ),
            }
        }
        self.errors.is_empty().then_some(enabled)
    }
}

/// Every policy of an org file with its type (`true` for an SCP), for linting.
pub fn every_policy(text: &str) -> Result<Vec<(Document, bool)>, Vec<InputError>> {
    let root = crate::json::parse(text).map_err(|e| vec![super::export::json_error(&e, 0)])?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let Some(policies) = root.get("policies").and_then(Json::as_object) else {
        return Err(vec![InputError::new(
            "the org file has no `policies` object",
            start(root.span),
        )]);
    };
    for m in policies {
        let summary = m.value.get("PolicySummary");
        let name = summary.and_then(|s| s.get("Name")).and_then(Json::as_str);
        let scp = summary.and_then(|s| s.get("Type")).and_then(Json::as_str) != Some(RCP);
        let what = if scp { "scp" } else { "rcp" };
        let label = match name {
            Some(n) => format!("{what} {n} ({})", m.key),
            None => format!("{what} {}", m.key),
        };
        match m.value.get("Content").map(|c| decode(text, c)) {
            Some(Ok(d)) => out.push((
                Document {
                    label,
                    text: d.text.into(),
                    offsets: Some(d.offsets.into()),
                },
                scp,
            )),
            Some(Err(e)) => errors.push(e),
            None => errors.push(InputError::new(
                format!("the policy `{}` has no `Content`", m.key),
                m.key_span,
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
