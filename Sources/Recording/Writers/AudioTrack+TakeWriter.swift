// The audio track as a row writer: fed each tick's samples; its WAV is placed beside the episode's data file.

import Foundation
import LeRobot
import Video

extension AudioTrack: RowStreamWriter {
    var streamName: String { stream.name }

    /// Finishes the WAV (header, fsync, rename in the spool) and asks the committer to place it at
    /// `audio/<name>/chunk-XXX/file-XXX.wav`, numbered like the episode's data file, before the
    /// sidecar and the manifest: a committed episode always has its audio.
    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> TakeContribution {
        let report: AudioFileReport
        do {
            report = try finish()
        } catch {
            throw RecordingError(error.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(context.sessionEpisode): audio stream '\(stream.name)' could not be finished",
                                 hint: "the spool files in \(context.spoolDirectory) are kept", cause: error)
        }
        let relative = stream.relativePath(chunk: context.location.chunk, file: context.location.file)
        return TakeContribution(
            placements: [FilePlacement(spoolPath: report.path, relativePath: relative)],
            sidecar: SidecarEntry(section: "audio", value: .object([
                ("stream", .string(stream.name)),
                ("path", .string(relative)),
                ("codec", .string(report.codec)),
                ("sample_rate", .int(Int64(report.sampleRate))),
                ("channels", .int(Int64(report.channels))),
                ("sample_count", .int(Int64(report.frameCount))),
                ("duration_s", .double(Double(report.frameCount) / Double(report.sampleRate))),
            ])))
    }

    /// Appends the tick's samples (row consumer thread).
    func append(_ row: RowView) { append(row.audio) }

    /// Rows the ring could not store carry no audio: nothing to repeat.
    func repeatLast(_ count: Int) {}

    /// Removes the spool WAV. The row consumer may still hold the descriptor of the unlinked
    /// file, which then only writes to the orphaned inode.
    func cancel() {
        // A missing file is fine (never created, or already gone).
        for path in spoolPaths { _ = unlink(path) }
    }
}
