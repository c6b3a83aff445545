#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Free space on one file system, as `statvfs` reports it to an unprivileged process.
public struct DiskSpace: Sendable, Hashable {
    /// Bytes an unprivileged writer may still use (`f_bavail × f_frsize`).
    public var availableBytes: UInt64
    /// Size of the file system (`f_blocks × f_frsize`).
    public var totalBytes: UInt64

    public init(availableBytes: UInt64, totalBytes: UInt64) {
        self.availableBytes = availableBytes
        self.totalBytes = totalBytes
    }
}

/// Keeps recording from filling the disk: a floor of free bytes under which no episode starts
/// and a running episode is stopped with `ERR_DISK_FULL`, so episodes committed before stay
/// valid and the commit of the last one has room to finish.
///
/// The file-system query is injected: ``systemStatvfs(_:)`` in production, a fake in tests.
///
/// Threading: a value type; ``check()`` makes one system call and may be called from any
/// thread — but never from the frame hot path (see ``DiskSpaceMonitor`` for the periodic check).
public struct DiskSpaceGuard: Sendable {
    /// Reads the free space of the file system holding a path.
    public typealias StatFunction = @Sendable (String) throws(RecordingError) -> DiskSpace

    /// A path on the dataset's file system (the dataset root).
    public let path: String
    /// Free bytes below which recording must not go on.
    public let floorBytes: UInt64
    private let stat: StatFunction

    /// - Parameters:
    ///   - path: any path on the file system to watch (the dataset root).
    ///   - floorBytes: the least free space recording needs; size it for at least one episode's
    ///     spool plus its metadata.
    ///   - stat: the file-system query; defaults to `statvfs`.
    public init(path: String, floorBytes: UInt64, stat: @escaping StatFunction = DiskSpaceGuard.systemStatvfs) {
        self.path = path
        self.floorBytes = floorBytes
        self.stat = stat
    }

    /// The free space right now.
    /// - Throws: ``RecordingError/Code/diskStatFailed`` if the query fails.
    public func space() throws(RecordingError) -> DiskSpace {
        try stat(path)
    }

    /// Checks the floor, before an episode starts and periodically while it records.
    ///
    /// - Returns: the free space, when it is at or above the floor.
    /// - Throws: ``RecordingError/Code/diskFull`` below the floor (the message names the path
    ///   and both numbers), or ``RecordingError/Code/diskStatFailed``.
    @discardableResult
    public func check() throws(RecordingError) -> DiskSpace {
        let space = try stat(path)
        try verify(space)
        return space
    }

    /// Throws ``RecordingError/Code/diskFull`` if `space` is below the floor.
    public func verify(_ space: DiskSpace) throws(RecordingError) {
        guard space.availableBytes >= floorBytes else {
            throw RecordingError(
                .diskFull,
                "only \(space.availableBytes) bytes are free on the file system of \(path), below the floor of \(floorBytes) bytes",
                hint: "free space or record to another disk; episodes committed before are intact")
        }
    }

    /// The real query: `statvfs(path)`.
    public static let systemStatvfs: StatFunction = { (path: String) throws(RecordingError) -> DiskSpace in
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            let code = errno
            throw RecordingError(
                .diskStatFailed, "statvfs(\(path)) failed with errno \(code) (\(String(cString: strerror(code))))",
                hint: "check that the dataset directory exists and is readable")
        }
        let unit = UInt64(info.f_frsize)
        return DiskSpace(
            availableBytes: UInt64(info.f_bavail) &* unit, totalBytes: UInt64(info.f_blocks) &* unit)
    }
}
