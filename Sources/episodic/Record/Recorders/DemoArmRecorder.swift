import LeRobot
import Recording
import RobotSources

/// The demo arm: `observation.state` and `action` from a seeded ``DemoRobot``, whose trajectory
/// is chosen per dataset episode (a re-recorded episode replays its own; same seed, same bytes).
/// Exposes the joints it set for the synthetic cameras.
///
/// Threading: the control loop's thread. A tick writes into buffers allocated in `init`.
final class DemoArmRecorder: Recorder, JointSource {
    let features: [Feature]
    private let config: DemoRobotConfig
    private var robot: DemoRobot
    private(set) var joints: [Float]
    private var action: [Float]
    private var stateKey: FrameBuilder.FrameKey?
    private var actionKey: FrameBuilder.FrameKey?

    init(config: DemoRobotConfig) {
        self.config = config
        features = JointFeatures.features(jointNames: config.jointNames)
        robot = DemoRobot(config: config, episodeIndex: 0)
        joints = [Float](repeating: 0, count: config.jointCount)
        action = [Float](repeating: 0, count: config.jointCount)
    }

    func bind(to frame: FrameBuilder) throws {
        stateKey = try frame.key(JointFeatures.state)
        actionKey = try frame.key(JointFeatures.action)
    }

    /// Chooses the trajectories of dataset episode `index`.
    func episodeWillStart(_ index: Int) {
        robot = DemoRobot(config: config, episodeIndex: index)
    }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        joints.withUnsafeMutableBufferPointer { robot.state(atFrame: tick, into: $0) }
        action.withUnsafeMutableBufferPointer { robot.action(atFrame: tick, into: $0) }
        try joints.withUnsafeBufferPointer { try frame.set(stateKey!, $0) }
        try action.withUnsafeBufferPointer { try frame.set(actionKey!, $0) }
    }
}
