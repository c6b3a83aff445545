// Writing a new LeRobot dataset, one committed episode at a time.

import Parquet

/// Writes a LeRobot dataset (v3.0 by default, or v2.1), one episode per call.
///
/// Layout (v3.0): every episode gets its own data file, its own mp4 per camera
/// and its own `meta/episodes` file, all at `chunk-(e / chunks_size)/file-(e % chunks_size)`
/// — valid v3.0 and the crash-safe shape (spec §1.2). Every file goes through
/// ``DurableFile`` (temp, fsync, rename, fsync dir). After the episode's files,
/// `meta/tasks.parquet`, then the manifest — `meta/info.json` and `meta/stats.json` —
/// are rewritten last, so a crash leaves the previous manifest describing only
/// complete episodes. v2.1: per-episode files and the `.jsonl` metadata, info last.
///
/// The steps are named by ``EpisodeCommitStep`` (docs/crash-safety.md). An existing
/// dataset (ours or lerobot's) is continued with ``init(resuming:expecting:durable:inspector:)``.
///
/// Output is deterministic: same inputs, same bytes.
///
/// Threading: not thread-safe; one owner calls it from a background task (it
/// blocks on disk I/O and fsync). Never call it from the control loop.
public final class DatasetWriter {
    public let root: String
    public private(set) var info: DatasetInfo
    public private(set) var tasks = TaskTable()
    public private(set) var episodes: [EpisodeRecord] = []
    /// Where the next episode's files go (v3.0): the file after every file already used.
    private var nextLocation: FileLocation

    /// The data file location the next ``addEpisode(_:)`` gives its episode — v3.0: the file
    /// after every data, video and metadata file already used (also after a resume of a dataset
    /// whose files rolled over unevenly); v2.1: the episode's own chunk and number — so side
    /// files (the engine's audio) can be numbered like it.
    public var nextEpisodeLocation: FileLocation {
        info.version == .v3_0 ? nextLocation : FileLocation.nth(episodes.count, chunksSize: info.chunksSize)
    }
    let durable: DurableFile
    let inspector: (any VideoInspector)?

    /// Starts a new dataset at `root` (which must not contain `meta/info.json` yet).
    ///
    /// Writes the empty manifest right away (`meta/tasks.parquet` or `meta/tasks.jsonl`, then
    /// `meta/info.json` with zero episodes, as lerobot's `create` does), so a crash during
    /// the first episode leaves a dataset that ``DatasetRecovery`` can repair.
    ///
    /// - Parameters:
    ///   - info: version, fps, features, robot type; totals are maintained by the writer.
    ///   - inspector: probes the first mp4 of a camera without an `info` block to fill
    ///     `video.codec`, size and pixel format (as lerobot does). `nil` leaves the block as given.
    public convenience init(root: String, info: DatasetInfo, durable: DurableFile = DurableFile(),
                            inspector: (any VideoInspector)? = FFprobeVideoInspector()) throws(LeRobotError) {
        guard !durable.fs.exists(root + "/" + DatasetPaths.info) else {
            throw LeRobotError(.episode, "\(root) already contains \(DatasetPaths.info)",
                               hint: "choose a new directory, or resume it with DatasetWriter(resuming:expecting:)")
        }
        var empty = info
        empty.totalEpisodes = 0
        empty.totalFrames = 0
        empty.totalTasks = 0
        empty.totalVideos = 0
        empty.totalChunks = 0
        self.init(root: root, info: empty, tasks: TaskTable(), episodes: [],
                  nextLocation: FileLocation(chunk: 0, file: 0), durable: durable, inspector: inspector)
        try durable.makeDirectories(root)
        switch info.version {
        case .v3_0: try durable.write(try TasksParquet.bytes(TaskTable()), to: path(DatasetPaths.tasksParquet))
        case .v2_1:
            try durable.write(text: "", to: path(DatasetPaths.episodesJSONL))
            try durable.write(text: "", to: path(DatasetPaths.tasksJSONL))
        }
        try durable.write(text: empty.fileText, to: path(DatasetPaths.info))
    }

    /// The one designated initializer: state of a new or resumed dataset.
    init(root: String, info: DatasetInfo, tasks: TaskTable, episodes: [EpisodeRecord], nextLocation: FileLocation,
         durable: DurableFile, inspector: (any VideoInspector)?) {
        self.root = root
        self.info = info
        self.tasks = tasks
        self.episodes = episodes
        self.nextLocation = nextLocation
        self.durable = durable
        self.inspector = inspector
    }

