// Verifier checks on statistics shapes.

extension Verifier.Context {
    mutating func checkStats() {
        let statsPath = info.version == .v3_0 ? DatasetPaths.stats : DatasetPaths.episodesStatsJSONL
        let needQuantiles = info.version == .v3_0
        if info.version == .v3_0 {
            guard let stats = reader.stats else {
                // An empty dataset (as created, before its first episode) has no statistics yet.
                if reader.episodes.isEmpty && reader.statsProblem == nil { return }
                report(.statsShape, statsPath, reader.statsProblem ?? "missing",
                       hint: "write meta/stats.json with lerobot's shapes; training needs it for normalisation")
                return
            }
            checkShapes(stats, path: statsPath, needQuantiles: needQuantiles, what: "dataset")
        }
        for e in reader.episodes {
            if let stats = e.stats {
                checkShapes(stats, path: info.version == .v3_0 ? episodesPath : statsPath, needQuantiles: needQuantiles,
                            what: "episode \(e.episodeIndex)")
            } else {
                report(.statsShape, info.version == .v3_0 ? episodesPath : statsPath,
                       "episode \(e.episodeIndex): \(e.statsProblem ?? "no statistics")",
                       hint: "recompute the episode's statistics (lerobot resume/aggregate need them)")
            }
        }
    }

    private mutating func checkShapes(_ stats: DatasetStatistics, path: String, needQuantiles: Bool, what: String) {
        for f in info.features.withStatistics {
            guard let s = stats[f.name] else {
                report(.statsShape, path, "\(what): no statistics for '\(f.name)'",
                       hint: "every non-string feature needs min/max/mean/std/count and quantiles")
                continue
            }
            let expectedWidth = f.dtype.isVisual ? 3 : f.elementCount
            let expectedLayout: FeatureStatistics.Layout = f.dtype.isVisual ? .channels : .vector
            var wrong: [String] = []
            if s.layout != expectedLayout || s.width != expectedWidth {
                wrong.append("shape \(s.layout == .channels ? "[\(s.width),1,1]" : "[\(s.width)]")")
            }
            if needQuantiles {
                let missing = StatQuantile.allCases.filter { s.quantiles[$0] == nil }.map(\.key)
                if !missing.isEmpty { wrong.append("missing \(missing.joined(separator: ", "))") }
            }
            if !wrong.isEmpty {
                let shape = f.dtype.isVisual ? "[3,1,1]" : "[\(expectedWidth)]"
                report(.statsShape, path, "\(what) '\(f.name)': \(wrong.joined(separator: "; "))",
                       hint: "statistics of '\(f.name)' must have shape \(shape) with q01..q99; recompute them")
            }
        }
    }
}
