#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer, linked against the real readers) and runs each
# for FUZZ_RUNS inputs, FUZZ_JOBS targets at a time. Fails on any crash, leak, input taking more than
# 1 s, or more than 200 MB. `make fuzz` runs it; see Fuzz/README.md.
#
#   FUZZ_RUNS=1000000   inputs per target
#   FUZZ_JOBS=2         targets run side by side (the development machine has 2 cores)
#   FUZZ_TARGETS="idx gzip safetensors pgm png progress lesson"
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${FUZZ_RUNS:-1000000}
JOBS=${FUZZ_JOBS:-2}
TARGETS=${FUZZ_TARGETS:-"idx gzip safetensors pgm png progress lesson"}
SCRATCH=.build-fuzz
SWIFT=${SWIFT:-swift}

# The readers, instrumented. One -sanitize= flag with both values: given twice, swiftc keeps only the
# last. -O for speed; unlike the release build's -Ounchecked it keeps every overflow and bounds check.
FLAGS=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -O)
"$SWIFT" build --scratch-path "$SCRATCH" "${FLAGS[@]}" --target Tutor
# Link every module built for Tutor (only its dependencies are built here): a module added to the
# engine, such as AdamSweep, is linked without naming it.
BIN=$("$SWIFT" build --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path)
maps=()
for m in Sources/C*/module.modulemap; do maps+=(-Xcc "-fmodule-map-file=$m"); done
swiftc -parse-as-library -sanitize=fuzzer,address -O -g -I "$BIN/Modules" "${maps[@]}" \
  Fuzz/Entry.swift Fuzz/FuzzTargets.swift \
  "$BIN"/*.build/*.o \
  -lz -ldeflate -lpng -lopenblas -o "$SCRATCH/fuzz" 2> >(grep -v "Cannot export local symbol" >&2)

mkdir -p "$SCRATCH/logs" "$SCRATCH/artifacts"
for t in $TARGETS; do
  ln -sf fuzz "$SCRATCH/fuzz-$t"
  mkdir -p "$SCRATCH/work/$t"
done

# A small quarantine, so ASan's recycling of freed memory does not count against the 200 MB.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:detect_leaks=1:allocator_may_return_null=0}

# Fuzzes target $1 until RUNS inputs ran. The machine is shared, so a unit can pass 1 s only because the
# fuzzer was descheduled: a timeout's unit is replayed alone three times, and only one that times out
# again fails the target; otherwise the unit is noted (logs/T.slow) and fuzzing resumes for the runs left.
run_one() {
  local t=$1 done=0 segment=0 log="$SCRATCH/logs/$1.log"
  : > "$log"; : > "$SCRATCH/logs/$t.slow"
  while [ "$done" -lt "$RUNS" ]; do
    segment=$((segment + 1))
    "$SCRATCH/fuzz-$t" -runs=$((RUNS - done)) -timeout=1 -rss_limit_mb=200 -malloc_limit_mb=200 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/$t-" \
      "$SCRATCH/work/$t" "Fuzz/corpus/$t" "Fuzz/crashers/$t" > "$log.$segment" 2>&1
    local code=$?
    cat "$log.$segment" >> "$log"
    local ran
    ran=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.$segment" | tail -1)
    done=$((done + ${ran:-0}))
    [ "$code" = 0 ] && break
    grep -q "ERROR: libFuzzer: timeout" "$log.$segment" || { echo "$code $t $done"; return; }
    local unit out times=""
    unit=$(sed -n "s/.*Test unit written to \(.*timeout-[0-9a-f]*\).*/\1/p" "$log.$segment" | tail -1)
    for i in 1 2 3; do
      out=$("$SCRATCH/fuzz-$t" -timeout=1 -rss_limit_mb=200 "$unit" 2>&1) || { echo "$code $t $done"; return; }
      times="$times $(sed -n 's/.*Executed .* in \([0-9]*\) ms.*/\1/p' <<< "$out")ms"
    done
    echo "$unit timed out under load after $done runs; alone it ran in$times" >> "$SCRATCH/logs/$t.slow"
    [ "${ran:-0}" -gt 0 ] || { echo "$code $t $done"; return; }
  done
  echo "0 $t $done"
}
export -f run_one
export SCRATCH RUNS
results=$(printf '%s\n' $TARGETS | xargs -P "$JOBS" -I{} bash -c 'run_one {}')

status=0
printf '%-12s %-8s %12s %10s %10s  %s\n' target result runs "exec/s" "peak MB" "corpus"
for t in $TARGETS; do
  code=$(awk -v t="$t" '$2 == t { print $1 }' <<< "$results")
  runs=$(awk -v t="$t" '$2 == t { print $3 }' <<< "$results")
  log="$SCRATCH/logs/$t.log"
  speed=$(grep -o 'DONE .*exec/s: [0-9]*' "$log" | tail -1 | sed 's/.*exec\/s: //' || true)
  peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | sort -n | tail -1 || true)
  corpus=$(grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  slow=$(wc -l < "$SCRATCH/logs/$t.slow")
  result=ok
  if [ "$code" != 0 ]; then result=FAILED; status=1; fi
  printf '%-12s %-8s %12s %10s %10s  %s%s\n' "$t" "$result" "${runs:-?}" "${speed:-?}" "${peak:-?}" "${corpus:-?}" \
    "$([ "$slow" -gt 0 ] && echo "  ($slow timeouts under load did not reproduce: logs/$t.slow)")"
  if [ "$code" != 0 ]; then
    grep -E 'ERROR|SUMMARY|Fatal error|==[0-9]+==' "$log" | head -5 | sed 's/^/    /'
    echo "    log: $log; inputs: $SCRATCH/artifacts/$t-*"
  fi
done
exit $status
