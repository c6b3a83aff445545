import LeRobot
import Recording
import RobotSources

/// `observation.state` and `action` from another program (``StateStreamReader``: stdin or UDP).
/// Each tick takes the newest accepted line; without a new one it records the previous values
/// again (zeros before the first line), which the reader counts as `repeated`.
///
/// Threading: the control loop's thread; the reader has its own. The reader is opened and
/// closed by its owner (``RecordRun``), not by this recorder.
final class ExternalStateRecorder: Recorder, JointSource {
    let features: [Feature]
    let reader: StateStreamReader
    private(set) var joints: [Float]
    private var action: [Float]
    private var stateKey: FrameBuilder.FrameKey?
    private var actionKey: FrameBuilder.FrameKey?

    init(reader: StateStreamReader, jointNames: [String]) {
        self.reader = reader
        features = JointFeatures.features(jointNames: jointNames)
        joints = [Float](repeating: 0, count: jointNames.count)
        action = [Float](repeating: 0, count: jointNames.count)
    }

    func bind(to frame: FrameBuilder) throws {
        stateKey = try frame.key(JointFeatures.state)
        actionKey = try frame.key(JointFeatures.action)
    }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        if let values = reader.next() {
            joints = values[0]
            action = values[1]
        }
        try joints.withUnsafeBufferPointer { try frame.set(stateKey!, $0) }
        try action.withUnsafeBufferPointer { try frame.set(actionKey!, $0) }
    }
}
