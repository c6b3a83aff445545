import Foundation
import Testing
@testable import LeRobot

/// Real processes, real SIGKILL: crash-writer dies at every commit step (or at a random
/// instant); DatasetRecovery must leave a clean dataset holding every committed episode.
@Suite struct CrashTests {
    /// Shared ffmpeg template cache (crash-writer creates each file atomically, so parallel tests may share it).
    static let cache = NSTemporaryDirectory() + "/episodic-crash-tests-cache"

    /// Dataset variants of the step matrix.
    enum Variant: String, CaseIterable, Sendable {
        case v30, v21, v30NoCamera
    }

    @Test(arguments: Variant.allCases, [0, 2])
    func killAtEveryStepThenRecoverAndResume(variant: Variant, episode: Int) throws {
        let v21 = variant == .v21, camera = variant != .v30NoCamera
        for step in EpisodeCommitStep.allCases {
            let context = "\(variant.rawValue) \(step.rawValue):\(episode)"
            let dir = try TempDir("crash-\(step.rawValue)-\(episode)"); defer { dir.remove() }
            let root = dir.path + "/ds"
            let run = try CrashWriter.run(root: root, episodes: 4, cache: Self.cache, crashAt: "\(step.rawValue):\(episode)", v21: v21,
                                        camera: camera)
            #expect(run.killed, "\(context): expected death by SIGKILL, got status \(run.status): \(run.stderr)")
            // `committed e` is printed after addEpisode returns, so even a kill at `.done` has not printed it.
            #expect(run.committed == Array(0..<episode), "\(context)")
            let report = try DatasetRecovery.recover(root: root)
            let rolled = report.decisions(.rolledForward).compactMap(\.episode)
            let quarantined = report.decisions(.quarantined).compactMap(\.episode)
            switch step {
            case .dataFile, .videos:
                // Files without per-episode metadata: quarantined, never counted.
                #expect(rolled.isEmpty && quarantined == [episode], "\(context): \(report.decisions)")
                #expect(report.episodes == episode, "\(context)")
                let moved = report.decisions(.quarantined).flatMap(\.paths)
                #expect(moved.contains { $0.hasPrefix("data/") }, "\(context): \(moved)")
                let kept = try regularFiles(root + "/.episodic/quarantine/episode-" + String(format: "%06d", episode))
                #expect(kept.contains { $0.hasPrefix("data/") }, "\(context): \(kept)")
            case .episodeMeta, .tasks:
                // Complete with metadata: rolled forward.
                #expect(rolled == [episode] && quarantined.isEmpty, "\(context): \(report.decisions)")
                #expect(report.episodes == episode + 1, "\(context)")
            case .info, .stats, .done:
                #expect(rolled.isEmpty && quarantined.isEmpty, "\(context): \(report.decisions)")
                #expect(report.episodes == episode + 1, "\(context)")
            }
            try CrashWriter.checkRecovered(root: root, committed: run.committed, context: context)
            // A second recovery changes nothing.
            #expect(try DatasetRecovery.recover(root: root).decisions.allSatisfy { $0.action == .kept }, "\(context)")
            // Resuming after recovery completes the dataset.
            let rest = try CrashWriter.run(root: root, episodes: 4, cache: Self.cache, v21: v21, camera: camera)
            #expect(!rest.killed && rest.status == 0, "\(context): resume failed: \(rest.stderr)")
            #expect(try CrashWriter.checkRecovered(root: root, committed: [3], context: context + " resumed") == 4)
        }
    }

    @Test func randomKillsRecoverToCleanDatasets() throws {
        var rng = SplitMix64(state: 20261129)
        var outcomes: [String: Int] = [:]
        var committedCounts: [Int] = []
        for run in 0..<24 {
            let dir = try TempDir("crash-random-\(run)"); defer { dir.remove() }
            let root = dir.path + "/ds"
            let delay = UInt32.random(in: 5_000..<1_200_000, using: &rng)
            let result = try CrashWriter.run(root: root, episodes: 40, cache: Self.cache, killAfterMicroseconds: delay)
            let context = "run \(run) kill after \(delay) µs"
            if !result.killed {
                #expect(result.status == 0, "\(context): \(result.stderr)")
            }
            guard FileManager.default.fileExists(atPath: root + "/meta/info.json") else {
                // Killed before the empty manifest was written: nothing was committed.
                #expect(result.committed.isEmpty, "\(context)")
                outcomes["before manifest", default: 0] += 1
                continue
            }
            let report = try DatasetRecovery.recover(root: root)
            committedCounts.append(result.committed.count)
            for d in report.decisions(.quarantined) where d.episode != nil {
                #expect(!result.committed.contains(d.episode!), "\(context): committed episode quarantined: \(d)")
            }
            let n = try CrashWriter.checkRecovered(root: root, committed: result.committed, context: context)
            for action in Set(report.decisions.map(\.action)) { outcomes[action.rawValue, default: 0] += 1 }
            #expect(n >= result.committed.count, "\(context)")
        }
        print("random kills: runs per decision \(outcomes.sorted { $0.key < $1.key }); committed per run \(committedCounts)")
    }
}
