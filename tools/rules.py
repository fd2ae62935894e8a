# Generates src/lint/rules/*.rs, one file per rule, from the table below. The check bodies are
# Rust; the documentation follows ruff's template. Run: python3 tools/rules.py
import os, textwrap
RULES = []
def rule(code, name, sev, summary, what, why, example, instead, refs, body):
    RULES.append(dict(code=code, name=name, sev=sev, summary=summary, what=what, why=why,
                      example=example, instead=instead, refs=refs, body=body))

PARSE_BODY = "    super::lowering_errors(cx, &META, out);\n"
AA = "IAM Access Analyzer policy check `{}`"
for code, name, summary, what, why, ex, inst, aa in [
 ("SWF001","invalid-json","The file is not valid JSON.","Reports the place where reading stopped when the text is not JSON (RFC 8259): a missing comma or colon, a trailing comma, a comment, an unterminated string.","IAM refuses the document (`MalformedPolicyDocument: Syntax errors in policy`), and no tool can say what it grants.",'{"Statement": {"Effect": "Allow",}}','{"Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}',"JSON_SYNTAX_ERROR"),
 ("SWF002","duplicate-key","An object holds the same key twice.","Reports every repeated key of a JSON object, at the later occurrence.","IAM's grammar forbids it, and tools disagree on which value wins: a reviewer may read one `Effect` while AWS applies the other.",'{"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}}','{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}',"DUPLICATE_KEYS"),
 ("SWF003","unknown-element","An element name IAM does not know, or one written in the wrong case.","Reports top-level and statement keys other than `Version`, `Id`, `Statement`, `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition`. Names are case-sensitive.","IAM refuses the policy (`Unknown field statement`).",'{"Version": "2012-10-17", "statement": []}','{"Version": "2012-10-17", "Statement": []}',"UNKNOWN_ELEMENT"),
 ("SWF004","wrong-type","An element of the wrong JSON type.","Reports elements whose value is not the type IAM expects: a number as `Action`, an object as `Resource`, an array as a condition block.","IAM refuses the policy.",'{"Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}}','{"Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}',"INVALID_ELEMENT_TYPE"),
 ("SWF005","missing-element","A required element is missing.","Reports a policy without `Statement`, and statements without `Effect`, without `Action`/`NotAction`, without `Resource`/`NotResource`, or (resource control policies) without `Principal`.","IAM refuses the policy; a statement without a resource in an identity policy means nothing.",'{"Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution"}}','{"Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}',"MISSING_RESOURCE"),
 ("SWF006","invalid-effect","`Effect` is not `Allow` or `Deny`.","Reports an `Effect` other than the two case-sensitive values.","IAM refuses it (`The policy failed legacy parsing`); `allow` is not `Allow`.",'{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}','{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}',"INVALID_EFFECT"),
 ("SWF007","invalid-version","`Version` is not `2012-10-17` or `2008-10-17`.","Reports any other `Version` value.","IAM refuses it (`The policy must contain a valid version string`).",'{"Version": "2012-10-18", "Statement": []}','{"Version": "2012-10-17", "Statement": []}',"INVALID_VERSION"),
 ("SWF008","conflicting-elements","`Action` with `NotAction`, or `Resource` with `NotResource`, in one statement.","Reports the second of two elements that exclude each other.","A statement has either a list of what it covers or a list of what it does not; IAM refuses both at once.",'{"Statement": {"Effect": "Allow", "Action": "swf:*", "NotAction": "swf:Delete*", "Resource": "*"}}','{"Statement": {"Effect": "Allow", "NotAction": "swf:Delete*", "Resource": "*"}}',"UNSUPPORTED_ELEMENT_COMBINATION"),
 ("SWF009","principal-not-allowed","`Principal` or `NotPrincipal` in a policy type that has none.","Reports `Principal` and `NotPrincipal` in identity policies, boundaries, SCPs and session policies, and `NotPrincipal` in resource control policies.","IAM refuses it (`Policy document should not specify a principal`): the caller is implied by where the policy is attached.",'{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "swf:*", "Resource": "*"}}','{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}',"UNSUPPORTED_ELEMENT"),
 ("SWF010","invalid-action-format","An action that is not `*` or `service:ActionName`.","Reports actions without a colon, with more than one colon, or with an empty service or name.","IAM refuses it (`Actions/Condition can contain only one colon`).",'{"Statement": {"Effect": "Allow", "Action": "swf:Start:Workflow", "Resource": "*"}}','{"Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}}',"INVALID_ACTION_FORMAT"),
 ("SWF011","invalid-resource-format","A resource that is neither `*` nor an ARN.","Reports resources that do not start with `arn:`.","IAM refuses it (`Resource must be in ARN format or \"*\"`). An SWF domain is `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`.",'{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "orders"}}','{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}',"INVALID_ARN"),
 ("SWF012","invalid-sid","A `Sid` with characters other than ASCII letters and digits.","Reports Sids that do not match `[0-9A-Za-z]*`.","IAM refuses it in identity policies (`Statement IDs (SID) must be alpha-numeric`).",'{"Statement": {"Sid": "start-orders", "Effect": "Allow", "Action": "*", "Resource": "*"}}','{"Statement": {"Sid": "StartOrders", "Effect": "Allow", "Action": "*", "Resource": "*"}}',"INVALID_SID"),
 ("SWF013","duplicate-sid","Two statements of one policy share a `Sid`.","Reports the later statement's Sid.","IAM refuses it (`Statement IDs (SID) in a single policy must be unique`).",'{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}','{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "*", "Resource": "*"}]}',"DUPLICATE_SID"),
 ("SWF014","unknown-operator","A condition operator IAM does not know.","Reports operator names that are not one of IAM's operators with optional `ForAllValues:`/`ForAnyValue:` and `IfExists`; names are case-sensitive, and `Null` takes neither `IfExists` nor a set qualifier.","IAM refuses it (`Invalid Condition type : stringEquals`); `NullIfExists` is always true or always false.",'{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"stringEquals": {"swf:taskList.name": "tl"}}}}','{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}',"INVALID_CONDITION_TYPE, NULL_WITH_IF_EXISTS"),
 ("SWF015","duplicate-condition-key-case","Two keys under one operator differ only in case.","Reports the later key.","Condition key names are case-insensitive, so the two entries are the same key and IAM's handling of them is not what either line says.",'{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "a", "swf:tasklist.name": "b"}}}}','{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": ["a", "b"]}}}}',"DUPLICATE_KEYS_WITH_DIFFERENT_CASE"),
 ("SWF016","invalid-condition-key-format","A condition key that is not `prefix:name`.","Reports keys without a colon or with an empty prefix.","No request carries such a key; the condition never holds as written.",'{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"taskList": "tl"}}}}','{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}',"INVALID_CONDITION_KEY_FORMAT"),
 ("SWF017","invalid-principal","A principal IAM does not accept in a resource control policy.","Reports principals other than `*` and `{\"AWS\": ...}`.","Resource control policies name `\"Principal\": \"*\"`; anything else is refused.",'{"Statement": {"Effect": "Deny", "Principal": {"Service": "swf.amazonaws.com"}, "Action": "swf:*", "Resource": "*"}}','{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "swf:*", "Resource": "*"}}',"INVALID_PRINCIPAL"),
]:
    rule(code, name, "Error", summary, what, why, ex, inst, [AA.format(aa), "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"], PARSE_BODY)

