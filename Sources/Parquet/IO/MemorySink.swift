/// A sink that keeps everything in memory (tests, small files built in RAM).
/// Not thread-safe: one owner.
public final class MemorySink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        self.bytes.append(contentsOf: bytes)
    }

    public var position: Int64 { Int64(bytes.count) }
}
