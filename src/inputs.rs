//! Where users' policies really live, read into what the evaluator takes: an account's
//! authorization details export, and an organization's SCP and RCP levels.

pub mod account;
pub mod document;
pub mod export;
pub mod managed;
pub mod org;
