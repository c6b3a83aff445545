// Deciding, episode by episode, what the repaired manifest counts.

import Foundation
import Parquet

extension RecoveryRun {
    /// Walks episodes 0, 1, 2, …: those the manifest counts are kept; the next ones are rolled
    /// forward while complete and contiguous; from the first gap or incomplete episode on,
    /// everything is quarantined.
    mutating func decideEpisodes() throws(LeRobotError) {
        let counted = info.totalEpisodes
        var nextFrom = 0
        var stopped: String?
        var rolled: [Int] = []
        for (e, metaFile) in found {
            if stopped == nil {
                var problem: String?
                if e.episodeIndex != accepted.count {
                    problem = e.episodeIndex < accepted.count ? "episode \(e.episodeIndex) is described twice"
                        : "episode \(accepted.count) is missing before episode \(e.episodeIndex)"
                } else if e.fromIndex != nextFrom || e.toIndex - e.fromIndex != e.length {
                    problem = "rows \(e.fromIndex)..<\(e.toIndex) do not follow the previous episode (expected from \(nextFrom))"
                } else if e.episodeIndex >= counted {
                    problem = incompleteness(of: e)
                }
                if problem == nil {
                    accepted.append(e)
                    nextFrom = e.toIndex
                    referenced.insert(e.dataPath)
                    for v in e.videos { referenced.insert(v.path) }
                    if let metaFile { referenced.insert(metaFile) }
                    if e.episodeIndex >= counted { rolled.append(e.episodeIndex) }
                    continue
                }
                stopped = problem
            }
            // Quarantine this episode's files that no accepted episode shares.
            var files = ([metaFile].compactMap { $0 } + [e.dataPath] + e.videos.map(\.path)).filter {
                !referenced.contains($0) && FileManager.default.fileExists(atPath: path($0))
            }
            files = Array(Set(files)).sorted()
            for f in files where !dryRun { try move(f, to: quarantineDir(e.episodeIndex) + "/" + f) }
            for f in files { referenced.insert(f) }  // handled: not an unreferenced leftover any more
            if e.episodeIndex < counted && e.episodeIndex >= accepted.count {
                decide(e.episodeIndex, .quarantined, files, "counted by info.json but unusable: \(stopped!)")
            } else {
                decide(e.episodeIndex, .quarantined, files, "beyond the manifest and incomplete: \(stopped!)")
            }
        }
        let kept = min(counted, accepted.count)
        if kept > 0 { decide(nil, .kept, [], "episodes 0..\(kept - 1) are counted by info.json") }
        for e in rolled {
            let entry = accepted[e]
            let files = ([found.first { $0.entry.episodeIndex == e }?.metaFile].compactMap { $0 } + [entry.dataPath]
                         + entry.videos.map(\.path))
            decide(e, .rolledForward, files, "complete beyond the manifest (data rows, metadata, statistics, videos checked)")
        }
        if accepted.count < counted {
            decide(nil, .rewroteManifest, [DatasetPaths.info],
                   "info.json counted \(counted) episodes but only \(accepted.count) exist complete")
        }
    }

    /// Why episode `e` (beyond the manifest) is not complete, or `nil` if it is.
    func incompleteness(of e: EpisodeEntry) -> String? {
        if e.stats == nil { return "no statistics in its metadata (\(e.statsProblem ?? "missing"))" }
        guard FileManager.default.fileExists(atPath: path(e.dataPath)) else { return "data file \(e.dataPath) is missing" }
        do {
            let r = try ParquetFileReader(path: path(e.dataPath))
            defer { r.close() }
            guard let index = try r.readColumn("index").int64Values else { return "\(e.dataPath): 'index' is not integer" }
            guard let start = index.firstIndex(of: Int64(e.fromIndex)), start + e.length <= index.count,
                  index[start + e.length - 1] == Int64(e.toIndex - 1) else {
                return "\(e.dataPath) does not hold rows \(e.fromIndex)..<\(e.toIndex)"
            }
        } catch {
            return "data file \(e.dataPath) is unreadable: \(error.message)"
        }
        for v in e.videos {
            guard FileManager.default.fileExists(atPath: path(v.path)) else { return "video \(v.path) is missing" }
            guard let inspector else { continue }
            let frames: Int
            do {
                frames = try inspector.inspect(path(v.path)).frameCount
            } catch {
                return "video \(v.path) cannot be probed: \(error)"
            }
            let needed = Int((v.toTimestamp * Double(info.fps)).rounded())
            let own = Int(((v.toTimestamp - v.fromTimestamp) * Double(info.fps)).rounded())
            if own != e.length || frames < needed {
                return "video \(v.path) has \(frames) frames, the episode needs frames up to \(needed) (\(e.length) of its own)"
            }
        }
        return nil
    }

    /// Quarantines episode files (data, videos, metadata) no accepted episode uses: files a
    /// crash left before the episode's metadata existed.
    mutating func quarantineUnreferenced() throws(LeRobotError) {
        let files = DatasetFiles(root: root).episodeFiles.filter { !referenced.contains($0) }
        guard !files.isEmpty else { return }
        // Learn the episode of each orphan data file from its rows; videos at the same location share it.
        for f in files where f.hasPrefix("data/") {
            // An unreadable orphan keeps no episode number and is quarantined as `unassigned`.
            if let r = try? ParquetFileReader(path: path(f)) {  // ok: see above
                defer { r.close() }
                if let e = (try? r.readColumn("episode_index"))?.int64Values?.first {  // ok: unreadable → unassigned
                    episodeOfFile[f] = Int(e)
                    if let at = DatasetWriter.location(of: f) { episodeAtLocation[at] = Int(e) }
                }
            }
        }
        var byEpisode: [Int?: [String]] = [:]
        for f in files {
            let e = episodeOfFile[f] ?? DatasetWriter.location(of: f).flatMap { episodeAtLocation[$0] } ?? Self.v21Episode(of: f)
            byEpisode[e, default: []].append(f)
        }
        for (e, group) in byEpisode.sorted(by: { ($0.key ?? Int.max) < ($1.key ?? Int.max) }) {
            for f in group where !dryRun { try move(f, to: quarantineDir(e) + "/" + f) }
            decide(e, .quarantined, group, "not described by any episode metadata (a crash before the episode's metadata step)")
        }
    }

    /// Quarantines the recording engine's sidecars (`meta/episodic/episode-NNNNNN.json`) of
    /// episodes the repaired manifest does not count (written just before an interrupted commit).
    mutating func quarantineSidecars() throws(LeRobotError) {
        for (file, e) in DatasetFiles(root: root).sidecars where e >= accepted.count {
            if !dryRun { try move(file, to: quarantineDir(e) + "/" + file) }
            decide(e, .quarantined, [file], "recording sidecar of an episode the manifest does not count")
        }
    }

    /// `episode_XXXXXX.parquet|mp4` → XXXXXX (v2.1 names).
    static func v21Episode(of file: String) -> Int? {
        guard let name = file.split(separator: "/").last, name.hasPrefix("episode_"), let dot = name.firstIndex(of: ".") else {
            return nil
        }
        return Int(name[name.index(name.startIndex, offsetBy: 8)..<dot])
    }
}
