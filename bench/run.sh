#!/usr/bin/env bash
# Measures pairinfo against a hello-world floor and peers (jq, sqlite3) and writes
# docs/benchmarks.md. Not part of CI; see bench/README.md for settings and run times.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

# The settings the caller gave, recorded so the report can show the exact command.
GIVEN=()
for name in SMALL BIG_PAIRS SEARCH_PAIRS INTERVENTIONS SEED DATA_DIR BUILD_DIR RESULTS_DIR OUT \
            SKIP_BUILD WARMUP SLOW_RUNS ROUNDS ROUND_RUNS; do
  [[ -n ${!name+x} ]] && GIVEN+=("$name=${!name}")
done

SMALL=${SMALL:-0}
if [[ $SMALL == 1 ]]; then
  # 20,000 records (~98 MB) is above pairinfo's 64 MiB lazy threshold, so even the smoke
  # run goes through the index cache.
  BIG_PAIRS=${BIG_PAIRS:-20000}
  SEARCH_PAIRS=${SEARCH_PAIRS:-1000}
else
  BIG_PAIRS=${BIG_PAIRS:-1000000}
  SEARCH_PAIRS=${SEARCH_PAIRS:-100000}
fi
INTERVENTIONS=${INTERVENTIONS:-3000}
SEED=${SEED:-1}
DATA_DIR=${DATA_DIR:-/tmp/pairinfo-bench}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
RESULTS_DIR=${RESULTS_DIR:-$BENCH/results}
OUT=${OUT:-$ROOT/docs/benchmarks.md}
SKIP_BUILD=${SKIP_BUILD:-0}
WARMUP=${WARMUP:-3}     # hyperfine warm-up runs of fast commands
SLOW_RUNS=${SLOW_RUNS:-3}  # timed runs of slow commands (jq, index builds)
ROUNDS=${ROUNDS:-5}          # rounds of the fast measurements that targets compare
ROUND_RUNS=${ROUND_RUNS:-250}  # hyperfine runs of each in each round

PYTHON=${PYTHON:-python3}
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench/run.sh: error: %s\n' "$*" >&2; exit 1; }

for tool in hyperfine jq sqlite3 cmake ninja "$PYTHON"; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install hyperfine jq sqlite3 cmake ninja-build python3)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian: apt-get install time)"

