#!/usr/bin/env zsh
# Runs zsh's real completion system on command lines and prints what it would offer.
# Usage: zsh_complete.zsh FPATH_DIR LINE... ; prints, for each LINE, "> LINE" and then
# one candidate per line. zsh completes only inside its line editor, so an interactive
# zsh runs on a pseudo-terminal (zpty) and a Tab key bound to a widget that records the
# matches instead of inserting them.
emulate -L zsh
zmodload zsh/zpty || exit 2
fpath_dir=$1; shift
out=$(mktemp) || exit 2
trap 'rm -f $out; zpty -d complete 2>/dev/null' EXIT

zpty complete zsh -f -i || exit 2
zpty -w complete "PS1='' PROMPT_EOL_MARK='' LISTMAX=100000; fpath=(${(q)fpath_dir} \$fpath)"
zpty -w complete "autoload -Uz compinit && compinit -u -D"
zpty -w complete "OUT=${(q)out}"
zpty -w complete '
compadd() {
  local -a found
  builtin compadd -O found "$@"
  (( $#found )) && print -rl -- $found >> $OUT
  builtin compadd "$@"
}
record-matches() {
  _main_complete
  compstate[list]=""; compstate[insert]=""
  print -r -- "<end>" >> $OUT
}
zle -C record-matches complete-word record-matches
bindkey "^I" record-matches'

for line in "$@"; do
  : > $out
  zpty -w -n complete "$line"$'\t'
  for (( tries = 0; tries < 200; tries++ )); do
    [[ -s $out && $(<$out) == *'<end>' ]] && break
    sleep 0.05
  done
  if (( tries == 200 )); then
    print -u2 "zsh_complete: no completion for: $line"
    exit 1
  fi
  print -r -- "> $line"
  grep -v '^<end>$' $out | sort -u
  zpty -w -n complete $'\C-u'
done
