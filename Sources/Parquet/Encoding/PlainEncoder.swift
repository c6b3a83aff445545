// PLAIN encoding (Encodings.md): fixed-width values little-endian back to back,
// booleans bit-packed LSB first, byte arrays as a 4-byte little-endian length
// followed by the bytes.

/// Encoder of the PLAIN encoding. Stateless.
enum PlainEncoder {
    static func encode(_ values: LeafValues, _ range: Range<Int>, appendingTo output: inout [UInt8]) {
        switch values.physicalType {
        case .boolean: encodeBooleans(values.booleans[range], appendingTo: &output)
        case .int32: appendRaw(values.int32s, range, &output)
        case .int64: appendRaw(values.int64s, range, &output)
        case .float: appendRaw(values.floats, range, &output)
        case .double: appendRaw(values.doubles, range, &output)
        default: encodeByteArrays(values.byteArrays, range, appendingTo: &output)
        }
    }

    static func encodeBooleans(_ values: ArraySlice<Bool>, appendingTo output: inout [UInt8]) {
        var byte: UInt8 = 0
        var bit = 0
        for value in values {
            if value { byte |= 1 << UInt8(bit) }
            bit += 1
            if bit == 8 {
                output.append(byte)
                byte = 0
                bit = 0
            }
        }
        if bit > 0 { output.append(byte) }
    }

    static func encodeByteArrays(_ values: ByteArrayBuffer, _ range: Range<Int>, appendingTo output: inout [UInt8]) {
        for index in range {
            appendLittleEndian(UInt32(values.length(at: index)), &output)
            output.append(contentsOf: values[index])
        }
    }

    /// Appends the in-memory bytes of fixed-width values; the format is
    /// little-endian, as is every platform Swift runs this on (checked below).
    static func appendRaw<T: BitwiseCopyable>(_ values: [T], _ range: Range<Int>, _ output: inout [UInt8]) {
        precondition(1.littleEndian == 1, "PLAIN encoding assumes a little-endian host")
        values.withUnsafeBufferPointer { buffer in
            output.append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[range])))
        }
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, _ output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }
}
