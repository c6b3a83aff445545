// Our own per-episode metadata: loss accounting and capture times, beside lerobot's files.

import LeRobot
import Video

/// The `meta/episodic/episode-NNNNNN.json` file of one committed episode: every gap and
/// duplicate of every stream (so `verify` and users can account for each), the encoders used,
/// the frames' monotonic capture times and, with an audio stream, the episode's WAV (`audio`). lerobot ignores the directory.
///
/// Written durably before the episode's manifest update, so a committed episode always has it.
/// Deterministic except `capture_offsets_ns` (thread timing), which comparisons leave out.
enum EpisodeSidecar {
    /// Path relative to the dataset root for dataset episode `index`.
    static func relativePath(datasetIndex index: Int) -> String {
        "meta/episodic/episode-" + String(format: "%06d", index) + ".json"
    }

    /// The episode's placed audio file: its path relative to the dataset root and what was written.
    struct Audio: Sendable {
        var path: String
        var report: AudioFileReport
    }

    static func json(job: EngineCommitJob, datasetIndex: Int, reports: [VideoFileReport], audio: Audio? = nil) -> JSONValue {
        let columns = job.columns
        let first = columns.captureNanos.first ?? 0
        let streams: [JSONValue] = zip(job.streams.names, reports).map { name, report in
            .object([
                ("stream", .string(name)),
                ("frames", .int(Int64(report.frameCount))),
                ("real_frames", .int(Int64(report.counters.framesSubmitted))),
                ("duplicated_frames", .int(Int64(report.counters.framesDuplicated))),
                ("codec", .string(report.codec)),
                ("encoder", .string(report.encoder)),
                ("gaps", .array(report.gaps.map { gap in
                    .object([
                        ("from_frame", .int(Int64(gap.frames.lowerBound))),
                        ("to_frame", .int(Int64(gap.frames.upperBound))),
                        ("cause", .string(gap.cause.rawValue)),
                    ])
                })),
            ])
        }
        let rowGaps: [JSONValue] = columns.rowGaps.map { gap in
            .object([
                ("from_frame", .int(Int64(gap.frames.lowerBound))),
                ("to_frame", .int(Int64(gap.frames.upperBound))),
                ("cause", .string("rowRingFull")),
            ])
        }
        var entries: [(String, JSONValue)] = [
            ("schema_version", .int(1)),
            ("episode_index", .int(Int64(datasetIndex))),
            ("session_episode", .int(Int64(job.episodeIndex))),
            ("take", .int(Int64(job.streams.take))),
            ("length", .int(Int64(job.frames))),
            ("task", .string(job.task)),
            ("table", .object([
                ("stream", .string("rows")),
                ("duplicated_frames", .int(Int64(columns.rowGaps.reduce(0) { $0 + $1.frames.count }))),
                ("gaps", .array(rowGaps)),
            ])),
            ("cameras", .array(streams)),
        ]
        // Only a session with an audio stream has the key, so sidecars without audio are unchanged.
        if let audio {
            entries.append(("audio", .array([audioJSON(audio, stream: job.streams.audio?.stream.name ?? "")])))
        }
        entries.append(("capture_offsets_ns", .array(columns.captureNanos.map { .int(Int64(bitPattern: $0 &- first)) })))
        return .object(entries)
    }

    /// One audio stream's entry: where the WAV is and exactly how long it is.
    private static func audioJSON(_ audio: Audio, stream: String) -> JSONValue {
        let r = audio.report
        return .object([
            ("stream", .string(stream)),
            ("path", .string(audio.path)),
            ("codec", .string(r.codec)),
            ("sample_rate", .int(Int64(r.sampleRate))),
            ("channels", .int(Int64(r.channels))),
            ("sample_count", .int(Int64(r.frameCount))),
            ("duration_s", .double(Double(r.frameCount) / Double(r.sampleRate))),
        ])
    }
}
