// The Observer routes custom recorders into a session: their values land in the dataset exactly.

import Foundation
import LeRobot
import Parquet
import Recording
import Testing

/// A 'gripper force sensor': float32[2] per tick, `[100 × episode + tick, -tick / 4]` (exact in
/// float32), logging every capture and every episode start it was told about.
final class GripperForceRecorder: Recorder {
    static let feature = "observation.gripper_force"
    let features: [Feature] = [.vector(GripperForceRecorder.feature, names: ["left", "right"])]
    private var key: FrameBuilder.FrameKey?
    private var values: [Float] = [0, 0]
    private var episode = -1
    /// `(episode, tick)` of every capture, in order.
    private(set) var captures: [(episode: Int, tick: Int)] = []
    /// Every index `episodeWillStart` received, in order.
    private(set) var episodesStarted: [Int] = []

    static func values(episode: Int, tick: Int) -> [Float] { [Float(100 * episode + tick), -Float(tick) / 4] }

    func bind(to frame: FrameBuilder) throws { key = try frame.key(Self.feature) }

    func episodeWillStart(_ index: Int) {
        episode = index
        episodesStarted.append(index)
    }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        captures.append((episode, tick))
        values = Self.values(episode: episode, tick: tick)
        try values.withUnsafeBufferPointer { try frame.set(key!, $0) }
    }
}

/// A fake 64×48 camera: every byte of tick `t` is `5t mod 256`, except the ticks in `late`,
/// which it marks as `frameLate` gaps.
final class FakeCameraRecorder: Recorder {
    static let feature = "observation.images.fake"
    let features: [Feature] = [.video(FakeCameraRecorder.feature, height: 48, width: 64)]
    let late: Set<Int>
    private var key: FrameBuilder.FrameKey?

    init(late: Set<Int> = []) { self.late = late }

    var name: String { "fake camera" }

    func bind(to frame: FrameBuilder) throws { key = try frame.key(Self.feature) }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        if late.contains(tick) {
            try frame.markGap(key!, cause: .frameLate)
        } else {
            _ = try frame.withCameraBuffer(key!) { $0.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: tick * 5)) }
        }
    }
}

/// Throws `Failure` on the first capture of each tick in `failOn` (the retry of that tick succeeds).
final class FlakyRecorder: Recorder {
    struct Failure: Error, Equatable { var tick: Int }
    var features: [Feature] { [] }
    var failOn: Set<Int>
    init(failOn: Set<Int>) { self.failOn = failOn }
    func bind(to frame: FrameBuilder) throws {}
    func capture(into frame: FrameBuilder, tick: Int) throws {
        if failOn.remove(tick) != nil { throw Failure(tick: tick) }
    }
}

/// Declares the given features and audio stream, fills nothing (for configuration checks).
final class DeclaringRecorder: Recorder {
    let name: String
    let features: [Feature]
    let audioStream: RecordingConfiguration.AudioStream?
    init(_ name: String, _ features: [Feature], audio: RecordingConfiguration.AudioStream? = nil) {
        self.name = name
        self.features = features
        self.audioStream = audio
    }
    func bind(to frame: FrameBuilder) throws {}
    func capture(into frame: FrameBuilder, tick: Int) throws {}
}

@Suite("Observer and recorders")
struct ObserverTests {
    static func configuration(_ root: String, features: [Feature] = []) -> RecordingConfiguration {
        RecordingConfiguration(root: root, fps: 30, robotType: "test", features: features,
                               defaultCameraEncoding: CameraEncoding(threads: 1), spoolDirectory: root + ".spool")
    }

    /// The episode's columns by name.
    static func columns(_ reader: DatasetReader, _ episode: Int) throws -> [String: ColumnData] {
        Dictionary(uniqueKeysWithValues: try reader.readEpisode(episode).map { ($0.name, $0.column) })
    }

    @Test("a force sensor and a fake camera registered with an Observer: the dataset holds exactly their values and gaps")
    func customRecordersRecordExactly() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("observer")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let force = GripperForceRecorder()
        let camera = FakeCameraRecorder(late: [4])
        let observer = try Observer(configuration: Self.configuration(root), recorders: [force, camera])
        #expect(observer.session.configuration.features.map(\.name) == [GripperForceRecorder.feature, FakeCameraRecorder.feature])
        try await observer.start(task: "grip")

