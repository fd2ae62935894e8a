//! Renderers: the library returns typed data, and only this module turns it into words. One
//! file a format: `simulate`'s answer as text (`text`) and as JSON (`json`, whose wire format
//! docs/wire-format.md describes), `lint`'s reports (`lint`, `sarif`), `check` and `diff`
//! ([`analysis`]), and located problems in the one form every report uses (`diagnostic`). For
//! CI, `lint`, `simulate` and `check` answers become a [`Report`] (`report`), written as GitHub
//! workflow commands (`github`), JUnit XML (`junit`) or Markdown (`markdown`), and so does a
//! run that could not answer (`refused`). The sentences they share are in `explanation`, which
//! statements a full explanation lists in `shown`, the `to fix` advice in `fix`, and what
//! would settle an unknown answer in `settle`. Text for a terminal shows the input's control
//! characters escaped (`escape`) and may be coloured (`paint`); sentences in JSON quote in
//! single quotes rather than backticks (`plain`).

pub mod analysis;
mod batch_text;
mod diagnostic;
mod escape;
mod explanation;
mod fix;
mod github;
mod json;
mod junit;
mod lint;
mod markdown;
mod paint;
mod plain;
mod refused;
mod report;
mod sarif;
mod sarif_limits;
mod settle;
mod shown;
mod text;
mod whocan;

pub use batch_text::{
    batch_explanation, batch_input_error_line, batch_summary, batch_verdict_line,
};
pub use diagnostic::{diagnostic, diagnostic_line};
pub use escape::{escape_controls, escape_lines};
pub use explanation::{condition_sentence, deciding, location, summary};
pub use fix::fix_hint;
pub use github::github;
pub use json::{
    append_sim_json_line, batch_json_line, input_error_json_line, sim_json, sim_json_line,
    sim_json_line_cached, LinePlace, RenderCache,
};
pub use junit::junit;
pub use lint::{lint_json, lint_note, lint_text, rules_json, rules_text, LintRow};
pub use markdown::markdown;
pub use paint::{message_level, paint_line};
pub use plain::plain;
pub use report::{Case, Entry, Level, Mark, Place, Report, RequestRow};
pub use sarif::{lint_sarif, sarif_limits};
pub use settle::unknown_error;
pub use shown::MAX_NEAR_MISSES;
pub use text::sim_text;
pub use whocan::{Unanswered, WhoCanAnswer, WhoCanRow, WhoCanWriter};
