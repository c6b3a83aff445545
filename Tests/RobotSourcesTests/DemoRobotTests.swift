import Testing
@testable import RobotSources

@Suite("Demo robot")
struct DemoRobotTests {
    let config = DemoRobotConfig(jointCount: 6, fps: 30, seed: 7)

    @Test("same seed, episode and task give identical trajectories")
    func deterministic() {
        let first = DemoRobot(config: config, episodeIndex: 2, taskIndex: 1)
        let second = DemoRobot(config: config, episodeIndex: 2, taskIndex: 1)
        for frame in [0, 1, 29, 300, 9000] {
            #expect(first.state(atFrame: frame).map(\.bitPattern) == second.state(atFrame: frame).map(\.bitPattern))
        }
    }

    @Test("seed, episode and task each change the motion")
    func variation() {
        let base = DemoRobot(config: config, episodeIndex: 0, taskIndex: 0).state(atFrame: 45)
        let otherSeed = DemoRobot(config: DemoRobotConfig(seed: 8), episodeIndex: 0, taskIndex: 0).state(atFrame: 45)
        let otherEpisode = DemoRobot(config: config, episodeIndex: 1, taskIndex: 0).state(atFrame: 45)
        let otherTask = DemoRobot(config: config, episodeIndex: 0, taskIndex: 1).state(atFrame: 45)
        #expect(base != otherSeed)
        #expect(base != otherEpisode)
        #expect(base != otherTask)
    }

    @Test("the action at frame k is the state at frame k+1")
    func actionLeadsState() {
        let robot = DemoRobot(config: config, episodeIndex: 3)
        for frame in 0..<100 {
            #expect(robot.action(atFrame: frame) == robot.state(atFrame: frame + 1))
        }
    }

    @Test("motion is smooth and bounded: joints within ±2 rad, gripper within 0…1, small steps")
    func smoothAndBounded() {
        let robot = DemoRobot(config: config, episodeIndex: 0)
        var previous = robot.state(atFrame: 0)
        var moved = false
        for frame in 1..<(30 * 60) {
            let state = robot.state(atFrame: frame)
            for joint in 0..<5 {
                #expect(abs(state[joint]) < 2)
                #expect(abs(state[joint] - previous[joint]) < 0.1, "joint \(joint) jumps at frame \(frame)")
                if state[joint] != previous[joint] { moved = true }
            }
            #expect((0...1).contains(state[5]))
            previous = state
        }
        #expect(moved)
    }

    @Test("joint names end with the gripper")
    func names() {
        #expect(config.jointNames == ["joint0", "joint1", "joint2", "joint3", "joint4", "gripper"])
    }
}
