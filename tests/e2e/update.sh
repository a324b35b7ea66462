#!/usr/bin/env bash
# Regenerates expected files for the named cases (or all). Review the diff before committing.
set -eu
binary=${PAIRINFO_BIN:-build/pairinfo}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/cases"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls *.cmd | sed 's/\.cmd$//'))
for n in "${names[@]}"; do UPDATE=1 bash "$here/run_case.sh" "$(realpath "$here/../../$binary")" "$here/cases" "$n"; done
