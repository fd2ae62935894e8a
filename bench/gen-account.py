#!/usr/bin/env python3
"""Writes an IAM account authorization details export ("GAAD") of account 111122223333.

usage: bench/gen-account.py [--principals N] [--users-share F] [--seed S] [--compact]
                            [--pages K] [--encoded-share F] [--corpus DIR] [-o FILE]

The export is what `aws iam get-account-authorization-details` prints (indent 4), or with
`--compact` the same on one line, or with `--pages K` the raw API's form: a JSON array of K
pages, each with IsTruncated and (but the last) Marker, every policy document percent-encoded
(RFC 3986) as the API returns it. The same seed describes the same account in every form.

The account: N principals (60% users, 40% roles by default) in ten teams, tagged `team` and
`env`, on the paths `/`, `/teams/TEAM/`, `/automation/` and `/service-role/`; 50 groups (a
user is in 0 to 4, joined by name); about 300 customer managed policies (a quarter with 2 to 5
versions, the default not always the latest); AWS managed attachments, ReadOnlyAccess
present in Policies (copied from tests/corpus/aws-managed), the others (AdministratorAccess,
PowerUserAccess, SimpleWorkflowFullAccess, ...) left out as a filtered export leaves them;
1 to 3 inline policies a principal, a share of them percent-encoded strings; permissions
boundaries on about a fifth of the principals, among them boundary-only policies
(AttachmentCount 0). Documents mix s3, dynamodb, sqs, logs and swf actions; SWF starts are
scoped to domains (`arn:aws:swf:us-east-1:111122223333:/domain/orders`) with conditions on
the workflow type, task list, tag list, `aws:PrincipalTag/team` and `env`,
`aws:RequestedRegion`, and some Deny statements, so that about a fifth of the principals may
start policies/requests/order.json (bench/gaad_check.py counts them).

A summary (principals, groups, policies, bytes, time) goes to standard error.
"""
import argparse
import json
import os
import random
import sys
import time
import urllib.parse

ACCOUNT = "111122223333"
V = "2012-10-17"
IAM = f"arn:aws:iam::{ACCOUNT}"
AWS_POLICY = "arn:aws:iam::aws:policy"

# Team, share of principals, its SWF domains, its workflow types.
TEAMS = [
    ("orders", 14, ["orders", "orders-eu", "orders-archive"], ["ProcessOrder", "RefundOrder", "CancelOrder"]),
    ("payments", 12, ["payments", "payments-batch"], ["Charge", "Refund", "Settle"]),
    ("shipping", 10, ["shipping", "shipping-batch"], ["Ship", "TrackParcel"]),
    ("inventory", 10, ["inventory", "inventory-batch"], ["Restock", "Count"]),
    ("analytics", 10, ["analytics", "analytics-batch"], ["NightlyReport", "Backfill"]),
    ("platform", 8, ["platform-jobs", "platform"], ["Rotate", "Cleanup"]),
    ("billing", 8, ["billing", "billing-batch"], ["Invoice", "Dunning"]),
    ("search", 8, ["search", "search-batch"], ["Reindex", "Compact"]),
    ("mobile", 10, ["mobile", "mobile-push"], ["Notify", "Sync"]),
    ("security", 10, ["security", "security-scans"], ["Scan", "Quarantine"]),
]
TEAM_NAMES = [t[0] for t in TEAMS]
TEAM = {t[0]: t for t in TEAMS}
ENVS = [("prod", 45), ("staging", 25), ("dev", 30)]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1"]
FIRST = ("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert "
         "sybil trent victor walter xavier yasmin zoe amir bea chen dana eli fatima gus hana "
         "igor jin kofi lena mateo nora omar priya quinn").split()
LAST = ("smith jones garcia miller davis lopez wilson anderson thomas taylor moore jackson "
        "martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker "
        "young allen king wright scott torres nguyen hill flores green adams").split()
ROLE_KINDS = ("worker api scheduler ingest etl deployer reader writer poller consumer "
              "exporter reconciler").split()

# AWS managed policies attached in the account: (name, path, present in Policies).
AWS_MANAGED = [
    ("ReadOnlyAccess", "/", True),
    ("AdministratorAccess", "/", False),
    ("PowerUserAccess", "/", False),
    ("SimpleWorkflowFullAccess", "/", False),
    ("AmazonS3ReadOnlyAccess", "/", False),
    ("AmazonDynamoDBFullAccess", "/", False),
    ("AmazonSQSFullAccess", "/", False),
    ("CloudWatchLogsFullAccess", "/", False),
    ("AWSLambdaBasicExecutionRole", "/service-role/", False),
]


