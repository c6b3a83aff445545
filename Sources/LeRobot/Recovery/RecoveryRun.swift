// The state of one recovery: what was found, what was decided.

import DurableIO
import Foundation
import Parquet

/// Mutable state of one ``DatasetRecovery/recover(root:dryRun:inspector:durable:)`` call.
/// Not shared; one thread.
struct RecoveryRun {
    let root: String
    var info: DatasetInfo
    let dryRun: Bool
    let inspector: (any VideoInspector)?
    let durable: DurableFile
    var decisions: [RecoveryDecision] = []
    /// Every episode entry found in the per-episode metadata, by episode index, with its
    /// `meta/episodes` file (v3.0).
    var found: [(entry: EpisodeEntry, metaFile: String?)] = []
    /// Episodes the repaired manifest counts, in order.
    var accepted: [EpisodeEntry] = []
    /// Files the accepted episodes use (never quarantined).
    var referenced = Set<String>()
    /// Episode number of files read from their content (data files' `episode_index`).
    var episodeOfFile: [String: Int] = [:]
    /// Episode number of orphan data files' locations (v3.0), for the videos and WAVs that share them.
    var episodeAtLocation: [FileLocation: Int] = [:]
    var tasks = TaskTable()

    init(root: String, info: DatasetInfo, dryRun: Bool, inspector: (any VideoInspector)?, durable: DurableFile) {
        self.root = root
        self.info = info
        self.dryRun = dryRun
        self.inspector = inspector
        self.durable = durable
    }

    func path(_ rel: String) -> String { root + "/" + rel }

    mutating func decide(_ episode: Int?, _ action: RecoveryDecision.Action, _ paths: [String], _ reason: String) {
        decisions.append(RecoveryDecision(episode: episode, action: action, paths: paths, reason: reason))
    }

    /// Removes every `.NAME.episodic-tmp` (a write interrupted before its rename).
    mutating func removeTemporaryFiles() throws(LeRobotError) {
        for t in DatasetFiles(root: root).temporary {
            if !dryRun {
                let file = path(t)
                try mappingIO { () throws(DurableIOError) in try durable.fs.unlink(file) }
            }
            decide(nil, .removedTemp, [t], "temporary file of an interrupted write (its final name was never replaced)")
        }
    }

    /// Moves the recording engine's spool leftovers (`<root>.spool/`, beside the dataset: the
    /// encoder files of takes that were never committed) into the dataset's quarantine, so
    /// nothing of an interrupted session is left outside the dataset unreported.
    mutating func quarantineSpool() throws(LeRobotError) {
        let spool = DatasetRecovery.spoolDirectory(of: root)
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: spool)
        } catch CocoaError.fileReadNoSuchFile {
            return  // No spool: the engine left nothing behind.
        } catch {
            throw LeRobotError(.recovery, "cannot list the spool \(spool): \(error)", hint: "check its permissions")
        }
        for name in entries.sorted() {
            let source = spool + "/" + name
            if !dryRun { try move(absolute: source, to: ".episodic/quarantine/spool/" + name) }
            decide(nil, .quarantined, [source], "engine spool left by a take that was never committed")
        }
    }

    /// Reads the per-episode metadata: every `meta/episodes` file (v3.0), or `episodes.jsonl` (v2.1).
    /// An unreadable metadata file is quarantined (it cannot describe a committed episode:
    /// committed files are complete by the rename protocol).
    mutating func collectEpisodes() throws(LeRobotError) {
        switch info.version {
        case .v3_0:
            for rel in DatasetReader.parquetFiles(root: root, under: "meta/episodes") {
                do {
                    for e in try DatasetReader.readEpisodesV30(root: root, file: rel, info: info) { found.append((e, rel)) }
                } catch {
                    let episode = DatasetWriter.location(of: rel).map { $0.chunk * info.chunksSize + $0.file }
                    let target = quarantineDir(episode) + "/" + rel
                    if !dryRun { try move(rel, to: target) }
                    decide(episode, .quarantined, [rel], "unreadable episode metadata: \(error.message)")
                }
            }
            // An unreadable tasks file is rebuilt from the episodes' task lists in order of first use (rebuildManifest); verify then checks task_index against it.
            (tasks, _) = (try? DatasetReader.readTasksParquet(root)) ?? (TaskTable(), false)  // ok: see above
        case .v2_1:
            for e in try DatasetReader.readEpisodesV21(root: root, info: info) { found.append((e, nil)) }
            // As above: an unreadable tasks.jsonl is rebuilt from the episodes.
            tasks = (try? TaskTable.parseJSONL(try DatasetReader.readText(path(DatasetPaths.tasksJSONL)))) ?? TaskTable()  // ok: see above
        }
        found.sort { $0.entry.episodeIndex < $1.entry.episodeIndex }
    }

    /// `.episodic/quarantine/episode-XXXXXX` (or `.../unassigned` when the episode is unknown).
    func quarantineDir(_ episode: Int?) -> String {
        guard let episode else { return ".episodic/quarantine/unassigned" }
        let digits = String(episode)
        return ".episodic/quarantine/episode-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Durably moves `rel` to `target` (both relative), never overwriting: a taken name gets `.1`, `.2`, ….
    func move(_ rel: String, to target: String) throws(LeRobotError) {
        try move(absolute: path(rel), to: target)
    }

    /// Durably moves the file or directory at `source` to `target` (relative to the dataset).
    func move(absolute source: String, to target: String) throws(LeRobotError) {
        var destination = path(target)
        var n = 0
        while durable.fs.exists(destination) {
            n += 1
            destination = path(target) + ".\(n)"
        }
        let (dir, _) = DurableFile.split(destination)
        try durable.makeDirectories(dir)
        do throws(DurableIOError) {
            try durable.fs.rename(source, destination)
        } catch {
            throw LeRobotError(.recovery, "cannot move \(source) to \(target): \(error.message)",
                               hint: "check permissions and that .episodic/ is on the same file system; nothing was deleted",
                               cause: error)
        }
        try durable.syncDirectory(dir)
        try durable.syncDirectory(DurableFile.split(source).dir)
    }
}
