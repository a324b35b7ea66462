#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) if needed and runs each for SECONDS,
# in parallel, from seeds made of fuzz/corpus/, tests/ fixtures and data/pairinfo.json.
# Usage: fuzz/run.sh SECONDS [TARGET...]
#   FUZZ_BUILD_DIR  build directory (default: build-fuzz in the repository)
#   FUZZ_JOBS       targets run at once (default: number of cores)
# Inputs that fail are kept in BUILD/artifacts/RUN/ and summarised by their first error
# line; the exit status is 1 if there are any.
set -euo pipefail
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-$(nproc)}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load_fuzz resolve_fuzz json_fuzz import_fuzz splitter_fuzz cache_fuzz)

if [ ! -f "$build/CMakeCache.txt" ]; then
  # Debian's clang-14 package alone installs only the versioned names.
  if command -v clang++ >/dev/null; then cc=clang cxx=clang++; else cc=clang-14 cxx=clang++-14; fi
  CC=$cc CXX=$cxx cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPAIRINFO_FUZZ=ON -DPAIRINFO_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]}"

# Seeds are rebuilt every run from what is in the tree; the corpus (what the fuzzers
# found) is kept between runs so coverage accumulates.
rm -rf "$build/seeds"
mkdir -p "$build/seeds"
for target in load resolve json import splitter cache; do cp -r "$root/fuzz/corpus/$target" "$build/seeds/$target"; done
python3 "$root/fuzz/make_seeds.py" "$root" "$build/seeds"
run="$build/artifacts/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run" "$build/logs"

fuzz_one() {
  local target=$1 name=${1%_fuzz} max_len=65536 extra=()
  case $name in
    resolve) max_len=4096 ;;  # terms; suggestions give up past 256 bytes anyway
    import) max_len=16384 ;;  # tables: the JSON dictionary does not apply
    cache) max_len=1024 ;;    # damage operations on a cache file, not JSON
    *) extra=(-dict="$root/fuzz/data.dict") ;;
  esac
  mkdir -p "$build/corpus/$name"
  # Fork mode goes on after a failure, so one known bug does not hide the next.
  # -timeout: one input taking 10 s is a hang worth reporting; -rss_limit_mb: so is 2.5 GB.
  UBSAN_OPTIONS=print_stacktrace=1 "$build/fuzz/$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len="$max_len" \
    -artifact_prefix="$run/$name-" "${extra[@]}" "$build/corpus/$name" "$build/seeds/$name" \
    >"$build/logs/$name.log" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

for target in "${targets[@]}"; do
  name=${target%_fuzz}
  # Fork mode's progress lines read "#EXECUTIONS: cov: ... oom/timeout/crash: O/T/C time: ...".
  last=$(grep -a '^#[0-9]*:' "$build/logs/$name.log" | tail -n 1)
  executions=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<<"$last")
  failures=$(sed -n 's#.*oom/timeout/crash: \([0-9/]*\).*#\1#p' <<<"$last")
  echo "$target: ${executions:-?} executions in ${seconds}s, oom/timeout/crash ${failures:-?}," \
       "corpus $(ls "$build/corpus/$name" | wc -l) inputs (log: $build/logs/$name.log)"
done
if [ -z "$(ls -A "$run")" ]; then
  rmdir "$run"
  echo "no failures"
  exit 0
fi
echo "FAILURES, kept in $run (count, target, first error line):"
for artifact in "$run"/*; do
  name=$(basename "$artifact"); name=${name%%-*}
  reason=$("$build/fuzz/${name}_fuzz" -timeout=10 -rss_limit_mb=2560 "$artifact" 2>&1 |
           grep -a -m1 -E '^[a-z]+_fuzz: |^SUMMARY: ' | cut -c1-160 || true)
  echo "$name ${reason:-(no error on replay: flaky or timing-dependent)}"
done | sort | uniq -c
exit 1
