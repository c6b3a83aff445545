#!/usr/bin/env python3
"""pyarrow side of the Parquet write benchmark: the same table as the Swift
`parquet-write-bench` (index int64, timestamp float32, observation.state and
action list<float32>[14]), snappy, one row group per ROW_GROUP_ROWS rows.

Prints one JSON line: {"impl": "pyarrow", "rows", "seconds" (writer time only),
"total_seconds", "rows_per_second", "peak_rss_mib", "bytes"}.

Usage: pyarrow_parquet_bench.py [OUTPUT] [ROWS] [ROW_GROUP_ROWS] [--dictionary]
  --dictionary: pyarrow's default use_dictionary=True (tries dictionaries on the
  float columns, then falls back); without it, PLAIN like the Swift writer.
The reader helper adds the read side of this benchmark below (read_benchmark).
"""
import json
import os
import resource
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DIMENSIONS = 14


def schema():
    element = pa.field("element", pa.float32(), nullable=False)
    return pa.schema([
        pa.field("index", pa.int64(), nullable=False),
        pa.field("timestamp", pa.float32(), nullable=False),
        pa.field("observation.state", pa.list_(element), nullable=False),
        pa.field("action", pa.list_(element), nullable=False),
    ])


def table(start, end, table_schema):
    rows = np.arange(start, end, dtype=np.int64)
    t = (rows.astype(np.float32) * np.float32(0.01))[:, None]
    phase = (np.arange(DIMENSIONS, dtype=np.float32) * np.float32(0.7))[None, :]
    state = np.sin(t + phase).astype(np.float32).ravel()
    action = np.sin(t + phase + np.float32(0.05)).astype(np.float32).ravel()
    offsets = np.arange(0, (end - start) * DIMENSIONS + 1, DIMENSIONS, dtype=np.int32)
    element_type = table_schema.field("action").type
    return pa.Table.from_arrays([
        pa.array(rows),
        pa.array((rows % 10000).astype(np.float32) / np.float32(30)),
        pa.ListArray.from_arrays(offsets, pa.array(state), type=element_type),
        pa.ListArray.from_arrays(offsets, pa.array(action), type=element_type),
    ], schema=table_schema)


def write_benchmark(path, rows, row_group_rows, use_dictionary):
    table_schema = schema()
    began = time.perf_counter()
    writer_seconds = 0.0
    w0 = time.perf_counter()
    writer = pq.ParquetWriter(path, table_schema, compression="snappy", use_dictionary=use_dictionary)
    writer_seconds += time.perf_counter() - w0
    for start in range(0, rows, row_group_rows):
        chunk = table(start, min(rows, start + row_group_rows), table_schema)
        w0 = time.perf_counter()
        writer.write_table(chunk, row_group_size=row_group_rows)
        writer_seconds += time.perf_counter() - w0
    w0 = time.perf_counter()
    writer.close()
    writer_seconds += time.perf_counter() - w0
    total = time.perf_counter() - began
    return {
        "impl": "pyarrow" + (" (use_dictionary)" if use_dictionary else ""),
        "rows": rows,
        "seconds": writer_seconds,
        "total_seconds": total,
        "rows_per_second": int(rows / writer_seconds),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "bytes": os.path.getsize(path),
        "pyarrow": pa.__version__,
    }


# read_benchmark(path): added by the Parquet reader work.


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if len(args) > 0 else "/tmp/episodic-bench-pyarrow.parquet"
    rows = int(args[1]) if len(args) > 1 else 1_000_000
    row_group_rows = int(args[2]) if len(args) > 2 else 10_000
    print(json.dumps(write_benchmark(path, rows, row_group_rows, "--dictionary" in sys.argv)))
