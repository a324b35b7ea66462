#!/usr/bin/env bash
# `cpack -G DEB` builds a Debian package that lintian accepts, whose metadata is right,
# and whose binary, unpacked into an empty root, answers a lookup.
# Usage: deb_package_test.sh BUILD_DIR MAN_PAGE(1 if built, 0 if not)
set -u
build=$1 man_page=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (Debian package $2)"; exit 1; }; }
cpack=${CPACK:-cpack}
need "$cpack" cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need lintian lintian
need file file

# Lintian tags accepted, each with its reason. Any other warning or error fails the test.
# None today; lintian's info-level tags (I:) are printed but not judged.
tolerated=()

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CACHE_HOME=$work/home/.cache
unset PAIRINFO_DATA
mkdir -p "$HOME"

"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || {
  cat "$work/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
debs=("$work"/out/pairinfo_*.deb)
[ -f "${debs[0]}" ] || { cat "$work/cpack.log"; echo "FAIL: cpack made no pairinfo_*.deb"; exit 1; }
deb=${debs[0]}
echo "built $(basename "$deb")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = pairinfo ] || fail "Package is '$(field Package)'"
[ "$(field Section)" = utils ] || fail "Section is '$(field Section)', not utils"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[[ $(field Maintainer) == *"<"*@*">" ]] || fail "Maintainer '$(field Maintainer)' has no address"
[[ $(field Depends) == *libc6* ]] || fail "Depends '$(field Depends)' was not computed by dpkg-shlibdeps (no libc6)"
[[ $(field Description) == *$'\n'* ]] || fail "Description has no long description"

# lintian prints "X: package: tag [details]"; E errors and W warnings fail unless tolerated.
lintian --no-cfg --display-info --fail-on none "$deb" >"$work/lintian.txt" 2>&1
cat "$work/lintian.txt"
while read -r severity _package tag rest; do
  case $severity in E: | W:) ;; *) continue ;; esac
  [[ " ${tolerated[*]} " == *" $tag "* ]] && { echo "tolerated: $tag"; continue; }
  fail "lintian: $severity $tag $rest"
done <"$work/lintian.txt"

root=$work/root
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x"; exit 1; }
files=(usr/bin/pairinfo)
[ "$man_page" = 1 ] && files+=(usr/share/man/man1/pairinfo.1.gz)
for file in "${files[@]}" usr/share/bash-completion/completions/pairinfo \
            usr/share/zsh/vendor-completions/_pairinfo usr/share/fish/vendor_completions.d/pairinfo.fish \
            usr/share/pairinfo/pairinfo.json usr/share/doc/pairinfo/copyright usr/share/doc/pairinfo/changelog.gz; do
  [ -f "$root/$file" ] || fail "the package has no /$file"
done
file "$root/usr/bin/pairinfo" | grep -q "not stripped" && fail "the packaged binary is not stripped"

mkdir -p "$work/elsewhere" && cd "$work/elsewhere" || exit 1
answer=$("$root/usr/bin/pairinfo" AES-001 HRM-001 2>&1); status=$?
[ "$status" -eq 0 ] || fail "the packaged pairinfo AES-001 HRM-001 exited $status: $answer"
grep -q "AES-001 + HRM-001" <<<"$answer" || fail "the packaged pairinfo did not print the AES-001 + HRM-001 record: $answer"

[ "$failures" -eq 0 ] && echo "Debian package: all checks passed"
exit $((failures > 0))
