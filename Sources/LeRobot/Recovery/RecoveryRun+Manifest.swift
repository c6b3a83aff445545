// Rebuilding the manifest (tasks, stats.json, info.json) from the per-episode metadata.

import Foundation

extension RecoveryRun {
    /// Rewrites the tasks table, `stats.json` and `info.json` (last) so they describe exactly
    /// the accepted episodes. A file is only rewritten when its content must change, so a
    /// clean dataset (ours or lerobot's) is left byte for byte as it was.
    mutating func rebuildManifest() throws(LeRobotError) {
        var newTasks = tasks
        for e in accepted { for t in e.tasks { try newTasks.intern(t) } }
        var newInfo = info
        newInfo.totalEpisodes = accepted.count
        newInfo.totalFrames = accepted.reduce(0) { $0 + $1.length }
        newInfo.totalTasks = newTasks.count
        if info.version == .v2_1 {
            newInfo.totalVideos = accepted.count * info.features.videos.count
            newInfo.totalChunks = accepted.isEmpty ? 0 : (accepted.count - 1) / info.chunksSize + 1
        }
        try fillVideoInfo(&newInfo)

        if newTasks != tasks {
            switch info.version {
            case .v3_0:
                if !dryRun { try durable.write(try TasksParquet.bytes(newTasks), to: path(DatasetPaths.tasksParquet)) }
                decide(nil, .rewroteManifest, [DatasetPaths.tasksParquet], "tasks of rolled-forward episodes added")
            case .v2_1:
                if !dryRun { try durable.write(text: newTasks.jsonlText, to: path(DatasetPaths.tasksJSONL)) }
                decide(nil, .rewroteManifest, [DatasetPaths.tasksJSONL], "tasks of rolled-forward episodes added")
            }
        }
        if info.version == .v3_0 {
            try rebuildStats(frames: newInfo.totalFrames)
        }
        if newInfo != info {
            if !dryRun { try durable.write(text: newInfo.fileText, to: path(DatasetPaths.info)) }
            decide(nil, .rewroteManifest, [DatasetPaths.info],
                   "now counts \(newInfo.totalEpisodes) episodes, \(newInfo.totalFrames) frames, \(newInfo.totalTasks) tasks "
                   + "(was \(info.totalEpisodes), \(info.totalFrames), \(info.totalTasks))")
            info = newInfo
        }
    }

    /// Rewrites `meta/stats.json` from the episodes' statistics when it is missing, unreadable,
    /// or counts a different number of frames than the accepted episodes.
    private mutating func rebuildStats(frames: Int) throws(LeRobotError) {
        let statsPath = path(DatasetPaths.stats)
        // Missing or unreadable stats.json is exactly the case that gets it rebuilt below.
        let current = try? DatasetStatistics.fromJSON(try JSONValue.parse(try DatasetReader.readText(statsPath)))  // ok: rebuilt below when unreadable
        let counted = current?.features.first?.stats.count
        if accepted.isEmpty {
            // An empty dataset has no statistics; a stats.json left from quarantined episodes is moved aside.
            if FileManager.default.fileExists(atPath: statsPath) {
                if !dryRun { try move(DatasetPaths.stats, to: quarantineDir(nil) + "/" + DatasetPaths.stats) }
                decide(nil, .quarantined, [DatasetPaths.stats], "statistics of episodes that are not in the dataset")
            }
            return
        }
        guard current == nil || counted != frames else { return }
        let parts = accepted.compactMap(\.stats)
        guard parts.count == accepted.count else {
            throw LeRobotError(.recovery, "\(root): cannot rebuild \(DatasetPaths.stats): "
                               + "\(accepted.count - parts.count) episode(s) have no statistics in their metadata",
                               hint: "run `episodic verify` to see which; recompute their statistics")
        }
        let stats = try DatasetStatistics.aggregate(parts)
        if !dryRun { try durable.write(text: stats.fileText, to: statsPath) }
        decide(nil, .rewroteManifest, [DatasetPaths.stats],
               current == nil ? "missing or unreadable; aggregated from \(accepted.count) episodes"
                   : "counted \(counted ?? 0) frames instead of \(frames); aggregated from \(accepted.count) episodes")
    }

    /// Fills the `info` block of cameras that lack one from the first accepted episode's mp4
    /// (as the writer does on an episode's first commit).
    private func fillVideoInfo(_ target: inout DatasetInfo) throws(LeRobotError) {
        guard let inspector, let first = accepted.first else { return }
        var all = target.features.all
        var changed = false
        for (i, f) in all.enumerated() where f.dtype == .video && f.info == nil {
            guard let video = first.videos.first(where: { $0.key == f.name }),
                  let facts = try? inspector.inspect(path(video.path)),  // ok: optional block; see below
                  let codec = VideoInfo.Codec(rawValue: facts.codec) else {
                // Without a probe the block stays absent; Verifier does not require it and lerobot fills it itself.
                continue
            }
            all[i].info = VideoInfo(height: facts.height, width: facts.width, codec: codec,
                                    pixelFormat: facts.pixelFormat, fps: target.fps).json(for: target.version)
            changed = true
        }
        if changed { target.features = try Features(complete: all) }
    }
}
