// Bringing a dataset back to a clean state after a crash at any instant.

import Foundation

/// Repairs a dataset after a crash (or kill -9) during ``DatasetWriter/addEpisode(_:)``.
///
/// The commit protocol (``EpisodeCommitStep``) guarantees that `meta/info.json` only
/// counts episodes whose files all exist, and that every file under a final name is
/// complete. What a crash can leave is therefore: temporary files, and files of
/// episodes the manifest does not count yet. Recovery decides, per episode:
///
/// - temporary files (`.NAME.episodic-tmp`) → removed;
/// - an episode beyond the manifest whose files are complete and valid (data footer and
///   rows, per-episode metadata with statistics, every video with its frame count) →
///   **rolled forward**: tasks, `stats.json` and `info.json` are rebuilt from the
///   per-episode metadata (the manifest is derivable from it);
/// - anything else beyond the manifest (incomplete episode, unreferenced file, the recording
///   engine's `meta/episodic/episode-NNNNNN.json` sidecar of an uncounted episode, its
///   `audio/<stream>/chunk-XXX/file-YYY.wav` at no accepted episode's location, `.partial` or
///   misnamed files under `audio/`, spool leftovers in `<root>.spool/`, beside the dataset)
///   → **quarantined** into `.episodic/quarantine/episode-XXXXXX/` (or `unassigned/` when the
///   episode is unknown), under the same relative path (never deleted);
/// - the manifest is rewritten last, and never counts an episode that does not exist.
///
/// Recovery is idempotent: running it on a clean dataset changes nothing. v3.0 and v2.1.
///
/// Blocking (reads metadata and data footers, runs ffprobe on videos beyond the
/// manifest); call from a background task or the CLI. Not safe to run while a writer
/// is writing the same dataset.
public enum DatasetRecovery {
    /// The recording engine's spool for the dataset at `root`: a sibling directory, so a
    /// dataset never holds half-encoded files and the spool stays on the same file system
    /// (finished videos are renamed, not copied, into the dataset).
    public static func spoolDirectory(of root: String) -> String {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + ".spool"
    }

    /// Recovers the dataset at `root`.
    ///
    /// - Parameters:
    ///   - dryRun: list the decisions without changing anything.
    ///   - inspector: counts video frames of episodes beyond the manifest; `nil` only checks
    ///     that the videos exist.
    /// - Throws: `ERR_NOT_A_DATASET` / `ERR_JSON` / `ERR_INFO_INVALID` when `meta/info.json` is
    ///   missing or unreadable; `ERR_RECOVERY` (or the I/O error) when a change fails.
    public static func recover(root: String, dryRun: Bool = false,
                               inspector: (any VideoInspector)? = FFprobeVideoInspector(),
                               durable: DurableFile = DurableFile()) throws(LeRobotError) -> RecoveryReport {
        let infoPath = root + "/" + DatasetPaths.info
        guard FileManager.default.fileExists(atPath: infoPath) else {
            throw LeRobotError(.notADataset, "\(root) has no \(DatasetPaths.info)",
                               hint: "point at the dataset root (the directory that holds meta/)")
        }
        let info = try DatasetInfo.parse(try DatasetReader.readText(infoPath), source: infoPath)
        var run = RecoveryRun(root: root, info: info, dryRun: dryRun, inspector: inspector, durable: durable)
        try run.removeTemporaryFiles()
        try run.quarantineSpool()
        try run.collectEpisodes()
        try run.decideEpisodes()
        try run.quarantineUnreferenced()
        try run.quarantineAudio()
        try run.quarantineSidecars()
        try run.rebuildManifest()
        return RecoveryReport(root: root, dryRun: dryRun, decisions: run.decisions,
                              episodes: run.accepted.count, frames: run.accepted.reduce(0) { $0 + $1.length })
    }
}
