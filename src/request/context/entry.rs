//! A context's entries: a key, where its values came from, and where they are held.

use crate::condition::Partial;

/// Where a context value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueSource {
    /// A member of the request.
    Request,
    /// The workflow type's registered default (the world).
    TypeDefault,
    /// The world (domain tags, account).
    World,
    /// `--principal` (or its default): the caller's keys, and the domain's account when the
    /// world gives none.
    Principal,
    /// The account export (`--account-details`): the caller's unique id and tags.
    Account,
    /// The org file (`--org`): the organization's id and the account's path in it.
    Org,
    /// `--region` (or its default).
    Region,
    /// `--context` / `--context-file` / a batch line's `context`.
    CommandLine,
    /// The clock of the run.
    Clock,
    /// A documented default of this tool (README, "Choices").
    Default,
    /// Follows from other keys of the call (`aws:ViaAWSService` from `aws:CalledVia`,
    /// `aws:MultiFactorAuthPresent` from `aws:MultiFactorAuthAge`).
    Derived,
}

/// One context key with its values (read them with
/// [`Context::entry_values`](super::Context::entry_values)).
#[derive(Debug)]
pub struct ContextEntry {
    /// The key as written by its source. A known key in its canonical spelling is not copied:
    /// a borrowed key is always one of the canonical spellings (which hold nothing JSON escapes).
    pub key: std::borrow::Cow<'static, str>,
    /// The values: one (nearly every key) stands in the context's text of single values.
    pub(super) values: Stored,
    /// Where they came from.
    pub source: ValueSource,
    /// The key's slot when `key` is its canonical spelling (borrowed): writers take the
    /// key's text from a table by it.
    pub canonical: Option<u8>,
}

impl ContextEntry {
    /// An entry to be overwritten.
    pub(super) const BLANK: ContextEntry = ContextEntry {
        key: std::borrow::Cow::Borrowed(""),
        values: Stored::One(0, 0),
        source: ValueSource::Default,
        canonical: None,
    };
}

/// Where an entry's values are: one value as its place in `singles` (no allocation
/// of its own: a context has some twenty keys, nearly all with one value), else a vector.
#[derive(Debug)]
pub(super) enum Stored {
    One(u32, u32),
    Many(Vec<String>),
    /// Present, known only in part.
    Unknown(SharedPartial),
}

/// A partial value as entries hold it: the two every call carries (a value wholly unknown, and
/// one that may also be absent) are statics, others shared. Buys a copy of a call's keys into
/// each of its requests' contexts without an allocation (a sixth of a brief batch line).
#[derive(Debug)]
pub(super) enum SharedPartial {
    Static(&'static Partial),
    Shared(std::sync::Arc<Partial>),
}

static WHOLLY_UNKNOWN: Partial = Partial {
    known_prefix: String::new(),
    known_suffix: String::new(),
    may_be_absent: false,
};

static UNKNOWN_OR_ABSENT: Partial = Partial {
    known_prefix: String::new(),
    known_suffix: String::new(),
    may_be_absent: true,
};

/// By hand, inlined: a call's keys are cloned into every request's context entry by entry, and
/// this spares a call an entry (a tenth of a brief batch line's instructions).
impl Clone for ContextEntry {
    #[inline(always)]
    fn clone(&self) -> ContextEntry {
        ContextEntry {
            key: match &self.key {
                std::borrow::Cow::Borrowed(k) => std::borrow::Cow::Borrowed(k),
                std::borrow::Cow::Owned(k) => std::borrow::Cow::Owned(k.clone()),
            },
            values: self.values.clone(),
            source: self.source,
            canonical: self.canonical,
        }
    }
}

impl Clone for Stored {
    #[inline(always)]
    fn clone(&self) -> Stored {
        match self {
            Stored::One(start, len) => Stored::One(*start, *len),
            Stored::Many(vs) => Stored::Many(vs.clone()),
            Stored::Unknown(SharedPartial::Static(p)) => Stored::Unknown(SharedPartial::Static(p)),
            Stored::Unknown(p) => Stored::Unknown(p.clone_shared()),
        }
    }
}

impl SharedPartial {
    /// A copy of a shared one (out of line: rare).
    #[inline(never)]
    fn clone_shared(&self) -> SharedPartial {
        match self {
            SharedPartial::Static(p) => SharedPartial::Static(p),
            SharedPartial::Shared(p) => SharedPartial::Shared(p.clone()),
        }
    }

    pub(super) fn new(p: Partial) -> SharedPartial {
        if p == WHOLLY_UNKNOWN {
            SharedPartial::Static(&WHOLLY_UNKNOWN)
        } else if p == UNKNOWN_OR_ABSENT {
            SharedPartial::Static(&UNKNOWN_OR_ABSENT)
        } else {
            SharedPartial::Shared(std::sync::Arc::new(p))
        }
    }

    pub(super) fn get(&self) -> &Partial {
        match self {
            SharedPartial::Static(p) => p,
            SharedPartial::Shared(p) => p,
        }
    }
}
