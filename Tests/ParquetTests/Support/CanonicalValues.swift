@testable import Parquet

/// The canonical JSON text (see Scripts/parquet_dump.py) that pyarrow's
/// `to_pylist()` of a column must produce, computed from the Swift input, so a
/// cross-check compares exact values including NaN bits and -0.0.
enum CanonicalValues {
    static func text(_ column: ColumnData, _ type: ParquetType) -> String {
        "[" + (0..<column.count).map { slot($0, column, type) }.joined(separator: ",") + "]"
    }

    static func slot(_ index: Int, _ data: ColumnData, _ type: ParquetType) -> String {
        if !data.isValid(index) { return "null" }
        switch (data.storage, type) {
        case (.boolean(let v), _): return v[index] ? "true" : "false"
        case (.int32(let v), _): return String(v[index])
        case (.int64(let v), _): return String(v[index])
        case (.float(let v), _): return double(Double(v[index]))
        case (.double(let v), _): return double(v[index])
        case (.string(let v), _): return "\"s:" + hex(Array(v[index].utf8)) + "\""
        case (.binary(let v), _): return "\"b:" + hex(v[index]) + "\""
        case (.list(let offsets, let child), .list(let element, _)):
            let items = (offsets[index]..<offsets[index + 1]).map { slot($0, child, element) }
            return "[" + items.joined(separator: ",") + "]"
        case (.struct(let children), .struct(let fields)):
            let pairs = zip(children, fields).sorted { $0.1.name < $1.1.name }.map { child, field in
                "\"\(field.name)\":" + slot(index, child, field.type)
            }
            return "{" + pairs.joined(separator: ",") + "}"
        default:
            return "MISMATCH"
        }
    }

    static func double(_ value: Double) -> String {
        "\"d:\(Int64(bitPattern: value.bitPattern))\""
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }
}
