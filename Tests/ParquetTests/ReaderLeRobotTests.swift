import Foundation
import Testing
@testable import Parquet

/// The real LeRobot v3.0 files in ../shared/reference/lerobot-v3.0-tiny, written by lerobot itself.
@Suite("Reader: LeRobot v3.0 reference dataset")
struct ReaderLeRobotTests {
    static let dataset = TestPaths.shared.appendingPathComponent("reference/lerobot-v3.0-tiny")

    func open(_ relative: String) throws -> ParquetFileReader {
        let url = Self.dataset.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ToolFailure(
                description: "missing \(url.path): the reference dataset lives in ../shared next to the repository clone")
        }
        return try ParquetFileReader(path: url.path)
    }

    @Test("data/chunk-000/file-000.parquet: 90 frames in 2 row groups, exact values")
    func dataFile() throws {
        let reader = try open("data/chunk-000/file-000.parquet")
        #expect(reader.numRows == 90)
        #expect(reader.rowGroupCount == 2)
        #expect(reader.rowCount(ofRowGroup: 0) == 45)
        #expect(reader.rowCount(ofRowGroup: 1) == 45)
        #expect(reader.keyValueMetadata["huggingface"]?.contains("\"features\"") == true)
        #expect(
            reader.schema.fields.map(\.name)
                == ["observation.state", "action", "timestamp", "frame_index", "episode_index", "index", "task_index"])
        #expect(reader.schema.field(named: "action")?.type == .list(element: .float, elementNullable: true))

        #expect(try reader.readColumn("index") == .int64((0..<90).map(Int64.init)))
        #expect(try reader.readColumn("episode_index") == .int64(Array(repeating: 0, count: 45) + Array(repeating: 1, count: 45)))
        #expect(try reader.readColumn("frame_index") == .int64((0..<90).map { Int64($0 % 45) }))
        #expect(try reader.readColumn("task_index", rowGroup: 1) == .int64(Array(repeating: 1, count: 45)))

        let timestamps = try reader.readColumn("timestamp")
        guard case .float(let times) = timestamps.storage else { Issue.record("timestamp is not float"); return }
        #expect(times[1].bitPattern == Float(0.03333333507180214).bitPattern)
        #expect(times[89].bitPattern == Float(1.4666666984558105).bitPattern)

        let action = try reader.readColumn("action")
        guard case .list(let offsets, let child) = action.storage, case .float(let values) = child.storage else {
            Issue.record("action is not list<float>: \(action)")
            return
        }
        #expect(offsets == (0...90).map { $0 * 6 })
        #expect(Array(values[0..<6]) == [0.10452846437692642, 0.4413294196128845, 0.7239006161689758, 0.9175201654434204, 0.9983965754508972, 0.9565917253494263].map(Float.init))
        #expect(Array(values[(89 * 6)...]) == [-0.5403022766113281, 0.8704887628555298, -0.9995735883712769, 0.8977354764938354, -0.5885010957717896, 0.14331036806106567].map(Float.init))
    }

    @Test("meta/episodes: 3-deep image statistics lists, task lists")
    func episodesFile() throws {
        let reader = try open("meta/episodes/chunk-000/file-000.parquet")
        #expect(reader.numRows == 2)
        #expect(try reader.readColumn("episode_index") == .int64([0, 1]))
        #expect(try reader.readColumn("length") == .int64([45, 45]))
        let tasks = try reader.readColumn("tasks")
        #expect(tasks.storage == .list(offsets: [0, 1, 2], child: .string(["pick the cube", "place the cube"])))

        let maxStats = try reader.readColumn("stats/observation.images.front/max")
        guard case .list(let outer, let channels) = maxStats.storage,
              case .list(let middle, let rows) = channels.storage,
              case .list(let inner, let leaves) = rows.storage,
              case .double(let values) = leaves.storage
        else {
            Issue.record("image max stats are not list<list<list<double>>>: \(maxStats)")
            return
        }
        #expect(outer == [0, 3, 6])
        #expect(middle == [0, 1, 2, 3, 4, 5, 6])
        #expect(inner == [0, 1, 2, 3, 4, 5, 6])
        #expect(Array(values[0..<3]) == [1.0, 1.0, 0.5176470875740051])
        #expect(try reader.readColumn("stats/observation.images.front/count") == .list([[45], [45]] as [[Int64]]))
    }

    @Test("meta/tasks.parquet: pandas metadata and the task strings")
    func tasksFile() throws {
        let reader = try open("meta/tasks.parquet")
        #expect(reader.numRows == 2)
        #expect(reader.keyValueMetadata["pandas"]?.contains("\"index_columns\": [\"task\"]") == true)
        #expect(try reader.readColumn("task_index") == .int64([0, 1]))
        #expect(try reader.readColumn("task") == .string(["pick the cube", "place the cube"]))
    }
}
