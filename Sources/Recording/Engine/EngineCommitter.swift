// The one `EpisodeCommitting` conformer that turns a saved episode into dataset files.

import Foundation
import LeRobot
import Video

/// Owns the session's ``DatasetWriter`` (used only from the commit queue's single worker).
final class DatasetWriterBox: @unchecked Sendable {
    let writer: DatasetWriter
    let durable: DurableFile
    init(writer: DatasetWriter, durable: DurableFile) {
        self.writer = writer
        self.durable = durable
    }
}

/// Commits one saved episode: waits for its rows to be sealed, finishes every writer of its take
/// (videos flushed and remuxed, PNGs encoded, the WAV closed), merges what they contribute with
/// the table columns into the ``EpisodeInput``, places side files, writes the sidecar durably,
/// then calls ``DatasetWriter/addEpisode(_:)`` (episode files, then the manifest last).
///
/// Never changes the job; retries see the same writers (their finish is memoized). The finished
/// mp4s are moved (renamed) into the dataset; on success the take's spool directory is removed.
/// On failure everything still in the spool is kept; a file already moved into the dataset is
/// rolled forward or quarantined by `episodic recover`.
///
/// Threading: runs on the commit queue's worker only (one job at a time).
struct EngineCommitter: EpisodeCommitting {
    let box: DatasetWriterBox
    /// Where `episodic_frames_total{outcome="written"}` goes for each committed episode.
    let metrics: RecordingMetrics?
    /// Test seam awaited before each attempt (nil in production).
    let stall: (@Sendable (_ episode: Int) async -> Void)?
    /// Called with `ERR_DISK_FULL` when a commit runs out of space (the session stops recording).
    let onDiskFull: @Sendable (RecordingError) -> Void

    func commit(_ job: EngineCommitJob, attempt: Int) async throws {
        do throws(RecordingError) {
            try await commitOnce(job)
        } catch {
            if error.rootCode == .diskFull { onDiskFull(error) }
            throw error
        }
    }

    private func commitOnce(_ job: EngineCommitJob) async throws(RecordingError) {
        await stall?(job.episodeIndex)
        await job.columns.waitSealed()
        let columns = job.columns
        guard columns.length == job.frames else {
            throw RecordingError(.commitFailed, "episode \(job.episodeIndex) has \(columns.length) rows for \(job.frames) frames added",
                                 hint: "the row ring lost a marker or its first row; re-record the episode")
        }
        let datasetIndex = box.writer.episodes.count
        let context = TakeFinishContext(sessionEpisode: job.episodeIndex, datasetIndex: datasetIndex, frames: job.frames,
                                        location: box.writer.nextEpisodeLocation, spoolDirectory: job.streams.directory)
        let parts = try await job.streams.finish(context)
        do throws(LeRobotError) {
            var frameColumns = columns.frameColumns()
            var videos: [String: EpisodeVideo] = [:]
            var cameraStats: [String: FeatureStatistics] = [:]
            var tableStats = try columns.tableStats()
            for part in parts {
                tableStats.merge(part.tableStats) { own, _ in own }
                frameColumns.merge(part.columns) { table, _ in table }
                videos.merge(part.videos) { first, _ in first }
                cameraStats.merge(part.cameraStats) { first, _ in first }
            }
            let input = EpisodeInput(length: job.frames, task: job.task, columns: frameColumns, videos: videos,
                                     cameraStats: cameraStats, tableStats: tableStats)
            for placement in parts.flatMap(\.placements) { try place(placement) }
            let sidecar = EpisodeSidecar.json(job: job, datasetIndex: datasetIndex, parts: parts)
            try box.durable.write(text: sidecar.pythonJSON(indent: 2) + "\n",
                                  to: box.writer.root + "/" + EpisodeSidecar.relativePath(datasetIndex: datasetIndex))
            try box.writer.addEpisode(input)
        } catch {
            throw RecordingError(error.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(job.episodeIndex) could not be written to \(box.writer.root)",
                                 hint: error.code == .diskFull ? "free disk space; earlier episodes are intact"
                                     : "the spool files in \(job.streams.directory) are kept", cause: error)
        }
        job.streams.removeFiles()
        metrics?.recordFrames(stream: "rows", outcome: .written, count: job.frames)
        for name in job.streams.names { metrics?.recordFrames(stream: name, outcome: .written, count: job.frames) }
    }

    /// Moves a finished spool file durably to its place in the dataset. A retried commit (same
    /// dataset index, so the same target) finds it already moved.
    private func place(_ placement: FilePlacement) throws(LeRobotError) {
        let target = box.writer.root + "/" + placement.relativePath
        if access(placement.spoolPath, F_OK) == 0 || access(target, F_OK) != 0 {
            try box.durable.place(moving: placement.spoolPath, to: target)
        }
    }
}
