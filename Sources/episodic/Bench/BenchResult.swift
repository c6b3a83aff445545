import Foundation
import LeRobot

/// What `episodic bench` measured; printed as text or as one JSON object (fields in docs/cli.md).
struct BenchResult {
    struct Stream {
        var name: String
        var frames: Int
        var duplicates: Int
        var gaps: Int
    }

    var cameras: Int
    var width: Int
    var height: Int
    var fps: Int
    var episodes: Int
    var episodeSeconds: Double
    var codec: String
    /// addFrame latencies (ns), saveEpisode latencies (ns), episode end → durable (ns, nil if never).
    var addFrame: [UInt64]
    var saveEpisode: [UInt64]
    var endToDurable: [UInt64?]
    var framePeriod: UInt64
    var wallSeconds: Double
    var cpuSelf: Double
    var cpuChildren: Double
    var peakRSSSelf: Int
    var peakRSSChildren: Int
    /// Per episode, per camera stream.
    var streams: [[Stream]]
    var committed: Int
    var failed: Int
    var verified: Bool
    var verifyProblems: Int

    /// Nearest-rank percentile of unsorted values, in µs with one decimal.
    static func percentile(_ values: [UInt64], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return micro(sorted[min(sorted.count - 1, max(Int((Double(sorted.count) * p).rounded(.up)) - 1, 0))])
    }

    static func micro(_ ns: UInt64) -> Double { (Double(ns) / 100).rounded() / 10 }
    static func milli(_ ns: UInt64) -> Double { (Double(ns) / 100_000).rounded() / 10 }

    var overFramePeriod: Int { addFrame.filter { $0 > framePeriod }.count }

    private func stats(_ v: [UInt64]) -> JSONValue {
        let fields: [(String, JSONValue)] = [
            ("p50", .double(Self.percentile(v, 0.5))), ("p99", .double(Self.percentile(v, 0.99))),
            ("max", .double(Self.micro(v.max() ?? 0))), ("n", .int(Int64(v.count))),
        ]
        return .object(fields)
    }

    var json: JSONValue {
        let workload: [(String, JSONValue)] = [
            ("cameras", .int(Int64(cameras))), ("width", .int(Int64(width))), ("height", .int(Int64(height))),
            ("fps", .int(Int64(fps))), ("episodes", .int(Int64(episodes))), ("episode_seconds", .double(episodeSeconds)),
            ("codec", .string(codec)),
        ]
        let durable: [JSONValue] = endToDurable.map { value -> JSONValue in
            guard let value else { return .null }
            return .double(Self.milli(value))
        }
        let cpu: JSONValue = .object([("self", .double((cpuSelf * 100).rounded() / 100)),
                                      ("children", .double((cpuChildren * 100).rounded() / 100))])
        let rss: JSONValue = .object([("self", .double(Self.mebibytes(peakRSSSelf))),
                                      ("children_max", .double(Self.mebibytes(peakRSSChildren)))])
        var streamValues: [JSONValue] = []
        for (episode, list) in streams.enumerated() {
            for stream in list {
                streamValues.append(.object([
                    ("episode", .int(Int64(episode))), ("name", .string(stream.name)), ("frames", .int(Int64(stream.frames))),
                    ("duplicated", .int(Int64(stream.duplicates))), ("gaps", .int(Int64(stream.gaps))),
                ]))
            }
        }
        let measured: [(String, JSONValue)] = [
            ("add_frame_us", stats(addFrame)), ("add_frame_over_frame_period", .int(Int64(overFramePeriod))),
            ("save_episode_us", stats(saveEpisode)), ("episode_end_to_durable_ms", .array(durable)),
            ("wall_seconds", .double((wallSeconds * 100).rounded() / 100)), ("cpu_seconds", cpu), ("peak_rss_mb", rss),
            ("streams", .array(streamValues)), ("committed", .int(Int64(committed))), ("failed", .int(Int64(failed))),
            ("verified", .bool(verified)), ("verify_problems", .int(Int64(verifyProblems))),
        ]
        return .object(workload + measured)
    }

    static func mebibytes(_ bytes: Int) -> Double { (Double(bytes) / 1_048_576 * 10).rounded() / 10 }

    var text: String {
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let durableText = endToDurable.map { value -> String in
            guard let value else { return "never" }
            return f(Self.milli(value)) + " ms"
        }.joined(separator: ", ")
        let gaps = streams.flatMap { $0 }.reduce(0) { $0 + $1.gaps }
        let duplicates = streams.flatMap { $0 }.reduce(0) { $0 + $1.duplicates }
        return [
            "workload:      \(cameras) camera(s) \(width)×\(height), \(episodes) × \(episodeSeconds) s at \(fps) fps, \(codec)",
            "addFrame:      p50 \(f(Self.percentile(addFrame, 0.5))) µs  p99 \(f(Self.percentile(addFrame, 0.99))) µs  "
                + "max \(f(Self.micro(addFrame.max() ?? 0))) µs  over a frame period: \(overFramePeriod)",
            "saveEpisode:   p50 \(f(Self.percentile(saveEpisode, 0.5))) µs  p99 \(f(Self.percentile(saveEpisode, 0.99))) µs  "
                + "max \(f(Self.micro(saveEpisode.max() ?? 0))) µs",
            "end→durable:   " + durableText,
            "wall:          \(String(format: "%.2f", wallSeconds)) s   CPU: \(String(format: "%.2f", cpuSelf)) s self + "
                + "\(String(format: "%.2f", cpuChildren)) s ffmpeg",
            "peak RSS:      \(peakRSSSelf / 1_048_576) MiB self, \(peakRSSChildren / 1_048_576) MiB largest child",
            "gaps:          \(gaps) gap(s), \(duplicates) duplicated frame(s) over all streams",
            "commits:       \(committed) committed, \(failed) failed",
            "verify:        " + (verified ? "OK" : "\(verifyProblems) problem(s)"),
        ].joined(separator: "\n")
    }
}
