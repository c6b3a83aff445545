// The one error type of the DurableIO module.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call while writing a file durably: which call, on which path, and `errno`.
///
/// Codes are the shared Episodic codes `ERR_DISK_FULL` (ENOSPC, EDQUOT) and `ERR_IO` (any other
/// errno); the modules above map them into their own error types, keeping this as the cause.
public struct DurableIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, documented error code (docs/errors.md, "Shared").
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An operating-system I/O error (errno in the message).
        public static let io = Code("ERR_IO")
        /// The disk is full (ENOSPC or EDQUOT).
        public static let diskFull = Code("ERR_DISK_FULL")
    }

    public var code: Code
    /// The system call that failed (`open`, `write`, `fsync`, `rename`, …).
    public var call: String
    /// The path (or `from -> to` for a rename) it was called on.
    public var path: String
    public var errno: Int32
    public var message: String
    public var hint: String

    /// Maps `errno` to `ERR_DISK_FULL` (ENOSPC, EDQUOT) or `ERR_IO`, naming the call and path.
    public static func posix(_ call: String, path: String, errno code: Int32) -> DurableIOError {
        let reason = String(cString: strerror(code))
        if code == ENOSPC || code == EDQUOT {
            return DurableIOError(code: .diskFull, call: call, path: path, errno: code,
                                  message: "\(call) \(path): \(reason)",
                                  hint: "free disk space; files committed before are intact")
        }
        return DurableIOError(code: .io, call: call, path: path, errno: code,
                              message: "\(call) \(path): \(reason) (errno \(code))",
                              hint: "check the path, permissions and the disk")
    }

    public var description: String { "\(code): \(message) (\(hint))" }
}
