//! The policy model and its lowering from JSON.
//!
//! Lowering walks the whole document and collects every problem, with its span, before it gives
//! up: a user sees all of them at once. Anything IAM itself would refuse (unknown or mis-cased
//! element names, a bad `Effect` or `Version`, duplicate keys, a `Principal` where the policy type
//! has none, a malformed action or resource) is an error. Condition operators and values are kept
//! as written here and typed by `condition`.

use crate::arn::ArnPattern;
use crate::json::{self, Json, JsonErrorKind, JsonValue, Member};
use crate::source::{SourceId, Span, Spanned};

/// The kind of policy a file holds; it decides which elements are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// An identity-based policy (user, group, role; inline or managed).
    Identity,
    /// A permissions boundary.
    Boundary,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
    /// A session policy.
    Session,
}

impl PolicyKind {
    /// Words for a person: `identity-based policy`, ...
    pub fn describe(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity-based policy",
            PolicyKind::Boundary => "permissions boundary",
            PolicyKind::Scp => "service control policy",
            PolicyKind::Rcp => "resource control policy",
            PolicyKind::Session => "session policy",
        }
    }

    /// [`describe`](Self::describe) with its article: `an identity-based policy`, ...
    pub fn with_article(self) -> &'static str {
        match self {
            PolicyKind::Identity => "an identity-based policy",
            PolicyKind::Boundary => "a permissions boundary",
            PolicyKind::Scp => "a service control policy",
            PolicyKind::Rcp => "a resource control policy",
            PolicyKind::Session => "a session policy",
        }
    }

    /// Whether a file of this kind may hold a JSON array of documents (one level of SCPs/RCPs).
    pub fn allows_document_array(self) -> bool {
        matches!(self, PolicyKind::Scp | PolicyKind::Rcp)
    }
}

/// The policy language version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Version {
    /// `2012-10-17`: policy variables are substituted.
    #[serde(rename = "2012-10-17")]
    V2012_10_17,
    /// `2008-10-17`: variables are literal text.
    #[serde(rename = "2008-10-17")]
    V2008_10_17,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Effect {
    /// `Allow`
    Allow,
    /// `Deny`
    Deny,
}

/// One policy document.
#[derive(Clone, Debug)]
pub struct PolicyDocument {
    /// The file it came from.
    pub source: SourceId,
    /// What kind of policy it is.
    pub kind: PolicyKind,
    /// Its position in the file (0 unless the file is an array of documents).
    pub index: usize,
    /// `Version`, if present.
    pub version: Option<Spanned<Version>>,
    /// `Id`, if present.
    pub id: Option<Spanned<String>>,
    /// The statements, in order.
    pub statements: Vec<Statement>,
    /// Whether `Statement` was a single object rather than an array.
    pub statement_is_object: bool,
    /// The whole document.
    pub span: Span,
}

impl PolicyDocument {
    /// Whether policy variables are substituted (only with `Version` 2012-10-17).
    pub fn variables_enabled(&self) -> bool {
        matches!(
            self.version.as_ref().map(|v| v.node),
            Some(Version::V2012_10_17)
        )
    }
}

/// One statement.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Index in the document's `Statement` list.
    pub index: usize,
    /// `Sid`, if present.
    pub sid: Option<Spanned<String>>,
    /// `Effect`.
    pub effect: Spanned<Effect>,
    /// `Principal` or `NotPrincipal` (resource control policies only).
    pub principal: Option<Principal>,
    /// `Action` or `NotAction`.
    pub action: Spanned<ActionList>,
    /// `Resource` or `NotResource`.
    pub resource: Option<Spanned<ResourceList>>,
    /// `Condition`, one block per operator, in order.
    pub conditions: Vec<ConditionBlock>,
    /// The span of the `Condition` element.
    pub condition_span: Option<Span>,
    /// The whole statement.
    pub span: Span,
}

/// `Action` or `NotAction`.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionList {
    /// True for `NotAction`.
    pub negated: bool,
    /// The patterns as written (`*` or `service:name`, wildcards allowed).
    pub items: Vec<Spanned<String>>,
}

/// `Resource` or `NotResource`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceList {
    /// True for `NotResource`.
    pub negated: bool,
    /// The patterns.
    pub items: Vec<Spanned<ResourceItem>>,
}

/// One resource pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceItem {
    /// `"*"`: every resource.
    Any,
    /// An ARN pattern.
    Arn(ArnPattern),
}

/// `Principal` / `NotPrincipal` of a resource control policy.
#[derive(Clone, Debug)]
pub struct Principal {
    /// True for `NotPrincipal`.
    pub negated: bool,
    /// `"*"` or `{"AWS": "*"}`.
    pub any: bool,
    /// `AWS` principals: account ids, account root ARNs, user or role ARNs.
    pub aws: Vec<Spanned<String>>,
}

/// One operator block of a `Condition`.
#[derive(Clone, Debug)]
pub struct ConditionBlock {
    /// The operator name as written (`StringEquals`, `ForAnyValue:StringLikeIfExists`, ...).
    pub operator: Spanned<String>,
    /// The keys under it.
    pub entries: Vec<ConditionEntry>,
}

/// One `"key": value(s)` entry of a condition block.
#[derive(Clone, Debug)]
pub struct ConditionEntry {
    /// The key as written.
    pub key: Spanned<String>,
    /// The values.
    pub values: Vec<Spanned<Scalar>>,
    /// Span of the value or value array.
    pub values_span: Span,
}

