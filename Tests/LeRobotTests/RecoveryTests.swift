import Foundation
import Testing
@testable import LeRobot

#if canImport(Glibc)
import Glibc
#endif

/// DatasetRecovery and `episodic recover` beyond the crash matrix: clean datasets untouched,
/// dry runs, exit codes, JSON, and the video move handoff.
@Suite struct RecoveryTests {
    static let cache = CrashTests.cache

    /// Every regular file's bytes, by relative path.
    static func snapshot(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in try regularFiles(root) { out[f] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + f)) }
        return out
    }

    @Test func cleanDatasetsAreLeftByteForByte() throws {
        let dir = try TempDir("recover-clean"); defer { dir.remove() }
        try FileManager.default.copyItem(atPath: Reference.v30, toPath: dir.path + "/ref")
        try FileManager.default.copyItem(atPath: Reference.v21, toPath: dir.path + "/ref21")
        _ = try CrashWriter.run(root: dir.path + "/ours", episodes: 3, cache: Self.cache)
        for name in ["ref", "ref21", "ours"] {
            let root = dir.path + "/" + name
            let before = try Self.snapshot(root)
            let report = try DatasetRecovery.recover(root: root)
            #expect(report.decisions.map(\.action) == [.kept], "\(name): \(report.decisions)")
            #expect(try Self.snapshot(root) == before, "\(name) changed")
        }
    }

    @Test func dryRunListsDecisionsAndChangesNothing() throws {
        let dir = try TempDir("recover-dry"); defer { dir.remove() }
        let root = dir.path + "/ds"
        let run = try CrashWriter.run(root: root, episodes: 3, cache: Self.cache, crashAt: "episodeMeta:1")
        #expect(run.killed && run.committed == [0])
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/meta/.stats.json.episodic-tmp"))
        let before = try Self.snapshot(root)
        let dry = try DatasetRecovery.recover(root: root, dryRun: true)
        #expect(try Self.snapshot(root) == before)
        #expect(dry.dryRun && dry.episodes == 2 && dry.frames == 9)
        // (The spool mp4 was already moved in at the videos step, so there is no spool leftover.)
        #expect(dry.decisions.map(\.action) == [.removedTemp, .kept, .rolledForward,
                                                .rewroteManifest, .rewroteManifest, .rewroteManifest])
        #expect(dry.decisions[0].paths == ["meta/.stats.json.episodic-tmp"])
        #expect(dry.decisions[2].episode == 1 && dry.decisions[2].paths == [
            "meta/episodes/chunk-000/file-001.parquet", "data/chunk-000/file-001.parquet",
            "videos/observation.images.cam/chunk-000/file-001.mp4"])
        #expect(dry.decisions.suffix(3).flatMap(\.paths) == ["meta/tasks.parquet", "meta/stats.json", "meta/info.json"])
        let real = try DatasetRecovery.recover(root: root)
        #expect(real.decisions == dry.decisions)
        #expect(!FileManager.default.fileExists(atPath: root + "/meta/.stats.json.episodic-tmp"))
        try CrashWriter.checkRecovered(root: root, committed: [0, 1], context: "after dry run")
        // The report is JSON-able with stable keys.
        let json = real.json
        #expect(json["episodes"] == .int(2) && json["dry_run"] == .bool(false))
        #expect(json["decisions"]?.arrayValue?[2]["action"] == .string("rolledForward"))
        #expect(json["decisions"]?.arrayValue?[2]["episode"] == .int(1))
    }

    @Test func recoverCommandExitCodesAndJSON() throws {
        let episodic = try Self.episodicBinary()
        let dir = try TempDir("recover-cli"); defer { dir.remove() }
        let root = dir.path + "/ds"
        // 2: not a dataset.
        #expect(try Self.run(episodic, ["recover", dir.path]).status == 2)
        // 0: a crash repaired; each decision printed.
        _ = try CrashWriter.run(root: root, episodes: 3, cache: Self.cache, crashAt: "videos:2")
        let fixed = try Self.run(episodic, ["recover", root])
        #expect(fixed.status == 0, "\(fixed.out)")
        #expect(fixed.out.contains("quarantined episode 2 [data/chunk-000/file-002.parquet, videos/observation.images.cam/chunk-000/file-002.mp4]"))
        #expect(fixed.out.contains("OK: \(root) (2 episodes, 9 frames)"))
        // --json: parseable, valid.
        let json = try JSONValue.parse(try Self.run(episodic, ["recover", root, "--json"]).out)
        #expect(json["valid"] == .bool(true) && json["recovery"]?["episodes"] == .int(2))
        // 1: a counted episode's data file damaged — recovery cannot fix it, the problem is printed.
        let data = root + "/data/chunk-000/file-001.parquet"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: data))
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: data))
        let broken = try Self.run(episodic, ["recover", root])
        #expect(broken.status == 1, "\(broken.out)")
        #expect(broken.out.contains("ERR_PARQUET_FOOTER_MISSING data/chunk-000/file-001.parquet") || broken.out.contains("data/chunk-000/file-001.parquet"),
                "\(broken.out)")
    }

    @Test func engineSidecarsOfUncountedEpisodesAreQuarantined() throws {
        let dir = try TempDir("recover-sidecar"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 3, cache: Self.cache, crashAt: "videos:2")
        try FileManager.default.createDirectory(atPath: root + "/meta/episodic", withIntermediateDirectories: true)
        for e in [1, 2] {
            try Data("{\"episode\": \(e)}\n".utf8).write(to: URL(fileURLWithPath: root + "/meta/episodic/episode-00000\(e).json"))
        }
        // Before recovery, resuming is refused.
        let info = DatasetInfo(fps: 30, features: try Features([
            .vector("observation.state", names: ["a", "b"]), .vector("action", names: ["a", "b"]),
            .video("observation.images.cam", height: 32, width: 32)]))
        #expect(throws: LeRobotError.self) { _ = try DatasetWriter(resuming: root, expecting: info) }
        let report = try DatasetRecovery.recover(root: root)
        let sidecar = report.decisions.first { $0.paths == ["meta/episodic/episode-000002.json"] }
        #expect(sidecar?.action == .quarantined && sidecar?.episode == 2, "\(report.decisions)")
        #expect(FileManager.default.fileExists(atPath: root + "/meta/episodic/episode-000001.json"))
        #expect(FileManager.default.fileExists(atPath: root + "/.episodic/quarantine/episode-000002/meta/episodic/episode-000002.json"))
        #expect(try DatasetWriter(resuming: root, expecting: info).episodes.count == 2)
    }

    @Test func movedVideoIsRenamedIntoPlaceNotCopied() throws {
        let dir = try TempDir("recover-move"); defer { dir.remove() }
        let src = dir.path + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        let writer = try DatasetWriter(root: dir.path + "/ds", info: try ResumeTests.expectedInfo())
        let input = try Synthetic.input(episode: 0, length: 10, videoDir: src, handoff: .move)
        let source = input.videos["observation.images.front"]!.path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        var before = stat()
        #expect(stat(source, &before) == 0)
        try writer.addEpisode(input)
        let target = dir.path + "/ds/videos/observation.images.front/chunk-000/file-000.mp4"
        var after = stat()
        #expect(stat(target, &after) == 0)
        #expect(after.st_ino == before.st_ino, "same inode: renamed, not copied")
        #expect(!FileManager.default.fileExists(atPath: source))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == bytes)
        #expect(try Verifier().verify(root: dir.path + "/ds").problems.isEmpty)
    }

    @Test func moveAcrossDevicesFallsBackToCopyThenRemovesSource() throws {
        let dir = try TempDir("recover-exdev"); defer { dir.remove() }
        var shm = stat(), tmp = stat()
        guard stat("/dev/shm", &shm) == 0, stat(dir.path, &tmp) == 0, shm.st_dev != tmp.st_dev else {
            print("SKIPPED moveAcrossDevicesFallsBackToCopyThenRemovesSource: /dev/shm is not a separate device here")
            return
        }
        let source = "/dev/shm/episodic-exdev-\(getpid()).mp4"
        let bytes = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        #expect(FileManager.default.createFile(atPath: source, contents: bytes))
        let target = dir.path + "/videos/cam/chunk-000/file-000.mp4"
        try DurableFile().place(moving: source, to: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: source))
        #expect(DatasetFiles(root: dir.path).temporary.isEmpty)
    }

    static func episodicBinary() throws -> URL {
        var directory = try CrashWriter.url().deletingLastPathComponent()
        let candidate = directory.appendingPathComponent("episodic")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            directory.deleteLastPathComponent()
            throw ToolError(description: "episodic not found next to crash-writer; run `swift build` first")
        }
        return candidate
    }

    static func run(_ url: URL, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
