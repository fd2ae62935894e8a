//! The `StartWorkflowExecution` input and the request context it yields.
//!
//! The request is read exactly as the SWF API takes it (member names of the API). A member of the
//! wrong JSON type, or one the API does not have, is an input error with its place; a missing or
//! out-of-range member is not (SWF answers it with a `ValidationException`, see `swf`).
//!
//! The context holds every condition key of the call with its values and where each came from:
//! the request, the workflow type's defaults, the world, the principal, the command line, or a
//! documented default.
//!
//! One concern a file:
//! - `error`: the input error every reader returns;
//! - `start`: the call's members and their parsing;
//! - `principal`: the caller's ARN and what it says;
//! - `user_keys`: context keys the user gives, and their checks;
//! - `caller`: the keys AWS derives from the caller;
//! - `context`: the request context (its store, its entries, its lookups);
//! - `call`: everything about the call that is not the request;
//! - `build`: the context of a call, built from the request, the call and the world;
//! - `call_keys`: a call's keys, built once and copied into each of its requests' contexts;
//! - `line`: a batch line to a request and a call;
//! - `time`: the clock's text.

mod build;
mod call;
mod call_keys;
mod caller;
mod context;
mod error;
mod line;
mod principal;
mod start;
mod time;
mod user_keys;

pub use build::{build_context, build_context_with, WorldFacts};
pub use call::CallInputs;
pub use call_keys::CallKeys;
pub use caller::{
    check_caller_keys, member, temporary, CallerFacts, Credentials, Defaulted, Organization,
};
pub use context::{CallShared, Context, ContextEntry, ContextValues, ValueSource};
pub use error::InputError;
pub use line::{CaseId, CaseReader, ReadCase};
pub use principal::{Principal, PrincipalType, DEFAULT_PRINCIPAL, SSO_ROLE_PATH};
pub use start::{members, opt_string, StartRequest, WorkflowTypeRef};
pub use time::format_time;
pub use user_keys::{
    check_context_value, check_world_key, context_from_json, starts_with_ignore_case,
    validate_user_key, UserKey,
};

/// The action this tool decides.
pub const ACTION: &str = "swf:StartWorkflowExecution";
