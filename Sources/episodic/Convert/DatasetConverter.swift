import Foundation
import LeRobot
import Parquet
import Video

/// Rewrites every episode of a dataset through ``DatasetWriter`` in another layout.
///
/// Blocking (disk and ffmpeg); one thread. A temporary directory next to the output holds cut
/// video segments and is removed at the end.
struct DatasetConverter {
    let reader: DatasetReader
    let version: CodebaseVersion
    let output: String

    func run() throws {
        let source = reader.info
        // Video `info` blocks differ between layouts: drop them so the writer probes the files.
        let features = try Features(complete: source.features.all.map { feature in
            var copy = feature
            if copy.dtype == .video { copy.info = nil }
            return copy
        })
        let info = DatasetInfo(version: version, fps: source.fps, features: features, robotType: source.robotType)
        let writer = try DatasetWriter(root: output, info: info)
        let scratch = output + ".convert-tmp"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer {
            // Only cut segments live here; a leftover directory is harmless.
            try? FileManager.default.removeItem(atPath: scratch)  // ok: best-effort cleanup or measurement, see comment above
        }
        let user = Set(features.user.map(\.name))
        for position in reader.episodes.indices {
            let episode = reader.episodes[position]
            let table = try reader.readEpisode(position)
            var columns: [String: FrameColumn] = [:]
            var tasks: [String] = []
            for (name, column) in table {
                if name == "task_index" {
                    guard let indices = column.int64Values else { throw failure(episode, "task_index is not an integer column") }
                    tasks = try indices.map { index in
                        guard index >= 0, Int(index) < reader.tasks.tasks.count else {
                            throw failure(episode, "task_index \(index) is not in the task table")
                        }
                        return reader.tasks.tasks[Int(index)]
                    }
                }
                guard user.contains(name) else { continue }
                columns[name] = try frameColumn(column, feature: name, episode: episode)
            }
            var videos: [String: EpisodeVideo] = [:]
            var cameraStats: [String: FeatureStatistics] = [:]
            for feature in features.videos {
                let file = try video(feature.name, episode: episode, scratch: scratch)
                videos[feature.name] = file
                if version == .v3_0 && reader.info.version != .v3_0 {
                    // v2.1 camera statistics have no quantiles, which v3.0 requires: recompute them
                    // from the decoded frames with lerobot's sampling.
                    cameraStats[feature.name] = try decodedStatistics(file.path, feature: feature, episode: episode)
                } else {
                    guard let stats = episode.stats?[feature.name] else {
                        throw failure(episode, "has no statistics for \(feature.name)")
                    }
                    cameraStats[feature.name] = stats
                }
            }
            try writer.addEpisode(EpisodeInput(length: episode.length, tasks: tasks, columns: columns, videos: videos,
                                               cameraStats: cameraStats))
        }
    }

    private func failure(_ episode: EpisodeEntry, _ message: String) -> CLIError {
        CLIError(.convertFailed, "episode \(episode.episodeIndex) of \(reader.root): \(message)",
                 hint: "run episodic verify \(reader.root)", exitCode: 1)
    }

    /// A table column as the writer takes it: list columns flattened row-major.
    private func frameColumn(_ column: ColumnData, feature: String, episode: EpisodeEntry) throws -> FrameColumn {
        var leaf = column
        if case .list(_, let child) = column.storage { leaf = child }
        switch leaf.storage {
        case .float(let v): return .float32(v)
        case .double(let v): return .float64(v)
        case .int64(let v): return .int64(v)
        case .int32(let v): return .int32(v)
        case .boolean(let v): return .bool(v)
        case .string(let v): return .string(v)
        default: throw failure(episode, "feature \(feature) has a column layout convert does not handle (images?)")
        }
    }

    /// The episode's mp4 for camera `key`: the source file when it holds exactly this episode,
    /// else the episode's frames cut out and re-encoded with the source codec.
    private func video(_ key: String, episode: EpisodeEntry, scratch: String) throws -> EpisodeVideo {
        guard let segment = episode.videos.first(where: { $0.key == key }) else {
            throw failure(episode, "has no video for \(key)")
        }
        let path = reader.root + "/" + segment.path
        let fps = Double(reader.info.fps)
        let first = Int((segment.fromTimestamp * fps).rounded())
        let shared = reader.episodes.filter { $0.videos.contains { $0.key == key && $0.path == segment.path } }.count > 1
        if first == 0 && !shared { return EpisodeVideo(path: path, frameCount: episode.length) }
        let codec = reader.info.features[key]?.info?["video.codec"]?.stringValue ?? "h264"
        let encoder = ["av1": "libsvtav1", "hevc": "libx265"][codec] ?? "libx264"
        let target = scratch + "/\(key)-\(episode.episodeIndex).mp4"
        let arguments = [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", path,
            "-vf", "trim=start_frame=\(first):end_frame=\(first + episode.length),setpts=N/(\(reader.info.fps)*TB)",
            "-r", String(reader.info.fps), "-c:v", encoder, "-g", "2", "-pix_fmt", "yuv420p", "-an", target,
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw failure(episode, "cutting \(segment.path) frames \(first)..<\(first + episode.length) with ffmpeg failed: \(text)")
        }
        return EpisodeVideo(path: target, frameCount: episode.length)
    }

    /// Camera statistics of an episode's mp4, decoded frame by frame (only lerobot's sampled frames count).
    private func decodedStatistics(_ path: String, feature: Feature, episode: EpisodeEntry) throws -> FeatureStatistics {
        let frames = try VideoFrameReader(path: path)
        defer { frames.close() }
        var accumulator = ImageStatsAccumulator(height: frames.height, width: frames.width, episodeLength: episode.length)
        var index = 0
        while let frame = try frames.next() {
            if accumulator.wants(frameIndex: index) { try accumulator.add(frameIndex: index, rgb: frame) }
            index += 1
        }
        guard index == episode.length, let stats = accumulator.statistics() else {
            throw failure(episode, "\(path) decodes to \(index) frames, expected \(episode.length)")
        }
        return stats
    }
}
