// Reading an episode's rows back as plain arrays, for exact-value checks in resume/recovery/crash tests.

import Parquet
@testable import LeRobot

/// One episode's default columns and a way to read user columns exactly.
struct EpisodeRows {
    var columns: [String: ColumnData]
    var index: [Int64] { columns["index"]?.int64Values ?? [] }
    var episodeIndex: [Int64] { columns["episode_index"]?.int64Values ?? [] }
    var taskIndex: [Int64] { columns["task_index"]?.int64Values ?? [] }

    /// A `list<float>` column flattened row-major, or `nil` if it is not one.
    func floats(_ name: String) -> [Float]? {
        guard let c = columns[name], case .list(_, let child) = c.storage else { return nil }
        return child.floatValues
    }
}

extension DatasetReader {
    func rows(episode position: Int) throws -> EpisodeRows {
        EpisodeRows(columns: Dictionary(uniqueKeysWithValues: try readEpisode(position).map { ($0.name, $0.column) }))
    }
}
