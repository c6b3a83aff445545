// Crash-safe file replacement: temp file, fsync, rename, fsync directory.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash at any instant leaves either the old content or the
/// complete new content under the final name, never a partial file. The one
/// implementation used by LeRobot (`DurableFile`) and Video (`PNGWriter`).
///
/// Protocol: write `DIR/.NAME.episodic-tmp`, `fsync` it, `rename` it over `DIR/NAME`,
/// `fsync` `DIR`. On any failure the temporary file is removed and the error (with its
/// stable code, `ERR_DISK_FULL` for ENOSPC) is thrown; the final name is untouched.
/// ``Options`` can skip the two fsyncs where a caller makes durability its own business
/// (PNG frames: the episode commit fsyncs once for all of them).
///
/// Blocking (disk I/O and fsync): call from a background task. Thread-safe as long as
/// two callers never write the same path at once.
public struct DurableWriter: Sendable {
    /// Which flushes to do. Both on by default (crash- and power-loss-safe).
    public struct Options: Sendable, Hashable {
        /// fsync the temporary file before the rename.
        public var syncFile: Bool
        /// fsync the directory after the rename (and parents of created directories).
        public var syncDirectory: Bool

        public init(syncFile: Bool = true, syncDirectory: Bool = true) {
            self.syncFile = syncFile
            self.syncDirectory = syncDirectory
        }
    }

    public let fs: any FileSystemOps
    public let options: Options

    public init(fs: any FileSystemOps = PosixFileSystem(), options: Options = Options()) {
        self.fs = fs
        self.options = options
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

    /// `(directory, name)` of a path; the directory is `""` for a bare name and `/` at the root.
    public static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// Creates `dir` and its missing parents; each created directory's parent is fsynced.
    public func makeDirectories(_ dir: String) throws(DurableIOError) {
        guard !dir.isEmpty, !fs.exists(dir) else { return }
        let (parent, _) = Self.split(dir)
        if parent != dir { try makeDirectories(parent) }
        try fs.makeDirectory(dir)
        if !parent.isEmpty && options.syncDirectory { try syncDirectory(parent) }
    }

    /// Flushes a directory's entries (renames, creations) to stable storage.
    public func syncDirectory(_ dir: String) throws(DurableIOError) {
        let fd = try fs.openForReading(dir)
        do throws(DurableIOError) {
            try fs.fsync(fd, path: dir)
        } catch {
            // The fsync error is the one to report; a close failure after it adds nothing.
            try? fs.close(fd, path: dir)  // ok: cleanup after a failure; the original error is rethrown
            throw error
        }
        try fs.close(fd, path: dir)
    }

    /// Durably replaces `path` with `bytes` (creating parent directories).
    public func write(_ bytes: [UInt8], to path: String) throws(DurableIOError) {
        var failure: DurableIOError?
        bytes.withUnsafeBytes { buffer in
            do throws(DurableIOError) { try write(buffer, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Durably replaces `path` with `bytes` (creating parent directories).
    public func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(DurableIOError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        let temp = Self.temporaryPath(for: path)
        try produce(temp) { (fd) throws(DurableIOError) in try fs.write(fd, bytes, path: temp) }
        try commit(temp: temp, to: path)
    }

    /// Durably replaces `path` with UTF-8 `text`.
    public func write(text: String, to path: String) throws(DurableIOError) {
        try write(Array(text.utf8), to: path)
    }

    /// Durably places a file produced elsewhere (an encoded mp4) at `path`: it is
    /// copied into the temporary name, fsynced and renamed. `source` is left as is.
    public func place(copyOf source: String, at path: String, chunkSize: Int = 1 << 20) throws(DurableIOError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        let temp = Self.temporaryPath(for: path)
        let input = try fs.openForReading(source)
        defer {
            // Read-only descriptor: a close error cannot lose data.
            try? fs.close(input, path: source)  // ok: cleanup after a failure; the original error is rethrown
        }
        try produce(temp) { (fd) throws(DurableIOError) in
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, chunkSize) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DurableIOError.posix("read", path: source, errno: errno)
                }
                if n == 0 { break }
                var failure: DurableIOError?
                buffer.withUnsafeBytes { b in
                    do throws(DurableIOError) {
                        try fs.write(fd, UnsafeRawBufferPointer(rebasing: b[0..<n]), path: temp)
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            }
        }
        try commit(temp: temp, to: path)
    }

    /// Durably moves a finished file (an encoded mp4 on the same file system) to `path`:
    /// `source` is fsynced, renamed to `path`, and `path`'s directory fsynced, so the bytes
    /// are written once. If the rename fails with EXDEV (another device) the file is copied
    /// durably with ``place(copyOf:at:chunkSize:)`` and then `source` is removed.
    ///
    /// The rename is atomic: after a crash `path` holds either nothing (the file is still at
    /// `source`) or the complete file.
    public func place(moving source: String, to path: String) throws(DurableIOError) {
        let (dir, _) = Self.split(path)
        try makeDirectories(dir)
        if options.syncFile {
            let fd = try fs.openForReading(source)
            do throws(DurableIOError) {
                try fs.fsync(fd, path: source)
            } catch {
                // The fsync error is what matters; the descriptor is read-only.
                try? fs.close(fd, path: source)  // ok: cleanup after a failure; the original error is rethrown
                throw error
            }
            try fs.close(fd, path: source)
        }
        do throws(DurableIOError) {
            try fs.rename(source, path)
        } catch where error.errno == EXDEV {
            try place(copyOf: source, at: path)
            try fs.unlink(source)
            return
        }
        if options.syncDirectory { try syncDirectory(dir) }
    }

    /// Writes `temp` via `body`, fsyncs (if asked) and closes it; on failure removes it.
    private func produce(_ temp: String, _ body: (Int32) throws(DurableIOError) -> Void) throws(DurableIOError) {
        let fd = try fs.openForWriting(temp)
        do throws(DurableIOError) {
            try body(fd)
            if options.syncFile { try fs.fsync(fd, path: temp) }
        } catch {
            // Reporting the write/fsync error matters more than a close error on a file we discard.
            try? fs.close(fd, path: temp)  // ok: cleanup after a failure; the original error is rethrown
            discard(temp)
            throw error
        }
        do throws(DurableIOError) {
            try fs.close(fd, path: temp)
        } catch {
            discard(temp)
            throw error
        }
    }

    private func commit(temp: String, to path: String) throws(DurableIOError) {
        do throws(DurableIOError) {
            try fs.rename(temp, path)
        } catch {
            discard(temp)
            throw error
        }
        if options.syncDirectory { try syncDirectory(Self.split(path).dir) }
    }

    private func discard(_ temp: String) {
        // Best effort: the temporary name is hidden and overwritten by the next attempt,
        // and the caller is already getting the error that caused the discard.
        try? fs.unlink(temp)  // ok: best effort, see above
    }
}
