// The file-system seam, now provided by DurableIO, and the mapping of its errors.

import DurableIO

/// The file-system operations durable writes need (see `DurableIO.FileSystemOps`).
/// Kept under this name so code importing only LeRobot compiles unchanged.
public typealias FileSystemOps = DurableIO.FileSystemOps
/// The real file system (POSIX calls).
public typealias PosixFileSystem = DurableIO.PosixFileSystem

extension LeRobotError {
    /// The same failure as a LeRobot error: `ERR_DISK_FULL` or `ERR_IO`, same message and
    /// hint, the `DurableIOError` kept as the cause.
    public init(_ io: DurableIOError) {
        self.init(io.code == .diskFull ? .diskFull : .io, io.message, hint: io.hint, cause: io)
    }

    /// The `errno` behind an `ERR_IO`/`ERR_DISK_FULL` error from the file system, if any.
    public var errno: Int32? { (cause as? DurableIOError)?.errno }
}

/// Runs `body`, turning a `DurableIOError` into a ``LeRobotError``.
func mappingIO<R>(_ body: () throws(DurableIOError) -> R) throws(LeRobotError) -> R {
    do {
        return try body()
    } catch {
        throw LeRobotError(error)
    }
}
