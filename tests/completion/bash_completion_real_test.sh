#!/usr/bin/env bash
# The bash completion against the built pairinfo: candidates come from the data in
# effect, the bundled data and a user's --data file alike.
# Usage: bash_completion_real_test.sh COMPLETION_SCRIPT PAIRINFO
set -u
COMPLETION_SCRIPT=$(realpath "$1") pairinfo=$(realpath "$2")
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
ln -s "$pairinfo" "$work/bin/pairinfo"
export PATH=$work/bin:$PATH HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CACHE_HOME=$work/home/.cache
unset PAIRINFO_DATA
source "$(dirname "$0")/bash_helpers.sh"
# shellcheck source=/dev/null
source "$(dirname "$0")/extra_data.sh"
write_extra_data "$work/clinic data.json"

# The bundled scales and catalogue.
expect 'pairinfo list --tier ' T1 T2 T3 T4
expect 'pairinfo check --fail-on ' benefit compatible monitor caution avoid
expect_some 'pairinfo list --category ' aesthetic hormone drug supplement lifestyle nutrition
expect_some 'pairinfo AES-001 HRM-00' HRM-001
expect_some 'pairinfo microneedl' Microneedling
expect_some 'pairinfo ' list search check AES-001 HRM-001 Microneedling Estradiol
expect_some 'pairinfo li' list
expect_none_like 'pairinfo li' '^LIF-'

# A data file on the line adds its codes, names, aliases and category; --no-bundled
# leaves the bundled ones out. The file name has a space, quoted as a user would.
expect 'pairinfo --data "'"$work"'/clinic data.json" TST' TST-001
expect 'pairinfo --data '"${work// /\\ }"'/clinic\ data.json list --with zeta' "zeta test" "zeta alias"
expect_some 'pairinfo --data="'"$work"'/clinic data.json" list --category ' testing aesthetic
expect 'pairinfo --no-bundled --data "'"$work"'/clinic data.json" list --category ' testing
expect 'pairinfo --no-bundled --data "'"$work"'/clinic data.json" check ' TST-001 "Zeta test" "zeta alias"
expect 'pairinfo AES-001 TST'

# A broken file in the user data leaves nothing to offer, unless --no-user-data on the
# line leaves the user data out.
mkdir -p "$XDG_DATA_HOME/pairinfo"
printf '{"pairs": [' >"$XDG_DATA_HOME/pairinfo/broken.json"
expect 'pairinfo check warf'
expect 'pairinfo --no-user-data check warf' Warfarin
expect 'pairinfo check --no-user-data warf' Warfarin

finish
