#!/usr/bin/env bash
# Writes swfsim's org file (docs/org-file.md) to stdout, from the AWS Organizations API.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: org-export.sh [ACCOUNT_ID...] > org.json

Writes swfsim's --org file (docs/org-file.md): for each account named, or every
account of the organization when none is, its path from the root, the SCPs and
RCPs attached to the root, each OU on the way and the account, and their text.
Policy types not enabled at the root are skipped.

Run it as the management account, or as a delegated administrator of AWS
Organizations, with organizations:Describe* and organizations:List*.
Needs bash 4.4 or later, the AWS CLI v2 and jq.
USAGE
}

die() {
  echo "org-export: $*" >&2
  exit 1
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  usage
  exit 0
fi
((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404)) || die "needs bash 4.4 or later, not $BASH_VERSION"
for tool in aws jq; do
  command -v "$tool" >/dev/null || die "\`$tool\` is not on PATH; org-export needs the AWS CLI v2 and jq"
done
for id in "$@"; do
  [[ $id =~ ^[0-9]{12}$ ]] || die "\`$id\` is not an account id (12 digits); see --help"
done

# One Organizations call, as JSON; when it fails, AWS's own message is already on stderr.
org() {
  AWS_PAGER="" aws organizations "$@" --output json || {
    local status=$?
    echo "org-export: \`aws organizations $1\` failed; run as the management account or a delegated administrator (see --help)" >&2
    exit "$status"
  }
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp"/{paths,ous,targets,policies}

org describe-organization >"$tmp/organization"
org list-roots >"$tmp/roots"
org list-accounts >"$tmp/accounts"
management=$(jq -r .Organization.MasterAccountId "$tmp/organization")
root=$(jq -r '.Roots[0].Id' "$tmp/roots")
mapfile -t types < <(jq -r '.Roots[0].PolicyTypes[]
  | select(.Status == "ENABLED" and (.Type == "SERVICE_CONTROL_POLICY" or .Type == "RESOURCE_CONTROL_POLICY"))
  | .Type' "$tmp/roots")
if (($# > 0)); then accounts=("$@"); else mapfile -t accounts < <(jq -r '.Accounts[].Id' "$tmp/accounts"); fi

declare -A parent=() seen=()

# The root, an OU or an account, once: its name if an OU, its policies of each enabled type.
visit() {
  [[ -z ${seen[$1]:-} ]] || return 0
  seen[$1]=1
  if [[ $1 == ou-* ]]; then
    org describe-organizational-unit --organizational-unit-id "$1" | jq -c .OrganizationalUnit >>"$tmp/ous"
  fi
  if [[ $1 == "$management" ]]; then return 0; fi # no SCP or RCP applies to it
  for type in "${types[@]}"; do
    org list-policies-for-target --target-id "$1" --filter "$type" |
      jq -c --arg id "$1" --arg type "$type" '{id: $id, type: $type, policies: [.Policies[].Id]}' >>"$tmp/targets"
  done
}

for account in "${accounts[@]}"; do
  id=$account path=()
  while [[ $id != "$root" ]]; do
    [[ -n ${parent[$id]:-} ]] || parent[$id]=$(org list-parents --child-id "$id" | jq -r '.Parents[0].Id')
    id=${parent[$id]}
    path=("$id" "${path[@]}")
  done
  for id in "${path[@]}" "$account"; do visit "$id"; done
  jq -nc --arg id "$account" '{id: $id, parents: $ARGS.positional}' --args "${path[@]}" >>"$tmp/paths"
done

for policy in $(jq -r '.policies[]' "$tmp/targets" | sort -u); do
  org describe-policy --policy-id "$policy" | jq -c .Policy >>"$tmp/policies"
done

jq -n --slurpfile org "$tmp/organization" --slurpfile roots "$tmp/roots" --slurpfile list "$tmp/accounts" \
  --slurpfile paths "$tmp/paths" --slurpfile ous "$tmp/ous" --slurpfile targets "$tmp/targets" \
  --slurpfile policies "$tmp/policies" '
  ($list[0].Accounts | map({(.Id): .Name}) | add // {}) as $names
  | {
      organizationId: $org[0].Organization.Id,
      managementAccountId: $org[0].Organization.MasterAccountId,
      roots: $roots[0].Roots,
      organizationalUnits: (reduce $ous[] as $ou ({}; .[$ou.Id] = $ou)),
      accounts: (reduce $paths[] as $a ({};
        .[$a.id] = (if $names[$a.id] then {Name: $names[$a.id]} else {} end) + {parents: $a.parents})),
      targets: (reduce $targets[] as $t ({}; .[$t.id][$t.type] = $t.policies)),
      policies: (reduce $policies[] as $p ({}; .[$p.PolicySummary.Id] = $p))
    }'
