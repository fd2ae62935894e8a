#!/usr/bin/env python3
"""Writes the policy pairs of bench/analysis_scale.sh: OUT_DIR KIND N.

statements: N statements a policy (domain patterns, task-list and type conditions, every
  tenth a Deny), the new policy widening one task list;
literals: one StringEquals on aws:PrincipalTag/team with N values, the new one trading a value;
like: N StringLike patterns on aws:PrincipalTag/team, the new policy dropping one;
keys: N statements on N independent keys aws:PrincipalTag/kI, each value changed in the new.
"""
import json
import os
import sys


def stmt(effect, resource, condition):
    s = {"Effect": effect, "Action": "swf:StartWorkflowExecution", "Resource": resource}
    if condition:
        s["Condition"] = condition
    return s


def statements(n, new):
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append(stmt("Deny", f"arn:aws:swf:*:111122223333:/domain/team{i}-secret*", None))
            continue
        tl = {"StringEquals": {"swf:taskList.name": f"tl-{i}"}}
        if new and i == n // 2:
            tl = {"StringLike": {"swf:taskList.name": f"tl-{i}*"}}
        cond = dict(tl)
        cond.setdefault("StringLike", {})["swf:workflowType.name"] = f"Flow{i % 7}*"
        out.append(stmt("Allow", f"arn:aws:swf:*:111122223333:/domain/team{i}-*", cond))
    return out


def literals(n, new):
    values = [f"team-{i:06d}" for i in range(n)]
    if new:
        values[n // 2] = "team-new"
    return [stmt("Allow", "*", {"StringEquals": {"aws:PrincipalTag/team": values}})]


def like(n, new):
    k = n - 1 if new else n
    return [
        stmt("Allow", "*", {"StringLike": {"aws:PrincipalTag/team": f"*{chr(97 + i % 26)}{i // 26}*"}})
        for i in range(k)
    ]


def keys(n, new):
    return [
        stmt("Allow", "*", {"StringEquals": {f"aws:PrincipalTag/k{i}": ("b" if new else "a") + str(i)}})
        for i in range(n)
    ]


def main():
    out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    make = {"statements": statements, "literals": literals, "like": like, "keys": keys}[kind]
    os.makedirs(out, exist_ok=True)
    for name, new in (("old", False), ("new", True)):
        doc = {"Version": "2012-10-17", "Statement": make(n, new)}
        with open(os.path.join(out, f"{kind}-{n}-{name}.json"), "w") as f:
            json.dump(doc, f, indent=1)


main()