rule("SWF101","condition-value-type","Error","A condition value does not fit its operator.",
 "Reports values of Numeric, Date, Bool, BinaryEquals, IpAddress/NotIpAddress and Null operators that are not numbers, W3C dates or epoch seconds, `true`/`false`, base64, IP addresses or CIDR blocks.",
 "The comparison cannot be made; swfsim answers `unknown` for any decision that depends on it, and AWS's behaviour is undocumented.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}}',
 ["IAM Access Analyzer policy checks `INVALID_CONDITION_DATA_TYPE`, `DATA_TYPE_MISMATCH`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            for v in &c.values {
                if let Value::Invalid { expected } = &v.node {
                    let raw = cx.text.get(v.span.start as usize..v.span.end as usize).unwrap_or("");
                    out.push(finding(&META, format!("`{}` under `{}` must be {expected}", raw.trim_matches('"'), c.operator.node), v.span, format!("{}.Condition.{}.{}", cx.path_of(s), c.operator.node, c.key.node), None));
                }
            }
        }
    }
""")

rule("SWF102","variable-unsupported-in-element","Error","A policy variable where IAM does not substitute it.",
 "Reports `${...}` in `Action`, in the partition, service, region or account of an ARN, in condition keys, and in values of Numeric, Date, Bool, BinaryEquals, IpAddress and Null operators.",
 "IAM substitutes variables only in the resource part of an ARN and in String and ARN condition values; elsewhere the text stays literal and never matches what the author meant.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:${aws:RequestedRegion}:123456789012:/domain/*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}}',
 ["IAM Access Analyzer policy checks `VARIABLE_UNSUPPORTED_IN_ELEMENT`, `INVALID_VARIABLE_FOR_OPERATOR`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"],
 """    for (d, s, conds) in cx.statements() {
        let p = cx.path_of(s);
        for (i, a) in s.action.items.iter().enumerate() {
            if a.node.contains("${") {
                out.push(finding(&META, format!("the variable in action `{}` is not substituted", a.node), a.span, format!("{p}.{}[{i}]", action_name(s)), Some("variables are allowed only in the resource part of an ARN and in String and ARN condition values".into())));
            }
        }
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    let prefix: String = a.text.splitn(6, ':').take(5).collect::<Vec<_>>().join(":");
                    if prefix.contains("${") && d.variables_enabled() {
                        out.push(finding(&META, format!("the variable in `{}` is outside the resource part of the ARN", a.text), item.span, format!("{p}.{}[{i}]", resource_name(s)), Some("IAM substitutes variables only after the fifth colon".into())));
                    }
                }
            }
        }
        for c in conds {
            if c.key.node.contains("${") {
                out.push(finding(&META, format!("condition key `{}` holds a variable", c.key.node), c.key.span, format!("{p}.Condition.{}", c.operator.node), None));
            }
            if !c.operator.node.base.variables() {
                for (v, raw) in c.values.iter().zip(&c.raw) {
                    if raw.contains("${") && d.variables_enabled() {
                        out.push(finding(&META, format!("`{}` does not substitute variables: `{raw}` stays literal", c.operator.node), v.span, format!("{p}.Condition.{}.{}", c.operator.node, c.key.node), None));
                    }
                }
            }
        }
    }
""")

rule("SWF103","variable-without-version","Error","A policy variable in a policy without `\"Version\": \"2012-10-17\"`.",
 "Reports `${...}` in resources and String or ARN condition values when `Version` is missing or `2008-10-17`.",
 "Without Version 2012-10-17, IAM compares `${aws:username}` as literal text: the statement silently matches nothing.",
 '{"Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:username}"}}',
 ["IAM Access Analyzer policy check `VARIABLE_UNSUPPORTED_IN_VERSION`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"],
 """    for (d, s, conds) in cx.statements() {
        if d.variables_enabled() {
            continue;
        }
        let p = cx.path_of(s);
        let help = Some("add `\\"Version\\": \\"2012-10-17\\"` to the policy".to_string());
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    if has_variable(&a.text) {
                        out.push(finding(&META, format!("`{}` is literal text without Version 2012-10-17", a.text), item.span, format!("{p}.{}[{i}]", resource_name(s)), help.clone()));
                    }
                }
            }
        }
        for c in conds {
            if c.operator.node.base.variables() {
                for (v, raw) in c.values.iter().zip(&c.raw) {
                    if has_variable(raw) {
                        out.push(finding(&META, format!("`{raw}` is literal text without Version 2012-10-17"), v.span, format!("{p}.Condition.{}.{}", c.operator.node, c.key.node), help.clone()));
                    }
                }
            }
        }
    }
