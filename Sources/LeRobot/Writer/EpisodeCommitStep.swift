// The named steps of committing one episode, in order, and the crash-point test hook.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steps ``DatasetWriter/addEpisode(_:)`` takes, in this order. Each step's files
/// are durable (fsynced, renamed, directory fsynced) before the next step starts.
///
/// The order is the crash-safety argument (docs/crash-safety.md): everything an
/// episode needs exists before the manifest (`info.json`) counts it, so a crash
/// between any two steps leaves the previous manifest valid and, at worst, files
/// beyond it that ``DatasetRecovery`` rolls forward or quarantines.
public enum EpisodeCommitStep: String, Sendable, CaseIterable {
    /// The episode's data Parquet file.
    case dataFile
    /// Every camera's mp4 (moved or copied into place).
    case videos
    /// v3.0: the episode's `meta/episodes` file; v2.1: `episodes.jsonl` and `episodes_stats.jsonl`.
    case episodeMeta
    /// `meta/tasks.parquet` (v3.0, only when tasks changed) or `meta/tasks.jsonl` (v2.1).
    case tasks
    /// `meta/info.json`: from here on the episode is counted.
    case info
    /// `meta/stats.json` (v3.0; nothing for v2.1, whose statistics are per episode).
    case stats
    /// The writer's in-memory state is updated; `addEpisode` returns.
    case done
}

/// A test hook that kills the process with SIGKILL right after a chosen commit step.
///
/// Set `EPISODIC_CRASH_AT=<step>` (any episode) or `EPISODIC_CRASH_AT=<step>:<episode>`,
/// where `<step>` is an ``EpisodeCommitStep`` raw value (`dataFile`, `videos`, …), optionally
/// written `after<Step>` (`afterVideos`). The crash tests use it to stop the writer between
/// every pair of steps; it is not meant for production use.
///
/// Cost when the variable is unset: one load of a lazily initialised global and a
/// comparison per step. Thread-safe (the target is read once, then immutable).
public enum CrashPoints {
    /// The parsed `EPISODIC_CRASH_AT`, read once per process.
    static let target: (step: EpisodeCommitStep, episode: Int?)? = parse(getenv("EPISODIC_CRASH_AT").map { String(cString: $0) })

    /// Parses `<step>[:<episode>]`; `nil` for an absent or unrecognised value.
    static func parse(_ text: String?) -> (step: EpisodeCommitStep, episode: Int?)? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        var name = parts[0]
        if name.hasPrefix("after"), name.count > 5 {
            let rest = name.dropFirst(5)
            name = rest.prefix(1).lowercased() + rest.dropFirst()
        }
        guard let step = EpisodeCommitStep(rawValue: name) else { return nil }
        if parts.count == 2 {
            guard let e = Int(parts[1]) else { return nil }
            return (step, e)
        }
        return (step, nil)
    }

    /// Kills the process (SIGKILL, no cleanup, no flush) if `EPISODIC_CRASH_AT` names
    /// `step` and `episode`. Called by the writer after each step completes.
    @inline(__always)
    public static func hit(_ step: EpisodeCommitStep, episode: Int) {
        guard let target else { return }
        if target.step == step && (target.episode == nil || target.episode == episode) {
            kill(getpid(), SIGKILL)
        }
    }
}
