/// Checks a ``DiskSpaceGuard`` periodically while recording, off the hot path, and publishes
/// an `ERR_DISK_FULL` event when free space crosses below the floor (once per crossing, not on
/// every tick), and a recovery event when it is back above.
///
/// The owner reacts through `onDiskFull` (the engine stops recording and fails the current
/// episode); the monitor itself only observes.
///
/// Threading: ``checkNow()`` and ``run(every:)`` may be called from any task; state is under a lock.
public final class DiskSpaceMonitor: Sendable {
    /// What one check found.
    public enum Reading: Sendable, Hashable {
        /// At or above the floor.
        case ok(DiskSpace)
        /// Below the floor (reported as ``RecordingError/Code/diskFull``).
        case belowFloor(availableBytes: UInt64)
        /// The query failed; `code` is ``RecordingError/Code/diskStatFailed``.
        case unreadable(code: RecordingError.Code, message: String)
    }

    public let diskGuard: DiskSpaceGuard
    private let events: RecordingEvents?
    private let onDiskFull: @Sendable (RecordingError) -> Void
    private let sleep: @Sendable (Duration) async throws -> Void
    private let lock = ConditionLock()
    private nonisolated(unsafe) var belowFloor = false

    /// - Parameters:
    ///   - diskGuard: the floor and the file-system query.
    ///   - events: where `diskFull` / `diskSpaceRecovered` / `error` events go.
    ///   - sleep: how to wait between ticks (injectable so tests drive ticks without a clock).
    ///   - onDiskFull: called once per crossing below the floor, with the `ERR_DISK_FULL` error.
    public init(
        diskGuard: DiskSpaceGuard, events: RecordingEvents? = nil,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onDiskFull: @escaping @Sendable (RecordingError) -> Void = { _ in }
    ) {
        self.diskGuard = diskGuard
        self.events = events
        self.sleep = sleep
        self.onDiskFull = onDiskFull
    }

    /// One check: reads free space and publishes an event if the floor was crossed either way.
    @discardableResult
    public func checkNow() -> Reading {
        let space: DiskSpace
        do throws(RecordingError) {
            space = try diskGuard.space()
        } catch {
            events?.emit(.error(code: error.code, message: error.message))
            return .unreadable(code: error.code, message: error.message)
        }
        var fullError: RecordingError?
        do throws(RecordingError) {
            try diskGuard.verify(space)
        } catch {
            fullError = error
        }
        let reading: Reading = fullError == nil ? .ok(space) : .belowFloor(availableBytes: space.availableBytes)
        let crossed = lock.withLock { () -> Bool? in
            let isBelow = fullError != nil
            defer { belowFloor = isBelow }
            return isBelow == belowFloor ? nil : isBelow
        }
        switch (crossed, reading) {
        case (true?, .belowFloor(let available)):
            events?.emit(.diskFull(availableBytes: available, floorBytes: diskGuard.floorBytes, path: diskGuard.path))
            if let fullError { onDiskFull(fullError) }
        case (false?, .ok(let space)):
            events?.emit(.diskSpaceRecovered(
                availableBytes: space.availableBytes, floorBytes: diskGuard.floorBytes, path: diskGuard.path))
        default:
            break
        }
        return reading
    }

    /// Checks every `interval` until the task is cancelled or the sleep function throws.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            checkNow()
            do {
                try await sleep(interval)
            } catch {
                return  // cancelled: the session is over
            }
        }
    }
}
