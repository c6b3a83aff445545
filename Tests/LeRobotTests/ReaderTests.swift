import Foundation
import Parquet
import Testing
@testable import LeRobot

@Suite struct ReaderTests {
    @Test func readsReferenceV30() throws {
        let r = try DatasetReader(root: Reference.v30)
        #expect(r.info.version == .v3_0 && r.info.fps == 30)
        #expect(r.tasks.tasks == ["pick the cube", "place the cube"])
        #expect(r.tasksIndexedByString)
        #expect(r.episodes.map(\.length) == [45, 45])
        #expect(r.episodes.map(\.fromIndex) == [0, 45])
        #expect(r.episodes[1].tasks == ["place the cube"])
        #expect(r.episodes[1].videos == [EpisodeEntry.Video(key: "observation.images.front",
                                                             path: "videos/observation.images.front/chunk-000/file-000.mp4",
                                                             fromTimestamp: 1.5, toTimestamp: 3.0)])
        #expect(r.episodes[0].stats?["index"]?.quantiles[.q50] == [21.99559999999999])
        #expect(r.episodes[0].stats?["observation.images.front"]?.layout == .channels)
        #expect(r.stats?["index"]?.count == 90)
        let columns = try r.readEpisode(1)
        #expect(columns.map(\.name) == ["observation.state", "action", "timestamp", "frame_index", "episode_index", "index", "task_index"])
        let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.column) })
        #expect(byName["index"]?.int64Values == (45..<90).map { Int64($0) })
        #expect(byName["frame_index"]?.int64Values == (0..<45).map { Int64($0) })
        #expect(byName["task_index"]?.int64Values == Array(repeating: 1, count: 45))
        #expect(byName["timestamp"]?.floatValues == (0..<45).map { Float(Double($0) / 30) })
        // state[j] = sin(2π(0.5+0.25j)t + 0.3j + e) for episode 1, frame 0: j=0 → sin(1).
        guard case .list(let offsets, let child) = byName["observation.state"]!.storage, case .float(let v) = child.storage else {
            Issue.record("state is not a float list"); return
        }
        #expect(offsets.count == 46 && offsets[1] == 6)
        #expect(v[0] == Float(sin(1.0)))
        #expect(v[1] == Float(sin(0.3 + 1.0)))
    }

    @Test func readsReferenceV21() throws {
        let r = try DatasetReader(root: Reference.v21)
        #expect(r.info.version == .v2_1)
        #expect(r.tasks.tasks == ["Pick the cube"])
        #expect(r.episodes.map(\.dataPath) == ["data/chunk-000/episode_000000.parquet", "data/chunk-000/episode_000001.parquet"])
        #expect(r.episodes.map(\.fromIndex) == [0, 45])
        #expect(r.episodes[1].videos.first?.path == "videos/chunk-000/observation.images.front/episode_000001.mp4")
        #expect(r.episodes[0].stats?["action"]?.count == 45)
        #expect(r.episodes[0].stats?["action"]?.quantiles.isEmpty == true)
        let cols = try r.readEpisode(1)
        #expect(cols.first { $0.name == "index" }?.column.int64Values == (45..<90).map { Int64($0) })
    }

    @Test func roundTripsOurDatasetsBothVersions() throws {
        let dir = try TempDir("reader-rt"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        for version in CodebaseVersion.allCases {
            let root = dir.path + "/" + version.rawValue
            let writer = try Synthetic.write(root: root, version: version, image: true, videoDir: dir.path + "/src")
            let r = try DatasetReader(root: root)
            #expect(r.info == writer.info)
            #expect(r.tasks == writer.tasks)
            #expect(r.episodes.map(\.length) == [45, 30])
            #expect(r.episodes.map(\.tasks) == [["pick the cube"], ["place the cube"]])
            for (entry, record) in zip(r.episodes, writer.episodes) {
                if version == .v3_0 {
                    #expect(entry.stats == record.stats)
                } else {
                    // v2.1 stores no quantiles.
                    #expect(entry.stats?["action"]?.mean == record.stats["action"]?.mean)
                }
            }
            let cols = Dictionary(uniqueKeysWithValues: try r.readEpisode(1).map { ($0.name, $0.column) })
            #expect(cols["index"]?.int64Values == (45..<75).map { Int64($0) })
            #expect(cols["episode_index"]?.int64Values == Array(repeating: 1, count: 30))
            guard case .struct(let fields) = cols["observation.images.wrist"]!.storage, case .binary(let pngs) = fields[0].storage else {
                Issue.record("wrist is not struct<binary,…>"); continue
            }
            #expect(pngs.count == 30 && pngs[0].starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(fields[1].validity == Array(repeating: false, count: 30))
        }
    }

    @Test func notADatasetAndMismatchesAreReported() throws {
        let dir = try TempDir("reader-bad"); defer { dir.remove() }
        #expect(throws: LeRobotError.self) { try DatasetReader(root: dir.path) }
        do { _ = try DatasetReader(root: dir.path) } catch { #expect(error.code == .notADataset) }
    }
}
