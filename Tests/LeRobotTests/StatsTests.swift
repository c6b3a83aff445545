import Foundation
import Testing
@testable import LeRobot

@Suite struct StatsTests {
    /// The reference data columns and per-episode stats, dumped by pyarrow.
    static func referenceDump() throws -> JSONValue {
        let script = """
        import pyarrow.parquet as pq, json, sys
        root = sys.argv[1]
        d = pq.read_table(root + '/data/chunk-000/file-000.parquet').to_pydict()
        e = pq.read_table(root + '/meta/episodes/chunk-000/file-000.parquet').to_pydict()
        print(json.dumps({'data': d, 'episodes': {k: v for k, v in e.items() if k.startswith('stats/')}}))
        """
        return try JSONValue.parse(try Tool.run("python3", ["-c", script, Reference.v30]))
    }

    static func doubles(_ v: JSONValue?) -> [Double] { v?.arrayValue?.compactMap(\.doubleValue) ?? [] }

    @Test func episodeStatsMatchLeRobotOnReferenceData() throws {
        let dump = try Self.referenceDump()
        let data = dump["data"]!, eps = dump["episodes"]!
        let episodeOf = Self.doubles(data["episode_index"]).map(Int.init)
        for feature in ["observation.state", "action", "timestamp", "frame_index", "episode_index", "index", "task_index"] {
            var rows: [[Double]] = data[feature]!.arrayValue!.map { v in v.arrayValue != nil ? Self.doubles(v) : [v.doubleValue!] }
            if feature == "timestamp" {
                // lerobot computes timestamp stats from the float64 frame_index/fps values it
                // buffered, before the float32 column is written; the writers do the same.
                rows = Self.doubles(data["frame_index"]).map { [$0 / 30.0] }
            }
            for episode in 0..<2 {
                var acc = VectorStatsAccumulator(width: rows[0].count)
                for (row, e) in zip(rows, episodeOf) where e == episode { try acc.add(row) }
                let ours = acc.statistics()!
                func ref(_ key: String) -> [Double] {
                    Self.doubles(eps["stats/\(feature)/\(key)"]!.arrayValue![episode])
                }
                #expect(ours.count == 45)
                #expect(ours.min == ref("min"), "\(feature) min")
                #expect(ours.max == ref("max"), "\(feature) max")
                let isInteger = feature != "observation.state" && feature != "action" && feature != "timestamp"
                // lerobot reduces float32 columns in float32; we reduce in float64 (Welford).
                let tolerance = isInteger ? 1e-12 : 2e-6
                for (key, values) in [("mean", ours.mean), ("std", ours.std)] {
                    for (a, b) in zip(values, ref(key)) {
                        #expect(abs(a - b) <= tolerance * max(1, abs(b)), "\(feature) \(key) \(a) vs \(b)")
                    }
                }
                for q in StatQuantile.allCases {
                    for (i, (a, b)) in zip(ours.quantiles[q]!, ref(q.key)).enumerated() {
                        let range = ours.max[i] - ours.min[i]
                        // Integer columns: same arithmetic as lerobot's float64 histogram.
                        // float32 columns: lerobot's bin edges carry float32 rounding; allow 1e-6 of the range.
                        let tol = isInteger ? 1e-9 : 1e-6 * max(range, 1e-9)
                        #expect(abs(a - b) <= tol, "\(feature) \(q.key)[\(i)] \(a) vs \(b)")
                    }
                }
            }
        }
    }

