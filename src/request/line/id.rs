//! A batch line's own `id`, given back on its answer.

use crate::json::{Json, JsonValue};

/// The `id` member of a batch line in the case form: a string or a number, given back as it
/// was read on the line's JSON answer.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseId {
    /// A string id.
    Text(String),
    /// A number id, as written on the line.
    Number(String),
}

impl CaseId {
    /// The id a JSON value gives, or why it gives none.
    pub(super) fn from_json(v: &Json) -> Result<CaseId, String> {
        match &v.value {
            JsonValue::String(s) => Ok(CaseId::Text(s.clone())),
            JsonValue::Number(n) => Ok(CaseId::Number(n.clone())),
            _ => Err(format!(
                "`id` must be a string or a number, found {}",
                v.kind_name()
            )),
        }
    }
}

impl serde::Serialize for CaseId {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            CaseId::Text(s) => ser.serialize_str(s),
            // The reader checked it is a JSON number: it is written as it was read.
            CaseId::Number(n) => serde_json::value::RawValue::from_string(n.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(ser),
        }
    }
}
