#!/usr/bin/env python3
"""Checks a GAAD export's shape and counts who may make a StartWorkflowExecution call.

usage: bench/gaad_check.py EXPORT [--request FILE] [--corpus DIR] [--list]

EXPORT is the CLI's form (an object) or the raw API's pages (an array); documents may be
objects or percent-encoded strings. Checks: every group a user names exists; every attached
customer managed policy and every boundary is in Policies, with exactly one version marked
IsDefaultVersion and that one named by DefaultVersionId; AttachmentCount and
PermissionsBoundaryUsageCount match the entities; names and ids are unique.

Then, for the request (default policies/requests/order.json, in us-east-1 of account
111122223333, no SCPs), a small evaluator of its own counts the principals allowed: identity
policies (inline, attached, their groups'), the boundary, explicit denies; AWS managed policies
missing from Policies are read from tests/corpus/aws-managed. It knows only the operators
bench/gen-account.py writes (String*, Bool, the IfExists forms) and stops on any other: it is
the generator's own account of what it built, for comparing with `swfsim whocan`, not an
oracle. --list prints the allowed ARNs, one a line.
"""
import argparse
import functools
import json
import os
import re
import sys
import time
import urllib.parse

ACCOUNT = "111122223333"
REGION = "us-east-1"


def fail(msg):
    print(f"gaad_check: {msg}", file=sys.stderr)
    sys.exit(2)


def document(d):
    """A policy document as GAAD carries it: an object, JSON text, or percent-encoded JSON."""
    if isinstance(d, dict):
        return d
    text = d if d.lstrip().startswith("{") else urllib.parse.unquote(d)
    return json.loads(text)


