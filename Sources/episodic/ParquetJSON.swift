import Foundation
import LeRobot
import Parquet

/// Renders `ColumnData` slots as JSON text for `episodic parquet cat`.
///
/// Floats use Swift's shortest round-trip representation (`0.1`, `1e-45`);
/// NaN and infinities, which JSON cannot express as numbers, become the strings
/// "NaN", "Infinity" and "-Infinity"; binary becomes base64. Pure; any thread.
enum ParquetJSON {
    /// Appends slot `index` of `data` (of logical `type`). With `bareStrings`,
    /// a top-level string is written without quotes (for the text format).
    static func append(
        _ data: ColumnData, _ type: ParquetType, _ index: Int, to out: inout String, bareStrings: Bool = false
    ) {
        guard data.isValid(index) else {
            out += "null"
            return
        }
        switch data.storage {
        case .boolean(let values): out += values[index] ? "true" : "false"
        case .int32(let values): out += String(values[index])
        case .int64(let values): out += String(values[index])
        case .float(let values): appendFloat(values[index], to: &out)
        case .double(let values): appendFloat(values[index], to: &out)
        case .string(let values):
            if bareStrings { out += values[index] } else { appendString(values[index], to: &out) }
        case .binary(let values):
            let encoded = Data(values[index]).base64EncodedString()
            if bareStrings { out += encoded } else { out += "\"\(encoded)\"" }
        case .list(let offsets, let child):
            guard case .list(let element, _) = type else { return }
            out += "["
            for (position, slot) in (offsets[index]..<offsets[index + 1]).enumerated() {
                if position > 0 { out += "," }
                append(child, element, slot, to: &out)
            }
            out += "]"
        case .struct(let children):
            guard case .struct(let fields) = type else { return }
            out += "{"
            for (position, (child, field)) in zip(children, fields).enumerated() {
                if position > 0 { out += "," }
                appendString(field.name, to: &out)
                out += ":"
                append(child, field.type, index, to: &out)
            }
            out += "}"
        }
    }

    static func appendFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, to out: inout String) {
        if value.isNaN {
            out += "\"NaN\""
        } else if value.isInfinite {
            out += value < 0 ? "\"-Infinity\"" : "\"Infinity\""
        } else {
            out += value.description
        }
    }

    /// Appends `text` as a JSON string literal (UTF-8 kept as is, control characters escaped).
    static func appendString(_ text: String, to out: inout String) {
        JSONValue.appendQuoted(text, to: &out)
    }
}
