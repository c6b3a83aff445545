#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sink writing to a file through its descriptor, with `write(2)` directly
/// (the writer hands over whole column chunks, so no extra buffering is needed).
///
/// Blocking: every `write` is a system call on the calling thread. Not
/// thread-safe: one owner. Call ``close()`` exactly once; it is what makes an
/// `fsync` (when `fsyncOnClose`) and reports a failing `close(2)`.
public final class FileSink: ByteSink {
    /// The file's path, for error messages.
    public let path: String
    public let fsyncOnClose: Bool
    public private(set) var position: Int64 = 0
    private var descriptor: Int32

    /// Creates (or truncates) the file at `path`.
    public init(path: String, fsyncOnClose: Bool = false) throws(ParquetError) {
        self.path = path
        self.fsyncOnClose = fsyncOnClose
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(errno, "cannot create", path) }
    }

    deinit {
        // An unclosed sink means the writer failed or was abandoned; the file is
        // incomplete either way and the error was already reported, so the close
        // result carries no new information.
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        guard descriptor >= 0 else { throw ParquetError(.closed, "write to closed file \(path)") }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, "cannot write", path)
            }
            offset += written
            position += Int64(written)
        }
    }

    /// Flushes to disk when `fsyncOnClose`, then closes the descriptor.
    public func close() throws(ParquetError) {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        if fsyncOnClose && fsync(fd) != 0 {
            let code = errno
            _ = Glibc.close(fd)  // the fsync error is the one to report
            throw Self.error(code, "cannot fsync", path)
        }
        if Glibc.close(fd) != 0 { throw Self.error(errno, "cannot close", path) }
    }

    /// Maps an errno to the module's error: ENOSPC/EDQUOT are `.diskFull`.
    static func error(_ code: Int32, _ what: String, _ path: String) -> ParquetError {
        let text = String(cString: strerror(code))
        if code == ENOSPC || code == EDQUOT {
            return ParquetError(
                .diskFull, "\(what) \(path): \(text) (errno \(code))",
                hint: "free disk space; files committed before are intact")
        }
        return ParquetError(
            .io, "\(what) \(path): \(text) (errno \(code))", hint: "check the disk, the directory and permissions")
    }
}
