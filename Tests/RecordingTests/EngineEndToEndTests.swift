// Demo frames through a RecordingSession into a LeRobot dataset that Verifier accepts.

import Foundation
import LeRobot
import Recording
import Testing

@Suite("Recording engine end to end")
struct EngineEndToEndTests {
    @Test("3 demo episodes (one discarded and re-recorded) commit, verify clean and read back exactly")
    func demoEpisodesCommit() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("e2e")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        try await session.start(task: "pick")
        let frame = session.makeFrame()

        #expect(try session.startEpisode(task: "pick the cube") == 0)
        try rig.record(session, frame: frame, episode: 0, count: 20)
        let t0 = try session.saveEpisode()
        #expect(t0.episode == 0 && t0.frames == 20)

        #expect(try session.startEpisode(task: "place the cube") == 1)
        try rig.record(session, frame: frame, episode: 99, count: 12)
        try session.discardEpisode()

        #expect(try session.startEpisode(task: "place the cube") == 1)
        try rig.record(session, frame: frame, episode: 1, count: 25)
        #expect(try session.saveEpisode().frames == 25)

        #expect(try session.startEpisode(task: "pick the cube") == 2)
        try rig.record(session, frame: frame, episode: 2, count: 10)
        let summary = await session.stop(timeout: .seconds(60))  // stop saves the open episode

        #expect(summary.commits == CommitCounts(committed: 3, failed: 0, pending: 0))
        #expect(summary.framesAdded == 20 + 12 + 25 + 10)
        #expect(summary.episodesSaved == 3 && summary.episodesDiscarded == 1)
        #expect(summary.state == .stopped)

        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 3 && report.frames == 55)

        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.map(\.length) == [20, 25, 10])
        #expect(reader.episodes.map(\.tasks) == [["pick the cube"], ["place the cube"], ["pick the cube"]])
        for (position, length) in [(0, 20), (1, 25), (2, 10)] {
            let columns = Dictionary(uniqueKeysWithValues: try reader.readEpisode(position).map { ($0.name, $0.column) })
            let states = floatRows(try #require(columns["observation.state"]), rows: length)
            let actions = floatRows(try #require(columns["action"]), rows: length)
            #expect(states == (0..<length).map { rig.state(episode: position, frame: $0) })
            #expect(actions == (0..<length).map { rig.action(episode: position, frame: $0) })
            let sidecar = try String(contentsOfFile: root + String(format: "/meta/episodic/episode-%06d.json", position), encoding: .utf8)
            let json = try JSONValue.parse(sidecar)
            #expect(json["length"]?.intValue == Int64(length))
            #expect(json["cameras"]?.arrayValue?.first?["duplicated_frames"]?.intValue == 0)
        }
        // Committed takes leave no spool files behind.
        let spoolLeft = (try? FileManager.default.contentsOfDirectory(atPath: root + ".spool")) ?? []
        #expect(spoolLeft.filter { $0.hasPrefix("take-") }.count <= 1, "\(spoolLeft)")
    }
}
