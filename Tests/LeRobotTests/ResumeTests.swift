import Foundation
import Testing
@testable import LeRobot

/// Resuming existing datasets: ours (v3.0, v2.1) and lerobot's reference v3.0 dataset.
@Suite struct ResumeTests {
    static func expectedInfo(_ version: CodebaseVersion = .v3_0) throws -> DatasetInfo {
        DatasetInfo(version: version, fps: Synthetic.fps, features: try Synthetic.features(), robotType: "synthetic_arm")
    }

    /// Writes 2 episodes, reopens, appends 2 more (45, 30, then 20, 25 frames).
    static func writeResumed(root: String, src: String, version: CodebaseVersion) throws -> DatasetWriter {
        try Synthetic.write(root: root, version: version, videoDir: src)
        let writer = try DatasetWriter(resuming: root, expecting: try expectedInfo(version))
        #expect(writer.episodes.count == 2 && writer.info.totalFrames == 75 && writer.tasks.count == 2)
        for (e, length) in [(2, 20), (3, 25)] {
            try writer.addEpisode(try Synthetic.input(episode: e, length: length, videoDir: src))
        }
        return writer
    }

    @Test(arguments: CodebaseVersion.allCases)
    func resumedDatasetContinuesIndicesAndVerifiesClean(version: CodebaseVersion) throws {
        let dir = try TempDir("resume-\(version.rawValue)"); defer { dir.remove() }
        let root = dir.path + "/ds", src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        try Synthetic.write(root: root, version: version, videoDir: src)
        let before = try regularFiles(root).filter { $0.hasPrefix("data/") || $0.hasPrefix("videos/") }
            .map { ($0, try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0))) }
        let writer = try DatasetWriter(resuming: root, expecting: try Self.expectedInfo(version))
        for (e, length) in [(2, 20), (3, 25)] {
            let announced = writer.nextEpisodeLocation
            let record = try writer.addEpisode(try Synthetic.input(episode: e, length: length, videoDir: src))
            #expect(record.episodeIndex == e)
            if version == .v3_0 { #expect(record.dataLocation == announced) }
        }
        // Earlier episode files are untouched.
        for (file, bytes) in before {
            #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/" + file)) == bytes, "\(file)")
        }
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let reader = try DatasetReader(root: root)
        #expect(reader.info.totalEpisodes == 4 && reader.info.totalFrames == 120 && reader.info.totalTasks == 3)
        #expect(reader.tasks.tasks == ["pick the cube", "place the cube", "stack the cube"])
        #expect(reader.episodes.map(\.length) == [45, 30, 20, 25])
        #expect(reader.episodes.map(\.fromIndex) == [0, 45, 75, 95])
        let e3 = try reader.rows(episode: 3)
        #expect(e3.index == (95..<120).map { Int64($0) })
        #expect(e3.episodeIndex == Array(repeating: 3, count: 25))
        #expect(e3.taskIndex == Array(repeating: 2, count: 25))
        #expect(e3.floats("observation.state") == Synthetic.stateAndAction(episode: 3, length: 25).state)
        #expect(reader.stats?["index"]?.max == [119] && reader.stats?["index"]?.count == 120)
        // Resuming and writing in one go give the same dataset statistics.
        let direct = try DatasetWriter(root: dir.path + "/direct", info: try Self.expectedInfo(version))
        for (e, length) in [(0, 45), (1, 30), (2, 20), (3, 25)] {
            try direct.addEpisode(try Synthetic.input(episode: e, length: length, videoDir: src))
        }
        #expect(try Reference.text(root + "/meta/info.json") == (try Reference.text(dir.path + "/direct/meta/info.json")))
        if version == .v3_0 {
            #expect(try Reference.text(root + "/meta/stats.json") == (try Reference.text(dir.path + "/direct/meta/stats.json")))
        }
    }

    @Test func resumeRefusesDifferentDatasetNamingTheDifference() throws {
        let dir = try TempDir("resume-mismatch"); defer { dir.remove() }
        let root = dir.path + "/ds", src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        try Synthetic.write(root: root, videoDir: src)
        func refusal(_ info: DatasetInfo) -> LeRobotError? {
            do { _ = try DatasetWriter(resuming: root, expecting: info); return nil } catch { return error }
        }
        var fps = try Self.expectedInfo(); fps.fps = 15
        #expect(refusal(fps)?.code == .resumeMismatch && refusal(fps)?.message.contains("fps is 30, expected 15") == true)
        let version = try Self.expectedInfo(.v2_1)
        #expect(refusal(version)?.message.contains("codebase_version is v3.0, expected v2.1") == true)
        var shape = try Self.expectedInfo()
        shape.features = try Features([.vector("observation.state", names: ["a"]), .vector("action", names: (0..<6).map { "joint\($0)" }),
                                       .video("observation.images.front", height: 64, width: 96)])
        #expect(refusal(shape)?.message.contains("feature 'observation.state' has shape [6], expected [1]") == true)
        var names = try Self.expectedInfo()
        names.features = try Features([.vector("observation.state", names: (0..<6).map { "joint\($0)" })])
        #expect(refusal(names)?.message.contains("missing [], unexpected [action, observation.images.front]") == true)
        #expect(refusal(try Self.expectedInfo()) == nil)
        #expect(refusal(try Self.expectedInfo()) == nil)
    }

    @Test func resumeRefusesUncleanDatasetWithRecoverHint() throws {
        let dir = try TempDir("resume-unclean"); defer { dir.remove() }
        let root = dir.path + "/ds", src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        try Synthetic.write(root: root, videoDir: src)
        let expected = try Self.expectedInfo()
        func refusal() -> LeRobotError? {
            do { _ = try DatasetWriter(resuming: root, expecting: expected); return nil } catch { return error }
        }
        // A data file the manifest does not describe (a crash after the data step).
        try FileManager.default.copyItem(atPath: root + "/data/chunk-000/file-001.parquet", toPath: root + "/data/chunk-000/file-002.parquet")
        #expect(refusal()?.code == .resumeUnclean)
        #expect(refusal()?.message.contains("data/chunk-000/file-002.parquet is not described by the manifest") == true)
        #expect(refusal()?.hint?.contains("episodic recover") == true)
        try FileManager.default.removeItem(atPath: root + "/data/chunk-000/file-002.parquet")
        // A leftover temporary file.
        try Data([1, 2]).write(to: URL(fileURLWithPath: root + "/meta/.info.json.episodic-tmp"))
        #expect(refusal()?.message.contains("temporary file meta/.info.json.episodic-tmp") == true)
        try FileManager.default.removeItem(atPath: root + "/meta/.info.json.episodic-tmp")
        // An episode metadata file beyond the manifest (a crash before info.json).
        try FileManager.default.copyItem(atPath: root + "/meta/episodes/chunk-000/file-001.parquet",
                                         toPath: root + "/meta/episodes/chunk-000/file-002.parquet")
        #expect(refusal()?.message.contains("info.json counts 2 episodes / 75 frames, the episode metadata has 3 / 105") == true)
    }

    @Test(arguments: CodebaseVersion.allCases)
    func resumesLeRobotReferenceDatasetAndAppendsOneEpisode(version: CodebaseVersion) throws {
        let dir = try TempDir("resume-ref"); defer { dir.remove() }
        let root = dir.path + "/ds", src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: version == .v3_0 ? Reference.v30 : Reference.v21, toPath: root)
        let original = try DatasetReader(root: root)
        let expected = DatasetInfo(version: version, fps: original.info.fps, features: original.info.features)
        let writer = try DatasetWriter(resuming: root, expecting: expected)
        let n = original.episodes.count, frames = original.info.totalFrames
        let userFeatures = original.info.features.user.filter { $0.dtype != .video }.map(\.name)
        #expect(Set(userFeatures) == ["observation.state", "action"], "reference features changed: \(userFeatures)")
        let announced = writer.nextEpisodeLocation
        let record = try writer.addEpisode(try Synthetic.input(episode: n, length: 12, videoDir: src))
        #expect(record.episodeIndex == n && record.datasetFromIndex == frames)
        // Side files (the engine's audio) are numbered by the location announced before the episode.
        #expect(version == .v3_0 ? record.dataLocation == announced : announced == FileLocation.nth(n, chunksSize: original.info.chunksSize))
        if version == .v3_0 {
            // New files go after every file lerobot used.
            #expect(record.dataLocation > DatasetWriter.location(of: original.episodes.last!.dataPath)!)
        }
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let reader = try DatasetReader(root: root)
        #expect(reader.episodes.count == n + 1 && reader.info.totalFrames == frames + 12)
        #expect(try reader.rows(episode: n).index == (frames..<frames + 12).map { Int64($0) })
    }

    @Test func lerobotLoadsOurResumedDataset() throws {
        guard let python = LeRobotLoaderTests.venvPython else {
            print("SKIPPED lerobotLoadsOurResumedDataset: no lerobot venv at ~/.lerobot-venv (set LEROBOT_VENV)")
            return
        }
        let dir = try TempDir("resume-lerobot"); defer { dir.remove() }
        let root = dir.path + "/ds", src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        _ = try Self.writeResumed(root: root, src: src, version: .v3_0)
        let script = """
        import sys, json, warnings, logging
        logging.disable(logging.WARNING)
        warnings.filterwarnings('ignore')
        from lerobot.datasets.lerobot_dataset import LeRobotDataset
        ds = LeRobotDataset('local/episodic', root=sys.argv[1], video_backend='pyav')
        out = {'len': len(ds), 'episodes': ds.meta.total_episodes, 'index': [], 'tasks': []}
        for i in range(len(ds)):
            item = ds[i]
            out['index'].append(int(item['index']))
        for i in (0, 75, 95, 119):  # episodes 0, 2, 3, 3
            out['tasks'].append(ds[i]['task'])
        out['front'] = list(ds[119]['observation.images.front'].shape)
        print(json.dumps(out))
        """
        let out = try JSONValue.parse(try Tool.run(python, ["-c", script, root]).split(separator: "\n").last.map(String.init) ?? "")
        #expect(out["len"] == .int(120) && out["episodes"] == .int(4))
        #expect(out["index"] == .array((0..<120).map { .int(Int64($0)) }))
        #expect(out["tasks"] == .array(["pick the cube", "pick the cube", "stack the cube", "stack the cube"].map { .string($0) }))
        #expect(out["front"] == .array([.int(3), .int(64), .int(96)]))
    }
}
