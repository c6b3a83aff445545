#!/usr/bin/env python3
"""pyarrow side of the Parquet read benchmark: reads FILE completely
(pq.read_table) and prints one JSON line:
{"impl", "rows", "seconds", "rows_per_second", "peak_rss_mib", "checksum"}.

Usage: ReadBenchmark.py FILE [--single-thread] [--per-row-group]
  --single-thread: use_threads=False (the Swift reader is single-threaded).
  --per-row-group: read one row group at a time and drop it (like the Swift
  reader's default mode) instead of materialising the whole table.
The checksum sums every numeric value (list elements included), like the Swift
ReadBenchmark, so both can be compared.
"""
import json
import resource
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def checksum(array):
    if pa.types.is_list(array.type) or pa.types.is_large_list(array.type):
        return checksum(array.flatten())
    if pa.types.is_integer(array.type) or pa.types.is_floating(array.type):
        return float(np.sum(array.to_numpy(zero_copy_only=False), dtype=np.float64))
    return float(len(array))


def main():
    path = sys.argv[1]
    threads = "--single-thread" not in sys.argv
    per_group = "--per-row-group" in sys.argv
    began = time.perf_counter()
    if per_group:
        rows, total = 0, 0.0
        file = pq.ParquetFile(path)
        for index in range(file.num_row_groups):
            group = file.read_row_group(index, use_threads=threads)
            rows += group.num_rows
            total += sum(checksum(chunk) for column in group.columns for chunk in column.chunks)
        seconds = time.perf_counter() - began
    else:
        table = pq.read_table(path, use_threads=threads)
        seconds = time.perf_counter() - began
        rows = table.num_rows
        total = sum(checksum(chunk) for column in table.columns for chunk in column.chunks)
    mode = ", ".join(([] if threads else ["1 thread"]) + (["per row group"] if per_group else ["whole table"]))
    print(json.dumps({
        "impl": "pyarrow (%s)" % mode,
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": int(rows / seconds),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "checksum": total,
        "pyarrow": pa.__version__,
    }))


if __name__ == "__main__":
    main()
