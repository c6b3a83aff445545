// Thrift compact protocol, write side: just what the Parquet footer and page
// headers need (structs, lists, i8/i16/i32/i64, bool, binary).
//
// Spec: apache/thrift doc/specs/thrift-compact-protocol.md.

/// An append-only encoder of the Thrift compact protocol.
///
/// Field headers carry the delta to the previous field id when it is 1…15 and
/// the full zigzag id otherwise; booleans live in the field header's type
/// nibble; integers are zigzag varints; a struct ends with a stop byte.
///
/// A plain value type: not shared between threads, no I/O. The caller writes the
/// fields of the outermost struct, then ``writeStop()``, then takes ``bytes``.
public struct ThriftCompactWriter: Sendable {
    /// The compact-protocol type nibbles.
    public enum CompactType: UInt8, Sendable {
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

    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8]
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    public init(reservingCapacity capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Fields

    /// Writes a field header: a delta nibble when the id grows by 1…15, else the full id.
    public mutating func writeFieldHeader(id: Int16, type: CompactType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    public mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id: id, type: value ? .booleanTrue : .booleanFalse)
    }

    public mutating func writeField(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id: id, type: .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    public mutating func writeField(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeVarint(zigzag(Int64(value)))
    }

    public mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeVarint(zigzag(Int64(value)))
    }

    public mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeVarint(zigzag(value))
    }

    public mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    public mutating func writeField(_ id: Int16, string value: String) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(Array(value.utf8))
    }

    /// Opens a nested struct as field `id`; close it with ``endStruct()``.
    public mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id: id, type: .struct)
        beginStruct()
    }

    /// Opens a struct that is a list element (no field header).
    public mutating func beginStruct() {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte of a nested struct and restores the enclosing field ids.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// Writes the stop byte of the outermost struct.
    public mutating func writeStop() {
        bytes.append(0)
    }

    // MARK: Lists

    /// Writes a list field header; the caller then writes `count` elements.
    public mutating func beginListField(_ id: Int16, elementType: CompactType, count: Int) {
        writeFieldHeader(id: id, type: .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// A list element of type i32.
    public mutating func writeI32(_ value: Int32) {
        writeVarint(zigzag(Int64(value)))
    }

    /// A list element (or field body) of type binary: varint length, then the bytes.
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A list element of type string (binary holding UTF-8).
    public mutating func writeString(_ value: String) {
        writeBinary(Array(value.utf8))
    }

    // MARK: Primitives

    /// Unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Zigzag mapping of a signed integer (0, -1, 1, -2 … → 0, 1, 2, 3 …).
    public func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}
