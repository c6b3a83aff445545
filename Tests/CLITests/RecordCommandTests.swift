import Foundation
import Testing

/// A fresh temporary directory path (not created) and its cleanup.
func temporaryPath(_ label: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("episodic-\(label)-\(UUID().uuidString)").path
}

func removeTree(_ path: String) {
    // Test cleanup; a leftover temp dir is harmless.
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.removeItem(atPath: path + ".spool")
}

/// `episodic record` run as a user would: demo in both formats, external state on stdin, an ffmpeg
/// test-source camera, and the refusals.
@Suite("episodic record", .serialized)
struct RecordCommandTests {
    static let small = ["--episodes", "2", "--episode-seconds", "1", "--cameras", "1", "--width", "64", "--height", "48"]

    @Test("the demo records 2 × 1 s in v3.0 and v2.1, every episode commits and the dataset verifies", arguments: ["v3.0", "v2.1"])
    func demo(format: String) throws {
        let out = temporaryPath("rec-\(format)")
        defer { removeTree(out) }
        let r = try EpisodicBinary.run(["record", "--output", out, "--format", format] + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("2 episode(s) saved, 0 discarded, 60 frames"))
        #expect(r.stdout.contains("commits: 2 committed, 0 failed, 0 pending"))
        #expect(r.stderr.contains("episode 1/2 recording"), "plain progress lines on a non-terminal: \(r.stderr)")
        let v = try EpisodicBinary.run(["verify", out])
        #expect(v.status == 0 && v.stdout.contains("OK: \(out) (LeRobot \(format), 2 episodes, 60 frames)"), "\(v.stdout)")
        let info = try String(contentsOfFile: out + "/meta/info.json", encoding: .utf8)
        #expect(info.contains("\"observation.images.cam0\"") && info.contains("\"gripper\""))
    }

