import Foundation
import Parquet
import Testing
@testable import LeRobot

@Suite struct FeaturesTests {
    static let joints = (0..<6).map { "joint\($0)" }

    static func referenceLike() throws -> Features {
        try Features([
            .vector("observation.state", names: joints),
            .vector("action", names: joints),
            .video("observation.images.front", height: 64, width: 96),
        ])
    }

    @Test func defaultsAreAppendedInLeRobotOrder() throws {
        let f = try Self.referenceLike()
        #expect(f.all.map(\.name) == ["observation.state", "action", "observation.images.front",
                                      "timestamp", "frame_index", "episode_index", "index", "task_index"])
        #expect(f.tableColumns.map(\.name) == ["observation.state", "action", "timestamp", "frame_index",
                                               "episode_index", "index", "task_index"])
        #expect(f.videos.map(\.name) == ["observation.images.front"])
    }

    @Test func validationReportsStableCodes() {
        func code(_ features: [Feature]) -> LeRobotError.Code? {
            do { _ = try Features(features); return nil } catch { return error.code }
        }
        #expect(code([.vector("a/b", names: ["x"])]) == .featureName)
        #expect(code([.vector("", names: ["x"])]) == .featureName)
        #expect(code([.vector("a", names: ["x"]), .vector("a", names: ["y"])]) == .featureName)
        #expect(code([Feature("index", dtype: .int64, shape: [1])]) == .featureName)
        #expect(code([Feature("a", dtype: .float32, shape: [])]) == .featureShape)
        #expect(code([Feature("a", dtype: .float32, shape: [0])]) == .featureShape)
        #expect(code([Feature("cam", dtype: .video, shape: [64, 96])]) == .featureShape)
        #expect(code([Feature("cam", dtype: .image, shape: [3, 64, 96])]) == .featureShape)
        #expect(code([Feature("m", dtype: .float32, shape: [2, 3])]) == .featureShape)
        #expect(code([.vector("ok", names: ["x"])]) == nil)
        #expect(throws: LeRobotError.self) { try FeatureDType.parse("float16", feature: "x") }
        do { _ = try FeatureDType.parse("complex", feature: "x") } catch { #expect(error.code == .featureDType) }
    }

    @Test func dataSchemaMapsShapesToParquetTypes() throws {
        let f = try Features([
            .vector("state", names: ["a", "b"]),
            Feature("gripper", dtype: .float64, shape: [1]),
            Feature("flag", dtype: .bool, shape: [1]),
            .image("wrist", height: 8, width: 8),
            .video("front", height: 8, width: 8),
        ])
        let schema = f.dataSchema
        #expect(schema.fields.map(\.name) == ["state", "gripper", "flag", "wrist", "timestamp", "frame_index",
                                              "episode_index", "index", "task_index"])
        #expect(schema.field(named: "state")?.type == .list(element: .float, elementNullable: true))
        #expect(schema.fields.allSatisfy { $0.nullable })
        #expect(schema.field(named: "gripper")?.type == .double)
        #expect(schema.field(named: "flag")?.type == .boolean)
        #expect(schema.field(named: "wrist")?.type == .struct([ParquetField("bytes", .binary, nullable: true),
                                                               ParquetField("path", .string, nullable: true)]))
        #expect(schema.field(named: "timestamp")?.type == .float)
        #expect(schema.field(named: "index")?.type == .int64)
    }

    @Test func huggingFaceMetadataMatchesReferenceFiles() throws {
        let f = try Self.referenceLike()
        let script = """
        import pyarrow.parquet as pq, json, sys
        for p in sys.argv[1:]:
            print(pq.ParquetFile(p).schema_arrow.metadata[b'huggingface'].decode())
        """
        let out = try Tool.run("python3", ["-c", script,
                                           Reference.v30 + "/data/chunk-000/file-000.parquet",
                                           Reference.v21 + "/data/chunk-000/episode_000000.parquet"])
        let lines = out.split(separator: "\n").map(String.init)
        // v3.0: datasets 4 adds a random fingerprint; we omit it for determinism.
        let v30 = try JSONValue.parse(lines[0])
        guard case .object(let pairs) = v30 else { Issue.record("not an object"); return }
        let withoutFingerprint = JSONValue.object(pairs.filter { $0.0 != "fingerprint" })
        #expect(f.huggingFaceMetadata(version: .v3_0) == withoutFingerprint.pythonCompactJSON())
        #expect(f.huggingFaceMetadata(version: .v2_1) == lines[1])
    }

    @Test func infoJSONFeaturesRoundTripWithUnits() throws {
        var user = [Feature.vector("observation.state", names: ["a", "b"], unit: "rad")]
        user.append(.video("cam", height: 4, width: 6))
        user[1].info = VideoInfo(height: 4, width: 6, codec: .h264, fps: 30).json(for: .v3_0)
        var info = DatasetInfo(fps: 30, features: try Features(user), robotType: "arm")
        info.totalEpisodes = 2
        let parsed = try DatasetInfo.parse(info.fileText)
        #expect(parsed.features == info.features)
        #expect(parsed.features["observation.state"]?.unit == "rad")
        #expect(parsed.fileText == info.fileText)
        #expect(parsed.json["episodic"] == .object([("schema_version", .int(1)), ("units", .object([("observation.state", .string("rad"))]))]))
        #expect(parsed.json["splits"] == .object([("train", .string("0:2"))]))
        #expect(parsed.json["features"]?["cam"]?["info"]?["video.codec"] == .string("h264"))
    }

    @Test func infoParseErrors() {
        func code(_ text: String) -> LeRobotError.Code? {
            do { _ = try DatasetInfo.parse(text); return nil } catch { return error.code }
        }
        #expect(code("{") == .json)
        #expect(code(#"{"codebase_version": "v2.0", "fps": 30, "features": {}}"#) == .version)
        #expect(code(#"{"codebase_version": "v3.0", "features": {}}"#) == .info)
        #expect(code(#"{"codebase_version": "v3.0", "fps": 30, "features": {}}"#) == .featureName)
    }

    @Test func pathsAndFileLocations() {
        #expect(DatasetPaths.data(FileLocation(chunk: 0, file: 7)) == "data/chunk-000/file-007.parquet")
        #expect(DatasetPaths.video(key: "observation.images.front", FileLocation(chunk: 1, file: 12))
                == "videos/observation.images.front/chunk-001/file-012.mp4")
        #expect(DatasetPaths.episodes(FileLocation(chunk: 0, file: 0)) == "meta/episodes/chunk-000/file-000.parquet")
        #expect(DatasetPaths.dataV21(episode: 1234, chunksSize: 1000) == "data/chunk-001/episode_001234.parquet")
        #expect(DatasetPaths.videoV21(key: "cam", episode: 5, chunksSize: 1000) == "videos/chunk-000/cam/episode_000005.mp4")
        #expect(FileLocation(chunk: 0, file: 998).next(chunksSize: 1000) == FileLocation(chunk: 0, file: 999))
        #expect(FileLocation(chunk: 0, file: 999).next(chunksSize: 1000) == FileLocation(chunk: 1, file: 0))
        #expect(FileLocation.nth(1001, chunksSize: 1000) == FileLocation(chunk: 1, file: 1))
        #expect(DatasetPaths.shouldRollOver(currentBytes: 99 * 1024 * 1024, addingBytes: 1024 * 1024, limitMB: 100))
        #expect(!DatasetPaths.shouldRollOver(currentBytes: 99 * 1024 * 1024, addingBytes: 1024 * 1024 - 1, limitMB: 100))
    }

    @Test func taskTable() throws {
        var t = TaskTable()
        #expect(try t.intern("pick") == 0)
        #expect(try t.intern("place") == 1)
        #expect(try t.intern("pick") == 0)
        #expect(t.jsonlText == "{\"task_index\": 0, \"task\": \"pick\"}\n{\"task_index\": 1, \"task\": \"place\"}\n")
        #expect(try TaskTable.parseJSONL(t.jsonlText) == t)
        #expect(try TaskTable.parseJSONL(try Reference.text(Reference.v21 + "/meta/tasks.jsonl")).tasks == ["Pick the cube"])
        #expect(throws: LeRobotError.self) { try TaskTable(["a", "a"]) }
        #expect(throws: LeRobotError.self) { try TaskTable([""]) }
    }
}
