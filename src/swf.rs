//! The SWF side: the world a call meets, request validation, and the start itself.
//!
//! [`simulate`] runs a call the way CONTRACT.md orders it: request validation
//! (`ValidationException`), IAM authorization (`OPERATION_NOT_PERMITTED`), domain exists, domain
//! not deprecated, type exists, type not deprecated (`UnknownResourceFault`,
//! `TypeDeprecatedFault`), defaults (`DefaultUndefinedFault`, in the order
//! executionStartToCloseTimeout, taskList, taskStartToCloseTimeout, childPolicy), the
//! open-execution limit (`LimitExceededFault`), the open `workflowId`
//! (`WorkflowExecutionAlreadyStartedFault`). Without a world it stops after authorization.

mod defaults;
mod faults;
mod index;
mod outcome;
mod run_id;
mod start;
mod validate;
mod values;
mod world;
mod world_json;

pub use outcome::{Fault, Outcome, SettingSource, SimResult, StartedEvent, TaskListName};
pub use run_id::RunIds;
pub use start::{simulate, simulate_planned, simulate_with};
pub use validate::{validate, validation_message, Violation};
pub use values::{duration_problem, name_problem, swf_len, CHILD_POLICIES, ONE_YEAR};
pub use world::{Domain, Execution, Limits, Status, WorkflowType, World};

#[cfg(test)]
mod tests;
