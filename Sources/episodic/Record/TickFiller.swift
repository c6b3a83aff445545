import Foundation
import Recording
import RobotSources

/// Fills one ``FrameBuilder`` per control tick from the plan's sources: the demo arm or the
/// external state stream for the vectors, synthetic cameras or ffmpeg cameras for the images.
///
/// Threading: the control loop's thread only. Rendering and frame copies go straight into the
/// encoder's queue slot (`withCameraBuffer`), so a tick allocates nothing.
final class TickFiller {
    let plan: RecordPlan
    let stateReader: StateStreamReader?
    let ffmpegCameras: [FFmpegCameraSource]
    private let synthetic: [SyntheticCamera]
    private let stateKey: FrameBuilder.FrameKey
    private let actionKey: FrameBuilder.FrameKey
    private let cameraKeys: [FrameBuilder.FrameKey]
    private var robot: DemoRobot
    private var joints: [Float]
    private var action: [Float]
    /// `--audio-tone`: the tone and its per-tick buffer (allocated once).
    private let tone: ToneGenerator?
    private var toneBuffer: [Int16]

    init(plan: RecordPlan, frame: FrameBuilder, stateReader: StateStreamReader?, ffmpegCameras: [FFmpegCameraSource]) throws {
        self.plan = plan
        self.stateReader = stateReader
        self.ffmpegCameras = ffmpegCameras
        synthetic = plan.cameras.compactMap {
            if case .synthetic(let index) = $0.source { return SyntheticCamera(width: plan.width, height: plan.height, viewpoint: index) }
            return nil
        }
        stateKey = try frame.key("observation.state")
        actionKey = try frame.key("action")
        cameraKeys = try plan.cameras.map { try frame.key($0.feature) }
        robot = DemoRobot(config: DemoRobotConfig(jointCount: plan.joints, fps: plan.fps, seed: plan.seed), episodeIndex: 0)
        joints = [Float](repeating: 0, count: plan.joints)
        action = [Float](repeating: 0, count: plan.joints)
        tone = plan.audioStream.map { ToneGenerator(sampleRate: $0.sampleRate, fps: plan.fps, frequency: Self.toneFrequency) }
        toneBuffer = [Int16](repeating: 0, count: tone?.maxSamplesPerFrame ?? 0)
    }

    /// The `--audio-tone` pitch (Hz).
    static let toneFrequency = 440.0

    /// Chooses the demo trajectories of dataset episode `index` (a re-recorded episode replays its own).
    func beginEpisode(_ index: Int) {
        robot = DemoRobot(config: robot.config, episodeIndex: index)
    }

    /// Fills `frame` for tick `tick` of the episode.
    func fill(_ frame: FrameBuilder, tick: Int) throws {
        if let stateReader {
            if let values = stateReader.next() {
                joints = values[0]
                action = values[1]
            }
        } else {
            joints.withUnsafeMutableBufferPointer { robot.state(atFrame: tick, into: $0) }
            action.withUnsafeMutableBufferPointer { robot.action(atFrame: tick, into: $0) }
        }
        try joints.withUnsafeBufferPointer { try frame.set(stateKey, $0) }
        try action.withUnsafeBufferPointer { try frame.set(actionKey, $0) }
        if let tone {
            try toneBuffer.withUnsafeMutableBufferPointer { buffer in
                let count = tone.samples(ofFrame: tick, into: buffer)
                try frame.setAudio(samples: UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
        }
        var syntheticIndex = 0, ffmpegIndex = 0
        for (position, camera) in plan.cameras.enumerated() {
            switch camera.source {
            case .synthetic:
                let renderer = synthetic[syntheticIndex]
                syntheticIndex += 1
                try frame.withCameraBuffer(cameraKeys[position]) { slot in
                    joints.withUnsafeBufferPointer { renderer.render(joints: $0, into: slot) }
                }
            case .ffmpeg:
                let source = ffmpegCameras[ffmpegIndex]
                ffmpegIndex += 1
                let fresh = try frame.withCameraBuffer(cameraKeys[position]) { source.take(into: $0) }
                // No new frame since the last tick: record it as a late-frame gap (the encoder
                // repeats the previous frame), so the video and the gap log agree.
                if !fresh { try frame.markGap(cameraKeys[position], cause: .frameLate) }
            }
        }
    }
}
