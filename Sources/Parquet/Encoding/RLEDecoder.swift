// The RLE / bit-packing hybrid decoder (Encodings.md, "Run Length Encoding /
// Bit-Packing Hybrid"): definition and repetition levels, and dictionary
// indices.
//
// Input comes from untrusted pages: run lengths are clamped to what the caller
// asked for (a run of 2^31 values cannot make us allocate 2^31 slots), and every
// byte read is bounds-checked. A value type; one thread at a time.

/// Decodes `<varint header><run>` sequences of `bitWidth`-bit values.
struct RLEDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private let bitWidth: Int
    /// What the values are, for messages ("definition levels of column a.b").
    private let context: String

    /// - Parameters:
    ///   - bytes: the encoded runs (without the 4-byte length prefix of v1 levels);
    ///     must stay valid while the decoder is used.
    ///   - bitWidth: 0...32 bits per value.
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, context: String) throws(ParquetError) {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError(.corruptPage, "\(context): bit width \(bitWidth) is outside 0...32")
        }
        self.bytes = bytes
        self.bitWidth = bitWidth
        self.context = context
    }

    /// Bytes consumed so far.
    var consumed: Int { position }

    /// The number of bits needed for values `0...maxValue`.
    static func bitWidth(forMax maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }

    private func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corruptPage, "\(context): \(what)", hint: "the file is corrupt; restore it from its source")
    }

    private mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw corrupt("run header runs past the end of the data") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("run header varint is longer than 10 bytes") }
        }
    }

    /// Decodes exactly `count` values, appending them to `output`. Fewer
    /// encoded values than `count` is an error (the page lied about its counts).
    mutating func decode<Value: FixedWidthInteger>(
        count: Int, into output: inout [Value]
    ) throws(ParquetError) {
        guard count > 0 else { return }
        if bitWidth == 0 {
            // Every value is 0; pages may carry no bytes at all for this.
            output.append(contentsOf: repeatElement(0, count: count))
            return
        }
        output.reserveCapacity(output.count + count)
        var left = count
        let valueBytes = (bitWidth + 7) / 8
        while left > 0 {
            let header = try readVarint()
            if header & 1 == 0 {
                let runLength = header >> 1
                guard runLength > 0 else { throw corrupt("empty RLE run") }
                guard valueBytes <= bytes.count - position else {
                    throw corrupt("RLE run value runs past the end of the data")
                }
                var value: UInt64 = 0
                for index in 0..<valueBytes { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
                position += valueBytes
                guard let typed = Value(exactly: value) else { throw corrupt("RLE value \(value) out of range") }
                let take = Int(min(runLength, UInt64(left)))
                output.append(contentsOf: repeatElement(typed, count: take))
                left -= take
            } else {
                let groups = header >> 1
                guard groups > 0 else { throw corrupt("empty bit-packed run") }
                // Bytes the run occupies; checked before anything is decoded.
                guard groups <= UInt64(bytes.count - position) / UInt64(bitWidth) else {
                    throw corrupt("bit-packed run of \(groups) groups runs past the end of the data")
                }
                let runBytes = Int(groups) * bitWidth
                let values = Int(groups) * 8
                let take = min(values, left)
                try unpack(count: take, into: &output)
                position += runBytes
                left -= take
            }
        }
    }

    /// Unpacks `count` LSB-first values starting at `position` (not advancing it).
    private func unpack<Value: FixedWidthInteger>(count: Int, into output: inout [Value]) throws(ParquetError) {
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var buffer: UInt64 = 0
        var bitsInBuffer = 0
        var index = position
        for _ in 0..<count {
            while bitsInBuffer < bitWidth {
                buffer |= UInt64(bytes[index]) << UInt64(bitsInBuffer)
                index += 1
                bitsInBuffer += 8
            }
            let raw = buffer & mask
            guard let value = Value(exactly: raw) else { throw corrupt("bit-packed value \(raw) out of range") }
            output.append(value)
            buffer >>= UInt64(bitWidth)
            bitsInBuffer -= bitWidth
        }
    }
}
