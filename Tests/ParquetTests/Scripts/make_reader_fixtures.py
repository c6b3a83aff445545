#!/usr/bin/env python3
"""Writes Parquet fixtures with pyarrow for the Swift reader tests.

Usage: make_reader_fixtures.py OUTDIR

Writes OUTDIR/<variant>.parquet for every combination of data page version,
dictionary encoding and codec (plus an empty table and legacy list naming), and
OUTDIR/manifest.json with, per file, the exact expected values of every column
in a canonical form the Swift test rebuilds from what it reads:
  null -> null, bool -> true/false, integers -> "i:<decimal>",
  float32 -> "f:<8 hex digits of the bit pattern>", float64 -> "d:<16 hex digits>",
  string -> "s:<text>", binary -> "b:<base64>", list -> [..], struct -> {name: ..}.
Deterministic: a fixed seed, no timestamps.
"""
import base64
import json
import math
import random
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq

ROWS = 1000
ROW_GROUP_SIZE = 300


def canon(value, typ):
    if value is None:
        return None
    if pa.types.is_boolean(typ):
        return bool(value)
    if pa.types.is_integer(typ):
        return "i:%d" % value
    if pa.types.is_float32(typ):
        return "f:%08x" % struct.unpack("<I", struct.pack("<f", value))[0]
    if pa.types.is_float64(typ):
        return "d:%016x" % struct.unpack("<Q", struct.pack("<d", value))[0]
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return "s:" + value
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ):
        return "b:" + base64.b64encode(value).decode("ascii")
    if pa.types.is_list(typ) or pa.types.is_large_list(typ) or pa.types.is_fixed_size_list(typ):
        return [canon(v, typ.value_type) for v in value]
    if pa.types.is_struct(typ):
        return {typ.field(i).name: canon(value[typ.field(i).name], typ.field(i).type) for i in range(typ.num_fields)}
    raise TypeError(typ)


