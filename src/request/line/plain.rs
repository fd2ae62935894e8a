//! Batch lines in their plain form, read without a JSON tree.
//!
//! A line that a generator or an export writes is one object of `request`, `principal`,
//! `region`, `context` and a string `id`, with strings that hold no escape. Such a line is read here straight
//! into the case, each string copied once. Any other line (an escape, a number, a boolean, an
//! unknown or repeated member, a value of another type, a byte-order mark, no `request`) is
//! left to the tree reader ([`crate::request::CaseReader::read`] falls back to it), which
//! also reports every problem. Tests hold the two readers to the same case.

use super::{CaseId, ReadCase, Remembered};
use crate::request::start::REQUEST_MEMBERS;
use crate::request::{CallInputs, StartRequest, UserKey, WorkflowTypeRef};
use crate::source::Span;

/// The case of a plain line, or `None` for a line the tree reader must read.
///
/// `memory` parses the caller ARN a line names and checks its context keys, remembering both.
pub(super) fn plain_case(
    line: &str,
    base: &CallInputs,
    memory: &mut Remembered,
) -> Option<ReadCase> {
    let mut s = Scan { text: line, at: 0 };
    let (mut request, mut principal, mut region, mut context) = (None, None, None, None);
    let mut id = None;
    s.object(|s, key, _| {
        match key {
            "request" if request.is_none() => request = Some(read_request(s)?),
            "principal" if principal.is_none() => principal = Some(s.string()?.0),
            "region" if region.is_none() => region = Some(s.string()?.0),
            "context" if context.is_none() => context = Some(read_context(s, memory)?),
            "id" if id.is_none() => id = Some(CaseId::Text(s.string()?.0.to_string())),
            _ => return None,
        }
        Some(())
    })?;
    if s.peek().is_some() {
        return None;
    }
    // A line without `request` is a bare request, for the tree reader.
    let request = request?;
    // What the line says, else the base's (not cloned first to be overwritten).
    let mut caller = base.caller;
    // Named as the default is named, the caller is the default all the same.
    caller.defaulted.principal = principal.map_or(caller.defaulted.principal, |p| {
        p == crate::request::DEFAULT_PRINCIPAL
    });
    caller.defaulted.region &= region.is_none();
    let mut call = CallInputs {
        principal: match principal {
            Some(p) => memory.principal(p)?,
            None => base.principal.clone(),
        },
        region: region.map_or_else(|| base.region.clone(), str::to_string),
        user_keys: Vec::new(),
        now: base.now,
        caller,
    };
    match context {
        // A line's keys are distinct (`read_context` leaves a repeated one to the tree reader),
        // and there are no base keys for them to replace: they are the call's keys as read.
        Some(keys) if base.user_keys.is_empty() => call.user_keys = keys,
        context => {
            call.user_keys = base.user_keys.clone();
            for k in context.unwrap_or_default() {
                call.set_user_key(k);
            }
        }
    }
    Some((request, call, id))
}

fn read_request(s: &mut Scan<'_>) -> Option<StartRequest> {
    let mut r = StartRequest::default();
    let mut seen = 0u32;
    s.object(|s, key, _| {
        // The member's place in `REQUEST_MEMBERS`, by constant comparisons: no call to
        // `memcmp` a member, as a search of the table makes.
        let i = match key {
            "domain" => 0,
            "workflowId" => 1,
            "workflowType" => 2,
            "taskList" => 3,
            "taskPriority" => 4,
            "input" => 5,
            "executionStartToCloseTimeout" => 6,
            "taskStartToCloseTimeout" => 7,
            "childPolicy" => 8,
            "tagList" => 9,
            "lambdaRole" => 10,
            _ => return None,
        };
        debug_assert_eq!(REQUEST_MEMBERS.get(i), Some(&key));
        if seen & (1 << i) != 0 {
            return None;
        }
        seen |= 1 << i;
        match i {
            0 => r.domain = s.opt_string()?,
            1 => r.workflow_id = s.opt_string()?,
            4 => r.task_priority = s.opt_string()?,
            5 => r.input = s.opt_string()?,
            6 => r.execution_start_to_close_timeout = s.opt_string()?,
            7 => r.task_start_to_close_timeout = s.opt_string()?,
            8 => r.child_policy = s.opt_string()?,
            10 => r.lambda_role = s.opt_string()?,
            // A `null` type, task list or tag list is as if absent.
            2 if !s.null() => {
                let mut t = WorkflowTypeRef::default();
                let (mut name, mut version) = (false, false);
                s.object(|s, key, _| match key {
                    "name" if !name => {
                        name = true;
                        t.name = s.opt_string()?;
                        Some(())
                    }
                    "version" if !version => {
                        version = true;
                        t.version = s.opt_string()?;
                        Some(())
                    }
                    _ => None,
                })?;
                r.workflow_type = Some(t);
            }
            3 if !s.null() => {
                let mut name = None;
                s.object(|s, key, _| match key {
                    "name" if name.is_none() => {
                        name = Some(s.opt_string()?);
                        Some(())
                    }
                    _ => None,
                })?;
                r.task_list = Some(name.flatten());
            }
            9 if !s.null() => r.tag_list = Some(s.strings()?),
            _ => {}
        }
        Some(())
    })?;
    Some(r)
}