        #expect(try observer.startEpisode(task: "grip") == 0)
        for i in 0..<12 { #expect(try observer.tick() == i) }
        try observer.saveEpisode()
        #expect(try observer.startEpisode(task: "grip") == 1)
        for i in 0..<7 { #expect(try observer.tick() == i) }
        try observer.saveEpisode()
        let summary = await observer.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))
        #expect(force.captures.map { [$0.episode, $0.tick] } == (0..<12).map { [0, $0] } + (0..<7).map { [1, $0] })

        let reader = try DatasetReader(root: root)
        #expect(reader.info.features.user.map(\.name) == [GripperForceRecorder.feature, FakeCameraRecorder.feature])
        #expect(reader.episodes.map(\.length) == [12, 7])
        for (episode, length) in [(0, 12), (1, 7)] {
            let values = floatRows(try #require(try Self.columns(reader, episode)[GripperForceRecorder.feature]), rows: length)
            #expect(values == (0..<length).map { GripperForceRecorder.values(episode: episode, tick: $0) })
            let sidecar = try JSONValue.parse(try String(
                contentsOfFile: root + String(format: "/meta/episodic/episode-%06d.json", episode), encoding: .utf8))
            let stream = try #require(sidecar["cameras"]?.arrayValue?.first)
            #expect(stream["stream"]?.stringValue == FakeCameraRecorder.feature)
            #expect(stream["frames"]?.intValue == Int64(length))
            #expect(stream["real_frames"]?.intValue == Int64(length - 1))
            #expect(stream["duplicated_frames"]?.intValue == 1)
            let gap = try #require(stream["gaps"]?.arrayValue?.first)
            #expect(gap["from_frame"]?.intValue == 4 && gap["cause"]?.stringValue == "frameLate")
        }
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test("a feature declared by two recorders, or by a recorder and the configuration, is refused naming both; nothing is written")
    func duplicateFeatureRefused() throws {
        let dir = try engineTempDirectory("observer-dup")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let force = Feature.vector("observation.force", names: ["x"])
        let cases: [(RecordingConfiguration, [any Recorder], String)] = [
            (Self.configuration(root), [DeclaringRecorder("left sensor", [force]), DeclaringRecorder("right sensor", [force])],
             "recorder 0 (left sensor) and recorder 1 (right sensor) both declare feature 'observation.force'"),
            (Self.configuration(root, features: [force]), [DeclaringRecorder("sensor", [force])],
             "the configuration and recorder 0 (sensor) both declare feature 'observation.force'"),
        ]
        for (configuration, recorders, message) in cases {
            let error = try #require(throws: RecordingError.self) {
                try Observer(configuration: configuration, recorders: recorders)
            }
            #expect(error.code == .invalidConfiguration)
            #expect(error.message == message)
        }
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test("two audio streams are refused naming both recorders; the one microphone recorder sets the session's audio")
    func audioStreams() throws {
        let dir = try engineTempDirectory("observer-audio")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let mic = RecordingConfiguration.AudioStream(name: "mic", sampleRate: 16_000, channels: 2)
        let error = try #require(throws: RecordingError.self) {
            try Observer(configuration: Self.configuration(root), recorders: [
                DeclaringRecorder("mic A", [], audio: mic), DeclaringRecorder("mic B", [], audio: .init(name: "other"))])
        }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message == "recorder 0 (mic A) (stream 'mic') and recorder 1 (mic B) (stream 'other') both declare an audio stream")

