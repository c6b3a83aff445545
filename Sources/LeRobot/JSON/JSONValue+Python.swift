// Serialisation byte-compatible with Python's `json` module.
//
// lerobot writes `info.json` and `stats.json` with `json.dump(obj, f, indent=4)`
// (ensure_ascii on, no trailing newline) and the v2.1 `.jsonl` files with the
// `jsonlines` package (`json.dumps` spacing `", "`/`": "`, ensure_ascii off).
// Matching those bytes exactly keeps our metadata diff-able against lerobot's.

extension JSONValue {
    /// The text `json.dump(value, f, indent: indent)` writes (no trailing newline).
    ///
    /// - Parameters:
    ///   - indent: spaces per nesting level (lerobot uses 4).
    ///   - ensureASCII: escape every non-ASCII character as `\uXXXX` (Python's default).
    public func pythonJSON(indent: Int = 4, ensureASCII: Bool = true) -> String {
        var out = ""
        writeIndented(into: &out, level: 0, indent: indent, ensureASCII: ensureASCII)
        return out
    }

    /// The text `json.dumps(value)` writes: one line, `", "` between items and `": "`
    /// after keys. `jsonlines` writes v2.1 `.jsonl` lines this way with ensure_ascii off.
    public func pythonCompactJSON(ensureASCII: Bool = false) -> String {
        var out = ""
        writeCompact(into: &out, ensureASCII: ensureASCII)
        return out
    }

    private func writeIndented(into out: inout String, level: Int, indent: Int, ensureASCII: Bool) {
        switch self {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inner = String(repeating: " ", count: (level + 1) * indent)
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.writeIndented(into: &out, level: level + 1, indent: indent, ensureASCII: ensureASCII)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: level * indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            let inner = String(repeating: " ", count: (level + 1) * indent)
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += inner
                Self.writeString(key, into: &out, ensureASCII: ensureASCII)
                out += ": "
                value.writeIndented(into: &out, level: level + 1, indent: indent, ensureASCII: ensureASCII)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: level * indent) + "}"
        default:
            writeScalar(into: &out, ensureASCII: ensureASCII)
        }
    }

    private func writeCompact(into out: inout String, ensureASCII: Bool) {
        switch self {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.writeCompact(into: &out, ensureASCII: ensureASCII)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += ", " }
                Self.writeString(key, into: &out, ensureASCII: ensureASCII)
                out += ": "
                value.writeCompact(into: &out, ensureASCII: ensureASCII)
            }
            out += "}"
        default:
            writeScalar(into: &out, ensureASCII: ensureASCII)
        }
    }

    private func writeScalar(into out: inout String, ensureASCII: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += Self.pythonFloatRepr(d)
        case .string(let s): Self.writeString(s, into: &out, ensureASCII: ensureASCII)
        case .array, .object: break
        }
    }

    /// Python's `repr(float)`: the shortest round-tripping digits, in fixed notation
    /// when the decimal exponent is in -4 ..< 16, otherwise `1.5e-05` / `1e+16` style.
    /// Non-finite values are written `NaN`, `Infinity`, `-Infinity` as `json` does.
    public static func pythonFloatRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description also prints the shortest round-tripping digits;
        // only the layout differs, so extract digits and exponent from it.
        var text = value.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        var digits: String
        var pointPosition: Int
        if let dot = text.firstIndex(of: ".") {
            let intPart = text[..<dot]
            let fracPart = text[text.index(after: dot)...]
            digits = String(intPart) + String(fracPart)
            pointPosition = intPart.count
        } else {
            digits = text
            pointPosition = text.count
        }
        // Normalise: strip leading zeros (moving the point) and trailing zeros.
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let decpt = pointPosition + exponent  // value = 0.DIGITS × 10^decpt
        let sign = value < 0 ? "-" : ""
        let n = digits.count
        if decpt <= -4 || decpt > 16 {
            let exp = decpt - 1
            var mantissa = String(digits.first!)
            if n > 1 { mantissa += "." + digits.dropFirst() }
            let expDigits = String(abs(exp))
            let padded = expDigits.count < 2 ? "0" + expDigits : expDigits
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + padded
        }
        if decpt <= 0 {
            return sign + "0." + String(repeating: "0", count: -decpt) + digits
        }
        if decpt >= n {
            return sign + digits + String(repeating: "0", count: decpt - n) + ".0"
        }
        let splitAt = digits.index(digits.startIndex, offsetBy: decpt)
        return sign + digits[..<splitAt] + "." + digits[splitAt...]
    }

    /// Appends `s` as a JSON string literal, escaped as Python's `json` module escapes it
    /// (`ensureASCII` as its `ensure_ascii`). Shared by every JSON writer in Episodic.
    public static func appendQuoted(_ s: String, to out: inout String, ensureASCII: Bool = false) {
        writeString(s, into: &out, ensureASCII: ensureASCII)
    }

    private static func writeString(_ s: String, into out: inout String, ensureASCII: Bool) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let v = scalar.value
                if v < 0x20 || (ensureASCII && v > 0x7E) {
                    if v > 0xFFFF {
                        let offset = v - 0x10000
                        appendEscape(0xD800 + (offset >> 10), into: &out)
                        appendEscape(0xDC00 + (offset & 0x3FF), into: &out)
                    } else {
                        appendEscape(v, into: &out)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func appendEscape(_ v: UInt32, into out: inout String) {
        let hex = String(v, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
