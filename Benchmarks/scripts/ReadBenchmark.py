#!/usr/bin/env python3
"""pyarrow side of the Parquet read benchmark: reads FILE completely
(pq.read_table) and prints one JSON line:
{"impl", "rows", "seconds", "rows_per_second", "peak_rss_mib", "checksum"}.

Usage: ReadBenchmark.py FILE [--single-thread]
  --single-thread: use_threads=False (the Swift reader is single-threaded).
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
    began = time.perf_counter()
    table = pq.read_table(path, use_threads=threads)
    seconds = time.perf_counter() - began
    total = sum(checksum(chunk) for column in table.columns for chunk in column.chunks)
    print(json.dumps({
        "impl": "pyarrow" + ("" if threads else " (use_threads=False)"),
        "rows": table.num_rows,
        "seconds": seconds,
        "rows_per_second": int(table.num_rows / seconds),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "checksum": total,
        "pyarrow": pa.__version__,
    }))


if __name__ == "__main__":
    main()
