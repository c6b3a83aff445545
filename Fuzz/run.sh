#!/usr/bin/env bash
# Builds and runs the libFuzzer harnesses for the Parquet reader.
#
#   Fuzz/run.sh [footer|page|file|all] [seconds per target, default 180]
#
# Each harness is compiled with swiftc together with every source of the
# Parquet module (-sanitize=fuzzer,address), seeded from pyarrow-written files
# (Fuzz/seeds.py), and run for the given time. Crashers land in
# .build-fuzz/<target>/crashes (ignored by git); copy each, once fixed, into
# Tests/ParquetTests/Fixtures/corrupt/ as a regression test (footer crashers
# wrapped into a file: PAR1 + footer + length + PAR1). Leak detection is off:
# LeakSanitizer reports Swift's lazily initialised globals (the harness tables) at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=${1:-all}
SECONDS_PER_TARGET=${2:-180}
SWIFTC=${SWIFTC:-swiftc}
OUT=.build-fuzz
mkdir -p "$OUT"

build() {
    local name=$1 harness=$2
    "$SWIFTC" -O -g -parse-as-library -sanitize=fuzzer,address -swift-version 6 \
        -enable-upcoming-feature ExistentialAny -module-name ParquetFuzz \
        -I Sources/CZstd -I Sources/CSnappy -lzstd -lsnappy \
        $(find Sources/Parquet -name '*.swift' | sort) "$harness" -o "$OUT/fuzz-$name" \
        2> >(grep -v "Cannot export local symbol" >&2)
}

run() {
    local name=$1
    mkdir -p "$OUT/$name/corpus" "$OUT/$name/crashes"
    cp -n "$OUT/seeds/$name"/* "$OUT/$name/corpus/" 2>/dev/null || true
    "$OUT/fuzz-$name" "$OUT/$name/corpus" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 \
        -malloc_limit_mb=1024 -timeout=10 -detect_leaks=0 -artifact_prefix="$OUT/$name/crashes/" -print_final_stats=1 \
        2>&1 | tee "$OUT/$name/log.txt" | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written" || true
}

python3 Fuzz/seeds.py "$OUT/seeds"
for target in footer page file; do
    if [[ $TARGETS == all || $TARGETS == "$target" ]]; then
        harness=Fuzz/$(tr '[:lower:]' '[:upper:]' <<<"${target:0:1}")${target:1}Harness.swift
        build "$target" "$harness"
        run "$target"
    fi
done
