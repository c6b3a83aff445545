// Shared setup for the recording engine tests: a demo robot with one small camera.

import Foundation
import LeRobot
import Parquet
import Recording
import RobotSources
import Testing
import Video

/// A fresh directory under the system temp dir, removed by the caller (or left for inspection).
func engineTempDirectory(_ label: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("episodic-engine-\(label)-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Fails the test with a clear message when ffmpeg is missing (CI installs it via scripts/setup.sh).
func requireFFmpeg() throws {
    let found = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/ffmpeg") && FileManager.default.isExecutableFile(atPath: "\($0)/ffprobe")
    }
    try #require(found, "ffmpeg/ffprobe not on PATH: install them (scripts/setup.sh) to run the engine tests")
}

/// The demo recording: a seeded 6-joint robot and one 64×48 synthetic camera at 30 fps.
struct DemoRig {
    static let camera = "observation.images.front"
    let robotConfig: DemoRobotConfig
    let cameraModel: SyntheticCamera

    init(seed: UInt64 = 7, width: Int = 64, height: Int = 48) {
        robotConfig = DemoRobotConfig(jointCount: 6, fps: 30, seed: seed)
        cameraModel = SyntheticCamera(width: width, height: height, viewpoint: 0)
    }

    var features: [Feature] {
        [.vector("observation.state", names: robotConfig.jointNames),
         .vector("action", names: robotConfig.jointNames),
         .video(Self.camera, height: cameraModel.height, width: cameraModel.width)]
    }

    func configuration(root: String, version: CodebaseVersion = .v3_0,
                       encoding: CameraEncoding = CameraEncoding(threads: 1)) -> RecordingConfiguration {
        RecordingConfiguration(root: root, version: version, fps: 30, robotType: "demo", features: features,
                               defaultCameraEncoding: encoding, spoolDirectory: root + ".spool")
    }

    /// The values of frame `frame` of demo episode `episode`.
    func state(episode: Int, frame: Int) -> [Float] {
        DemoRobot(config: robotConfig, episodeIndex: episode).state(atFrame: frame)
    }
    func action(episode: Int, frame: Int) -> [Float] {
        DemoRobot(config: robotConfig, episodeIndex: episode).action(atFrame: frame)
    }

    /// Adds `count` demo frames of `episode` (camera rendered straight into the frame's buffer).
    func record(_ session: RecordingSession, frame: FrameBuilder, episode: Int, count: Int,
                skipCamera: Set<Int> = [], lateCamera: Set<Int> = []) throws {
        let robot = DemoRobot(config: robotConfig, episodeIndex: episode)
        let stateKey = try frame.key("observation.state")
        let actionKey = try frame.key("action")
        let cameraKey = try frame.key(Self.camera)
        var state = [Float](repeating: 0, count: 6)
        var action = [Float](repeating: 0, count: 6)
        for i in 0..<count {
            state.withUnsafeMutableBufferPointer { robot.state(atFrame: i, into: $0) }
            action.withUnsafeMutableBufferPointer { robot.action(atFrame: i, into: $0) }
            try state.withUnsafeBufferPointer { try frame.set(stateKey, $0) }
            try action.withUnsafeBufferPointer { try frame.set(actionKey, $0) }
            if lateCamera.contains(i) {
                try frame.markGap(cameraKey, cause: .frameLate)
            } else if !skipCamera.contains(i) {
                try frame.withCameraBuffer(cameraKey) { buffer in
                    state.withUnsafeBufferPointer { cameraModel.render(joints: $0, into: buffer) }
                }
            }
            let index = try session.addFrame(frame)
            #expect(index == i)
        }
    }
}

/// Every row's values of a list column, as floats.
func floatRows(_ column: ColumnData, rows: Int) -> [[Float]] {
    (0..<rows).map { row in (column.flattenedNumbers(row: row)?.values ?? []).map { Float($0) } }
}
