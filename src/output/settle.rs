//! What settles an answer that waits on a value swfsim does not know: the flag that gives it,
//! with an example value of the key's form.

use crate::condition::Partial;
use crate::eval::Decision;
use crate::keys::KeyType;
use crate::swf::SimResult;

/// An example value for `key`, of the form AWS gives it and consistent with what is known.
pub fn example_value(key: &str, known: &Partial) -> String {
    let (pre, suf) = (known.known_prefix.as_str(), known.known_suffix.as_str());
    match key.to_ascii_lowercase().as_str() {
        // A role session's id is the role's unique id (AROA...) and the session name; an IAM
        // user's is the user's unique id (AIDA...): IAM identifiers, "Unique identifiers".
        "aws:userid" if suf.starts_with(':') => format!("AROAEXAMPLEID{suf}"),
        "aws:userid" => "AIDAEXAMPLEID".to_string(),
        "aws:principalorgid" | "aws:resourceorgid" => "o-exampleorgid".into(),
        "aws:principalorgpaths" | "aws:resourceorgpaths" => {
            "o-exampleorgid/r-exam/ou-exam-exampleou/".into()
        }
        "aws:useragent" => "aws-cli/2.15.0".into(),
        "aws:multifactorauthage" => "300".into(),
        _ => match crate::keys::lookup(key).map(|g| g.ty) {
            Some(KeyType::Date) => "2026-01-01T00:00:00Z".into(),
            Some(KeyType::Numeric) => "0".into(),
            Some(KeyType::Bool) => "true".into(),
            Some(KeyType::Ip) => "203.0.113.7".into(),
            Some(KeyType::Arn) => format!("{pre}NAME{suf}"),
            Some(KeyType::String) | None => format!("{pre}VALUE{suf}"),
        },
    }
}

/// The flag that gives the key's value, with an example.
pub fn settle_flag(key: &str, known: &Partial) -> String {
    if key.eq_ignore_ascii_case("aws:PrincipalArn") && !known.known_prefix.is_empty() {
        // The ARN is known but for the role's path.
        return "--role-path /aws-reserved/sso.amazonaws.com/[REGION/]".into();
    }
    format!("--context {key}={}", example_value(key, known))
}

/// What is known of the value, in words.
pub fn known_words(known: &Partial) -> String {
    let value = if known.known_prefix.is_empty() && known.known_suffix.is_empty() {
        "present, value unknown".to_string()
    } else {
        format!("known only in part: `{}`", known.shown())
    };
    if known.may_be_absent {
        format!("{value}, or absent")
    } else {
        value
    }
}

/// A key whose value would settle an unknown answer.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SettleView<'a> {
    pub(super) key: &'a str,
    pub(super) unknown_value: &'a Partial,
    /// The flag that gives it, with an example value.
    pub(super) flag: String,
}

/// The keys that would settle an unknown decision, with the flag that gives each.
pub(super) fn settle_with(r: &SimResult) -> Vec<SettleView<'_>> {
    let Some(e) = r
        .evaluation
        .as_ref()
        .filter(|e| e.decision == Decision::Unknown)
    else {
        return Vec::new();
    };
    e.unknown_keys
        .iter()
        .filter_map(|k| {
            let p = r
                .context
                .get(k)
                .and_then(|e| r.context.entry_values(e).partial())?;
            Some(SettleView {
                key: k,
                unknown_value: p,
                flag: settle_flag(k, p),
            })
        })
        .collect()
}

/// The error line of an unknown answer: the flags that settle it, or the conditions that
/// cannot be evaluated.
pub fn unknown_error(r: &SimResult) -> String {
    let settle = settle_with(r);
    if settle.is_empty() {
        return "error: the answer depends on a condition swfsim cannot evaluate (see the statements marked ???)".into();
    }
    let flags: Vec<&str> = settle.iter().map(|s| s.flag.as_str()).collect();
    format!(
        "error: the answer depends on values swfsim does not know: give {}",
        flags.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example is a value the partial allows, and one the key's type accepts.
    #[test]
    fn examples_fit_what_is_known_and_the_keys_type() {
        let cases = [
            ("aws:userid", Partial::between("", ":ci")),
            ("aws:userid", Partial::unknown()),
            ("aws:TokenIssueTime", Partial::unknown()),
            ("aws:MultiFactorAuthPresent", Partial::unknown()),
            ("aws:MultiFactorAuthAge", Partial::unknown().or_absent()),
            ("aws:SourceIp", Partial::unknown().or_absent()),
            ("aws:PrincipalOrgID", Partial::unknown()),
            ("aws:UserAgent", Partial::unknown()),
            (
                "aws:PrincipalArn",
                Partial::between("arn:aws:iam::123456789012:role/", "Admin"),
            ),
        ];
        for (key, known) in cases {
            let v = example_value(key, &known);
            assert!(known.allows(&v), "{key}: {v}");
            assert!(
                crate::request::check_context_value(key, &v).is_ok(),
                "{key}: {v}"
            );
        }
        assert_eq!(
            settle_flag("aws:userid", &Partial::between("", ":ci")),
            "--context aws:userid=AROAEXAMPLEID:ci"
        );
        assert_eq!(
            known_words(&Partial::unknown().or_absent()),
            "present, value unknown, or absent"
        );
    }
}
