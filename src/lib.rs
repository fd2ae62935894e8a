//! swfsim: will this Amazon SWF `StartWorkflowExecution` call succeed, and if not, why?
//!
//! The library behind the `swfsim` command: it reads IAM policies, evaluates a call as IAM
//! does, runs SWF's own checks against a described world, and returns typed answers that
//! [`output`] turns into text or JSON.
//!
//! ```
//! use swfsim::condition::Truth;
//! use swfsim::eval::{load, Decision, Layer, PolicySet, Reason};
//! use swfsim::policy::PolicyKind;
//! use swfsim::request::{CallInputs, Principal, StartRequest};
//! use swfsim::source::SourceMap;
//! use swfsim::swf::{simulate, Outcome, RunIds};
//!
//! // The caller's identity policy, as IAM stores it.
//! let policy = r#"{"Version": "2012-10-17", "Statement": [{
//!     "Sid": "OnlyWorkflow1",
//!     "Effect": "Allow",
//!     "Action": "swf:StartWorkflowExecution",
//!     "Resource": "arn:aws:swf:*:123456789012:/domain/*",
//!     "Condition": {"StringEquals": {"swf:workflowType.name": "workflow1"}}}]}"#;
//! let mut sources = SourceMap::new();
//! let file = sources.add("starter.json", policy);
//! let policies = PolicySet {
//!     identity: load(policy, file, PolicyKind::Identity).expect("a policy IAM would take"),
//!     ..Default::default()
//! };
//!
//! // The call: StartWorkflowExecution's input as the SWF API takes it, who sends it, where, when.
//! let input = r#"{"domain": "orders", "workflowId": "order-42",
//!                 "workflowType": {"name": "ProcessOrder", "version": "1.0"}}"#;
//! let request = StartRequest::from_json(&swfsim::json::parse(input).expect("JSON"))
//!     .expect("a request");
//! let call = CallInputs {
//!     principal: Principal::parse("arn:aws:iam::123456789012:user/dev")
//!         .expect("a caller ARN")
//!         .into(),
//!     region: "us-east-1".into(),
//!     user_keys: Vec::new(),
//!     now: 1_795_608_000,
//!     caller: Default::default(),
//! };
//!
//! // Without a world, the answer is IAM's decision and SWF's validation of the request.
//! let result = simulate(&request, &policies, &call, None, &mut RunIds::new(1));
//! assert_eq!(result.decision, Some(Decision::ImplicitDeny));
//! assert_eq!(result.outcome, Outcome::OperationNotPermitted);
//!
//! // Why: no identity-based policy allows, because the statement's condition fails.
//! let evaluation = result.evaluation.as_ref().expect("IAM was consulted");
//! assert_eq!(evaluation.reason, Reason::NoAllow { layer: Layer::Identity });
//! let statement = &evaluation.statements[0];
//! assert_eq!(statement.statement.sid.as_deref(), Some("OnlyWorkflow1"));
//! let condition = &statement.conditions[0];
//! assert_eq!(&*condition.key, "swf:workflowType.name");
//! assert_eq!(condition.outcome.result, Truth::False);
//!
//! // The same explanation in words, as `swfsim simulate` prints it.
//! let text = swfsim::output::sim_text(&result, &sources, &policies);
//! assert!(text.starts_with("DENIED (implicitDeny)"));
//! assert!(text.contains("FAIL StringEquals swf:workflowType.name"));
//! ```
//!
//! Modules in dependency order; each uses only those above it.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod source;
pub(crate) mod hash;
pub mod json;
pub mod pattern;
pub(crate) mod arn;
pub mod keys;
pub mod policy;
pub mod condition;
pub mod request;
pub mod eval;
pub mod swf;
pub mod inputs;
pub mod analysis;
pub mod lint;
pub mod batch;
pub mod output;
