//! `lint --account-details` and `lint --org`: every policy an account export or org file holds,
//! linted where it stands in the file (a document written percent-encoded or as JSON text is
//! decoded, and its findings carried back to the export's lines and columns).

use super::lint::{invalid_json_at, unsuppressed, File};
use super::load::read_file;
use super::stdin;
use std::path::{Path, PathBuf};
use swfsim::inputs::account::{self, Document};
use swfsim::inputs::{export, org};
use swfsim::lint::Reported;
use swfsim::policy::PolicyKind;
use swfsim::request::InputError;
use swfsim::source::{SourceId, SourceMap};

/// Which kind of file.
#[derive(Clone, Copy)]
pub enum Holder {
    /// `--account-details`.
    Account,
    /// `--org`.
    Org,
}

impl File<'_> {
    /// Lints every policy of one export or org file; whether the file could be read as one.
    pub(super) fn lint_holder(
        &self,
        path: &Path,
        holder: Holder,
        sources: &mut SourceMap,
        reports: &mut Vec<(SourceId, Vec<Reported>)>,
    ) -> bool {
        let shown = PathBuf::from(stdin::display(path));
        let text = match read_file(path) {
            Ok(t) => t,
            Err(e) => {
                let id = sources.add(shown.display().to_string(), String::new());
                let message = e.0.first().cloned().unwrap_or_default();
                let findings = invalid_json_at(
                    message,
                    0,
                    "check that the path exists and that swfsim may read it",
                );
                reports.push((id, findings.into_iter().map(unsuppressed).collect()));
                return false;
            }
        };
        let text: std::sync::Arc<str> = text.into();
        let id = sources.add(shown.display().to_string(), text.clone());
        let documents = match holder {
            Holder::Account => export::read(&text).and_then(|x| {
                let (docs, errors) = account::every_document(&x, &text);
                let docs = docs.into_iter().map(|(d, boundary)| {
                    (
                        d,
                        if boundary {
                            PolicyKind::Boundary
                        } else {
                            PolicyKind::Identity
                        },
                    )
                });
                if errors.is_empty() {
                    Ok(docs.collect::<Vec<_>>())
                } else {
                    Err(errors)
                }
            }),
            Holder::Org => org::every_policy(&text).map(|docs| {
                (docs.into_iter())
                    .map(|(d, scp)| {
                        (
                            d,
                            if scp {
                                PolicyKind::Scp
                            } else {
                                PolicyKind::Rcp
                            },
                        )
                    })
                    .collect()
            }),
        };
        match documents {
            Ok(docs) => {
                reports.push((id, Vec::new()));
                for (d, kind) in docs {
                    reports.push(self.lint_document(id, &shown, &d, kind, sources));
                }
                true
            }
            Err(errors) => {
                reports.push((
                    id,
                    errors
                        .iter()
                        .flat_map(as_finding)
                        .map(unsuppressed)
                        .collect(),
                ));
                false
            }
        }
    }

    /// Lints one document read out of file `parent`.
    fn lint_document(
        &self,
        parent: SourceId,
        shown: &Path,
        d: &Document,
        kind: PolicyKind,
        sources: &mut SourceMap,
    ) -> (SourceId, Vec<Reported>) {
        let offsets = d.offsets.clone().unwrap_or_default();
        let id = sources.add_within(parent, d.label.as_str(), d.text.clone(), offsets);
        let findings = if self.select.is_empty() {
            Vec::new()
        } else {
            swfsim::lint::lint(&d.text, id, kind, self.select)
        };
        (id, self.settings.apply(self.cwd, shown, findings))
    }
}

/// An input error of the file as an SWF001 finding.
fn as_finding(e: &InputError) -> Vec<swfsim::lint::Finding> {
    let mut f = invalid_json_at(
        e.message.clone(),
        e.span.start as usize,
        e.help.as_deref().unwrap_or("see docs/account-details.md"),
    );
    for x in &mut f {
        x.span = e.span;
    }
    f
}
