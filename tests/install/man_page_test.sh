#!/usr/bin/env bash
# The man page documents every command and option that `pairinfo --help` and each
# `pairinfo COMMAND --help` print, and the generated roff is clean for mandoc -Tlint.
# Usage: man_page_test.sh PAIRINFO MAN_SOURCE(.scd) MAN_ROFF
set -u
pairinfo=$1 source=$2 roff=$3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

help=$("$pairinfo" --help) || { echo "FAIL: $pairinfo --help exited non-zero"; exit 1; }

# Lines of a help section ("Options:", "Subcommands:"), up to the next blank line.
section() { awk -v name="$2" '$0 == name { on = 1; next } on && /^$/ { exit } on' <<<"$1"; }
# Option names on "  -f,--format FORMAT   text" lines: the first field, split at commas.
options_of() { section "$1" "Options:" | awk '/^  -/ { print $1 }' | tr ',' '\n' | grep '^-'; }

commands=$(section "$help" "Subcommands:" | awk '/^  [a-z]/ { sub(/^  /, ""); sub(/  .*/, ""); print }' | tr -d ' ' | tr ',' '\n')
[ -n "$commands" ] || fail "no commands found in pairinfo --help"

documented() { grep -qF -- "*$1*" "$source"; }

checked=0
for option in $(options_of "$help"); do
  checked=$((checked + 1))
  documented "$option" || fail "option $option (pairinfo --help) is not in $source"
done
for command in $commands; do
  documented "$command" || fail "command $command is not in $source"
  command_help=$("$pairinfo" "$command" --help) || { fail "pairinfo $command --help exited non-zero"; continue; }
  for option in $(options_of "$command_help"); do
    checked=$((checked + 1))
    documented "$option" || fail "option $option (pairinfo $command --help) is not in $source"
  done
done
# A parser that found nothing would pass vacuously.
[ "$checked" -ge 10 ] || fail "only $checked options found in the help texts; did the help format change?"

for section_name in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -qx "# $section_name" "$source" || fail "section $section_name missing from $source"
done
for variable in NO_COLOR CLICOLOR_FORCE COLUMNS PAGER PAIRINFO_DATA PAIRINFO_NO_USER_DATA XDG_DATA_HOME XDG_CACHE_HOME; do
  documented "$variable" || fail "environment variable $variable is not in $source"
done

command -v mandoc >/dev/null || { echo "FAIL: mandoc is not installed (Debian package mandoc)"; exit 1; }
lint=$(mandoc -Tlint "$roff" 2>&1)
[ -z "$lint" ] || fail "mandoc -Tlint $roff reported:"$'\n'"$lint"

echo "$checked options and $(wc -w <<<"$commands") commands checked"
[ "$failures" -eq 0 ] && echo "man page: all checks passed"
exit $((failures > 0))
