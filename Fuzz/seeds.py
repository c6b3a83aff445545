#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, cut from pyarrow-written files.

Usage: seeds.py OUTDIR  ->  OUTDIR/footer/* (raw footers), OUTDIR/page/* (harness input:
shape/codec byte, 2-byte entry count, column chunk bytes), OUTDIR/file/* (whole files).
Deterministic.
"""
import io
import os
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
os.makedirs(out + "/footer", exist_ok=True)
os.makedirs(out + "/page", exist_ok=True)
os.makedirs(out + "/file", exist_ok=True)

# The harness's field shapes, in the same order as fuzzFields in PageHarness.swift.
shapes = [
    pa.array([1, 2, 3, 4, 5, 6], pa.int64()),
    pa.array([1.5, None, float("nan"), 0.0, None, -2.0], pa.float64()),
    pa.array(["a", None, "héllo", "", "a", "a"], pa.string()),
    pa.array([True, None, False, True, True, None], pa.bool_()),
    pa.array([[1.0, None], None, [], [2.5], [3.0, 4.0, None], None], pa.list_(pa.float32())),
    pa.array([[[[1.0]], [[2.0, None]]], [], [[[]]], [[None]], [[[3.0]]], []], pa.list_(pa.list_(pa.list_(pa.float64())))),
    pa.array([{"b": b"x", "c": 1}, None, {"b": None, "c": 2}, {"b": b"", "c": 3}, None, {"b": b"yy", "c": 4}],
             pa.struct([pa.field("b", pa.binary()), pa.field("c", pa.int32(), nullable=False)])),
    pa.array([["a", "b"], None, [], ["c"], ["d", "e", "f"], None], pa.list_(pa.field("element", pa.string(), nullable=False))),
]
codecs = ["none", "snappy", "zstd"]
count = 0
for shape_index, array in enumerate(shapes):
    for codec_index, codec in enumerate(codecs):
        for version in ["1.0", "2.0"]:
            for dictionary in [True, False]:
                buffer = io.BytesIO()
                table = pa.table({"a": array})
                pq.write_table(table, buffer, compression=codec, data_page_version=version,
                               use_dictionary=dictionary, write_statistics=True)
                data = buffer.getvalue()
                (footer_length,) = struct.unpack("<I", data[-8:-4])
                footer = data[-8 - footer_length:-8]
                name = "s%d-%s-v%s-%s" % (shape_index, codec, version[0], "d" if dictionary else "p")
                with open("%s/footer/%s" % (out, name), "wb") as f:
                    f.write(footer)
                with open("%s/file/%s" % (out, name), "wb") as f:
                    f.write(data)
                metadata = pq.ParquetFile(io.BytesIO(data)).metadata.row_group(0)
                for column in range(metadata.num_columns):
                    chunk = metadata.column(column)
                    start = chunk.dictionary_page_offset or chunk.data_page_offset
                    body = data[start:start + chunk.total_compressed_size]
                    header = bytes([shape_index | (codec_index << 3)]) + struct.pack("<H", chunk.num_values)
                    with open("%s/page/%s-c%d" % (out, name, column), "wb") as f:
                        f.write(header + body)
                    count += 1
print("wrote %d page seeds and %d footer seeds to %s" % (count, len(shapes) * 12, out))
