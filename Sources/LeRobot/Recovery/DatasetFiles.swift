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

    /// Lists `root`. Missing directories are simply empty.
    init(root: String) {
        let fm = FileManager.default
        guard let all = fm.enumerator(atPath: root) else { return }
        var temporary: [String] = [], episodeFiles: [String] = []
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
            }
        }
        self.temporary = temporary.sorted()
        self.episodeFiles = episodeFiles.sorted()
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
