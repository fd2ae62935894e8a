//! swfsim: will this Amazon SWF `StartWorkflowExecution` call succeed, and if not, why?
//!
//! Modules in dependency order; each uses only those above it.
#![warn(missing_docs)]

pub mod arn;
pub mod cli;
pub mod condition;
pub mod eval;
pub mod json;
pub mod lint;
pub mod output;
pub mod pattern;
pub mod policy;
pub mod request;
pub mod source;
pub mod swf;
