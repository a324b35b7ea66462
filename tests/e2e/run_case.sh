#!/usr/bin/env bash
# Runs one end-to-end case and compares stdout, stderr and exit status with the expected files.
# Usage: run_case.sh PAIRINFO_BINARY CASES_DIR NAME        (UPDATE=1 rewrites the expected files)
set -u
binary=$1 cases=$2 name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A clean, predictable environment: no user data, no colour hints, no pager.
export PAIRINFO="$binary" CASES="$cases" HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
unset NO_COLOR CLICOLOR_FORCE COLUMNS PAIRINFO_DATA PAGER
mkdir -p "$HOME" "$XDG_DATA_HOME"
cd "$work" || exit 1
bash -c "$(cat "$cases/$name.cmd")" >"$work/out" 2>"$work/err"
status=$?
# A case whose precondition is missing (no writable /dev/full, say) exits 77 and says why:
# CTest reports it as skipped (SKIP_RETURN_CODE), never as passed.
if [ "$status" = 77 ]; then cat "$work/err"; exit 77; fi
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$work/out" "$cases/$name.out"; cp "$work/err" "$cases/$name.err"; echo "$status" >"$cases/$name.status"
  exit 0
fi
failed=0
if ! diff -u "$cases/$name.out" "$work/out"; then echo "stdout differs"; failed=1; fi
if ! diff -u "$cases/$name.err" "$work/err"; then echo "stderr differs"; failed=1; fi
expected=$(cat "$cases/$name.status")
if [ "$status" != "$expected" ]; then echo "exit status $status, expected $expected"; failed=1; fi
exit $failed
