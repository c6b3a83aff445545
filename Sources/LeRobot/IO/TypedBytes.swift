// `withUnsafeBytes` for closures with typed throws.

/// Calls `body` with the bytes of `array`, keeping the `LeRobotError` error type
/// (the standard library's `withUnsafeBytes` rethrows an untyped error).
func withBytes<R>(of array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(LeRobotError) -> R) throws(LeRobotError) -> R {
    let result: Result<R, LeRobotError> = array.withUnsafeBytes { buffer in
        do throws(LeRobotError) {
            return .success(try body(buffer))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}