def merge(data):
    if isinstance(data, dict):
        return data
    out = {k: [] for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")}
    for i, page in enumerate(data):
        for k in out:
            out[k] += page.get(k, [])
        last = i == len(data) - 1
        if page.get("IsTruncated") == last or (not last and not page.get("Marker")):
            fail(f"page {i}: IsTruncated/Marker out of step with its place")
    return out


def check_shape(g):
    problems = []
    groups = {x["GroupName"]: x for x in g["GroupDetailList"]}
    policies = {p["Arn"]: p for p in g["Policies"]}
    attach = {a: 0 for a in policies}
    bound = {a: 0 for a in policies}
    seen = set()
    for kind, key, ident in (("user", "UserDetailList", "UserId"), ("role", "RoleDetailList", "RoleId"),
                             ("group", "GroupDetailList", "GroupId")):
        for x in g[key]:
            for k in (x["Arn"], x[ident]):
                if k in seen:
                    problems.append(f"duplicate {k}")
                seen.add(k)
            for a in x["AttachedManagedPolicies"]:
                arn = a["PolicyArn"]
                if arn in attach:
                    attach[arn] += 1
                elif ":aws:policy/" not in arn:
                    problems.append(f"{x['Arn']}: attached customer policy {arn} not in Policies")
            pb = x.get("PermissionsBoundary")
            if pb:
                if pb["PermissionsBoundaryArn"] in bound:
                    bound[pb["PermissionsBoundaryArn"]] += 1
                else:
                    problems.append(f"{x['Arn']}: boundary {pb['PermissionsBoundaryArn']} not in Policies")
            for name in x.get("GroupList", []):
                if name not in groups:
                    problems.append(f"{x['Arn']}: group {name} not in GroupDetailList")
            for il in x.get("UserPolicyList", []) + x.get("RolePolicyList", []) + x.get("GroupPolicyList", []):
                document(il["PolicyDocument"])
            if "AssumeRolePolicyDocument" in x:
                document(x["AssumeRolePolicyDocument"])
    for arn, p in policies.items():
        defaults = [v for v in p["PolicyVersionList"] if v["IsDefaultVersion"]]
        if len(defaults) != 1 or defaults[0]["VersionId"] != p["DefaultVersionId"]:
            problems.append(f"{arn}: default version out of step with DefaultVersionId {p['DefaultVersionId']}")
        for v in p["PolicyVersionList"]:
            document(v["Document"])
        if p["AttachmentCount"] != attach[arn] or p["PermissionsBoundaryUsageCount"] != bound[arn]:
            problems.append(f"{arn}: counts {p['AttachmentCount']}/{p['PermissionsBoundaryUsageCount']}, "
                            f"entities say {attach[arn]}/{bound[arn]}")
    return problems


# The evaluator --------------------------------------------------------------------------------

def as_list(x):
    return x if isinstance(x, list) else [x]


def substitute(text, ctx):
    """Policy variables; None when one has no value (the statement then does not match)."""
    missing = []

    def var(m):
        k = m.group(1)
        if k in ("*", "?", "$"):
            return k
        v = ctx.get(k.lower())
        if v is None:
            missing.append(k)
            return ""
        return v
    out = re.sub(r"\$\{([^}]+)\}", var, text)
    return None if missing else out


@functools.lru_cache(maxsize=None)
def compiled(pattern, case):
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(rx, 0 if case else re.I)


def like(pattern, value, case=True):
    return compiled(pattern, case).fullmatch(value) is not None


def condition_holds(op, key, values, ctx):
    base = op.split(":")[-1]
    if_exists = base.endswith("IfExists")
    if if_exists:
        base = base[: -len("IfExists")]
    v = ctx.get(key.lower())
    if v is None:
        return if_exists or base.startswith("StringNot")
    values = [substitute(str(x), ctx) for x in as_list(values)]
    values = [x for x in values if x is not None]
    if base == "Bool":
        return any(str(v).lower() == x.lower() for x in values)
    match = {
        "StringEquals": lambda x: v == x,
        "StringNotEquals": lambda x: v == x,
        "StringEqualsIgnoreCase": lambda x: v.lower() == x.lower(),
        "StringLike": lambda x: like(x, v),
        "StringNotLike": lambda x: like(x, v),
    }.get(base)
    if match is None:
        raise SystemExit(f"gaad_check: the evaluator does not know {op}")
    hit = any(match(x) for x in values)
    return not hit if base.startswith("StringNot") else hit


def statement_applies(s, action, resource, ctx):
    if "Action" in s:
        if not any(like(a, action, case=False) for a in as_list(s["Action"])):
            return False
    elif any(like(a, action, case=False) for a in as_list(s["NotAction"])):
        return False
    resources = [substitute(r, ctx) for r in as_list(s.get("Resource", s.get("NotResource", [])))]
    hit = any(r is not None and like(r, resource) for r in resources)
    if hit != ("Resource" in s):
        return False
    for op, block in s.get("Condition", {}).items():
        for key, values in block.items():
            if not condition_holds(op, key, values, ctx):
                return False
    return True


def decide(documents, action, resource, ctx):
    """'deny', 'allow' or None over some documents."""
    allowed = False
    for d in documents:
        for s in as_list(d["Statement"]):
            if statement_applies(s, action, resource, ctx):
                if s["Effect"] == "Deny":
                    return "deny"
                allowed = True
    return "allow" if allowed else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("export")
    p.add_argument("--request", default=os.path.join(here, "..", "policies", "requests", "order.json"))
    p.add_argument("--corpus", default=os.path.join(here, "..", "tests", "corpus", "aws-managed"))
    p.add_argument("--list", action="store_true")
    a = p.parse_args()
    t0 = time.perf_counter()
    with open(a.export, "rb") as f:
        raw = f.read()
    g = merge(json.loads(raw))
    parsed = time.perf_counter() - t0
    problems = check_shape(g)
    for x in problems[:20]:
        print(f"shape: {x}", file=sys.stderr)
    if problems:
        fail(f"{len(problems)} shape problems")

    policies = {}
    for pol in g["Policies"]:
        v = next(v for v in pol["PolicyVersionList"] if v["IsDefaultVersion"])
        policies[pol["Arn"]] = document(v["Document"])

    def managed(arn):
        if arn not in policies:
            with open(os.path.join(a.corpus, arn.rsplit("/", 1)[1] + ".json")) as f:
                policies[arn] = json.load(f)
        return policies[arn]

    groups = {x["GroupName"]: x for x in g["GroupDetailList"]}
    req = json.load(open(a.request))
    action = "swf:StartWorkflowExecution"
    resource = f"arn:aws:swf:{REGION}:{ACCOUNT}:/domain/{req['domain']}"
    base = {"aws:requestedregion": REGION, "aws:securetransport": "true", "aws:principalaccount": ACCOUNT,
            "swf:workflowtype.name": req["workflowType"]["name"],
            "swf:workflowtype.version": req["workflowType"]["version"]}
    if "taskList" in req:
        base["swf:tasklist.name"] = req["taskList"]["name"]
    for i, t in enumerate(req.get("tagList", [])):
        base[f"swf:taglist.member.{i}"] = t
    allowed, reasons = [], {}
    for kind, key, plist in (("User", "UserDetailList", "UserPolicyList"), ("Role", "RoleDetailList", "RolePolicyList")):
        for x in g[key]:
            ctx = dict(base)
            ctx["aws:principalarn"] = x["Arn"]
            ctx["aws:principaltype"] = kind
            if kind == "User":
                ctx["aws:username"] = x["UserName"]
                ctx["aws:userid"] = x["UserId"]
            for t in x.get("Tags", []):
                ctx[f"aws:principaltag/{t['Key']}".lower()] = t["Value"]
            docs = [document(i["PolicyDocument"]) for i in x[plist]]
            docs += [managed(m["PolicyArn"]) for m in x["AttachedManagedPolicies"]]
            for name in x.get("GroupList", []):
                gr = groups[name]
                docs += [document(i["PolicyDocument"]) for i in gr["GroupPolicyList"]]
                docs += [managed(m["PolicyArn"]) for m in gr["AttachedManagedPolicies"]]
            verdict = decide(docs, action, resource, ctx)
            pb = x.get("PermissionsBoundary")
            if verdict == "allow" and pb:
                b = decide([managed(pb["PermissionsBoundaryArn"])], action, resource, ctx)
                verdict = "allow" if b == "allow" else "boundary"
            verdict = verdict or "no allow"
            reasons[(kind, verdict)] = reasons.get((kind, verdict), 0) + 1
            if verdict == "allow":
                allowed.append(x["Arn"])
    n = len(g["UserDetailList"]) + len(g["RoleDetailList"])
    if a.list:
        print("\n".join(allowed))
    by = ", ".join(f"{k[0].lower()}s {k[1]} {v}" for k, v in sorted(reasons.items()))
    print(f"shape ok: {len(g['UserDetailList'])} users, {len(g['RoleDetailList'])} roles, "
          f"{len(g['GroupDetailList'])} groups, {len(g['Policies'])} policies; {len(raw):,} bytes, "
          f"python json.load {parsed:.2f} s", file=sys.stderr)
    print(f"allowed to start {os.path.basename(a.request)}: {len(allowed)} of {n} "
          f"({100 * len(allowed) / max(n, 1):.1f}%) ({by}); checked in {time.perf_counter() - t0:.2f} s",
          file=sys.stderr)


main()
