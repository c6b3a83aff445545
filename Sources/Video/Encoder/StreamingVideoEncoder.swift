import Foundation
import Logging

/// Encodes one camera's frames to an MP4 while the episode is being recorded.
///
/// Lifecycle: `init` → ``start()`` (spawns ffmpeg and returns at once; frames submitted during
/// ffmpeg's 100–200 ms startup wait in the queue) → ``submit(_:captureTime:)`` /
/// ``submitGap(cause:)`` per frame → ``finish()`` (or ``cancel()`` to discard). Always call
/// one of `finish` or `cancel`: until then ffmpeg keeps waiting for input.
///
/// Exactness: every call to `submit`/`submitGap` that does not return `.failed` becomes exactly
/// one output frame, at presentation time exactly k/fps. When a frame cannot be queued it is
/// replaced by a duplicate of the previous frame and counted (``EncoderCounters``), never dropped.
///
/// Threading:
/// - `submit`/`submitGap` may be called from any thread, one call at a time per encoder
///   (concurrent calls are serialized). They never allocate or do I/O; they copy the frame into a
///   preallocated slot holding a short lock only for the slot bookkeeping, not for the copy.
///   They block only under ``BackpressurePolicy/block(maxWait:)`` and at most for `maxWait`.
/// - A dedicated writer thread writes slots to ffmpeg's stdin without holding the lock, and a
///   second thread drains ffmpeg's stderr (last 20 lines kept for errors).
/// - `finish`/`cancel` may be called from any thread; the synchronous variants block it.
public final class StreamingVideoEncoder: @unchecked Sendable {
    public let config: VideoEncoderConfig
    /// Where ``finish()`` puts the finished (faststart) MP4.
    public let outputPath: String
    /// The fragmented MP4 ffmpeg writes while recording; removed after a successful finish or a
    /// cancel, kept after a failure (it holds a decodable prefix).
    public let spoolPath: String

    enum Phase { case created, running, closing, finished, cancelled }

    /// Test seams; production code leaves them empty.
    struct Hooks: Sendable {
        /// Runs on the writer thread before it takes each job (a gate lets tests pause the writer).
        var beforeJob: (@Sendable () -> Void)?
    }

    /// Called on the writer thread before a slot is written to ffmpeg (see ``FrameObserver``).
    public typealias FrameObserver = @Sendable (_ firstIndex: Int, _ count: Int, _ rgb: UnsafeRawBufferPointer) -> Void

    let buffers: FrameBuffers
    let hooks: Hooks
    /// Sees every output frame's bytes on the writer thread (never on the producer's thread).
    let frameObserver: FrameObserver?
    let logger: Logger
    let stderrTail = StderrTail()
    /// Guards `queue`, `phase`, `failure`, `writerFinished`; producers and the writer wait on it.
    let cond = NSCondition()
    var queue: FrameQueue
    var phase = Phase.created
    var failure: VideoError?
    var writerFinished = false
    /// Set once in `start()` before any thread that reads it exists; never changed afterwards.
    var child: ChildProcess?
    var encoderName = ""
    let producerLock = NSLock()

    /// Creates an encoder; allocates and zeroes its `(queue capacity + 1)` frame slots now, so
    /// nothing is allocated per frame. Does not start ffmpeg (see ``start()``).
    /// - Parameters:
    ///   - spoolPath: where the fragmented MP4 goes while recording; default `outputPath + ".spool.mp4"`.
    ///   - frameObserver: called on the writer thread with the bytes of output frames
    ///     `firstIndex ..< firstIndex + count` (a real frame and the duplicates of it that follow,
    ///     or the black frame before the first one) just before they are written to ffmpeg. Used
    ///     for per-frame statistics off the producer's thread; it must be quick and must not keep
    ///     the pointer. It delays the encoder, never `submit`.
    public convenience init(config: VideoEncoderConfig, outputPath: String, spoolPath: String? = nil,
                            logger: Logger = Logger(label: "episodic.video"),
                            frameObserver: FrameObserver? = nil) {
        self.init(config: config, outputPath: outputPath, spoolPath: spoolPath, logger: logger, hooks: Hooks(),
                  frameObserver: frameObserver)
    }

    init(config: VideoEncoderConfig, outputPath: String, spoolPath: String?, logger: Logger, hooks: Hooks,
         frameObserver: FrameObserver? = nil) {
        self.frameObserver = frameObserver
        self.config = config
        self.outputPath = outputPath
        self.spoolPath = spoolPath ?? outputPath + ".spool.mp4"
        self.logger = logger
        self.hooks = hooks
        let capacity = max(config.effectiveQueueCapacity, 1)
        queue = FrameQueue(capacity: capacity)
        buffers = FrameBuffers(count: capacity + 1, frameBytes: config.frameByteCount)
    }

    /// ffmpeg's process id while it runs (for monitoring and tests), nil before `start()`.
    public var processID: Int32? { child?.pid }

    /// The ffmpeg encoder actually used (`libx264`, a hardware encoder for `.auto`, …); empty before `start()`.
    public var ffmpegEncoder: String { cond.withLock { encoderName } }

    /// A consistent snapshot of the counters.
    public var counters: EncoderCounters { cond.withLock { queue.counters } }