def maybe(rng, value, null_rate):
    return None if rng.random() < null_rate else value


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def build_table(rows, seed=7):
    rng = random.Random(seed)
    specials = [0.0, -0.0, math.inf, -math.inf, math.nan, 1e-45, 3.4028234663852886e38, 1.0 / 3.0]
    words = ["", "a", "héllo", "日本語", "emoji 🤖", "tab\tnew\nline", "quote\"back\\slash", "x" * 300]
    cols = {}
    cols["index"] = pa.array(range(rows), pa.int64())
    cols["i32"] = pa.array([rng.randint(-2**31, 2**31 - 1) for _ in range(rows)], pa.int32())
    cols["i64"] = pa.array([rng.choice([-2**63, 2**63 - 1, 0, rng.randint(-2**40, 2**40)]) for _ in range(rows)], pa.int64())
    cols["f32"] = pa.array([f32(specials[i % len(specials)] if i % 3 == 0 else rng.uniform(-1e6, 1e6)) for i in range(rows)], pa.float32())
    cols["f64"] = pa.array([specials[i % len(specials)] if i % 3 == 0 else rng.uniform(-1e300, 1e300) for i in range(rows)], pa.float64())
    cols["flag"] = pa.array([rng.random() < 0.5 for _ in range(rows)], pa.bool_())
    cols["task"] = pa.array([rng.choice(words[:4]) for _ in range(rows)], pa.string())  # low cardinality
    cols["text"] = pa.array([rng.choice(words) + str(i % 7) for i in range(rows)], pa.string())
    cols["blob"] = pa.array([bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 17]))) for _ in range(rows)], pa.binary())
    cols["opt_i64"] = pa.array([maybe(rng, rng.randint(-1000, 1000), 0.3) for _ in range(rows)], pa.int64())
    cols["opt_f64"] = pa.array([maybe(rng, rng.uniform(-1, 1), 0.3) for _ in range(rows)], pa.float64())
    cols["opt_text"] = pa.array([maybe(rng, rng.choice(words), 0.4) for _ in range(rows)], pa.string())
    cols["opt_flag"] = pa.array([maybe(rng, rng.random() < 0.5, 0.5) for _ in range(rows)], pa.bool_())
    cols["action"] = pa.array([[f32(rng.uniform(-3, 3)) for _ in range(14)] for _ in range(rows)], pa.list_(pa.float32()))
    cols["var_i64"] = pa.array([[rng.randint(-5, 5) for _ in range(rng.randint(0, 5))] for _ in range(rows)], pa.list_(pa.int64()))
    cols["opt_list"] = pa.array(
        [maybe(rng, [maybe(rng, rng.uniform(-1, 1), 0.25) for _ in range(rng.randint(0, 4))], 0.2) for _ in range(rows)],
        pa.list_(pa.field("element", pa.float64(), nullable=True)))
    cols["stats3"] = pa.array(
        [[[[rng.uniform(0, 1)] for _ in range(2)] for _ in range(3)] for _ in range(rows)],
        pa.list_(pa.list_(pa.list_(pa.float64()))))
    cols["ragged3"] = pa.array(
        [maybe(rng, [maybe(rng, [[rng.randint(0, 9) for _ in range(rng.randint(0, 2))] for _ in range(rng.randint(0, 2))], 0.2)
                     for _ in range(rng.randint(0, 3))], 0.2) for _ in range(rows)],
        pa.list_(pa.list_(pa.list_(pa.int32()))))
    cols["tags"] = pa.array([[rng.choice(words) for _ in range(rng.randint(0, 3))] for _ in range(rows)], pa.list_(pa.string()))
    image = pa.struct([pa.field("bytes", pa.binary()), pa.field("path", pa.string())])
    cols["image"] = pa.array(
        [maybe(rng, {"bytes": bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40))), "path": "img_%d.png" % i}, 0.2)
         for i in range(rows)], image)
    point = pa.struct([pa.field("xy", pa.list_(pa.float32())), pa.field("label", pa.string())])
    cols["point"] = pa.array(
        [{"xy": [f32(rng.uniform(0, 1)) for _ in range(2)], "label": maybe(rng, rng.choice(words), 0.3)} for _ in range(rows)], point)
    cols["big"] = pa.array([bytes([i % 256]) * (70000 if i % 250 == 0 else 3) for i in range(rows)], pa.binary())
    # Some fields REQUIRED (as LeRobot writes index and fixed-size vectors), the rest OPTIONAL.
    required = {"index", "f32", "i32"}
    fields = [pa.field(name, array.type, nullable=name not in required) for name, array in cols.items()]
    fields.append(pa.field("req_vec", pa.list_(pa.field("element", pa.float32(), nullable=False)), nullable=False))
    cols["req_vec"] = pa.array([[f32(i + 0.5 * k) for k in range(3)] for i in range(rows)], fields[-1].type)
    table = pa.Table.from_arrays(list(cols.values()), schema=pa.schema(fields))
    return table.replace_schema_metadata({**(table.schema.metadata or {}), b"episodic.test": b"reader fixture \xe2\x9c\x93"})


def table_values(table):
    columns = {}
    for name in table.column_names:
        typ = table.schema.field(name).type
        columns[name] = [canon(v, typ) for v in table.column(name).to_pylist()]
    return columns


def manifest_entry(path, table_name):
    md = pq.ParquetFile(path).metadata
    return {
        "table": table_name,
        "rows": md.num_rows,
        "row_group_rows": [md.row_group(i).num_rows for i in range(md.num_row_groups)],
    }


def main():
    out = sys.argv[1]
    files = {}
    table = build_table(ROWS)
    for version in ["1.0", "2.0"]:
        for dictionary in [True, False]:
            for codec in ["none", "snappy", "zstd"]:
                name = "v%s-%s-%s" % (version[0], "dict" if dictionary else "plain", codec)
                path = "%s/%s.parquet" % (out, name)
                pq.write_table(
                    table, path, row_group_size=ROW_GROUP_SIZE, data_page_version=version,
                    use_dictionary=dictionary, compression=codec, write_statistics=True,
                    data_page_size=4096)
                files[name] = manifest_entry(path, "main")
    # Legacy list naming (list/item) and one row group.
    path = "%s/legacy-item.parquet" % out
    pq.write_table(table, path, use_compliant_nested_type=False, compression="snappy")
    files["legacy-item"] = manifest_entry(path, "main")
    # An empty table keeps its schema.
    empty = build_table(0)
    path = "%s/empty.parquet" % out
    pq.write_table(empty, path)
    files["empty"] = manifest_entry(path, "empty")
    with open("%s/manifest.json" % out, "w") as f:
        json.dump({"files": files, "tables": {"main": table_values(table), "empty": table_values(empty)}}, f, sort_keys=True)


if __name__ == "__main__":
    main()
