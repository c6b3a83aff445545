// Our own per-episode metadata: loss accounting and capture times, beside lerobot's files.

import LeRobot

/// The `meta/episodic/episode-NNNNNN.json` file of one committed episode: every gap and
/// duplicate of every stream (so `verify` and users can account for each), the encoders used,
/// the frames' monotonic capture times, and one section per kind of writer (`cameras`, `images`,
/// `audio` with the episode's WAV, or a registered writer's own). lerobot ignores the directory.
///
/// Written durably before the episode's manifest update, so a committed episode always has it.
/// Deterministic except `capture_offsets_ns` (thread timing), which comparisons leave out.
enum EpisodeSidecar {
    /// Path relative to the dataset root for dataset episode `index`.
    static func relativePath(datasetIndex index: Int) -> String {
        "meta/episodic/episode-" + String(format: "%06d", index) + ".json"
    }

    /// The sidecar of `job`, committed as dataset episode `datasetIndex`, with the entries its
    /// writers contributed: `cameras` (always present), then each other section (`images`,
    /// `audio`, …) in the order of the writers that first used it.
    static func json(job: EngineCommitJob, datasetIndex: Int, parts: [TakeContribution]) -> JSONValue {
        let columns = job.columns
        let first = columns.captureNanos.first ?? 0
        var sections: [(name: String, entries: [JSONValue])] = [("cameras", [])]
        for entry in parts.compactMap(\.sidecar) {
            if let i = sections.firstIndex(where: { $0.name == entry.section }) {
                sections[i].entries.append(entry.value)
            } else {
                sections.append((entry.section, [entry.value]))
            }
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
        ]
        for section in sections { entries.append((section.name, .array(section.entries))) }
        entries.append(("capture_offsets_ns", .array(columns.captureNanos.map { .int(Int64(bitPattern: $0 &- first)) })))
        return .object(entries)
    }
}
