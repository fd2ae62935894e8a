//! Placeholder until the shipped store lands.
/// An AWS managed policy as shipped with swfsim.
pub struct ShippedPolicy {
    /// Name.
    pub name: String,
    /// ARN.
    pub arn: String,
    /// Path.
    pub path: String,
    /// Default version.
    pub version: String,
    /// The document.
    pub document: String,
}
/// The shipped copy.
pub fn shipped(_arn: &str) -> Option<ShippedPolicy> {
    None
}
