import Foundation
import LeRobot
import Recording
import RobotSources
import Video

/// A validated `episodic record` (or `bench`) invocation: every flag checked and combined
/// before anything is written. Built by ``RecordCommand/plan()``.
struct RecordPlan {
    /// Where the joint state and action come from.
    enum StateSource {
        case demo
        case external(StateEndpoint)
    }

    /// Where the camera frames come from.
    enum CameraSource {
        /// A synthetic camera rendering the demo arm from viewpoint `index`.
        case synthetic(index: Int)
        case ffmpeg(CameraInput)
    }

    struct Camera {
        var name: String
        var source: CameraSource
        /// The dataset feature, `observation.images.NAME`.
        var feature: String { "observation.images." + name }
    }

    var output: String
    var version: CodebaseVersion
    var fps: Int
    var episodes: Int
    var episodeSeconds: Double
    var resetSeconds: Double
    var task: String
    var codec: VideoCodec
    var seed: UInt64
    var resume: Bool
    var width: Int
    var height: Int
    var joints: Int
    var state: StateSource
    var cameras: [Camera]
    /// Record the demo's 440 Hz tone as the audio stream (a ``ToneRecorder``).
    var audioTone = false

    /// Frames per episode (episode seconds × fps, rounded).
    var framesPerEpisode: Int { Int((episodeSeconds * Double(fps)).rounded()) }

    /// Joint names: the demo arm's (`joint0` … `gripper`).
    var jointNames: [String] { DemoRobotConfig(jointCount: joints, fps: fps, seed: seed).jointNames }

    /// The robot type written to info.json.
    var robotType: String {
        if case .external = state { return "external" }
        return "episodic_demo_arm"
    }
}