/// How a condition value was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// A JSON string.
    String,
    /// An unquoted JSON number.
    Number,
    /// An unquoted JSON boolean.
    Bool,
}

/// A condition value as text, with how it was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scalar {
    /// The text (numbers as written, booleans as `true`/`false`).
    pub text: String,
    /// Its JSON kind.
    pub kind: ScalarKind,
}

/// Equality that skips the named span fields: layout never changes what a policy means.
macro_rules! eq_ignoring_spans {
    ($t:ty { $($f:ident),* }) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$f == other.$f)*
            }
        }
    };
}

eq_ignoring_spans!(PolicyDocument {
    source,
    kind,
    index,
    version,
    id,
    statements,
    statement_is_object
});
eq_ignoring_spans!(Statement {
    index,
    sid,
    effect,
    principal,
    action,
    resource,
    conditions
});
eq_ignoring_spans!(Principal { negated, any, aws });
eq_ignoring_spans!(ConditionBlock { operator, entries });
eq_ignoring_spans!(ConditionEntry { key, values });

/// What is wrong with a policy document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    /// The text is not JSON.
    #[error("invalid JSON: {0}")]
    Json(JsonErrorKind),
    /// An object holds the same key twice.
    #[error("duplicate key `{key}`")]
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// An element name IAM does not know (names are case-sensitive).
    #[error("unknown element `{name}` in {place}")]
    UnknownElement {
        /// The name as written.
        name: String,
        /// `the policy`, `a statement`.
        place: &'static str,
    },
    /// An element of the wrong JSON type.
    #[error("`{element}` must be {expected}, found {found}")]
    WrongType {
        /// The element.
        element: String,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// A required element is missing.
    #[error("missing `{element}` in {place}")]
    Missing {
        /// The element (`Statement`, `Effect`, `Action` or `NotAction`, ...).
        element: &'static str,
        /// Where.
        place: &'static str,
    },
    /// `Effect` is not `Allow` or `Deny`.
    #[error("invalid `Effect` value `{0}`")]
    BadEffect(String),
    /// `Version` is not one of the two versions.
    #[error("invalid `Version` value `{0}`")]
    BadVersion(String),
    /// Two elements that exclude each other.
    #[error("`{0}` and `{1}` cannot both appear in a statement")]
    Conflict(&'static str, &'static str),
    /// `Principal` where the policy type has none.
    #[error("{} must not specify `{element}`", kind.with_article())]
    PrincipalNotAllowed {
        /// The policy type.
        kind: PolicyKind,
        /// `Principal` or `NotPrincipal`.
        element: &'static str,
    },
    /// An action that is not `*` or `service:name`.
    #[error("invalid action `{0}`")]
    BadAction(String),
    /// A resource that is not `*` or an ARN.
    #[error("resource `{0}` must be in ARN format or `*`")]
    BadResource(String),
    /// A `Sid` with characters other than ASCII letters and digits.
    #[error("`Sid` `{0}` is not alphanumeric")]
    BadSid(String),
    /// The same `Sid` twice in one policy.
    #[error("duplicate `Sid` `{0}`")]
    DuplicateSid(String),
    /// An operator name IAM does not know.
    #[error("unknown condition operator `{0}`")]
    UnknownOperator(String),
    /// Two condition keys under one operator that differ only in case.
    #[error("condition keys `{0}` and `{1}` differ only in case")]
    DuplicateKeyCase(String, String),
    /// A condition key without a `prefix:` part.
    #[error("invalid condition key `{0}`")]
    BadConditionKey(String),
    /// A principal value IAM does not accept.
    #[error("invalid principal `{0}`")]
    BadPrincipal(String),
    /// `Action`, `NotAction`, `Resource`, `NotResource` or a condition key given `[]`.
    #[error("`{0}` is an empty list")]
    EmptyList(String),
    /// A `${` that no `}` closes, where policy variables are read.
    #[error("`{0}` opens a policy variable with `${{` that is never closed")]
    UnclosedVariable(String),
}

impl PolicyErrorKind {
    /// The stable code of this kind of error (shared with the linter).
    pub fn code(&self) -> &'static str {
        match self {
            PolicyErrorKind::Json(_) => "SWF001",
            PolicyErrorKind::DuplicateKey { .. } => "SWF002",
            PolicyErrorKind::UnknownElement { .. } => "SWF003",
            PolicyErrorKind::WrongType { .. } => "SWF004",
            PolicyErrorKind::Missing { .. } => "SWF005",
            PolicyErrorKind::BadEffect(_) => "SWF006",
            PolicyErrorKind::BadVersion(_) => "SWF007",
            PolicyErrorKind::Conflict(..) => "SWF008",
            PolicyErrorKind::PrincipalNotAllowed { .. } => "SWF009",
            PolicyErrorKind::BadAction(_) => "SWF010",
            PolicyErrorKind::BadResource(_) => "SWF011",
            PolicyErrorKind::BadSid(_) => "SWF012",
            PolicyErrorKind::DuplicateSid(_) => "SWF013",
            PolicyErrorKind::UnknownOperator(_) => "SWF014",
            PolicyErrorKind::DuplicateKeyCase(..) => "SWF015",
            PolicyErrorKind::BadConditionKey(_) => "SWF016",
            PolicyErrorKind::BadPrincipal(_) => "SWF017",
            PolicyErrorKind::EmptyList(_) => "SWF005",
            PolicyErrorKind::UnclosedVariable(_) => "SWF018",
        }
    }
}

