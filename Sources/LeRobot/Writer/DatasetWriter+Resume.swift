// Continuing an existing dataset (ours or lerobot's, v3.0 or v2.1).

import Foundation

extension DatasetWriter {
    /// Opens an existing dataset at `root` to append episodes to it.
    ///
    /// Reads the manifest, tasks, episode metadata and statistics back (``DatasetReader``),
    /// checks the dataset is clean, and checks it is the dataset the caller expects. New
    /// episodes continue `episode_index` and `index`; their files go after every file
    /// already used (v3.0: the next `chunk/file` location), so earlier episode files are
    /// never rewritten. The dataset's own `info.json` (video `info` blocks, unknown keys) is kept.
    ///
    /// Blocking (reads metadata); call from a background task.
    ///
    /// - Parameters:
    ///   - expected: what the caller would create; its version, fps and features (names,
    ///     dtypes, shapes) must equal the dataset's. Totals and video `info` blocks are ignored.
    /// - Throws: `ERR_NOT_A_DATASET` (no info.json); `ERR_RESUME_UNCLEAN` when the manifest and the
    ///   files disagree (a crash left temporary files, files beyond the manifest, or missing files;
    ///   run `episodic recover`); `ERR_RESUME_MISMATCH` naming the first difference.
    public convenience init(resuming root: String, expecting expected: DatasetInfo, durable: DurableFile = DurableFile(),
                            inspector: (any VideoInspector)? = FFprobeVideoInspector()) throws(LeRobotError) {
        let reader = try DatasetReader(root: root)
        try Self.checkSameShape(reader.info, expected, root: root)
        try Self.checkClean(reader)
        var records: [EpisodeRecord] = []
        var used: [FileLocation] = []
        for e in reader.episodes {
            guard let stats = e.stats else {
                throw LeRobotError(.resumeUnclean, "\(root): episode \(e.episodeIndex) has no usable statistics (\(e.statsProblem ?? "missing"))",
                                   hint: "run `episodic verify \(root)`; the dataset statistics cannot be continued without them")
            }
            let data = Self.location(of: e.dataPath) ?? FileLocation.nth(e.episodeIndex, chunksSize: reader.info.chunksSize)
            let segments = e.videos.map {
                EpisodeVideoSegment(key: $0.key, location: Self.location(of: $0.path) ?? data,
                                    fromTimestamp: $0.fromTimestamp, toTimestamp: $0.toTimestamp)
            }
            used.append(data)
            used += segments.map(\.location)
            records.append(EpisodeRecord(episodeIndex: e.episodeIndex, tasks: e.tasks, length: e.length,
                                         dataLocation: data, datasetFromIndex: e.fromIndex, datasetToIndex: e.toIndex,
                                         videos: segments, stats: stats, metaLocation: data))
        }
        if reader.info.version == .v3_0 {
            used += DatasetReader.parquetFiles(root: root, under: "meta/episodes").compactMap(Self.location(of:))
        }
        let next = used.max().map { $0.next(chunksSize: reader.info.chunksSize) } ?? FileLocation(chunk: 0, file: 0)
        self.init(root: root, info: reader.info, tasks: reader.tasks, episodes: records, nextLocation: next,
                  durable: durable, inspector: inspector)
    }

    /// `chunk-XXX/file-YYY.ext` at the end of a v3.0 path → its location; `nil` for other names.
    static func location(of path: String) -> FileLocation? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        let chunk = parts[parts.count - 2], file = parts[parts.count - 1]
        guard chunk.hasPrefix("chunk-"), file.hasPrefix("file-"), let dot = file.firstIndex(of: "."),
              let c = Int(chunk.dropFirst(6)), let f = Int(file[file.index(file.startIndex, offsetBy: 5)..<dot]) else {
            return nil
        }
        return FileLocation(chunk: c, file: f)
    }

    /// `ERR_RESUME_MISMATCH` unless version, fps and features (names, dtypes, shapes) agree.
    static func checkSameShape(_ found: DatasetInfo, _ expected: DatasetInfo, root: String) throws(LeRobotError) {
        func refuse(_ what: String) -> LeRobotError {
            LeRobotError(.resumeMismatch, "\(root): \(what)",
                         hint: "record into a new dataset, or pass the dataset's own settings")
        }
        if found.version != expected.version {
            throw refuse("codebase_version is \(found.version.rawValue), expected \(expected.version.rawValue)")
        }
        if found.fps != expected.fps { throw refuse("fps is \(found.fps), expected \(expected.fps)") }
        let a = found.features.all, b = expected.features.all
        let names = a.map(\.name), wanted = b.map(\.name)
        if names != wanted {
            let missing = wanted.filter { !names.contains($0) }, extra = names.filter { !wanted.contains($0) }
            throw refuse("features differ: missing [\(missing.joined(separator: ", "))], "
                         + "unexpected [\(extra.joined(separator: ", "))]" + (missing.isEmpty && extra.isEmpty ? " (order differs)" : ""))
        }
        for (f, g) in zip(a, b) {
            if f.dtype != g.dtype { throw refuse("feature '\(f.name)' has dtype \(f.dtype.rawValue), expected \(g.dtype.rawValue)") }
            if f.shape != g.shape { throw refuse("feature '\(f.name)' has shape \(f.shape), expected \(g.shape)") }
        }
    }

    /// `ERR_RESUME_UNCLEAN` when temporary files, unreferenced episode files (sidecars and
    /// `audio/` files included), missing referenced files or manifest totals show an interrupted commit.
    static func checkClean(_ reader: DatasetReader) throws(LeRobotError) {
        let root = reader.root
        func unclean(_ what: String) -> LeRobotError {
            LeRobotError(.resumeUnclean, "\(root): \(what)",
                         hint: "a write was interrupted; run `episodic recover \(root)`, then resume")
        }
        let files = DatasetFiles(root: root)
        if let t = files.temporary.first { throw unclean("temporary file \(t) left by an interrupted write") }
        let frames = reader.episodes.reduce(0) { $0 + $1.length }
        if reader.episodes.count != reader.info.totalEpisodes || frames != reader.info.totalFrames {
            throw unclean("info.json counts \(reader.info.totalEpisodes) episodes / \(reader.info.totalFrames) frames, "
                          + "the episode metadata has \(reader.episodes.count) / \(frames)")
        }
        if reader.tasks.count != reader.info.totalTasks {
            throw unclean("info.json counts \(reader.info.totalTasks) tasks, the tasks table has \(reader.tasks.count)")
        }
        let referenced = DatasetFiles.referenced(by: reader)
        if let extra = files.episodeFiles.first(where: { !referenced.contains($0) }) {
            throw unclean("\(extra) is not described by the manifest")
        }
        if let sidecar = files.sidecars.first(where: { $0.episode >= reader.episodes.count }) {
            throw unclean("\(sidecar.path) belongs to episode \(sidecar.episode), which the manifest does not count")
        }
        // A WAV placed for an uncommitted episode would be replaced by the next episode at its location.
        let candidates = AudioFiles.orphans(files.audio, accepted: reader.episodes, chunksSize: reader.info.chunksSize, named: [:])
        if !candidates.isEmpty, let audio = AudioFiles.orphans(
            candidates, accepted: reader.episodes, chunksSize: reader.info.chunksSize,
            named: AudioFiles.namedBySidecars(root: root, sidecars: files.sidecars)).first {
            throw unclean("\(audio) belongs to no episode the manifest counts")
        }
        let present = Set(files.episodeFiles)
        if let missing = referenced.sorted().first(where: { !present.contains($0) }) {
            throw unclean("\(missing) is described by the metadata but missing")
        }
    }
}
