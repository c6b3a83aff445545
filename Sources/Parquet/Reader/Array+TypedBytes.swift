// `withUnsafeBytes` keeps untyped `rethrows`; this variant keeps `ParquetError`
// typed through the closure so callers stay `throws(ParquetError)`.

extension Array where Element == UInt8 {
    /// Calls `body` with the array's bytes; errors pass through with their type.
    func withBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Result
    ) throws(ParquetError) -> Result {
        let outcome: Swift.Result<Result, ParquetError> = withUnsafeBytes { raw in
            Swift.Result { () throws(ParquetError) -> Result in try body(raw) }
        }
        return try outcome.get()
    }
}
