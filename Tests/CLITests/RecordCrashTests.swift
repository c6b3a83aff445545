import Foundation
import Testing
@testable import LeRobot

/// The real recorder, killed: `episodic record` dies by SIGKILL right after every commit step
/// (the `EPISODIC_CRASH_AT` hook fires inside the engine's committer, which calls
/// `DatasetWriter.addEpisode`) and at seeded random instants; `episodic recover` then
/// `episodic verify` must succeed and every episode the recorder reported committed
/// (`committed episode N` on its plain stderr) must be there, contiguous.
@Suite("episodic record killed mid-commit")
struct RecordCrashTests {
    /// 30 fps × 0.5 s: every episode has exactly 15 frames.
    static let framesPerEpisode = 15
    static func flags(episodes: Int) -> [String] {
        ["--episodes", String(episodes), "--episode-seconds", "0.5", "--cameras", "1", "--width", "64", "--height", "48",
         "--fps", "30", "--reset-seconds", "0", "--seed", "3"]
    }

    @Test("a kill right after each commit step of episode 0 and 1 recovers to a verified dataset with every reported episode",
          arguments: EpisodeCommitStep.allCases, [0, 1])
    func killAtStep(step: EpisodeCommitStep, episode: Int) throws {
        let out = temporaryPath("reccrash-\(step.rawValue)-\(episode)")
        defer { removeTree(out) }
        let context = "\(step.rawValue):\(episode)"
        let run = try RecorderProcess.run(["record", "--output", out] + Self.flags(episodes: 2),
                                          crashAt: context, killAfter: nil)
        #expect(run.killedBySIGKILL, "\(context): expected death by SIGKILL, got \(run.status)\n\(run.stderr)")
        // The line follows the commit, and commits are in order: only episodes before the killed one.
        #expect(run.committed == Array(0..<run.committed.count) && run.committed.count <= episode,
                "\(context): reported \(run.committed)")
        let count = try Self.recoverAndCheck(out, committed: run.committed, context: context)
        switch step {
        case .dataFile, .videos:
            #expect(count == episode, "\(context): files without episode metadata are quarantined, not counted")
        case .episodeMeta, .tasks, .info, .stats, .done:
            #expect(count == episode + 1, "\(context): a complete episode is rolled forward or kept")
        }
    }

    @Test("8 kills at seeded random instants during recording and commits recover to verified datasets")
    func randomKills() throws {
        var rng = SplitMix64(state: 20_261_129)
        var summary: [String] = []
        for run in 0..<8 {
            // A run takes about 2 s (startup, 3 × 0.5 s episodes, commits): most kills land inside it.
            let delay = Double.random(in: 0.3..<1.9, using: &rng)
            let out = temporaryPath("reccrash-random-\(run)")
            defer { removeTree(out) }
            let context = String(format: "run %d kill after %.3f s", run, delay)
            let result = try RecorderProcess.run(["record", "--output", out] + Self.flags(episodes: 3),
                                                 crashAt: nil, killAfter: delay)
            if !result.killedBySIGKILL {
                #expect(result.status == .exit(0), "\(context): \(result.stderr)")
            }
            #expect(result.committed == Array(0..<result.committed.count), "\(context): reported \(result.committed)")
            guard FileManager.default.fileExists(atPath: out + "/meta/info.json") else {
                #expect(result.committed.isEmpty, "\(context): episodes reported but no manifest")
                summary.append("\(context): before manifest")
                continue
            }
            let count = try Self.recoverAndCheck(out, committed: result.committed, context: context)
            summary.append("\(context): \(result.killedBySIGKILL ? "killed" : "finished"), reported \(result.committed.count), recovered \(count)")
        }
        print("record random kills:\n" + summary.joined(separator: "\n"))
    }

    /// Runs `episodic recover` and `episodic verify`, checks the dataset and the spool, and
    /// returns the number of episodes left.
    static func recoverAndCheck(_ out: String, committed: [Int], context: String) throws -> Int {
        let spool = DatasetRecovery.spoolDirectory(of: out)
        let spooled = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []  // Absent spool: nothing to quarantine.
        let recover = try EpisodicBinary.run(["recover", out])
        #expect(recover.status == 0, "\(context): recover\n\(recover.stdout)\n\(recover.stderr)")
        let verify = try EpisodicBinary.run(["verify", out])
        #expect(verify.status == 0, "\(context): verify\n\(verify.stdout)\n\(verify.stderr)")

        let left = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []  // Absent after recovery is fine.
        #expect(left.isEmpty, "\(context): spool entries left: \(left)")
        for name in spooled {
            #expect(FileManager.default.fileExists(atPath: out + "/.episodic/quarantine/spool/" + name),
                    "\(context): spool entry \(name) not quarantined")
        }
        #expect(DatasetFiles(root: out).temporary.isEmpty, "\(context): temporary files left")

        let reader = try DatasetReader(root: out)
        #expect(reader.info.totalEpisodes == reader.episodes.count, "\(context): info counts \(reader.info.totalEpisodes)")
        #expect(reader.info.totalFrames == reader.episodes.count * framesPerEpisode, "\(context)")
        #expect(reader.episodes.count >= (committed.max() ?? -1) + 1,
                "\(context): \(reader.episodes.count) episodes, reported committed \(committed)")
        for (position, e) in reader.episodes.enumerated() {
            #expect(e.episodeIndex == position && e.length == framesPerEpisode, "\(context) episode \(position)")
            #expect(e.fromIndex == position * framesPerEpisode && e.toIndex == (position + 1) * framesPerEpisode,
                    "\(context) episode \(position) indices \(e.fromIndex)..<\(e.toIndex)")
        }
        return reader.episodes.count
    }
}

/// `episodic record` run with a crash hook or a timed SIGKILL, its stderr parsed for
/// `committed episode N` lines.
struct RecorderProcess {
    enum Status: Equatable {
        case exit(Int32)
        case signal(Int32)
    }

    var status: Status
    var stderr: String
    var committed: [Int]
    var killedBySIGKILL: Bool { status == .signal(SIGKILL) }

    static func run(_ arguments: [String], crashAt: String?, killAfter seconds: Double?) throws -> RecorderProcess {
        let process = Process()
        process.executableURL = try EpisodicBinary.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["EPISODIC_CRASH_AT"] = crashAt
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        if let seconds {
            // The seeded delay is the point of the random test (where the kill lands); it is
            // not a wait for something to happen. Killing a pid that already exited but was not
            // yet reaped is harmless (waitUntilExit below reaps it).
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { _ = kill(pid, SIGKILL) }
        }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let committed = text.split(separator: "\n").compactMap { line -> Int? in
            line.hasPrefix("committed episode ") ? Int(line.dropFirst("committed episode ".count)) : nil
        }
        let status: Status = process.terminationReason == .uncaughtSignal
            ? .signal(process.terminationStatus) : .exit(process.terminationStatus)
        return RecorderProcess(status: status, stderr: text, committed: committed)
    }
}

/// SplitMix64: a tiny seeded generator so random kill delays are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
