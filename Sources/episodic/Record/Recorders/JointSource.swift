import LeRobot

/// A recorder that knows the robot's current joint positions, for the synthetic cameras that
/// film the arm (``SyntheticCameraRecorder``): the demo arm or the external state stream.
///
/// Threading: the control loop's thread; ``joints`` is read after this tick's `capture`.
protocol JointSource: AnyObject {
    /// The joint positions set in this tick's `observation.state` (one per joint).
    var joints: [Float] { get }
}

/// The two vectors every robot recording has, named after the demo arm's joints.
enum JointFeatures {
    static let state = "observation.state"
    static let action = "action"

    /// `observation.state` then `action`, float32, one element per joint name.
    static func features(jointNames: [String]) -> [Feature] {
        [.vector(state, names: jointNames), .vector(action, names: jointNames)]
    }
}
