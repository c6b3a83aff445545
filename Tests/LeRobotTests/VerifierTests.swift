import Foundation
import Parquet
import Testing
@testable import LeRobot

/// Rewrites a Parquet file with `transform` applied to its columns (schema and metadata kept).
func rewriteParquet(_ path: String, dropping: Set<String> = [], _ transform: (inout [String: ColumnData]) -> Void = { _ in }) throws {
    let r = try ParquetFileReader(path: path)
    var columns: [String: ColumnData] = [:]
    for f in r.schema.fields { columns[f.name] = try r.readColumn(f.name) }
    let schema = ParquetSchema(r.schema.fields.filter { !dropping.contains($0.name) })
    let kv = r.keyValueMetadata.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) }
    r.close()
    transform(&columns)
    let w = try ParquetFileWriter(path: path, schema: schema, options: ParquetWriterOptions(keyValueMetadata: kv))
    try w.write(schema.fields.map { columns[$0.name]! })
    try w.endRowGroup()
    _ = try w.close()
}

func mapInt64(_ c: ColumnData, _ body: (inout [Int64]) -> Void) -> ColumnData {
    var v = c.int64Values!
    body(&v)
    return ColumnData(.int64(v), validity: c.validity)
}

func editJSON(_ path: String, _ transform: (JSONValue) -> JSONValue) throws {
    let json = try JSONValue.parse(try String(contentsOfFile: path, encoding: .utf8))
    try transform(json).pythonJSON().write(toFile: path, atomically: false, encoding: .utf8)
}

