import LeRobot
import Recording
import RobotSources

/// A synthetic camera filming the arm from one viewpoint: each tick it renders the joints its
/// ``JointSource`` set this tick straight into the encoder's queue slot (no copy).
///
/// Register it after its joint source, so the joints are this tick's. Threading: the control
/// loop's thread; rendering allocates nothing.
final class SyntheticCameraRecorder: Recorder {
    let feature: String
    let features: [Feature]
    private let renderer: SyntheticCamera
    private let joints: any JointSource
    private var key: FrameBuilder.FrameKey?

    /// - Parameters:
    ///   - feature: the camera's video feature, `observation.images.NAME`.
    ///   - viewpoint: which of the synthetic viewpoints it films from.
    init(feature: String, width: Int, height: Int, viewpoint: Int, joints: any JointSource) {
        self.feature = feature
        features = [.video(feature, height: height, width: width)]
        renderer = SyntheticCamera(width: width, height: height, viewpoint: viewpoint)
        self.joints = joints
    }

    var name: String { "synthetic camera \(feature)" }

    func bind(to frame: FrameBuilder) throws {
        key = try frame.key(feature)
    }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        let joints = joints.joints
        try frame.withCameraBuffer(key!) { slot in
            joints.withUnsafeBufferPointer { renderer.render(joints: $0, into: slot) }
        }
    }
}
