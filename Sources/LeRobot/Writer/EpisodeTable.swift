// Building an episode's data-Parquet columns and its statistics.

import Parquet

/// The data-Parquet columns and per-episode statistics of one episode.
struct EpisodeTable {
    var columns: [ColumnData]
    var stats: DatasetStatistics
    var uniqueTasks: [String]

    /// Validates `input` against `features` and builds the columns in schema order:
    /// user features, then timestamp = float32(frame_index / fps), frame_index,
    /// episode_index, index (global), task_index.
    static func build(
        _ input: EpisodeInput, features: Features, fps: Int, episodeIndex: Int, firstIndex: Int,
        tasks: inout TaskTable
    ) throws(LeRobotError) -> EpisodeTable {
        let n = input.length
        guard n > 0 else {
            throw LeRobotError(.episode, "episode \(episodeIndex) has no frames", hint: "record at least one frame")
        }
        guard input.tasks.count == n else {
            throw LeRobotError(.episode, "episode \(episodeIndex) has \(input.tasks.count) task entries for \(n) frames",
                               hint: "pass one task per frame")
        }
        for name in input.columns.keys where features[name] == nil || features[name]!.dtype == .video
            || Features.defaultNames.contains(name) {
            throw LeRobotError(.episode, "episode \(episodeIndex) has a column '\(name)' that is not a user table feature",
                               hint: "pass only declared non-video features; defaults are computed")
        }
        var taskIndices: [Int64] = []
        taskIndices.reserveCapacity(n)
        var unique: [String] = []
        var scratch = tasks
        for t in input.tasks {
            let i = try scratch.intern(t)
            if !unique.contains(t) { unique.append(t) }
            taskIndices.append(Int64(i))
        }
        var columns: [ColumnData] = []
        var stats: [(name: String, stats: FeatureStatistics)] = []
        for f in features.all {
            switch f.name {
            case "timestamp":
                let seconds = (0..<n).map { Double($0) / Double(fps) }
                columns.append(.float(seconds.map { Float($0) }))
                stats.append((f.name, try vectorStats(width: 1, n: n) { seconds[$0] }))
            case "frame_index":
                columns.append(.int64((0..<n).map { Int64($0) }))
                stats.append((f.name, try vectorStats(width: 1, n: n) { Double($0) }))
            case "episode_index":
                columns.append(.int64(Array(repeating: Int64(episodeIndex), count: n)))
                stats.append((f.name, try vectorStats(width: 1, n: n) { _ in Double(episodeIndex) }))
            case "index":
                columns.append(.int64((0..<n).map { Int64(firstIndex + $0) }))
                stats.append((f.name, try vectorStats(width: 1, n: n) { Double(firstIndex + $0) }))
            case "task_index":
                columns.append(.int64(taskIndices))
                stats.append((f.name, try vectorStats(width: 1, n: n) { Double(taskIndices[$0]) }))
            default:
                if f.dtype.isVisual {
                    guard let s = input.cameraStats[f.name], s.layout == .channels, s.width == 3 else {
                        throw LeRobotError(.episode, "episode \(episodeIndex) has no 3-channel statistics for camera '\(f.name)'",
                                           hint: "compute them with ImageStatsAccumulator while recording")
                    }
                    stats.append((f.name, s))
                    if f.dtype == .video { continue }
                }
                guard let column = input.columns[f.name] else {
                    throw LeRobotError(.episode, "episode \(episodeIndex) has no values for '\(f.name)'",
                                       hint: "pass a column for every declared table feature")
                }
                columns.append(try makeColumn(column, feature: f, frames: n, episode: episodeIndex))
                if let given = input.tableStats[f.name], !f.dtype.isVisual {
                    guard given.layout == .vector, given.width == f.elementCount, given.count == n else {
                        throw LeRobotError(.stats, "episode \(episodeIndex) statistics of '\(f.name)' have width \(given.width) and count \(given.count)",
                                           hint: "expected width \(f.elementCount) over \(n) frames")
                    }
                    stats.append((f.name, given))
                } else if f.dtype.hasStatistics && !f.dtype.isVisual {
                    let width = f.elementCount
                    var acc = VectorStatsAccumulator(width: width)
                    for i in 0..<n { try acc.add(column.doubles(frame: i, width: width)!) }
                    stats.append((f.name, acc.statistics()!))
                }
            }
        }
        tasks = scratch
        return EpisodeTable(columns: columns, stats: DatasetStatistics(stats), uniqueTasks: unique)
    }

    private static func vectorStats(width: Int, n: Int, _ value: (Int) -> Double) throws(LeRobotError) -> FeatureStatistics {
        var acc = VectorStatsAccumulator(width: width)
        for i in 0..<n { try acc.add([value(i)]) }
        return acc.statistics()!
    }

    private static func makeColumn(_ c: FrameColumn, feature f: Feature, frames n: Int, episode: Int) throws(LeRobotError) -> ColumnData {
        let width = f.dtype == .image ? 1 : f.elementCount
        guard c.count == n * width else {
            throw LeRobotError(.featureValue, "episode \(episode) feature '\(f.name)' has \(c.count) values, expected \(n * width)",
                               hint: "pass \(width) value(s) per frame, row-major")
        }
        let leaf: ColumnData
        switch (c, f.dtype) {
        case (.float32(let v), .float32): leaf = .float(v)
        case (.float64(let v), .float64): leaf = .double(v)
        case (.int64(let v), .int64): leaf = .int64(v)
        case (.int32(let v), .int32): leaf = .int32(v)
        case (.bool(let v), .bool): leaf = .boolean(v)
        case (.string(let v), .string): leaf = .string(v)
        case (.png(let v), .image):
            let path = ColumnData(.string(Array(repeating: "", count: n)), validity: Array(repeating: false, count: n))
            return ColumnData(.struct([.binary(v), path]))
        default:
            throw LeRobotError(.featureValue, "episode \(episode) feature '\(f.name)' got values of the wrong type",
                               hint: "feature '\(f.name)' is \(f.dtype.rawValue)")
        }
        if f.isScalar { return leaf }
        return ColumnData(.list(offsets: (0...n).map { $0 * width }, child: leaf))
    }
}