def aws_arn(name):
    path = dict((n, p) for n, p, _ in AWS_MANAGED)[name]
    return f"{AWS_POLICY}{path}{name}"


def swf(region, domain):
    return f"arn:aws:swf:{region}:{ACCOUNT}:/domain/{domain}"


def doc(*statements):
    return {"Version": V, "Statement": list(statements)}


def st(effect, action, resource, condition=None, sid=None, not_action=False):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    s["NotAction" if not_action else "Action"] = action
    s["Resource"] = resource
    if condition:
        s["Condition"] = condition
    return s


class Gen:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        # Encoding choices draw from their own stream: every form of a seed is one account.
        self.enc_rng = random.Random(args.seed * 7919 + 1)
        self.args = args
        self.encode_all = args.pages is not None
        self.stamp = 1_546_300_800  # 2019-01-01
        self.ids = set()
        self.policies = {}  # arn -> ManagedPolicyDetail (without counts)
        self.attach = {}  # arn -> attachment count
        self.boundary_use = {}  # arn -> boundary usage count
        self.inline_total = 0
        self.inline_encoded = 0

    # Small helpers ------------------------------------------------------------------------

    def date(self):
        t = self.stamp + self.rng.randrange(0, 6 * 365 * 86400)
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

    def uid(self, prefix):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        while True:
            s = prefix + "".join(self.rng.choice(alphabet) for _ in range(17))
            if s not in self.ids:
                self.ids.add(s)
                return s

    def weighted(self, pairs):
        return self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]

    def encode(self, document, inline=False):
        """A document as the CLI prints it (an object), or percent-encoded as the API sends it."""
        share = self.args.encoded_share
        if not self.encode_all and self.enc_rng.random() >= share:
            return document
        if inline:
            self.inline_encoded += 1
        # Documents keep the layout their author gave them: some compact, some indented.
        layout = self.enc_rng.choice([(None, (",", ":")), (None, (", ", ": ")), (4, (",", ": "))])
        text = json.dumps(document, indent=layout[0], separators=layout[1])
        return urllib.parse.quote(text, safe="")

    # Policy documents -----------------------------------------------------------------------

    def service_statements(self, team, env, name=None, broad=False):
        """s3 / dynamodb / sqs / logs statements a workload of TEAM uses."""
        rng = self.rng
        who = name or f"{team}-{env}"
        out = []
        for svc in rng.sample(["s3", "dynamodb", "sqs", "logs", "kms", "sns"], rng.randint(1, 3)):
            region = rng.choice(REGIONS)
            if svc == "s3":
                acts = rng.choice([["s3:GetObject"], ["s3:GetObject", "s3:PutObject"],
                                   ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], ["s3:*"]])
                res = [f"arn:aws:s3:::{team}-{env}-data/*", f"arn:aws:s3:::{team}-{env}-data"]
                if broad:
                    res = "*"
                out.append(st("Allow", acts, res))
                if rng.random() < 0.3:
                    out.append(st("Allow", "s3:ListBucket", f"arn:aws:s3:::{who}-scratch",
                                  {"StringLike": {"s3:prefix": [f"{who}/*", "shared/*"]}}))
            elif svc == "dynamodb":
                acts = rng.choice([["dynamodb:GetItem", "dynamodb:Query"],
                                   ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                                    "dynamodb:Query", "dynamodb:Scan"], ["dynamodb:*"]])
                out.append(st("Allow", acts, [
                    f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{team}-{rng.choice(['state', 'events', 'locks'])}",
                    f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{team}-*/index/*"]))
            elif svc == "sqs":
                out.append(st("Allow", rng.choice([["sqs:SendMessage"],
                                                   ["sqs:ReceiveMessage", "sqs:DeleteMessage",
                                                    "sqs:GetQueueAttributes"], ["sqs:*"]]),
                              f"arn:aws:sqs:{region}:{ACCOUNT}:{team}-{rng.choice(['jobs', 'events', 'dlq'])}*"))
            elif svc == "logs":
                out.append(st("Allow", ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                              f"arn:aws:logs:{region}:{ACCOUNT}:log-group:/{team}/*"))
            elif svc == "kms":
                out.append(st("Allow", ["kms:Decrypt", "kms:GenerateDataKey"],
                              f"arn:aws:kms:{region}:{ACCOUNT}:key/*",
                              {"StringEquals": {"kms:ViaService": f"s3.{region}.amazonaws.com"}}))
            else:
                out.append(st("Allow", "sns:Publish", f"arn:aws:sns:{region}:{ACCOUNT}:{team}-alerts"))
        if rng.random() < 0.1:
            out.append(st("Deny", "s3:DeleteBucket", "*", sid="NoBucketDeletes"))
        return out

    def swf_start_statement(self, team):
        """One Allow of swf:StartWorkflowExecution for TEAM's domains, in one of several forms.

        For the orders team, forms 0-4 admit policies/requests/order.json (domain orders, type
        ProcessOrder, task list orders-high, tag team:orders, us-east-1) and 5-8 do not.
        """
        rng = self.rng
        _, _, domains, types = TEAM[team]
        d = domains[0]
        act = "swf:StartWorkflowExecution"
        form = rng.randrange(9)
        if form == 0:
            return st("Allow", act, swf("us-east-1", d), {"StringEquals": {"swf:workflowType.name": types[:2]}})
        if form == 1:
            return st("Allow", [act, "swf:SignalWorkflowExecution"], swf("*", f"{d}*"),
                      {"StringLike": {"swf:taskList.name": f"{d}-*"}})
        if form == 2:
            return st("Allow", act, swf("*", d), {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}})
        if form == 3:
            return st("Allow", act, [swf("us-east-1", x) for x in domains],
                      {"StringEquals": {"swf:tagList.member.0": f"team:{team}"}})
        if form == 4:
            return st("Allow", "swf:Start*", swf("us-east-1", d),
                      {"StringEquals": {"aws:PrincipalTag/team": team},
                       "StringLike": {"swf:workflowType.version": ["1.*", "2.*"]}})
        if form == 5:
            return st("Allow", act, swf("us-east-1", d), {"StringEquals": {"swf:workflowType.name": types[1:]}})
        if form == 6:
            return st("Allow", act, swf("eu-west-1", d))
        if form == 7:
            return st("Allow", act, swf("us-east-1", domains[1]))
        return st("Allow", act, swf("*", d), {"StringEquals": {"swf:taskList.name": f"{d}-low"}})

    def swf_read_statement(self, team):
        d = TEAM[team][2][0]
        return st("Allow", ["swf:Describe*", "swf:List*", "swf:Get*", "swf:Count*"], swf("*", f"{d}*"))

    def inline_document(self, team, env, name):
        rng = self.rng
        stmts = self.service_statements(team, env, name)
        r = rng.random()
        if r < 0.06:
            stmts.append(self.swf_start_statement(team))
        elif r < 0.09:
            stmts.append(st("Deny", "swf:StartWorkflowExecution", swf("*", "orders*"),
                            {"StringNotEquals": {"aws:PrincipalTag/team": "orders"}}, sid="OrdersOnlyForOrders"))
        elif r < 0.12:
            stmts.append(self.swf_read_statement(team))
        return doc(*stmts)

    # Managed policies -----------------------------------------------------------------------

    def add_policy(self, name, versions, default=None, path="/"):
        """VERSIONS: documents, oldest first; DEFAULT: index of the default (else the newest)."""
        arn = f"{IAM}:policy{path}{name}"
        if default is None:
            default = len(versions) - 1
        created = sorted(self.date() for _ in versions)
        vlist = []
        for i in reversed(range(len(versions))):
            vlist.append({"Document": self.encode(versions[i]), "VersionId": f"v{i + 1}",
                          "IsDefaultVersion": i == default, "CreateDate": created[i]})
        self.policies[arn] = {
            "PolicyName": name, "PolicyId": self.uid("ANPA"), "Arn": arn, "Path": path,
            "DefaultVersionId": f"v{default + 1}", "IsAttachable": True,
            "CreateDate": min(created), "UpdateDate": max(created), "PolicyVersionList": vlist,
        }
        self.attach.setdefault(arn, 0)
        self.boundary_use.setdefault(arn, 0)
        return arn

    def versions_of(self, final, older):
        """FINAL's history: 1 version mostly, else 2 to 5, the older ones from OLDER()."""
        rng = self.rng
        if rng.random() < 0.75:
            return [final], None
        n = rng.randint(2, 5)
        vs = [older() for _ in range(n - 1)] + [final]
        # Now and then a rollback: the newest version granted too much (swf:* on everything)
        # and an older one is the default again, so that a reader taking the newest version
        # instead of the default allows more principals.
        default = n - 1 if rng.random() < 0.7 else rng.randrange(n - 1)
        if default != n - 1:
            vs[default], vs[n - 1] = final, doc(st("Allow", ["swf:*", "s3:*"], "*"))
        return vs, default

    def customer_policies(self, count):
        rng = self.rng
        by_team = {t: {"svc": [], "start": [], "read": []} for t in TEAM_NAMES}
        # Fixed policies every account of this shape has.
        fixed = {}
        broad_start = lambda: doc(st("Allow", "swf:*", "*"))
        fixed["SwfOperations"] = self.add_policy("SwfOperations", *self.versions_of(doc(
            st("Allow", "swf:*", f"arn:aws:swf:*:{ACCOUNT}:/domain/*",
               {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2", "eu-west-1"]}}),
            st("Deny", ["swf:DeprecateDomain", "swf:DeprecateWorkflowType"], "*", sid="NoDeprecation")),
            broad_start), path="/platform/")
        fixed["SwfStartOwnTeamDomain"] = self.add_policy("SwfStartOwnTeamDomain", [doc(
            st("Allow", "swf:StartWorkflowExecution", f"arn:aws:swf:us-east-1:{ACCOUNT}:/domain/${{aws:PrincipalTag/team}}"),
            st("Allow", ["swf:List*", "swf:Describe*"], "*"))], path="/abac/")
        fixed["SwfStartTaggedForTeam"] = self.add_policy("SwfStartTaggedForTeam", [doc(
            st("Allow", "swf:StartWorkflowExecution", f"arn:aws:swf:*:{ACCOUNT}:/domain/*",
               {"StringEquals": {"swf:tagList.member.0": "team:${aws:PrincipalTag/team}"}}))], path="/abac/")
        fixed["DenyProdWorkflowsFromDev"] = self.add_policy("DenyProdWorkflowsFromDev", [doc(
            st("Deny", "swf:StartWorkflowExecution", [swf("*", "orders*"), swf("*", "payments*"), swf("*", "billing*")],
               {"StringEquals": {"aws:PrincipalTag/env": "dev"}}))])
        fixed["DenyOutsideRegions"] = self.add_policy("DenyOutsideRegions", [doc(
            st("Deny", ["iam:*", "organizations:*", "account:*"], "*", sid="NoGlobal", not_action=True,
               condition={"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2", "eu-west-1"]}}))])
        fixed["DenySwfStart"] = self.add_policy("DenySwfStart", [doc(
            st("Deny", ["swf:StartWorkflowExecution", "swf:StartChildWorkflowExecution"], "*"))], path="/guardrails/")
        # Boundaries; the first two are boundary-only (AttachmentCount 0).
        fixed["Boundary-NoSwf"] = self.add_policy("Boundary-NoSwf", [doc(
            st("Allow", ["s3:*", "dynamodb:*", "sqs:*", "logs:*", "kms:Decrypt", "sns:Publish"], "*"))],
            path="/boundaries/")
        fixed["Boundary-EU"] = self.add_policy("Boundary-EU", [doc(
            st("Allow", "*", "*", {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}))],
            path="/boundaries/")
        fixed["Boundary-Workloads"] = self.add_policy("Boundary-Workloads", *self.versions_of(doc(
            st("Allow", "*", "*", {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}}),
            st("Deny", "iam:*", "*")), lambda: doc(st("Allow", ["s3:*", "logs:*"], "*"))),
            path="/boundaries/")
        fixed["Boundary-TeamDomains"] = self.add_policy("Boundary-TeamDomains", [doc(
            st("Allow", "swf:*", f"arn:aws:swf:*:{ACCOUNT}:/domain/${{aws:PrincipalTag/team}}*"),
            st("Allow", ["s3:*", "dynamodb:*", "sqs:*", "logs:*"], "*"))],
            path="/boundaries/")
        fixed["Boundary-Developer"] = self.add_policy("Boundary-Developer", [doc(
            st("Allow", ["iam:*", "organizations:*"], "*", not_action=True),
            st("Allow", ["iam:GetRole", "iam:PassRole"], f"{IAM}:role/teams/*"))],
            path="/boundaries/")
        # The rest: per team, service access (most), SWF starters, SWF readers.
        # Every team has one of each kind at least, however few the policies.
        for i in range(max(30, count - len(fixed))):
            team = TEAM_NAMES[i % len(TEAM_NAMES)]
            env = self.weighted(ENVS)
            kind = ["svc", "start", "read"][i // 10] if i < 30 else \
                self.weighted([("svc", 62), ("start", 24), ("read", 14)])
            n = len(by_team[team][kind])
            if kind == "svc":
                name = f"{team}-{env}-access-{n + 1}"
                make = lambda: doc(*self.service_statements(team, env))
            elif kind == "start":
                name = f"{team}-swf-start-{n + 1}"
                make = lambda: doc(self.swf_start_statement(team), *self.service_statements(team, env)[:1])
            else:
                name = f"{team}-swf-read-{n + 1}"
                make = lambda: doc(self.swf_read_statement(team))
            final = make()
            # Older versions of a starter were broader (swf:* anywhere) or other forms.
            older = broad_start if kind == "start" and rng.random() < 0.5 else make
            path = rng.choice(["/", "/", f"/teams/{team}/"])
            arn = self.add_policy(name, *self.versions_of(final, older), path=path)
            by_team[team][kind].append(arn)
        return fixed, by_team

    def aws_policies(self, corpus):
        """AWS managed policies present in Policies (the others are left out, as filtered)."""
        index = {}
        with open(os.path.join(corpus, "..", "aws-managed-index.tsv")) as f:
            for line in f.read().splitlines()[1:]:
                name, arn, path, version, created, updated, _ = line.split("\t")
                index[name] = (arn, path, version, created, updated)
        for name, _, present in AWS_MANAGED:
            arn, path, version, created, updated = index[name]
            if not present:
                continue
            with open(os.path.join(corpus, f"{name}.json")) as f:
                document = json.load(f)
            self.policies[arn] = {
                "PolicyName": name, "PolicyId": self.uid("ANPA"), "Arn": arn, "Path": path,
                "DefaultVersionId": version, "IsAttachable": True,
                "CreateDate": created[:19] + "Z", "UpdateDate": updated[:19] + "Z",
                "PolicyVersionList": [{"Document": self.encode(document), "VersionId": version,
                                       "IsDefaultVersion": True, "CreateDate": updated[:19] + "Z"}],
            }
            self.attach.setdefault(arn, 0)
            self.boundary_use.setdefault(arn, 0)

    # Entities ---------------------------------------------------------------------------------

    def attached(self, arns):
        out = []
        for arn in arns:
            self.attach[arn] = self.attach.get(arn, 0) + 1
            out.append({"PolicyName": arn.rsplit("/", 1)[1], "PolicyArn": arn})
        return out

    def inline(self, team, env, name, count):
        out = []
        for k in range(count):
            self.inline_total += 1
            out.append({"PolicyName": f"{name}-inline-{k + 1}",
                        "PolicyDocument": self.encode(self.inline_document(team, env, name), inline=True)})
        return out

    def groups(self, fixed, by_team, count):
        rng = self.rng
        groups = []  # (name, path, team or None, attached arns, inline docs)
        pick = lambda xs, k: rng.sample(xs, min(k, len(xs)))
        for team in TEAM_NAMES:
            t = by_team[team]
            groups.append((f"{team}-developers", f"/teams/{team}/", team,
                           pick(t["svc"], 2) + pick(t["start"], 1), None))
            groups.append((f"{team}-oncall", f"/teams/{team}/", team,
                           pick(t["start"], 2) + pick(t["read"], 1), None))
            groups.append((f"{team}-readonly", f"/teams/{team}/", team, pick(t["read"], 1) + [aws_arn("ReadOnlyAccess")], None))
        cross = [
            ("admins", "/", [aws_arn("AdministratorAccess")], None),
            ("platform-admins", "/platform/", [aws_arn("PowerUserAccess"), fixed["DenyOutsideRegions"]], None),
            ("workflow-operators", "/", [aws_arn("SimpleWorkflowFullAccess")], None),
            ("sre", "/platform/", [fixed["SwfOperations"], aws_arn("CloudWatchLogsFullAccess")], None),
            ("swf-abac", "/abac/", [fixed["SwfStartOwnTeamDomain"]], None),
            ("swf-tagged-starters", "/abac/", [fixed["SwfStartTaggedForTeam"]], None),
            ("contractors", "/external/", [fixed["DenySwfStart"]],
             doc(st("Deny", ["iam:*", "kms:*"], "*"), st("Deny", "swf:*", "*", {"Bool": {"aws:MultiFactorAuthPresent": "false"}}))),
            ("interns", "/", [fixed["DenyProdWorkflowsFromDev"]], None),
            ("auditors", "/", [aws_arn("ReadOnlyAccess")], None),
            ("security-audit", "/", [aws_arn("ReadOnlyAccess")], doc(st("Allow", "access-analyzer:*", "*"))),
            ("readonly", "/", [aws_arn("ReadOnlyAccess"), aws_arn("AmazonS3ReadOnlyAccess")], None),
            ("data-scientists", "/", [aws_arn("AmazonS3ReadOnlyAccess"), aws_arn("AmazonDynamoDBFullAccess")], None),
            ("ci", "/automation/", [aws_arn("PowerUserAccess"), fixed["DenyProdWorkflowsFromDev"]], None),
            ("break-glass", "/", [aws_arn("AdministratorAccess")], None),
            ("release-managers", "/", [fixed["SwfOperations"], fixed["DenyOutsideRegions"]], None),
            ("dba", "/", [aws_arn("AmazonDynamoDBFullAccess")], None),
            ("messaging", "/", [aws_arn("AmazonSQSFullAccess")], None),
            ("support", "/", [], doc(st("Allow", ["swf:Describe*", "swf:List*", "swf:GetWorkflowExecutionHistory"], "*"))),
            ("qa", "/", [fixed["DenyProdWorkflowsFromDev"]], doc(*self.service_statements("analytics", "dev"))),
            ("finance", "/", [], doc(st("Allow", ["ce:*", "cur:*", "budgets:View*"], "*"))),
        ]
        for name, path, arns, inl in cross:
            groups.append((name, path, None, arns, inl))
        return groups[:count]

    def group_detail(self, g):
        name, path, team, arns, inl = g
        inline = []
        if inl is not None:
            self.inline_total += 1
            inline.append({"PolicyName": f"{name}-policy", "PolicyDocument": self.encode(inl, inline=True)})
        return {"Path": path, "GroupName": name, "GroupId": self.uid("AGPA"),
                "Arn": f"{IAM}:group{path}{name}", "CreateDate": self.date(),
                "GroupPolicyList": inline, "AttachedManagedPolicies": self.attached(arns)}

    def boundary(self, fixed, team, env):
        """A permissions boundary for about a fifth of the principals, else None."""
        if self.rng.random() >= 0.2:
            return None
        name = self.weighted([("Boundary-NoSwf", 20), ("Boundary-EU", 10), ("Boundary-Workloads", 35),
                              ("Boundary-TeamDomains", 20), ("Boundary-Developer", 15)])
        arn = fixed[name]
        self.boundary_use[arn] += 1
        return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}

    def tags(self, team, env, untagged_share):
        rng = self.rng
        if rng.random() < untagged_share:
            return []
        tags = [{"Key": "team", "Value": team}, {"Key": "env", "Value": env}]
        if rng.random() < 0.3:
            tags.append({"Key": "cost-center", "Value": f"cc-{rng.randint(1000, 9999)}"})
        rng.shuffle(tags)
        return tags

    def user(self, i, fixed, by_team, groups, names):
        rng = self.rng
        team = self.weighted([(t[0], t[1]) for t in TEAMS])
        env = self.weighted(ENVS)
        base = f"{rng.choice(FIRST)}.{rng.choice(LAST)}"
        name, k = base, 1
        while name in names:
            k += 1
            name = f"{base}{k}"
        names.add(name)
        path = self.weighted([("/", 50), (f"/teams/{team}/", 40), ("/automation/", 10)])
        tags = self.tags(team, env, 0.05)
        tagged = bool(tags)
        # Groups: most users in their team's groups, some in cross-cutting ones.
        count = self.weighted([(0, 15), (1, 35), (2, 30), (3, 12), (4, 8)])
        team_groups = [g[0] for g in groups if g[2] == team]
        cross = [(g[0], w) for g, w in zip([g for g in groups if g[2] is None], CROSS_WEIGHTS)]
        if not tagged:
            cross = [(n, w) for n, w in cross if n not in ("swf-abac", "swf-tagged-starters")]
        chosen = []
        if count and team_groups and rng.random() < 0.8:
            chosen.append(self.weighted([(g, w) for g, w in zip(team_groups, (65, 20, 15))]))
        while len(chosen) < count and cross:
            g = self.weighted(cross)
            if g not in chosen:
                chosen.append(g)
            cross = [(n, w) for n, w in cross if n != g]
        # Direct attachments: now and then a starter or service policy of the team.
        direct = []
        if rng.random() < 0.25:
            direct += rng.sample(by_team[team]["svc"], min(1, len(by_team[team]["svc"])))
        if rng.random() < 0.08 and by_team[team]["start"]:
            direct.append(rng.choice(by_team[team]["start"]))
        u = {"Path": path, "UserName": name, "UserId": self.uid("AIDA"),
             "Arn": f"{IAM}:user{path}{name}", "CreateDate": self.date(),
             "UserPolicyList": self.inline(team, env, name, rng.randint(1, 3)),
             "GroupList": chosen, "AttachedManagedPolicies": self.attached(direct)}
        b = self.boundary(fixed, team, env)
        if b:
            u["PermissionsBoundary"] = b
        u["Tags"] = tags
        return u

    def role(self, i, fixed, by_team, names):
        rng = self.rng
        team = self.weighted([(t[0], t[1]) for t in TEAMS])
        env = self.weighted(ENVS)
        kind = self.weighted([("service", 30), ("team", 55), ("ops", 15)])
        if kind == "service":
            path, svc = "/service-role/", rng.choice(["lambda", "ecs-tasks", "states", "events"])
            base = f"{team}-{svc}-{rng.choice(ROLE_KINDS)}"
        elif kind == "team":
            path, svc = f"/teams/{team}/", rng.choice(["ec2", "ecs-tasks", "lambda"])
            base = f"{team}-{env}-{rng.choice(ROLE_KINDS)}"
        else:
            path, svc = "/", None
            base = f"{rng.choice(['deploy', 'ci', 'ops', 'oncall', 'swf-admin', 'audit'])}-{team}"
        name, k = base, 1
        while name in names:
            k += 1
            name = f"{base}-{k}"
        names.add(name)
        t = by_team[team]
        arns = []
        if kind == "service":
            arns.append(aws_arn("AWSLambdaBasicExecutionRole") if svc == "lambda" else rng.choice(t["svc"]))
            if rng.random() < 0.15 and t["start"]:
                arns.append(rng.choice(t["start"]))
        elif kind == "team":
            arns += rng.sample(t["svc"], min(len(t["svc"]), rng.randint(0, 2)))
            if rng.random() < 0.45 and t["start"]:
                arns.append(rng.choice(t["start"]))
            if rng.random() < 0.1:
                arns.append(fixed["DenyProdWorkflowsFromDev"])
        else:
            arns.append(self.weighted([(aws_arn("PowerUserAccess"), 20), (aws_arn("SimpleWorkflowFullAccess"), 15),
                                       (aws_arn("ReadOnlyAccess"), 35), (fixed["SwfOperations"], 15),
                                       (aws_arn("AdministratorAccess"), 5), (fixed["DenySwfStart"], 10)]))
        if svc:
            principal = {"Service": f"{svc}.amazonaws.com"}
        else:
            principal = {"AWS": f"arn:aws:iam::{rng.choice([ACCOUNT, '444455556666'])}:root"}
        assume = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
        if not svc and rng.random() < 0.5:
            assume["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        trust = doc(assume)
        r = {"Path": path, "RoleName": name, "RoleId": self.uid("AROA"),
             "Arn": f"{IAM}:role{path}{name}", "CreateDate": self.date(),
             "AssumeRolePolicyDocument": self.encode(trust),
             "InstanceProfileList": [], "RolePolicyList": self.inline(team, env, name, rng.randint(1, 3)),
             "AttachedManagedPolicies": self.attached(arns)}
        b = self.boundary(fixed, team, env)
        if b:
            r["PermissionsBoundary"] = b
        r["Tags"] = self.tags(team, env, 0.1 if kind == "service" else 0.02)
        r["RoleLastUsed"] = {} if rng.random() < 0.3 else {"LastUsedDate": self.date(), "Region": rng.choice(REGIONS)}
        return r

    def build(self):
        a = self.args
        n = a.principals
        users = round(n * a.users_share)
        fixed, by_team = self.customer_policies(a.policies)
        self.aws_policies(a.corpus)
        groups = self.groups(fixed, by_team, a.groups)
        group_list = [self.group_detail(g) for g in groups]
        names = set()
        user_list = [self.user(i, fixed, by_team, groups, names) for i in range(users)]
        names = set()
        role_list = [self.role(i, fixed, by_team, names) for i in range(n - users)]
        policies = []
        for arn, p in self.policies.items():
            p = dict(p)
            # The counts sit where the CLI prints them, before the version list.
            versions = p.pop("PolicyVersionList")
            p["AttachmentCount"] = self.attach[arn]
            p["PermissionsBoundaryUsageCount"] = self.boundary_use[arn]
            p["PolicyVersionList"] = versions
            policies.append(p)
        return {"UserDetailList": user_list, "GroupDetailList": group_list,
                "RoleDetailList": role_list, "Policies": policies}


# How often a user lands in each cross-cutting group (in groups()'s order).
CROSS_WEIGHTS = [1, 3, 8, 6, 12, 8, 6, 8, 6, 3, 10, 6, 4, 1, 3, 3, 3, 5, 5, 3]


def pages(export, k):
    """The raw API's pages: items in the API's order split into K pages."""
    keys = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]
    items = [(key, x) for key in keys for x in export[key]]
    k = max(1, min(k, len(items)))
    out = []
    for i in range(k):
        chunk = items[len(items) * i // k: len(items) * (i + 1) // k]
        page = {key: [x for kk, x in chunk if kk == key] for key in keys}
        page["IsTruncated"] = i < k - 1
        if i < k - 1:
            page["Marker"] = f"AQ{i:04d}" + "EXAMPLEMARKER" * 3
        out.append(page)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--principals", type=int, default=10000)
    p.add_argument("--users-share", type=float, default=0.6, help="share of principals that are users")
    p.add_argument("--groups", type=int, default=50)
    p.add_argument("--policies", type=int, default=None, help="customer managed policies (default: N/33, 30 to 300)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--compact", action="store_true", help="one line instead of the CLI's indent 4")
    p.add_argument("--pages", type=int, default=None, metavar="K", help="the raw API's form: an array of K pages")
    p.add_argument("--encoded-share", type=float, default=0.15,
                   help="share of documents percent-encoded as the raw API returns them (all with --pages)")
    p.add_argument("--corpus", default=os.path.join(here, "..", "tests", "corpus", "aws-managed"))
    p.add_argument("-o", "--output", default="-")
    a = p.parse_args()
    if a.policies is None:
        a.policies = max(30, min(300, a.principals // 33))
    t0 = time.perf_counter()
    g = Gen(a)
    export = g.build()
    out = pages(export, a.pages) if a.pages is not None else export
    if a.compact:
        text = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
    else:
        text = json.dumps(out, indent=4, ensure_ascii=False)
    data = (text + "\n").encode()
    if a.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        with open(a.output, "wb") as f:
            f.write(data)
    elapsed = time.perf_counter() - t0
    users, roles = len(export["UserDetailList"]), len(export["RoleDetailList"])
    customer = sum(1 for p in export["Policies"] if ":aws:policy" not in p["Arn"])
    multi = sum(1 for p in export["Policies"] if len(p["PolicyVersionList"]) > 1)
    bounded = sum(1 for x in export["UserDetailList"] + export["RoleDetailList"] if "PermissionsBoundary" in x)
    form = f"{len(out)} pages" if a.pages is not None else ("compact" if a.compact else "indent 4")
    print(f"account {ACCOUNT}, seed {a.seed}: {users + roles} principals ({users} users, {roles} roles), "
          f"{len(export['GroupDetailList'])} groups, {len(export['Policies'])} policies in Policies "
          f"({customer} customer managed, {multi} with several versions, "
          f"{len(export['Policies']) - customer} AWS managed), {bounded} principals with a boundary, "
          f"{g.inline_total} inline policies ({g.inline_encoded} percent-encoded); "
          f"{form}, {len(data):,} bytes in {elapsed:.2f} s", file=sys.stderr)


main()
