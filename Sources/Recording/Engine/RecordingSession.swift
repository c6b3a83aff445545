// The recording engine: frames in, committed LeRobot episodes out.

import Foundation
import LeRobot
import Video

/// Records episodes into a LeRobot dataset without making the control loop wait.
///
/// Lifecycle: ``init(configuration:)`` (validates; writes nothing) → ``start(task:requester:)``
/// (approval, dataset writer, row consumer, committer, pre-warmed encoders) → for each episode
/// ``startEpisode(task:)``, ``addFrame(_:captureTime:)`` per tick, then ``saveEpisode()`` or
/// ``discardEpisode()`` → ``stop(timeout:)``.
///
/// Data path: `addFrame` validates the frame, pushes its table row into a preallocated ring
/// (a dedicated thread appends rows to the episode's columns and statistics) and hands each
/// camera or image frame to that feature's ``ImageStreamWriter`` (a streaming video encoder or a
/// PNG writer by default, or any registered ``ImageWriterFactory``'s writer; each copies the frame
/// into its own preallocated queue and computes its statistics on its own thread).
/// `saveEpisode` hands the episode to the commit queue and returns; one committer finishes the
/// take's writers and writes the episode durably, manifest last.
///
/// Threading: the episode calls (`startEpisode`, `addFrame`, `saveEpisode`, `discardEpisode`)
/// are meant for one control-loop thread; they are serialized by a short lock, never suspend,
/// and do no file I/O (`startEpisode` reads free space once). `addFrame` blocks only under a
/// camera's `.block(maxWait:)` policy, at most for `maxWait`. ``progress()``, ``events`` and
/// ``waitForCommits(timeout:)`` may be used from any thread or task.
///
/// Always end a started session with ``stop(timeout:)``: it stops the row consumer thread and
/// the pre-warmed ffmpeg processes, which otherwise live until the process exits.
public final class RecordingSession: @unchecked Sendable {
    public let configuration: RecordingConfiguration
    /// Status, queue and disk events for UIs (see ``RecordingEvents/subscribe(bufferSize:)``).
    public let events = RecordingEvents()
    let metrics: RecordingMetrics?
    let validated: RecordingConfiguration.Validated
    let epoch = ContinuousClock.now

    /// Guards every `var` below.
    let lock = ConditionLock()
    var machine = SessionStateMachine()
    var ring: FrameRing?
    var consumer: RowConsumer?
    var queue: EpisodeCommitQueue<EngineCommitter>?
    var committerTask: Task<Void, Never>?
    var monitorTask: Task<Void, Never>?
    /// Forwards frame counts to ``metrics`` while the session runs (nil without metrics).
    var metricsTask: Task<Void, Never>?
    var diskGuard: DiskSpaceGuard
    /// The encoders being pre-warmed for the next episode.
    var pendingTake: PendingTake?
    var nextTakeNumber = 0
    /// The open episode, if any (between `startEpisode` and save/discard).
    var open: OpenEpisode?
    /// A saved episode the full commit queue did not take yet (`saveEpisode` may be called again).
    var unqueuedJob: EngineCommitJob?
    /// The error that stopped recording (disk full, encoder start failure), if any.
    var fatal: RecordingError?
    var tallies = Tallies()
    /// Test seam: awaited at the start of every commit attempt (a test holds it to stall the
    /// whole commit path, which does all of the disk I/O). Set before ``start(task:requester:)``.
    var commitStall: (@Sendable (_ episode: Int) async -> Void)?
    /// A preallocated ring entry for episode markers.
    let marker: UnsafeMutableRawBufferPointer

    /// The episode being recorded.
    struct OpenEpisode {
        var index: Int
        var task: String
        var streams: EpisodeStreams
        var columns: EpisodeColumns
        var frames = 0
        var started: ContinuousClock.Instant
    }

