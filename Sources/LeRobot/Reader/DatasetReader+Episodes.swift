// Reading episode metadata of both layouts.

import Parquet

extension DatasetReader {
    static func readEpisodesV30(root: String, info: DatasetInfo) throws(LeRobotError) -> [EpisodeEntry] {
        var out: [EpisodeEntry] = []
        for rel in parquetFiles(root: root, under: "meta/episodes") {
            out += try readEpisodesV30(root: root, file: rel, info: info)
        }
        return out
    }

    /// The episodes of one `meta/episodes` file (`rel` relative to `root`), in file order.
    static func readEpisodesV30(root: String, file rel: String, info: DatasetInfo) throws(LeRobotError) -> [EpisodeEntry] {
        var out: [EpisodeEntry] = []
        do {
            let path = root + "/" + rel
            let r = try openParquet(path)
            defer { r.close() }
            func ints(_ name: String) throws(LeRobotError) -> [Int] {
                guard let v = try column(r, name, path: path).int64Values else {
                    throw LeRobotError(.mismatch, "\(path): column '\(name)' is not integer", hint: "rewrite the episodes file")
                }
                return v.map { Int($0) }
            }
            func doubles(_ name: String) throws(LeRobotError) -> [Double] {
                guard let v = try column(r, name, path: path).doubleValues else {
                    throw LeRobotError(.mismatch, "\(path): column '\(name)' is not numeric", hint: "rewrite the episodes file")
                }
                return v
            }
            let index = try ints("episode_index"), length = try ints("length")
            let chunk = try ints("data/chunk_index"), file = try ints("data/file_index")
            let from = try ints("dataset_from_index"), to = try ints("dataset_to_index")
            let tasks = try column(r, "tasks", path: path).stringLists ?? Array(repeating: [], count: index.count)
            var videoColumns: [(String, [Int], [Int], [Double], [Double])] = []
            for v in info.features.videos {
                let p = "videos/\(v.name)/"
                videoColumns.append((v.name, try ints(p + "chunk_index"), try ints(p + "file_index"),
                                     try doubles(p + "from_timestamp"), try doubles(p + "to_timestamp")))
            }
            let statsColumns = try readStatsColumns(r, features: info.features, path: path)
            for row in 0..<index.count {
                let videos = videoColumns.map { key, c, f, a, b in
                    EpisodeEntry.Video(key: key, path: DatasetPaths.video(key: key, FileLocation(chunk: c[row], file: f[row])),
                                       fromTimestamp: a[row], toTimestamp: b[row])
                }
                let (stats, problem) = episodeStats(statsColumns, row: row, features: info.features)
                out.append(EpisodeEntry(
                    episodeIndex: index[row], tasks: tasks[row], length: length[row],
                    dataPath: DatasetPaths.data(FileLocation(chunk: chunk[row], file: file[row])),
                    fromIndex: from[row], toIndex: to[row], videos: videos, stats: stats, statsProblem: problem))
            }
        }
        return out
    }

    /// The `stats/...` columns present in the file. A missing column is reported by
    /// `episodeStats`; a column that is present but unreadable is an error, never skipped.
    private static func readStatsColumns(
        _ r: ParquetFileReader, features: Features, path: String
    ) throws(LeRobotError) -> [String: ColumnData] {
        var out: [String: ColumnData] = [:]
        for f in features.withStatistics {
            for key in EpisodesParquet.statKeys {
                let name = "stats/\(f.name)/\(key)"
                if r.schema.field(named: name) != nil { out[name] = try column(r, name, path: path) }
            }
        }
        return out
    }

    private static func episodeStats(_ columns: [String: ColumnData], row: Int, features: Features)
        -> (DatasetStatistics?, String?) {
        if columns.isEmpty { return (nil, "no stats/* columns") }
        var parts: [(name: String, stats: FeatureStatistics)] = []
        for f in features.withStatistics {
            var object: [(String, JSONValue)] = []
            for key in EpisodesParquet.statKeys {
                guard let c = columns["stats/\(f.name)/\(key)"], let (values, depth) = c.flattenedNumbers(row: row) else {
                    return (nil, "missing or non-numeric column stats/\(f.name)/\(key)")
                }
                if key == "count" {
                    object.append((key, .array(values.map { .int(Int64($0)) })))
                } else if depth == 3 {
                    object.append((key, .array(values.map { .array([.array([.double($0)])]) })))
                } else {
                    object.append((key, .array(values.map { .double($0) })))
                }
            }
            do {
                parts.append((f.name, try FeatureStatistics.fromJSON(.object(object), feature: f.name)))
            } catch {
                return (nil, error.message)
            }
        }
        return (DatasetStatistics(parts), nil)
    }

    static func readEpisodesV21(root: String, info: DatasetInfo) throws(LeRobotError) -> [EpisodeEntry] {
        let text = try readText(root + "/" + DatasetPaths.episodesJSONL)
        let statsPath = root + "/" + DatasetPaths.episodesStatsJSONL
        var statsByEpisode: [Int: (DatasetStatistics?, String?)] = [:]
        // An absent (or unreadable) episodes_stats.jsonl leaves every episode without stats,
        // which `verify` reports per episode (ERR_STATS_MISSING); the episodes still read.
        if let statsText = try? readText(statsPath) {  // ok: absence is reported per episode by verify
            for (n, line) in statsText.split(separator: "\n").enumerated() {
                do {
                    let json = try JSONValue.parse(String(line), source: "\(statsPath) line \(n + 1)")
                    guard let e = json["episode_index"]?.intValue, let s = json["stats"] else { continue }
                    statsByEpisode[Int(e)] = (try DatasetStatistics.fromJSON(s), nil)
                } catch {
                    statsByEpisode[n] = (nil, error.message)
                }
            }
        }
        var out: [EpisodeEntry] = []
        var next = 0
        for (n, line) in text.split(separator: "\n").enumerated() {
            let json = try JSONValue.parse(String(line), source: "\(DatasetPaths.episodesJSONL) line \(n + 1)")
            guard let e = json["episode_index"]?.intValue, let length = json["length"]?.intValue else {
                throw LeRobotError(.mismatch, "\(DatasetPaths.episodesJSONL) line \(n + 1) lacks episode_index/length",
                                   hint: "restore episodes.jsonl")
            }
            let tasks = json["tasks"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let seconds = Double(length) / Double(info.fps)
            let videos = info.features.videos.map {
                EpisodeEntry.Video(key: $0.name, path: DatasetPaths.videoV21(key: $0.name, episode: Int(e), chunksSize: info.chunksSize),
                                   fromTimestamp: 0, toTimestamp: seconds)
            }
            let (stats, problem) = statsByEpisode[Int(e)] ?? (nil, "no line in \(DatasetPaths.episodesStatsJSONL)")
            out.append(EpisodeEntry(
                episodeIndex: Int(e), tasks: tasks, length: Int(length),
                dataPath: DatasetPaths.dataV21(episode: Int(e), chunksSize: info.chunksSize),
                fromIndex: next, toIndex: next + Int(length), videos: videos, stats: stats, statsProblem: problem))
            next += Int(length)
        }
        return out
    }
}
