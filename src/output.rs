//! Renderers: the library returns typed data, and only this module turns it into words. One
//! file a format: `simulate`'s answer as text (`text`) and as JSON (`json`, whose wire format
//! docs/wire-format.md describes), `lint`'s reports (`lint`, `sarif`), `check` and `diff`
//! ([`analysis`]), and located problems in the one form every report uses (`diagnostic`). The
//! sentences they share are in `explanation`, which statements a full explanation lists in
//! `shown`, the `to fix` advice in `fix`, and what would settle an unknown answer in `settle`.
//! Text for a terminal shows the input's control characters escaped (`escape`); sentences in
//! JSON quote in single quotes rather than backticks (`plain`).

pub mod analysis;
mod diagnostic;
mod escape;
mod explanation;
mod fix;
mod json;
mod lint;
mod plain;
mod sarif;
mod settle;
mod shown;
mod text;

pub use diagnostic::{diagnostic, diagnostic_line};
pub use escape::escape_controls;
pub use explanation::{condition_sentence, deciding, location, summary};
pub use fix::fix_hint;
pub use json::{
    append_sim_json_line, input_error_json_line, sim_json, sim_json_line, sim_json_line_cached,
    RenderCache,
};
pub use lint::{lint_json, lint_note, lint_text, rules_json, rules_text, LintRow};
pub use plain::plain;
pub use sarif::lint_sarif;
pub use settle::unknown_error;
pub use shown::MAX_NEAR_MISSES;
pub use text::sim_text;
