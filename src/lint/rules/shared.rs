//! Helpers the rules share: key facts, pattern coverage, shadowing, contradictions.

pub use crate::condition::{BaseOp, CompiledCondition, Family, SetQualifier, Value};
pub use crate::keys::{global_key, never_present, KeyType};
pub use crate::lint::swf_data::{ACTIONS, CONDITION_KEYS};
pub use crate::lint::{finding, Finding, Findings, LintContext, Rule, RuleMeta, Severity};
pub use crate::pattern::{Pattern, Template, Tok};
pub use crate::policy::{did_you_mean, Effect, PolicyKind, ResourceItem, Statement};
pub use crate::source::Span;

impl LintContext<'_> {
    /// The JSON path of a statement of this file.
    pub fn path_of(&self, s: &Statement) -> String {
        self.lowered
            .documents
            .iter()
            .find(|d| d.statements.iter().any(|x| std::ptr::eq(x, s)))
            .map(|d| self.path(d, s))
            .unwrap_or_else(|| format!("Statement[{}]", s.index))
    }
}

/// Calls `f` for every ARN resource of every statement: the statement, the pattern, its
/// colon-separated parts (at most six), its span and its JSON path.
pub fn for_each_arn(
    cx: &LintContext<'_>,
    mut f: impl FnMut(&Statement, &crate::arn::ArnPattern, &[&str], Span, String),
) {
    for (_, s, _) in cx.statements() {
        let Some(r) = &s.resource else { continue };
        for (i, item) in r.node.items.iter().enumerate() {
            let ResourceItem::Arn(a) = &item.node else {
                continue;
            };
            let seg: Vec<&str> = a.text.splitn(6, ':').collect();
            let path = format!("{}.{}[{i}]", cx.path_of(s), resource_name(s));
            f(s, a, &seg, item.span, path);
        }
    }
}

/// Calls `f` for every SWF resource of every statement (service segment `swf`, compared without
/// regard to case when `any_case`): the pattern, its colon-separated parts (at most six), its span
/// and its JSON path.
pub fn for_each_swf_arn(
    cx: &LintContext<'_>,
    any_case: bool,
    mut f: impl FnMut(&crate::arn::ArnPattern, &[&str], Span, String),
) {
    for_each_arn(cx, |_, a, seg, span, path| {
        if swf_service(seg, any_case) {
            f(a, seg, span, path);
        }
    });
}

/// Whether an ARN's service segment is `swf` (in any case when `any_case`).
pub fn swf_service(seg: &[&str], any_case: bool) -> bool {
    seg.get(2).is_some_and(|x| {
        if any_case {
            x.eq_ignore_ascii_case("swf")
        } else {
            *x == "swf"
        }
    })
}

/// SWF204's mistake: a resource part `domain/NAME`, without the leading `/`.
pub fn lacks_domain_slash(seg: &[&str]) -> bool {
    seg.len() == 6 && seg[5].starts_with("domain/")
}

/// SWF205's mistake: an empty region segment.
pub fn empty_region(seg: &[&str]) -> bool {
    seg.len() >= 5 && seg[3].is_empty()
}

/// SWF206's mistake: upper-case letters before the resource part.
pub fn upper_case_before_resource(seg: &[&str]) -> bool {
    seg.iter()
        .take(5)
        .any(|x| x.chars().any(|c| c.is_ascii_uppercase()))
}

/// Reports the lowering and condition-compilation errors whose code is the rule's.
pub fn lowering_errors(cx: &LintContext<'_>, out: &mut Findings<'_>) {
    for e in cx.lowered.errors.iter().chain(&cx.condition_errors) {
        if e.kind.code() == out.rule().code {
            out.push(e.to_string(), e.span, e.path.clone(), e.help.clone());
        }
    }
}

/// `Action` or `NotAction`.
pub fn action_name(s: &Statement) -> &'static str {
    if s.action.negated {
        "NotAction"
    } else {
        "Action"
    }
}

/// `Resource` or `NotResource`.
pub fn resource_name(s: &Statement) -> &'static str {
    if s.resource.as_ref().is_some_and(|r| r.node.negated) {
        "NotResource"
    } else {
        "Resource"
    }
}

/// Whether text holds a `${...}` policy variable.
pub fn has_variable(text: &str) -> bool {
    text.find("${").is_some_and(|i| text[i..].contains('}'))
}

/// A statement's Action / NotAction items as patterns (actions compare without regard to case).
pub fn action_patterns(s: &Statement) -> Vec<Pattern> {
    s.action
        .items
        .iter()
        .map(|a| Pattern::wildcard(&a.node, true))
        .collect()
}

/// Whether every item of a statement's Action / NotAction is an SWF one (`swf:...`).
pub fn only_swf_items(s: &Statement) -> bool {
    s.action.items.iter().all(|a| {
        a.node
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("swf:"))
    })
}

/// Whether a statement's Action / NotAction lets `swf:StartWorkflowExecution` through.
pub fn applies_to_start(s: &Statement) -> bool {
    let hit = s
        .action
        .items
        .iter()
        .any(|a| Pattern::wildcard(&a.node, true).matches(crate::request::ACTION));
    hit != s.action.negated
}