""")

rule("SWF104","missing-qualifier","Error","A multivalued key under an operator without `ForAllValues:` or `ForAnyValue:`.",
 "Reports operators without a set qualifier on the multivalued global keys `aws:CalledVia`, `aws:PrincipalOrgPaths`, `aws:PrincipalServiceNamesList`, `aws:ResourceOrgPaths`, `aws:SourceOrgPaths` and `aws:TagKeys`.",
 "How IAM compares a set of values with a plain operator is undocumented; swfsim evaluates it as `ForAnyValue:`, which may not be what was meant.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}}}',
 ["IAM Access Analyzer policy check `MISSING_QUALIFIER`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            let multi = global_key(&c.key.node).is_some_and(|(_, _, m)| m);
            if multi && c.operator.node.set.is_none() && c.operator.node.base != BaseOp::Null {
                out.push(finding(&META, format!("`{}` is multivalued: qualify `{}` with `ForAllValues:` or `ForAnyValue:`", c.key.node, c.operator.node), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), None));
            }
        }
    }
""")

rule("SWF105","multivalued-variable","Error","A policy variable that names a multivalued key.",
 "Reports `${...}` variables in the resource part of `Resource`/`NotResource` ARNs and in String and ARN condition values (with `Version` 2012-10-17) whose key is multivalued: `aws:CalledVia`, `aws:PrincipalOrgPaths`, `aws:PrincipalServiceNamesList`, `aws:ResourceOrgPaths`, `aws:SourceOrgPaths`, `aws:TagKeys`.",
 "IAM substitutes only single-valued keys: a multivalued key never resolves as a variable, whatever the number of values the request carries. The default of `${key, 'default'}` always applies; without one the resource or value holding the variable matches nothing.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:PrincipalOrgPaths}"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/${aws:PrincipalOrgID}"}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"],
 """    // The one place this rule asks which keys are multivalued.
    let multivalued = |key: &str| global_key(key).filter(|(_, _, multi)| *multi).map(|(canon, _, _)| canon);
    let mut report = |t: &Template, what: &str, span: Span, path: String| {
        for v in t.variables() {
            let Some(canon) = multivalued(&v.key) else { continue };
            let (shown, outcome) = match &v.default {
                Some(d) => (format!("${{{}, '{d}'}}", v.key), format!("the default `{d}` always applies")),
                None => (format!("${{{}}}", v.key), format!("the {what} matches nothing")),
            };
            out.push(finding(&META, format!("`{shown}` names a multivalued key, which IAM never substitutes: {outcome}"), span, path.clone(), Some(format!("use a single-valued key, or compare `{canon}` itself with a set operator such as `ForAnyValue:StringEquals`"))));
        }
    };
    for (d, s, conds) in cx.statements() {
        if !d.variables_enabled() {
            continue; // SWF103: no variable is substituted at all.
        }
        let p = cx.path_of(s);
        if let Some(r) = &s.resource {
            for (i, item) in r.node.items.iter().enumerate() {
                if let ResourceItem::Arn(a) = &item.node {
                    if let Some(t) = a.resource_template() {
                        report(t, "resource", item.span, format!("{p}.{}[{i}]", resource_name(s)));
                    }
                }
            }
        }
        for c in conds {
            for v in &c.values {
                let t = match &v.node {
                    Value::Text(t) | Value::Like(t, _) => t,
                    Value::Arn(a) => match a.resource_template() {
                        Some(t) => t,
                        None => continue,
                    },
                    _ => continue,
                };
                report(t, "value", v.span, format!("{p}.Condition.{}.{}", c.operator.node, c.key.node));
            }
        }
    }
""")

rule("SWF201","unknown-swf-action","Error","An `swf:` action that does not exist.",
 "Reports `swf:` actions that name none of SWF's 51 actions (compared without regard to case), and `swf:` patterns that match none, with the closest action as a hint.",
 "IAM accepts unknown actions silently; the statement never grants or denies what its author meant.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecutions", "Resource": "*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}}',
 ["IAM Access Analyzer policy check `INVALID_ACTION`", "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html"],
 """    let names: Vec<String> = ACTIONS.iter().map(|(n, _)| format!("swf:{n}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for (_, s, _) in cx.statements() {
        for (i, a) in s.action.items.iter().enumerate() {
            let Some((svc, _)) = a.node.split_once(':') else { continue };
            if !svc.eq_ignore_ascii_case("swf") {
                continue;
            }
            let p = Pattern::wildcard(&a.node, true);
            if refs.iter().any(|n| p.matches(n)) {
                continue;
            }
            let help = did_you_mean(&a.node, &refs).map(|s| format!("did you mean `{s}`?"));
            let what = if p.has_wildcard() { "matches no SWF action" } else { "is not an SWF action" };
            out.push(finding(&META, format!("`{}` {what}", a.node), a.span, format!("{}.{}[{i}]", cx.path_of(s), action_name(s)), help));
        }
    }
""")

