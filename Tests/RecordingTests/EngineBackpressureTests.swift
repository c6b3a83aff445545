// A camera encoder that cannot keep up: addFrame's accounting stays exact.

import Foundation
import LeRobot
import Recording
import Testing
import Video

@Suite("Recording engine back-pressure")
struct EngineBackpressureTests {
    @Test("a one-slot .block encoder fed 640×480 frames unpaced: frames == rows, every duplicate in a gap record")
    func slowEncoderStaysExact() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("slow")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig(width: 640, height: 480)
        let root = dir + "/ds"
        let encoding = CameraEncoding(threads: 1, queueCapacity: 1, backpressure: .block(maxWait: .microseconds(200)))
        let session = try RecordingSession(configuration: rig.configuration(root: root, encoding: encoding))
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "slow")
        let frames = 45
        try rig.record(session, frame: frame, episode: 0, count: frames, skipCamera: [20, 21], lateCamera: [30])
        let live = session.progress().streams.first
        try session.saveEpisode()
        let summary = await session.stop(timeout: .seconds(120))
        #expect(summary.commits == CommitCounts(committed: 1, failed: 0, pending: 0))

        let sidecar = try JSONValue.parse(String(contentsOfFile: root + "/meta/episodic/episode-000000.json", encoding: .utf8))
        #expect(sidecar["length"]?.intValue == Int64(frames))
        let camera = try #require(sidecar["cameras"]?.arrayValue?.first)
        let real = try #require(camera["real_frames"]?.intValue)
        let duplicated = try #require(camera["duplicated_frames"]?.intValue)
        #expect(camera["frames"]?.intValue == Int64(frames))
        #expect(real + duplicated == Int64(frames))
        let gaps = (camera["gaps"]?.arrayValue ?? []).map {
            (from: $0["from_frame"]!.intValue!, to: $0["to_frame"]!.intValue!, cause: $0["cause"]!.stringValue!)
        }
        #expect(gaps.reduce(0) { $0 + ($1.to - $1.from) } == duplicated)
        // The caller's own gaps are recorded at exactly their frames and causes.
        #expect(gaps.contains { $0.from == 20 && $0.to == 22 && $0.cause == "frameMissing" })
        #expect(gaps.contains { $0.from == 30 && $0.to == 31 && $0.cause == "frameLate" })
        // Whatever the encoder's speed, the rest are queue-full duplicates.
        #expect(gaps.filter { $0.cause != "frameMissing" && $0.cause != "frameLate" }.allSatisfy { $0.cause == "queueFull" })
        #expect(live?.frames == frames && live.map { $0.duplicates } == Int(duplicated))
        print("slow encoder: \(duplicated) of \(frames) frames duplicated, gaps \(gaps)")

        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.first?.length == frames)
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }
}
