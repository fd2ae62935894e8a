//! The linter: what is wrong or dangerous in a policy, with stable codes and exact places.
//!
//! Every rule is one file in `lint/rules/`: its doc comment is its documentation, in a fixed
//! template (what it does, why it matters, an example, what to write instead, references; see
//! [`rule_doc`]), and its code holds its severity and its check. Parse errors
//! are rules too (`SWF001`–`SWF018`), so a policy IAM would refuse is a finding at the place where
//! reading stopped, never a crash. `swfsim rules` lists the rules, `swfsim explain CODE` prints one.

use crate::condition::{compile_statement, CompiledCondition};
use crate::json;
use crate::policy::{self, Lowered, PolicyDocument, PolicyError, PolicyKind, Statement};
use crate::source::{SourceId, Span};

pub mod domain_arn;
pub mod rule_doc;
pub mod rules;
pub mod swf_data;

use std::sync::LazyLock;

/// How bad a finding is. Ranked error > security-warning > warning > suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a thought.
    Suggestion,
    /// Probably not what was meant.
    Warning,
    /// Grants more than it seems to.
    SecurityWarning,
    /// IAM would refuse it, or it cannot mean anything.
    Error,
}

impl Severity {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// A rule's documentation and identity, read from its file's doc comment ([`rule_doc`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMeta<'a> {
    /// Stable code, `SWFnnn`.
    pub code: &'a str,
    /// Stable kebab-case name.
    pub name: &'a str,
    /// Severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'a str,
    /// "What it does", one line a paragraph.
    pub what: String,
    /// "Why is this bad?", one line a paragraph.
    pub why: String,
    /// The kind of policy the example and what to write instead are, when the doc names one
    /// ([`rule_doc::kind_line`]); otherwise they are identity-based policies.
    pub kind: Option<PolicyKind>,
    /// An example that triggers the rule; empty when the rule has none.
    pub example: String,
    /// What to write instead; empty when the rule has no example.
    pub instead: String,
    /// Sources (AWS documentation, Access Analyzer check names).
    pub references: Vec<String>,
}

impl RuleMeta<'static> {
    /// The metadata of the rule in the file at `path` whose text is `file`.
    ///
    /// # Panics
    ///
    /// When the file's doc comment does not fit the template; a test reads every rule file.
    pub fn from_file(path: &str, file: &'static str, severity: Severity) -> Self {
        rule_doc::parse(file, severity).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

impl RuleMeta<'_> {
    /// The explanation as Markdown (also SARIF's `help.markdown`).
    pub fn explain(&self) -> String {
        let mut s = format!(
            "# {} ({})\n\nSeverity: {}\n\n{}\n\n## What it does\n\n{}\n\n## Why is this bad?\n\n{}\n",
            self.code,
            self.name,
            self.severity.as_str(),
            self.summary,
            self.what,
            self.why
        );
        if !self.example.is_empty() {
            s.push_str("\n## Example\n\n");
            if let Some(kind) = self.kind {
                s.push_str(&format!("{}\n\n", rule_doc::kind_line(kind)));
            }
            s.push_str(&format!("```json\n{}\n```\n", self.example));
        }
        if !self.instead.is_empty() {
            s.push_str(&format!(
                "\nUse instead:\n\n```json\n{}\n```\n",
                self.instead
            ));
        }
        if !self.references.is_empty() {
            s.push_str("\n## References\n\n");
            for r in &self.references {
                s.push_str(&format!("- {r}\n"));
            }
        }
        s
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// Where.
    pub span: Span,
    /// The JSON path of the element (`Statement[0].Condition`).
    pub path: String,
    /// What to do.
    pub help: Option<String>,
}

/// What a rule sees: one file, read as far as it could be.
#[derive(Debug)]
pub struct LintContext<'a> {
    /// The file's text.
    pub text: &'a str,
    /// The policy type it is linted as.
    pub kind: PolicyKind,
    /// Lowered documents and lowering errors.
    pub lowered: Lowered,
    /// Per document, per statement: the compiled conditions.
    pub conditions: Vec<Vec<Vec<CompiledCondition>>>,
    /// Errors from compiling conditions (unknown operators).
    pub condition_errors: Vec<PolicyError>,
}

