// The recording engine's WAVs under `audio/`, and which episode owns each, for recovery and resume checks.

import Foundation

/// Rules for the audio files the recording engine places at `audio/<stream>/chunk-XXX/file-YYY.wav`.
///
/// The engine numbers an episode's WAV like the episode's data file (v3.0: its `chunk/file`
/// location; v2.1: `FileLocation.nth(episode)`) and places it durably *before* its sidecar and
/// ``DatasetWriter/addEpisode(_:)``. A crash or a failed commit in between leaves a WAV that no
/// counted episode owns, and the next episode committed at that location would replace it. So
/// ``DatasetRecovery`` quarantines such files and `DatasetWriter(resuming:expecting:)` refuses them.
///
/// The layout is ``DatasetPaths/audio(stream:_:)``, which the engine uses to place them.
/// lerobot itself ignores `audio/`.
enum AudioFiles {
    /// The suffix of an unfinished WAV (`WAVWriter` writes `NAME.partial`, then renames it).
    static let partialSuffix = ".partial"

    /// What a path under `audio/` names.
    struct Name: Sendable, Hashable {
        /// The chunk/file location, when the path is exactly `audio/<stream>/chunk-XXX/file-YYY.wav`
        /// (three-digit numbers, as the engine writes them), with or without `.partial`.
        var location: FileLocation?
        /// An unfinished WAV: never an episode's file, whatever its location.
        var partial: Bool
    }

    /// Parses `path` (relative to the dataset root). Only the engine's exact spelling has a
    /// location, so `file-2.wav` or a nested directory never passes for an episode's WAV.
    static func name(_ path: String) -> Name {
        let partial = path.hasSuffix(partialSuffix)
        let base = partial ? String(path.dropLast(partialSuffix.count)) : path
        let parts = base.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "audio", !parts[1].isEmpty, let at = DatasetWriter.location(of: base),
              DatasetPaths.audio(stream: String(parts[1]), at) == base else {
            return Name(location: nil, partial: partial)
        }
        return Name(location: at, partial: partial)
    }

    /// The data file location of episode `e`, which its WAV shares (v2.1 names carry none: `nth`).
    static func location(of e: EpisodeEntry, chunksSize: Int) -> FileLocation {
        DatasetWriter.location(of: e.dataPath) ?? FileLocation.nth(e.episodeIndex, chunksSize: chunksSize)
    }

    /// The audio paths each sidecar (`meta/episodic/episode-NNNNNN.json`, key `audio[].path`)
    /// names, with the sidecar's episode. Unreadable sidecars name nothing.
    static func namedBySidecars(root: String, sidecars: [(path: String, episode: Int)]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (file, episode) in sidecars {
            // A damaged sidecar cannot vouch for a WAV; its WAV is then judged by location alone.
            guard let json = try? JSONValue.parse(try DatasetReader.readText(root + "/" + file)) else { continue }  // ok: see above
            for entry in json["audio"]?.arrayValue ?? [] {
                if let path = entry["path"]?.stringValue { out[path] = episode }
            }
        }
        return out
    }

    /// The files of `audio` (relative paths) that no episode of `accepted` (episodes 0..n-1) owns.
    ///
    /// A finished WAV is owned when its location is an accepted episode's data file location, or
    /// when an accepted episode's sidecar names it (the engine numbers the first WAV after resuming
    /// a lerobot dataset by its data files only, which can differ from the writer's next location).
    /// `.partial` files and names that are not the engine's are never owned. A filter: applying it
    /// again with sidecar names to the files it returned without them gives the full answer.
    static func orphans(_ audio: [String], accepted: [EpisodeEntry], chunksSize: Int, named: [String: Int]) -> [String] {
        guard !audio.isEmpty else { return [] }
        let owned = Set(accepted.map { location(of: $0, chunksSize: chunksSize) })
        return audio.filter { file in
            let n = name(file)
            if n.partial { return true }
            if let at = n.location, owned.contains(at) { return false }
            if let e = named[file], e < accepted.count { return false }
            return true
        }
    }
}
