/// Dictionary encoding of a byte-array column chunk: the distinct values in
/// first-seen order (written PLAIN in the dictionary page) and one index per
/// value (written RLE_DICTIONARY: a bit-width byte, then the RLE hybrid).
///
/// Built once per column chunk by the writer's owner thread.
struct DictionaryEncoder {
    /// Distinct values in first-seen order.
    private(set) var entries = ByteArrayBuffer()
    /// One dictionary index per input value.
    private(set) var indices: [UInt32] = []
    /// PLAIN size of the dictionary page body.
    private(set) var dictionaryByteSize = 0

    /// Builds the dictionary of `values`, or returns `nil` when it grows past
    /// `byteLimit` (the caller falls back to PLAIN).
    init?(_ values: ByteArrayBuffer, byteLimit: Int) {
        var lookup: [ArraySlice<UInt8>: UInt32] = [:]
        indices.reserveCapacity(values.count)
        for index in 0..<values.count {
            let value = values[index]
            if let known = lookup[value] {
                indices.append(known)
                continue
            }
            let next = UInt32(entries.count)
            dictionaryByteSize += 4 + value.count
            if dictionaryByteSize > byteLimit { return nil }
            entries.append(value)
            lookup[value] = next
            indices.append(next)
        }
    }

    /// Bits per index: enough for the largest index, at least 1.
    var bitWidth: Int {
        max(1, RLEEncoder.bitWidth(forMaxValue: UInt64(max(entries.count, 1) - 1)))
    }

    /// Estimated encoded size of the indices (bit-packed worst case).
    var estimatedIndexByteSize: Int {
        (indices.count * bitWidth + 7) / 8 + 1
    }

    /// Appends the RLE_DICTIONARY body of indices `range`: bit width byte, then the hybrid runs.
    func encodeIndices(_ range: Range<Int>, appendingTo output: inout [UInt8]) {
        let width = bitWidth
        output.append(UInt8(width))
        indices.withUnsafeBufferPointer { buffer in
            RLEEncoder.encode(UnsafeBufferPointer(rebasing: buffer[range]), bitWidth: width, appendingTo: &output)
        }
    }
}
