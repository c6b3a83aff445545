/// Where a writer puts its bytes: a file, memory, or a fault-injecting double.
///
/// One method, so tests can write to memory or fail on purpose. Called only by
/// the writer's owner thread; implementations need no locking. `write` either
/// writes every byte or throws (a short write is the sink's problem to retry).
public protocol ByteSink: AnyObject {
    /// Appends `bytes`. Throws `.diskFull` for ENOSPC/EDQUOT and `.io` for other failures.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError)
    /// Bytes written so far (the offset the next byte lands at).
    var position: Int64 { get }
}

extension ByteSink {
    /// Writes an array's bytes.
    func write(_ bytes: [UInt8]) throws(ParquetError) {
        let result: Result<Void, ParquetError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(ParquetError) in try write(buffer) }
        }
        try result.get()
    }
}
