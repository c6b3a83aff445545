#if canImport(Glibc)
import Glibc
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemClose = Darwin.close
#endif

/// A file opened read-only and read with `pread` at explicit offsets, so a
/// reader fetches only the byte ranges it needs (footer, one column chunk).
///
/// Not thread-safe by contract: one owner thread (pread itself is, but `close`
/// is not synchronised with reads). All calls block on disk I/O.
final class ReadOnlyFile {
    let path: String
    private var descriptor: Int32
    /// Size at open time; the reader never reads past it.
    let size: Int

    init(path: String) throws(ParquetError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.ioError("cannot open", path, errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = systemClose(fd)  // the fstat error is the one worth reporting
            throw Self.ioError("cannot stat", path, code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            _ = systemClose(fd)  // nothing was read; the descriptor is ours to drop
            throw ParquetError(.io, "\(path) is not a regular file", hint: "pass the path of a .parquet file")
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close() }

    /// Closes the descriptor; later reads fail with `.closed`. Idempotent.
    func close() {
        if descriptor >= 0 {
            // A close error on a read-only descriptor loses no data.
            _ = systemClose(descriptor)
            descriptor = -1
        }
    }

    /// Reads exactly `count` bytes at `offset`. The range must lie inside the file.
    func read(at offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard descriptor >= 0 else {
            throw ParquetError(.closed, "\(path) was read after close()", hint: "open a new ParquetFileReader")
        }
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ParquetError(
                .truncated, "\(path): bytes \(offset)..<\(offset &+ count) lie outside the \(size)-byte file",
                hint: "the file is truncated or corrupt; restore it from its source")
        }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: Int32 = 0
        buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let got = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
                if got > 0 {
                    done += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 { throw Self.ioError("cannot read", path, failure) }
        guard done == count else {
            throw ParquetError(
                .truncated, "\(path) ended at byte \(offset + done) while reading \(count) bytes at \(offset)",
                hint: "the file shrank while being read, or is truncated")
        }
        return buffer
    }

    private static func ioError(_ what: String, _ path: String, _ code: Int32) -> ParquetError {
        ParquetError(
            .io, "\(what) \(path): \(String(cString: strerror(code))) (errno \(code))",
            hint: code == ENOENT ? "check the path" : "check the file's permissions and the disk")
    }
}