rule("SWF202","unknown-swf-condition-key","Error","An `swf:` condition key that does not exist.",
 "Reports `swf:` keys that are not among SWF's condition keys (`swf:tagList.member.0`–`4`, `swf:taskList.name`, `swf:workflowType.name`, ...), with the closest key as a hint.",
 "No request ever carries the key: a positive operator on it never holds, a negated one always does. `swf:tagList.member.5` does not exist because a start carries at most five tags.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.5": "x"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.4": "x"}}}}',
 ["IAM Access Analyzer policy check `INVALID_SERVICE_CONDITION_KEY`", "https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.api.html"],
 """    let keys: Vec<&str> = CONDITION_KEYS.iter().copied().filter(|k| k.starts_with("swf:")).collect();
    for (_, s, conds) in cx.statements() {
        for c in conds {
            let k = &c.key.node;
            if !crate::request::starts_with_ignore_case(k, "swf:") || keys.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                continue;
            }
            let help = did_you_mean(k, &keys).map(|s| format!("did you mean `{s}`?"));
            out.push(finding(&META, format!("`{k}` is not an SWF condition key"), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), help));
        }
    }
""")

rule("SWF203","key-not-supported-by-action","Warning","An `swf:` condition key that none of the statement's SWF actions supports.",
 "For statements whose `Action` lists only SWF actions, reports `swf:` keys that none of those actions carries (for example `swf:activityType.name` on `swf:StartWorkflowExecution`).",
 "The key is never present for those actions: a positive operator never holds, a negated one always does.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:activityType.name": "x", "swf:typeFilter.version": "1"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:workflowType.name": "x", "swf:workflowType.version": "1"}}}}',
 ["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.api.html"],
 """    for (_, s, conds) in cx.statements() {
        if s.action.negated || s.action.items.is_empty() {
            continue;
        }
        if !s.action.items.iter().all(|a| a.node.to_ascii_lowercase().starts_with("swf:")) {
            continue;
        }
        let pats: Vec<Pattern> = s.action.items.iter().map(|a| Pattern::wildcard(&a.node, true)).collect();
        let actions: Vec<&(&str, &[&str])> = ACTIONS.iter().filter(|(n, _)| pats.iter().any(|p| p.matches(&format!("swf:{n}")))).collect();
        if actions.is_empty() {
            continue;
        }
        for c in conds {
            let k = &c.key.node;
            let known = CONDITION_KEYS.iter().any(|x| x.eq_ignore_ascii_case(k));
            if !known || !k.to_ascii_lowercase().starts_with("swf:") {
                continue;
            }
            if !actions.iter().any(|(_, keys)| keys.iter().any(|x| x.eq_ignore_ascii_case(k))) {
                let names: Vec<String> = actions.iter().take(3).map(|(n, _)| format!("swf:{n}")).collect();
                let mut supported: Vec<&str> = actions.iter().flat_map(|(_, keys)| keys.iter().copied()).collect();
                supported.sort_unstable();
                supported.dedup();
                // These are real keys of other actions: suggest the supported keys with the same
                // final part (`swf:typeFilter.version` -> `swf:workflowType.version`).
                let last = |x: &str| x.rsplit('.').next().unwrap_or(x).to_ascii_lowercase();
                let same: Vec<String> = supported.iter().filter(|x| last(x) == last(k)).map(|x| format!("`{x}`")).collect();
                let help = match same.len() {
                    0 => did_you_mean(k, &supported).map(|x| format!("did you mean `{x}`?")),
                    1 => Some(format!("did you mean {}?", same[0])),
                    _ => Some(format!("did you mean one of {}?", same.join(", "))),
                };
                out.push(finding(&META, format!("`{k}` is never present for {}", names.join(", ")), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), help));
            }
        }
    }
""")

ARN_ITER = "    for_each_swf_arn(cx, false, |a, seg, span, path| {\n"
ARN_END = "    });\n"
rule("SWF204","domain-arn-without-slash","Warning","An SWF domain ARN without the `/` before `domain`.",
 "Reports SWF resources whose resource part is `domain/NAME` rather than `/domain/NAME`.",
 "SWF's domain ARNs are `arn:aws:swf:REGION:ACCOUNT:/domain/NAME`; an old Service Authorization Reference page wrote them without the slash. Such a pattern never matches a domain.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:domain/orders"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders"}}',
 ["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
 ARN_ITER + """        if seg.len() == 6 && seg[5].starts_with("domain/") {
            out.push(finding(&META, format!("`{}` lacks the `/` before `domain`: it never matches a domain", a.text), span, path, Some(format!("write `{}`", a.text.replacen(":domain/", ":/domain/", 1)))));
        }
""" + ARN_END)
rule("SWF205","domain-arn-empty-region","Warning","An SWF domain ARN with an empty region.",
 "Reports SWF resources whose region segment is empty.",
 "The Service Authorization Reference writes SWF's domain ARN without a region, but the ARN AWS authorizes carries the region (`arn:aws:swf:us-east-1:...`); an empty segment matches only an empty region, so the pattern never matches a domain.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf::123456789012:/domain/orders"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}',
 ["https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html", "https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
 ARN_ITER + """        if seg.len() >= 5 && seg[3].is_empty() {
            out.push(finding(&META, format!("`{}` has an empty region: it never matches a domain", a.text), span, path, Some("name the region, or `*` for every region".into())));
        }
""" + ARN_END)
rule("SWF206","arn-uppercase-segment","Warning","Upper-case letters in an ARN's partition, service, region or account.",
 "Reports SWF resources with upper-case letters before the resource part.",
 "These segments are lower case in every real ARN and swfsim compares them case-sensitively, so the pattern never matches.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:US-EAST-1:123456789012:/domain/orders"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders"}}',
 ["IAM Access Analyzer policy check `INVALID_ARN_SERVICE_CASE`"],
 ARN_ITER.replace("cx, false,", "cx, true,") + """        let upper = seg.iter().take(5).any(|x| x.chars().any(|c| c.is_ascii_uppercase()));
        if upper {
            out.push(finding(&META, format!("`{}` has upper-case letters before the resource part", a.text), span, path, Some("write the partition, service, region and account in lower case".into())));
        }
""" + ARN_END)
rule("SWF207","domain-arn-never-matches","Warning","An SWF resource pattern that can never match a domain ARN.",
 "Reports SWF resources whose partition is not `aws`, `aws-cn` or `aws-us-gov`, whose account is not 12 digits, or whose resource part cannot begin with `/domain/`, where no wildcard could make up for it.",
 "Only domains are SWF resources; a pattern that cannot match `arn:PARTITION:swf:REGION:ACCOUNT:/domain/NAME` grants or denies nothing.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/workflow/orders"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:us-east-1:123456789012:/domain/orders"}}',
 ["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
 ARN_ITER + """        if let Some(why) = never_matches_domain(seg) {
            out.push(finding(&META, format!("`{}` never matches a domain: {why}", a.text), span, path, None));
        }
""" + ARN_END)
rule("SWF208","set-operator-on-single-valued-key","Warning","`ForAllValues:` or `ForAnyValue:` on a single-valued key.",
 "Reports set qualifiers on SWF's keys (all single-valued) and on single-valued global keys.",
 "Set operators compare sets of request values; on a single-valued key `ForAllValues:` is true when the key is missing, which in an Allow grants more than intended.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"swf:taskList.name": "tl"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "tl"}}}}',
 ["IAM Access Analyzer policy check `FORALLVALUES_WITH_SINGLE_VALUED_KEY`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            if c.operator.node.set.is_some() && single_valued(&c.key.node) {
                out.push(finding(&META, format!("`{}` is single-valued: `{}` treats it as a set", c.key.node, c.operator.node), c.operator.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), Some("drop the `ForAllValues:`/`ForAnyValue:` qualifier".into())));
            }
        }
    }
