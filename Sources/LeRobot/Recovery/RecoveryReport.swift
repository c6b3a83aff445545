// What `DatasetRecovery` decided, file by file.

/// One decision of ``DatasetRecovery``: what happened to an episode or file, and why.
public struct RecoveryDecision: Sendable, Hashable, CustomStringConvertible {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// Episodes the manifest already counted; left as they are.
        case kept
        /// A complete episode beyond the manifest; the manifest was rebuilt to count it.
        case rolledForward
        /// Files of an incomplete episode (or leftovers) moved to `.episodic/quarantine/`; never deleted.
        case quarantined
        /// A temporary file of an interrupted write (`.NAME.episodic-tmp`), removed.
        case removedTemp
        /// A manifest file (`info.json`, `stats.json`, tasks) rewritten from the per-episode metadata.
        case rewroteManifest
    }

    /// The episode concerned, when known.
    public var episode: Int?
    public var action: Action
    /// Files concerned, relative to the dataset root (for quarantine: where they were).
    public var paths: [String]
    public var reason: String

    public init(episode: Int?, action: Action, paths: [String], reason: String) {
        self.episode = episode
        self.action = action
        self.paths = paths
        self.reason = reason
    }

    public var description: String {
        let who = episode.map { "episode \($0)" } ?? "dataset"
        let files = paths.isEmpty ? "" : " [" + paths.joined(separator: ", ") + "]"
        return "\(action.rawValue) \(who)\(files): \(reason)"
    }

    public var json: JSONValue {
        .object([
            ("episode", episode.map { .int(Int64($0)) } ?? .null),
            ("action", .string(action.rawValue)),
            ("paths", .array(paths.map { .string($0) })),
            ("reason", .string(reason)),
        ])
    }
}

/// The result of ``DatasetRecovery/recover(root:dryRun:inspector:durable:)``.
public struct RecoveryReport: Sendable {
    public var root: String
    /// Whether this was a dry run (decisions listed, nothing changed).
    public var dryRun: Bool
    /// Decisions in the order they were taken.
    public var decisions: [RecoveryDecision]
    /// Episodes and frames the manifest counts afterwards (or would, for a dry run).
    public var episodes: Int
    public var frames: Int

    /// Decisions with `action`.
    public func decisions(_ action: RecoveryDecision.Action) -> [RecoveryDecision] {
        decisions.filter { $0.action == action }
    }

    public var json: JSONValue {
        .object([
            ("dataset", .string(root)),
            ("dry_run", .bool(dryRun)),
            ("episodes", .int(Int64(episodes))),
            ("frames", .int(Int64(frames))),
            ("decisions", .array(decisions.map(\.json))),
        ])
    }
}