/// Whether a key is single-valued (SWF's keys, and the single-valued global keys).
pub fn single_valued(key: &str) -> bool {
    if let Some((_, _, multi)) = global_key(key) {
        return !multi;
    }
    crate::keys::swf_lookup(key).is_some_and(|k| k.name.starts_with("swf:") && !k.multivalued)
}

/// Whether a `StartWorkflowExecution` request (or its caller) may lack the key: every key but
/// the request's required members and the global keys the catalogue says AWS always includes.
pub fn may_be_missing(key: &str) -> bool {
    if crate::keys::swf_lookup(key).is_some_and(|k| k.in_start.always()) {
        return false;
    }
    crate::keys::lookup(key).is_none_or(|g| g.availability != crate::keys::Availability::Always)
}

/// Whether a key's values are ARNs.
pub fn arn_valued(key: &str) -> bool {
    const ARN_KEYS: &[&str] = &["codestar-notifications:NotificationsForResource"];
    if let Some((_, ty, _)) = global_key(key) {
        return ty == KeyType::Arn;
    }
    if ARN_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return true;
    }
    // The key's own name, not a user-chosen tag key or encryption-context key that happens to
    // end in `arn` (`ec2:ResourceTag/ClusterArn`, `kms:EncryptionContext:aws:s3:arn` hold strings).
    let name = key.split_once(':').map(|(_, n)| n).unwrap_or(key);
    let user_named = name.contains('/')
        || key
            .to_ascii_lowercase()
            .starts_with("kms:encryptioncontext:");
    !user_named && name.to_ascii_lowercase().ends_with("arn")
}

/// Whether pattern `a` covers everything pattern `b` matches (sound, not complete): `b`'s
/// wildcards must be matched by wildcards of `a` at least as wide. With `arn`, both are ARN
/// patterns: before the fifth colon a `?`, and a `*` that is not the last character of its
/// segment, never match a colon, so such a wildcard of `a` covers only what of `b` never is one.
pub fn covers(a: &str, b: &str, fold: bool, arn: bool) -> bool {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| if fold { c.to_ascii_lowercase() } else { c })
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    // Which characters of a pattern are wildcards that never match a colon.
    let kept_off_colons = |p: &[char]| -> Vec<bool> {
        let mut colons = 0;
        let mut out = Vec::with_capacity(p.len());
        for (i, &c) in p.iter().enumerate() {
            let segment = arn && colons < 5;
            out.push(match c {
                '?' => segment,
                '*' => segment && p.get(i + 1).is_some_and(|&n| n != ':'),
                _ => false,
            });
            colons += usize::from(c == ':');
        }
        out
    };
    let a_kept = kept_off_colons(&a);
    let b_kept = kept_off_colons(&b);
    // Which characters of `b` never stand for a colon.
    let b_no_colon: Vec<bool> = b
        .iter()
        .zip(&b_kept)
        .map(|(&c, &kept)| match c {
            ':' => false,
            '*' | '?' => kept,
            _ => true,
        })
        .collect();
    // dp[j]: a[..i] matches b[..j] as token strings.
    let mut cur = vec![false; b.len() + 1];
    cur[0] = true;
    for (&ac, &kept) in a.iter().zip(&a_kept) {
        let mut next = vec![false; b.len() + 1];
        match ac {
            '*' => {
                let mut on = false;
                for j in 0..=b.len() {
                    on |= cur[j];
                    next[j] = on;
                    if kept && j < b.len() && !b_no_colon[j] {
                        on = false;
                    }
                }
            }
            '?' => {
                for j in 0..b.len() {
                    if cur[j] && b[j] != '*' && (!kept || b_no_colon[j]) {
                        next[j + 1] = true;
                    }
                }
            }
            c => {
                for j in 0..b.len() {
                    if cur[j] && b[j] == c {
                        next[j + 1] = true;
                    }
                }
            }
        }
        cur = next;
    }
    cur[b.len()]
}

