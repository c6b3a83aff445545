/// Variable-length byte strings packed into one buffer: `bytes` holds them back
/// to back and value `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
///
/// Why not `[[UInt8]]`: one allocation for a whole column chunk instead of one
/// per value, and PLAIN encoding becomes a copy loop.
struct ByteArrayBuffer: Sendable {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }

    mutating func append(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(bytes.count)
    }

    func length(at index: Int) -> Int { offsets[index + 1] - offsets[index] }

    subscript(index: Int) -> ArraySlice<UInt8> { bytes[offsets[index]..<offsets[index + 1]] }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
    }
}
