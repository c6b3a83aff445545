#!/usr/bin/env python3
"""Writes small Parquet files for the corrupt-input tests.

Usage: make_small_fixtures.py OUTDIR

  small-none.parquet    uncompressed, data page v1, PLAIN: val int64 (0..9), name string (dictionary)
  small-snappy.parquet  the same table, snappy
  pairs.parquet         s1, s2: struct<x int64, y int64> with different null rows
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

# Two structs of the same shape with different null patterns (for the
# "leaves disagree about their parent" case).
point = pa.struct([pa.field("x", pa.int64()), pa.field("y", pa.int64())])
pairs = pa.table({
    "s1": pa.array([{"x": 1, "y": 2}, None, {"x": 3, "y": 4}], point),
    "s2": pa.array([None, {"x": 5, "y": 6}, {"x": 7, "y": 8}], point),
})
pq.write_table(pairs, "%s/pairs.parquet" % out, compression="none", use_dictionary=False)
