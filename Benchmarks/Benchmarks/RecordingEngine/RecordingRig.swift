// A real RecordingSession with one open episode, for the addFrame benchmarks.

import Foundation
import LeRobot
import Recording
import Video

/// A started ``RecordingSession`` (temp dataset, 6-joint state/action, `cameras` 64×48 h264
/// cameras at 30 fps) with one episode open and a reused ``FrameBuilder`` whose keys are
/// resolved once. ``record(frames:)`` is the measured control-loop work; everything else runs
/// in the benchmark's setup, teardown or outside `startMeasurement()/stopMeasurement()`.
///
/// Threading: the benchmark's thread only (the rig is `@unchecked Sendable` so the setup and
/// teardown hooks may reach it).
final class RecordingRig: @unchecked Sendable {
    /// How camera pixels reach the frame.
    enum CameraFill {
        /// `withCameraBuffer`: rendered straight into the encoder's queue slot (zero-copy).
        case inPlace
        /// `setCamera`: the caller's own buffer is borrowed; the encoder copies it once.
        case borrowed
    }

    struct Options {
        var cameras: Int
        var fill: CameraFill = .inPlace
        /// Encoder queue slots per camera; nil = the default (one second of frames).
        var queueCapacity: Int?
        /// Every `gapEvery`-th frame each camera reports `markGap(.frameLate)` instead of a
        /// frame (a flaky camera); nil = never.
        var gapEvery: Int?
    }

    static let width = 64
    static let height = 48
    static let joints = 6

    let options: Options
    private(set) var session: RecordingSession?
    private(set) var frame: FrameBuilder?
    private var stateKey: FrameBuilder.FrameKey?
    private var actionKey: FrameBuilder.FrameKey?
    private var cameraKeys: [FrameBuilder.FrameKey] = []
    /// The control loop's own buffers, allocated once.
    private let state = UnsafeMutableBufferPointer<Float>.allocate(capacity: RecordingRig.joints)
    private let action = UnsafeMutableBufferPointer<Float>.allocate(capacity: RecordingRig.joints)
    /// Pre-rendered camera images for the `.borrowed` fill (4 per camera, cycled).
    private var images: [[UnsafeMutableRawBufferPointer]] = []
    private var directory = ""
    /// Frames added so far (drives the values, so no two frames are the same).
    private var tick = 0

    init(_ options: Options) {
        self.options = options
        state.initialize(repeating: 0)
        action.initialize(repeating: 0)
    }

    deinit {
        state.deallocate()
        action.deallocate()
        for camera in images { for image in camera { image.deallocate() } }
    }

    static func cameraName(_ index: Int) -> String { "observation.images.cam\(index)" }

    /// Creates the dataset in a temp directory, starts the session and episode 0, and resolves the keys.
    func setUp() async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("episodic-alloc-bench-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let root = directory + "/dataset"
        let names = (0..<Self.joints).map { "joint\($0)" }
        var features: [Feature] = [.vector("observation.state", names: names), .vector("action", names: names)]
        for c in 0..<options.cameras {
            features.append(.video(Self.cameraName(c), height: Self.height, width: Self.width))
        }
        let configuration = RecordingConfiguration(
            root: root, fps: 30, robotType: "bench", features: features,
            defaultCameraEncoding: CameraEncoding(codec: .h264, threads: 1, queueCapacity: options.queueCapacity),
            // A quiet process: no free-space poll during measurement (its allocations would count
            // in mallocCountTotal), and a row ring that a 1,000-frame burst never fills.
            diskCheckInterval: .seconds(3600), rowRingSlots: 4096, spoolDirectory: root + ".spool")
        let session = try RecordingSession(configuration: configuration)
        try await session.start(task: "allocation benchmark", requester: "Benchmarks/RecordingEngine")
        try session.startEpisode(task: "steady-state addFrame")
        let frame = session.makeFrame()
        stateKey = try frame.key("observation.state")
        actionKey = try frame.key("action")
        cameraKeys = try (0..<options.cameras).map { try frame.key(Self.cameraName($0)) }
        if options.fill == .borrowed {
            images = (0..<options.cameras).map { c in
                (0..<4).map { k in
                    let image = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.width * Self.height * 3, alignment: 64)
                    Self.render(into: image, seed: c * 4 + k)
                    return image
                }
            }
        }
        self.session = session
        self.frame = frame
        // Let the pre-warmed encoders of the next take finish starting (their thread allocates).
        try await Task.sleep(for: .milliseconds(500))
    }

    /// The measured control loop: fills the reused frame and adds it, `frames` times.
    @inline(never)
    func record(frames: Int) throws {
        guard let session, let frame, let stateKey, let actionKey else { return }
        for _ in 0..<frames {
            let t = tick
            tick += 1
            for j in 0..<Self.joints {
                state[j] = Float(j) + Float(t & 1023) * 0.001
                action[j] = Float(j) - Float(t & 1023) * 0.001
            }
            try frame.set(stateKey, UnsafeBufferPointer(state))
            try frame.set(actionKey, UnsafeBufferPointer(action))
            for c in cameraKeys.indices {
                if let gapEvery = options.gapEvery, t % gapEvery == 0 {
                    try frame.markGap(cameraKeys[c], cause: .frameLate)
                    continue
                }
                switch options.fill {
                case .inPlace:
                    try frame.withCameraBuffer(cameraKeys[c]) { Self.render(into: $0, seed: t &+ c) }
                case .borrowed:
                    try frame.setCamera(cameraKeys[c], UnsafeRawBufferPointer(images[c][t & 3]))
                }
            }
            try session.addFrame(frame)
        }
    }

    /// A moving gradient (what a synthetic camera renders), written byte by byte.
    @inline(__always)
    static func render(into buffer: UnsafeMutableRawBufferPointer, seed: Int) {
        let shift = UInt8(truncatingIfNeeded: seed)
        for i in 0..<buffer.count { buffer[i] = UInt8(truncatingIfNeeded: i) &+ shift }
    }

    /// Duplicated camera frames so far, summed over cameras (queue full, or a camera not set).
    func duplicatedFrames() -> Int {
        session?.progress().streams.reduce(0) { $0 + $1.duplicates } ?? 0
    }

    /// Waits (outside the measurement) until the row consumer and every encoder caught up, so
    /// each measured burst starts from the idle steady state of a real-time loop.
    func waitUntilDrained(timeout: Duration = .seconds(60)) throws {
        guard let session else { return }
        let deadline = ContinuousClock.now + timeout
        while true {
            let progress = session.progress()
            if progress.rowRingDepth == 0, progress.streams.allSatisfy({ $0.written == $0.frames }) { return }
            guard ContinuousClock.now < deadline else { throw RigError("the encoders did not catch up within \(timeout)") }
            usleep(2_000)
        }
    }

    /// Saves the episode, stops the session (checking the episode committed) and removes the files.
    func tearDown() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }  // ok: best-effort cleanup of a temp dir
        guard let session else { return }
        frame = nil
        self.session = nil
        let summary = await session.stop(timeout: .seconds(120))
        guard summary.commits.committed == 1, summary.framesAdded == tick else {
            throw RigError("episode not committed: \(summary.commits), \(summary.framesAdded) of \(tick) frames, failure \(String(describing: summary.failure))")
        }
    }
}

struct RigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
