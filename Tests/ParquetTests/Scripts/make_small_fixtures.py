#!/usr/bin/env python3
"""Writes small Parquet files for the corrupt-input tests.

Usage: make_small_fixtures.py OUTDIR

  small-none.parquet    uncompressed, data page v1, PLAIN: val int64 (0..9), name string (dictionary)
  small-snappy.parquet  the same table, snappy
Deterministic: no timestamps, no randomness.
"""
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
table = pa.table({
    "val": pa.array(range(10), pa.int64()),
    "name": pa.array(["a", "b", "c", "a", "b", "c", "a", "b", "c", "z"], pa.string()),
})
for codec in ["none", "snappy"]:
    pq.write_table(table, "%s/small-%s.parquet" % (out, codec), compression=codec,
                   use_dictionary=["name"], data_page_version="1.0", write_statistics=False)
