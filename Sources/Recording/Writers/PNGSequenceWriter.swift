// One `image` feature of one take: frames queued by the control loop, PNG-encoded on a thread.

import Foundation
import LeRobot
import Video

/// Writes one image feature's frames as PNGs: `addFrame` copies (or renders) each frame into a
/// preallocated slot of a ``FrameQueue`` (the same slot discipline and back-pressure policy as a
/// video encoder); a dedicated thread encodes each distinct frame once and appends it to a spool
/// file (`<feature>.pngs`). A duplicated frame (gap, full queue) points at the previous PNG, so
/// it costs no encoding and no bytes. ``finish(_:)`` reads the PNGs back as the feature's column.
///
/// Memory stays flat while recording (16 bytes of index per frame); at commit the episode's
/// PNGs are held once in memory to write the parquet, as lerobot does for image features.
///
/// Threading: the ``ImageStreamWriter`` methods on the control loop (short lock, no allocation,
/// no I/O); the encoding thread; `finish`/`cancel` from the committer or a background thread.
final class PNGSequenceWriter: ImageStreamWriter, @unchecked Sendable {
    /// Where one output frame's PNG is in the spool file.
    struct Extent: Equatable {
        var offset: Int64
        var length: Int
    }

    let streamName: String
    let width: Int
    let height: Int
    let spoolPath: String
    private let settings: PNGImageSettings
    private let finishTimeout: @Sendable (_ frames: Int) -> Duration
    private let buffers: FrameBuffers
    private let statsLog: CameraStatsLog
    private let fd: Int32
    /// Guards every `var` below; producers, the encoding thread and `finish` wait on it.
    private let cond = NSCondition()
    private var queue: FrameQueue
    private var closing = false
    private var cancelled = false
    private var threadDone = false
    private var failure: VideoError?
    private var extents: [Extent] = []

    /// Creates the spool file and starts the encoding thread. Blocking (file create).
    init(name: String, width: Int, height: Int, settings: PNGImageSettings, take: TakeContext,
         finishTimeout: @escaping @Sendable (_ frames: Int) -> Duration) throws(RecordingError) {
        streamName = name
        self.width = width
        self.height = height
        self.settings = settings
        self.finishTimeout = finishTimeout
        spoolPath = take.directory + "/" + name + ".pngs"
        let capacity = max(settings.queueCapacity ?? take.fps, 1)
        queue = FrameQueue(capacity: capacity)
        buffers = FrameBuffers(count: capacity + 1, frameBytes: width * height * 3)
        statsLog = CameraStatsLog(width: width, height: height, expectedFrames: take.expectedFrames,
                                  spoolPath: take.directory + "/" + name + ".stats")
        extents.reserveCapacity(take.expectedFrames)
        do {
            try FileManager.default.createDirectory(atPath: take.directory, withIntermediateDirectories: true)
        } catch {
            throw RecordingError(.prerequisiteFailed, "image '\(name)': spool directory \(take.directory) could not be created",
                                 hint: "check the spool directory's permissions and free space")
        }
        fd = open(spoolPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RecordingError(errno == ENOSPC ? .diskFull : .prerequisiteFailed,
                                 "image '\(name)': \(spoolPath) could not be created (errno \(errno))",
                                 hint: "check the spool directory's permissions and free space")
        }
        let thread = Thread { [self] in encodeLoop() }
        thread.name = "episodic.png"
        thread.start()
    }

    // MARK: Producer (control loop)

    var counters: EncoderCounters { cond.withLock { queue.counters } }

    func reserveSlot() -> StreamingVideoEncoder.SlotReservation? {
        cond.withLock {
            guard refusal() == nil, let slot = queue.reserveSlot() else { return nil }
            return StreamingVideoEncoder.SlotReservation(slot: slot, buffer: buffers.slot(slot))
        }
    }

