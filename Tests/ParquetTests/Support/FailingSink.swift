@testable import Parquet

/// A sink that accepts `capacity` bytes, then fails every write with `error`
/// (a fault-injecting double for disk-full and I/O errors).
final class FailingSink: ByteSink {
    let capacity: Int
    let error: ParquetError
    private(set) var bytes: [UInt8] = []
    private(set) var failures = 0

    init(capacity: Int, error: ParquetError = ParquetError(.diskFull, "fake: No space left on device (errno 28)")) {
        self.capacity = capacity
        self.error = error
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws(ParquetError) {
        guard bytes.count + buffer.count <= capacity else {
            failures += 1
            throw error
        }
        bytes.append(contentsOf: buffer)
    }

    var position: Int64 { Int64(bytes.count) }
}
