// The system calls crash safety depends on, behind a seam.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations ``DurableWriter`` needs. Tests substitute a double
/// that fails a chosen call (ENOSPC at write, fsync or rename) to prove nothing
/// half-written appears under a final name.
///
/// Every method blocks on the disk; call from a background task, never from the
/// control loop. Implementations must be safe to call from any thread.
public protocol FileSystemOps: Sendable {
    /// Opens `path` for writing (create, truncate), returning a descriptor.
    func openForWriting(_ path: String) throws(DurableIOError) -> Int32
    /// Opens `path` read-only (files or directories), returning a descriptor.
    func openForReading(_ path: String) throws(DurableIOError) -> Int32
    /// Writes all of `bytes` to `fd`.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DurableIOError)
    /// Flushes `fd` to stable storage.
    func fsync(_ fd: Int32, path: String) throws(DurableIOError)
    /// Closes `fd`.
    func close(_ fd: Int32, path: String) throws(DurableIOError)
    /// Atomically renames `from` to `to` (same file system; EXDEV otherwise).
    func rename(_ from: String, _ to: String) throws(DurableIOError)
    /// Removes a file.
    func unlink(_ path: String) throws(DurableIOError)
    /// Creates one directory; succeeds if it already exists.
    func makeDirectory(_ path: String) throws(DurableIOError)
    /// Whether something exists at `path`.
    func exists(_ path: String) -> Bool
}

/// The real file system (POSIX calls).
public struct PosixFileSystem: FileSystemOps {
    public init() {}

    public func openForWriting(_ path: String) throws(DurableIOError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw .posix("open", path: path, errno: errno) }
        return fd
    }

    public func openForReading(_ path: String) throws(DurableIOError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .posix("open", path: path, errno: errno) }
        return fd
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DurableIOError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .posix("write", path: path, errno: errno)
            }
            if n == 0 { throw .posix("write", path: path, errno: EIO) }
            offset += n
        }
    }

    public func fsync(_ fd: Int32, path: String) throws(DurableIOError) {
        while Glibc.fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .posix("fsync", path: path, errno: errno)
        }
    }

    public func close(_ fd: Int32, path: String) throws(DurableIOError) {
        if Glibc.close(fd) != 0 { throw .posix("close", path: path, errno: errno) }
    }

    public func rename(_ from: String, _ to: String) throws(DurableIOError) {
        if Glibc.rename(from, to) != 0 { throw .posix("rename", path: "\(from) -> \(to)", errno: errno) }
    }

    public func unlink(_ path: String) throws(DurableIOError) {
        if Glibc.unlink(path) != 0 { throw .posix("unlink", path: path, errno: errno) }
    }

    public func makeDirectory(_ path: String) throws(DurableIOError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .posix("mkdir", path: path, errno: errno) }
    }

    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