    @Test("same seed, same data bytes: two demo recordings have identical Parquet tables")
    func deterministic() throws {
        let a = temporaryPath("det-a"), b = temporaryPath("det-b")
        defer { removeTree(a); removeTree(b) }
        for out in [a, b] {
            let r = try EpisodicBinary.run(["record", "--output", out, "--seed", "7", "--episodes", "1", "--episode-seconds", "0.5",
                                            "--cameras", "0"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for file in ["data/chunk-000/file-000.parquet", "meta/info.json", "meta/stats.json"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + file))
            let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + file))
            #expect(x == y, "\(file) differs between two runs with the same seed")
        }
    }

    @Test("external state on stdin: good lines recorded, bad lines rejected with exact counts, each code printed once")
    func stdinState() throws {
        let out = temporaryPath("rec-stdin")
        defer { removeTree(out) }
        var lines: [String] = []
        for i in 0..<12 {
            lines.append("{\"observation.state\": [\(i), 0.5], \"action\": [\(i + 1), 0.5]}")
            if i % 4 == 1 { lines.append("not json \(i)") }
        }
        lines.append("{\"observation.state\": [1], \"action\": [1, 2]}")
        lines.append("{\"observation.state\": [1, 2], \"action\": [1, 2], \"extra\": [1]}")
        let r = try EpisodicBinary.run(
            ["record", "--output", out, "--state-from", "stdin", "--joints", "2", "--cameras", "0", "--episodes", "1",
             "--episode-seconds", "1"],
            stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains(
            "state: 12 accepted, 5 rejected (ERR_STATE_LINE_JSON 3, ERR_STATE_LINE_SHAPE 1, ERR_STATE_LINE_UNKNOWN_KEY 1)"),
                "\(r.stdout)")
        #expect(r.stderr.components(separatedBy: "ERR_STATE_LINE_JSON").count == 2, "printed once: \(r.stderr)")
        #expect(try EpisodicBinary.run(["verify", out]).status == 0)
    }

    @Test("an ffmpeg test-source camera (no V4L2 needed) records and verifies")
    func lavfiCamera() throws {
        let out = temporaryPath("rec-lavfi")
        defer { removeTree(out) }
        let r = try EpisodicBinary.run(["record", "--output", out, "--camera", "top=lavfi:testsrc=size=64x48:rate=30",
                                        "--width", "64", "--height", "48", "--episodes", "1", "--episode-seconds", "1"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("1 episode(s) saved, 0 discarded, 30 frames"))
        #expect(r.stdout.contains("camera top: "))
        let v = try EpisodicBinary.run(["verify", out])
        #expect(v.status == 0, "\(v.stdout)")
        let info = try String(contentsOfFile: out + "/meta/info.json", encoding: .utf8)
        #expect(info.contains("\"observation.images.top\""))
    }

    @Test("--resume appends episodes after the last one; different features are refused with the cause")
    func resume() throws {
        let out = temporaryPath("rec-resume")
        defer { removeTree(out) }
        let flags = ["--episodes", "1", "--episode-seconds", "0.5", "--cameras", "1", "--width", "64", "--height", "48"]
        #expect(try EpisodicBinary.run(["record", "--output", out] + flags).status == 0)
        let more = try EpisodicBinary.run(["record", "--output", out, "--resume"] + flags)
        #expect(more.status == 0, "\(more.stderr)")
        #expect(try EpisodicBinary.run(["verify", out]).stdout.contains("2 episodes, 30 frames"))
        let mismatch = try EpisodicBinary.run(["record", "--output", out, "--resume", "--cameras", "2", "--width", "64",
                                               "--height", "48", "--episodes", "1", "--episode-seconds", "0.5"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("caused by ERR_RESUME_MISMATCH"), "\(mismatch.stderr)")
        #expect(try EpisodicBinary.run(["verify", out]).stdout.contains("2 episodes, 30 frames"))
    }

    @Test("a resumed demo continues the seeded trajectories: 1 + 1 episodes with --resume have the data bytes of 2 in one run")
    func resumeContinuesTrajectories() throws {
        let once = temporaryPath("rec-once"), twice = temporaryPath("rec-twice")
        defer { removeTree(once); removeTree(twice) }
        let flags = ["--seed", "2", "--episode-seconds", "0.2", "--cameras", "0"]
        #expect(try EpisodicBinary.run(["record", "--output", once, "--episodes", "2"] + flags).status == 0)
        #expect(try EpisodicBinary.run(["record", "--output", twice, "--episodes", "1"] + flags).status == 0)
        #expect(try EpisodicBinary.run(["record", "--output", twice, "--episodes", "1", "--resume"] + flags).status == 0)
        for file in ["data/chunk-000/file-000.parquet", "data/chunk-000/file-001.parquet"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: once + "/" + file))
            let y = try Data(contentsOf: URL(fileURLWithPath: twice + "/" + file))
            #expect(x == y, "\(file): the resumed episode must replay the trajectory of its dataset index")
        }
    }

    @Test("refusals: non-empty output, contradicting or out-of-range flags, unknown flags — nothing written")
    func refusals() throws {
        let dir = temporaryPath("rec-refuse")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { removeTree(dir) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let notEmpty = try EpisodicBinary.run(["record", "--output", dir] + Self.small)
        #expect(notEmpty.status == 2)
        #expect(notEmpty.stderr.contains("episodic: ERR_OUTPUT_NOT_EMPTY: \(dir) exists and is not empty\nhint: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["notes.txt"])

        let fresh = temporaryPath("rec-refuse-new")
        defer { removeTree(fresh) }
        let cases: [([String], String)] = [
            (["--format", "v9"], "episodic: ERR_USAGE: --format v9 is not a dataset format"),
            (["--codec", "mpeg2"], "episodic: ERR_USAGE: --codec mpeg2 is not a codec"),
            (["--demo", "--camera", "a=lavfi:testsrc"], "episodic: ERR_USAGE: --demo cannot be combined with --camera or --state-from"),
            (["--camera", "noequals"], "episodic: ERR_USAGE: --camera noequals is not NAME=INPUT"),
            (["--state-from", "tcp://x:1"], "episodic: ERR_USAGE: state source \"tcp://x:1\" is neither stdin nor udp://HOST:PORT"),
            (["--width", "63"], "episodic: ERR_USAGE: camera size 63×480 is not positive and even"),
            (["--resume"], "episodic: ERR_USAGE: --resume needs a dataset in \(fresh), and there is none"),
        ]
        for (flags, message) in cases {
            let r = try EpisodicBinary.run(["record", "--output", fresh] + flags)
            #expect(r.status == 2, "\(flags): \(r.stderr)")
            #expect(r.stderr.hasPrefix(message), "\(flags): \(r.stderr)")
            #expect(r.stderr.contains("\nhint: "), "\(flags)")
            #expect(!FileManager.default.fileExists(atPath: fresh), "\(flags) wrote \(fresh)")
        }
        let unknown = try EpisodicBinary.run(["record", "--output", fresh, "--frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Unknown option '--frobnicate'"))
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
