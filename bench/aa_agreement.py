#!/usr/bin/env python3
"""Agreement of `swfsim lint` with IAM Access Analyzer's own findings.

usage: python3 bench/aa_agreement.py [--bin target/release/swfsim] --dir FINDINGS_DIR

For each of the 125 policies in the folder (read in place: it is GPL-sourced and not copied into
this repository), runs `swfsim lint --format json --fail-on none` on the exact text Access
Analyzer validated, and checks every Access Analyzer finding of a kind swfsim also checks: it is
found when swfsim reports the corresponding code at the same start offset. Also counts swfsim's
findings of those codes that Access Analyzer did not report.
"""
import argparse, collections, glob, json, os, subprocess, sys

# Access Analyzer issue code -> swfsim code, and which findings of that kind swfsim can check.
KINDS = {
    "EQUIVALENT_TO_NULL_FALSE": ("SWF408", None),
    "REDUNDANT_ACTION": ("SWF402", None),
    "REDUNDANT_RESOURCE": ("SWF403", None),
    "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA": ("SWF405", None),
    "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS": ("SWF307", None),
    "TYPE_MISMATCH": ("SWF407", None),
    # swfsim knows SWF's actions and keys, and the multivalued global keys, not other services'.
    "INVALID_ACTION": ("SWF201", lambda text: text.lower().startswith('"swf:')),
    "INVALID_SERVICE_CONDITION_KEY": ("SWF202", lambda text: text.lower().startswith('"swf:')),
    "MISSING_QUALIFIER": ("SWF104", lambda text: text.lower().startswith('"aws:')),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/swfsim")
    ap.add_argument("--dir", required=True, help="a folder of Access Analyzer findings, one JSON file per policy")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    policies = sorted(glob.glob(os.path.join(args.dir, "*.policy.json")))
    if not policies:
        sys.exit(f"no policies in {args.dir}")
    found = collections.Counter()
    total = collections.Counter()
    extra = collections.Counter()
    skipped = collections.Counter()
    missed = []
    for p in policies:
        text = open(p, encoding="utf-8").read()
        aa = json.load(open(p.replace(".policy.json", ".findings.json")))
        out = subprocess.run([args.bin, "lint", p, "--format", "json", "--fail-on", "none"], capture_output=True, text=True)
        ours = json.loads(out.stdout)["findings"]
        errors = [f for f in ours if f["code"] in ("SWF001", "SWF003", "SWF004", "SWF005")]
        if errors:
            print(f"PARSE {os.path.basename(p)}: {errors[0]['message']}")
        at = collections.defaultdict(set)
        for f in ours:
            at[f["code"]].add(f["offset"])
        matched = collections.defaultdict(set)
        for finding in aa:
            kind = KINDS.get(finding["issueCode"])
            if not kind:
                skipped[finding["issueCode"]] += 1
                continue
            code, applies = kind
            for loc in finding["locations"]:
                start = loc["span"]["start"]["offset"]
                token = text[start:loc["span"]["end"]["offset"]]
                if applies and not applies(token):
                    skipped[finding["issueCode"]] += 1
                    continue
                total[finding["issueCode"]] += 1
                if start in at[code]:
                    found[finding["issueCode"]] += 1
                    matched[code].add(start)
                else:
                    missed.append(f"{os.path.basename(p)}: {finding['issueCode']} at {start} {token[:60]!r}")
        for code in {c for c, _ in KINDS.values()}:
            extra[code] += len(at[code] - matched[code])
    print(f"{'Access Analyzer check':48} {'found':>7} {'of':>5}   swfsim-only")
    for issue, (code, _) in KINDS.items():
        print(f"{issue + ' (' + code + ')':48} {found[issue]:>7} {total[issue]:>5}   {extra[code]}")
    print(f"{'all checked kinds':48} {sum(found.values()):>7} {sum(total.values()):>5}")
    print("not checked by swfsim (other services' data, other checks):", dict(skipped))
    if args.verbose:
        print("\n".join(missed))
    return 0 if sum(found.values()) == sum(total.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
