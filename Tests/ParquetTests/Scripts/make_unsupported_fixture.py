#!/usr/bin/env python3
"""Writes a file with column types outside the Swift reader's model.

Usage: make_unsupported_fixture.py OUT.parquet
Columns: id int64 (readable), ts timestamp as INT96, fixed FIXED_LEN_BYTE_ARRAY(4),
m map<string,int32>, and nested_list list<int32 not null> (readable). Deterministic.
"""
import sys

import pyarrow as pa
import pyarrow.parquet as pq

table = pa.table({
    "id": pa.array([1, 2, 3], pa.int64()),
    "ts": pa.array([0, 1_000_000, 2_000_000], pa.timestamp("us")),
    "fixed": pa.array([b"abcd", b"efgh", b"ijkl"], pa.binary(4)),
    "m": pa.array([[("a", 1)], [], [("b", 2), ("c", 3)]], pa.map_(pa.string(), pa.int32())),
    "req_list": pa.array([[1, 2], [], [3]], pa.list_(pa.field("element", pa.int32(), nullable=False))),
})
pq.write_table(table, sys.argv[1], use_deprecated_int96_timestamps=True, compression="none")
