import Foundation
import Testing
@testable import LeRobot

/// Regular files under `root`, relative and sorted.
func regularFiles(_ root: String) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: root).filter { p in
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir) && !isDir.boolValue
    }.sorted()
}

@Suite struct WriterTests {
    @Test func v30LayoutAndMetadataReadByPyarrowAndPandas() throws {
        let dir = try TempDir("writer-v30"); defer { dir.remove() }
        let root = dir.path + "/ds"
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        try Synthetic.write(root: root, videoDir: dir.path + "/src")
        let files = try regularFiles(root)
        #expect(files == [
            "data/chunk-000/file-000.parquet", "data/chunk-000/file-001.parquet",
            "meta/episodes/chunk-000/file-000.parquet", "meta/episodes/chunk-000/file-001.parquet",
            "meta/info.json", "meta/stats.json", "meta/tasks.parquet",
            "videos/observation.images.front/chunk-000/file-000.mp4",
            "videos/observation.images.front/chunk-000/file-001.mp4",
        ])
        let script = """
        import pyarrow.parquet as pq, pandas as pd, json, sys
        root = sys.argv[1]
        out = {}
        d = pq.read_table(root + '/data/chunk-000/file-001.parquet')
        out['data_schema'] = [f'{f.name}:{f.type}' for f in d.schema]
        out['index'] = d.column('index').to_pylist()
        out['timestamp'] = d.column('timestamp').to_pylist()[:3]
        out['task_index'] = sorted(set(d.column('task_index').to_pylist()))
        out['hf'] = d.schema.metadata[b'huggingface'].decode()
        e = pq.read_table(root + '/meta/episodes/chunk-000/file-001.parquet')
        ref = pq.read_table(sys.argv[2] + '/meta/episodes/chunk-000/file-000.parquet')
        out['episodes_names_equal_reference'] = e.schema.names == ref.schema.names
        out['episodes_types'] = [str(f.type) for f in e.schema] == [str(f.type) for f in ref.schema]
        row = e.to_pylist()[0]
        out['row'] = {k: row[k] for k in ['episode_index', 'tasks', 'length', 'dataset_from_index', 'dataset_to_index',
            'videos/observation.images.front/from_timestamp', 'videos/observation.images.front/to_timestamp',
            'stats/observation.images.front/count', 'stats/index/min', 'stats/index/max']}
        t = pd.read_parquet(root + '/meta/tasks.parquet')
        out['tasks'] = [[name, int(row.task_index)] for name, row in t.iterrows()]
        print(json.dumps(out))
        """
        let out = try JSONValue.parse(try Tool.run("python3", ["-c", script, root, Reference.v30]))
        #expect(out["data_schema"] == .array(["observation.state:list<element: float>", "action:list<element: float>",
                                               "timestamp:float", "frame_index:int64", "episode_index:int64",
                                               "index:int64", "task_index:int64"].map { .string($0) }))
        #expect(out["index"] == .array((45..<75).map { .int(Int64($0)) }))
        #expect(out["timestamp"] == .array([.double(0), .double(Double(Float(1.0 / 30))), .double(Double(Float(2.0 / 30)))]))
        #expect(out["task_index"] == .array([.int(1)]))
        #expect(out["hf"]?.stringValue?.contains("\"_type\": \"List\"") == true)
        #expect(out["episodes_names_equal_reference"] == .bool(true))
        #expect(out["episodes_types"] == .bool(true))
        #expect(out["row"] == .object([
            ("episode_index", .int(1)), ("tasks", .array([.string("place the cube")])), ("length", .int(30)),
            ("dataset_from_index", .int(45)), ("dataset_to_index", .int(75)),
            ("videos/observation.images.front/from_timestamp", .double(0)),
            ("videos/observation.images.front/to_timestamp", .double(1)),
            ("stats/observation.images.front/count", .array([.int(30)])),
            ("stats/index/min", .array([.double(45)])), ("stats/index/max", .array([.double(74)])),
        ]))
        #expect(out["tasks"] == .array([.array([.string("pick the cube"), .int(0)]), .array([.string("place the cube"), .int(1)])]))
        let info = try DatasetInfo.parse(try Reference.text(root + "/meta/info.json"))
        #expect(info.totalEpisodes == 2 && info.totalFrames == 75 && info.totalTasks == 2)
        #expect(info.features["observation.images.front"]?.info == VideoInfo(height: 64, width: 96, codec: .h264, fps: 30).json(for: .v3_0))
        let stats = try DatasetStatistics.fromJSON(try JSONValue.parse(try Reference.text(root + "/meta/stats.json")))
        #expect(stats.features.map(\.name) == info.features.withStatistics.map(\.name))
        #expect(stats["index"]?.min == [0] && stats["index"]?.max == [74] && stats["index"]?.count == 75)
    }

    @Test func outputIsDeterministic() throws {
        let dir = try TempDir("writer-det"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        for version in CodebaseVersion.allCases {
            try Synthetic.write(root: dir.path + "/a-\(version.rawValue)", version: version, image: true, videoDir: dir.path + "/src")
            try Synthetic.write(root: dir.path + "/b-\(version.rawValue)", version: version, image: true, videoDir: dir.path + "/src")
            let a = dir.path + "/a-\(version.rawValue)", b = dir.path + "/b-\(version.rawValue)"
            let files = try FileManager.default.subpathsOfDirectory(atPath: a).sorted()
            #expect(try FileManager.default.subpathsOfDirectory(atPath: b).sorted() == files)
            for f in files where f.hasSuffix(".json") || f.hasSuffix(".parquet") || f.hasSuffix(".jsonl") {
                #expect(FileManager.default.contentsEqual(atPath: a + "/" + f, andPath: b + "/" + f), "\(version) \(f)")
            }
        }
    }

    @Test func v21LayoutMatchesReferenceShape() throws {
        let dir = try TempDir("writer-v21"); defer { dir.remove() }
        let root = dir.path + "/ds"
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        try Synthetic.write(root: root, version: .v2_1, videoDir: dir.path + "/src")
        let files = try regularFiles(root)
        #expect(files == [
            "data/chunk-000/episode_000000.parquet", "data/chunk-000/episode_000001.parquet",
            "meta/episodes.jsonl", "meta/episodes_stats.jsonl", "meta/info.json", "meta/tasks.jsonl",
            "videos/chunk-000/observation.images.front/episode_000000.mp4",
            "videos/chunk-000/observation.images.front/episode_000001.mp4",
        ])
        #expect(try Reference.text(root + "/meta/episodes.jsonl")
                == "{\"episode_index\": 0, \"tasks\": [\"pick the cube\"], \"length\": 45}\n{\"episode_index\": 1, \"tasks\": [\"place the cube\"], \"length\": 30}\n")
        let info = try JSONValue.parse(try Reference.text(root + "/meta/info.json"))
        let ref = try JSONValue.parse(try Reference.text(Reference.v21 + "/meta/info.json"))
        #expect(info.objectValue!.map(\.0).dropLast() == ref.objectValue!.map(\.0)[...])
        #expect(info["total_videos"] == .int(2) && info["total_chunks"] == .int(1))
        let hf = try Tool.run("python3", ["-c", "import pyarrow.parquet as pq,sys; print(pq.ParquetFile(sys.argv[1]).schema_arrow.metadata[b'huggingface'].decode())",
                                          root + "/data/chunk-000/episode_000000.parquet"])
        #expect(hf.contains("\"_type\": \"Sequence\"") && !hf.contains("\"List\""))
        let statsLine = try Reference.text(root + "/meta/episodes_stats.jsonl").split(separator: "\n")[0]
        let stats = try JSONValue.parse(String(statsLine))
        #expect(stats["stats"]?["observation.images.front"]?["min"]?.arrayValue?.count == 3)
        #expect(stats["stats"]?["action"]?["q01"] == nil)
    }

    @Test func invalidEpisodesAreRejectedBeforeWriting() throws {
        let dir = try TempDir("writer-bad"); defer { dir.remove() }
        let root = dir.path + "/ds"
        let writer = try DatasetWriter(root: root, info: DatasetInfo(fps: 30, features: try Features([.vector("s", names: ["a", "b"])])))
        func code(_ input: EpisodeInput) -> LeRobotError.Code? {
            do { try writer.addEpisode(input); return nil } catch { return error.code }
        }
        #expect(code(EpisodeInput(length: 0, task: "t", columns: ["s": .float32([])])) == .episode)
        #expect(code(EpisodeInput(length: 2, task: "t", columns: ["s": .float32([1, 2, 3])])) == .featureValue)
        #expect(code(EpisodeInput(length: 2, task: "t", columns: ["s": .int64([1, 2, 3, 4])])) == .featureValue)
        #expect(code(EpisodeInput(length: 2, task: "t", columns: [:])) == .episode)
        #expect(code(EpisodeInput(length: 2, task: "", columns: ["s": .float32([1, 2, 3, 4])])) == .task)
        #expect(code(EpisodeInput(length: 1, task: "t", columns: ["s": .float32([1, .nan])])) == .featureValue)
        // Only the empty manifest written at creation exists.
        #expect(try DatasetInfo.parse(try Reference.text(root + "/meta/info.json")).totalEpisodes == 0)
        #expect(writer.episodes.isEmpty && writer.tasks.count == 0)
        #expect(code(EpisodeInput(length: 2, task: "t", columns: ["s": .float32([1, 2, 3, 4])])) == nil)
        #expect(throws: LeRobotError.self) { try DatasetWriter(root: root, info: writer.info) }
        // Statistics computed while recording are used as given (after a shape check).
        var acc = VectorStatsAccumulator(width: 2)
        try acc.add([1.0, 2.0]); try acc.add([3.0, 4.0])
        let streamed = acc.statistics()!
        let record = try writer.addEpisode(EpisodeInput(length: 2, task: "t", columns: ["s": .float32([1, 2, 3, 4])],
                                                        tableStats: ["s": streamed]))
        #expect(record.stats["s"] == streamed)
        #expect(record.stats["s"]?.mean == [2, 3])
        #expect(code(EpisodeInput(length: 2, task: "t", columns: ["s": .float32([1, 2, 3, 4])],
                                  tableStats: ["s": FeatureStatistics(layout: .vector, min: [0], max: [0], mean: [0], std: [0], count: 2, quantiles: [:])])) == .stats)
    }
}