mkdir -p "$DATA_DIR" "$RESULTS_DIR" || die "cannot create $DATA_DIR or $RESULTS_DIR"
rm -f "$RESULTS_DIR"/*.json "$RESULTS_DIR"/*.out "$RESULTS_DIR"/*.err "$RESULTS_DIR"/*.time \
      "$RESULTS_DIR"/manifest.jsonl "$RESULTS_DIR"/checks.jsonl
MANIFEST="$RESULTS_DIR/manifest.jsonl"
CHECKS="$RESULTS_DIR/checks.jsonl"
PHASES="$RESULTS_DIR/phases.jsonl"
: > "$PHASES"
phase_start=$(date +%s)
end_phase() {
  local now; now=$(date +%s)
  jq -nc --arg name "$1" --argjson seconds $((now - phase_start)) '{"name": $name, "seconds": $seconds}' >> "$PHASES"
  phase_start=$now
}

# ---------------------------------------------------------------- build
if [[ $SKIP_BUILD != 1 ]]; then
  log "Building pairinfo (Release) in $BUILD_DIR"
  (cd "$ROOT" && cmake --preset default -B "$BUILD_DIR" >/dev/null) || die "cmake configure failed"
  cmake --build "$BUILD_DIR" --target pairinfo || die "build failed"
fi
PAIRINFO="$BUILD_DIR/pairinfo"
CACHE_FILE="$BUILD_DIR/CMakeCache.txt"
[[ -x $PAIRINFO && -f $CACHE_FILE ]] || die "no pairinfo build in $BUILD_DIR"
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$CACHE_FILE"; }
[[ $(cache_value CMAKE_BUILD_TYPE) == Release ]] || die "$BUILD_DIR is not a Release build"

# The floor: the same compiler, compile flags and link flags as pairinfo itself.
log "Compiling the hello-world floor"
CXX=$(cache_value CMAKE_CXX_COMPILER)
read -r -a CXX_FLAGS <<< "$(cache_value CMAKE_CXX_FLAGS) $(cache_value CMAKE_CXX_FLAGS_RELEASE)"
LINK_FLAGS=$(awk '/^build pairinfo:/ {found = 1} found && /LINK_FLAGS =/ {sub(/.*LINK_FLAGS = /, ""); print; exit}' \
             "$BUILD_DIR/build.ninja")
read -r -a LINK_FLAGS_ARRAY <<< "$LINK_FLAGS"
HELLO="$RESULTS_DIR/hello"
"$CXX" -std=c++20 "${CXX_FLAGS[@]}" "$BENCH/hello.cpp" -o "$HELLO" "${LINK_FLAGS_ARRAY[@]}" -lfmt \
  || die "cannot compile bench/hello.cpp (is libfmt-dev installed?)"
FLOOR_FLAGS="$CXX -std=c++20 ${CXX_FLAGS[*]} ${LINK_FLAGS} -lfmt"
# A second reference, reported beside the floor but not a target's measure: the same program
# with fmt compiled in (its header-only mode), so that it loads no C++ shared library, as
# pairinfo does. It shows how much of the floor is the loading of libfmt and libstdc++.
HELLO_STATIC="$RESULTS_DIR/hello-static"
"$CXX" -std=c++20 "${CXX_FLAGS[@]}" -DFMT_HEADER_ONLY "$BENCH/hello.cpp" -o "$HELLO_STATIC" "${LINK_FLAGS_ARRAY[@]}" \
  || die "cannot compile bench/hello.cpp with fmt header-only"
end_phase build

# ---------------------------------------------------------------- data
# Generated once per size, seed and generator version; reused by later runs.
generator_version=$(sha256sum "$BENCH/generate.py" | cut -c1-12)
generate() {  # generate NAME PAIRS [--sqlite]
  local base="$DATA_DIR/$1" pairs=$2 stamp
  stamp="pairs=$pairs interventions=$INTERVENTIONS seed=$SEED sqlite=${3:-} generator=$generator_version"
  if [[ -f $base.facts.json && -f $base.stamp && $(cat "$base.stamp") == "$stamp" ]]; then
    echo "reusing $base.json" >&2
    return
  fi
  rm -f "$base.stamp"
  local extra=()
  [[ ${3:-} == --sqlite ]] && extra=(--sqlite "$base.db")
  log "Generating $base.json ($pairs pairs)"
  "$PYTHON" "$BENCH/generate.py" --pairs "$pairs" --interventions "$INTERVENTIONS" --seed "$SEED" \
    --output "$base.json" --facts "$base.facts.json" "${extra[@]}" >/dev/null || die "generation failed"
  echo "$stamp" > "$base.stamp"
}
generate sample 1000
generate search "$SEARCH_PAIRS"
generate big "$BIG_PAIRS" --sqlite
end_phase generate

# pairinfo reads user data and keeps index caches under the XDG directories: use private ones.
export XDG_DATA_HOME="$DATA_DIR/xdg-data" XDG_CACHE_HOME="$DATA_DIR/xdg-cache"
unset PAIRINFO_DATA
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

log "Validating the generated sample with pairinfo"
# Not --strict: that now also wants each record's review and references, which the
# synthetic records do not carry (bench/generate.py).
"$PAIRINFO" validate --no-bundled "$DATA_DIR/sample.json" >&2 \
  || die "the generated sample is not valid pairinfo data"

fact() { jq -r "$2" "$DATA_DIR/$1.facts.json"; }
BIG="$DATA_DIR/big.json"
SEARCH="$DATA_DIR/search.json"
DB="$DATA_DIR/big.db"
PAIR_A=$(fact big '.pair.codes[0]'); PAIR_B=$(fact big '.pair.codes[1]')
NAME_A=$(fact big '.pair.name_and_alias[0]'); ALIAS_B=$(fact big '.pair.name_and_alias[1]')
X_CODE=$(fact big '.intervention.code'); X_PAIRS=$(fact big '.intervention.pairs')
read -r -a CHECK50 <<< "$(fact big '.check50 | join(" ")')"
WORD=$(fact search '.search_word'); WORD_MATCHES=$(fact search '.search_matches')
JQ_PAIR_A=$(fact search '.pair.codes[0]'); JQ_PAIR_B=$(fact search '.pair.codes[1]')
SQL_A=$PAIR_A SQL_B=$PAIR_B
[[ $SQL_A > $SQL_B ]] && { SQL_A=$PAIR_B; SQL_B=$PAIR_A; }  # the table keeps codes sorted

# ---------------------------------------------------------------- measure
# A command line for hyperfine -N and for the report: arguments single-quoted when needed.
quote_args() {
  local out=() arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=+,@%-]+$ ]]; then out+=("$arg")
    elif [[ $arg == *"'"* && $arg != *[\"\$\`\\!]* ]]; then out+=("\"$arg\"")
    else out+=("'${arg//\'/\'\\\'\'}'"); fi
  done
  printf '%s' "${out[*]}"
}

# bench ID LABEL DATASET [hyperfine options] -- COMMAND...
# Runs the command once under /usr/bin/time (its output is kept for the checks), times it
# with hyperfine, then measures its peak memory again, warm, unless RSS_ONCE=1 (slow
# commands, whose first run is as good as any). PREPARE, when set, runs before the first
# run and before every timed run (hyperfine --prepare).
bench() {
  local id=$1 label=$2 dataset=$3 options=() status
  shift 3
  while [[ $1 != -- ]]; do options+=("$1"); shift; done
  shift
  local command_line; command_line=$(quote_args "$@")
  log "$label: $command_line"
  [[ -n ${PREPARE:-} ]] && $PREPARE
  /usr/bin/time -v -o "$RESULTS_DIR/$id.time" "$@" > "$RESULTS_DIR/$id.out" 2> "$RESULTS_DIR/$id.err"
  status=$?
  if [[ $status == 0 ]]; then
    local prepare=()
    [[ -n ${PREPARE:-} ]] && prepare=(--prepare "$PREPARE")
    hyperfine -N --style basic "${options[@]}" "${prepare[@]}" \
      --export-json "$RESULTS_DIR/$id.json" -- "$command_line" >&2 || status=$?
    [[ ${RSS_ONCE:-0} == 1 ]] || /usr/bin/time -v -o "$RESULTS_DIR/$id.time" "$@" > /dev/null 2>&1
  else
    echo "exit status $status: $(head -c 300 "$RESULTS_DIR/$id.err")" >&2
  fi
  jq -nc --arg id "$id" --arg title "$label" --arg dataset "$dataset" --arg command "$command_line" \
     --argjson status "$status" --argjson output_bytes "$(wc -c < "$RESULTS_DIR/$id.out")" \
     '{"id": $id, "label": $title, "dataset": $dataset, "command": $command, "status": $status, "output_bytes": $output_bytes}' \
     >> "$MANIFEST"
}

# check ID DESCRIPTION EXPECTED ACTUAL
check() {
  local verdict=ok
  [[ $3 == "$4" ]] || verdict="expected $3, got $4"
  [[ $verdict == ok ]] || echo "check failed: $1: $2: $verdict" >&2
  jq -nc --arg id "$1" --arg what "$2" --arg verdict "$verdict" '{"id": $id, "what": $what, "verdict": $verdict}' >> "$CHECKS"
}

FAST=(--warmup "$WARMUP")
# The measurements that targets compare with one another take turns, in rounds (below), so
# that a spell of a busy machine weighs on all of them alike rather than on one.
ROUNDED=(--warmup "$WARMUP" --runs "$ROUND_RUNS")
ROUNDED_IDS=(floor floor_static bundled pair x check50 names print_x print_check50 print_names sqlite_pair)
SLOW=(--runs "$SLOW_RUNS")  # no warm-up: jq keeps nothing between runs, first use clears the cache
P=("$PAIRINFO" --no-bundled)
WARM_CACHE=(cat "$BIG" "$SEARCH" "$DB")

log "Reading the data files once, so every command finds them in the page cache"
"${WARM_CACHE[@]}" > /dev/null

bench floor "hello-world floor (fmt)" - "${ROUNDED[@]}" -- "$HELLO"
bench floor_static "hello-world, fmt compiled in (no C++ shared library)" - "${ROUNDED[@]}" -- "$HELLO_STATIC"
bench bundled "pair lookup, bundled data" bundled "${ROUNDED[@]}" -- "$PAIRINFO" AES-001 HRM-001

PREPARE="rm -rf $XDG_CACHE_HOME/pairinfo" RSS_ONCE=1 \
  bench first_use "first use of the big file (index build)" big "${SLOW[@]}" -- "${P[@]}" --data "$BIG" "$PAIR_A" "$PAIR_B"
bench pair "pair lookup by code" big "${ROUNDED[@]}" -- "${P[@]}" --data "$BIG" "$PAIR_A" "$PAIR_B"
bench x "all pairs of one intervention" big "${ROUNDED[@]}" -- "${P[@]}" --data "$BIG" "$X_CODE"
bench check50 "check with 50 interventions" big "${ROUNDED[@]}" -- "${P[@]}" --data "$BIG" check "${CHECK50[@]}"
bench names "pair lookup by name and alias" big "${ROUNDED[@]}" -- "${P[@]}" --data "$BIG" "$NAME_A" "$ALIAS_B"
# What printing each output costs on its own: the floor program printing the same bytes.
for id in x check50 names; do
  [[ -s $RESULTS_DIR/$id.out ]] && cp "$RESULTS_DIR/$id.out" "$RESULTS_DIR/$id.expected" &&
    bench "print_$id" "floor printing the output of '$id'" - "${ROUNDED[@]}" -- "$HELLO" "$RESULTS_DIR/$id.expected"
done
# The peer the big-file lookup must not be slower than: in the rounds too, so that both are
# timed under the same conditions.
bench sqlite_pair "sqlite3: indexed pair query" big "${ROUNDED[@]}" -- \
  sqlite3 -readonly "$DB" "SELECT * FROM pairs WHERE code_a = '$SQL_A' AND code_b = '$SQL_B'"
# The other rounds: each measurement again, in turn; the report pools every round's runs.
for ((round = 2; round <= ROUNDS; round++)); do
  log "Round $round of $ROUNDS of the compared measurements"
  for id in "${ROUNDED_IDS[@]}"; do
    command_line=$(jq -r --arg id "$id" 'select(.id == $id and .status == 0) | .command' "$MANIFEST" | tail -n 1)
    [[ -n $command_line ]] || continue
    hyperfine -N --style basic "${ROUNDED[@]}" --export-json "$RESULTS_DIR/$id.round$round.json" -- "$command_line" >&2 \
      || echo "round $round of $id failed" >&2
  done
done
bench sqlite_x "sqlite3: indexed query for one intervention" big "${FAST[@]}" -- \
  sqlite3 -readonly "$DB" "SELECT code_a, code_b, title, significance, tier FROM pairs WHERE code_a = '$X_CODE' UNION ALL SELECT code_a, code_b, title, significance, tier FROM pairs WHERE code_b = '$X_CODE'"

# Search. The first search of a data set builds its FTS5 search index inside the data set's
# index database ($XDG_CACHE_HOME/pairinfo/index-*.db). The search file gets a cache
# directory of its own, so that resetting it leaves the big file's index alone.
export XDG_CACHE_HOME="$DATA_DIR/xdg-cache-search"
rm -rf "$XDG_CACHE_HOME" && mkdir -p "$XDG_CACHE_HOME"
SEARCH_CMD=("${P[@]}" --data "$SEARCH" search --limit 0 "$WORD")
# (1) No index at all: the index of the file and its search index are both built.
PREPARE="rm -rf $XDG_CACHE_HOME/pairinfo" RSS_ONCE=1 \
  bench first_search_new "first search of a new data set (index and search index built)" search "${SLOW[@]}" -- "${SEARCH_CMD[@]}"
# (2) The data set's index as a first lookup leaves it, without a search index, put back
# before each run: the time of building the search index, the "first search".
rm -rf "$XDG_CACHE_HOME/pairinfo"
"${P[@]}" --data "$SEARCH" "$JQ_PAIR_A" "$JQ_PAIR_B" > /dev/null || die "lookup in the search file failed"
ls "$XDG_CACHE_HOME"/pairinfo/index-*.db > /dev/null || die "no index-*.db after a lookup in the search file"
SAVED_INDEX="$DATA_DIR/search-index-without-fts"
rm -rf "$SAVED_INDEX" && cp -a "$XDG_CACHE_HOME/pairinfo" "$SAVED_INDEX"
RESTORE="$RESULTS_DIR/restore-search-index.sh"
printf 'rm -rf %q && cp -a %q %q\n' "$XDG_CACHE_HOME/pairinfo" "$SAVED_INDEX" "$XDG_CACHE_HOME/pairinfo" > "$RESTORE"
PREPARE="bash $RESTORE" RSS_ONCE=1 \
  bench first_search "first search (search index built)" search "${SLOW[@]}" -- "${SEARCH_CMD[@]}"
# (3) Once the search index exists.
bench search "search one word (all results)" search "${FAST[@]}" -- "${SEARCH_CMD[@]}"
check first_search "the same output as a later search" same \
  "$(cmp -s "$RESULTS_DIR/first_search.out" "$RESULTS_DIR/search.out" && echo same || echo different)"
export XDG_CACHE_HOME="$DATA_DIR/xdg-cache"  # the big file's index again, for what follows
JQ_TEXT='[.title, .summary, .mechanism, .evidence.summary, .evidence.limitations, .clinical_context, .cautions[]?, .takeaways[]?, (.faq[]? | .question, .answer)]'
RSS_ONCE=1 bench jq_search "jq: the same search with test()" search "${SLOW[@]}" -- \
  jq -r ".pairs[] | select($JQ_TEXT | map(select(. != null) | test(\"$WORD\"; \"i\")) | any) | .interventions | join(\" \")" "$SEARCH"
RSS_ONCE=1 bench jq_pair "jq: select one pair" search "${SLOW[@]}" -- \
  jq ".pairs[] | select(.interventions | sort == ([\"$JQ_PAIR_A\", \"$JQ_PAIR_B\"] | sort))" "$SEARCH"

# Big files through validate (every record) and import (a table of 200,000 rows, taken from
# the SQLite copy): time and, above all, peak memory.
IMPORT_CSV="$DATA_DIR/import.csv"
if [[ ! -s $IMPORT_CSV || $IMPORT_CSV -ot $DB ]]; then
  sqlite3 -csv -header "$DB" "SELECT code_a, code_b, significance, tier, summary FROM pairs LIMIT 200000" \
    > "$IMPORT_CSV" || die "cannot export the import table"
fi
RSS_ONCE=1 bench validate "validate every record of the big file" big --runs 2 -- "${P[@]}" validate "$BIG"
RSS_ONCE=1 bench import "import a table of 200,000 rows" "import table" --runs 3 -- \
  "${P[@]}" import "$IMPORT_CSV" -o "$RESULTS_DIR/imported.json"
end_phase measure

# ---------------------------------------------------------------- checks
# Each measured command must have done the work it stands for.
lines() { [[ -f $1 ]] && wc -l < "$1" | tr -d ' ' || echo missing; }
check bundled "the record of AES-001 + HRM-001 is printed" yes \
  "$(grep -q "AES-001 + HRM-001" "$RESULTS_DIR/bundled.out" 2>/dev/null && echo yes || echo no)"
check pair "the record of $PAIR_A + $PAIR_B is printed" yes \
  "$(grep -q -e "$PAIR_A + $PAIR_B" -e "$PAIR_B + $PAIR_A" "$RESULTS_DIR/pair.out" 2>/dev/null && echo yes || echo no)"
check first_use "the same output as a warm lookup" same "$(cmp -s "$RESULTS_DIR/first_use.out" "$RESULTS_DIR/pair.out" && echo same || echo different)"
check names "the same output as the lookup by code" same "$(cmp -s "$RESULTS_DIR/names.out" "$RESULTS_DIR/pair.out" && echo same || echo different)"
check x "one line per record of $X_CODE" "$X_PAIRS" "$(lines "$RESULTS_DIR/x.out")"
check sqlite_x "one row per record of $X_CODE" "$X_PAIRS" "$(lines "$RESULTS_DIR/sqlite_x.out")"
check search "one result per planted match" "$WORD_MATCHES" \
  "$("${P[@]}" --data "$SEARCH" --format jsonl search --limit 0 "$WORD" | wc -l | tr -d ' ')"
check jq_search "one line per planted match" "$WORD_MATCHES" "$(lines "$RESULTS_DIR/jq_search.out")"
check validate "no problem found" "0 problems in 1 file" "$(tail -n 1 "$RESULTS_DIR/validate.out" 2>/dev/null)"
check import "one record per row" $(( BIG_PAIRS < 200000 ? BIG_PAIRS : 200000 )) "$(jq '.pairs | length' "$RESULTS_DIR/imported.json" 2>/dev/null || echo invalid)"
check jq_pair "one record" 1 "$(jq -s length "$RESULTS_DIR/jq_pair.out" 2>/dev/null || echo invalid)"
check sqlite_pair "one row" 1 \
  "$(sqlite3 -readonly -json "$DB" "SELECT * FROM pairs WHERE code_a = '$SQL_A' AND code_b = '$SQL_B'" | jq length)"
check check50 "at least one pair found" yes \
  "$("${P[@]}" --data "$BIG" --json check "${CHECK50[@]}" | jq -r 'if (.found | length) > 0 then "yes" else "no" end')"

# ---------------------------------------------------------------- report
log "Writing $OUT"
INVOCATION="$(printf '%s ' "${GIVEN[@]}")bash bench/run.sh"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
"$PYTHON" "$BENCH/report.py" \
  --results "$RESULTS_DIR" --data "$DATA_DIR" --out "$OUT" --small "$SMALL" \
  --invocation "$INVOCATION" --started "$started" --load "$load_before / $load_after" \
  --floor-flags "$FLOOR_FLAGS" --pairinfo "$PAIRINFO" --root "$ROOT" || die "report failed"
echo "wrote $OUT in $(( $(date +%s) - started )) s" >&2