""")
rule("SWF209","tag-key-never-present","Warning","A condition key AWS never includes in a StartWorkflowExecution call, in a statement that applies to it.",
 "Reports, in statements whose actions include `swf:StartWorkflowExecution`, keys the key catalogue says AWS never includes in that call: request tags (`aws:RequestTag/*`, `aws:TagKeys`), keys only a service principal's calls carry (`aws:SourceArn`, `aws:PrincipalServiceName`, ...), and keys whose supported services do not include SWF (`aws:SourceVpcArn`, `aws:VpceAccount`, ...).",
 "The key is never present for the call, so positive operators never hold and negated ones always do. StartWorkflowExecution carries no request tags (its `tagList` is `swf:tagList.member.N`).",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestTag/team": "orders"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:tagList.member.0": "team:orders"}}}}',
 ["IAM Access Analyzer policy check `ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`", "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleworkflowservice.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"],
 """    for (_, s, conds) in cx.statements() {
        if !applies_to_start(s) {
            continue;
        }
        for c in conds {
            let Some(g) = never_present(&c.key.node) else {
                continue;
            };
            let help = if g.name.starts_with("aws:RequestTag") || g.name == "aws:TagKeys" {
                "constrain the execution's tags with `swf:tagList.member.N`".to_string()
            } else {
                format!("AWS includes `{}` {}", g.name, g.availability.describe())
            };
            out.push(finding(&META, format!("`{}` is never present for swf:StartWorkflowExecution", c.key.node), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), Some(help)));
        }
    }
""")

rule("SWF301","allow-with-not-action","SecurityWarning","`Allow` with `NotAction`.",
 "Reports Allow statements that use `NotAction`.",
 "An Allow with NotAction grants every action of every service except the few listed, including actions added to AWS later.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"],
 """    for (_, s, _) in cx.statements() {
        if s.effect.node == Effect::Allow && s.action.negated {
            out.push(finding(&META, "`Allow` with `NotAction` grants every action not listed".into(), s.action.span, format!("{}.NotAction", cx.path_of(s)), Some("list the actions to allow in `Action`".into())));
        }
    }
""")
rule("SWF302","allow-with-not-resource","SecurityWarning","`Allow` with `NotResource`.",
 "Reports Allow statements that use `NotResource`.",
 "An Allow with NotResource grants the actions on every resource except those listed, including domains created later.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "NotResource": "arn:aws:swf:*:123456789012:/domain/prod"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/dev-*"}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html"],
 """    for (_, s, _) in cx.statements() {
        if s.effect.node == Effect::Allow {
            if let Some(r) = s.resource.as_ref().filter(|r| r.node.negated) {
                out.push(finding(&META, "`Allow` with `NotResource` grants every resource not listed".into(), r.span, format!("{}.NotResource", cx.path_of(s)), Some("list the domains to allow in `Resource`".into())));
            }
        }
    }
""")
rule("SWF303","allow-all-swf","SecurityWarning","`Allow` of `swf:*` or `*` on every resource without conditions.",
 "Reports unconditional Allow statements whose actions include `*` or `swf:*` and whose resources include `*`.",
 "It grants every SWF action (starting, signalling and terminating any workflow, deprecating domains) in every domain.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["swf:StartWorkflowExecution", "swf:Describe*"], "Resource": "arn:aws:swf:*:123456789012:/domain/orders"}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
 """    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow || s.action.negated || !conds.is_empty() {
            continue;
        }
        let broad = s.action.items.iter().find(|a| a.node == "*" || a.node.eq_ignore_ascii_case("swf:*"));
        let all = s.resource.as_ref().is_some_and(|r| !r.node.negated && r.node.items.iter().any(|i| matches!(i.node, ResourceItem::Any)));
        if let (Some(a), true) = (broad, all) {
            out.push(finding(&META, format!("`{}` on `*` grants every SWF action in every domain", a.node), a.span, format!("{}.Action", cx.path_of(s)), Some("list the actions and domains the caller needs".into())));
        }
    }