@Suite(.serialized) struct VerifierTests {
    /// One synthetic v3.0 dataset per process, copied for each corruption.
    static let pristine: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-verify-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)  // leftover from a crashed run; fine if absent
        try! FileManager.default.createDirectory(atPath: dir + "/src", withIntermediateDirectories: true)
        try! Synthetic.write(root: dir + "/ds", videoDir: dir + "/src")
        return dir
    }()

    static func damagedCopy(_ name: String, _ damage: (String) throws -> Void) throws -> VerificationReport {
        let copy = pristine + "/" + name
        try? FileManager.default.removeItem(atPath: copy)  // a previous run's copy; fine if absent
        try FileManager.default.copyItem(atPath: pristine + "/ds", toPath: copy)
        try damage(copy)
        return try Verifier().verify(root: copy)
    }

    @Test func validDatasetsHaveNoProblems() throws {
        for root in [Reference.v30, Reference.v21, Self.pristine + "/ds"] {
            let report = try Verifier().verify(root: root)
            #expect(report.problems == [], "\(root): \(report.problems)")
            #expect(report.skipped == [])
        }
        let dir = try TempDir("verify-v21"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        try Synthetic.write(root: dir.path + "/ds", version: .v2_1, image: true, videoDir: dir.path + "/src")
        let report = try Verifier().verify(root: dir.path + "/ds")
        #expect(report.problems == [])
        #expect(report.episodes == 2 && report.frames == 75)
    }

    typealias Damage = (name: String, expected: VerificationProblem.Code, path: String, damage: @Sendable (String) throws -> Void)

    static let damages: [Damage] = [
        ("footer", .parquetFooterMissing, "data/chunk-000/file-001.parquet", { root in
            let p = root + "/data/chunk-000/file-001.parquet"
            let data = try Data(contentsOf: URL(fileURLWithPath: p))
            try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: p))
        }),
        ("index", .indexGap, "data/chunk-000/file-001.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-001.parquet") { c in
                c["index"] = mapInt64(c["index"]!) { v in for i in v.indices { v[i] += 1 } }
            }
        }),
        ("episode-index", .episodeIndexOrder, "data/chunk-000/file-001.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-001.parquet") { c in
                c["episode_index"] = mapInt64(c["episode_index"]!) { $0[3] = 0 }
            }
        }),
        ("frame-index", .frameIndex, "data/chunk-000/file-000.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-000.parquet") { c in
                c["frame_index"] = mapInt64(c["frame_index"]!) { $0[5] = 6 }
            }
        }),
        ("timestamp", .timestamp, "data/chunk-000/file-000.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-000.parquet") { c in
                guard case .float(var v) = c["timestamp"]!.storage else { return }
                v[7] += 0.004
                c["timestamp"] = ColumnData(.float(v), validity: c["timestamp"]!.validity)
            }
        }),
        ("task-index", .taskUnresolved, "data/chunk-000/file-001.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-001.parquet") { c in
                c["task_index"] = mapInt64(c["task_index"]!) { $0[0] = 9 }
            }
        }),
        ("tasks-pandas", .taskUnresolved, "meta/tasks.parquet", { root in
            let p = root + "/meta/tasks.parquet"
            let r = try ParquetFileReader(path: p)
            let cols = [try r.readColumn("task_index"), try r.readColumn("task")]
            let schema = r.schema
            r.close()
            let w = try ParquetFileWriter(path: p, schema: schema)
            try w.write(cols); try w.endRowGroup(); _ = try w.close()
        }),
        ("stats-quantile", .statsShape, "meta/stats.json", { root in
            try editJSON(root + "/meta/stats.json") { json in
                guard case .object(let stats) = json["action"]! else { return json }
                return json.setting("action", .object(stats.filter { $0.0 != "q01" }))
            }
        }),
        ("stats-image-shape", .statsShape, "meta/stats.json", { root in
            try editJSON(root + "/meta/stats.json") { json in
                json.setting("observation.images.front", json["observation.images.front"]!.setting("mean", .array([.double(0.5)])))
            }
        }),
        ("info-totals", .infoMismatch, "meta/info.json", { root in
            try editJSON(root + "/meta/info.json") { $0.setting("total_frames", .int(76)) }
        }),
        ("video-frames", .frameCountMismatch, "videos/observation.images.front/chunk-000/file-001.mp4", { root in
            let p = root + "/videos/observation.images.front/chunk-000/file-001.mp4"
            try FileManager.default.removeItem(atPath: p)
            _ = try Synthetic.makeVideo(frames: 29, in: root + "/videos/observation.images.front/chunk-000", name: "file-001.mp4")
        }),
        ("video-missing", .videoMissing, "videos/observation.images.front/chunk-000/file-000.mp4", { root in
            try FileManager.default.removeItem(atPath: root + "/videos/observation.images.front/chunk-000/file-000.mp4")
        }),
        ("rows", .rowCountMismatch, "data/chunk-000/file-001.parquet", { root in
            try rewriteParquet(root + "/data/chunk-000/file-001.parquet") { c in
                for (k, v) in c { c[k] = v.rows(0..<29) }
            }
        }),
        ("video-pts", .videoTimestamp, "videos/observation.images.front/chunk-000/file-000.mp4", { root in
            // Timescale 1000 cannot represent k/30 s exactly: pts get rounded (spec §5.3).
            let dir = root + "/videos/observation.images.front/chunk-000"
            try FileManager.default.removeItem(atPath: dir + "/file-000.mp4")
            try Tool.run("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=30",
                                    "-frames:v", "45", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "0",
                                    "-video_track_timescale", "1000", dir + "/file-000.mp4"])
        }),
        ("video-garbage", .videoUnreadable, "videos/observation.images.front/chunk-000/file-001.mp4", { root in
            try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: root + "/videos/observation.images.front/chunk-000/file-001.mp4"))
        }),
        ("episodes-order", .episodeIndexOrder, "meta/episodes", { root in
            let a = root + "/meta/episodes/chunk-000/file-000.parquet", b = root + "/meta/episodes/chunk-000/file-001.parquet"
            try FileManager.default.moveItem(atPath: a, toPath: a + ".x")
            try FileManager.default.moveItem(atPath: b, toPath: a)
            try FileManager.default.moveItem(atPath: a + ".x", toPath: b)
        }),
        ("episodes-column", .metadataInvalid, "meta", { root in
            try rewriteParquet(root + "/meta/episodes/chunk-000/file-001.parquet", dropping: ["dataset_from_index"])
        }),
    ]

    @Test(arguments: 0..<17)
    func eachCorruptionIsFlaggedWithItsCodeAndNothingElse(_ i: Int) throws {
        let d = Self.damages[i]
        let report = try Self.damagedCopy(d.name, d.damage)
        #expect(report.problems.map(\.code) == [d.expected], "\(d.name): \(report.problems)")
        #expect(report.problems.first?.path == d.path, "\(d.name)")
        #expect(report.problems.allSatisfy { !$0.hint.isEmpty })
    }

    @Test func v21CorruptionsAreFlaggedWithTheirCodes() throws {
        let dir = try TempDir("verify-v21-bad"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        try Synthetic.write(root: dir.path + "/ds", version: .v2_1, videoDir: dir.path + "/src")
        let cases: [(String, VerificationProblem.Code, String, (String) throws -> Void)] = [
            ("total-videos", .infoMismatch, "meta/info.json", { root in
                try editJSON(root + "/meta/info.json") { $0.setting("total_videos", .int(3)) }
            }),
            ("episode-stats", .statsShape, "meta/episodes_stats.jsonl", { root in
                let p = root + "/meta/episodes_stats.jsonl"
                let first = try String(contentsOfFile: p, encoding: .utf8).split(separator: "\n")[0]
                try (first + "\n").write(toFile: p, atomically: false, encoding: .utf8)
            }),
            ("episode-footer", .parquetFooterMissing, "data/chunk-000/episode_000000.parquet", { root in
                let p = root + "/data/chunk-000/episode_000000.parquet"
                try Data(try Data(contentsOf: URL(fileURLWithPath: p)).dropLast(3)).write(to: URL(fileURLWithPath: p))
            }),
        ]
        for (name, code, path, damage) in cases {
            let copy = dir.path + "/" + name
            try FileManager.default.copyItem(atPath: dir.path + "/ds", toPath: copy)
            try damage(copy)
            let report = try Verifier().verify(root: copy)
            #expect(report.problems.map(\.code) == [code], "\(name): \(report.problems)")
            #expect(report.problems.first?.path == path, "\(name)")
        }
    }

    @Test func jsonReportNamesCodePathAndHint() throws {
        let report = try Self.damagedCopy("json", Self.damages[9].damage)
        let json = report.json
        #expect(json["valid"] == .bool(false))
        #expect(json["problems"]?.arrayValue?.first?["code"] == .string("ERR_INFO_MISMATCH"))
        #expect(json["problems"]?.arrayValue?.first?["message"] == .string("total_frames 76 ≠ 75"))
    }

    @Test func notADatasetThrows() throws {
        let dir = try TempDir("verify-none"); defer { dir.remove() }
        do {
            _ = try Verifier().verify(root: dir.path)
            Issue.record("no error")
        } catch {
            #expect(error.code == .notADataset)
        }
    }
}
