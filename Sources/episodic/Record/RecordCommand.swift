import ArgumentParser
import Foundation
import LeRobot
import RobotSources
import Video

/// `episodic record`: the main job — record episodes from the demo robot, or from real cameras
/// and an external state stream, into a LeRobot dataset, with keys and live progress.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record episodes into a LeRobot dataset (demo robot, ffmpeg cameras, external state).",
        discussion: """
            Without sources it records the built-in demo: a seeded 6-joint arm and --cameras synthetic \
            cameras that film it. --camera NAME=INPUT adds a real camera read by ffmpeg (a V4L2 device \
            /dev/videoN, an rtsp:// or http:// URL, a video file, or an ffmpeg test source \
            lavfi:testsrc=size=640x480:rate=30); --state-from stdin|udp://HOST:PORT takes \
            observation.state and action from another program, one JSON object per line or datagram: \
            {"observation.state": [...], "action": [...]}.

            Keys (when stdin is a terminal): n or → save and go on, r or ← discard and re-record, \
            e or Esc save and exit, space pause/resume. Ctrl-C discards the episode in progress and \
            exits after pending commits.

            Exit status: 0 when every saved episode committed, 1 when some did not, 2 when the flags \
            or the output directory are refused (nothing is written then).

            Examples:
              episodic record --output demo-dataset --episodes 3 --episode-seconds 10
              episodic record --output ds --camera front=/dev/video0 --state-from udp://127.0.0.1:9000
              robot-bridge | episodic record --output ds --camera top=lavfi:testsrc --state-from stdin
            """
    )

    @Option(help: "The dataset directory to create (or to append to with --resume).")
    var output: String

    @Flag(help: "Record the built-in demo robot and synthetic cameras (the default without --camera/--state-from).")
    var demo = false

    @Option(name: .customLong("camera"), help: "A real camera NAME=INPUT (repeatable): /dev/videoN, URL, file, lavfi:GRAPH.")
    var cameraSpecs: [String] = []

    @Option(help: "Take the joint state and action from 'stdin' or 'udp://HOST:PORT'.")
    var stateFrom: String?

    @Option(help: "Frames per second of the control loop and the dataset.")
    var fps = 30

    @Option(help: "Episodes to save.")
    var episodes = 3

    @Option(help: "Length of each episode in seconds.")
    var episodeSeconds = 10.0

    @Option(help: "Pause between episodes (resetting the scene), in seconds.")
    var resetSeconds = 0.0

    @Option(help: "The task text stored with every frame.")
    var task = "demo task"

    @Option(help: "Dataset format: v3.0 or v2.1.")
    var format = "v3.0"

    @Option(help: "Video codec: h264, hevc, av1 or auto.")
    var codec = "h264"

    @Option(help: "Seed of the demo robot's trajectories (same seed, same dataset bytes).")
    var seed: UInt64 = 0

    @Flag(help: "Append to the existing dataset in --output instead of refusing it.")
    var resume = false

    @Option(help: "Synthetic demo cameras (ignored with --camera).")
    var cameras = 2

    @Option(help: "Camera frame width (every camera is scaled to it).")
    var width = 640

    @Option(help: "Camera frame height.")
    var height = 480

    @Option(help: "Joints of the arm (the last is the gripper).")
    var joints = 6

    @Flag(help: "Demo only: record a 440 Hz tone at 48 kHz as the episode's audio stream (audio/microphone/…wav).")
    var audioTone = false

    func run() async throws {
        let plan: RecordPlan
        do {
            plan = try self.plan()
            try Self.checkOutput(plan.output, resume: plan.resume)
        } catch let error as CLIError {
            throw error.printed()
        }
        let status = await RecordRun(plan: plan).execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// Checks every flag and their combinations; nothing is written.
    func plan() throws -> RecordPlan {
        func usage(_ message: String, _ hint: String) -> CLIError { CLIError(.usage, message, hint: hint) }
        guard let version = CodebaseVersion(rawValue: format) else {
            throw usage("--format \(format) is not a dataset format", "use --format v3.0 or --format v2.1")
        }
        guard let videoCodec = VideoCodec(rawValue: codec) else {
            throw usage("--codec \(codec) is not a codec", "use h264, hevc, av1 or auto")
        }
        guard (1...240).contains(fps) else { throw usage("--fps \(fps) is out of range", "use 1…240") }
        guard episodes >= 1 else { throw usage("--episodes \(episodes) must be at least 1", "e.g. --episodes 3") }
        guard episodeSeconds > 0, episodeSeconds * Double(fps) >= 1 else {
            throw usage("--episode-seconds \(episodeSeconds) gives no frame at \(fps) fps", "use at least 1/fps seconds")
        }
        guard resetSeconds >= 0 else { throw usage("--reset-seconds \(resetSeconds) is negative", "use 0 or more") }
        guard (1...64).contains(joints) else { throw usage("--joints \(joints) is out of range", "use 1…64") }
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw usage("camera size \(width)×\(height) is not positive and even", "use even sizes such as 640×480")
        }
        if demo && (!cameraSpecs.isEmpty || stateFrom != nil) {
            throw usage("--demo cannot be combined with --camera or --state-from",
                        "drop --demo to record real sources, or drop the sources to record the demo")
        }
        if audioTone && (!cameraSpecs.isEmpty || stateFrom != nil) {
            throw usage("--audio-tone only works with the demo robot", "drop --camera/--state-from, or drop --audio-tone")
        }
        guard (0...16).contains(cameras) else { throw usage("--cameras \(cameras) is out of range", "use 0…16") }
        var planned: [RecordPlan.Camera] = []
        if cameraSpecs.isEmpty {
            planned = (0..<cameras).map { RecordPlan.Camera(name: "cam\($0)", source: .synthetic(index: $0)) }
        } else {
            for spec in cameraSpecs {
                guard let equals = spec.firstIndex(of: "="), equals != spec.startIndex,
                      spec.index(after: equals) != spec.endIndex else {
                    throw usage("--camera \(spec) is not NAME=INPUT", "e.g. --camera front=/dev/video0")
                }
                let name = String(spec[..<equals])
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    throw usage("camera name \(name) has characters other than letters, digits, _ and -", "e.g. front")
                }
                guard !planned.contains(where: { $0.name == name }) else {
                    throw usage("camera name \(name) is given twice", "give each camera its own name")
                }
                planned.append(.init(name: name, source: .ffmpeg(CameraInput(parsing: String(spec[spec.index(after: equals)...])))))
            }
        }
        var state = RecordPlan.StateSource.demo
        if let stateFrom {
            do {
                state = .external(try StateEndpoint(parsing: stateFrom))
            } catch {
                throw usage(error.message, error.hint ?? "")
            }
        }
        return RecordPlan(
            output: output, version: version, fps: fps, episodes: episodes, episodeSeconds: episodeSeconds,
            resetSeconds: resetSeconds, task: task, codec: videoCodec, seed: seed, resume: resume, width: width,
            height: height, joints: joints, state: state, cameras: planned, audioTone: audioTone)
    }

    /// Refuses an existing non-empty output directory unless resuming (and a missing one when resuming).
    static func checkOutput(_ path: String, resume: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CLIError(.outputNotEmpty, "\(path) exists and is not a directory", hint: "choose another --output")
        }
        let entries = exists ? ((try? fm.contentsOfDirectory(atPath: path)) ?? ["?"]) : []  // ok: best-effort cleanup or measurement, see comment above
        if !resume && !entries.isEmpty {
            throw CLIError(.outputNotEmpty, "\(path) exists and is not empty",
                           hint: "choose a new --output, remove it, or add --resume to append episodes to the dataset in it")
        }
        if resume && !fm.fileExists(atPath: path + "/meta/info.json") {
            throw CLIError(.usage, "--resume needs a dataset in \(path), and there is none",
                           hint: "drop --resume to create a new dataset")
        }
    }
}