""")
rule("SWF304","first-tag-only","SecurityWarning","A condition on `swf:tagList.member.0` that leaves tags 1–4 free.",
 "Reports Allow statements that constrain `swf:tagList.member.0` but none of `swf:tagList.member.1` to `.4`.",
 "The SWF developer guide's own warning: only the first tag is checked, so a caller can add any tags after it. Require `\"Null\": {\"swf:tagList.member.1\": \"true\"}` to allow one tag at most.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEqualsIfExists": {"swf:tagList.member.0": ["some_ok_tag", "another_ok_tag"]}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEqualsIfExists": {"swf:tagList.member.0": ["some_ok_tag", "another_ok_tag"]}, "Null": {"swf:tagList.member.1": "true"}}}}',
 ["https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.policies.html"],
 """    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow {
            continue;
        }
        let Some(first) = conds.iter().find(|c| c.key_lower == "swf:taglist.member.0") else { continue };
        let rest = conds.iter().any(|c| matches!(c.key_lower.as_str(), "swf:taglist.member.1" | "swf:taglist.member.2" | "swf:taglist.member.3" | "swf:taglist.member.4"));
        if !rest {
            out.push(finding(&META, "only the first tag is constrained: tags 1 to 4 may be anything".into(), first.key.span, format!("{}.Condition.{}", cx.path_of(s), first.operator.node), Some("add `\\"Null\\": {\\"swf:tagList.member.1\\": \\"true\\"}` (at most one tag) or constrain members 1 to 4".into())));
        }
    }
""")
rule("SWF305","allow-on-missing-key","SecurityWarning","A negated operator or `...IfExists` in an Allow, on a key that may be missing.",
 "Reports Allow statements whose conditions use a negated operator (`StringNotEquals`, `ArnNotLike`, ...) or an `IfExists` operator on a key a request may not carry: SWF's tag and task-list keys, and global keys that are not always present.",
 "When the key is missing the condition holds, so the Allow grants to requests that say nothing: a start without a task list (and no type default), or a caller without the tag.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringNotEquals": {"swf:taskList.name": "admin-tl"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "orders-tl"}}}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists"],
 """    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow {
            continue;
        }
        for c in conds {
            let op = c.operator.node;
            if op.set.is_some() || op.base == BaseOp::Null || !may_be_missing(&c.key.node) {
                continue;
            }
            if op.negated() || op.if_exists {
                let why = if op.if_exists { "`IfExists` holds" } else { "a negated operator holds" };
                out.push(finding(&META, format!("when `{}` is missing {why}, and this Allow applies", c.key.node), c.operator.span, format!("{}.Condition.{}", cx.path_of(s), op), Some("require the key with a positive operator, or add `\\"Null\\": {\\"KEY\\": \\"false\\"}`".into())));
            }
        }
    }
""")
rule("SWF306","forallvalues-allow-on-missing-key","SecurityWarning","`ForAllValues:` in an Allow on a key that may be missing.",
 "Reports Allow statements with `ForAllValues:` conditions on keys a request may not carry.",
 "`ForAllValues:` is true when the key is missing (the empty set is a subset of anything), so the Allow grants to requests without the key.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}, "Null": {"aws:TagKeys": "false"}}}}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"],
 """    for (_, s, conds) in cx.statements() {
        if s.effect.node != Effect::Allow {
            continue;
        }
        for c in conds {
            if c.operator.node.set != Some(SetQualifier::ForAllValues) || !may_be_missing(&c.key.node) {
                continue;
            }
            let guarded = conds.iter().any(|o| o.key_lower == c.key_lower && o.operator.node.base == BaseOp::Null && o.raw.iter().all(|v| v.eq_ignore_ascii_case("false")));
            if !guarded {
                out.push(finding(&META, format!("`{}` holds when `{}` is missing, and this Allow applies", c.operator.node, c.key.node), c.operator.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), Some(format!("add `\\"Null\\": {{\\"{}\\": \\"false\\"}}`", c.key.node))));
            }
        }
    }
""")
rule("SWF307","string-like-on-arn-key","SecurityWarning","A string operator on an ARN-valued key.",
 "Reports `StringLike` and `StringNotLike` (with any qualifier or `IfExists`) on keys whose values are ARNs (`aws:PrincipalArn`, `aws:SourceArn`, and keys named `...Arn`).",
 "String wildcards cross ARN segments (`*` matches `:`), so `arn:aws:iam::*:role/x` also matches unexpected ARNs; ARN operators match segment by segment.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy*"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy*"}}}}',
 ["IAM Access Analyzer policy check `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS`"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            let b = c.operator.node.base;
            if matches!(b, BaseOp::StringLike | BaseOp::StringNotLike) && arn_valued(&c.key.node) {
                out.push(finding(&META, format!("`{}` holds ARNs: use an ARN operator instead of `{}`", c.key.node, c.operator.node), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), Some(format!("write `{}`", c.operator.node.to_string().replace("StringLike", "ArnLike").replace("StringNotLike", "ArnNotLike")))));
            }
        }
    }
""")

