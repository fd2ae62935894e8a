//! The caller `simulate` is given: its ARN (with `--role-path`), its condition keys
//! (`--context-file`, `--context`), and what is said of its credentials and organization.

use super::account::Exported;
use super::args::{CredentialsArg, SimulateArgs};
use super::failure::Failure;
use super::load::{input_errors, parse_json};
use swfsim::request::{
    check_caller_keys, check_world_key, context_from_json, validate_user_key, CallerFacts,
    Credentials, Defaulted, InputError, Organization, Principal, UserKey, DEFAULT_PRINCIPAL,
};
use swfsim::source::{SourceId, SourceMap, Span};

/// The keys of `--context-file` and `--context`, the latter winning, and the context file's
/// source.
fn user_keys(
    a: &SimulateArgs,
    sources: &mut SourceMap,
) -> Result<(Vec<UserKey>, Option<SourceId>), Failure> {
    let mut keys: Vec<UserKey> = Vec::new();
    let mut file = None;
    if let Some(path) = &a.context_file {
        let (id, j) = parse_json(sources, path)?;
        keys = context_from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
        file = Some(id);
    }
    let mut cli_keys: Vec<UserKey> = Vec::new();
    for kv in &a.context {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Failure(vec![format!(
                "error: `--context {kv}` must be KEY=VALUE"
            )]));
        };
        match cli_keys.iter_mut().find(|u| u.key.eq_ignore_ascii_case(k)) {
            Some(u) => u.values.push(v.to_string()),
            None => cli_keys.push(UserKey {
                key: k.to_string(),
                values: vec![v.to_string()],
                span: Span::default(),
            }),
        }
    }
    for u in &cli_keys {
        validate_user_key(u)
            .map_err(|e| Failure(vec![format!("error: --context: {}", e.message)]))?;
    }
    for u in cli_keys {
        keys.retain(|k| !k.key.eq_ignore_ascii_case(&u.key));
        keys.push(u);
    }
    Ok((keys, file))
}

/// The caller of the command line: its ARN (with `--role-path`), the keys given, what is said
/// of it; a key AWS never includes for it is an error.
pub fn caller_of(
    a: &SimulateArgs,
    exported: Option<&Exported>,
    sources: &mut SourceMap,
) -> Result<(Principal, Vec<UserKey>, CallerFacts), Failure> {
    let mut principal = Principal::parse(&a.principal)
        .map_err(|e| Failure(vec![format!("error: --principal: {e}")]))?;
    // The export knows the role's path, and gives the caller's unique id and tags.
    if let Some(x) = exported {
        if let (Some(given), Some(path)) = (&a.role_path, &x.role_path) {
            if given != path {
                return Err(Failure::one(format!(
                    "error: --role-path `{given}` disagrees with the account export, where the role's path is `{path}`"
                )));
            }
        }
        if let (Some(path), Some(_)) = (&x.role_path, &principal.session) {
            principal = principal
                .with_role_path(path)
                .map_err(|e| Failure(vec![format!("error: --principal: {e}")]))?;
        }
        principal.org = x.org.clone();
        if x.userid.is_some() || x.role_id.is_some() || !x.tags.is_empty() {
            principal.userid = x.userid.clone().or(principal.userid);
            principal.role_id = x.role_id.clone();
            principal.tags = x.tags.clone();
            principal.from_account = true;
        }
    }
    let principal = match &a.role_path {
        Some(path) => principal
            .with_role_path(path)
            .map_err(|e| Failure(vec![format!("error: --role-path: {e}")]))?,
        None => principal,
    };
    let (keys, context_file) = user_keys(a, sources)?;
    let mut caller = caller_facts(a);
    if let Some(x) = exported {
        caller.policies_are_its_own = true;
        if x.in_org {
            caller.organization = Organization::Member;
        }
    }
    check_caller_keys(&principal, &caller, &keys)
        .map_err(|(key, e)| caller_key_error(a, sources, context_file, key.as_deref(), &e))?;
    if a.world.is_some() {
        for k in &keys {
            check_world_key(k)
                .map_err(|e| caller_key_error(a, sources, context_file, Some(&k.key), &e))?;
        }
    }
    Ok((principal, keys, caller))
}

/// What the command line says of the caller beyond its ARN.
fn caller_facts(a: &SimulateArgs) -> CallerFacts {
    CallerFacts {
        credentials: a.credentials.map(|c| match c {
            CredentialsArg::LongTerm => Credentials::LongTerm,
            CredentialsArg::Temporary => Credentials::Temporary,
        }),
        organization: if a.no_organization {
            Organization::None
        } else if !a.policies.scp.is_empty() || !a.policies.rcp.is_empty() {
            Organization::Member
        } else {
            Organization::Unstated
        },
        // Named as the default is named, the caller is swfsim's default all the same.
        defaulted: Defaulted {
            principal: a.principal == DEFAULT_PRINCIPAL,
            region: false,
        },
        policies_are_its_own: false,
    }
}

/// A key given that AWS never includes for this caller: located in the context file when it
/// came from there, else named as a `--context` key.
fn caller_key_error(
    a: &SimulateArgs,
    sources: &SourceMap,
    file: Option<SourceId>,
    key: Option<&str>,
    e: &InputError,
) -> Failure {
    let on_line = |key: &str| {
        a.context.iter().any(|kv| {
            kv.split_once('=')
                .is_some_and(|(k, _)| k.eq_ignore_ascii_case(key))
        })
    };
    match (file, key) {
        (Some(id), Some(key)) if !on_line(key) => {
            Failure(input_errors(sources, id, std::slice::from_ref(e)))
        }
        _ => {
            let mut msg = format!("error: {}", e.message);
            if let Some(h) = &e.help {
                msg.push_str(&format!("\n  = help: {h}"));
            }
            Failure(vec![msg])
        }
    }
}
