# Drives the bash completion function as bash itself does, for the completion tests.
# Source after `set -u`; define COMPLETION_SCRIPT first.
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# shellcheck source=/dev/null
source "$COMPLETION_SCRIPT" || { echo "FAIL: cannot source $COMPLETION_SCRIPT"; exit 1; }

# Completes LINE with the cursor at its end: sets COMP_LINE and COMP_POINT, and
# COMP_WORDS/COMP_CWORD split at blanks (enough for the lines tested here), then calls
# the function that `complete -p pairinfo` names. Prints COMPREPLY sorted, one per line.
complete_line() {
    COMP_LINE=$1
    COMP_POINT=${#1}
    read -ra COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    local function
    function=$(complete -p pairinfo | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
    "$function" pairinfo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

# expect LINE CANDIDATE...: completing LINE offers exactly these candidates.
expect() {
    local line=$1
    shift
    local got wanted
    got=$(complete_line "$line" | tr '\n' '|')
    wanted=$( (($#)) && printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' '|')
    [[ $wanted == "|" ]] && wanted=""
    [[ $got == "|" ]] && got=""
    checks=$((checks + 1))
    [[ $got == "$wanted" ]] || fail "completing '$line': expected [${wanted%|}], got [${got%|}]"
}

# expect_some LINE CANDIDATE...: completing LINE offers at least these candidates.
expect_some() {
    local line=$1 candidate got
    shift
    got=$(complete_line "$line")
    checks=$((checks + 1))
    for candidate in "$@"; do
        grep -qxF -- "$candidate" <<<"$got" || fail "completing '$line': '$candidate' not among [$(tr '\n' '|' <<<"$got")]"
    done
}

# expect_none_like LINE PATTERN: no candidate of LINE matches the grep PATTERN.
expect_none_like() {
    local got
    got=$(complete_line "$1")
    checks=$((checks + 1))
    if grep -q -- "$2" <<<"$got"; then fail "completing '$1': unexpected [$(grep -- "$2" <<<"$got" | tr '\n' '|')]"; fi
}

finish() {
    echo "$checks completions checked, $failures failed"
    exit $((failures > 0))
}
