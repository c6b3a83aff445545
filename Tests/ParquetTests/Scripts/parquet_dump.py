#!/usr/bin/env python3
"""Dump a Parquet file as canonical JSON, read with pyarrow (the independent reader).

Usage: parquet_dump.py FILE

Output (one line, sorted keys, no spaces), so Swift tests can compare exact text:
  fields:   [[name, arrow type string, nullable], ...]
  columns:  {name: "[value,...]"}  each column's values as JSON text, made canonical:
              None -> null, bool -> true/false, int -> int,
              float -> "d:<int64 bit pattern of the double>" (exact, NaN and -0.0 included),
              str -> "s:<utf-8 hex>", bytes -> "b:<hex>", list -> [...], struct -> {...}
  metadata: created_by, num_rows, num_row_groups, format_version, key_value (utf-8 strings),
            row_groups: [{num_rows, columns: [{path, physical_type, compression, encodings,
            has_dictionary_page, statistics: {has_min_max, min, max, null_count} or null}]}]
"""
import json
import struct
import sys

import pyarrow.parquet as pq


def canonical(value):
    if value is None or isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, float):
        return "d:%d" % struct.unpack("<q", struct.pack("<d", value))[0]
    if isinstance(value, str):
        return "s:" + value.encode("utf-8").hex()
    if isinstance(value, (bytes, bytearray)):
        return "b:" + bytes(value).hex()
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    raise TypeError("unexpected value type %r" % type(value))


def main(path):
    file = pq.ParquetFile(path)
    table = file.read()
    meta = file.metadata
    row_groups = []
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        columns = []
        for c in range(group.num_columns):
            col = group.column(c)
            stats = None
            if col.is_stats_set:
                s = col.statistics
                stats = {
                    "has_min_max": s.has_min_max,
                    "min": canonical(s.min) if s.has_min_max else None,
                    "max": canonical(s.max) if s.has_min_max else None,
                    "null_count": s.null_count if s.has_null_count else None,
                }
            columns.append({
                "path": col.path_in_schema,
                "physical_type": col.physical_type,
                "compression": col.compression,
                "encodings": list(col.encodings),
                "has_dictionary_page": col.has_dictionary_page,
                "num_values": col.num_values,
                "statistics": stats,
            })
        row_groups.append({"num_rows": group.num_rows, "columns": columns})
    kv = {}
    for k, v in (meta.metadata or {}).items():
        kv[k.decode("utf-8")] = v.decode("utf-8")
    out = {
        "fields": [[f.name, str(f.type), f.nullable] for f in table.schema],
        "columns": {
            name: json.dumps(canonical(table.column(name).to_pylist()), sort_keys=True, separators=(",", ":"))
            for name in table.column_names
        },
        "metadata": {
            "created_by": meta.created_by,
            "num_rows": meta.num_rows,
            "num_row_groups": meta.num_row_groups,
            "format_version": meta.format_version,
            "key_value": kv,
            "row_groups": row_groups,
        },
    }
    sys.stdout.write(json.dumps(out, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1])
