import Testing
@testable import Recording

/// A fake `statvfs` that returns the readings it was given, one per call, then repeats the last.
final class FakeStat: @unchecked Sendable {
    private let lock = ConditionLock()
    private var readings: [Result<DiskSpace, RecordingError>]
    private var calls: [String] = []

    init(_ readings: [Result<DiskSpace, RecordingError>]) { self.readings = readings }

    var paths: [String] { lock.withLock { calls } }

    var function: DiskSpaceGuard.StatFunction {
        { (path: String) throws(RecordingError) -> DiskSpace in
            let reading = self.lock.withLock { () -> Result<DiskSpace, RecordingError> in
                self.calls.append(path)
                return self.readings.count > 1 ? self.readings.removeFirst() : self.readings[0]
            }
            return try reading.get()
        }
    }
}

private func free(_ bytes: UInt64) -> Result<DiskSpace, RecordingError> {
    .success(DiskSpace(availableBytes: bytes, totalBytes: 1_000_000))
}

@Suite struct DiskSpaceGuardTests {
    @Test func aboveTheFloorReturnsTheSpaceAndBelowThrowsDiskFull() throws {
        let stat = FakeStat([free(5_000), free(4_999)])
        let guardian = DiskSpaceGuard(path: "/data/ds", floorBytes: 5_000, stat: stat.function)
        #expect(try guardian.check() == DiskSpace(availableBytes: 5_000, totalBytes: 1_000_000))
        do {
            try guardian.check()
            Issue.record("4999 free bytes passed a floor of 5000")
        } catch {
            #expect(error.code == .diskFull)
            #expect(error.message == "only 4999 bytes are free on the file system of /data/ds, below the floor of 5000 bytes")
        }
        #expect(stat.paths == ["/data/ds", "/data/ds"])
    }

    @Test func theRealStatvfsReadsThisMachineAndNamesTheErrnoOnFailure() throws {
        let space = try DiskSpaceGuard(path: "/", floorBytes: 0).check()
        #expect(space.totalBytes > 0)
        #expect(space.availableBytes <= space.totalBytes)
        do {
            try DiskSpaceGuard(path: "/nonexistent/episodic-dataset", floorBytes: 0).check()
            Issue.record("statvfs of a missing path succeeded")
        } catch {
            #expect(error.code == .diskStatFailed)
            #expect(error.message == "statvfs(/nonexistent/episodic-dataset) failed with errno 2 (No such file or directory)")
        }
    }

    /// Crossing the floor publishes one ERR_DISK_FULL event and one callback, not one per tick;
    /// climbing back publishes one recovery event.
    @Test func theMonitorReportsEachCrossingOnce() async throws {
        let stat = FakeStat([free(900), free(400), free(300), free(800), free(100)])
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 100)
        let fullCalls = CallCounter()
        let monitor = DiskSpaceMonitor(
            diskGuard: DiskSpaceGuard(path: "/data", floorBytes: 500, stat: stat.function), events: events,
            onDiskFull: { error in fullCalls.add(error.code) })
        let readings = (0..<5).map { _ in monitor.checkNow() }
        #expect(readings == [
            .ok(DiskSpace(availableBytes: 900, totalBytes: 1_000_000)), .belowFloor(availableBytes: 400),
            .belowFloor(availableBytes: 300), .ok(DiskSpace(availableBytes: 800, totalBytes: 1_000_000)),
            .belowFloor(availableBytes: 100),
        ])
        events.finish()
        #expect(await collect(stream) == [
            .diskFull(availableBytes: 400, floorBytes: 500, path: "/data"),
            .diskSpaceRecovered(availableBytes: 800, floorBytes: 500, path: "/data"),
            .diskFull(availableBytes: 100, floorBytes: 500, path: "/data"),
        ])
        #expect(fullCalls.codes == [.diskFull, .diskFull])
    }

    @Test func theMonitorReportsAnUnreadableDiskAsAnErrorEvent() async {
        let failure = RecordingError(.diskStatFailed, "statvfs(/data) failed with errno 5 (Input/output error)")
        let events = RecordingEvents()
        let stream = events.subscribe()
        let monitor = DiskSpaceMonitor(
            diskGuard: DiskSpaceGuard(path: "/data", floorBytes: 1, stat: FakeStat([.failure(failure)]).function),
            events: events)
        #expect(monitor.checkNow() == .unreadable(code: .diskStatFailed, message: failure.message))
        events.finish()
        #expect(await collect(stream) == [.error(code: .diskStatFailed, message: failure.message)])
    }

    /// The periodic loop checks, then sleeps the interval, until the sleep throws (cancellation).
    @Test func thePeriodicLoopChecksOncePerInterval() async {
        let stat = FakeStat([free(1_000)])
        let sleeps = SleepRecorder()
        let limit = CallCounter()
        let monitor = DiskSpaceMonitor(
            diskGuard: DiskSpaceGuard(path: "/data", floorBytes: 10, stat: stat.function),
            sleep: { duration in
                try await sleeps.sleep(duration)
                if limit.addAndCount(.diskFull) == 3 { throw CancellationError() }
            })
        await monitor.run(every: .seconds(2))
        #expect(stat.paths.count == 3)
        #expect(sleeps.delays == [.seconds(2), .seconds(2), .seconds(2)])
    }
}

/// Counts calls from any thread.
final class CallCounter: @unchecked Sendable {
    private let lock = ConditionLock()
    private var log: [RecordingError.Code] = []

    var codes: [RecordingError.Code] { lock.withLock { log } }

    func add(_ code: RecordingError.Code) { lock.withLock { log.append(code) } }

    func addAndCount(_ code: RecordingError.Code) -> Int {
        lock.withLock {
            log.append(code)
            return log.count
        }
    }
}
