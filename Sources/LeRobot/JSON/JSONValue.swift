// A JSON document model that keeps object key order.
//
// lerobot writes `info.json`, `stats.json` and the `.jsonl` files with Python's
// `json` module, which preserves dict insertion order. Keeping that order (and
// the int/float distinction Python makes) is what lets us write byte-identical
// metadata and round-trip files written by lerobot.

/// A JSON value whose objects keep their key order and whose numbers keep
/// Python's distinction between integers and floats.
///
/// Value type; safe to share across threads.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A JSON number without fraction or exponent (Python `int`).
    case int(Int64)
    /// A JSON number with fraction or exponent (Python `float`); may be NaN or infinite
    /// (written as `NaN`/`Infinity` like Python does).
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Key/value pairs in document order. Keys are unique.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let pairs):
            for (k, v) in pairs { hasher.combine(k); hasher.combine(v) }
        }
    }
}

extension JSONValue {
    /// The value for `key` if this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer value; a float with an integral value is accepted too.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    /// The numeric value as a double (ints are converted).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Returns this object with `key` set to `value`: replaced in place if present, appended otherwise.
    public func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var pairs) = self else { return self }
        if let i = pairs.firstIndex(where: { $0.0 == key }) {
            pairs[i].1 = value
        } else {
            pairs.append((key, value))
        }
        return .object(pairs)
    }
}