    /// Validates the configuration, checks the encoder exists, and spawns ffmpeg with its writer
    /// and stderr threads. Returns without waiting for ffmpeg to be ready.
    ///
    /// Blocking: the first start in a process runs `ffmpeg -encoders` once (≈ 50 ms; more for
    /// `.auto`, which test-encodes with each listed hardware encoder once).
    /// Also makes the process ignore SIGPIPE (see ``ignoreSIGPIPE()``).
    /// - Throws: `ERR_VIDEO_INVALID_CONFIG`, `ERR_FFMPEG_MISSING`, `ERR_ENCODER_UNSUPPORTED`,
    ///   `ERR_VIDEO_IO` (spool directory), `ERR_VIDEO_CLOSED` when called twice.
    public func start() throws {
        try cond.withLock {
            guard phase == .created, failure == nil else {
                throw VideoError(.closed, "encoder for \(outputPath) was already started")
            }
        }
        do {
            try spawnEncoder()
        } catch let error as VideoError {
            // Frames submitted before start() must not wait for an encoder that never comes.
            cond.withLock {
                failure = error
                cond.broadcast()
            }
            throw error
        }
    }

    /// The body of `start()`: checks, spawn, threads (see there).
    private func spawnEncoder() throws {
        try config.validate()
        let ffmpeg = try FFmpegTools.resolve(config.tools.ffmpeg)
        let available = try config.tools.encoders()
        var hardware: HardwareEncoderProbe.Choice?
        if config.codec == .auto { hardware = try HardwareEncoderProbe.choose(tools: config.tools) }
        let encoder = hardware?.encoder ?? config.codec.softwareEncoder
        guard available.contains(encoder) else {
            throw VideoError(.encoderUnsupported, "ffmpeg at \(ffmpeg) has no encoder \(encoder) (codec \(config.codec.rawValue))",
                             hint: "choose another codec or install an ffmpeg built with \(encoder)")
        }
        for path in [spoolPath, outputPath] {
            let dir = (path as NSString).deletingLastPathComponent
            guard !dir.isEmpty else { continue }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw VideoError(.io, "cannot create directory \(dir) for \(path): \(error.localizedDescription)",
                                 hint: "check the dataset directory is writable")
            }
        }
        ignoreSIGPIPE()
        let arguments = config.ffmpegArguments(spoolPath: spoolPath, encoder: encoder, hardware: hardware)
        let child = try ChildProcess.spawn(executable: ffmpeg, arguments: arguments, stdin: .pipe, stdout: .null)
        cond.withLock {
            self.child = child
            encoderName = encoder
            if phase == .created { phase = .running }
        }
        logger.debug("video encoder started", metadata: ["pid": "\(child.pid)", "encoder": "\(encoder)", "spool": "\(spoolPath)"])
        stderrTail.start(fd: child.stderrFD, name: "episodic.video.stderr") { [self] in encoderClosedStderr() }
        let writer = Thread { [self] in writerLoop(child: child) }
        writer.name = "episodic.video.writer"
        writer.start()
    }

    /// Hands in the next camera frame (packed rgb24, `width × height × 3` bytes).
    ///
    /// Copies the bytes into a free queue slot and returns `.queued`; if no slot is free (after
    /// waiting under `.block(maxWait:)`), the output frame becomes a duplicate of the previous
    /// frame and `.duplicated(.queueFull)` is returned; a buffer of the wrong size becomes a
    /// duplicate with `.invalidFrame`. After a failure, `finish` or `cancel` it returns `.failed`
    /// at once. Never allocates; never does I/O. May be called before `start()` (frames queue).
    public func submit(_ frame: UnsafeRawBufferPointer, captureTime: ContinuousClock.Instant = .now) -> SubmitOutcome {
        producerLock.lock()
        defer { producerLock.unlock() }
        cond.lock()
        if let error = refusal() { cond.unlock(); return .failed(error) }
        guard frame.count == config.frameByteCount else {
            queue.duplicateLatest(cause: .invalidFrame)
            wakeWriterLocked()
            cond.unlock()
            logger.warning("video frame of \(frame.count) bytes, expected \(config.frameByteCount); duplicated previous frame")
            return .duplicated(.invalidFrame)
        }
        var slot = queue.reserveSlot()
        if slot == nil,
           let waited = config.backpressure.waitForSlot(on: cond, reserve: { queue.reserveSlot() }, refused: { refusal() != nil }) {
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
            wakeWriterLocked()
            cond.unlock()
            return .duplicated(.queueFull)
        }
        cond.unlock()
        buffers.slot(slot).copyMemory(from: frame)
        buffers.captureTimes[slot] = captureTime
        cond.lock()
        defer { cond.unlock() }
        if let error = refusal() {
            queue.unreserve(slot: slot)
            return .failed(error)
        }
        queue.commit(slot: slot)
        wakeWriterLocked()
        return .queued
    }

    /// Records that the camera frame for the next output slot never arrived (or arrived unusable):
    /// the previous frame is repeated and counted under `cause`. Before any frame, the repeated
    /// frame is black. Same threading rules as `submit`; never waits for a slot (it only waits
    /// for a concurrent `submit` on the same encoder to return).
    @discardableResult
    public func submitGap(cause: GapCause) -> SubmitOutcome {
        producerLock.lock()
        defer { producerLock.unlock() }
        cond.lock()
        defer { cond.unlock() }
        if let error = refusal() { return .failed(error) }
        queue.duplicateLatest(cause: cause)
        wakeWriterLocked()
        return .duplicated(cause)
    }

    /// Why new frames are refused now, or nil when they are accepted. Call with `cond` held.
    func refusal() -> VideoError? {
        if phase == .cancelled {
            return VideoError(.closed, "encoder for \(outputPath) was cancelled; frame not recorded")
        }
        if let failure { return failure }
        switch phase {
        case .created, .running: return nil
        case .closing, .finished:
            return VideoError(.closed, "encoder for \(outputPath) is finishing or finished; frame not recorded",
                              hint: "start a new encoder for the next episode")
        case .cancelled:
            return VideoError(.closed, "encoder for \(outputPath) was cancelled; frame not recorded")
        }
    }
}
