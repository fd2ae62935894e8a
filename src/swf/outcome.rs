//! What a simulated call returns: the outcome, the fault, the started event.

use super::validate::Violation;
use crate::eval::{Decision, Evaluation};
use crate::request::{Context, WorkflowTypeRef};

/// The outcome of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// Started (world given).
    #[serde(rename = "started")]
    Started,
    /// Allowed and valid (no world).
    #[serde(rename = "authorized")]
    Authorized,
    /// IAM denied.
    #[serde(rename = "OPERATION_NOT_PERMITTED")]
    OperationNotPermitted,
    /// Bad request.
    ValidationException,
    /// No such domain or type.
    UnknownResourceFault,
    /// Deprecated type (or domain).
    TypeDeprecatedFault,
    /// A required setting has no value and no default.
    DefaultUndefinedFault,
    /// Too many open executions.
    LimitExceededFault,
    /// An open execution has this workflowId.
    WorkflowExecutionAlreadyStartedFault,
    /// The tool could not decide.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Outcome {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Started => "started",
            Outcome::Authorized => "authorized",
            Outcome::OperationNotPermitted => "OPERATION_NOT_PERMITTED",
            Outcome::ValidationException => "ValidationException",
            Outcome::UnknownResourceFault => "UnknownResourceFault",
            Outcome::TypeDeprecatedFault => "TypeDeprecatedFault",
            Outcome::DefaultUndefinedFault => "DefaultUndefinedFault",
            Outcome::LimitExceededFault => "LimitExceededFault",
            Outcome::WorkflowExecutionAlreadyStartedFault => "WorkflowExecutionAlreadyStartedFault",
            Outcome::Unknown => "unknown",
        }
    }
}

/// A fault with its message (and, where the tool knows more, a note for a person).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The message SWF returns.
    pub message: String,
    /// Why, in words.
    pub detail: String,
}

/// The `WorkflowExecutionStarted` event attributes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartedEvent {
    /// `input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Resolved execution timeout.
    pub execution_start_to_close_timeout: String,
    /// Resolved decision-task timeout.
    pub task_start_to_close_timeout: String,
    /// Resolved child policy.
    pub child_policy: String,
    /// Resolved task list.
    pub task_list: TaskListName,
    /// Resolved priority (`0` when neither the request nor the type sets one).
    pub task_priority: String,
    /// The type.
    pub workflow_type: WorkflowTypeRef,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// 0 for an API start.
    pub parent_initiated_event_id: i64,
    /// Resolved Lambda role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

/// `{"name": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TaskListName {
    /// The name.
    pub name: String,
}

/// Where a resolved setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SettingSource {
    /// The request.
    Request,
    /// The type's default.
    TypeDefault,
    /// SWF's documented fallback (priority 0).
    ServiceDefault,
}

/// The result of one simulated call.
#[derive(Clone, Debug)]
pub struct SimResult {
    /// The IAM decision (`None` when validation failed first).
    pub decision: Option<Decision>,
    /// The outcome.
    pub outcome: Outcome,
    /// The domain ARN that was (or would be) authorized.
    pub resource: String,
    /// The request context.
    pub context: Context,
    /// The IAM trace.
    pub evaluation: Option<Evaluation>,
    /// Validation problems.
    pub violations: Vec<Violation>,
    /// The fault, for SWF faults and denials.
    pub fault: Option<Fault>,
    /// The new run's id.
    pub run_id: Option<String>,
    /// The started event.
    pub event: Option<StartedEvent>,
    /// Where each resolved setting came from.
    pub settings: Vec<(&'static str, SettingSource)>,
    /// Facts about the world that shaped the answer.
    pub notes: Vec<String>,
    /// The inputs swfsim supplied by default that a denial was decided with (empty unless
    /// IAM denied the call).
    pub defaults: Vec<DefaultInput>,
}

/// An input of the call that none was given for, whose default a denial was decided with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultInput {
    /// The caller is swfsim's default caller (this ARN).
    Principal(String),
    /// The region is swfsim's default region (this one).
    Region(String),
    /// The domain's account is the caller's (this one): no world gives an `account`.
    Account(String),
}
