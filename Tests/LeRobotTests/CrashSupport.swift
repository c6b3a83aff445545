// Running the crash-writer process and checking a recovered dataset, for the crash tests.

import Foundation
import Testing
@testable import LeRobot

#if canImport(Glibc)
import Glibc
#endif

/// The `crash-writer` executable SwiftPM builds next to the test bundle (`swift build` builds it).
enum CrashWriter {
    static func url() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("crash-writer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw ToolError(description: "crash-writer not found next to \(CommandLine.arguments[0]); run `swift build` first")
    }

    struct Outcome {
        /// Whether the process died by SIGKILL.
        var killed: Bool
        var status: Int32
        /// Episodes it printed `committed <e>` for.
        var committed: [Int]
        var stderr: String
    }

    /// Runs crash-writer on `root` until it has `episodes` episodes; `crashAt` sets EPISODIC_CRASH_AT;
    /// `killAfterMicroseconds` sends SIGKILL after that delay (if the process still runs).
    static func run(root: String, episodes: Int, cache: String, crashAt: String? = nil, v21: Bool = false,
                    camera: Bool = true, killAfterMicroseconds: UInt32? = nil) throws -> Outcome {
        let p = Process()
        p.executableURL = try url()
        p.arguments = [root, "--episodes", String(episodes), "--cache", cache] + (v21 ? ["--v21"] : []) + (camera ? [] : ["--no-camera"])
        var env = ProcessInfo.processInfo.environment
        env["EPISODIC_CRASH_AT"] = crashAt
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        if let delay = killAfterMicroseconds {
            usleep(delay)  // the random kill instant itself (seeded), not a wait for a condition
            kill(p.processIdentifier, SIGKILL)
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let committed = String(decoding: outData, as: UTF8.self).split(separator: "\n").compactMap { line -> Int? in
            line.hasPrefix("committed ") ? Int(line.dropFirst(10)) : nil
        }
        return Outcome(killed: p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL,
                       status: p.terminationStatus, committed: committed, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// crash-writer's synthetic episode `e`: length 4 + e % 3, state row i = [e*1000+i, -(e*1000+i)],
    /// action row i = [e + i/8, 2].
    static func expected(_ e: Int) -> (length: Int, state: [Float], action: [Float]) {
        let length = 4 + e % 3
        var state: [Float] = [], action: [Float] = []
        for i in 0..<length {
            state += [Float(e * 1000 + i), -Float(e * 1000 + i)]
            action += [Float(e) + Float(i) / 8, 2]
        }
        return (length, state, action)
    }

    /// After recovery: Verifier clean, no temporary file, every committed episode present with
    /// exact values, indices contiguous. Returns the number of episodes in the dataset.
    @discardableResult
    static func checkRecovered(root: String, committed: [Int], context: String) throws -> Int {
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(context): \(report.problems)")
        #expect(DatasetFiles(root: root).temporary.isEmpty, "\(context): temporary files left")
        let reader = try DatasetReader(root: root)
        #expect(reader.info.totalEpisodes == reader.episodes.count, "\(context)")
        let needed = (committed.max() ?? -1) + 1
        #expect(reader.episodes.count >= needed, "\(context): \(reader.episodes.count) episodes, \(needed) were committed")
        var from = 0
        for (position, e) in reader.episodes.enumerated() {
            let want = expected(position)
            #expect(e.episodeIndex == position && e.length == want.length && e.fromIndex == from, "\(context) episode \(position)")
            let rows = try reader.rows(episode: position)
            #expect(rows.floats("observation.state") == want.state, "\(context) episode \(position) state")
            #expect(rows.floats("action") == want.action, "\(context) episode \(position) action")
            #expect(rows.index == (from..<from + want.length).map { Int64($0) }, "\(context) episode \(position) index")
            from += want.length
        }
        return reader.episodes.count
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
