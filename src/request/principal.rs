//! The caller: what its ARN says (partition, account, kind, names) and what swfsim supplies
//! where it does not (a role session's path).

use super::ValueSource;
use crate::condition::Partial;

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
    /// The user's or role's tags, when an account export gives them (`aws:PrincipalTag/KEY`).
    pub tags: Vec<(String, String)>,
    /// Whether an account export described the caller (its unique id and tags come from there).
    pub from_account: bool,
    /// For a role named by its own ARN: the role's unique id, the known start of `aws:userid`
    /// (`ROLEID:SESSION`, the session unknown).
    pub role_id: Option<String>,
    /// The caller's organization, when an org file gives its id: the id, and the account's
    /// path in it (`o-id/r-id/ou-id/.../`).
    pub org: Option<(String, String)>,
}

/// The default caller (`docs/contract.md`).
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
            tags: Vec::new(),
            from_account: false,
            role_id: None,
            org: None,
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