/// A problem with its place and an optional hint.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct PolicyError {
    /// What is wrong.
    pub kind: PolicyErrorKind,
    /// Where.
    pub span: Span,
    /// The JSON path of the element (`Statement[0].Effect`).
    pub path: String,
    /// What to do about it.
    pub help: Option<String>,
}

/// The documents of one file and every problem found in it.
#[derive(Clone, Debug, Default)]
pub struct Lowered {
    /// The documents (possibly partial when there are errors).
    pub documents: Vec<PolicyDocument>,
    /// Every problem, in the order found.
    pub errors: Vec<PolicyError>,
}

/// Parses and lowers the text of one policy file.
pub fn parse(text: &str, source: SourceId, kind: PolicyKind) -> Lowered {
    match json::parse(text) {
        Ok(json) => lower_file(&json, text, source, kind),
        Err(e) => Lowered {
            documents: Vec::new(),
            errors: vec![PolicyError {
                help: looks_like_yaml(text, e.offset as usize).then(|| {
                    "policies are JSON; this text reads as YAML (`Key: value`): write it as JSON"
                        .to_string()
                }),
                kind: PolicyErrorKind::Json(e.kind),
                span: Span::new(e.offset as usize, e.offset as usize),
                path: String::new(),
            }],
        },
    }
}

/// Whether text that is not JSON, with reading stopped at byte `at`, is YAML: it stopped at or
/// before the first thing written (after blank and `#` comment lines), and that is a `---`
/// document marker or a `key:` mapping entry.
fn looks_like_yaml(text: &str, at: usize) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let mut offset = skipped;
    for line in body.split_inclusive('\n') {
        let content = line.trim_start();
        let first = offset + (line.len() - content.len());
        offset += line.len();
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if at > first {
            return false;
        }
        if content.starts_with("---") {
            return true;
        }
        let key_len = content
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(content.len());
        return key_len > 0 && content[key_len..].trim_start().starts_with(':');
    }
    false
}

/// For each member of an object, the first member before it whose key is the same but for
/// ASCII case, if any; linear in the members.
fn case_twins(members: &[Member]) -> Vec<Option<&Member>> {
    // By key in lower case: the first member, and the first after it spelled otherwise. The
    // first before a member spelled otherwise than it is one of the two.
    let mut seen: std::collections::HashMap<String, (&Member, Option<&Member>)> =
        std::collections::HashMap::with_capacity(members.len());
    members
        .iter()
        .map(|k| match seen.entry(k.key.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let (first, second) = e.get_mut();
                if first.key != k.key {
                    second.get_or_insert(k);
                    Some(*first)
                } else {
                    *second
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((k, None));
                None
            }
        })
        .collect()
}

/// Lowers a parsed file (`json`, read from `text`): one document, or (for SCP and RCP levels)
/// an array of documents.
pub fn lower_file(json: &Json, text: &str, source: SourceId, kind: PolicyKind) -> Lowered {
    let mut cx = Lowering {
        errors: Vec::new(),
        kind,
        text,
    };
    let mut documents = Vec::new();
    match &json.value {
        JsonValue::Array(items) if kind.allows_document_array() => {
            for (i, item) in items.iter().enumerate() {
                if let Some(d) = cx.document(item, source, i, &format!("[{i}]")) {
                    documents.push(d);
                }
            }
        }
        _ => {
            if let Some(d) = cx.document(json, source, 0, "") {
                documents.push(d);
            }
        }
    }
    Lowered {
        documents,
        errors: cx.errors,
    }
}

