// Our own per-episode metadata: loss accounting and capture times, beside lerobot's files.

import LeRobot
import Video

/// The `meta/episodic/episode-NNNNNN.json` file of one committed episode: every gap and
/// duplicate of every stream (so `verify` and users can account for each), the encoders used,
/// and the frames' monotonic capture times. lerobot ignores the directory.
///
/// Written durably before the episode's manifest update, so a committed episode always has it.
/// Deterministic except `capture_offsets_ns` (thread timing), which comparisons leave out.
enum EpisodeSidecar {
    /// Path relative to the dataset root for dataset episode `index`.
    static func relativePath(datasetIndex index: Int) -> String {
        "meta/episodic/episode-" + String(format: "%06d", index) + ".json"
    }

    static func json(job: EngineCommitJob, datasetIndex: Int, reports: [VideoFileReport]) -> JSONValue {
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
        return .object([
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
            ("capture_offsets_ns", .array(columns.captureNanos.map { .int(Int64(bitPattern: $0 &- first)) })),
        ])
    }
}
