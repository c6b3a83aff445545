// Listing the files of a dataset directory, for resume checks and recovery.

import Foundation

/// The files found under a dataset root, sorted, relative to the root.
///
/// Used by ``DatasetWriter/init(resuming:expecting:durable:inspector:)`` to refuse an unclean
/// dataset and by ``DatasetRecovery`` to find what a crash left behind.
/// Blocking (directory listing); thread-safe (value type).
struct DatasetFiles: Sendable {
    /// Our temporary names (`.NAME.episodic-tmp`) anywhere outside `.episodic/`.
    var temporary: [String] = []
    /// Parquet and mp4 files under `data/`, `videos/` and `meta/episodes/` (not hidden).
    var episodeFiles: [String] = []
    /// The recording engine's per-episode sidecars, `meta/episodic/episode-NNNNNN.json`, with their episode.
    var sidecars: [(path: String, episode: Int)] = []
    /// The recording engine's audio files: `.wav` and `.partial` files under `audio/` (not hidden).
    /// See ``AudioFiles``.
    var audio: [String] = []

    /// Lists `root`. Missing directories are simply empty.
    init(root: String) {
        let fm = FileManager.default
        guard let all = fm.enumerator(atPath: root) else { return }
        var temporary: [String] = [], episodeFiles: [String] = [], sidecars: [(path: String, episode: Int)] = []
        var audio: [String] = []
        while let rel = all.nextObject() as? String {
            if rel == ".episodic" || rel.hasPrefix(".episodic/") {
                all.skipDescendants()
                continue
            }
            let name = rel.split(separator: "/").last.map(String.init) ?? rel
            if DurableFile.isTemporaryName(name) {
                temporary.append(rel)
                continue
            }
            if name.hasPrefix(".") { continue }
            let inEpisodeTree = rel.hasPrefix("data/") || rel.hasPrefix("videos/") || rel.hasPrefix("meta/episodes/")
            if inEpisodeTree && (name.hasSuffix(".parquet") || name.hasSuffix(".mp4")) {
                episodeFiles.append(rel)
            } else if rel.hasPrefix("meta/episodic/"), let e = Self.sidecarEpisode(name) {
                sidecars.append((rel, e))
            } else if rel.hasPrefix("audio/") && (name.hasSuffix(".wav") || name.hasSuffix(AudioFiles.partialSuffix)) {
                audio.append(rel)
            }
        }
        self.temporary = temporary.sorted()
        self.episodeFiles = episodeFiles.sorted()
        self.sidecars = sidecars.sorted { $0.path < $1.path }
        self.audio = audio.sorted()
    }

    /// `episode-NNNNNN.json` → NNNNNN.
    static func sidecarEpisode(_ name: String) -> Int? {
        guard name.hasPrefix("episode-"), name.hasSuffix(".json") else { return nil }
        return Int(name.dropFirst(8).dropLast(5))
    }

    /// The files an opened dataset's metadata refers to: every episode's data file and
    /// videos, and (v3.0) every `meta/episodes` file (the reader reads all of them).
    static func referenced(by reader: DatasetReader) -> Set<String> {
        var out = Set<String>()
        for e in reader.episodes {
            out.insert(e.dataPath)
            for v in e.videos { out.insert(v.path) }
        }
        if reader.info.version == .v3_0 {
            for f in DatasetReader.parquetFiles(root: reader.root, under: "meta/episodes") { out.insert(f) }
        }
        return out
    }
}
