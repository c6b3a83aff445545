// `meta/stats.json`, `episodes_stats.jsonl` entries, and their shapes.

extension FeatureStatistics {
    private func shaped(_ values: [Double]) -> JSONValue {
        switch layout {
        case .vector: .array(values.map { .double($0) })
        case .channels: .array(values.map { .array([.array([.double($0)])]) })
        }
    }

    /// `{"min", "max", "mean", "std", "count", "q01", …, "q99"}` in lerobot's key order.
    /// - Parameter includeQuantiles: `false` for v2.1 files (lerobot 0.3 wrote none).
    public func json(includeQuantiles: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("min", shaped(min)), ("max", shaped(max)), ("mean", shaped(mean)), ("std", shaped(std)),
            ("count", .array([.int(Int64(count))])),
        ]
        if includeQuantiles {
            for q in StatQuantile.allCases { if let v = quantiles[q] { pairs.append((q.key, shaped(v))) } }
        }
        return .object(pairs)
    }

    /// Flattens `[v]`, `[[[v]]]` (any nesting) into values; returns the layout seen.
    private static func flatten(_ json: JSONValue, feature: String, key: String) throws(LeRobotError) -> (Layout, [Double]) {
        guard let items = json.arrayValue, !items.isEmpty else {
            throw LeRobotError(.stats, "stats '\(feature)/\(key)' is not a non-empty list", hint: "recompute the statistics")
        }
        var values: [Double] = []
        var layout: Layout = .vector
        for item in items {
            if let v = item.doubleValue {
                values.append(v)
            } else if let inner = item.arrayValue, inner.count == 1, let innermost = inner[0].arrayValue,
                      innermost.count == 1, let v = innermost[0].doubleValue {
                layout = .channels
                values.append(v)
            } else {
                throw LeRobotError(.stats, "stats '\(feature)/\(key)' has an unexpected shape",
                                   hint: "vectors are [n], cameras [C,1,1]")
            }
        }
        return (layout, values)
    }

    /// Parses one feature's statistics object.
    public static func fromJSON(_ json: JSONValue, feature: String) throws(LeRobotError) -> FeatureStatistics {
        func values(_ key: String) throws(LeRobotError) -> (Layout, [Double]) {
            guard let v = json[key] else {
                throw LeRobotError(.stats, "stats of '\(feature)' have no '\(key)'", hint: "recompute the statistics")
            }
            return try flatten(v, feature: feature, key: key)
        }
        let (layout, mn) = try values("min")
        let mx = try values("max").1, me = try values("mean").1, sd = try values("std").1
        guard let c = json["count"]?.arrayValue, c.count == 1, let count = c[0].intValue else {
            throw LeRobotError(.stats, "stats of '\(feature)' have no [count]", hint: "count is a one-element list")
        }
        var quantiles: [StatQuantile: [Double]] = [:]
        for q in StatQuantile.allCases where json[q.key] != nil { quantiles[q] = try values(q.key).1 }
        for arr in [mx, me, sd] + Array(quantiles.values) where arr.count != mn.count {
            throw LeRobotError(.stats, "stats of '\(feature)' have arrays of different lengths",
                               hint: "recompute the statistics")
        }
        return FeatureStatistics(layout: layout, min: mn, max: mx, mean: me, std: sd, count: Int(count),
                                 quantiles: quantiles)
    }
}

extension DatasetStatistics {
    /// `{feature: {stat: …}}` in feature order.
    public func json(includeQuantiles: Bool = true) -> JSONValue {
        .object(features.map { ($0.name, $0.stats.json(includeQuantiles: includeQuantiles)) })
    }

    /// The bytes of `meta/stats.json` (`json.dump(stats, f, indent=4)`).
    public var fileText: String { json().pythonJSON(indent: 4) }

    /// Parses a `{feature: {stat: …}}` object (stats.json, or the `stats` of an episodes_stats line).
    public static func fromJSON(_ json: JSONValue) throws(LeRobotError) -> DatasetStatistics {
        guard let pairs = json.objectValue else {
            throw LeRobotError(.stats, "statistics are not a JSON object", hint: "recompute the statistics")
        }
        var out: [(name: String, stats: FeatureStatistics)] = []
        for (name, value) in pairs { out.append((name, try FeatureStatistics.fromJSON(value, feature: name))) }
        return DatasetStatistics(out)
    }
}
