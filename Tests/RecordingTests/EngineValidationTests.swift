// Bad frames and bad configurations are refused with typed errors and change nothing.

import Foundation
import LeRobot
import Recording
import Testing

@Suite("Recording engine validation")
struct EngineValidationTests {
    @Test("a bad configuration throws ERR_RECORDING_INVALID_CONFIGURATION and writes nothing",
          arguments: ["odd camera", "string vector", "image depth", "zero fps", "zero queue", "unknown encoder key", "spool inside"])
    func badConfiguration(_ case_: String) throws {
        let dir = try engineTempDirectory("config")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        var config = rig.configuration(root: dir + "/ds")
        switch case_ {
        case "odd camera": config.features[2] = .video(DemoRig.camera, height: 47, width: 64)
        case "string vector": config.features.append(Feature("note", dtype: .string, shape: [2]))
        case "image depth": config.features.append(Feature("observation.images.depth", dtype: .image, shape: [48, 64, 1]))
        case "zero fps": config.fps = 0
        case "zero queue": config.commitQueueCapacity = 0
        case "unknown encoder key": config.cameraEncodings["observation.images.side"] = CameraEncoding()
        default: config.spoolDirectory = dir + "/ds/spool"
        }
        #expect {
            _ = try RecordingSession(configuration: config)
        } throws: { ($0 as? RecordingError)?.code == .invalidConfiguration }
        #expect(!FileManager.default.fileExists(atPath: dir + "/ds"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/ds.spool"))
    }

    @Test("wrong shape, dtype, NaN, unknown key and missing value are refused; later frames are fine and counts exact")
    func badFrames() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("frames")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        let frame = session.makeFrame()
        // Before start: no episode is open.
        try frame.set("observation.state", rig.state(episode: 0, frame: 0))
        try frame.set("action", rig.action(episode: 0, frame: 0))
        #expect(throws: RecordingError.self) { try session.addFrame(frame) }
        try await session.start()
        try session.startEpisode(task: "validate")
        frame.reset()
        func isInvalid(_ error: any Error) -> Bool { (error as? RecordingError)?.code == .invalidFrame }

        try rig.record(session, frame: frame, episode: 0, count: 3)
        // Wrong shape: 5 values for 6 joints.
        #expect { try frame.set("observation.state", [Float](repeating: 0, count: 5)) } throws: { isInvalid($0) }
        // Wrong dtype: doubles for a float32 feature.
        #expect { try frame.set("action", [Double](repeating: 0, count: 6)) } throws: { isInvalid($0) }
        // NaN.
        var nan = rig.state(episode: 0, frame: 3)
        nan[2] = .nan
        #expect { try frame.set("observation.state", nan) } throws: { isInvalid($0) }
        // Unknown key.
        #expect { try frame.set("observation.velocity", [Float](repeating: 0, count: 6)) } throws: { isInvalid($0) }
        // Wrong camera size.
        let small = [UInt8](repeating: 0, count: 10)
        _ = small.withUnsafeBytes { bytes in
            #expect { try frame.setCamera(DemoRig.camera, bytes) } throws: { isInvalid($0) }
        }
        // Missing value: only the state is set (the failed setters set nothing).
        try frame.set("observation.state", rig.state(episode: 0, frame: 3))
        #expect { try session.addFrame(frame) } throws: { error in
            isInvalid(error) && "\(error)".contains("'action'")
        }
        #expect(session.progress().episodeFrames == 3)
        // The frame keeps what was set; completing it makes it acceptable as frame 3.
        try frame.set("action", rig.action(episode: 0, frame: 3))
        #expect(try session.addFrame(frame) == 3)
        frame.reset()
        // Continue the demo from frame 4 (record() restarts at its own frame 0, so add by hand).
        for i in 4..<8 {
            try frame.set("observation.state", rig.state(episode: 0, frame: i))
            try frame.set("action", rig.action(episode: 0, frame: i))
            #expect(try session.addFrame(frame) == i)
        }
        let progress = session.progress()
        #expect(progress.framesAdded == 8 && progress.framesRejected == 2 && progress.episodeFrames == 8)
        #expect(try session.saveEpisode().frames == 8)
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 1, failed: 0, pending: 0))
        #expect(summary.framesAdded == 8 && summary.framesRejected == 2)

        let reader = try DatasetReader(root: root)
        let columns = Dictionary(uniqueKeysWithValues: try reader.readEpisode(0).map { ($0.name, $0.column) })
        #expect(floatRows(try #require(columns["observation.state"]), rows: 8) == (0..<8).map { rig.state(episode: 0, frame: $0) })
        // Frames 3…7 had no camera image: five duplicates of frame 2, one gap record.
        let sidecar = try JSONValue.parse(String(contentsOfFile: root + "/meta/episodic/episode-000000.json", encoding: .utf8))
        let camera = try #require(sidecar["cameras"]?.arrayValue?.first)
        #expect(camera["duplicated_frames"]?.intValue == 5)
        let gaps = camera["gaps"]?.arrayValue ?? []
        #expect(gaps.count == 1)
        #expect(gaps.first?["from_frame"]?.intValue == 3 && gaps.first?["to_frame"]?.intValue == 8)
        #expect(gaps.first?["cause"]?.stringValue == "frameMissing")
        #expect(try Verifier().verify(root: root).problems.isEmpty)
    }
}
