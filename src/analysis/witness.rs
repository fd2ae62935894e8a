//! The witness of a region: a complete request, one line of `simulate --requests` input.

use super::class::ClassValue;
use super::search::Search;
use crate::keys::Availability;
use crate::request::{format_time, Principal, StartRequest, WorkflowTypeRef};

/// A complete request: what `swfsim simulate --requests` takes, one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// The request.
    pub request: StartRequest,
    /// The caller.
    pub principal: Principal,
    /// The region.
    pub region: String,
    /// Context keys.
    pub context: Vec<(String, String)>,
    /// The clock, epoch seconds (also in the context when a policy reads it).
    pub now: i64,
    /// How the call is signed, when the region needs a caller who may sign either way to use
    /// temporary credentials.
    pub credentials: Option<crate::request::Credentials>,
}

impl Witness {
    /// The witness as a batch line (`docs/contract.md`).
    pub fn to_json(&self) -> serde_json::Value {
        let r = &self.request;
        let mut req = serde_json::Map::new();
        req.insert("domain".into(), r.domain.clone().into());
        req.insert("workflowId".into(), r.workflow_id.clone().into());
        if let Some(t) = &r.workflow_type {
            req.insert(
                "workflowType".into(),
                serde_json::json!({"name": t.name, "version": t.version}),
            );
        }
        if let Some(Some(tl)) = &r.task_list {
            req.insert("taskList".into(), serde_json::json!({ "name": tl }));
        }
        if let Some(tags) = &r.tag_list {
            req.insert("tagList".into(), serde_json::json!(tags));
        }
        let context: serde_json::Map<String, serde_json::Value> = self
            .context
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let mut line = serde_json::json!({
            "request": req,
            "principal": self.principal.arn,
            "region": self.region,
            "context": context,
        });
        if self.credentials == Some(crate::request::Credentials::Temporary) {
            line["credentials"] = "temporary".into();
        }
        line
    }
}

impl Search<'_, '_> {
    /// The witness of a complete assignment: the request, caller, region, context and clock
    /// its classes give, with the keys a call of the pass's mode carries.
    pub(super) fn witness(&self, full: &[Option<usize>]) -> Witness {
        let sp = self.space;
        let mut request = StartRequest {
            workflow_id: Some("swfsim-witness".into()),
            workflow_type: Some(WorkflowTypeRef {
                name: Some("Witness".into()),
                version: Some("1".into()),
            }),
            ..Default::default()
        };
        let mut region = "us-east-1".to_string();
        let mut account = "111122223333".to_string();
        let mut context = Vec::new();
        let mut now = 1_767_225_600; // 2026-01-01T00:00:00Z
        let mut tags: Vec<(usize, String)> = Vec::new();
        for (d, a) in sp.dims.iter().zip(full) {
            let Some(ci) = a else { continue };
            match &d.classes[*ci].value {
                ClassValue::Absent => {}
                ClassValue::Domain {
                    regions,
                    account: acct,
                    name,
                } => {
                    region = regions[0].clone();
                    account = acct.clone();
                    request.domain = Some(name.clone());
                }
                ClassValue::Clock(s) => {
                    now = *s;
                    context.push(("aws:CurrentTime".to_string(), format_time(*s)));
                    context.push(("aws:EpochTime".to_string(), s.to_string()));
                }
                ClassValue::Text(v) => match d.keys[0].as_str() {
                    "swf:workflowtype.name" => {
                        if let Some(t) = request.workflow_type.as_mut() {
                            t.name = Some(v.clone());
                        }
                    }
                    "swf:workflowtype.version" => {
                        if let Some(t) = request.workflow_type.as_mut() {
                            t.version = Some(v.clone());
                        }
                    }
                    "swf:tasklist.name" => request.task_list = Some(Some(v.clone())),
                    _ => match d.tag {
                        Some(i) => tags.push((i, v.clone())),
                        None => context.push((d.name.clone(), v.clone())),
                    },
                },
            }
        }
        for (k, v) in &sp.spec_context {
            if !context.iter().any(|(x, _)| x.eq_ignore_ascii_case(k)) {
                context.push((k.clone(), v.clone()));
            }
        }
        if !tags.is_empty() {
            tags.sort();
            request.tag_list = Some(tags.into_iter().map(|(_, v)| v).collect());
        }
        let principal = match &sp.principal {
            Some(p) => p.clone(),
            None => Principal::parse(&format!("arn:aws:iam::{account}:user/swfsim-witness"))
                .unwrap_or_else(|_| fallback_principal()),
        };
        self.mode_keys(full, &mut context);
        let credentials = (sp.mode.temporary && !principal.always_temporary())
            .then_some(crate::request::Credentials::Temporary);
        Witness {
            request,
            principal,
            region,
            context,
            now,
            credentials,
        }
    }

    /// The keys a call of the pass's mode carries that no dimension set: MFA not used (with
    /// temporary credentials and no MFA age), a VPC endpoint's, a direct call's address.
    fn mode_keys(&self, full: &[Option<usize>], context: &mut Vec<(String, String)>) {
        let sp = self.space;
        // No age says MFA was not used (a present age makes the simulator say it was).
        let age_absent = sp.key_dim.get("aws:multifactorauthage").is_some_and(|&d| {
            full[d].is_some_and(|ci| sp.dims[d].classes[ci].value == ClassValue::Absent)
        });
        let has = |k: &str, context: &[(String, String)]| {
            context.iter().any(|(x, _)| x.eq_ignore_ascii_case(k))
        };
        if sp.mode.temporary && age_absent && !has("aws:MultiFactorAuthPresent", context) {
            context.push(("aws:MultiFactorAuthPresent".into(), "false".into()));
        }
        // A call through a VPC endpoint carries its keys; one no policy reads stands for them.
        let via = |k: &str| crate::keys::under(k, &[Availability::ViaVpcEndpoint]);
        if sp.mode.via_endpoint && !context.iter().any(|(k, _)| via(k)) {
            context.push(("aws:SourceVpce".into(), "vpce-0a1b2c3d4e5f60789".into()));
        }
        // And a direct call its address, when the other pass went through an endpoint.
        if sp.mode.network && !sp.mode.via_endpoint && !has("aws:SourceIp", context) {
            context.push(("aws:SourceIp".into(), "203.0.113.7".into()));
        }
    }
}

/// The witness caller of an account that parses (twelve digits always do; this is the
/// no-panic path).
pub(super) fn fallback_principal() -> Principal {
    Principal::parse(crate::request::DEFAULT_PRINCIPAL).expect("the default principal parses")
}