    private func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes one episode and commits it (its files, then tasks, then info.json and stats.json).
    ///
    /// - Returns: the episode's metadata record.
    /// - Throws: `ERR_EPISODE`/`ERR_FEATURE_VALUE` for invalid input (nothing written),
    ///   `ERR_DISK_FULL`/`ERR_IO` from the disk (the previous manifest stays valid).
    @discardableResult
    public func addEpisode(_ input: EpisodeInput) throws(LeRobotError) -> EpisodeRecord {
        let e = episodes.count
        let first = info.totalFrames
        var newTasks = tasks
        let table = try EpisodeTable.build(input, features: info.features, fps: info.fps, episodeIndex: e,
                                           firstIndex: first, tasks: &newTasks)
        for v in info.features.videos {
            guard let video = input.videos[v.name] else {
                throw LeRobotError(.episode, "episode \(e) has no mp4 for '\(v.name)'", hint: "pass every camera's file")
            }
            guard video.frameCount == input.length else {
                throw LeRobotError(.episode, "episode \(e) camera '\(v.name)' has \(video.frameCount) frames for \(input.length) rows",
                                   hint: "the mp4 must have exactly one frame per row")
            }
        }
        let location = nextLocation
        let seconds = Double(input.length) / Double(info.fps)
        let segments = info.features.videos.map {
            EpisodeVideoSegment(key: $0.name, location: location, fromTimestamp: 0, toTimestamp: seconds)
        }
        let record = EpisodeRecord(
            episodeIndex: e, tasks: table.uniqueTasks, length: input.length, dataLocation: location,
            datasetFromIndex: first, datasetToIndex: first + input.length, videos: segments,
            stats: table.stats, metaLocation: location)
        let dataPath = info.version == .v3_0 ? DatasetPaths.data(location)
            : DatasetPaths.dataV21(episode: e, chunksSize: info.chunksSize)
        let data = try parquetBytes(
            schema: info.features.dataSchema, rowGroups: [table.columns],
            metadata: [KeyValue(key: "huggingface", value: info.features.huggingFaceMetadata(version: info.version))],
            path: dataPath)
        try durable.write(data, to: path(dataPath))
        CrashPoints.hit(.dataFile, episode: e)
        for v in info.features.videos {
            let target = info.version == .v3_0 ? DatasetPaths.video(key: v.name, location)
                : DatasetPaths.videoV21(key: v.name, episode: e, chunksSize: info.chunksSize)
            let video = input.videos[v.name]!
            switch video.handoff {
            case .copy: try durable.place(copyOf: video.path, at: path(target))
            case .move: try durable.place(moving: video.path, to: path(target))
            }
            try fillVideoInfo(feature: v.name, file: path(target))
        }
        CrashPoints.hit(.videos, episode: e)
        var newInfo = info
        newInfo.totalEpisodes = e + 1
        newInfo.totalFrames = first + input.length
        newInfo.totalTasks = newTasks.count
        if info.version == .v2_1 {
            newInfo.totalVideos = (e + 1) * info.features.videos.count
            newInfo.totalChunks = e / info.chunksSize + 1
        }
        let allEpisodes = episodes + [record]
        switch info.version {
        case .v3_0:
            let meta = try parquetBytes(schema: EpisodesParquet.schema(info.features),
                                        rowGroups: [try EpisodesParquet.row(record, features: info.features)],
                                        metadata: [], path: DatasetPaths.episodes(location))
            try durable.write(meta, to: path(DatasetPaths.episodes(location)))
            CrashPoints.hit(.episodeMeta, episode: e)
            if newTasks.count != tasks.count {
                try durable.write(try TasksParquet.bytes(newTasks), to: path(DatasetPaths.tasksParquet))
            }
            CrashPoints.hit(.tasks, episode: e)
            try durable.write(text: newInfo.fileText, to: path(DatasetPaths.info))
            CrashPoints.hit(.info, episode: e)
            let stats = try DatasetStatistics.aggregate(allEpisodes.map(\.stats))
            try durable.write(text: stats.fileText, to: path(DatasetPaths.stats))
            CrashPoints.hit(.stats, episode: e)
        case .v2_1:
            try durable.write(text: allEpisodes.map { $0.jsonlLine + "\n" }.joined(), to: path(DatasetPaths.episodesJSONL))
            try durable.write(text: allEpisodes.map { $0.statsJSONLLine + "\n" }.joined(),
                              to: path(DatasetPaths.episodesStatsJSONL))
            CrashPoints.hit(.episodeMeta, episode: e)
            try durable.write(text: newTasks.jsonlText, to: path(DatasetPaths.tasksJSONL))
            CrashPoints.hit(.tasks, episode: e)
            try durable.write(text: newInfo.fileText, to: path(DatasetPaths.info))
            CrashPoints.hit(.info, episode: e)
            CrashPoints.hit(.stats, episode: e)
        }
        info = newInfo
        tasks = newTasks
        episodes = allEpisodes
        nextLocation = location.next(chunksSize: info.chunksSize)
        CrashPoints.hit(.done, episode: e)
        return record
    }

    /// Fills a camera's `info` block from its first mp4, as lerobot's `update_video_info` does.
    private func fillVideoInfo(feature name: String, file: String) throws(LeRobotError) {
        guard let inspector, info.features[name]?.info == nil else { return }
        let facts: VideoFacts
        do {
            facts = try inspector.inspect(file)
        } catch {
            throw LeRobotError(.episode, "cannot probe \(file): \(error)", hint: "install ffprobe (scripts/setup.sh)")
        }
        guard let codec = VideoInfo.Codec(rawValue: facts.codec) else {
            throw LeRobotError(.episode, "\(file) has codec '\(facts.codec)'", hint: "encode with h264, hevc or av1")
        }
        let block = VideoInfo(height: facts.height, width: facts.width, codec: codec,
                              pixelFormat: facts.pixelFormat, fps: info.fps).json(for: info.version)
        var all = info.features.all
        let i = all.firstIndex { $0.name == name }!
        all[i].info = block
        info.features = try Features(complete: all)
    }
}