fn read_context(s: &mut Scan<'_>, memory: &mut Remembered) -> Option<Vec<UserKey>> {
    let mut keys: Vec<UserKey> = Vec::new();
    s.object(|s, key, span| {
        if keys.iter().any(|k| k.key.eq_ignore_ascii_case(key)) {
            return None;
        }
        let values = match s.peek()? {
            b'[' => s.strings()?,
            _ => vec![s.string()?.0.to_string()],
        };
        keys.push(UserKey {
            key: key.to_string(),
            values,
            span,
        });
        Some(())
    })?;
    keys.iter().all(|k| memory.valid(k)).then_some(keys)
}

/// A cursor over a line.
struct Scan<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    /// The next byte after blanks (JSON's four), not taken.
    fn peek(&mut self) -> Option<u8> {
        let b = self.text.as_bytes();
        // Most tokens follow the last with no blank: every blank is at most a space.
        if let Some(&c) = b.get(self.at) {
            if c > b' ' {
                return Some(c);
            }
        }
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(self.at) {
            self.at += 1;
        }
        b.get(self.at).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.at += 1)
    }

    /// A string without escapes or control characters, and its span, quotes included. Always
    /// inlined: a line reads some twenty-three strings, and a call's prologue and epilogue
    /// would be a sixth of reading one (`#[inline]` alone leaves it a call).
    #[inline(always)]
    fn string(&mut self) -> Option<(&'a str, Span)> {
        self.eat(b'"')?;
        let start = self.at;
        let body = self.text.as_bytes().get(start..)?;
        let len = crate::json::escape_at(body)?;
        if body[len] != b'"' {
            return None;
        }
        self.at = start + len + 1;
        // The quotes are ASCII, so both ends are character boundaries.
        Some((
            self.text.get(start..start + len)?,
            Span::new(start - 1, self.at),
        ))
    }

    /// Takes `null` if it is next.
    fn null(&mut self) -> bool {
        self.peek();
        let yes = self
            .text
            .as_bytes()
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(b"null"));
        if yes {
            self.at += 4;
        }
        yes
    }

    /// A string, or `null` for none.
    fn opt_string(&mut self) -> Option<Option<String>> {
        if self.null() {
            return Some(None);
        }
        Some(Some(self.string()?.0.to_string()))
    }

    /// An array of strings.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(out);
        }
        loop {
            out.push(self.string()?.0.to_string());
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    /// An object: `member` reads each member's value, given its key and the key's span.
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Scan<'a>, &'a str, Span) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            let (key, span) = self.string()?;
            self.eat(b':')?;
            member(self, key, span)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree_batch_case;
    use super::*;
    use crate::request::{Principal, DEFAULT_PRINCIPAL};
    use proptest::prelude::*;

    fn base() -> CallInputs {
        CallInputs {
            principal: Principal::parse(DEFAULT_PRINCIPAL).unwrap().into(),
            region: "us-east-1".into(),
            user_keys: vec![UserKey {
                key: "aws:CurrentTime".into(),
                values: vec!["2026-01-01T00:00:00Z".into()],
                span: Span::default(),
            }],
            now: 1_795_608_000,
            caller: Default::default(),
        }
    }

    /// The base with its context key, and without any (a line's keys are then the call's) and
    /// with swfsim's default caller and region (a line that names its own is not).
    fn bases() -> [CallInputs; 2] {
        let mut bare = base();
        bare.user_keys.clear();
        bare.caller.defaulted = crate::request::Defaulted {
            principal: true,
            region: true,
        };
        [base(), bare]
    }

    /// The plain reader reads `line`, and the tree reader reads the same case from it, spans
    /// of the context keys included, over either base.
    fn same_as_tree(line: &str) {
        for base in bases() {
            let plain = plain_case(line, &base, &mut Remembered::default())
                .unwrap_or_else(|| panic!("not plain: {line}"));
            let tree = tree_batch_case(line, &base).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(plain, tree, "{line}");
            let spans = |c: &CallInputs| c.user_keys.iter().map(|k| k.span).collect::<Vec<_>>();
            assert_eq!(spans(&plain.1), spans(&tree.1), "{line}");
        }
    }

    #[test]
    fn plain_lines_read_as_the_tree_reads_them() {
        for line in [
            // The reference workload's form.
            r#"{"request":{"domain":"team-red","workflowId":"wf-0","workflowType":{"name":"RefundFlow","version":"2.1"},"taskList":{"name":"dev-q"},"tagList":["legacy-x","team-b","new"]},"principal":"arn:aws:iam::111122223333:user/carol","region":"eu-west-1","context":{"aws:CurrentTime":"2027-06-01T00:00:00Z"}}"#,
            r#"{"request":{}}"#,
            " \t{ \"request\" : { \"domain\" : \"d\" , \"tagList\" : [ ] } }\r\n",
            r#"{"request":{"domain":null,"workflowType":null,"taskList":null,"tagList":null}}"#,
            r#"{"request":{"workflowType":{},"taskList":{}}}"#,
            r#"{"request":{"workflowType":{"version":"1","name":null},"taskList":{"name":null}}}"#,
            r#"{"request":{"input":"héllo ✓","childPolicy":"TERMINATE","lambdaRole":"arn:aws:iam::1:role/l","taskPriority":"3","executionStartToCloseTimeout":"60","taskStartToCloseTimeout":"NONE"}}"#,
            // Context keys: a key the base has, in another case, replaces it; arrays; none.
            r#"{"context":{"AWS:currenttime":"2027-01-01T00:00:00Z","aws:CalledVia":["a","b"],"app:none":[],"aws:SourceIp":"203.0.113.7"},"request":{"domain":"d"}}"#,
            r#"{"request":{"domain":"d"},"context":{}}"#,
            r#"{"region":"ap-south-1","principal":"arn:aws:sts::111122223333:assumed-role/R/s","request":{"domain":"d"}}"#,
            r#"{"id":"case-7","request":{"domain":"d"}}"#,
        ] {
            same_as_tree(line);
        }
    }

    /// A reader's remembered callers are each its own: across more callers than it keeps, read
    /// twice, every line gets the caller it names.
    #[test]
    fn a_reader_remembers_callers_without_mixing_them_up() {
        let mut reader = super::super::CaseReader::default();
        let n = super::super::CaseReader::MAX_PRINCIPALS + 5;
        for _round in 0..2 {
            for i in 0..n {
                let arn = format!("arn:aws:iam::111122223333:user/u{i}");
                let line = format!(r#"{{"request":{{}},"principal":"{arn}"}}"#);
                let (_, call, _) = reader.read(&line, &base()).unwrap();
                assert_eq!(*call.principal, Principal::parse(&arn).unwrap());
            }
        }
        // A caller that is not an ARN is still the tree reader's error.
        assert!(reader
            .read(r#"{"request":{},"principal":"bob"}"#, &base())
            .is_err());
    }

    #[test]
    fn other_lines_are_left_to_the_tree_reader() {
        for line in [
            r#"{"request":{"domain":"a\"b"}}"#,
            r#"{"request":{"domain":"a\u0041"}}"#,
            "{\"request\":{\"domain\":\"a\u{1}b\"}}",
            "\u{feff}{\"request\":{}}",
            r#"{"domain":"d"}"#,
            r#"{"request":{"domain":5}}"#,
            r#"{"request":{"domian":"d"}}"#,
            r#"{"request":{"domain":"d","domain":"e"}}"#,
            r#"{"request":{},"request":{}}"#,
            r#"{"request":{"workflowType":{"name":"a","name":"b"}}}"#,
            r#"{"request":{"workflowType":{"nam":"a"}}}"#,
            r#"{"request":{"taskList":{"name":"a","name":"b"}}}"#,
            r#"{"request":{"taskList":"q"}}"#,
            r#"{"request":{"tagList":["a",null]}}"#,
            r#"{"request":{"tagList":"a"}}"#,
            r#"{"request":{"domain":nullx}}"#,
            r#"{"request":{"domain":"d"}} x"#,
            r#"{"request":{"domain":"d"},}"#,
            r#"{"request":{"domain":"d"}"#,
            r#"{"request":{},"principal":"alice"}"#,
            r#"{"request":{},"principal":null}"#,
            r#"{"request":{},"region":5}"#,
            r#"{"request":{},"context":{"aws:MultiFactorAuthPresent":true}}"#,
            r#"{"request":{},"context":{"aws:EpochTime":5}}"#,
            r#"{"request":{},"context":{"a:k":"1","A:K":"2"}}"#,
            r#"{"request":{},"context":{"swf:taskList.name":"q"}}"#,
            r#"{"request":{},"context":null}"#,
            r#"{"request":{},"extra":1}"#,
            r#"{"request":{},"id":7}"#,
            r#"{"request":{},"id":"a","id":"b"}"#,
            "",
        ] {
            assert_eq!(
                plain_case(line, &base(), &mut Remembered::default()),
                None,
                "{line}"
            );
        }
    }

    /// A plain string value.
    fn text() -> BoxedStrategy<String> {
        "[a-z0-9:/.*-]{0,8}"
            .prop_map(|s| format!("\"{s}\""))
            .boxed()
    }

    /// A value of another kind or form (the plain reader declines most of them).
    fn odd() -> BoxedStrategy<String> {
        prop::sample::select(vec![
            "null",
            "\"a\\nb\"",
            "7",
            "true",
            "{}",
            "[]",
            "[\"x\"]",
            "\"\"",
        ])
        .prop_map(str::to_string)
        .boxed()
    }

    /// Mostly `valid`, now and then something else.
    fn mostly(valid: BoxedStrategy<String>) -> BoxedStrategy<String> {
        prop_oneof![9 => valid, 1 => odd()].boxed()
    }

    /// An object of the members given (each there with its probability), in any order, with
    /// blanks of any kind between the tokens.
    fn object(members: Vec<(&'static str, BoxedStrategy<String>, f64)>) -> BoxedStrategy<String> {
        let members: Vec<_> = members
            .into_iter()
            .map(|(k, v, p)| prop::option::weighted(p, v.prop_map(move |v| (k, v))))
            .collect();
        (members, prop::sample::select(vec!["", " ", "\n\t"]))
            .prop_flat_map(|(ms, ws)| {
                let ms: Vec<(&str, String)> = ms.into_iter().flatten().collect();
                Just(ms).prop_shuffle().prop_map(move |ms| {
                    let body: Vec<String> = ms
                        .iter()
                        .map(|(k, v)| format!("{ws}\"{k}\"{ws}:{ws}{v}"))
                        .collect();
                    format!("{{{}{ws}}}", body.join(","))
                })
            })
            .boxed()
    }

    fn line() -> BoxedStrategy<String> {
        let tags = prop::collection::vec(text(), 0..4)
            .prop_map(|t| format!("[{}]", t.join(",")))
            .boxed();
        let workflow_type = object(vec![
            ("name", mostly(text()), 0.7),
            ("version", mostly(text()), 0.7),
            ("nam", text(), 0.05),
        ]);
        let request = object(vec![
            ("domain", mostly(text()), 0.8),
            ("workflowId", mostly(text()), 0.8),
            ("workflowType", mostly(workflow_type), 0.7),
            (
                "taskList",
                mostly(object(vec![("name", mostly(text()), 0.7)])),
                0.7,
            ),
            ("tagList", mostly(tags.clone()), 0.5),
            ("input", mostly(text()), 0.3),
            ("domian", text(), 0.05),
        ]);
        let key_value = prop_oneof![4 => text(), 1 => tags, 1 => odd()].boxed();
        let time = |t: &str| Just(format!("\"{t}\"")).boxed();
        let context = object(vec![
            ("aws:CurrentTime", time("2027-06-01T00:00:00Z"), 0.3),
            ("AWS:currenttime", time("2028-01-01T00:00:00Z"), 0.3),
            ("app:k", key_value.clone(), 0.5),
            ("App:K", key_value, 0.1),
            ("swf:x", text(), 0.05),
        ]);
        let principal = prop::sample::select(vec![
            "\"arn:aws:iam::111122223333:user/bob\"",
            "\"arn:aws:iam::111122223333:root\"",
            "\"bob\"",
        ])
        .prop_map(str::to_string)
        .boxed();
        object(vec![
            ("request", request, 0.95),
            ("principal", mostly(principal), 0.6),
            ("region", mostly(text()), 0.6),
            ("context", mostly(context), 0.6),
            ("id", prop_oneof![4 => text(), 1 => odd()].boxed(), 0.3),
            ("other", text(), 0.05),
        ])
    }

    proptest! {
        /// Whatever the plain reader accepts, the tree reader reads as the same case.
        #[test]
        fn the_plain_reader_never_disagrees_with_the_tree(line in line()) {
            for base in bases() {
                if let Some(plain) = plain_case(&line, &base, &mut Remembered::default()) {
                    let tree = tree_batch_case(&line, &base);
                    prop_assert_eq!(Ok(plain.clone()), tree.clone(), "{}", line);
                    let spans = |c: &CallInputs| c.user_keys.iter().map(|k| k.span).collect::<Vec<_>>();
                    prop_assert_eq!(spans(&plain.1), spans(&tree.unwrap().1));
                }
            }
        }
    }
}
