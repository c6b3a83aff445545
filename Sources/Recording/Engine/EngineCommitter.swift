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

/// Commits one saved episode: waits for its rows to be sealed, finishes its encoders (flush and
/// remux), builds the ``EpisodeInput`` with table and camera statistics, writes the sidecar
/// durably, then calls ``DatasetWriter/addEpisode(_:)`` (episode files, then the manifest last).
///
/// Never changes the job; retries see the same streams (their finish is memoized). The finished
/// mp4s are moved (renamed) into the dataset; on success the take's spool directory is removed.
/// On failure everything still in the spool is kept; an mp4 already moved into the dataset is
/// rolled forward or quarantined by `episodic recover`.
///
/// Threading: runs on the commit queue's worker only (one job at a time).
struct EngineCommitter: EpisodeCommitting {
    let box: DatasetWriterBox
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
        await job.columns.waitSealed()
        let columns = job.columns
        guard columns.length == job.frames else {
            throw RecordingError(.commitFailed, "episode \(job.episodeIndex) has \(columns.length) rows for \(job.frames) frames added",
                                 hint: "the row ring lost a marker or its first row; re-record the episode")
        }
        let reports: [VideoFileReport]
        do {
            reports = try await job.streams.finish(frames: job.frames)
        } catch {
            throw RecordingError(error.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(job.episodeIndex): finishing its videos failed",
                                 hint: "the spool files in \(job.streams.directory) are kept", cause: error)
        }
        var videos: [String: EpisodeVideo] = [:]
        var cameraStats: [String: FeatureStatistics] = [:]
        do throws(LeRobotError) {
            for (i, report) in reports.enumerated() {
                let name = job.streams.names[i]
                guard report.frameCount == job.frames else {
                    throw LeRobotError(.episode, "camera '\(name)' wrote \(report.frameCount) frames for \(job.frames) rows",
                                       hint: "the encoder lost frames; re-record the episode")
                }
                // The writer renames the finished mp4 into the dataset (no second write of the bytes).
                videos[name] = EpisodeVideo(path: report.path, frameCount: report.frameCount, handoff: .move)
                cameraStats[name] = try job.streams.statsLogs[i].statistics(length: job.frames)
            }
            let input = EpisodeInput(
                length: job.frames, task: job.task, columns: columns.frameColumns(), videos: videos,
                cameraStats: cameraStats, tableStats: try columns.tableStats())
            let datasetIndex = box.writer.episodes.count
            let audio = try placeAudio(job, datasetIndex: datasetIndex)
            let sidecar = EpisodeSidecar.json(job: job, datasetIndex: datasetIndex, reports: reports, audio: audio)
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
    }

    /// Finishes the take's WAV (if any) and moves it durably to `audio/<name>/chunk-XXX/file-XXX.wav`,
    /// numbered like the data file the writer is about to give episode `datasetIndex`. Placed
    /// before the sidecar and the manifest, so a committed episode always has its audio.
    private func placeAudio(_ job: EngineCommitJob, datasetIndex: Int) throws(LeRobotError) -> EpisodeSidecar.Audio? {
        guard let track = job.streams.audio else { return nil }
        let report: AudioFileReport
        do {
            report = try track.finish()
        } catch {
            throw LeRobotError(error.code == .diskFull ? .diskFull : .io,
                               "episode \(job.episodeIndex): audio stream '\(track.stream.name)' could not be finished: \(error.message)",
                               hint: "the spool files in \(job.streams.directory) are kept")
        }
        let info = box.writer.info
        let location = info.version == .v3_0
            ? (box.writer.episodes.map(\.dataLocation).max()?.next(chunksSize: info.chunksSize) ?? FileLocation(chunk: 0, file: 0))
            : FileLocation.nth(datasetIndex, chunksSize: info.chunksSize)
        let relative = track.stream.relativePath(chunk: location.chunk, file: location.file)
        let target = box.writer.root + "/" + relative
        // A retried commit (same dataset index, so the same target) finds the WAV already moved.
        if access(report.path, F_OK) == 0 || access(target, F_OK) != 0 {
            try box.durable.place(moving: report.path, to: target)
        }
        return EpisodeSidecar.Audio(path: relative, report: report)
    }
}
