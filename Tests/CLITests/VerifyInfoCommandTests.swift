import Foundation
import Testing

/// `episodic verify` and `episodic info`, run as a user would, on lerobot's own reference datasets.
@Suite("episodic verify / info")
struct VerifyInfoCommandTests {
    static var reference: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference").path
    }

    @Test("verify exits 0 on lerobot's v3.0 and v2.1 datasets")
    func verifyValid() throws {
        for name in ["lerobot-v3.0-tiny", "lerobot-v2.1-tiny"] {
            let r = try EpisodicBinary.run(["verify", Self.reference + "/" + name])
            #expect(r.status == 0, "\(name): \(r.stdout) \(r.stderr)")
            #expect(r.stdout.contains("OK: ") && r.stdout.contains("2 episodes, 90 frames"))
        }
    }

    @Test("verify exits 1 with code, path and hint when info.json totals are wrong; --json is parseable")
    func verifyProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-cli-\(UUID().uuidString)").path
        defer {
            // Test cleanup; a leftover temp dir is harmless.
            try? FileManager.default.removeItem(atPath: dir)
        }
        try FileManager.default.copyItem(atPath: Self.reference + "/lerobot-v3.0-tiny", toPath: dir)
        let infoPath = dir + "/meta/info.json"
        let info = try String(contentsOfFile: infoPath, encoding: .utf8)
        try info.replacingOccurrences(of: "\"total_frames\": 90", with: "\"total_frames\": 91")
            .write(toFile: infoPath, atomically: false, encoding: .utf8)
        let r = try EpisodicBinary.run(["verify", dir])
        #expect(r.status == 1)
        #expect(r.stdout.contains("ERR_INFO_MISMATCH meta/info.json: total_frames 91 ≠ 90"))
        #expect(r.stdout.contains("hint: rewrite info.json"))
        let j = try EpisodicBinary.run(["verify", "--json", dir])
        #expect(j.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        #expect(json?["valid"] as? Bool == false)
        let problems = json?["problems"] as? [[String: Any]]
        #expect(problems?.count == 1)
        #expect(problems?.first?["code"] as? String == "ERR_INFO_MISMATCH")
        #expect(problems?.first?["path"] as? String == "meta/info.json")
    }

    @Test("verify exits 2 on a directory that is not a dataset")
    func verifyNotADataset() throws {
        let r = try EpisodicBinary.run(["verify", FileManager.default.temporaryDirectory.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("ERR_NOT_A_DATASET"))
    }

    @Test("info prints episodes, frames, duration, features, tasks and size")
    func info() throws {
        let r = try EpisodicBinary.run(["info", Self.reference + "/lerobot-v3.0-tiny"])
        #expect(r.status == 0)
        for line in ["format:    LeRobot v3.0, robot synthetic_arm", "episodes:  2", "frames:    90 at 30 fps",
                     "duration:  3.00 s", "  observation.images.front: video [64, 96, 3] codec av1",
                     "  1: place the cube", "size:      86027 bytes"] {
            #expect(r.stdout.contains(line), "missing: \(line)")
        }
        #expect(try EpisodicBinary.run(["info", "/nonexistent"]).status == 2)
    }
}