impl<'a> LintContext<'a> {
    /// Reads a file for linting.
    pub fn new(text: &'a str, source: SourceId, kind: PolicyKind) -> LintContext<'a> {
        // The tree is not kept: no rule reads it once the file is lowered, and it weighs as
        // much as the lowered statements.
        let lowered = match json::parse(text) {
            Ok(j) => policy::lower_file(&j, text, source, kind),
            Err(_) => policy::parse(text, source, kind),
        };
        let mut conditions = Vec::new();
        let mut condition_errors = Vec::new();
        for d in &lowered.documents {
            let mut per = Vec::new();
            for s in &d.statements {
                let (c, mut e) = compile_statement(s, d.variables_enabled(), &statement_path(d, s));
                for err in &mut e {
                    err.path = format!("{}{}", doc_prefix(d, kind), err.path);
                }
                condition_errors.append(&mut e);
                per.push(c);
            }
            conditions.push(per);
        }
        LintContext {
            text,
            kind,
            lowered,
            conditions,
            condition_errors,
        }
    }

    /// The lowered documents (and lowering errors), each statement's compiled conditions, and
    /// the errors compiling them, for a caller that evaluates the file it linted.
    pub fn into_parts(self) -> (Lowered, Vec<Vec<Vec<CompiledCondition>>>, Vec<PolicyError>) {
        (self.lowered, self.conditions, self.condition_errors)
    }

    /// Every statement with its document and compiled conditions.
    pub fn statements(
        &self,
    ) -> impl Iterator<Item = (&PolicyDocument, &Statement, &[CompiledCondition])> {
        self.lowered
            .documents
            .iter()
            .zip(&self.conditions)
            .flat_map(|(d, cs)| {
                d.statements
                    .iter()
                    .zip(cs)
                    .map(move |(s, c)| (d, s, c.as_slice()))
            })
    }

    /// The JSON path of a statement, with the document prefix for arrays of documents.
    pub fn path(&self, d: &PolicyDocument, s: &Statement) -> String {
        format!("{}{}", doc_prefix(d, self.kind), statement_path(d, s))
    }
}

fn doc_prefix(d: &PolicyDocument, kind: PolicyKind) -> String {
    // Lowering writes `[i].` for documents of an array; keep the same convention.
    if kind.allows_document_array() && d.index > 0 {
        format!("[{}].", d.index)
    } else {
        String::new()
    }
}

fn statement_path(d: &PolicyDocument, s: &Statement) -> String {
    if d.statement_is_object {
        "Statement".to_string()
    } else {
        format!("Statement[{}]", s.index)
    }
}

/// A rule: its metadata and its check.
pub struct Rule {
    /// Documentation and identity, read from the rule's file when first asked for.
    pub meta: &'static LazyLock<RuleMeta<'static>>,
    /// Reports findings for one file.
    pub check: fn(&LintContext<'_>, &mut Findings<'_>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta.code)
    }
}

/// Where a rule's check reports: every finding carries the rule's code and severity.
#[derive(Debug)]
pub struct Findings<'a> {
    rule: &'a RuleMeta<'static>,
    out: &'a mut Vec<Finding>,
}

impl Findings<'_> {
    /// Reports a finding of the rule at `span`.
    pub fn push(&mut self, message: String, span: Span, path: String, help: Option<String>) {
        self.out.push(finding(self.rule, message, span, path, help));
    }

    /// The rule being checked.
    pub fn rule(&self) -> &RuleMeta<'static> {
        self.rule
    }
}

/// The rule of a code (case-insensitive), or of a name.
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules::ALL.iter().find(|r| names(code, r))
}

/// Emits a finding of `meta` at `span`.
pub fn finding(
    meta: &RuleMeta<'static>,
    message: String,
    span: Span,
    path: String,
    help: Option<String>,
) -> Finding {
    Finding {
        code: meta.code,
        severity: meta.severity,
        message,
        span,
        path,
        help,
    }
}

/// A rule turned off for some files, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Suppression {
    /// The rule's code (or its name).
    pub code: String,
    /// A glob over file paths (`*` and `?`; `*` crosses `/`).
    pub files: String,
    /// Why; required.
    pub reason: String,
}

/// A finding with whether a suppression covers it.
#[derive(Clone, Debug)]
pub struct Reported {
    /// The finding.
    pub finding: Finding,
    /// The reason it is suppressed, if it is.
    pub suppressed: Option<String>,
    /// Which of the suppressions given covers it (its place in the list).
    pub suppressed_by: Option<usize>,
}

/// Lints one file with the selected rules (all when `select` is empty).
pub fn lint(text: &str, source: SourceId, kind: PolicyKind, select: &[&str]) -> Vec<Finding> {
    check(&LintContext::new(text, source, kind), select)
}

/// Whether `selector` (a code, in any case, or a kebab-case name) names `r`.
fn names(selector: &str, r: &Rule) -> bool {
    selector.eq_ignore_ascii_case(r.meta.code) || selector == r.meta.name
}

/// Lints a file read into `cx` with the selected rules, each named by its code or its name (all
/// when `select` is empty).
pub fn check(cx: &LintContext<'_>, select: &[&str]) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in rules::ALL {
        if select.is_empty() || select.iter().any(|c| names(c, r)) {
            let mut findings = Findings {
                rule: r.meta,
                out: &mut out,
            };
            (r.check)(cx, &mut findings);
        }
    }
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
    out.dedup();
    out
}

/// Applies suppressions to the findings of a file: a finding is covered by the first suppression
/// of its rule whose glob matches `file`.
pub fn apply_suppressions(
    file: &str,
    findings: Vec<Finding>,
    suppressions: &[Suppression],
) -> Vec<Reported> {
    apply_suppressions_where(findings, suppressions, |_, s| {
        crate::pattern::Pattern::wildcard(&s.files, false).matches(file)
    })
}

/// Applies suppressions to the findings of a file, `covers` saying which suppressions (by place
/// and value) cover the file: for globs matched against different paths of the same file (each
/// relative to the folder its suppression was written for).
pub fn apply_suppressions_where(
    findings: Vec<Finding>,
    suppressions: &[Suppression],
    covers: impl Fn(usize, &Suppression) -> bool,
) -> Vec<Reported> {
    // Each suppression's rule and glob, decided once for the file: its place and rule code.
    let here: Vec<(usize, &str)> = (suppressions.iter().enumerate())
        .filter_map(|(i, s)| {
            let code = rule(&s.code)?.meta.code;
            covers(i, s).then_some((i, code))
        })
        .collect();
    findings
        .into_iter()
        .map(|f| {
            let by = here.iter().find(|(_, c)| *c == f.code).map(|&(i, _)| i);
            Reported {
                suppressed: by.map(|i| suppressions[i].reason.clone()),
                suppressed_by: by,
                finding: f,
            }
        })
        .collect()
}