/// Pairs `(covered, covering)` among a list's patterns ([`covers`] with `fold` and `arn`). Of two
/// identical entries the later one is the covered one.
pub fn redundant_pairs(items: &[&str], fold: bool, arn: bool) -> Vec<(usize, usize)> {
    // A covering pattern's literal prefix (up to its first wildcard) must begin the covered one:
    // in text order those are one contiguous range, found by binary search.
    let norm: Vec<String> = items
        .iter()
        .map(|s| {
            if fold {
                s.to_ascii_lowercase()
            } else {
                s.to_string()
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| norm[a].cmp(&norm[b]));
    let mut covered_by: Vec<Option<usize>> = vec![None; items.len()];
    for j in 0..items.len() {
        let pre = &norm[j][..norm[j].find(['*', '?']).unwrap_or(norm[j].len())];
        let from = order.partition_point(|&k| norm[k].as_str() < pre);
        for &i in order[from..]
            .iter()
            .take_while(|&&k| norm[k].starts_with(pre))
        {
            if i == j || covered_by[i].is_some() || !covers(items[j], items[i], fold, arn) {
                continue;
            }
            // Of two patterns that cover each other, the later one is the redundant one.
            if i < j && covers(items[i], items[j], fold, arn) {
                continue;
            }
            covered_by[i] = Some(j);
        }
    }
    covered_by
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect()
}

/// Whether `deny` is an unconditional Deny covering every action and resource of `allow`.
pub fn shadows(deny: &Statement, allow: &Statement) -> bool {
    if deny.effect.node != Effect::Deny || !deny.conditions.is_empty() || deny.action.negated {
        return false;
    }
    if allow.action.negated || allow.action.items.is_empty() {
        return false;
    }
    let actions = allow.action.items.iter().all(|a| {
        deny.action
            .items
            .iter()
            .any(|d| covers(&d.node, &a.node, true, false))
    });
    let text = |i: &ResourceItem| match i {
        ResourceItem::Any => "*".to_string(),
        ResourceItem::Arn(a) => a.text.clone(),
    };
    let resources = match (&deny.resource, &allow.resource) {
        (Some(d), Some(a)) if !d.node.negated && !a.node.negated && !a.node.items.is_empty() => {
            a.node.items.iter().all(|ai| {
                d.node
                    .items
                    .iter()
                    .any(|di| covers(&text(&di.node), &text(&ai.node), false, true))
            })
        }
        _ => false,
    };
    actions && resources
}

/// Why a statement's conditions can never all hold, if they cannot.
pub fn contradiction(conds: &[CompiledCondition]) -> Option<String> {
    for c in conds {
        let op = c.operator.node;
        if op.base == BaseOp::Null && c.raw.len() == 1 && c.raw[0].eq_ignore_ascii_case("true") {
            if let Some(o) = conds.iter().find(|o| {
                let p = o.operator.node;
                o.key_lower == c.key_lower
                    && p.base != BaseOp::Null
                    && !p.negated()
                    && !p.if_exists
                    && p.set != Some(SetQualifier::ForAllValues)
            }) {
                return Some(format!(
                    "`Null` requires `{}` to be absent and `{}` requires it present",
                    c.key.node, o.operator.node
                ));
            }
        }
        if op.base == BaseOp::StringEquals && op.set.is_none() && !op.if_exists {
            if let Some(o) = conds.iter().find(|o| {
                let p = o.operator.node;
                o.key_lower == c.key_lower
                    && p.base == BaseOp::StringNotEquals
                    && p.set.is_none()
                    && c.raw.iter().all(|v| o.raw.contains(v))
            }) {
                return Some(format!(
                    "every value `StringEquals` allows for `{}`, `{}` forbids",
                    c.key.node, o.operator.node
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_sound() {
        assert!(covers("swf:Describe*", "swf:DescribeDomain", true, false));
        assert!(covers("swf:*", "swf:Describe*", true, false));
        assert!(covers("SWF:describe*", "swf:DescribeDomain", true, false));
        assert!(!covers("swf:Describe?", "swf:Describe*", true, false));
        assert!(!covers("swf:DescribeDomain", "swf:Describe*", true, false));
        assert!(covers("a?c", "a?c", false, false));
        assert!(!covers("a?c", "a*c", false, false));
        assert_eq!(
            redundant_pairs(&["swf:Describe*", "swf:DescribeDomain"], true, false),
            vec![(1, 0)]
        );
        assert_eq!(redundant_pairs(&["x", "x"], true, false), vec![(1, 0)]);
    }

    /// Before an ARN's fifth colon a `?`, and a `*` that does not end its segment, never match
    /// a colon (IAM's Resource element page), so they cover nothing that may be one.
    #[test]
    fn arn_coverage_keeps_segment_wildcards_off_colons() {
        let orders = "arn:aws:swf:us-east-1:123456789012:/domain/orders";
        for (a, b, want) in [
            (
                "arn:aws:swf:us-east-1?123456789012:/domain/*",
                orders,
                false,
            ),
            ("arn:aws:swf:us-east-?:123456789012:/domain/*", orders, true),
            ("arn:aws:swf:*?123456789012:/domain/*", orders, false),
            ("arn:aws:swf:u*1:/domain/orders", orders, false),
            ("arn:aws:swf:*", orders, true),
            ("arn:aws:swf:*:*:*", "arn:aws:swf:u?:*:/domain/*", true),
            // A segment's `?` covers a segment's `?`, not one of the resource part (maybe `:`).
            ("arn:aws:swf:?:1:x", "arn:aws:swf:?:1:x", true),
            ("arn:*:?", "arn:a:b:c:d:?", false),
            ("arn:*:*", "arn:a:b:c:d:?", true),
            // An inner `*` covers an inner `*`, not a segment-final one.
            ("arn:aws:swf:u*1:*", "arn:aws:swf:u*1:1:x", true),
            ("arn:aws:swf:u*1:*", "arn:aws:swf:u*:1:x", false),
        ] {
            assert_eq!(covers(a, b, false, true), want, "{a} covers {b}");
        }
        let items = ["arn:aws:swf:us-east-1?123456789012:/domain/*", orders];
        assert_eq!(redundant_pairs(&items, false, true), vec![]);
    }
}