/// Edit distance, for "did you mean" hints.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate to `word` (case-insensitive equal first, then small edit distance).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(c);
    }
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (levenshtein(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

const TOP_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// What a statement's members give, as they are read.
#[derive(Default)]
struct StatementParts {
    sid: Option<Spanned<String>>,
    effect: Option<Spanned<Effect>>,
    principal: Option<Principal>,
    action: Option<Spanned<ActionList>>,
    resource: Option<Spanned<ResourceList>>,
    conditions: Vec<ConditionBlock>,
    condition_span: Option<Span>,
    /// `Action` or `NotAction`, whichever came first.
    seen_action: Option<&'static str>,
    /// `Resource` or `NotResource`, whichever came first.
    seen_resource: Option<&'static str>,
    /// `Principal` or `NotPrincipal`, whichever came first.
    seen_principal: Option<&'static str>,
}

struct Lowering<'t> {
    errors: Vec<PolicyError>,
    kind: PolicyKind,
    /// The file's text, for the line and column a help names.
    text: &'t str,
}

impl Lowering<'_> {
    fn error(&mut self, kind: PolicyErrorKind, span: Span, path: String, help: Option<String>) {
        self.errors.push(PolicyError {
            kind,
            span,
            path,
            help,
        });
    }

    fn wrong_type(&mut self, element: &str, expected: &'static str, found: &Json, path: String) {
        self.error(
            PolicyErrorKind::WrongType {
                element: element.to_string(),
                expected,
                found: found.kind_name(),
            },
            found.span,
            path,
            None,
        );
    }

    /// Reports duplicate keys of an object, each with where the first stands.
    fn duplicates(&mut self, members: &[Member], path: &str) {
        let mut lines = None;
        for (first, later) in json::duplicate_keys(members) {
            let lines = lines.get_or_insert_with(|| crate::source::LineIndex::new(self.text));
            let at = lines.line_col(self.text, first.key_span.start);
            self.error(
                PolicyErrorKind::DuplicateKey {
                    key: later.key.clone(),
                },
                later.key_span,
                join(path, &later.key),
                Some(format!(
                    "IAM's grammar forbids repeating a key; the first `{}` stands earlier in the same object, at line {}, column {}",
                    first.key, at.line, at.column
                )),
            );
        }
    }

    fn unknown_element(&mut self, m: &Member, place: &'static str, known: &[&str], path: &str) {
        let help = did_you_mean(&m.key, known).map(|s| {
            if s.eq_ignore_ascii_case(&m.key) {
                format!("element names are case-sensitive: write `{s}`")
            } else {
                format!("did you mean `{s}`?")
            }
        });
        self.error(
            PolicyErrorKind::UnknownElement {
                name: m.key.clone(),
                place,
            },
            m.key_span,
            join(path, &m.key),
            help,
        );
    }

    fn document(
        &mut self,
        json: &Json,
        source: SourceId,
        index: usize,
        path: &str,
    ) -> Option<PolicyDocument> {
        let Some(members) = json.as_object() else {
            let expected = if self.kind.allows_document_array() {
                "a policy object or an array of policy objects"
            } else {
                "a policy object"
            };
            self.wrong_type("policy", expected, json, path.to_string());
            return None;
        };
        self.duplicates(members, path);
        let mut id = None;
        let mut statements = Vec::new();
        let mut statement_is_object = false;
        let mut saw_statement = false;
        // Version first: it decides whether variables are substituted.
        let version = self.version(members, path);
        let variables = matches!(version.as_ref().map(|v| v.node), Some(Version::V2012_10_17));
        for m in members {
            match m.key.as_str() {
                "Version" => {}
                "Id" => match m.value.as_str() {
                    Some(s) => id = Some(Spanned::new(s.to_string(), m.value.span)),
                    None => self.wrong_type("Id", "a string", &m.value, join(path, "Id")),
                },
                "Statement" => {
                    saw_statement = true;
                    // A repeated `Statement` (an error of its own) adds its statements.
                    statement_is_object |= matches!(m.value.value, JsonValue::Object(_));
                    let more = self.statements(m, variables, path);
                    statements.extend(more);
                }
                _ => self.unknown_element(m, "the policy", TOP_ELEMENTS, path),
            }
        }
        if !saw_statement {
            self.error(
                PolicyErrorKind::Missing {
                    element: "Statement",
                    place: "the policy",
                },
                Span::new(json.span.start as usize, json.span.start as usize + 1),
                path.to_string(),
                None,
            );
        }
        self.check_sids(&statements, statement_is_object, path);
        // A compiled set keeps its documents: no room past their statements.
        statements.shrink_to_fit();
        Some(PolicyDocument {
            source,
            kind: self.kind,
            index,
            version,
            id,
            statements,
            statement_is_object,
            span: json.span,
        })
    }

    /// `Version`: `2012-10-17` or `2008-10-17`.
    fn version(&mut self, members: &[Member], path: &str) -> Option<Spanned<Version>> {
        let mut version = None;
        for m in members.iter().filter(|m| m.key == "Version") {
            match m.value.as_str() {
                Some("2012-10-17") => {
                    version = Some(Spanned::new(Version::V2012_10_17, m.value.span))
                }
                Some("2008-10-17") => {
                    version = Some(Spanned::new(Version::V2008_10_17, m.value.span))
                }
                Some(other) => self.error(
                    PolicyErrorKind::BadVersion(other.to_string()),
                    m.value.span,
                    join(path, "Version"),
                    Some("use `2012-10-17` (current) or `2008-10-17`".into()),
                ),
                None => self.wrong_type("Version", "a string", &m.value, join(path, "Version")),
            }
        }
        version
    }

    /// `Statement` (member `m`): one statement object, or an array of them.
    fn statements(&mut self, m: &Member, variables: bool, path: &str) -> Vec<Statement> {
        let spath = join(path, "Statement");
        match &m.value.value {
            JsonValue::Object(_) => self
                .statement(&m.value, 0, variables, &spath)
                .into_iter()
                .collect(),
            JsonValue::Array(items) => (items.iter().enumerate())
                .filter_map(|(i, item)| {
                    self.statement(item, i, variables, &format!("{spath}[{i}]"))
                })
                .collect(),
            _ => {
                let expected = "an object or an array of objects";
                self.wrong_type("Statement", expected, &m.value, spath);
                Vec::new()
            }
        }
    }

    /// Sids: alphanumeric and unique within the policy.
    fn check_sids(&mut self, statements: &[Statement], statement_is_object: bool, path: &str) {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for s in statements {
            let Some(sid) = &s.sid else {
                continue;
            };
            let spath = if statement_is_object {
                join(path, "Statement.Sid")
            } else {
                join(path, &format!("Statement[{}].Sid", s.index))
            };
            if !sid.node.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.error(
                    PolicyErrorKind::BadSid(sid.node.clone()),
                    sid.span,
                    spath.clone(),
                    Some("IAM accepts only `A-Z`, `a-z` and `0-9` in a Sid".into()),
                );
            }
            if !sid.node.is_empty() && !seen.insert(&sid.node) {
                self.error(
                    PolicyErrorKind::DuplicateSid(sid.node.clone()),
                    sid.span,
                    spath,
                    Some("Sids must be unique within a policy".into()),
                );
            }
        }
    }

    fn strings(&mut self, element: &str, json: &Json, path: &str) -> Vec<Spanned<String>> {
        match &json.value {
            JsonValue::String(s) => vec![Spanned::new(s.clone(), json.span)],
            JsonValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => out.push(Spanned::new(s.to_string(), item.span)),
                        None => self.wrong_type(element, "a string", item, format!("{path}[{i}]")),
                    }
                }
                out.shrink_to_fit();
                out
            }
            _ => {
                self.wrong_type(
                    element,
                    "a string or an array of strings",
                    json,
                    path.to_string(),
                );
                Vec::new()
            }
        }
    }

    fn statement(
        &mut self,
        json: &Json,
        index: usize,
        variables: bool,
        path: &str,
    ) -> Option<Statement> {
        let Some(members) = json.as_object() else {
            self.wrong_type("Statement", "an object", json, path.to_string());
            return None;
        };
        self.duplicates(members, path);
        let errors_before = self.errors.len();
        let mut parts = StatementParts::default();
        for m in members {
            let mpath = join(path, &m.key);
            match m.key.as_str() {
                "Sid" => match m.value.as_str() {
                    Some(s) => parts.sid = Some(Spanned::new(s.to_string(), m.value.span)),
                    None => self.wrong_type("Sid", "a string", &m.value, mpath),
                },
                "Effect" => self.effect(m, mpath, &mut parts),
                "Action" => self.action_element("Action", m, &mpath, &mut parts),
                "NotAction" => self.action_element("NotAction", m, &mpath, &mut parts),
                "Resource" => self.resource_element("Resource", m, &mpath, variables, &mut parts),
                "NotResource" => {
                    self.resource_element("NotResource", m, &mpath, variables, &mut parts)
                }
                "Principal" => self.principal_element("Principal", m, mpath, &mut parts),
                "NotPrincipal" => self.principal_element("NotPrincipal", m, mpath, &mut parts),
                "Condition" => {
                    parts.condition_span = Some(m.value.span);
                    parts.conditions = self.condition(&m.value, variables, &mpath);
                }
                _ => self.unknown_element(m, "a statement", STATEMENT_ELEMENTS, path),
            }
        }
        let open = Span::new(json.span.start as usize, json.span.start as usize + 1);
        self.missing_elements(&parts, open, path, errors_before);
        // A statement with errors is kept (its errors are recorded, so it is never evaluated):
        // later checks, such as condition operators, still see it and report their problems too.
        Some(Statement {
            index,
            sid: parts.sid,
            effect: parts.effect.unwrap_or(Spanned::new(Effect::Deny, open)),
            principal: parts.principal,
            action: parts.action.unwrap_or(Spanned::new(
                ActionList {
                    negated: false,
                    items: Vec::new(),
                },
                open,
            )),
            resource: parts.resource,
            conditions: parts.conditions,
            condition_span: parts.condition_span,
            span: json.span,
        })
    }

    /// `Effect`: `Allow` or `Deny`, case-sensitive.
    fn effect(&mut self, m: &Member, mpath: String, parts: &mut StatementParts) {
        match m.value.as_str() {
            Some("Allow") => parts.effect = Some(Spanned::new(Effect::Allow, m.value.span)),
            Some("Deny") => parts.effect = Some(Spanned::new(Effect::Deny, m.value.span)),
            Some(other) => {
                let help = did_you_mean(other, &["Allow", "Deny"])
                    .map(|s| format!("`Effect` is case-sensitive: write `{s}`"))
                    .or_else(|| Some("`Effect` must be `Allow` or `Deny`".into()));
                self.error(
                    PolicyErrorKind::BadEffect(other.to_string()),
                    m.value.span,
                    mpath,
                    help,
                );
            }
            None => self.wrong_type("Effect", "a string", &m.value, mpath),
        }
    }

    /// `Action` or `NotAction` (`name`): one of the two, a string or a list of them, each an
    /// action IAM can read.
    fn action_element(
        &mut self,
        name: &'static str,
        m: &Member,
        mpath: &str,
        parts: &mut StatementParts,
    ) {
        self.exclusive(
            &mut parts.seen_action,
            name,
            m,
            mpath,
            Some("a statement has either `Action` or `NotAction`"),
        );
        self.not_empty(name, &m.value, mpath);
        let items = self.strings(name, &m.value, mpath);
        for (i, it) in items.iter().enumerate() {
            self.check_action(it, &format!("{mpath}[{i}]"));
        }
        parts.action = Some(Spanned::new(
            ActionList {
                negated: name == "NotAction",
                items,
            },
            m.value.span,
        ));
    }

    /// `Resource` or `NotResource` (`name`): one of the two, `*` or ARN patterns.
    fn resource_element(
        &mut self,
        name: &'static str,
        m: &Member,
        mpath: &str,
        variables: bool,
        parts: &mut StatementParts,
    ) {
        self.exclusive(
            &mut parts.seen_resource,
            name,
            m,
            mpath,
            Some("a statement has either `Resource` or `NotResource`"),
        );
        self.not_empty(name, &m.value, mpath);
        let raw = self.strings(name, &m.value, mpath);
        let mut items = Vec::with_capacity(raw.len());
        for (i, r) in raw.into_iter().enumerate() {
            if variables {
                self.closed_variables(&r.node, r.span, &format!("{mpath}[{i}]"));
            }
            if r.node == "*" {
                items.push(Spanned::new(ResourceItem::Any, r.span));
            } else if r.node.starts_with("arn:") {
                items.push(Spanned::new(
                    ResourceItem::Arn(ArnPattern::new(&r.node, variables)),
                    r.span,
                ));
            } else {
                self.error(
                    PolicyErrorKind::BadResource(r.node.clone()),
                    r.span,
                    format!("{mpath}[{i}]"),
                    Some("an SWF domain is `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`".into()),
                );
            }
        }
        parts.resource = Some(Spanned::new(
            ResourceList {
                negated: name == "NotResource",
                items,
            },
            m.value.span,
        ));
    }

    /// `Principal` or `NotPrincipal` (`name`): only `Principal`, and only in a resource control
    /// policy.
    fn principal_element(
        &mut self,
        name: &'static str,
        m: &Member,
        mpath: String,
        parts: &mut StatementParts,
    ) {
        self.exclusive(&mut parts.seen_principal, name, m, &mpath, None);
        if self.kind != PolicyKind::Rcp || name == "NotPrincipal" {
            self.error(
                PolicyErrorKind::PrincipalNotAllowed {
                    kind: self.kind,
                    element: name,
                },
                m.key_span,
                mpath,
                Some(if self.kind == PolicyKind::Rcp {
                    "resource control policies take `Principal`, not `NotPrincipal`".into()
                } else {
                    "the caller is implied by where the policy is attached; remove the element"
                        .into()
                }),
            );
        } else {
            parts.principal = self.principal(&m.value, name == "NotPrincipal", &mpath);
        }
    }

    /// Reports the elements a statement must have and lacks, at its opening brace (`open`).
    fn missing_elements(
        &mut self,
        parts: &StatementParts,
        open: Span,
        path: &str,
        errors_before: usize,
    ) {
        let missing = |this: &mut Self, element, place, help: Option<&str>| {
            this.error(
                PolicyErrorKind::Missing { element, place },
                open,
                path.to_string(),
                help.map(str::to_string),
            );
        };
        if parts.effect.is_none() && !self.has_error_for(errors_before, "Effect") {
            missing(self, "Effect", "a statement", None);
        }
        if parts.action.is_none() {
            missing(self, "Action` or `NotAction", "a statement", None);
        }
        if parts.resource.is_none() {
            let help =
                "IAM requires a resource in every statement; `\"Resource\": \"*\"` means all";
            missing(self, "Resource` or `NotResource", "a statement", Some(help));
        }
        if self.kind == PolicyKind::Rcp
            && parts.principal.is_none()
            && parts.seen_principal.is_none()
        {
            let help = "resource control policies name `\"Principal\": \"*\"`";
            missing(
                self,
                "Principal",
                "a resource control policy statement",
                Some(help),
            );
        }
    }

    /// Records that `name` was seen; reports a conflict if its counterpart was seen before.
    fn exclusive(
        &mut self,
        seen: &mut Option<&'static str>,
        name: &'static str,
        m: &Member,
        path: &str,
        help: Option<&str>,
    ) {
        // The same element twice is a duplicate key, which the JSON reader reports.
        if let Some(prev) = seen.filter(|prev| *prev != name) {
            self.error(
                PolicyErrorKind::Conflict(prev, name),
                m.key_span,
                path.to_string(),
                help.map(str::to_string),
            );
        }
        *seen = Some(name);
    }

    fn has_error_for(&self, since: usize, element: &str) -> bool {
        self.errors[since..]
            .iter()
            .any(|e| e.path.ends_with(element))
    }

    fn check_action(&mut self, action: &Spanned<String>, path: &str) {
        let a = &action.node;
        if a == "*" {
            return;
        }
        if a.trim() != a || a.chars().any(char::is_control) {
            let shown = a
                .chars()
                .map(|c| match c.is_control() {
                    true => c.escape_unicode().to_string(),
                    false => c.to_string(),
                })
                .collect();
            self.error(
                PolicyErrorKind::BadAction(shown),
                action.span,
                path.to_string(),
                Some(
                    "an action holds no spaces or control characters: write `service:ActionName`"
                        .into(),
                ),
            );
            return;
        }
        let colons = a.matches(':').count();
        let (service, name) = a.split_once(':').unwrap_or((a, ""));
        if colons != 1 || service.is_empty() || name.is_empty() {
            let help = if colons > 1 {
                "actions can contain only one colon: `service:ActionName`"
            } else {
                "write `service:ActionName`, e.g. `swf:StartWorkflowExecution`, or `*`"
            };
            self.error(
                PolicyErrorKind::BadAction(a.clone()),
                action.span,
                path.to_string(),
                Some(help.into()),
            );
        }
    }

    /// An element or condition key given `[]`: IAM's grammar lists at least one value, and a
    /// statement that names no action, no resource or no value cannot say what it was meant for.
    fn not_empty(&mut self, element: &str, json: &Json, path: &str) {
        if json.as_array().is_some_and(<[Json]>::is_empty) {
            self.error(
                PolicyErrorKind::EmptyList(element.to_string()),
                json.span,
                path.to_string(),
                Some("list at least one value, or remove the statement or the condition".into()),
            );
        }
    }

    /// A resource or condition value of a policy whose variables are read: every `${` closed.
    fn closed_variables(&mut self, text: &str, span: Span, path: &str) {
        if unclosed_variable(text) {
            self.error(
                PolicyErrorKind::UnclosedVariable(text.to_string()),
                span,
                path.to_string(),
                Some("close the variable with `}`, or write a literal `$` as `${$}`".into()),
            );
        }
    }

    fn principal(&mut self, json: &Json, negated: bool, path: &str) -> Option<Principal> {
        let mut p = Principal {
            negated,
            any: false,
            aws: Vec::new(),
        };
        match &json.value {
            JsonValue::String(s) if s == "*" => p.any = true,
            JsonValue::Object(members) => {
                self.duplicates(members, path);
                for m in members {
                    let mpath = join(path, &m.key);
                    if m.key == "AWS" {
                        for v in self.strings("AWS", &m.value, &mpath) {
                            if v.node == "*" {
                                p.any = true;
                            } else {
                                p.aws.push(v);
                            }
                        }
                    } else {
                        self.error(
                            PolicyErrorKind::BadPrincipal(m.key.clone()),
                            m.key_span,
                            mpath,
                            Some("SWF callers are `AWS` principals".into()),
                        );
                    }
                }
            }
            _ => {
                self.error(
                    PolicyErrorKind::BadPrincipal(
                        json.as_str().unwrap_or(json.kind_name()).to_string(),
                    ),
                    json.span,
                    path.to_string(),
                    Some("write `\"*\"` or `{\"AWS\": ...}`".into()),
                );
                return None;
            }
        }
        Some(p)
    }

    fn condition(&mut self, json: &Json, variables: bool, path: &str) -> Vec<ConditionBlock> {
        let Some(members) = json.as_object() else {
            self.wrong_type(
                "Condition",
                "an object of operators",
                json,
                path.to_string(),
            );
            return Vec::new();
        };
        self.duplicates(members, path);
        let mut blocks = Vec::new();
        for m in members {
            let opath = join(path, &m.key);
            let Some(keys) = m.value.as_object() else {
                self.wrong_type(&m.key, "an object of condition keys", &m.value, opath);
                continue;
            };
            self.duplicates(keys, &opath);
            let twins = case_twins(keys);
            let mut entries = Vec::with_capacity(keys.len());
            for (k, twin) in keys.iter().zip(twins) {
                let kpath = join(&opath, &k.key);
                if !k.key.contains(':') || k.key.starts_with(':') {
                    self.error(
                        PolicyErrorKind::BadConditionKey(k.key.clone()),
                        k.key_span,
                        kpath.clone(),
                        Some("condition keys are `prefix:name`, e.g. `swf:taskList.name`".into()),
                    );
                }
                if let Some(other) = twin {
                    self.error(
                        PolicyErrorKind::DuplicateKeyCase(other.key.clone(), k.key.clone()),
                        k.key_span,
                        kpath.clone(),
                        Some(
                            "condition key names are case-insensitive, so these are the same key"
                                .into(),
                        ),
                    );
                }
                self.not_empty(&k.key, &k.value, &kpath);
                let mut values = Vec::new();
                let mut scalar = |v: &Json, vpath: String, this: &mut Self| match &v.value {
                    JsonValue::String(s) if variables && unclosed_variable(s) => {
                        this.closed_variables(s, v.span, &vpath)
                    }
                    JsonValue::String(s) => values.push(Spanned::new(
                        Scalar {
                            text: s.clone(),
                            kind: ScalarKind::String,
                        },
                        v.span,
                    )),
                    JsonValue::Number(n) => values.push(Spanned::new(
                        Scalar {
                            text: n.clone(),
                            kind: ScalarKind::Number,
                        },
                        v.span,
                    )),
                    JsonValue::Bool(b) => values.push(Spanned::new(
                        Scalar {
                            text: b.to_string(),
                            kind: ScalarKind::Bool,
                        },
                        v.span,
                    )),
                    _ => this.wrong_type(&k.key, "a string, number or boolean", v, vpath),
                };
                match &k.value.value {
                    JsonValue::Array(items) => {
                        for (j, item) in items.iter().enumerate() {
                            scalar(item, format!("{kpath}[{j}]"), self);
                        }
                    }
                    _ => scalar(&k.value, kpath.clone(), self),
                }
                values.shrink_to_fit();
                entries.push(ConditionEntry {
                    key: Spanned::new(k.key.clone(), k.key_span),
                    values,
                    values_span: k.value.span,
                });
            }
            blocks.push(ConditionBlock {
                operator: Spanned::new(m.key.clone(), m.key_span),
                entries,
            });
        }
        blocks.shrink_to_fit();
        blocks
    }
}

