/// The non-null values of one leaf column buffered for the open row group, in
/// the leaf's physical type. Only the array matching the type is used; separate
/// stored arrays (rather than an enum with payloads) let the shredder append in
/// place without copy-on-write of the whole buffer.
struct LeafValues: Sendable {
    let physicalType: PhysicalType
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var byteArrays = ByteArrayBuffer()

    init(physicalType: PhysicalType) {
        self.physicalType = physicalType
    }

    var count: Int {
        switch physicalType {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .float: floats.count
        case .double: doubles.count
        default: byteArrays.count
        }
    }

    /// PLAIN-encoded size of values `range`, in bytes.
    func plainSize(_ range: Range<Int>) -> Int {
        switch physicalType {
        case .boolean: (range.count + 7) / 8
        case .int32, .float: range.count * 4
        case .int64, .double: range.count * 8
        default: range.count * 4 + byteArrays.offsets[range.upperBound] - byteArrays.offsets[range.lowerBound]
        }
    }

    /// How PLAIN values of this type size, for page splitting.
    var plainValueSize: PageSplitter.ValueSize {
        switch physicalType {
        case .boolean: .bits(1)
        case .int32, .float: .bits(32)
        case .int64, .double: .bits(64)
        default: .byteArrays(byteArrays)
        }
    }

    mutating func removeAll() {
        booleans.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        byteArrays.removeAll()
    }
}
