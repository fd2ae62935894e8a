//! How each condition key relates to the request space.

use super::mode::{presence, Mode};
use super::space::statements;
use super::unknown::{unknown, Unknown};
use crate::condition::Family;
use crate::eval::PolicySet;
use crate::keys::{InStart, KeyType};

/// How a condition key relates to the request space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Set by the domain dimension (region or account).
    Domain,
    /// Determined by the caller.
    Fixed,
    /// Never present for StartWorkflowExecution.
    Absent,
    /// `aws:CurrentTime` / `aws:EpochTime`.
    Clock,
    /// A request member: type name, version (always present), task list.
    Request { required: bool },
    /// `swf:tagList.member.N`.
    Tag(usize),
    /// A free single-valued key; `always`: the simulator always supplies it.
    Free { ty: KeyType, always: bool },
}

/// Keys that depend on who calls: the analysis needs a named caller to read them.
pub(super) const PRINCIPAL_KEYS: &[&str] =
    &["aws:principalarn", "aws:principaltype", "aws:username"];

/// The role of one of SWF's own keys, from when the catalogue says a start carries it; `None`
/// for the global keys SWF lists (the caller's and the catalogue's rules decide those).
fn swf_role(key_lower: &str) -> Option<Role> {
    let k = crate::keys::swf_lookup(key_lower)?;
    Some(match k.in_start {
        InStart::TypeName | InStart::TypeVersion => Role::Request { required: true },
        InStart::TaskList => Role::Request { required: false },
        InStart::Tag(i) => Role::Tag(usize::from(i)),
        InStart::Never => Role::Absent,
        InStart::Global => return None,
    })
}

/// The role of a key in the pass of `mode`.
pub(super) fn role(key_lower: &str, mode: &Mode, sets: &[&PolicySet]) -> Result<Role, Unknown> {
    let free_caller = mode.free;
    if let Some(role) = swf_role(key_lower) {
        return Ok(role);
    }
    Ok(match key_lower {
        "aws:requestedregion" => Role::Domain,
        "aws:resourceaccount" | "aws:principalaccount" => {
            if free_caller {
                Role::Domain
            } else {
                Role::Fixed
            }
        }
        "aws:currenttime" | "aws:epochtime" => Role::Clock,
        k if PRINCIPAL_KEYS.contains(&k) => {
            if free_caller {
                return Err(Unknown {
                    reason: format!("the policies read `{k}`, which depends on who calls"),
                    help: Some(
                        "name the callers with --principal ARN (repeatable) or `principal` in the SPEC"
                            .into(),
                    ),
                });
            }
            Role::Fixed
        }
        // The ARN gives the root user's and a federated user's; anyone else's is a unique id
        // swfsim cannot know: any text.
        "aws:userid" => match mode.kind {
            crate::request::PrincipalType::Account
            | crate::request::PrincipalType::FederatedUser
                if !free_caller =>
            {
                Role::Fixed
            }
            _ => Role::Free {
                ty: KeyType::String,
                always: true,
            },
        },
        k => {
            if k.starts_with("swf:") {
                Role::Absent
            } else if let Some(g) = crate::keys::lookup(k) {
                match presence(g.availability, mode) {
                    None => Role::Absent,
                    Some(_) if g.multivalued => {
                        return Err(unknown(format!(
                            "the policies read the multivalued key `{k}`; the analysis covers single-valued keys"
                        )));
                    }
                    Some(always) => Role::Free { ty: g.ty, always },
                }
            } else if k.starts_with("aws:") {
                // A global key the simulator does not list: a caller may still send it.
                Role::Free {
                    ty: inferred_type(k, sets)?,
                    always: false,
                }
            } else {
                // Another service's key: never part of an SWF request.
                Role::Absent
            }
        }
    })
}

/// The type of a global key the simulator does not list (AWS adds global keys over time): the
/// one type of the operators that read it, strings when only `Null` does.
pub(super) fn inferred_type(key_lower: &str, sets: &[&PolicySet]) -> Result<KeyType, Unknown> {
    let mut ty: Option<KeyType> = None;
    for set in sets {
        for (_, c) in statements(set) {
            for cc in c.conditions.iter().filter(|cc| cc.key_lower == key_lower) {
                let t = match cc.operator.node.base.family() {
                    Family::Null => continue,
                    Family::String => KeyType::String,
                    Family::Numeric => KeyType::Numeric,
                    Family::Date => KeyType::Date,
                    Family::Bool => KeyType::Bool,
                    Family::Ip => KeyType::Ip,
                    Family::Arn => KeyType::Arn,
                    Family::Binary => {
                        return Err(unknown(format!(
                            "the analysis does not cover `BinaryEquals` on `{}`",
                            cc.key.node
                        )))
                    }
                };
                if ty.is_some_and(|x| x != t) {
                    return Err(unknown(format!(
                        "the policies compare `{}` as two different types",
                        cc.key.node
                    )));
                }
                ty = Some(t);
            }
        }
    }
    Ok(ty.unwrap_or(KeyType::String))
}

/// Whether an operator of `family` reads a key of this role as the key's type.
pub(super) fn family_fits(family: Family, role: Role, key: &str) -> bool {
    if family == Family::Null {
        return true;
    }
    match role {
        Role::Fixed | Role::Absent => true,
        Role::Domain | Role::Request { .. } | Role::Tag(_) => family == Family::String,
        Role::Clock => {
            if key == "aws:currenttime" {
                family == Family::Date
            } else {
                matches!(family, Family::Numeric | Family::Date)
            }
        }
        Role::Free { ty, .. } => matches!(
            (ty, family),
            (KeyType::String, Family::String)
                | (KeyType::Numeric, Family::Numeric)
                | (KeyType::Date, Family::Date)
                | (KeyType::Bool, Family::Bool)
                | (KeyType::Ip, Family::Ip)
        ),
    }
}

/// Variables may only read what the caller determines.
pub(super) fn check_variables<'v>(
    vars: impl Iterator<Item = &'v crate::pattern::Variable>,
    mode: &Mode,
    fixed_keys: &[(String, String)],
    whereabouts: &str,
) -> Result<(), Unknown> {
    let free_caller = mode.free;
    for v in vars {
        let k = v.key_lower.as_str();
        if fixed_keys.iter().any(|(x, _)| x.eq_ignore_ascii_case(k)) {
            continue;
        }
        let caller = PRINCIPAL_KEYS.contains(&k)
            || (k == "aws:userid" && role(k, mode, &[]).is_ok_and(|r| r == Role::Fixed))
            || k == "aws:principalaccount"
            || k == "aws:resourceaccount";
        if !caller {
            return Err(Unknown {
                reason: format!(
                    "{whereabouts} holds the variable `${{{}}}`, which ties two parts of the request together; the analysis substitutes only variables the caller or a fixed key determines",
                    v.key
                ),
                help: Some(format!(
                    "fix its value: --context {}=VALUE (diff and check) or `context` in the SPEC",
                    v.key
                )),
            });
        }
        if free_caller {
            return Err(Unknown {
                reason: format!(
                    "{whereabouts} holds the variable `${{{}}}`, which depends on who calls",
                    v.key
                ),
                help: Some(
                    "name the callers with --principal ARN (repeatable) or `principal` in the SPEC"
                        .into(),
                ),
            });
        }
    }
    Ok(())
}
