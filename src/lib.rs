//! swfsim: will this Amazon SWF `StartWorkflowExecution` call succeed, and if not, why?
//!
//! Modules in dependency order; each uses only those above it.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod source;
pub mod hash;
pub mod json;
pub mod pattern;
pub mod arn;
pub mod keys;
pub mod policy;
pub mod condition;
pub mod request;
pub mod eval;
pub mod swf;
pub mod analysis;
pub mod lint;
pub mod batch;
pub mod output;
