// Mapping features to the data Parquet schema and the `huggingface` metadata.

import Parquet

extension Feature {
    /// The Parquet type of this feature's column in the data file, or `nil` for
    /// video features (they have no column).
    ///
    /// Shape `[1]` is a scalar column, `[n]` a list column, an image is
    /// `struct<bytes: binary, path: string>` holding PNG bytes (HF `Image()`).
    public var parquetType: ParquetType? {
        let scalar: ParquetType
        switch dtype {
        case .video: return nil
        case .image:
            return .struct([
                ParquetField("bytes", .binary, nullable: true),
                ParquetField("path", .string, nullable: true),
            ])
        case .float32: scalar = .float
        case .float64: scalar = .double
        case .int64: scalar = .int64
        case .int32: scalar = .int32
        case .bool: scalar = .boolean
        case .string: scalar = .string
        }
        return isScalar ? scalar : .list(element: scalar, elementNullable: true)
    }

    /// The HF `datasets` feature description for the `huggingface` metadata key.
    func huggingFaceJSON(version: CodebaseVersion) -> JSONValue? {
        switch dtype {
        case .video: return nil
        case .image: return .object([("_type", .string("Image"))])
        default:
            let value: JSONValue = .object([("dtype", .string(dtype.rawValue)), ("_type", .string("Value"))])
            if isScalar { return value }
            // datasets 4 (lerobot ≥ 0.4) spells fixed-length lists "List"; datasets 3.6
            // (lerobot ≤ 0.3, v2.1 readers) only knows "Sequence" and fails on "List".
            let typeName = version == .v3_0 ? "List" : "Sequence"
            return .object([("feature", value), ("length", .int(Int64(shape[0]))), ("_type", .string(typeName))])
        }
    }
}

extension Features {
    /// The schema of a data Parquet file: one column per non-video feature, in feature order.
    /// Fields are nullable (OPTIONAL), as pyarrow writes them for lerobot; values never are null.
    public var dataSchema: ParquetSchema {
        ParquetSchema(tableColumns.compactMap { f in f.parquetType.map { ParquetField(f.name, $0, nullable: true) } })
    }

    /// The `huggingface` key-value metadata of a data Parquet file, as `datasets`
    /// writes it (without the random `fingerprint`, so output stays deterministic).
    public func huggingFaceMetadata(version: CodebaseVersion) -> String {
        let features = tableColumns.compactMap { f in f.huggingFaceJSON(version: version).map { (f.name, $0) } }
        let json: JSONValue = .object([("info", .object([("features", .object(features))]))])
        return json.pythonCompactJSON(ensureASCII: true)
    }
}
