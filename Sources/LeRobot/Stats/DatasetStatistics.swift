// Statistics of every feature of an episode or a whole dataset.

/// Statistics for each feature, in feature order: one episode's (a row of
/// `meta/episodes`, a line of `episodes_stats.jsonl`) or the dataset's (`meta/stats.json`).
public struct DatasetStatistics: Hashable, Sendable {
    /// Feature name → statistics, in feature order.
    public var features: [(name: String, stats: FeatureStatistics)]

    public init(_ features: [(name: String, stats: FeatureStatistics)]) {
        self.features = features
    }

    public subscript(name: String) -> FeatureStatistics? {
        features.first { $0.name == name }?.stats
    }

    public static func == (lhs: DatasetStatistics, rhs: DatasetStatistics) -> Bool {
        lhs.features.count == rhs.features.count
            && zip(lhs.features, rhs.features).allSatisfy { $0.name == $1.name && $0.stats == $1.stats }
    }

    public func hash(into hasher: inout Hasher) {
        for f in features { hasher.combine(f.name); hasher.combine(f.stats) }
    }

    /// Aggregates episodes feature by feature (see ``FeatureStatistics/aggregate(_:)``),
    /// keeping the first episode's feature order; a feature missing from some episodes
    /// is aggregated over the episodes that have it, as lerobot does.
    public static func aggregate(_ episodes: [DatasetStatistics]) throws(LeRobotError) -> DatasetStatistics {
        var names: [String] = []
        for e in episodes { for f in e.features where !names.contains(f.name) { names.append(f.name) } }
        var out: [(name: String, stats: FeatureStatistics)] = []
        for name in names {
            out.append((name, try FeatureStatistics.aggregate(episodes.compactMap { $0[name] })))
        }
        return DatasetStatistics(out)
    }
}
