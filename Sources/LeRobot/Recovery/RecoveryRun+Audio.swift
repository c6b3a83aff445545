// Quarantining the recording engine's WAVs that no accepted episode owns.

import Foundation

extension RecoveryRun {
    /// Quarantines every file under `audio/` that no accepted episode owns (``AudioFiles/orphans(_:accepted:chunksSize:named:)``):
    /// WAVs placed for a commit that never finished, unfinished `.partial` WAVs and names that are
    /// not the engine's. Runs after the episodes are decided and before the sidecars are
    /// quarantined (their `audio` entries name the WAVs). Temporary `.NAME.episodic-tmp` files
    /// there were already removed by ``removeTemporaryFiles()``.
    mutating func quarantineAudio() throws(LeRobotError) {
        let listing = DatasetFiles(root: root)
        // Sidecars are only read when some file is not owned by its location (the rare case).
        let candidates = AudioFiles.orphans(listing.audio, accepted: accepted, chunksSize: info.chunksSize, named: [:])
        guard !candidates.isEmpty else { return }
        let named = AudioFiles.namedBySidecars(root: root, sidecars: listing.sidecars)
        let orphans = AudioFiles.orphans(candidates, accepted: accepted, chunksSize: info.chunksSize, named: named)
        // One decision per episode and reason, in episode order (unknown last), paths sorted.
        var groups: [AudioGroup: [String]] = [:]
        for file in orphans {
            let name = AudioFiles.name(file)
            groups[AudioGroup(episode: audioEpisode(file, name, named: named), reason: Self.audioReason(name)), default: []].append(file)
        }
        for (group, files) in groups.sorted(by: { $0.key < $1.key }) {
            for f in files where !dryRun { try move(f, to: quarantineDir(group.episode) + "/" + f) }
            decide(group.episode, .quarantined, files, group.reason)
        }
    }

    /// Why an orphan audio file is quarantined.
    static func audioReason(_ name: AudioFiles.Name) -> String {
        if name.partial { return "unfinished audio file (.partial): never part of a committed episode" }
        if name.location == nil { return "not an episode audio file name (expected audio/<stream>/chunk-XXX/file-YYY.wav)" }
        return "audio placed for an episode the manifest does not count (its commit never finished)"
    }

    /// The episode an orphan audio file was placed for: the sidecar naming it, else the episode
    /// whose metadata or orphan data file sits at its location, else the engine's numbering
    /// (the writer's next location belongs to episode `accepted.count`, the one after to the next
    /// episode, …). `nil` when the name has no location or it lies before the next location.
    func audioEpisode(_ file: String, _ name: AudioFiles.Name, named: [String: Int]) -> Int? {
        if let e = named[file] { return e }
        guard let at = name.location else { return nil }
        let size = info.chunksSize
        if let e = found.first(where: { AudioFiles.location(of: $0.entry, chunksSize: size) == at }) { return e.entry.episodeIndex }
        if let e = episodeAtLocation[at] { return e }
        let next = accepted.map { AudioFiles.location(of: $0, chunksSize: size) }.max()?.next(chunksSize: size)
            ?? FileLocation(chunk: 0, file: 0)
        let ahead = (at.chunk - next.chunk) * size + (at.file - next.file)
        return ahead >= 0 ? accepted.count + ahead : nil
    }
}

/// Orphan audio files that share one quarantine decision.
struct AudioGroup: Hashable, Comparable {
    var episode: Int?
    var reason: String

    static func < (a: AudioGroup, b: AudioGroup) -> Bool {
        (a.episode ?? Int.max, a.reason) < (b.episode ?? Int.max, b.reason)
    }
}
