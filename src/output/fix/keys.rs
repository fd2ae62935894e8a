//! Where a condition key's value comes from, as instructions: how to supply it, leave it out,
//! or give it another value.

/// What sets a key, for the advice's purposes.
enum Origin<'a> {
    /// `swf:taskList.name`.
    TaskList,
    /// `swf:workflowType.name` or `.version`: the request member's name.
    WorkflowType(&'static str),
    /// `swf:tagList.member.N`: N as written.
    Tag(&'a str),
    /// `aws:ResourceTag/NAME`: the tag's name as written.
    ResourceTag(&'a str),
    /// `aws:CurrentTime`: the time of the call.
    Clock,
    /// `aws:SourceIp` and `aws:VpcSourceIp`: where the call comes from.
    Address,
    /// `aws:PrincipalArn`: the caller.
    Caller,
    /// Any other key: the call's context.
    Context,
}

fn origin(key: &str) -> Origin<'_> {
    let k = key.to_ascii_lowercase();
    let tag = "swf:tagList.member.".len();
    let resource_tag = "aws:ResourceTag/".len();
    match k.as_str() {
        "swf:tasklist.name" => Origin::TaskList,
        "swf:workflowtype.name" => Origin::WorkflowType("workflowType.name"),
        "swf:workflowtype.version" => Origin::WorkflowType("workflowType.version"),
        "aws:currenttime" => Origin::Clock,
        "aws:sourceip" | "aws:vpcsourceip" => Origin::Address,
        "aws:principalarn" => Origin::Caller,
        _ if k.starts_with("swf:taglist.member.") => Origin::Tag(&key[tag..]),
        _ if k.starts_with("aws:resourcetag/") => Origin::ResourceTag(&key[resource_tag..]),
        _ => Origin::Context,
    }
}

/// Whether AWS never includes the key in a StartWorkflowExecution call.
pub(super) fn never_present(key: &str) -> bool {
    crate::keys::never_present(key).is_some()
}

/// Where a key's value comes from, as an instruction; `example` stands for VALUE in
/// `--context KEY=VALUE`.
pub(super) fn how_to_supply(key: &str, example: Option<&str>) -> String {
    match origin(key) {
        Origin::TaskList => "name a `taskList` in the request (or, with a world, register a `defaultTaskList` for the workflow type)".into(),
        Origin::WorkflowType(_) => "set `workflowType` in the request".into(),
        Origin::Tag(n) => format!("put a tag at position {n} of the request's `tagList`"),
        Origin::ResourceTag(name) => {
            format!("tag the domain with `{name}` (the world's domain `tags`)")
        }
        // A key AWS never includes in this call cannot be given: no call carries it.
        _ if never_present(key) => {
            "no StartWorkflowExecution call carries it (AWS never includes it), so change the policy"
                .into()
        }
        _ => format!(
            "if the real call carries it, give it with `--context {key}={}`",
            example.unwrap_or("VALUE")
        ),
    }
}

/// How to make the call without a key, as an instruction.
pub(super) fn how_to_drop(key: &str) -> String {
    match origin(key) {
        Origin::TaskList => "name no `taskList` in the request (and, with a world, register no `defaultTaskList` for the workflow type)".into(),
        Origin::WorkflowType(_) => "every call names its `workflowType`: change the policy".into(),
        Origin::Tag(n) => format!(
            "send at most {n} tag{} in `tagList`",
            if n == "1" { "" } else { "s" }
        ),
        Origin::ResourceTag(name) => {
            format!("remove the tag `{name}` from the domain (the world's domain `tags`)")
        }
        _ => format!("make the call without it (no `--context {key}=...`)"),
    }
}

/// The request member or input that sets a key, for "change ..." hints.
pub(super) fn member_of(key: &str) -> String {
    match origin(key) {
        Origin::TaskList => "`taskList.name`".into(),
        Origin::WorkflowType(member) => format!("`{member}`"),
        Origin::Tag(n) => format!("tag {n} of `tagList`"),
        _ => format!("`{key}`"),
    }
}

/// How to give a key a value that `noun` describes ("a value below 3"); with `named`, the key
/// was just named, and is "it".
pub(super) fn give(key: &str, noun: &str, named: bool) -> String {
    match origin(key) {
        Origin::Clock => format!("make the call at {noun} (`--now`)"),
        Origin::Address => format!("call from {noun}"),
        Origin::Caller => format!("call as a principal with {noun} (`--principal`)"),
        _ if named => format!("give it {noun}"),
        _ => format!("give {} {noun}", member_of(key)),
    }
}

/// How to set a key to one value; with `named`, the key was just named, and is "it".
pub(super) fn set_to(key: &str, value: &str, named: bool) -> String {
    let subject = if named { "it".into() } else { member_of(key) };
    match origin(key) {
        Origin::Context => format!("set {subject} to `{value}` (`--context {key}={value}`)"),
        _ => format!("set {subject} to `{value}`"),
    }
}
