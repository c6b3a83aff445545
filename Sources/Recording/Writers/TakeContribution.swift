// What a finished take writer adds to its episode.

import LeRobot
import Video

/// One writer's part of a committed episode; the committer merges the parts of every writer
/// into the ``EpisodeInput`` the dataset writer takes, places the files and writes the sidecar.
public struct TakeContribution: Sendable {
    /// Table columns (e.g. an image feature's PNGs).
    public var columns: [String: FrameColumn]
    /// Finished video files by feature.
    public var videos: [String: EpisodeVideo]
    /// Statistics of camera (video and image) features, computed while recording.
    public var cameraStats: [String: FeatureStatistics]
    /// Statistics of table features (those not given are computed from the columns).
    public var tableStats: [String: FeatureStatistics]
    /// Files the committer moves durably into the dataset before the episode's metadata.
    public var placements: [FilePlacement]
    /// The writer's entry in the episode's sidecar (`meta/episodic/episode-NNNNNN.json`).
    public var sidecar: SidecarEntry?

    public init(columns: [String: FrameColumn] = [:], videos: [String: EpisodeVideo] = [:],
                cameraStats: [String: FeatureStatistics] = [:], tableStats: [String: FeatureStatistics] = [:],
                placements: [FilePlacement] = [], sidecar: SidecarEntry? = nil) {
        self.columns = columns
        self.videos = videos
        self.cameraStats = cameraStats
        self.tableStats = tableStats
        self.placements = placements
        self.sidecar = sidecar
    }
}

/// A finished spool file and where it goes in the dataset.
public struct FilePlacement: Sendable, Hashable {
    /// The file in the take's spool.
    public var spoolPath: String
    /// Its path relative to the dataset root.
    public var relativePath: String

    public init(spoolPath: String, relativePath: String) {
        self.spoolPath = spoolPath
        self.relativePath = relativePath
    }
}

/// One entry of the episode sidecar: appended to the array named `section` (`cameras`,
/// `images`, `audio`, or a writer's own section).
public struct SidecarEntry: Sendable {
    public var section: String
    public var value: JSONValue

    public init(section: String, value: JSONValue) {
        self.section = section
        self.value = value
    }
}

extension SidecarEntry {
    /// The entry of an image stream (camera video or PNG images): frames, real and duplicated
    /// frames, what encoded them, and every gap with its cause.
    static func imageStream(section: String, name: String, frames: Int, counters: EncoderCounters,
                            codec: String, encoder: String) -> SidecarEntry {
        SidecarEntry(section: section, value: .object([
            ("stream", .string(name)),
            ("frames", .int(Int64(frames))),
            ("real_frames", .int(Int64(counters.framesSubmitted))),
            ("duplicated_frames", .int(Int64(counters.framesDuplicated))),
            ("codec", .string(codec)),
            ("encoder", .string(encoder)),
            ("gaps", .array(counters.gaps.map { gap in
                .object([
                    ("from_frame", .int(Int64(gap.frames.lowerBound))),
                    ("to_frame", .int(Int64(gap.frames.upperBound))),
                    ("cause", .string(gap.cause.rawValue)),
                ])
            })),
        ]))
    }
}
