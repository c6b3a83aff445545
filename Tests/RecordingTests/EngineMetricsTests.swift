// The engine's frame metrics: episodic_frames_total{stream,outcome} from a real session.

import Foundation
import LeRobot
import MetricsTestKit
import Recording
import Testing

@Suite("Recording engine frame metrics")
struct EngineMetricsTests {
    @Test("episodic_frames_total counts every frame of the row stream and of an image stream exactly, markers excluded")
    func frameMetricsAreExact() async throws {
        let dir = try engineTempDirectory("metrics")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let factory = TestMetrics()
        let session = try RecordingSession(configuration: EngineWritersTests.configuration(root: dir + "/ds"),
                                           metrics: RecordingMetrics(factory: factory))
        try await session.start(task: "t")
        for (episode, count) in [(0, 9), (1, 14)] {
            try session.startEpisode(task: "look")
            try EngineWritersTests.record(session, episode: episode, count: count, gapAt: 5)
            try session.saveEpisode()
        }
        // A discarded take: its frames were accepted, never written.
        try session.startEpisode(task: "look")
        try EngineWritersTests.record(session, episode: 2, count: 4, gapAt: nil)
        try session.discardEpisode()
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))

        func total(_ stream: String, _ outcome: String) -> Int64? {
            try? factory.expectCounter("episodic_frames_total", [("stream", stream), ("outcome", outcome)]).totalValue  // ok: absent → nil
        }
        let wrist = EngineWritersTests.wrist
        #expect(total("rows", "accepted") == 27)
        #expect(total("rows", "written") == 23)
        #expect(total("rows", "duplicated") == nil)
        #expect(total(wrist, "accepted") == 25)
        #expect(total(wrist, "duplicated") == 2)
        #expect(total(wrist, "written") == 23)
    }
}