    func submit(_ reservation: StreamingVideoEncoder.SlotReservation, captureTime: ContinuousClock.Instant) -> SubmitOutcome {
        cond.withLock {
            if let error = refusal() {
                queue.unreserve(slot: reservation.slot)
                return .failed(error)
            }
            queue.commit(slot: reservation.slot)
            return .queued
        }
    }

    func release(_ reservation: StreamingVideoEncoder.SlotReservation) {
        cond.withLock { queue.unreserve(slot: reservation.slot) }
    }

    func submit(_ rgb: UnsafeRawBufferPointer, captureTime: ContinuousClock.Instant) -> SubmitOutcome {
        cond.lock()
        if let error = refusal() { cond.unlock(); return .failed(error) }
        guard rgb.count == buffers.frameBytes else {
            queue.duplicateLatest(cause: .invalidFrame)
            cond.unlock()
            return .duplicated(.invalidFrame)
        }
        var slot = queue.reserveSlot()
        if slot == nil,
           let waited = settings.backpressure.waitForSlot(on: cond, reserve: { queue.reserveSlot() }, refused: { refusal() != nil }) {
            slot = waited.slot
            queue.recordBlocked(waited.blocked)
            if let error = refusal() {
                if let slot { queue.unreserve(slot: slot) }
                cond.unlock()
                return .failed(error)
            }
        }
        guard let slot else {
            queue.duplicateLatest(cause: .queueFull)
            cond.unlock()
            return .duplicated(.queueFull)
        }
        cond.unlock()
        buffers.slot(slot).copyMemory(from: rgb)
        return submit(StreamingVideoEncoder.SlotReservation(slot: slot, buffer: buffers.slot(slot)), captureTime: captureTime)
    }

    @discardableResult
    func submitGap(cause: GapCause) -> SubmitOutcome {
        cond.withLock {
            if let error = refusal() { return .failed(error) }
            queue.duplicateLatest(cause: cause)
            return .duplicated(cause)
        }
    }

    /// Why frames are refused now (nil: accepted). `cond` held.
    private func refusal() -> VideoError? {
        if let failure { return failure }
        if cancelled || closing { return VideoError(.closed, "image stream '\(streamName)' is finished; frame not recorded") }
        return nil
    }

    // MARK: Finish and cancel

    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> TakeContribution {
        let bound = finishTimeout(context.frames)
        let drained = await Self.offPool { [self] in drain(timeout: bound) }
        let (done, failed, frames, written) = cond.withLock { (threadDone, failure, queue.counters.framesHandedIn, extents) }
        if let failed {
            throw RecordingError(failed.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(context.sessionEpisode): image stream '\(streamName)' failed",
                                 hint: "the spool files in \(context.spoolDirectory) are kept", cause: failed)
        }
        guard drained, done else {
            throw RecordingError(.commitFailed, "episode \(context.sessionEpisode): image stream '\(streamName)' was not encoded within \(bound)",
                                 hint: "lower the PNG compression level or the image size; the spool files are kept")
        }
        guard frames == context.frames, written.count == context.frames else {
            throw RecordingError(.commitFailed, "image stream '\(streamName)' has \(written.count) of \(frames) frames for \(context.frames) rows",
                                 hint: "the image writer lost frames; re-record the episode")
        }
        let pngs: [[UInt8]]
        let stats: FeatureStatistics
        do {
            pngs = try Self.readPNGs(written, from: spoolPath)
            stats = try statsLog.statistics(length: context.frames)
        } catch {
            throw RecordingError(.commitFailed, "episode \(context.sessionEpisode): image stream '\(streamName)' could not be read back",
                                 hint: "the spool files in \(context.spoolDirectory) are kept", cause: error)
        }
        let counters = cond.withLock { queue.counters }
        return TakeContribution(
            columns: [streamName: .png(pngs)], cameraStats: [streamName: stats],
            sidecar: .imageStream(section: "images", name: streamName, frames: context.frames, counters: counters,
                                  codec: "png", encoder: "episodic-png-z\(settings.compressionLevel)"))
    }

