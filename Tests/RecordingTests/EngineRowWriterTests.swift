// A registered row writer takes over a table feature: it sees every row and its output is committed.

import Foundation
import LeRobot
@testable import Recording
import Synchronization
import Testing

/// A test output format for `observation.state`: keeps the values, contributes them as the
/// feature's column and writes a CSV file that the committer places in the dataset.
final class StateCSVWriterFactory: RowWriterFactory, @unchecked Sendable {
    let made = Mutex<[StateCSVWriter]>([])
    func claims(_ feature: Feature) -> Bool { feature.name == "observation.state" }
    func validate(_ features: [Feature], fps: Int) throws(RecordingError) {}
    func makeWriter(for features: [Feature], take: TakeContext) throws(RecordingError) -> any RowStreamWriter {
        let writer = StateCSVWriter(directory: take.directory)
        made.withLock { $0.append(writer) }
        return writer
    }
}

final class StateCSVWriter: RowStreamWriter, @unchecked Sendable {
    let streamName = "observation.state"
    let directory: String
    /// Rows seen: (frame index, values); appended on the row consumer thread only.
    let rows = Mutex<[(Int, [Float])]>([])

    init(directory: String) { self.directory = directory }

    func append(_ row: RowView) {
        let raw = row.values(streamName)!
        rows.withLock { $0.append((row.frameIndex, Array(raw.bindMemory(to: Float.self)))) }
    }

    func repeatLast(_ count: Int) {
        rows.withLock { rows in for _ in 0..<count { rows.append((rows.count, rows.last!.1)) } }
    }

    static func csv(_ rows: [(Int, [Float])]) -> String {
        "frame,a,b\n" + rows.map { "\($0.0),\($0.1[0]),\($0.1[1])\n" }.joined()
    }

    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> TakeContribution {
        let seen = rows.withLock { $0 }
        let path = directory + "/state.csv"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Self.csv(seen).write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw RecordingError(.commitFailed, "csv: \(error)", hint: "test")
        }
        return TakeContribution(
            columns: [streamName: .float32(seen.flatMap(\.1))],
            placements: [FilePlacement(spoolPath: path, relativePath: String(format: "meta/state-csv/episode-%06d.csv", context.datasetIndex))],
            sidecar: SidecarEntry(section: "state_csv", value: .object([("rows", .int(Int64(seen.count)))])))
    }

    func cancel() {}
}

@Suite("Recording engine row writers")
struct EngineRowWriterTests {
    @Test("a registered RowWriterFactory claims observation.state: it sees every row, its column and CSV file are committed")
    func registeredRowWriter() async throws {
        let dir = try engineTempDirectory("row-writer")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let root = dir + "/ds"
        let factory = StateCSVWriterFactory()
        var config = EngineWritersTests.configuration(root: root)
        config.rowWriters = [factory]
        let session = try RecordingSession(configuration: config)
        try await session.start(task: "t")
        for (episode, count) in [(0, 9), (1, 14)] {
            try session.startEpisode(task: "look")
            try EngineWritersTests.record(session, episode: episode, count: count, gapAt: nil)
            try session.saveEpisode()
        }
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))
        #expect(try Verifier().verify(root: root).problems.isEmpty)

        let reader = try DatasetReader(root: root)
        for (episode, count) in [(0, 9), (1, 14)] {
            let expected = (0..<count).map { (i: Int) -> (Int, [Float]) in (i, [Float(i), Float(episode)]) }
            let csv = try String(contentsOfFile: root + String(format: "/meta/state-csv/episode-%06d.csv", episode), encoding: .utf8)
            #expect(csv == StateCSVWriter.csv(expected))
            let columns = Dictionary(uniqueKeysWithValues: try reader.readEpisode(episode).map { ($0.name, $0.column) })
            #expect(floatRows(try #require(columns["observation.state"]), rows: count) == expected.map(\.1))
            let sidecar = try JSONValue.parse(String(contentsOfFile: root + String(format: "/meta/episodic/episode-%06d.json", episode),
                                                     encoding: .utf8))
            #expect(sidecar["state_csv"]?.arrayValue?.first?["rows"]?.intValue == Int64(count))
        }
        // The statistics of the claimed feature were computed from the writer's column.
        let stats = try DatasetStatistics.fromJSON(try JSONValue.parse(String(contentsOfFile: root + "/meta/stats.json", encoding: .utf8)))
        #expect(stats["observation.state"]?.max == [13, 1])
    }

    @Test("a claimed feature is kept out of the engine's own columns and statistics")
    func claimedFeatureIsNotStoredTwice() throws {
        let features = try Features([.vector("observation.state", names: ["a", "b"]), .vector("action", names: ["a", "b"])])
        let layout = RowLayout(features: features)
        let columns = EpisodeColumns(layout: layout, expectedFrames: 4, claimed: ["observation.state"])
        let seen = StateCSVWriter(directory: "/nonexistent")
        columns.rowWriters = [seen]
        var row = [UInt8](repeating: 0, count: layout.rowBytes)
        for i in 0..<3 {
            row.withUnsafeMutableBytes { bytes in
                for (f, value) in [(0, Float(i)), (1, Float(10 + i))] {
                    let field = layout.fields[f]
                    bytes.storeBytes(of: value, toByteOffset: field.offset, as: Float.self)
                    bytes.storeBytes(of: value + 0.5, toByteOffset: field.offset + 4, as: Float.self)
                }
            }
            row.withUnsafeBytes { columns.append(row: $0, captureNanos: UInt64(i)) }
        }
        columns.repeatLast(2)
        columns.seal()
        #expect(Set(columns.frameColumns().keys) == ["action"])
        #expect(Set(try columns.tableStats().keys) == ["action"])
        #expect(seen.rows.withLock { $0.map(\.0) } == [0, 1, 2, 3, 4])
        #expect(seen.rows.withLock { $0.map(\.1) } == [[0, 0.5], [1, 1.5], [2, 2.5], [2, 2.5], [2, 2.5]])
    }
}
