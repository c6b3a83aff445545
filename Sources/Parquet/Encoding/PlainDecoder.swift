// PLAIN decoding (Encodings.md, "Plain") of page values and dictionary pages.
//
// Every count is checked against the bytes available before anything is
// allocated or read. Pure functions; any thread.

/// A Swift value type a leaf column decodes to.
protocol PlainDecodable {
    /// The value a null slot holds in `ColumnData` (zero, empty string, no bytes).
    static var placeholder: Self { get }
    /// Wraps decoded values as the leaf storage of a `ColumnData`.
    static func storage(_ values: [Self]) -> ColumnData.Storage
    /// Decodes `count` PLAIN values from the start of `bytes`, appending them to
    /// `output`; returns the number of bytes consumed. Errors are `.corruptPage`.
    static func decodePlain(
        _ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Self], context: String
    ) throws(ParquetError) -> Int
}

private func shortData(_ context: String, _ count: Int, _ needed: Int, _ available: Int) -> ParquetError {
    ParquetError(
        .corruptPage, "\(context): \(count) values need \(needed) bytes but the page has \(available)",
        hint: "the file is corrupt; restore it from its source")
}

/// Fixed-width little-endian PLAIN values (INT32, INT64, FLOAT, DOUBLE).
protocol FixedWidthPlainDecodable: PlainDecodable {}

extension FixedWidthPlainDecodable {
    static func decodePlain(
        _ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Self], context: String
    ) throws(ParquetError) -> Int {
        let size = MemoryLayout<Self>.size
        guard count >= 0, count <= bytes.count / size else {
            throw shortData(context, count, count.multipliedReportingOverflow(by: size).partialValue, bytes.count)
        }
        let needed = count * size
        // Parquet is little-endian, as is every platform Episodic runs on; the
        // page bytes may be unaligned, so they are copied rather than rebound.
        let start = output.count
        output.append(contentsOf: repeatElement(placeholder, count: count))
        output.withUnsafeMutableBytes { destination in
            UnsafeMutableRawBufferPointer(rebasing: destination[start * size..<start * size + needed])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<needed]))
        }
        return needed
    }
}

extension Int32: FixedWidthPlainDecodable {
    static var placeholder: Int32 { 0 }
    static func storage(_ values: [Int32]) -> ColumnData.Storage { .int32(values) }
}

extension Int64: FixedWidthPlainDecodable {
    static var placeholder: Int64 { 0 }
    static func storage(_ values: [Int64]) -> ColumnData.Storage { .int64(values) }
}

extension Float: FixedWidthPlainDecodable {
    static var placeholder: Float { 0 }
    static func storage(_ values: [Float]) -> ColumnData.Storage { .float(values) }
}

extension Double: FixedWidthPlainDecodable {
    static var placeholder: Double { 0 }
    static func storage(_ values: [Double]) -> ColumnData.Storage { .double(values) }
}

extension Bool: PlainDecodable {
    static var placeholder: Bool { false }
    static func storage(_ values: [Bool]) -> ColumnData.Storage { .boolean(values) }

    /// Booleans are bit-packed, least significant bit first.
    static func decodePlain(
        _ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Bool], context: String
    ) throws(ParquetError) -> Int {
        let needed = count / 8 + (count % 8 == 0 ? 0 : 1)
        guard count >= 0, needed <= bytes.count else { throw shortData(context, count, needed, bytes.count) }
        output.reserveCapacity(output.count + count)
        for index in 0..<count {
            output.append(bytes[index >> 3] & (1 << UInt8(index & 7)) != 0)
        }
        return needed
    }
}

/// Walks `count` BYTE_ARRAY values (4-byte little-endian length, then bytes),
/// calling `body` with each; returns the bytes consumed.
private func forEachByteArray(
    _ bytes: UnsafeRawBufferPointer, count: Int, context: String,
    _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Void
) throws(ParquetError) -> Int {
    // Each value takes at least its 4-byte length: reject absurd counts up front.
    guard count >= 0, count <= bytes.count / 4 else {
        throw shortData(context, count, count.multipliedReportingOverflow(by: 4).partialValue, bytes.count)
    }
    var position = 0
    for index in 0..<count {
        guard bytes.count - position >= 4 else {
            throw ParquetError(.corruptPage, "\(context): value \(index) of \(count) has no length; the page ends")
        }
        let length = Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
        position += 4
        guard length <= bytes.count - position else {
            throw ParquetError(
                .corruptPage,
                "\(context): value \(index) is \(length) bytes long but only \(bytes.count - position) remain",
                hint: "the file is corrupt; restore it from its source")
        }
        try body(UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]))
        position += length
    }
    return position
}

extension Array: PlainDecodable where Element == UInt8 {
    static var placeholder: [UInt8] { [] }
    static func storage(_ values: [[UInt8]]) -> ColumnData.Storage { .binary(values) }

    static func decodePlain(
        _ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [[UInt8]], context: String
    ) throws(ParquetError) -> Int {
        output.reserveCapacity(output.count + Swift.min(count, bytes.count / 4))
        return try forEachByteArray(bytes, count: count, context: context) { value in output.append(Array(value)) }
    }
}

extension String: PlainDecodable {
    static var placeholder: String { "" }
    static func storage(_ values: [String]) -> ColumnData.Storage { .string(values) }

    /// Strings must be valid UTF-8; anything else is a corrupt page, not a
    /// silently repaired value.
    static func decodePlain(
        _ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [String], context: String
    ) throws(ParquetError) -> Int {
        output.reserveCapacity(output.count + Swift.min(count, bytes.count / 4))
        return try forEachByteArray(bytes, count: count, context: context) { (value) throws(ParquetError) in
            guard let text = String(validating: value, as: UTF8.self) else {
                throw ParquetError(
                    .corruptPage, "\(context): string value \(output.count) is not valid UTF-8",
                    hint: "read the column as binary, or fix the writer")
            }
            output.append(text)
        }
    }
}