    @Test func aggregationMatchesReferenceStatsJSON() throws {
        let dump = try Self.referenceDump()
        let eps = dump["episodes"]!
        let refStats = try DatasetStatistics.fromJSON(try JSONValue.parse(try Reference.text(Reference.v30 + "/meta/stats.json")))
        for (name, reference) in refStats.features {
            var parts: [FeatureStatistics] = []
            for episode in 0..<2 {
                var object: [(String, JSONValue)] = []
                for key in ["min", "max", "mean", "std", "count", "q01", "q10", "q50", "q90", "q99"] {
                    object.append((key, eps["stats/\(name)/\(key)"]!.arrayValue![episode]))
                }
                parts.append(try FeatureStatistics.fromJSON(.object(object), feature: name))
            }
            let ours = try FeatureStatistics.aggregate(parts)
            #expect(ours.layout == reference.layout)
            #expect(ours.count == reference.count)
            #expect(ours.min == reference.min && ours.max == reference.max, "\(name)")
            let all = [(ours.mean, reference.mean)]
                + StatQuantile.allCases.map { (ours.quantiles[$0]!, reference.quantiles[$0]!) }
            for (a, b) in all {
                for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(name) \(x) vs \(y)") }
            }
            // lerobot pools float32 variances for float32 features; we pool in float64.
            for (x, y) in zip(ours.std, reference.std) { #expect(abs(x - y) <= 2e-7 * max(1, abs(y)), "\(name) std \(x) vs \(y)") }
        }
    }

    @Test func singleFrameQuantilesEqualMean() throws {
        var acc = VectorStatsAccumulator(width: 2)
        try acc.add([1.5, -2])
        let s = acc.statistics()!
        #expect(s.std == [0, 0])
        #expect(StatQuantile.allCases.allSatisfy { s.quantiles[$0] == [1.5, -2] })
        #expect(s.json().pythonCompactJSON() == #"{"min": [1.5, -2.0], "max": [1.5, -2.0], "mean": [1.5, -2.0], "std": [0.0, 0.0], "count": [1], "q01": [1.5, -2.0], "q10": [1.5, -2.0], "q50": [1.5, -2.0], "q90": [1.5, -2.0], "q99": [1.5, -2.0]}"#)
    }

    @Test func accumulatorRejectsWrongWidthAndNaN() {
        var acc = VectorStatsAccumulator(width: 2)
        #expect(throws: LeRobotError.self) { try acc.add([1.0]) }
        #expect(throws: LeRobotError.self) { try acc.add([1.0, .nan]) }
        #expect(acc.count == 0)
    }

    @Test func imageSamplingMatchesNumpy() throws {
        let lengths = [1, 2, 45, 99, 100, 101, 500, 1000, 5000, 12345]
        let script = """
        import numpy as np, json
        def n(L):
            m = 100
            if L < m: m = L
            return max(m, min(int(L**0.75), 10000))
        print(json.dumps([np.round(np.linspace(0, L-1, n(L))).astype(int).tolist() for L in \(lengths)]))
        """
        let expected = try JSONValue.parse(try Tool.python(script)).arrayValue!.map { $0.arrayValue!.map { Int($0.intValue!) } }
        #expect(lengths.map(ImageSampling.indices(length:)) == expected)
        #expect(ImageSampling.stride(height: 480, width: 640) == 4)
        #expect(ImageSampling.stride(height: 64, width: 96) == 1)
        #expect(ImageSampling.stride(height: 720, width: 300) == 4)
    }

    @Test func imageStatsEqualNumpyComputationOnSampledFrames() throws {
        // 120 frames of 40x320 (stride int(320/150)=2): lerobot samples 100 of them.
        let h = 40, w = 320, length = 120
        func frame(_ i: Int) -> [UInt8] {
            var f = [UInt8](repeating: 0, count: h * w * 3)
            for y in 0..<h { for x in 0..<w {
                let p = (y * w + x) * 3
                f[p] = UInt8((x + 2 * i) % 256); f[p + 1] = UInt8((y * 7 + i) % 200); f[p + 2] = UInt8((x * y + i) % 3 * 100)
            } }
            return f
        }
        var acc = ImageStatsAccumulator(height: h, width: w, episodeLength: length)
        for i in 0..<length { try acc.add(frameIndex: i, rgb: frame(i)) }
        let ours = acc.statistics()!
        #expect(ours.count == 100)
        #expect(ours.layout == .channels)
        let script = """
        import numpy as np, json
        h, w, L = \(h), \(w), \(length)
        y, x = np.mgrid[0:h, 0:w]
        def frame(i):
            return np.stack([(x + 2*i) % 256, (y*7 + i) % 200, (x*y + i) % 3 * 100]).astype(np.uint8)
        idx = np.round(np.linspace(0, L-1, 100)).astype(int)
        imgs = np.stack([frame(i)[:, ::2, ::2] for i in idx]).astype(np.float64)
        flat = imgs.transpose(0, 2, 3, 1).reshape(-1, 3)
        out = {"min": flat.min(0).tolist(), "max": flat.max(0).tolist(), "mean": flat.mean(0).tolist(), "std": flat.std(0).tolist()}
        qs = []
        for q in [0.01, 0.10, 0.50, 0.90, 0.99]:
            vals = []
            for c in range(3):
                e = np.linspace(flat[:, c].min() - 1e-10, flat[:, c].max() + 1e-10, 5001)
                hist, _ = np.histogram(flat[:, c], bins=e)
                cs = np.cumsum(hist); t = q * len(flat); i = np.searchsorted(cs, t)
                if i == 0: v = e[0]
                elif i >= len(cs): v = e[-1]
                else:
                    b = cs[i-1]; n = cs[i] - b
                    v = e[i] if n == 0 else e[i] + (t - b) / n * (e[i+1] - e[i])
                vals.append(float(v))
            qs.append(vals)
        out["q"] = qs
        print(json.dumps({k: (np.array(v) / 255.0).tolist() for k, v in out.items()}))
        """
        let ref = try JSONValue.parse(try Tool.python(script))
        #expect(ours.min == Self.doubles(ref["min"]))
        #expect(ours.max == Self.doubles(ref["max"]))
        for (a, b) in zip(ours.mean, Self.doubles(ref["mean"])) { #expect(abs(a - b) < 1e-12) }
        for (a, b) in zip(ours.std, Self.doubles(ref["std"])) { #expect(abs(a - b) < 1e-12) }
        for (k, q) in StatQuantile.allCases.enumerated() {
            #expect(ours.quantiles[q]! == Self.doubles(ref["q"]!.arrayValue![k]), "\(q.key)")
        }
        #expect(ours.json().pythonCompactJSON().hasPrefix("{\"min\": [[[0.0]], [[0.0]], [[0.0]]]"))
    }
}
