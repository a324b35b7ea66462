#!/usr/bin/env bash
# The bash completion against a stand-in pairinfo that prints fixed candidates and
# records its arguments: what is offered where, quoting, and that --data FILE and
# --no-bundled on the line reach `pairinfo __complete`.
# Usage: bash_completion_test.sh COMPLETION_SCRIPT
set -u
COMPLETION_SCRIPT=$(realpath "$1")
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/files/sub"
export PAIRINFO_FAKE_LOG=$work/calls
cat >"$work/bin/pairinfo" <<'FAKE'
#!/bin/sh
# Stand-in for `pairinfo [--data FILE]... [--no-bundled] __complete KIND`.
for argument in "$@"; do printf '<%s>' "$argument"; done >>"$PAIRINFO_FAKE_LOG"
echo >>"$PAIRINFO_FAKE_LOG"
for kind in "$@"; do :; done
case $kind in
  commands) printf '%s\n' list search interventions scales tiers effects check validate sources import help ;;
  codes) printf 'AAA-001\tAlpha one\nBBB-002\tBeta\n' ;;
  names) printf '%s\n' "Alpha one" alpha Beta "Gamma: delta" "Doc's pick" Lima ;;
  categories) printf '%s\n' cat-one cat-two ;;
  tiers) printf '%s\n' X1 X2 ;;
  effects) printf '%s\n' good bad ;;
  *) exit 2 ;;
esac
FAKE
chmod +x "$work/bin/pairinfo"
export PATH=$work/bin:$PATH
source "$(dirname "$0")/bash_helpers.sh"

# The first word: a command or an intervention; later words follow the command.
expect 'pairinfo ' list search interventions scales tiers effects check validate sources import help \
    AAA-001 BBB-002 "Alpha one" alpha Beta "Gamma: delta" "Doc's pick" Lima
expect 'pairinfo s' search scales sources
expect 'pairinfo AAA-001 b' Beta
expect 'pairinfo AAA-001 B' BBB-002 Beta
expect 'pairinfo AAA-001 BBB-002 '
expect 'pairinfo search '
expect 'pairinfo scales '
expect 'pairinfo check AAA-001 Al' "Alpha one" Alpha
expect 'pairinfo check Alpha\ o' "Alpha one"
expect 'pairinfo "alpha o' "Alpha one"
expect "pairinfo 'doc" "Doc's pick"
# Readline replaces only what follows a ':' or '=' in the word.
expect 'pairinfo gamma:' " delta"
# Lower case starts a name, so codes are left out; case is ignored, as pairinfo does.
expect 'pairinfo a' alpha "alpha one"
expect 'pairinfo A' AAA-001 "Alpha one" Alpha
# Commands and names are matched together, so readline can extend "li" to both.
expect 'pairinfo li' list lima
expect 'pairinfo lim' Lima

# Option values, as "--opt value" and "--opt=value".
expect 'pairinfo --format ' text json jsonl markdown
expect 'pairinfo -f m' markdown
expect 'pairinfo --format=j' json jsonl
expect 'pairinfo list --json --color ' auto always never
expect 'pairinfo list --tier ' X1 X2
expect 'pairinfo list --category ' cat-one cat-two
expect 'pairinfo interventions --category=cat-t' cat-two
expect 'pairinfo list --effect ' good bad
expect 'pairinfo list --significance b' bad
expect 'pairinfo check --fail-on g' good
expect 'pairinfo list --with B' BBB-002 Beta
expect 'pairinfo --width '
expect 'pairinfo search --limit '

# Options: the global ones everywhere, --version only before a command.
expect 'pairinfo --' --help --data --no-bundled --no-user-data --format --json --color --width --verbose --version \
    --brief --sort
expect 'pairinfo list --' --help --data --no-bundled --no-user-data --format --json --color --width --verbose \
    --with --category --tier --effect --significance --min-effect --labelling --sort
expect 'pairinfo list --effect good,b' good,bad
expect 'pairinfo list --effect=good,' good,good good,bad
expect 'pairinfo list --min-effect ' good bad
expect 'pairinfo --sort ' severity tier code
expect 'pairinfo list --sort c' code
expect 'pairinfo help ' list search interventions scales tiers effects check validate sources import help
expect 'pairinfo help ch' check
expect 'pairinfo list B' BBB-002 Beta
expect 'pairinfo check --f' --format --full --fail-on
expect 'pairinfo validate --s' --strict
expect 'pairinfo validate --e' --each
expect 'pairinfo --no-u' --no-user-data
expect 'pairinfo import --col-' --col-a-code --col-a-name --col-b-code --col-b-name \
    --col-significance --col-tier --col-summary
expect 'pairinfo import -o'  -o
expect 'pairinfo import --st' --standalone
expect 'pairinfo import --map Major=' good bad
expect 'pairinfo import --map=Major=g' good
expect 'pairinfo import --map Maj'
expect 'pairinfo import --name '
# An option value that looks like a command is not taken for one.
expect 'pairinfo --format json li' list lima

# --data FILE, --no-bundled and --no-user-data already on the line are passed on, in order;
# a --data whose file is still being typed is not.
: >"$PAIRINFO_FAKE_LOG"
complete_line 'pairinfo --data one.json --no-bundled --data=two.json list --no-user-data --data "three four.json" --tier ' >/dev/null
grep -qxF '<--data><one.json><--no-bundled><--data><two.json><--no-user-data><--data><three four.json><__complete><tiers>' "$PAIRINFO_FAKE_LOG" ||
    fail "data options not passed on: $(cat "$PAIRINFO_FAKE_LOG")"
: >"$PAIRINFO_FAKE_LOG"
complete_line 'pairinfo --format json check ' >/dev/null
grep -q '<--format>\|<json>' "$PAIRINFO_FAKE_LOG" && fail "options other than data were passed on: $(cat "$PAIRINFO_FAKE_LOG")"
grep -qxF '<__complete><codes>' "$PAIRINFO_FAKE_LOG" || fail "codes not asked for: $(cat "$PAIRINFO_FAKE_LOG")"

# File names: data files are .json (and directories to reach them); import takes any file.
touch "$work/files/a.json" "$work/files/b.csv"
cd "$work/files" || exit 1
expect 'pairinfo --data ' a.json sub
expect 'pairinfo --data=' a.json sub
expect 'pairinfo validate ' a.json sub
expect 'pairinfo import ' a.json b.csv sub
expect 'pairinfo import -o b' b.csv

# The pairinfo on the line is the one asked, even when it is not on PATH.
: >"$PAIRINFO_FAKE_LOG"
PATH=/usr/bin:/bin expect "$work/bin/pairinfo list --tier " X1 X2

# Called with COMP_WORDS and COMP_CWORD only, as some callers do, "=" a word of its own.
unset COMP_LINE COMP_POINT
COMP_WORDS=(pairinfo --format "=" js) COMP_CWORD=3 COMPREPLY=()
_pairinfo
checks=$((checks + 1))
[[ "${COMPREPLY[*]}" == "json jsonl" ]] || fail "COMP_WORDS only: got [${COMPREPLY[*]}]"

finish
