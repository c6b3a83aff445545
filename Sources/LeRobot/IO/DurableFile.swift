// Crash-safe file replacement for the LeRobot module (DurableIO underneath).

import DurableIO

/// Writes files so that a crash at any instant leaves either the old content or the
/// complete new content under the final name, never a partial file.
///
/// A thin adapter over `DurableIO.DurableWriter` (temp `DIR/.NAME.episodic-tmp`, fsync,
/// rename, fsync `DIR`) that reports failures as ``LeRobotError`` (`ERR_DISK_FULL` for
/// ENOSPC, `ERR_IO` otherwise, the `DurableIOError` as cause).
///
/// Blocking (disk I/O and fsync): call from a background task. Thread-safe as long as
/// two callers never write the same path at once.
public struct DurableFile: Sendable {
    /// The implementation (and its file-system seam).
    public let writer: DurableWriter
    public var fs: any FileSystemOps { writer.fs }

    public init(fs: any FileSystemOps = PosixFileSystem()) {
        writer = DurableWriter(fs: fs)
    }

    /// The suffix of every temporary name, so recovery can recognise (and remove) leftovers.
    public static var temporarySuffix: String { DurableWriter.temporarySuffix }

    /// The temporary name used for `path`: `DIR/.NAME.episodic-tmp`.
    public static func temporaryPath(for path: String) -> String { DurableWriter.temporaryPath(for: path) }

    /// Whether a file name (not a path) is one of our temporary names.
    public static func isTemporaryName(_ name: String) -> Bool { DurableWriter.isTemporaryName(name) }

    static func split(_ path: String) -> (dir: String, name: String) { DurableWriter.split(path) }

    /// Creates `dir` and its missing parents; each created directory's parent is fsynced.
    public func makeDirectories(_ dir: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.makeDirectories(dir) }
    }

    /// Flushes a directory's entries (renames, creations) to stable storage.
    public func syncDirectory(_ dir: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.syncDirectory(dir) }
    }

    /// Durably replaces `path` with `bytes` (creating parent directories).
    public func write(_ bytes: [UInt8], to path: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.write(bytes, to: path) }
    }

    /// Durably replaces `path` with UTF-8 `text`.
    public func write(text: String, to path: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.write(text: text, to: path) }
    }

    /// Durably replaces `path` with `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.write(bytes, to: path) }
    }

    /// Durably places a copy of `source` (an encoded mp4) at `path`; `source` is left as is.
    public func place(copyOf source: String, at path: String, chunkSize: Int = 1 << 20) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.place(copyOf: source, at: path, chunkSize: chunkSize) }
    }

    /// Durably moves `source` to `path` (fsync, rename, fsync directory; copy + unlink across
    /// devices). See `DurableWriter.place(moving:to:)`.
    public func place(moving source: String, to path: String) throws(LeRobotError) {
        try mappingIO { () throws(DurableIOError) in try writer.place(moving: source, to: path) }
    }
}
