//! Inputs swfsim reads beyond policy files: the AWS managed policies it ships.

pub mod managed;
