#!/usr/bin/env bash
# Swift Parquet writer vs pyarrow on the same table (1,000,000 robot rows,
# snappy, 10,000-row groups): rows/s and peak RSS side by side, then the
# ordo-one benchmark (allocations) unless --no-ordo.
#
#   bash Benchmarks/scripts/compare-parquet.sh [ROWS] [--no-ordo]
#
# Builds the Swift side in release. Each implementation runs in its own process
# so peak RSS is its own. Output files go to a temp dir and are checked with
# pyarrow (the Swift file must read back with the right row count).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
rows=1000000
ordo=1
for arg in "$@"; do
  case "$arg" in
    --no-ordo) ordo=0 ;;
    *) rows="$arg" ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -c 'import pyarrow, numpy' 2>/dev/null || { echo "compare-parquet: pyarrow and numpy are required (scripts/setup.sh --test)" >&2; exit 1; }

echo "building parquet-write-bench (release)…" >&2
swift build -c release --package-path "$here" --product parquet-write-bench >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/parquet-write-bench"

swift_json="$("$bench" "$work/swift.parquet" "$rows" 10000)"
py_json="$(python3 "$here/scripts/pyarrow_parquet_bench.py" "$work/pyarrow.parquet" "$rows" 10000)"
pyd_json="$(python3 "$here/scripts/pyarrow_parquet_bench.py" "$work/pyarrow-dict.parquet" "$rows" 10000 --dictionary)"

python3 - "$work/swift.parquet" "$rows" "$swift_json" "$py_json" "$pyd_json" <<'PY'
import json, sys
import pyarrow.parquet as pq
path, rows = sys.argv[1], int(sys.argv[2])
meta = pq.ParquetFile(path).metadata
assert meta.num_rows == rows, f"swift file has {meta.num_rows} rows, expected {rows}"
results = [json.loads(a) for a in sys.argv[3:]]
print(f"write {rows:,} rows (index, timestamp, 2 x list<float32>[14]), snappy, 10k-row groups")
print(f"{'implementation':<28}{'rows/s':>14}{'writer s':>10}{'total s':>10}{'peak RSS MiB':>14}{'file MiB':>10}")
for r in results:
    print(f"{r['impl']:<28}{r['rows_per_second']:>14,}{r['seconds']:>10.3f}{r['total_seconds']:>10.3f}"
          f"{r['peak_rss_mib']:>14.1f}{r['bytes'] / 2**20:>10.2f}")
swift, py = results[0], results[1]
print(f"swift / pyarrow throughput: {swift['rows_per_second'] / py['rows_per_second']:.2f}x; "
      f"swift file row groups: {meta.num_row_groups}")
PY

if [ "$ordo" = 1 ]; then
  echo >&2
  echo "ordo-one benchmark (allocations, 100k rows to a discarding sink)…" >&2
  (cd "$here" && swift package --disable-sandbox benchmark --target ParquetWriterBenchmark \
      --metric wallClock --metric mallocCountTotal --metric peakMemoryResident --no-progress) || \
    echo "compare-parquet: the ordo-one benchmark failed (see above)" >&2
fi
