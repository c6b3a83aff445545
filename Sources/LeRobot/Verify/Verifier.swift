// `episodic verify`: every consistency check a LeRobot loader relies on.

import Foundation
import Parquet

/// Checks a dataset against the rules lerobot's loaders rely on (spec §7) and
/// reports each problem with a stable code, the file and a fix hint.
///
/// Checks: info.json totals; every Parquet footer; data rows per file against the
/// episode metadata; `index` contiguous across files in path order; episode rows
/// sorted and contiguous, `episode_index` matching them; `frame_index` 0..n-1;
/// `timestamp == Float(frame/fps)`; tasks resolve (and tasks.parquet is
/// indexed by task string); statistics present with lerobot's shapes; every video
/// present with exactly its episodes' frame count and pts k/fps.
///
/// One damaged property yields one code: checks that would only repeat an earlier
/// finding are skipped (e.g. no column checks on a file whose footer is missing).
///
/// Blocking (reads every data file, runs ffprobe per video); call off the control loop.
public struct Verifier: Sendable {
    public var inspector: (any VideoInspector)?

    /// - Parameter inspector: probes videos; `nil` skips the video checks (reported in `skipped`).
    public init(inspector: (any VideoInspector)? = FFprobeVideoInspector()) {
        self.inspector = inspector
    }

    /// Verifies the dataset at `root`.
    ///
    /// - Throws: ``LeRobotError`` when `root` is not a dataset or its info.json is
    ///   unreadable (`ERR_NOT_A_DATASET`, `ERR_JSON`, `ERR_INFO_INVALID`, `ERR_DATASET_VERSION`).
    ///   Everything else is a problem in the report.
    public func verify(root: String) throws(LeRobotError) -> VerificationReport {
        let infoPath = root + "/" + DatasetPaths.info
        guard FileManager.default.fileExists(atPath: infoPath) else {
            throw LeRobotError(.notADataset, "\(root) has no \(DatasetPaths.info)", hint: "point at the dataset root")
        }
        let info = try DatasetInfo.parse(try DatasetReader.readText(infoPath), source: infoPath)
        var report = VerificationReport(root: root, version: info.version, episodes: info.totalEpisodes,
                                        frames: info.totalFrames, problems: [], skipped: [])
        let reader: DatasetReader
        do {
            reader = try DatasetReader(root: root)
        } catch {
            // A metadata Parquet file that cannot be opened is a footer problem; a readable file
            // lacking a column, or bad JSON lines, is invalid metadata.
            let parquetCode = (error.cause as? ParquetError)?.code
            let code: VerificationProblem.Code = parquetCode != nil && parquetCode != .noSuchColumn
                && parquetCode != .invalidValue ? .parquetFooterMissing : .metadataInvalid
            report.problems.append(VerificationProblem(code, path: "meta", error.message,
                                                       hint: error.hint ?? "restore the metadata files"))
            return report
        }
        var context = Context(root: root, info: info, reader: reader)
        context.checkEpisodeOrder()
        context.checkInfoTotals()
        context.checkTasks()
        context.checkData()
        context.checkStats()
        if let inspector {
            context.checkVideos(inspector)
        } else if !info.features.videos.isEmpty {
            report.skipped.append("video checks: no video inspector (ffprobe) available")
        }
        report.problems = context.problems
        return report
    }

    /// Mutable state of one verification run.
    struct Context {
        let root: String
        let info: DatasetInfo
        let reader: DatasetReader
        var problems: [VerificationProblem] = []

        init(root: String, info: DatasetInfo, reader: DatasetReader) {
            self.root = root
            self.info = info
            self.reader = reader
        }

        mutating func report(_ code: VerificationProblem.Code, _ path: String, _ message: String, hint: String) {
            problems.append(VerificationProblem(code, path: path, message, hint: hint))
        }

        var episodesPath: String { info.version == .v3_0 ? "meta/episodes" : DatasetPaths.episodesJSONL }

        mutating func checkEpisodeOrder() {
            var expectedFrom = 0
            for (position, e) in reader.episodes.enumerated() {
                if e.episodeIndex != position {
                    report(.episodeIndexOrder, episodesPath,
                           "row \(position) has episode_index \(e.episodeIndex)",
                           hint: "episode rows must be sorted with episode_index 0..E-1 (lerobot looks them up by position)")
                    return
                }
                if e.fromIndex != expectedFrom || e.toIndex - e.fromIndex != e.length {
                    report(.rowCountMismatch, episodesPath,
                           "episode \(position) spans \(e.fromIndex)..<\(e.toIndex) with length \(e.length), expected from \(expectedFrom)",
                           hint: "dataset_from_index/dataset_to_index must be contiguous and differ by length")
                }
                expectedFrom = e.toIndex
            }
        }

        mutating func checkInfoTotals() {
            let episodes = reader.episodes.count
            let frames = reader.episodes.reduce(0) { $0 + $1.length }
            var wrong: [String] = []
            if info.totalEpisodes != episodes { wrong.append("total_episodes \(info.totalEpisodes) ≠ \(episodes)") }
            if info.totalFrames != frames { wrong.append("total_frames \(info.totalFrames) ≠ \(frames)") }
            if info.totalTasks != reader.tasks.count { wrong.append("total_tasks \(info.totalTasks) ≠ \(reader.tasks.count)") }
            if info.version == .v2_1 {
                let videos = episodes * info.features.videos.count
                let chunks = episodes == 0 ? 0 : (episodes - 1) / info.chunksSize + 1
                if info.totalVideos != videos { wrong.append("total_videos \(info.totalVideos) ≠ \(videos)") }
                if info.totalChunks != chunks { wrong.append("total_chunks \(info.totalChunks) ≠ \(chunks)") }
            }
            if !wrong.isEmpty {
                report(.infoMismatch, DatasetPaths.info, wrong.joined(separator: ", "),
                       hint: "rewrite info.json from the episode metadata (lerobot uses these totals for len(dataset))")
            }
        }

        mutating func checkTasks() {
            if info.version == .v3_0 && !reader.tasksIndexedByString {
                report(.taskUnresolved, DatasetPaths.tasksParquet, "no pandas metadata indexing the table by 'task'",
                       hint: "rewrite tasks.parquet with the pandas key; without it lerobot returns row numbers as tasks")
            }
            for e in reader.episodes {
                for t in e.tasks where reader.tasks.index(of: t) == nil {
                    report(.taskUnresolved, episodesPath, "episode \(e.episodeIndex) task '\(t)' is not in the tasks table",
                           hint: "add the task to the tasks table or fix the episode's tasks")
                }
            }
        }
    }
}