    func cancel() {
        cond.withLock {
            cancelled = true
            cond.broadcast()
        }
        _ = drain(timeout: .seconds(5))  // the thread stops after the frame it is encoding
        _ = unlink(spoolPath)  // a missing file is fine: nothing to remove
    }

    /// Stops taking frames and waits (blocking) until the thread wrote every queued frame and
    /// ended; false at the timeout.
    private func drain(timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.timeInterval)
        return cond.withLock {
            closing = true
            cond.broadcast()
            while !threadDone {
                if !cond.wait(until: deadline) { return threadDone }
            }
            return true
        }
    }

    /// Reads each frame's PNG from the spool file; duplicates share the bytes of their frame.
    static func readPNGs(_ extents: [Extent], from path: String) throws(VideoError) -> [[UInt8]] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VideoError(.io, "\(path) could not be opened (errno \(errno))") }
        defer { close(fd) }
        var pngs: [[UInt8]] = []
        pngs.reserveCapacity(extents.count)
        for (i, extent) in extents.enumerated() {
            if i > 0, extents[i - 1] == extent {
                pngs.append(pngs[i - 1])
                continue
            }
            var bytes = [UInt8](repeating: 0, count: extent.length)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, extent.length, off_t(extent.offset)) }
            guard n == extent.length else { throw VideoError(.io, "\(path): short read of frame \(i) (errno \(errno))") }
            pngs.append(bytes)
        }
        return pngs
    }

    /// Runs blocking `body` on its own thread, so a wait never holds a cooperative thread.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }

    // MARK: Encoding thread

    /// Encodes each queued frame once and appends it to the spool file, until `finish` drained
    /// the queue, `cancel`, or a failure (kept for `finish`, refused to producers).
    private func encodeLoop() {
        var written: Int64 = 0
        while true {
            cond.lock()
            // Polls (like the video writer) so `addFrame` never pays for waking this thread.
            while !queue.hasWork && !closing && !cancelled {
                _ = cond.wait(until: Date(timeIntervalSinceNow: 0.004))
            }
            if cancelled || !queue.hasWork {
                cond.unlock()
                break
            }
            let job = queue.takeJob()
            cond.broadcast()  // a blocked producer may reserve the slots just freed
            cond.unlock()
            guard let job else { continue }
            let pixels = UnsafeRawBufferPointer(buffers.slot(job.slot))
            statsLog.observe(firstIndex: job.firstIndex, count: job.count, rgb: pixels)
            do {
                let png = try PNGEncoder.encode(width: width, height: height, format: .rgb8, pixels: pixels,
                                                compressionLevel: settings.compressionLevel)
                if let failed = png.withUnsafeBytes({ Self.writeAll(fd, $0, path: spoolPath) }) { throw failed }
                let extent = Extent(offset: written, length: png.count)
                written += Int64(png.count)
                cond.withLock {
                    for _ in 0..<job.count {
                        extents.append(extent)
                        queue.recordWritten(latency: nil)
                    }
                }
            } catch {
                let failed = error as? VideoError ?? VideoError(.io, "image '\(streamName)': \(error)")
                cond.withLock {
                    failure = failure ?? failed
                    cond.broadcast()
                }
                break
            }
        }
        close(fd)
        cond.withLock {
            threadDone = true
            cond.broadcast()
        }
    }

    /// Writes all of `bytes` (``StreamingVideoEncoder/writeAll(_:_:)``); the error (ENOSPC →
    /// `ERR_DISK_FULL`) or nil.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) -> VideoError? {
        guard let code = StreamingVideoEncoder.writeAll(fd, bytes) else { return nil }
        return VideoError(code == ENOSPC ? .diskFull : .io, "writing \(path) failed (errno \(code))",
                          hint: code == ENOSPC ? "free disk space; episodes committed before are intact" : nil)
    }

    static func seconds(_ d: Duration) -> Double {
        d.timeInterval
    }
}
