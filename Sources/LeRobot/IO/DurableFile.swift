// Crash-safe file replacement: temp file, fsync, rename, fsync directory.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash at any instant leaves either the old content
/// or the complete new content under the final name, never a partial file.
///
/// Protocol: write `DIR/.NAME.episodic-tmp`, `fsync` it, `rename` it over `DIR/NAME`,
/// `fsync` `DIR`. On any failure the temporary file is removed and the error
/// (with its stable code, `ERR_DISK_FULL` for ENOSPC) is thrown; the final
/// name is untouched.
///
/// Blocking (disk I/O and fsync): call from a background task. Thread-safe as
/// long as two callers never write the same path at once.
public struct DurableFile: Sendable {
    public let fs: any FileSystemOps

    public init(fs: any FileSystemOps = PosixFileSystem()) {
        self.fs = fs
    }

    /// The suffix of every temporary name, so recovery can recognise (and remove) leftovers.
    public static let temporarySuffix = ".episodic-tmp"

    /// The temporary name used for `path` (same directory, hidden, deterministic):
    /// `DIR/.NAME.episodic-tmp`.
    public static func temporaryPath(for path: String) -> String {
        let (dir, name) = split(path)
        return dir.isEmpty ? ".\(name)\(temporarySuffix)" : "\(dir)/.\(name)\(temporarySuffix)"
    }

    /// Whether a file name (not a path) is one of our temporary names.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(temporarySuffix)
    }

    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// Creates `dir` and its missing parents; each created directory's parent is fsynced.
    public func makeDirectories(_ dir: String) throws(LeRobotError) {
        guard !dir.isEmpty, !fs.exists(dir) else { return }
        let (parent, _) = Self.split(dir)
        if parent != dir { try makeDirectories(parent) }
        try fs.makeDirectory(dir)
        if !parent.isEmpty { try syncDirectory(parent) }
    }

    /// Flushes a directory's entries (renames, creations) to stable storage.
    public func syncDirectory(_ dir: String) throws(LeRobotError) {
        let fd = try fs.openForReading(dir)
        do throws(LeRobotError) {
            try fs.fsync(fd, path: dir)
        } catch {
            // The fsync error is the one to report; a close failure after it adds nothing.
            try? fs.close(fd, path: dir)
            throw error
        }
        try fs.close(fd, path: dir)
    }

    /// Durably replaces `path` with `bytes` (creating parent directories).
    public func write(_ bytes: [UInt8], to path: String) throws(LeRobotError) {
        try withBytes(of: bytes) { (buffer) throws(LeRobotError) in try write(buffer, to: path) }
    }

    /// Durably replaces `path` with UTF-8 `text`.
    public func write(text: String, to path: String) throws(LeRobotError) {
        try write(Array(text.utf8), to: path)
    }

    /// Durably replaces `path` with `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(LeRobotError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        let temp = Self.temporaryPath(for: path)
        try produce(temp) { (fd) throws(LeRobotError) in try fs.write(fd, bytes, path: temp) }
        try commit(temp: temp, to: path)
    }

    /// Durably places a file produced elsewhere (an encoded mp4) at `path`: it is
    /// copied into the temporary name, fsynced and renamed. `source` is left as is.
    public func place(copyOf source: String, at path: String, chunkSize: Int = 1 << 20) throws(LeRobotError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        let temp = Self.temporaryPath(for: path)
        let input = try fs.openForReading(source)
        defer {
            // Read-only descriptor: a close error cannot lose data.
            try? fs.close(input, path: source)
        }
        try produce(temp) { (fd) throws(LeRobotError) in
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, chunkSize) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LeRobotError.posix("read", path: source, errno: errno)
                }
                if n == 0 { break }
                try withBytes(of: buffer) { (b) throws(LeRobotError) in
                    try fs.write(fd, UnsafeRawBufferPointer(rebasing: b[0..<n]), path: temp)
                }
            }
        }
        try commit(temp: temp, to: path)
    }

    /// Durably moves a finished file (an encoded mp4 on the same file system) to `path`:
    /// `source` is fsynced, renamed to `path`, and `path`'s directory fsynced, so the video
    /// bytes are written once. If the rename fails with EXDEV (another device) the file is
    /// copied durably with ``place(copyOf:at:chunkSize:)`` and then `source` is removed.
    ///
    /// The rename is atomic: after a crash `path` holds either nothing (the file is still at
    /// `source`) or the complete file.
    public func place(moving source: String, to path: String) throws(LeRobotError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        let fd = try fs.openForReading(source)
        do throws(LeRobotError) {
            try fs.fsync(fd, path: source)
        } catch {
            // The fsync error is what matters; the descriptor is read-only.
            try? fs.close(fd, path: source)
            throw error
        }
        try fs.close(fd, path: source)
        do throws(LeRobotError) {
            try fs.rename(source, path)
        } catch where error.errno == EXDEV {
            try place(copyOf: source, at: path)
            try fs.unlink(source)
            return
        }
        try syncDirectory(dir)
    }

    /// Writes `temp` via `body`, fsyncs and closes it; on failure removes it.
    private func produce(_ temp: String, _ body: (Int32) throws(LeRobotError) -> Void) throws(LeRobotError) {
        let fd = try fs.openForWriting(temp)
        do throws(LeRobotError) {
            try body(fd)
            try fs.fsync(fd, path: temp)
        } catch {
            // Reporting the write/fsync error matters more than a close error on a file we discard.
            try? fs.close(fd, path: temp)
            discard(temp)
            throw error
        }
        do throws(LeRobotError) {
            try fs.close(fd, path: temp)
        } catch {
            discard(temp)
            throw error
        }
    }

    private func commit(temp: String, to path: String) throws(LeRobotError) {
        do throws(LeRobotError) {
            try fs.rename(temp, path)
        } catch {
            discard(temp)
            throw error
        }
        try syncDirectory(Self.split(path).dir)
    }

    private func discard(_ temp: String) {
        // Best effort: the temporary name is hidden and overwritten by the next attempt,
        // and the caller is already getting the error that caused the discard.
        try? fs.unlink(temp)
    }
}
