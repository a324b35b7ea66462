#!/usr/bin/env bash
# `cmake --install` into an empty prefix gives a working pairinfo: it answers from any
# directory without the source tree, man renders its page, and bash-completion (and zsh
# and fish, when installed) find the installed completions.
# Usage: install_prefix_test.sh BUILD_DIR COMPLETION_TEST_DIR MAN_PAGE(1 if built, 0 if not)
set -u
build=$1 completion_tests=$2 man_page=$3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (Debian package $2)"; exit 1; }; }
need man man-db

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
# A home without user data, so only what was installed answers.
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CACHE_HOME=$work/home/.cache
unset PAIRINFO_DATA
mkdir -p "$HOME" "$work/elsewhere"

"${CMAKE:-cmake}" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || {
  cat "$work/install.log"; echo "FAIL: cmake --install"; exit 1; }

files=(bin/pairinfo)
[ "$man_page" = 1 ] && files+=(share/man/man1/pairinfo.1.gz)
for file in "${files[@]}" share/bash-completion/completions/pairinfo \
            share/zsh/vendor-completions/_pairinfo share/fish/vendor_completions.d/pairinfo.fish \
            share/pairinfo/pairinfo.json share/pairinfo/pairinfo.schema.json share/pairinfo/data-format.md \
            share/doc/pairinfo/copyright share/doc/pairinfo/changelog.gz; do
  [ -f "$prefix/$file" ] || fail "$file was not installed"
done

# From another directory, with only the installed binary on PATH.
cd "$work/elsewhere" || exit 1
export PATH=$prefix/bin:/usr/bin:/bin
answer=$(pairinfo AES-001 HRM-001 2>&1); status=$?
[ "$status" -eq 0 ] || fail "installed pairinfo AES-001 HRM-001 exited $status: $answer"
grep -q "AES-001 + HRM-001" <<<"$answer" || fail "installed pairinfo did not print the AES-001 + HRM-001 record: $answer"
grep -qi "microneedling" <<<"$answer" || fail "the record does not name microneedling"

if [ "$man_page" = 1 ]; then
  page=$(MANWIDTH=80 man -l "$prefix/share/man/man1/pairinfo.1.gz" 2>"$work/man.err"); status=$?
  [ "$status" -eq 0 ] || fail "man -l exited $status: $(cat "$work/man.err")"
  [ -s "$work/man.err" ] && fail "man -l warned: $(cat "$work/man.err")"
  grep -q "^PAIRINFO(1)" <<<"$page" || fail "the rendered page has no PAIRINFO(1) header"
  grep -q -- "--fail-on LEVEL" <<<"$page" || fail "the rendered page does not show --fail-on LEVEL"
  grep -q "^EXIT STATUS" <<<"$page" || fail "the rendered page has no EXIT STATUS section"
else
  echo "skipped: the man page, configured off (PAIRINFO_MAN_PAGE)"
fi

# bash-completion loads a command's completion on first use from
# bash-completion/completions under each XDG_DATA_DIRS entry.
loader=/usr/share/bash-completion/bash_completion
[ -f "$loader" ] || { echo "FAIL: $loader is missing (Debian package bash-completion)"; exit 1; }
export XDG_DATA_DIRS=$prefix/share
loaded=$(bash --norc --noprofile -c "source $loader; __load_completion pairinfo && complete -p pairinfo" 2>&1)
[ "$loaded" = "complete -F _pairinfo pairinfo" ] || fail "bash-completion did not load the installed completion: $loaded"
formats=$(bash --norc --noprofile -c "source $loader; __load_completion pairinfo
  COMP_LINE='pairinfo --format '; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(pairinfo --format ''); COMP_CWORD=2
  _pairinfo; printf '%s\n' \"\${COMPREPLY[@]}\"" 2>&1 | sort | tr '\n' ' ')
[ "$formats" = "json jsonl markdown text " ] || fail "installed bash completion of --format gave: $formats"

if command -v zsh >/dev/null; then
  offered=$(zsh "$completion_tests/zsh_complete.zsh" "$prefix/share/zsh/vendor-completions" 'pairinfo list --tier ' 2>&1 | tail -n +2 | tr '\n' ' ')
  [ "$offered" = "T1 T2 T3 T4 " ] || fail "installed zsh completion of --tier gave: $offered"
else
  echo "skipped: zsh is not installed, its installed completion was not tried"
fi
if command -v fish >/dev/null; then
  # fish looks in fish/vendor_completions.d under each XDG_DATA_DIRS entry.
  offered=$(fish -c 'complete -C "pairinfo --color "' 2>&1 | cut -f1 | sort | tr '\n' ' ')
  [ "$offered" = "always auto never " ] || fail "installed fish completion of --color gave: $offered"
else
  echo "skipped: fish is not installed, its installed completion was not tried"
fi

[ "$failures" -eq 0 ] && echo "install into a prefix: all checks passed"
exit $((failures > 0))
