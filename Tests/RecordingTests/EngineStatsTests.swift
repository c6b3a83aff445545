// Camera and table statistics of a recorded episode equal lerobot's way of computing them.

import Foundation
import LeRobot
import Recording
import RobotSources
import Testing

@Suite("Recording engine statistics")
struct EngineStatsTests {
    @Test("camera stats (sampled, downsampled) and vector stats equal the accumulators fed the same values directly")
    func statsMatchDirectComputation() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("stats")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        // 320×240 → lerobot downsamples by 2; 110 frames → it samples 100 of them.
        let rig = DemoRig(seed: 3, width: 320, height: 240)
        let root = dir + "/ds"
        // A queue for the whole episode: unpaced frames must all be real (no queue-full duplicates).
        let encoding = CameraEncoding(threads: 1, queueCapacity: 128)
        let session = try RecordingSession(configuration: rig.configuration(root: root, encoding: encoding))
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "stats")
        let frames = 110
        try rig.record(session, frame: frame, episode: 0, count: frames)
        #expect(session.progress().streams.first?.duplicates == 0)
        try session.saveEpisode()
        #expect(await session.stop(timeout: .seconds(120)).commits == CommitCounts(committed: 1, failed: 0, pending: 0))

        var camera = ImageStatsAccumulator(height: 240, width: 320, episodeLength: frames)
        var state = VectorStatsAccumulator(width: 6)
        let model = SyntheticCamera(width: 320, height: 240, viewpoint: 0)
        var pixels = [UInt8](repeating: 0, count: model.frameByteCount)
        for i in 0..<frames {
            let joints = rig.state(episode: 0, frame: i)
            try state.add(joints)
            joints.withUnsafeBufferPointer { j in pixels.withUnsafeMutableBytes { model.render(joints: j, into: $0) } }
            try camera.add(frameIndex: i, rgb: pixels)
        }
        #expect(camera.framesUsed == 100)
        let stats = try #require(try DatasetReader(root: root).episodes.first?.stats)
        #expect(stats[DemoRig.camera] == camera.statistics())
        #expect(stats["observation.state"] == state.statistics())
    }
}
