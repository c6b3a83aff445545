// A bounds-checked decoder for the Thrift compact protocol, the encoding of
// Parquet footers and page headers.
//
// Everything it reads comes from a file that may be truncated, corrupt or
// hostile, so every length is checked against the bytes that remain BEFORE
// anything is allocated, varints are limited to 10 bytes, and nesting depth is
// capped. A value type with no shared state: use it from one thread at a time.

/// Wire types of the Thrift compact protocol (low nibble of a field header).
enum ThriftType: UInt8, Sendable {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
}

/// A cursor over Thrift compact-protocol bytes.
///
/// Errors are `.malformedThrift` (bad wire data) or `.truncated` (the data ends
/// early); `context` names what is being decoded ("footer", "page header at
/// offset 4") so messages say where the problem is.
struct ThriftCompactReader {
    /// Structs nested deeper than this are rejected (parquet.thrift needs about 6).
    static let maxDepth = 64

    private let bytes: [UInt8]
    /// Offset of the next byte to read in `bytes`.
    private(set) var position: Int
    private let end: Int
    private var depth = 0
    let context: String

    /// Reads `bytes[start..<end]` (the whole array by default).
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, context: String) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
        self.context = context
    }

    /// Bytes left between the cursor and the end.
    var remaining: Int { end - position }

    // MARK: - Errors

    func malformed(_ what: String) -> ParquetError {
        ParquetError(
            .malformedThrift, "\(context): \(what) at byte \(position)",
            hint: "the file is corrupt; restore it from its source")
    }

    private func truncated(_ needed: Int) -> ParquetError {
        ParquetError(
            .malformedThrift,
            "\(context): needs \(needed) more byte(s) at byte \(position) but only \(remaining) remain",
            hint: "the file is truncated or corrupt; restore it from its source")
    }

    // MARK: - Primitives

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < end else { throw truncated(1) }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw malformed("varint overflows 64 bits") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw malformed("varint longer than 10 bytes") }
        }
    }

    private mutating func readZigZag() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readI64() throws(ParquetError) -> Int64 { try readZigZag() }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw malformed("i32 value \(value) out of range") }
        return narrow
    }

    mutating func readI16() throws(ParquetError) -> Int16 {
        let value = try readZigZag()
        guard let narrow = Int16(exactly: value) else { throw malformed("i16 value \(value) out of range") }
        return narrow
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw truncated(8) }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A length-prefixed byte string; the length is checked before copying.
    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else {
            throw malformed("binary length \(length) exceeds the \(remaining) bytes that remain")
        }
        let count = Int(length)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func readString() throws(ParquetError) -> String {
        let raw = try readBinary()
        guard let text = String(validating: raw, as: UTF8.self) else { throw malformed("string is not valid UTF-8") }
        return text
    }

    // MARK: - Containers

    /// The header of a list or set: element type and count. The count is
    /// checked against the remaining bytes (every element takes at least one).
    mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftType, count: Int) {
        let header = try readByte()
        guard let elementType = ThriftType(rawValue: header & 0x0f), elementType != .stop else {
            throw malformed("unknown list element type \(header & 0x0f)")
        }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard count <= UInt64(remaining) else {
            throw malformed("list of \(count) elements cannot fit in the \(remaining) bytes that remain")
        }
        return (elementType, Int(count))
    }

    /// Reads a list whose elements `element` decodes, after checking its type.
    mutating func readList<Element>(
        of expected: ThriftType,
        _ element: (inout ThriftCompactReader) throws(ParquetError) -> Element
    ) throws(ParquetError) -> [Element] {
        let (elementType, count) = try readListHeader()
        guard Self.compatible(elementType, expected) else {
            throw malformed("list of \(elementType) where \(expected) was expected")
        }
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// Iterates the fields of a struct, calling `field` with each id and wire
    /// type until the stop byte. `field` must consume the value (or `skip` it).
    mutating func readStruct(
        _ field: (inout ThriftCompactReader, Int16, ThriftType) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw malformed("structs nested deeper than \(Self.maxDepth)") }
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = ThriftType(rawValue: header & 0x0f) else {
                throw malformed("unknown field type \(header & 0x0f)")
            }
            if type == .stop { break }
            let delta = Int16(header >> 4)
            let id = delta == 0 ? try readI16() : lastID &+ delta
            lastID = id
            try field(&self, id, type)
        }
        depth -= 1
    }

    /// Skips one value of `type`, recursing into containers up to the depth limit.
    mutating func skip(_ type: ThriftType) throws(ParquetError) {
        switch type {
        case .stop: throw malformed("unexpected stop")
        case .booleanTrue, .booleanFalse: break
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw truncated(8) }
            position += 8
        case .binary:
            let length = try readVarint()
            guard length <= UInt64(remaining) else {
                throw malformed("binary length \(length) exceeds the \(remaining) bytes that remain")
            }
            position += Int(length)
        case .list, .set:
            let (elementType, count) = try readListHeader()
            try nested { (reader) throws(ParquetError) in
                for _ in 0..<count { try reader.skipElement(elementType) }
            }
        case .map:
            let count = try readVarint()
            guard count > 0 else { return }
            let kinds = try readByte()
            guard let keyType = ThriftType(rawValue: kinds >> 4), keyType != .stop,
                  let valueType = ThriftType(rawValue: kinds & 0x0f), valueType != .stop
            else { throw malformed("unknown map key/value types \(kinds)") }
            guard count <= UInt64(remaining) else {
                throw malformed("map of \(count) entries cannot fit in the \(remaining) bytes that remain")
            }
            try nested { (reader) throws(ParquetError) in
                for _ in 0..<count {
                    try reader.skipElement(keyType)
                    try reader.skipElement(valueType)
                }
            }
        case .struct:
            try readStruct { (reader, _, type) throws(ParquetError) in try reader.skip(type) }
        }
    }

    /// Inside lists, booleans take one byte rather than living in the type nibble.
    private mutating func skipElement(_ type: ThriftType) throws(ParquetError) {
        if type == .booleanTrue || type == .booleanFalse { _ = try readByte() } else { try skip(type) }
    }

    private mutating func nested(_ body: (inout ThriftCompactReader) throws(ParquetError) -> Void) throws(ParquetError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw malformed("containers nested deeper than \(Self.maxDepth)") }
        try body(&self)
        depth -= 1
    }

    // MARK: - Typed field values

    /// `true` when a value of wire type `actual` can be read as `expected`
    /// (both boolean encodings are one type).
    static func compatible(_ actual: ThriftType, _ expected: ThriftType) -> Bool {
        if actual == expected { return true }
        let booleans: Set<ThriftType> = [.booleanTrue, .booleanFalse]
        return booleans.contains(actual) && booleans.contains(expected)
    }

    /// Throws unless field `id` has wire type `expected`.
    func expect(_ type: ThriftType, _ expected: ThriftType, field id: Int16, of owner: String) throws(ParquetError) {
        guard Self.compatible(type, expected) else {
            throw malformed("\(owner) field \(id) has wire type \(type), expected \(expected)")
        }
    }

    /// A boolean struct field: the value is the wire type itself.
    func bool(_ type: ThriftType, field id: Int16, of owner: String) throws(ParquetError) -> Bool {
        try expect(type, .booleanTrue, field: id, of: owner)
        return type == .booleanTrue
    }

    mutating func i32(_ type: ThriftType, field id: Int16, of owner: String) throws(ParquetError) -> Int32 {
        try expect(type, .i32, field: id, of: owner)
        return try readI32()
    }

    mutating func i64(_ type: ThriftType, field id: Int16, of owner: String) throws(ParquetError) -> Int64 {
        try expect(type, .i64, field: id, of: owner)
        return try readI64()
    }

    mutating func binary(_ type: ThriftType, field id: Int16, of owner: String) throws(ParquetError) -> [UInt8] {
        try expect(type, .binary, field: id, of: owner)
        return try readBinary()
    }

    mutating func string(_ type: ThriftType, field id: Int16, of owner: String) throws(ParquetError) -> String {
        try expect(type, .binary, field: id, of: owner)
        return try readString()
    }

    /// Throws when a required field of `owner` never appeared.
    func require<Value>(_ value: Value?, _ name: String, of owner: String) throws(ParquetError) -> Value {
        guard let value else { throw malformed("\(owner) is missing required field \(name)") }
        return value
    }
}