rule("SWF401","missing-version","Warning","The policy has no `Version`.",
 "Reports policies without a `Version` element.",
 "Without `\"Version\": \"2012-10-17\"` policy variables are literal text, and newer features may not apply.",
 '{"Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:ListDomains", "Resource": "*"}}',
 ["IAM Access Analyzer policy check `MISSING_VERSION`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html"],
 """    for d in &cx.lowered.documents {
        if d.version.is_none() {
            let span = Span::new(d.span.start as usize, d.span.start as usize + 1);
            out.push(finding(&META, "the policy has no `Version`".into(), span, String::new(), Some("add `\\"Version\\": \\"2012-10-17\\"`".into())));
        }
    }
""")
rule("SWF402","redundant-action","Suggestion","An action covered by another action of the same statement.",
 "Reports every action of a statement that another action's pattern covers, and the action that covers it.",
 "Redundant entries make a policy longer (policies have a size quota) and harder to review.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["swf:Describe*", "swf:DescribeDomain"], "Resource": "*"}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:Describe*", "Resource": "*"}}',
 ["IAM Access Analyzer policy check `REDUNDANT_ACTION`"],
 """    for (_, s, _) in cx.statements() {
        let items: Vec<&str> = s.action.items.iter().map(|a| a.node.as_str()).collect();
        for (i, j) in redundant_pairs(&items, true, false) {
            let (a, b) = (&s.action.items[i], &s.action.items[j]);
            out.push(finding(&META, format!("`{}` is covered by `{}`", a.node, b.node), a.span, format!("{}.{}[{i}]", cx.path_of(s), action_name(s)), Some(format!("remove `{}`", a.node))));
            out.push(finding(&META, format!("`{}` covers `{}`", b.node, a.node), b.span, format!("{}.{}[{j}]", cx.path_of(s), action_name(s)), None));
        }
    }
""")
rule("SWF403","redundant-resource","Suggestion","A resource covered by another resource of the same statement.",
 "Reports every resource of a statement that another resource's pattern covers, and the resource that covers it.",
 "Redundant entries make a policy longer and harder to review.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": ["arn:aws:swf:*:123456789012:/domain/*", "arn:aws:swf:*:123456789012:/domain/orders"]}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:*", "Resource": "arn:aws:swf:*:123456789012:/domain/*"}}',
 ["IAM Access Analyzer policy check `REDUNDANT_RESOURCE`"],
 """    for (_, s, _) in cx.statements() {
        let Some(r) = &s.resource else { continue };
        let texts: Vec<String> = r.node.items.iter().map(|i| match &i.node {
            ResourceItem::Any => "*".to_string(),
            ResourceItem::Arn(a) => a.text.clone(),
        }).collect();
        let items: Vec<&str> = texts.iter().map(String::as_str).collect();
        for (i, j) in redundant_pairs(&items, false, true) {
            let name = resource_name(s);
            out.push(finding(&META, format!("`{}` is covered by `{}`", items[i], items[j]), r.node.items[i].span, format!("{}.{name}[{i}]", cx.path_of(s)), Some(format!("remove `{}`", items[i]))));
            out.push(finding(&META, format!("`{}` covers `{}`", items[j], items[i]), r.node.items[j].span, format!("{}.{name}[{j}]", cx.path_of(s)), None));
        }
    }
""")
rule("SWF404","statement-never-applies","Warning","A statement that can never apply.",
 "Reports Allow statements whose every action and resource an unconditional Deny of the same policy covers, and statements whose conditions contradict each other (a key required absent by `Null` and compared by a positive operator; `StringEquals` and `StringNotEquals` on the same values).",
 "The statement does nothing; its author probably expected it to grant or deny something.",
 '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}, {"Effect": "Deny", "Action": "swf:*", "Resource": "*"}]}',
 '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*"}, {"Effect": "Deny", "Action": "swf:Delete*", "Resource": "*"}]}',
 ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"],
 """    for d in &cx.lowered.documents {
        for s in &d.statements {
            let p = cx.path_of(s);
            if s.effect.node == Effect::Allow {
                if let Some(deny) = d.statements.iter().find(|x| shadows(x, s)) {
                    out.push(finding(&META, format!("an unconditional Deny (statement {}) covers every action and resource of this Allow", deny.index), s.span, p.clone(), None));
                }
            }
        }
    }
    for (_, s, conds) in cx.statements() {
        if let Some(why) = contradiction(conds) {
            out.push(finding(&META, format!("the conditions contradict each other: {why}"), s.condition_span.unwrap_or(s.span), format!("{}.Condition", cx.path_of(s)), None));
        }
    }
""")
rule("SWF405","policy-size-over-quota","Warning","The policy is larger than IAM's quota for its type.",
 "Counts characters as IAM does (whitespace not counted for identity policies and boundaries; every character for SCPs and RCPs) and reports policies over 10,240 characters (the largest identity-policy quota), 2,048 for session policies, 5,120 for SCPs and RCPs.",
 "IAM refuses to store it (`LimitExceeded: Cannot exceed quota for PolicySize`).",
 "",
 "",
 ["IAM Access Analyzer policy checks `POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA`, `POLICY_SIZE_EXCEEDS_SCP_QUOTA`", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"],
 """    for d in &cx.lowered.documents {
        let text = cx.text.get(d.span.start as usize..d.span.end as usize).unwrap_or("");
        let (count, limit, counted) = match cx.kind {
            PolicyKind::Scp | PolicyKind::Rcp => (text.chars().count(), 5_120, "characters"),
            PolicyKind::Session => (text.chars().filter(|c| !c.is_whitespace()).count(), 2_048, "characters excluding whitespace"),
            _ => (text.chars().filter(|c| !c.is_whitespace()).count(), 10_240, "characters excluding whitespace"),
        };
        if count > limit {
            out.push(finding(&META, format!("{count} {counted} exceed the quota of {limit} characters for this {}", cx.kind.describe()), d.span, String::new(), Some("split the policy into smaller policies".into())));
        }
    }
""")
rule("SWF406","wildcard-without-like","Warning","`*` or `?` in a value of an operator that does not take wildcards.",
 "Reports values with `*` or `?` under `StringEquals`, `StringNotEquals` and their `IgnoreCase` forms.",
 "Those operators compare literally: `orders-*` matches only the text `orders-*`.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringEquals": {"swf:taskList.name": "orders-*"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringLike": {"swf:taskList.name": "orders-*"}}}}',
 ["IAM Access Analyzer policy check `WILDCARD_WITHOUT_LIKE_OPERATOR`"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            if c.operator.node.base.family() != Family::String || c.operator.node.base.wildcards() {
                continue;
            }
            for (v, raw) in c.values.iter().zip(&c.raw) {
                let plain = raw.replace("${*}", "").replace("${?}", "");
                if plain.contains(['*', '?']) {
                    out.push(finding(&META, format!("`{}` compares `{raw}` literally", c.operator.node), v.span, format!("{}.Condition.{}.{}", cx.path_of(s), c.operator.node, c.key.node), Some(format!("use `{}`", c.operator.node.to_string().replace("StringEqualsIgnoreCase", "StringLike").replace("StringNotEqualsIgnoreCase", "StringNotLike").replace("StringEquals", "StringLike").replace("StringNotEquals", "StringNotLike")))));
                }
            }
        }
    }
""")
rule("SWF407","operator-type-mismatch","Warning","An operator of another type than the key's values.",
 "Reports String operators on Boolean, numeric, date and IP-address global keys (`aws:SecureTransport`, `aws:MultiFactorAuthAge`, `aws:CurrentTime`, `aws:SourceIp`, ...).",
 "The comparison is textual: `\"TRUE\"` does not equal `true`, `\"3600\"` is not compared as a number, and a CIDR block is not a range.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SecureTransport": "false"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}',
 ["IAM Access Analyzer policy check `TYPE_MISMATCH`"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            let Some((canon, ty, _)) = global_key(&c.key.node) else { continue };
            let want = match ty {
                KeyType::Bool => "Boolean",
                KeyType::Numeric => "Numeric",
                KeyType::Date => "Date",
                KeyType::Ip => "IP address",
                _ => continue,
            };
            if c.operator.node.base.family() == Family::String {
                out.push(finding(&META, format!("use the operator type {want} instead of operator string for the condition key `{canon}`"), c.key.span, format!("{}.Condition.{}", cx.path_of(s), c.operator.node), None));
            }
        }
    }
""")
rule("SWF408","equivalent-to-null-false","Suggestion","`StringLike` with the value `*`: a test that the key exists.",
 "Reports `StringLike` conditions whose value is exactly `*`.",
 "`\"StringLike\": {\"KEY\": \"*\"}` holds whenever the key is present; `\"Null\": {\"KEY\": \"false\"}` says so directly.",
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"StringLike": {"swf:taskList.name": "*"}}}}',
 '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "swf:StartWorkflowExecution", "Resource": "*", "Condition": {"Null": {"swf:taskList.name": "false"}}}}',
 ["IAM Access Analyzer policy check `EQUIVALENT_TO_NULL_FALSE`"],
 """    for (_, s, conds) in cx.statements() {
        for c in conds {
            let op = c.operator.node;
            if op.base != BaseOp::StringLike || op.set.is_some() {
                continue;
            }
            for (v, raw) in c.values.iter().zip(&c.raw) {
                if raw == "*" {
                    out.push(finding(&META, format!("`{}` with `*` only tests that `{}` exists", op, c.key.node), v.span, format!("{}.Condition.{}.{}", cx.path_of(s), op, c.key.node), Some(format!("write `\\"Null\\": {{\\"{}\\": \\"false\\"}}`", c.key.node))));
                }
            }
        }
    }
""")

# Rules whose fixtures are linted as another policy type than identity.
KIND = {"SWF017": "rcp"}
SEV = {"Error":"Error","SecurityWarning":"SecurityWarning","Warning":"Warning","Suggestion":"Suggestion"}
def rs(s): return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
os.makedirs('src/lint/rules', exist_ok=True)
mods=[]
for r in RULES:
    mod = r['code'].lower() + '_' + r['name'].replace('-','_')
    mods.append((mod, r['code']))
    doc = [f"//! {r['code']} `{r['name']}`: {r['summary']}", "//!", "//! ## What it does", "//!"]
    doc += ["//! " + l for l in textwrap.wrap(r['what'], 96)]
    doc += ["//!", "//! ## Why is this bad?", "//!"] + ["//! " + l for l in textwrap.wrap(r['why'], 96)]
    if r['example']:
        doc += ["//!", "//! ## Example", "//!", "//! ```json", "//! " + r['example'], "//! ```", "//!", "//! Use instead:", "//!", "//! ```json", "//! " + r['instead'], "//! ```"]
    src = "\n".join(doc) + "\n\n#[allow(unused_imports)]\nuse super::*;\n\n"
    src += "/// The rule's documentation and identity.\npub static META: RuleMeta = RuleMeta {\n"
    src += f"    code: {rs(r['code'])},\n    name: {rs(r['name'])},\n    severity: Severity::{SEV[r['sev']]},\n    summary: {rs(r['summary'])},\n    what: {rs(r['what'])},\n    why: {rs(r['why'])},\n    example: {rs(r['example'])},\n    instead: {rs(r['instead'])},\n    references: &[{', '.join(rs(x) for x in r['refs'])}],\n}};\n\n"
    src += "/// Appends this rule's findings for one file.\npub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {\n" + r['body'] + "}\n"
    open(f"src/lint/rules/{mod}.rs", 'w').write(src)
    if r['example']:
        kind = KIND.get(r['code'])
        suffix = f".{kind}" if kind else ""
        open(f"tests/lint/fixtures/{r['code']}{suffix}.json", 'w').write(r['example'] + "\n")
        open(f"tests/lint/fixtures/{r['code']}{suffix}.ok.json", 'w').write(r['instead'] + "\n")
# registry
lines = ["//! The rules, one per file (generated by `tools/rules.py` from one table, so every rule has",
         "//! the same documentation template), and the registry `ALL` in code order.", "",
         "mod shared;", "pub use shared::*;", ""]
lines += [f"pub mod {m};" for m,_ in mods]
lines.append("")
lines.append("/// Every rule, in code order.")
lines.append("pub static ALL: &[Rule] = &[")
for m,_ in mods: lines.append(f"    Rule {{ meta: &{m}::META, check: {m}::check }},")
lines.append("];")
open('src/lint/rules.rs','w').write("\n".join(lines)+"\n")
print(len(RULES), "rules")