        let state = Feature.vector("observation.state", names: ["a", "b"])
        let observer = try Observer(configuration: Self.configuration(root, features: [state]), recorders: [
            DeclaringRecorder("force", [.vector("observation.force", names: ["x"])]), DeclaringRecorder("mic", [], audio: mic)])
        #expect(observer.session.configuration.audio == mic)
        #expect(observer.session.configuration.features.map(\.name) == ["observation.state", "observation.force"])
    }

    @Test("a recorder that throws refuses the tick: the frame is reset, the frame count unchanged, the tick number retried")
    func throwingRecorderAddsNothing() async throws {
        let dir = try engineTempDirectory("observer-throw")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let force = GripperForceRecorder()
        let flaky = FlakyRecorder(failOn: [3])
        let observer = try Observer(configuration: Self.configuration(root), recorders: [force, flaky])
        try await observer.start(task: "grip")
        try observer.startEpisode(task: "grip")
        for _ in 0..<3 { try observer.tick() }
        #expect(throws: FlakyRecorder.Failure(tick: 3)) { try observer.tick() }
        #expect(observer.session.progress().episodeFrames == 3)
        // The force sensor had set its values before the throw; the reset dropped them.
        let missing = try #require(throws: RecordingError.self) { try observer.addFrame() }
        #expect(missing.code == .invalidFrame && missing.message.contains("no value for '\(GripperForceRecorder.feature)'"))
        #expect(observer.session.progress().episodeFrames == 3)
        #expect(try observer.tick() == 3)
        #expect(try observer.tick() == 4)
        try observer.saveEpisode()
        let summary = await observer.stop(timeout: .seconds(60))
        #expect(summary.commits.committed == 1 && summary.framesAdded == 5)
        #expect(force.captures.map(\.tick) == [0, 1, 2, 3, 3, 4])

        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.map(\.length) == [5])
        let values = floatRows(try #require(try Self.columns(reader, 0)[GripperForceRecorder.feature]), rows: 5)
        #expect(values == (0..<5).map { GripperForceRecorder.values(episode: 0, tick: $0) })
    }

    @Test("episodeWillStart gets each episode's index; a re-recording after discard gets the discarded index again")
    func episodeIndices() async throws {
        let dir = try engineTempDirectory("observer-episodes")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let force = GripperForceRecorder()
        let observer = try Observer(configuration: Self.configuration(root), recorders: [force])
        try await observer.start(task: "grip")
        for (frames, keep) in [(4, true), (6, false), (3, true), (2, false), (2, false), (5, true)] {
            try observer.startEpisode(task: "grip")
            for _ in 0..<frames { try observer.tick() }
            if keep { try observer.saveEpisode() } else { try observer.discardEpisode() }
        }
        let summary = await observer.stop(timeout: .seconds(60))
        #expect(force.episodesStarted == [0, 1, 1, 2, 2, 2])
        #expect(summary.commits.committed == 3 && summary.episodesDiscarded == 3)

        // The re-recorded episodes hold the values of their own index, from tick 0.
        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.map(\.length) == [4, 3, 5])
        for (episode, length) in [(0, 4), (1, 3), (2, 5)] {
            let values = floatRows(try #require(try Self.columns(reader, episode)[GripperForceRecorder.feature]), rows: length)
            #expect(values == (0..<length).map { GripperForceRecorder.values(episode: episode, tick: $0) })
        }
    }
}

/// The wrist image of ``EngineWritersTests`` as a recorder (an `image` feature).
final class WristImageRecorder: Recorder {
    let features: [Feature] = [.image(EngineWritersTests.wrist, height: EngineWritersTests.height, width: EngineWritersTests.width)]
    private var key: FrameBuilder.FrameKey?
    func bind(to frame: FrameBuilder) throws { key = try frame.key(EngineWritersTests.wrist) }
    func capture(into frame: FrameBuilder, tick: Int) throws {
        try EngineWritersTests.pixels(episode: 0, frame: tick).withUnsafeBytes { try frame.setCamera(key!, $0) }
    }
}

@Suite("Observer with a registered writer")
struct ObserverWriterTests {
    @Test("a source and an output format are each one registered type: the wrist recorder's frames reach the registered writer")
    func registeredSourceAndWriter() async throws {
        let dir = try engineTempDirectory("observer-writer")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let factory = MemoryImageWriterFactory()
        let observer = try Observer(configuration: ObserverTests.configuration(root),
                                    recorders: [GripperForceRecorder(), WristImageRecorder()], writers: [factory])
        try await observer.start(task: "t")
        try observer.startEpisode(task: "grip")
        for _ in 0..<5 { try observer.tick() }
        try observer.saveEpisode()
        let summary = await observer.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 1, failed: 0, pending: 0))
        let frames = factory.made.withLock { $0.first?.frames.withLock { $0 } } ?? []
        #expect(frames == (0..<5).map { EngineWritersTests.pixels(episode: 0, frame: $0) })
        let columns = try ObserverTests.columns(try DatasetReader(root: root), 0)
        guard case .struct(let fields) = try #require(columns[EngineWritersTests.wrist]).storage,
              case .binary(let pngs) = fields[0].storage else {
            Issue.record("the image column is not struct<bytes, path>")
            return
        }
        #expect(pngs == Array(repeating: MemoryImageWriter.marker, count: 5))
        #expect(floatRows(try #require(columns[GripperForceRecorder.feature]), rows: 5)
                == (0..<5).map { GripperForceRecorder.values(episode: 0, tick: $0) })
    }
}
