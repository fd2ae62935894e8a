//! The SWF side: the world a call meets, request validation, and the start itself.
//!
//! [`simulate`] runs a call in the order `docs/contract.md` gives: request validation
//! (`ValidationException`), IAM authorization (`OPERATION_NOT_PERMITTED`), domain exists, domain
//! not deprecated, type exists, type not deprecated (`UnknownResourceFault`,
//! `TypeDeprecatedFault`), defaults (`DefaultUndefinedFault`, in the order
//! executionStartToCloseTimeout, taskList, taskStartToCloseTimeout, childPolicy), the
//! open-execution limit (`LimitExceededFault`), the open `workflowId`
//! (`WorkflowExecutionAlreadyStartedFault`). Without a world it stops after authorization.

// What SWF accepts as a name, a length, a duration, a child policy, a priority.
mod values;
// The SWF state a call meets, and its indexes.
mod world;
// Finding a world's texts in constant time.
mod index;
// Reading a world file.
mod world_json;
// Request validation.
mod validate;
// What a simulated call returns.
mod outcome;
// New executions' `runId`s.
mod run_id;
// The call, step by step.
mod start;
// The faults the world decides.
mod faults;
// The settings a start resolves.
mod defaults;

pub use outcome::{
    DefaultInput, Fault, Outcome, SettingSource, SimResult, StartedEvent, TaskListName,
};
pub use run_id::RunIds;
pub use start::{simulate, simulate_planned, simulate_with};
pub use validate::Violation;
pub use values::{duration_problem, name_char, name_problem, swf_len, CHILD_POLICIES, ONE_YEAR};
pub use world::{Domain, Execution, Limits, Status, WorkflowType, World};

#[cfg(test)]
mod tests;
