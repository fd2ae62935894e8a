//! Values as a setter takes them: one or any number.

/// Values given to [`Context::set`](super::Context::set): one or any number. Reads as the
/// slice of them; equal when the slices are.
#[derive(Clone, Debug)]
pub enum ContextValues {
    /// Exactly one value.
    One(String),
    /// Any number of values.
    Many(Vec<String>),
}

impl ContextValues {
    /// The values in order.
    pub fn as_slice(&self) -> &[String] {
        self
    }
}

impl std::ops::Deref for ContextValues {
    type Target = [String];
    fn deref(&self) -> &[String] {
        match self {
            ContextValues::One(v) => std::slice::from_ref(v),
            ContextValues::Many(vs) => vs,
        }
    }
}

impl PartialEq for ContextValues {
    fn eq(&self, other: &ContextValues) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ContextValues {}

impl From<String> for ContextValues {
    fn from(v: String) -> ContextValues {
        ContextValues::One(v)
    }
}

impl From<Vec<String>> for ContextValues {
    fn from(vs: Vec<String>) -> ContextValues {
        ContextValues::Many(vs)
    }
}

/// A copy of the values; one value is held without a vector.
impl From<&[String]> for ContextValues {
    fn from(vs: &[String]) -> ContextValues {
        match vs {
            [v] => ContextValues::One(v.clone()),
            vs => ContextValues::Many(vs.to_vec()),
        }
    }
}

impl serde::Serialize for ContextValues {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(ser)
    }
}