/// Whether a `${` of `text` has no `}` after it.
fn unclosed_variable(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        match rest[at + 2..].find('}') {
            Some(end) => rest = &rest[at + 2 + end + 1..],
            None => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(text: &str, kind: PolicyKind) -> Lowered {
        parse(text, SourceId(0), kind)
    }

    fn codes(l: &Lowered) -> Vec<&'static str> {
        l.errors.iter().map(|e| e.kind.code()).collect()
    }

    /// A condition block of 50,000 keys lowers with every key, and the same key repeated
    /// and the same key in another case are each reported once, at the later key, naming the
    /// first (both checks are linear: each key was compared with every key before it).
    #[test]
    fn a_condition_block_of_50000_keys_reports_its_repeats_and_case_twins() {
        let mut keys = String::new();
        for i in 0..50_000 {
            keys.push_str(&format!("\"swf:k{i}\": \"v\","));
        }
        keys.push_str("\"swf:k7\": \"w\", \"SWF:K9\": \"w\", \"Swf:k9\": \"w\"");
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{{"StringEquals":{{{keys}}}}}}}}}"#
        );
        let l = lower(&text, PolicyKind::Identity);
        assert_eq!(
            l.documents[0].statements[0].conditions[0].entries.len(),
            50_003
        );
        let found: Vec<_> = l
            .errors
            .iter()
            .map(|e| (e.kind.clone(), e.path.clone()))
            .collect();
        let path = |k: &str| format!("Statement.Condition.StringEquals.{k}");
        assert_eq!(
            found,
            [
                (
                    PolicyErrorKind::DuplicateKey {
                        key: "swf:k7".into()
                    },
                    path("swf:k7")
                ),
                (
                    PolicyErrorKind::DuplicateKeyCase("swf:k9".into(), "SWF:K9".into()),
                    path("SWF:K9")
                ),
                (
                    PolicyErrorKind::DuplicateKeyCase("swf:k9".into(), "Swf:k9".into()),
                    path("Swf:k9")
                ),
            ]
        );
    }

    proptest::proptest! {
        /// Keys the same but for case are found in blocks small and large as comparing each
        /// key with those before it does: each key's first key before it spelled otherwise.
        #[test]
        fn case_twins_are_the_first_key_before_spelled_otherwise(
            keys in proptest::collection::vec("[aA]{1,2}", 0..40),
        ) {
            let text = format!(
                "{{{}}}",
                keys.iter().map(|k| format!("\"{k}\": 0")).collect::<Vec<_>>().join(",")
            );
            let json = json::parse(&text).unwrap();
            let members = json.as_object().unwrap();
            let want: Vec<Option<&str>> = (0..members.len())
                .map(|i| {
                    let k = &members[i].key;
                    (members[..i].iter())
                        .find(|o| o.key != *k && o.key.eq_ignore_ascii_case(k))
                        .map(|o| o.key.as_str())
                })
                .collect();
            let got: Vec<Option<&str>> =
                case_twins(members).into_iter().map(|o| o.map(|m| m.key.as_str())).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn every_accepted_form_lowers() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"A1","Effect":"Allow",
            "NotAction":"swf:List*","NotResource":["arn:aws:swf:*:1:/domain/x"],
            "Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true}}}}"#;
        let l = lower(text, PolicyKind::Identity);
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let d = &l.documents[0];
        assert!(d.statement_is_object);
        let s = &d.statements[0];
        assert!(s.action.negated);
        assert!(s.resource.as_ref().unwrap().negated);
        assert_eq!(
            s.conditions[0].entries[0].values[0].kind,
            ScalarKind::Number
        );
        assert_eq!(s.conditions[1].entries[0].values[0].text, "true");
        let missing_version = lower(r#"{"Statement":[]}"#, PolicyKind::Identity);
        assert!(missing_version.errors.is_empty());
        assert!(!missing_version.documents[0].variables_enabled());
    }

    #[test]
    fn reports_every_problem_at_once() {
        let text = r#"{"Version":"2012-10-18","statement":[],"Statement":[
            {"Effect":"allow","Action":"swf:a:b","Resource":"orders"},
            {"Effect":"Allow","Action":"*","NotAction":"x:y","Resource":"*","Principal":"*"},
            {"Sid":"a-b","Effect":"Deny","Effect":"Deny","Action":"*","Resource":"*"}]}"#;
        let l = lower(text, PolicyKind::Identity);
        let c = codes(&l);
        for code in [
            "SWF007", "SWF003", "SWF006", "SWF010", "SWF011", "SWF008", "SWF009", "SWF002",
            "SWF012",
        ] {
            assert!(c.contains(&code), "missing {code} in {c:?}");
        }
        let help = l
            .errors
            .iter()
            .find(|e| e.kind.code() == "SWF003")
            .unwrap()
            .help
            .clone();
        assert_eq!(
            help.as_deref(),
            Some("element names are case-sensitive: write `Statement`")
        );
    }

    #[test]
    fn scp_files_may_hold_arrays_and_rcps_need_principal() {
        let scp = lower(
            r#"[{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},{"Statement":[]}]"#,
            PolicyKind::Scp,
        );
        assert!(scp.errors.is_empty());
        assert_eq!(scp.documents.len(), 2);
        let id = lower(r#"[{"Statement":[]}]"#, PolicyKind::Identity);
        assert_eq!(codes(&id), vec!["SWF004"]);
        let rcp = lower(
            r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"swf:*","Resource":"*"}}"#,
            PolicyKind::Rcp,
        );
        assert!(rcp.errors.is_empty(), "{:?}", rcp.errors);
        assert!(
            rcp.documents[0].statements[0]
                .principal
                .as_ref()
                .unwrap()
                .any
        );
        let rcp2 = lower(
            r#"{"Statement":{"Effect":"Deny","Action":"swf:*","Resource":"*"}}"#,
            PolicyKind::Rcp,
        );
        assert_eq!(codes(&rcp2), vec!["SWF005"]);
    }

    #[test]
    fn condition_keys_differing_in_case_collide() {
        let l = lower(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"a","AWS:sourcevpc":"b"}}}}"#,
            PolicyKind::Identity,
        );
        assert_eq!(codes(&l), vec!["SWF015"]);
    }

    #[test]
    fn same_policy_with_other_whitespace_is_equal() {
        let a = lower(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
            PolicyKind::Identity,
        );
        let b = lower("{ \"Statement\" : {\n \"Effect\" : \"Allow\",\n \"Action\":\"*\", \"Resource\" : \"*\" } }", PolicyKind::Identity);
        assert_eq!(a.documents[0].statements, b.documents[0].statements);
    }
}
