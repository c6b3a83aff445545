#!/usr/bin/env bash
# Swift Parquet reader vs pyarrow reading the same files: the benchmark table
# (1,000,000 robot rows: index int64, timestamp float32, observation.state and
# action list<float32>[14]; snappy; 10,000-row groups) written once by the Swift
# writer and once by pyarrow. Prints rows/s and peak RSS side by side.
#
#   bash Benchmarks/scripts/ReadBenchmark.sh [ROWS]
#
# Builds the Swift side in release. Every measurement runs in its own process,
# so peak RSS is that reader's own. The Swift reader's peak RSS on the Swift file
# includes writing it (--write), so the pyarrow-written file is the clean number.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -c 'import pyarrow, numpy' 2>/dev/null || { echo "ReadBenchmark: pyarrow and numpy are required (scripts/setup.sh --test)" >&2; exit 1; }

echo "building ReadBenchmark (release)…" >&2
swift build -c release --package-path "$here" --product ReadBenchmark >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/ReadBenchmark"

"$bench" "$work/swift.parquet" --write "$rows" > /dev/null
python3 "$here/scripts/pyarrow_parquet_bench.py" "$work/pyarrow.parquet" "$rows" 10000 > /dev/null

results=()
for file in swift pyarrow; do
  results+=("$file" "$("$bench" "$work/$file.parquet")")
  results+=("$file" "$("$bench" "$work/$file.parquet" --whole)")
  results+=("$file" "$(python3 "$here/scripts/ReadBenchmark.py" "$work/$file.parquet" --single-thread --per-row-group)")
  results+=("$file" "$(python3 "$here/scripts/ReadBenchmark.py" "$work/$file.parquet" --single-thread)")
  results+=("$file" "$(python3 "$here/scripts/ReadBenchmark.py" "$work/$file.parquet")")
done

python3 - "$rows" "${results[@]}" <<'PY'
import json, sys
rows = int(sys.argv[1])
pairs = sys.argv[2:]
print(f"read {rows:,} rows (index, timestamp, 2 x list<float32>[14]), snappy, 10k-row groups")
print(f"{'file':<10}{'reader':<40}{'rows/s':>14}{'seconds':>10}{'peak RSS MiB':>14}  checksum")
for file, text in zip(pairs[::2], pairs[1::2]):
    r = json.loads(text)
    assert r["rows"] == rows, f"{r['impl']} read {r['rows']} rows of {file}, expected {rows}"
    print(f"{file:<10}{r['impl']:<40}{r['rows_per_second']:>14,}{r['seconds']:>10.3f}{r['peak_rss_mib']:>14.1f}  {r['checksum']:.6g}")
PY
