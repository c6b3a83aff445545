// A second session appends to the dataset of the first (resume).

import Foundation
import LeRobot
import Recording
import Testing

@Suite("Recording engine resume")
struct EngineResumeTests {
    @Test("resume continues episode numbers; a new session on an existing dataset without resume is refused",
          arguments: [CodebaseVersion.v3_0, .v2_1])
    func resumeAppends(version: CodebaseVersion) async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let first = try RecordingSession(configuration: rig.configuration(root: root, version: version))
        try await first.start()
        let frame1 = first.makeFrame()
        for episode in 0..<2 {
            try first.startEpisode(task: "first session")
            try rig.record(first, frame: frame1, episode: episode, count: 7)
            try first.saveEpisode()
        }
        #expect(await first.stop(timeout: .seconds(60)).commits == CommitCounts(committed: 2, failed: 0, pending: 0))

        // Without resume: the dataset exists, nothing is touched.
        let refused = try RecordingSession(configuration: rig.configuration(root: root, version: version))
        await #expect { try await refused.start() } throws: { ($0 as? RecordingError)?.code == .prerequisiteFailed }

        var config = rig.configuration(root: root, version: version)
        config.resume = true
        let second = try RecordingSession(configuration: config)
        try await second.start()
        let frame2 = second.makeFrame()
        #expect(try second.startEpisode(task: "second session") == 2)
        try rig.record(second, frame: frame2, episode: 2, count: 9)
        let summary = await second.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 1, failed: 0, pending: 0))
        #expect(summary.statuses[2] == .committed)

        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 3 && report.frames == 23)
        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.map(\.length) == [7, 7, 9])
        #expect(reader.tasks.count == 2)
        let columns = Dictionary(uniqueKeysWithValues: try reader.readEpisode(2).map { ($0.name, $0.column) })
        #expect(floatRows(try #require(columns["observation.state"]), rows: 9) == (0..<9).map { rig.state(episode: 2, frame: $0) })
        let sidecar = try JSONValue.parse(String(contentsOfFile: root + "/meta/episodic/episode-000002.json", encoding: .utf8))
        #expect(sidecar["episode_index"]?.intValue == 2 && sidecar["session_episode"]?.intValue == 2)
    }

    @Test("resume of a directory that is not a dataset fails at start with the reader's error as cause")
    func resumeMissing() async throws {
        let dir = try engineTempDirectory("resume-missing")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        var config = DemoRig().configuration(root: dir + "/none")
        config.resume = true
        let session = try RecordingSession(configuration: config)
        await #expect { try await session.start() } throws: { error in
            guard let error = error as? RecordingError, error.code == .prerequisiteFailed else { return false }
            return (error.cause as? LeRobotError)?.code == .notADataset
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/none"))
    }
}
