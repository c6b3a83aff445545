// `meta/episodes/chunk-XXX/file-XXX.parquet`: one row per episode.

import Parquet

/// The episodes-metadata Parquet file: the columns lerobot 0.6.1 writes, in its order
/// (`episode_index, tasks, length, data/*, dataset_from_index, dataset_to_index,
/// videos/<key>/*, stats/<feature>/<stat>…, meta/episodes/*`), so `resume()` and
/// `aggregate_datasets` work on our datasets.
enum EpisodesParquet {
    static let statKeys = ["min", "max", "mean", "std", "count"] + StatQuantile.allCases.map(\.key)

    static func statType(_ feature: Feature, key: String) -> ParquetType {
        if key == "count" { return .list(element: .int64, elementNullable: true) }
        if feature.dtype.isVisual {
            return .list(element: .list(element: .list(element: .double, elementNullable: true), elementNullable: true),
                         elementNullable: true)
        }
        return .list(element: .double, elementNullable: true)
    }

    static func schema(_ features: Features) -> ParquetSchema {
        var fields: [ParquetField] = [
            ParquetField("episode_index", .int64, nullable: true),
            ParquetField("tasks", .list(element: .string, elementNullable: true), nullable: true),
            ParquetField("length", .int64, nullable: true),
            ParquetField("data/chunk_index", .int64, nullable: true),
            ParquetField("data/file_index", .int64, nullable: true),
            ParquetField("dataset_from_index", .int64, nullable: true),
            ParquetField("dataset_to_index", .int64, nullable: true),
        ]
        for v in features.videos {
            fields.append(ParquetField("videos/\(v.name)/chunk_index", .int64, nullable: true))
            fields.append(ParquetField("videos/\(v.name)/file_index", .int64, nullable: true))
            fields.append(ParquetField("videos/\(v.name)/from_timestamp", .double, nullable: true))
            fields.append(ParquetField("videos/\(v.name)/to_timestamp", .double, nullable: true))
        }
        for f in features.withStatistics {
            for key in statKeys { fields.append(ParquetField("stats/\(f.name)/\(key)", statType(f, key: key), nullable: true)) }
        }
        fields.append(ParquetField("meta/episodes/chunk_index", .int64, nullable: true))
        fields.append(ParquetField("meta/episodes/file_index", .int64, nullable: true))
        return ParquetSchema(fields)
    }

    private static func statColumn(_ s: FeatureStatistics, key: String) -> ColumnData {
        if key == "count" { return .list([[Int64(s.count)]]) }
        let values: [Double]
        switch key {
        case "min": values = s.min
        case "max": values = s.max
        case "mean": values = s.mean
        case "std": values = s.std
        default: values = s.quantiles[StatQuantile.allCases.first { $0.key == key }!] ?? []
        }
        switch s.layout {
        case .vector:
            return .list([values])
        case .channels:
            // [[[c0]], [[c1]], [[c2]]]: one row, C outer slots, each one slot of one value.
            let innermost = ColumnData(.list(offsets: Array(0...values.count), child: .double(values)))
            let middle = ColumnData(.list(offsets: Array(0...values.count), child: innermost))
            return ColumnData(.list(offsets: [0, values.count], child: middle))
        }
    }

    /// The one-row columns of `record`, in ``schema(_:)`` order.
    static func row(_ record: EpisodeRecord, features: Features) throws(LeRobotError) -> [ColumnData] {
        var cols: [ColumnData] = [
            .int64([Int64(record.episodeIndex)]),
            .list([record.tasks]),
            .int64([Int64(record.length)]),
            .int64([Int64(record.dataLocation.chunk)]),
            .int64([Int64(record.dataLocation.file)]),
            .int64([Int64(record.datasetFromIndex)]),
            .int64([Int64(record.datasetToIndex)]),
        ]
        for v in features.videos {
            guard let seg = record.videos.first(where: { $0.key == v.name }) else {
                throw LeRobotError(.episode, "episode \(record.episodeIndex) has no video segment for '\(v.name)'",
                                   hint: "pass an mp4 for every video feature")
            }
            cols += [.int64([Int64(seg.location.chunk)]), .int64([Int64(seg.location.file)]),
                     .double([seg.fromTimestamp]), .double([seg.toTimestamp])]
        }
        for f in features.withStatistics {
            guard let s = record.stats[f.name] else {
                throw LeRobotError(.stats, "episode \(record.episodeIndex) has no statistics for '\(f.name)'",
                                   hint: "every non-string feature needs statistics")
            }
            for key in statKeys { cols.append(statColumn(s, key: key)) }
        }
        cols += [.int64([Int64(record.metaLocation.chunk)]), .int64([Int64(record.metaLocation.file)])]
        return cols
    }
}
