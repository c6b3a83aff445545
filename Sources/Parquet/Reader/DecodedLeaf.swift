/// The raw content of one leaf column chunk after page decoding: the Dremel
/// levels of every entry and the non-null values, before reassembly.
struct DecodedLeaf<Value: PlainDecodable> {
    /// One definition level per entry; empty when the leaf's maximum is 0.
    var definitionLevels: [UInt8] = []
    /// One repetition level per entry; empty when the leaf's maximum is 0.
    var repetitionLevels: [UInt8] = []
    /// The non-null values, in order.
    var values: [Value] = []
    /// Number of entries (level pairs), nulls and empty lists included.
    var entryCount = 0
}