    /// Session-wide counts, exact.
    struct Tallies {
        var framesAdded = 0
        var framesRejected = 0
        var episodesSaved = 0
        /// Session episode numbers handed to the commit queue, in order.
        var savedIndices: [Int] = []
        var episodesDiscarded = 0
        var rowMarkerFailures = 0
        /// Episode markers stored in the row ring (not frames: the frame metrics leave them out).
        var rowMarkers = 0
        /// Per image stream (frame builder order): frames queued (`accepted`) and duplicated
        /// (`duplicated`: gaps the caller marked, or a full queue), across all episodes.
        var imageStreams: [FrameRingCounters] = []
    }

    /// Validates `configuration`; nothing is written or started.
    /// - Parameter metrics: where frame and commit metrics go (nil: none).
    /// - Throws: `ERR_RECORDING_INVALID_CONFIGURATION` naming the bad setting.
    public init(configuration: RecordingConfiguration, metrics: RecordingMetrics? = nil) throws(RecordingError) {
        validated = try configuration.validated()
        self.configuration = configuration
        self.metrics = metrics
        diskGuard = DiskSpaceGuard(path: configuration.root, floorBytes: configuration.diskFloorBytes)
        tallies.imageStreams = Array(repeating: FrameRingCounters(), count: validated.imageStreams.count)
        marker = .allocate(byteCount: validated.layout.rowBytes, alignment: 16)
        marker.initializeMemory(as: UInt8.self, repeating: 0)
    }

    deinit {
        marker.deallocate()
    }

    /// The session's state (see ``SessionState``).
    public var state: SessionState { lock.withLock { machine.state } }

    /// A reusable frame for ``addFrame(_:captureTime:)`` with storage for every feature.
    public func makeFrame() -> FrameBuilder {
        let frame = FrameBuilder(sessionID: ObjectIdentifier(self), layout: validated.layout,
                                 cameras: validated.imageStreams.map { ($0.name, $0.frameBytes) }) { [weak self] camera in
            self?.lock.withLock { self?.open?.streams.imageWriters[camera] }
        }
        frame.audioChannels = configuration.audio?.channels ?? 1
        return frame
    }

    /// Replaces the disk query (tests simulate a full disk with it). Call before ``start(task:requester:)``.
    public func setDiskStat(_ stat: @escaping DiskSpaceGuard.StatFunction) {
        lock.withLock { diskGuard = DiskSpaceGuard(path: configuration.root, floorBytes: configuration.diskFloorBytes, stat: stat) }
    }

    /// Feeds `event` to the state machine and publishes the transition. Lock held.
    @discardableResult
    func transitionLocked(_ event: SessionEvent) throws(RecordingError) -> [SessionAction] {
        let before = machine.state
        let actions = try machine.handle(event)
        events.emit(.sessionState(from: before, to: machine.state))
        return actions
    }

    /// Frames expected per episode, for reserving column capacity (30 s).
    var expectedFrames: Int { configuration.fps * 30 }

    /// Starts preparing the next take's encoders in the background. Lock held.
    func prepareNextTakeLocked() {
        let take = nextTakeNumber
        nextTakeNumber += 1
        let spool = configuration.effectiveSpoolDirectory
        let imageStreams = validated.imageStreams
        let rowStreams = validated.rowStreams
        let fps = configuration.fps
        let audio = configuration.audio
        let expected = expectedFrames
        pendingTake = PendingTake(take: take) { () throws(RecordingError) -> EpisodeStreams in
            try EpisodeStreams(take: take, spool: spool, imageStreams: imageStreams, rowStreams: rowStreams, fps: fps,
                               expectedFrames: expected, audio: audio)
        }
    }

    /// Pushes an episode marker into the row ring; false if the ring could not store it. Lock held.
    func pushMarkerLocked(_ kind: RowLayout.Kind) -> Bool {
        guard let ring else { return false }
        marker.storeBytes(of: kind.rawValue, toByteOffset: 0, as: UInt64.self)
        do {
            let outcome = try ring.push(UnsafeRawBufferPointer(marker))
            if outcome == .accepted || outcome == .acceptedAfterWait {
                tallies.rowMarkers += 1
                return true
            }
        } catch {
            // Only a finished ring refuses; the caller reports the marker as lost.
        }
        tallies.rowMarkerFailures += 1
        return false
    }
}
