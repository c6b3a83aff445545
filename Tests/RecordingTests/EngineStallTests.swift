// A stalled commit path (all of the disk I/O) and a camera encoder that cannot keep up never
// reach addFrame: it never waits, and every frame is accounted for.

import Foundation
import LeRobot
@testable import Recording
import Testing

@Suite("Recording engine stalls")
struct EngineStallTests {
    @Test("while episode 0's commit is held, episode 1 records unpaced: no row waits, no lost rows, camera duplicates counted")
    func stalledCommitNeverReachesAddFrame() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("stall")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        let gate = Gate()
        let reached = Gate()
        session.commitStall = { _ in
            reached.open()
            await gate.wait()
        }
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "first")
        try rig.record(session, frame: frame, episode: 0, count: 30)
        try session.saveEpisode()
        await reached.wait()  // the committer now holds episode 0: its disk path is stalled

        // 200 frames as fast as the loop can go (faster than real time, under the 240-slot row ring).
        try session.startEpisode(task: "second")
        try rig.record(session, frame: frame, episode: 1, count: 200)
        let live = session.progress()
        #expect(live.commits == CommitCounts(committed: 0, failed: 0, pending: 1))
        // addFrame never waited for a slot, and no row became a gap, while the commit was stalled.
        #expect(live.rowRing.acceptedAfterWait == 0 && live.rowRing.timedOut == 0 && live.rowRing.duplicated == 0)
        // The encoder is outrun (unpaced frames): what it could not queue is a counted duplicate.
        let camera = try #require(live.streams.first)
        #expect(camera.frames == 200)
        try session.saveEpisode()
        gate.open()
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))

        let sidecar = try JSONValue.parse(String(contentsOfFile: root + "/meta/episodic/episode-000001.json", encoding: .utf8))
        let entry = try #require(sidecar["cameras"]?.arrayValue?.first)
        #expect(entry["real_frames"]?.intValue.map { $0 + (entry["duplicated_frames"]?.intValue ?? -1) } == 200)
        #expect(Int(entry["duplicated_frames"]?.intValue ?? -1) == camera.duplicates)
        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.map(\.length) == [30, 200])
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }
}
