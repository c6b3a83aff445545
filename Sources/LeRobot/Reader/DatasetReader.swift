// Opening a LeRobot dataset (v3.0 or v2.1, ours or anyone's) for reading.

import Foundation
import Parquet

/// Reads a LeRobot dataset: `info.json`, tasks, episode metadata, statistics, and
/// each episode's table columns.
///
/// Opening reads only metadata. Inconsistencies between metadata and files are
/// reported (thrown as `ERR_DATASET_MISMATCH` when reading an episode, or listed
/// by ``Verifier``), never silently corrected.
///
/// Threading: immutable after `init`; reading methods may be called from any
/// thread, they open files per call and block on disk I/O.
public final class DatasetReader: Sendable {
    public let root: String
    public let info: DatasetInfo
    public let tasks: TaskTable
    /// Episodes in metadata order (which must be `episode_index` order; ``Verifier`` checks).
    public let episodes: [EpisodeEntry]
    /// `meta/stats.json` (v3.0); for v2.1 the aggregate of `episodes_stats.jsonl`. `nil` if absent.
    public let stats: DatasetStatistics?
    /// Why ``stats`` is `nil` although the file exists (it does not parse or has wrong shapes).
    public let statsProblem: String?
    /// v3.0: whether `meta/tasks.parquet` has pandas metadata naming `task` as the index.
    public let tasksIndexedByString: Bool

    /// Opens the dataset at `root`.
    ///
    /// - Throws: `ERR_NOT_A_DATASET` if there is no `meta/info.json`; `ERR_JSON`,
    ///   `ERR_INFO_INVALID`, `ERR_DATASET_VERSION` for a bad info.json; `ERR_DATASET_MISMATCH`
    ///   for unreadable tasks or episode metadata (with the Parquet error as cause).
    public init(root: String) throws(LeRobotError) {
        self.root = root
        let infoPath = root + "/" + DatasetPaths.info
        guard FileManager.default.fileExists(atPath: infoPath) else {
            throw LeRobotError(.notADataset, "\(root) has no \(DatasetPaths.info)",
                               hint: "point at the dataset root (the directory that holds meta/)")
        }
        let text = try Self.readText(infoPath)
        info = try DatasetInfo.parse(text, source: infoPath)
        switch info.version {
        case .v3_0:
            (tasks, tasksIndexedByString) = try Self.readTasksParquet(root)
            episodes = try Self.readEpisodesV30(root: root, info: info)
            let statsPath = root + "/" + DatasetPaths.stats
            if FileManager.default.fileExists(atPath: statsPath) {
                // Statistics are not needed to read the data; a bad stats.json is reported, not fatal.
                do {
                    stats = try DatasetStatistics.fromJSON(try JSONValue.parse(try Self.readText(statsPath), source: statsPath))
                    statsProblem = nil
                } catch {
                    stats = nil
                    statsProblem = error.message
                }
            } else {
                stats = nil
                statsProblem = nil
            }
        case .v2_1:
            tasks = try TaskTable.parseJSONL(try Self.readText(root + "/" + DatasetPaths.tasksJSONL))
            tasksIndexedByString = true
            episodes = try Self.readEpisodesV21(root: root, info: info)
            let parts = episodes.compactMap(\.stats)
            do {
                stats = parts.isEmpty ? nil : try DatasetStatistics.aggregate(parts)
                statsProblem = nil
            } catch {
                stats = nil
                statsProblem = error.message
            }
        }
    }

    static func readText(_ path: String) throws(LeRobotError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LeRobotError(.io, "cannot read \(path): \(error.localizedDescription)", hint: "check the file exists and is UTF-8")
        }
    }

    static func openParquet(_ path: String) throws(LeRobotError) -> ParquetFileReader {
        do {
            return try ParquetFileReader(path: path)
        } catch {
            throw LeRobotError(.mismatch, "cannot open \(path): \(error.message)",
                               hint: "the file is incomplete or corrupt; run episodic verify", cause: error)
        }
    }

    static func column(_ r: ParquetFileReader, _ name: String, path: String) throws(LeRobotError) -> ColumnData {
        do {
            return try r.readColumn(name)
        } catch {
            throw LeRobotError(.mismatch, "\(path): cannot read column '\(name)': \(error.message)",
                               hint: "the file lacks a column lerobot writes; run episodic verify", cause: error)
        }
    }

    /// Sorted relative paths of `dir/*/*.parquet` (lerobot's glob), or `[]` if `dir` is absent.
    public static func parquetFiles(root: String, under dir: String) -> [String] {
        let fm = FileManager.default
        // No such directory means no files (a dataset with no episodes yet); that is not an error.
        guard let chunks = try? fm.contentsOfDirectory(atPath: root + "/" + dir) else { return [] }  // ok: see above
        var out: [String] = []
        for chunk in chunks.sorted() {
            // A plain file beside the chunk directories is not part of lerobot's `*/*.parquet` glob.
            guard let files = try? fm.contentsOfDirectory(atPath: root + "/" + dir + "/" + chunk) else { continue }  // ok: see above
            for f in files.sorted() where f.hasSuffix(".parquet") && !f.hasPrefix(".") {
                out.append(dir + "/" + chunk + "/" + f)
            }
        }
        return out
    }

    /// The data files in lerobot's read order.
    public var dataFiles: [String] { Self.parquetFiles(root: root, under: "data") }

    static func readTasksParquet(_ root: String) throws(LeRobotError) -> (TaskTable, Bool) {
        let path = root + "/" + DatasetPaths.tasksParquet
        let r = try openParquet(path)
        defer { r.close() }
        guard let indices = try column(r, "task_index", path: path).int64Values,
              case .string(let names) = try column(r, "task", path: path).storage else {
            throw LeRobotError(.mismatch, "\(path) has no int64 task_index / string task columns", hint: "rewrite tasks.parquet")
        }
        var ordered = Array(repeating: "", count: names.count)
        for (i, name) in zip(indices, names) {
            guard i >= 0, Int(i) < names.count else {
                throw LeRobotError(.task, "\(path): task_index \(i) out of range", hint: "task_index must be 0..n-1")
            }
            ordered[Int(i)] = name
        }
        let indexed: Bool
        // Unparsable pandas metadata counts as "not indexed", which `verify` reports.
        if let pandas = r.keyValueMetadata["pandas"], let json = try? JSONValue.parse(pandas) {  // ok: see above
            indexed = json["index_columns"] == .array([.string("task")])
        } else {
            indexed = false
        }
        return (try TaskTable(ordered), indexed)
    }
}
