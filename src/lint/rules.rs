//! The rules, one per file, and the one table that registers them.
//!
//! A rule file is its documentation and its check: the file's `//!` doc comment, in the template
//! [`rule_doc`](super::rule_doc) reads, is what `swfsim explain` prints; `SEVERITY` and `check`
//! are Rust. The file is named after the rule's code and name (`swf001_invalid_json.rs`), and
//! `rules!` below declares its module and adds it to [`ALL`].

use std::sync::LazyLock;

mod shared;
pub use shared::*;

/// Declares each rule module and registers it in [`ALL`], in the order given. A rule's
/// metadata is read from its file's doc comment (`include_str!` of the file) the first time it
/// is asked for.
macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every rule, in code order.
        pub static ALL: &[Rule] = &[$(
            Rule {
                meta: {
                    static META: LazyLock<RuleMeta<'static>> = LazyLock::new(|| {
                        RuleMeta::from_file(
                            concat!("src/lint/rules/", stringify!($module), ".rs"),
                            include_str!(concat!("rules/", stringify!($module), ".rs")),
                            $module::SEVERITY,
                        )
                    });
                    &META
                },
                check: $module::check,
            }
        ),*];
    };
}

rules! {
    swf001_invalid_json,
    swf002_duplicate_key,
    swf003_unknown_element,
    swf004_wrong_type,
    swf005_missing_element,
    swf006_invalid_effect,
    swf007_invalid_version,
    swf008_conflicting_elements,
    swf009_principal_not_allowed,
    swf010_invalid_action_format,
    swf011_invalid_resource_format,
    swf012_invalid_sid,
    swf013_duplicate_sid,
    swf014_unknown_operator,
    swf015_duplicate_condition_key_case,
    swf016_invalid_condition_key_format,
    swf017_invalid_principal,
    swf018_unclosed_variable,
    swf101_condition_value_type,
    swf102_variable_unsupported_in_element,
    swf103_variable_without_version,
    swf104_missing_qualifier,
    swf105_multivalued_variable,
    swf201_unknown_swf_action,
    swf202_unknown_swf_condition_key,
    swf203_key_not_supported_by_action,
    swf204_domain_arn_without_slash,
    swf205_domain_arn_empty_region,
    swf206_arn_uppercase_segment,
    swf207_domain_arn_never_matches,
    swf208_set_operator_on_single_valued_key,
    swf209_tag_key_never_present,
    swf301_allow_with_not_action,
    swf302_allow_with_not_resource,
    swf303_allow_all_swf,
    swf304_first_tag_only,
    swf305_allow_on_missing_key,
    swf306_forallvalues_allow_on_missing_key,
    swf307_string_like_on_arn_key,
    swf401_missing_version,
    swf402_redundant_action,
    swf403_redundant_resource,
    swf404_statement_never_applies,
    swf405_policy_size_over_quota,
    swf406_wildcard_without_like,
    swf407_operator_type_mismatch,
    swf408_equivalent_to_null_false,
}
