// The RLE / bit-packing hybrid of the Parquet format (Encodings.md, "Run Length
// Encoding / Bit-Packing Hybrid"): used for definition and repetition levels
// and for dictionary indices.
//
//   run          := rle-run | bit-packed-run
//   rle-run      := varint(count << 1)         value in ceil(bitWidth / 8) bytes, little-endian
//   bit-packed   := varint(groups << 1 | 1)    groups * 8 values, bitWidth bits each, LSB first
//
// Only the last bit-packed run of a stream may be padded (with zeros) to a
// multiple of 8 values: readers stop at the value count the page header gives.

/// Encoder of the RLE / bit-packed hybrid. Stateless; pure function of its input.
public enum RLEEncoder {
    /// The smallest bit width that holds `maxValue` (0 for 0).
    public static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    /// Appends the hybrid encoding of `values` (each < 2^bitWidth) to `output`.
    ///
    /// Runs of 8 or more equal values become RLE runs; everything else is
    /// bit-packed in groups of 8. `bitWidth` is 0…32.
    public static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, bitWidth: Int, appendingTo output: inout [UInt8]
    ) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) outside 0...32")
        let count = values.count
        guard count > 0 else { return }
        var literalStart = 0  // first value not yet written
        var index = 0
        while index < count {
            let value = values[index]
            var runEnd = index + 1
            while runEnd < count && values[runEnd] == value { runEnd += 1 }
            var runStart = index
            if runEnd - runStart >= 8 {
                // Pending literals must be a whole number of groups: lend them
                // values from the head of this run.
                let pending = runStart - literalStart
                let fill = (8 - pending % 8) % 8
                runStart += fill
                if runEnd - runStart >= 8 {
                    if runStart > literalStart {
                        writeBitPacked(values, literalStart..<runStart, bitWidth, &output)
                    }
                    writeRun(UInt64(value), count: runEnd - runStart, bitWidth, &output)
                    literalStart = runEnd
                }
            }
            index = runEnd
        }
        if literalStart < count {
            writeBitPacked(values, literalStart..<count, bitWidth, &output)
        }
    }

    /// Convenience for arrays (tests, small inputs).
    public static func encode<T: FixedWidthInteger & UnsignedInteger>(_ values: [T], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { encode($0, bitWidth: bitWidth, appendingTo: &output) }
        return output
    }

    private static func writeRun(_ value: UInt64, count: Int, _ bitWidth: Int, _ output: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, &output)
        var value = value
        for _ in 0..<((bitWidth + 7) / 8) {
            output.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// Bit-packs `range`, padding the last group with zeros.
    private static func writeBitPacked<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, _ range: Range<Int>, _ bitWidth: Int, _ output: inout [UInt8]
    ) {
        let groups = (range.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, &output)
        guard bitWidth > 0 else { return }
        let byteCount = groups * bitWidth  // 8 values * bitWidth bits = bitWidth bytes per group
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: byteCount))
        output.withUnsafeMutableBufferPointer { out in
            var buffer: UInt64 = 0
            var bits = 0
            var position = start
            for i in range {
                buffer |= UInt64(values[i]) << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out[position] = UInt8(truncatingIfNeeded: buffer)
                    position += 1
                    buffer >>= 8
                    bits -= 8
                }
            }
            // Padding values are zeros: only the partial byte is left to flush.
            if bits > 0 { out[position] = UInt8(truncatingIfNeeded: buffer) }
        }
    }

    static func appendVarint(_ value: UInt64, _ output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }
}
