import Foundation

/// Settings of the simulated arm.
public struct DemoRobotConfig: Sendable, Hashable {
    /// Number of joints; the last one is the gripper.
    public var jointCount: Int
    /// Control rate in frames per second (the dataset's fps).
    public var fps: Int
    /// Seed of every random choice: same seed, same trajectories, same dataset bytes.
    public var seed: UInt64

    public init(jointCount: Int = 6, fps: Int = 30, seed: UInt64 = 0) {
        self.jointCount = jointCount
        self.fps = fps
        self.seed = seed
    }

    /// Joint names as they appear in the dataset's `names` (`joint0` … `gripper`).
    public var jointNames: [String] {
        (0..<jointCount).map { $0 == jointCount - 1 && jointCount > 1 ? "gripper" : "joint\($0)" }
    }
}

/// A deterministic simulated N-joint arm whose joints follow smooth seeded
/// trajectories, so anyone can try Episodic without hardware.
///
/// Each joint angle (radians; the gripper opening in 0…1) is a sum of three
/// sines whose amplitudes, frequencies and phases are drawn from the seed, the
/// episode index and the task index: every episode differs, every task moves
/// differently, and the same inputs always give the same numbers. The
/// action at frame k is the commanded target, i.e. the state at frame k+1, as
/// a teleoperated follower arm records it.
///
/// A value type with no shared state: call it from any thread.
public struct DemoRobot: Sendable {
    public let config: DemoRobotConfig
    public let episodeIndex: Int
    public let taskIndex: Int
    private let joints: [JointMotion]

    /// Harmonics per joint: enough for motion that does not look periodic in a
    /// 10 s episode, few enough that each frame costs a few hundred nanoseconds.
    static let harmonics = 3

    public init(config: DemoRobotConfig, episodeIndex: Int, taskIndex: Int = 0) {
        self.config = config
        self.episodeIndex = episodeIndex
        self.taskIndex = taskIndex
        var generator = SeededGenerator(
            seed: config.seed, stream: UInt64(truncatingIfNeeded: episodeIndex) << 20 | UInt64(truncatingIfNeeded: taskIndex))
        // Tasks share a seed-wide base pose so that episodes of one task look alike.
        var taskGenerator = SeededGenerator(seed: config.seed, stream: 0xBA5E_0000 | UInt64(truncatingIfNeeded: taskIndex))
        joints = (0..<config.jointCount).map { joint in
            let isGripper = joint == config.jointCount - 1 && config.jointCount > 1
            return JointMotion(random: &generator, task: &taskGenerator, isGripper: isGripper)
        }
    }

    /// Writes the joint state at `frame` into `buffer` (`jointCount` floats).
    public func state(atFrame frame: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        precondition(buffer.count >= joints.count, "state buffer holds \(buffer.count) floats, need \(joints.count)")
        let time = Double(frame) / Double(config.fps)
        for (index, joint) in joints.enumerated() {
            buffer[index] = Float(joint.position(at: time))
        }
    }

    /// Writes the commanded action at `frame` (the state one tick ahead) into `buffer`.
    public func action(atFrame frame: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        state(atFrame: frame + 1, into: buffer)
    }

    /// The joint state at `frame`, as a new array (convenient off the hot path).
    public func state(atFrame frame: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: joints.count) { buffer, count in
            state(atFrame: frame, into: buffer)
            count = joints.count
        }
    }

    /// The commanded action at `frame`, as a new array.
    public func action(atFrame frame: Int) -> [Float] {
        state(atFrame: frame + 1)
    }
}

/// The motion of one joint: an offset plus a sum of sines.
struct JointMotion: Sendable {
    var offset: Double
    var amplitudes: [Double]
    var frequencies: [Double]
    var phases: [Double]
    var isGripper: Bool

    init(random: inout SeededGenerator, task: inout SeededGenerator, isGripper: Bool) {
        self.isGripper = isGripper
        offset = isGripper ? 0.5 : task.nextDouble(in: -0.6...0.6)
        let scale = isGripper ? 0.15 : 0.35
        amplitudes = (0..<DemoRobot.harmonics).map { harmonic in
            random.nextDouble(in: 0.3...1.0) * scale / Double(harmonic + 1)
        }
        frequencies = (0..<DemoRobot.harmonics).map { harmonic in
            random.nextDouble(in: 0.08...0.25) * Double(harmonic + 1)
        }
        phases = (0..<DemoRobot.harmonics).map { _ in random.nextDouble(in: 0...(2 * Double.pi)) }
    }

    func position(at time: Double) -> Double {
        var value = offset
        for harmonic in 0..<amplitudes.count {
            value += amplitudes[harmonic] * sin(2 * Double.pi * frequencies[harmonic] * time + phases[harmonic])
        }
        return isGripper ? min(max(value, 0), 1) : value
    }
}
