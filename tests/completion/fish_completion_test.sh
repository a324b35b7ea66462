#!/usr/bin/env bash
# The fish completion, run by fish's own `complete -C` against the built pairinfo.
# Skipped (exit 77) when fish is not installed.
# Usage: fish_completion_test.sh COMPLETION_SCRIPT PAIRINFO
set -u
script=$(realpath "$1") pairinfo=$(realpath "$2")
command -v fish >/dev/null || { echo "skipped: fish is not installed"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home" "$work/files/sub"
ln -s "$pairinfo" "$work/bin/pairinfo"
export PATH=$work/bin:$PATH HOME=$work/home XDG_CONFIG_HOME=$work/home/.config \
       XDG_DATA_HOME=$work/home/.local/share XDG_CACHE_HOME=$work/home/.cache
unset PAIRINFO_DATA
# shellcheck source=/dev/null
source "$here/extra_data.sh"
write_extra_data "$work/clinic data.json"
touch "$work/files/a.json" "$work/files/b.csv"
cd "$work/files" || exit 1
data="--data '$work/clinic data.json'"

# Each line to complete, and what fish must offer: "exactly|a|b" or "at least|a|b".
lines=(
  'pairinfo --format '
  'pairinfo -f j'
  'pairinfo list --tier '
  'pairinfo check --fail-on '
  'pairinfo --color '
  'pairinfo AES-001 HRM-00'
  'pairinfo AES-001 HRM-001 '
  'pairinfo s'
  'pairinfo list --'
  "pairinfo $data --no-bundled list --category "
  "pairinfo $data --no-bundled check "
  "pairinfo $data --no-bundled list --with Z"
  'pairinfo "fish o'
  'pairinfo validate '
  'pairinfo help ch'
  'pairinfo list --sort '
  'pairinfo list --min-effect '
  'pairinfo validate --e'
  'pairinfo --no-u'
)
expected=(
  'exactly|json|jsonl|markdown|text'
  'exactly|json|jsonl'
  'exactly|T1|T2|T3|T4'
  'exactly|avoid|benefit|caution|compatible|monitor'
  'exactly|always|auto|never'
  'at least|HRM-001'
  'exactly|'
  'at least|scales|search|sources'
  'exactly|--category|--color|--data|--effect|--format|--help|--json|--labelling|--min-effect|--no-bundled|--no-user-data|--significance|--sort|--tier|--verbose|--width|--with'
  'exactly|testing'
  'exactly|TST-001|Zeta test|zeta alias'
  'exactly|Zeta test'
  'exactly|Fish oil'
  'exactly|a.json|b.csv|sub/'
  'exactly|check'
  'exactly|code|severity|tier'
  'exactly|avoid|benefit|caution|compatible|monitor'
  'exactly|--each'
  'exactly|--no-user-data'
)
# import's options once this pairinfo has the command.
if "$pairinfo" __complete commands | grep -qx import; then
  lines+=('pairinfo import --col-')
  expected+=('exactly|--col-a-code|--col-a-name|--col-b-code|--col-b-name|--col-significance|--col-summary|--col-tier')
  lines+=('pairinfo import --map Major=' 'pairinfo import --st')
  expected+=('exactly|Major=avoid|Major=benefit|Major=caution|Major=compatible|Major=monitor' 'exactly|--standalone')
else
  echo "note: this pairinfo has no import command; its completion was not tried"
fi
output=$(fish --no-config -c '
  source $argv[1]
  for line in $argv[2..-1]
    echo "> $line"
    complete -C $line | string replace -r "\t.*" ""
  end
  true' "$script" "${lines[@]}" 2>&1) || { echo "$output"; echo "FAIL: fish"; exit 1; }

# shellcheck source=/dev/null
source "$here/offered_checks.sh"
check_offered
