import Foundation
import Testing
@testable import LeRobot

/// DatasetRecovery and resume checks on the recording engine's `audio/` directory: a WAV is
/// kept when an accepted episode owns its location (or its sidecar names it), and everything
/// else there is quarantined, never deleted. Datasets are real crash-writer output (no camera,
/// so no ffmpeg) with WAV files written beside them as the engine places them.
@Suite struct RecoveryAudioTests {
    static let cache = CrashTests.cache
    static let stream = "audio/microphone/chunk-000/"
    static let beyond = "audio placed for an episode the manifest does not count (its commit never finished)"
    static let unfinished = "unfinished audio file (.partial): never part of a committed episode"
    static let misnamed = "not an episode audio file name (expected audio/<stream>/chunk-XXX/file-YYY.wav)"

    /// A 16-bit mono 48 kHz WAV of `samples` samples whose values start at `seed`, so files differ.
    static func wav(seed: Int, samples: Int = 8) -> Data {
        var b: [UInt8] = []
        func u32(_ v: Int) { b += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        func u16(_ v: Int) { b += (0..<2).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        b += Array("RIFF".utf8); u32(36 + 2 * samples); b += Array("WAVEfmt ".utf8)
        u32(16); u16(1); u16(1); u32(48_000); u32(96_000); u16(2); u16(16)
        b += Array("data".utf8); u32(2 * samples)
        for i in 0..<samples { u16(seed * 100 + i) }
        return Data(b)
    }

    static func write(_ data: Data, _ root: String, _ rel: String) throws {
        let url = URL(fileURLWithPath: root + "/" + rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    static func bytes(_ root: String, _ rel: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel))
    }

    /// crash-writer's features without a camera, for `DatasetWriter(resuming:expecting:)`.
    static func info(_ version: CodebaseVersion = .v3_0) throws -> DatasetInfo {
        DatasetInfo(version: version, fps: 30, features: try Features([
            .vector("observation.state", names: ["a", "b"]), .vector("action", names: ["a", "b"])]))
    }

    @Test func committedEpisodesWAVsStayByteForByte() throws {
        let dir = try TempDir("recaudio-kept"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 2, cache: Self.cache, camera: false)
        for e in 0..<2 { try Self.write(Self.wav(seed: e), root, Self.stream + "file-00\(e).wav") }
        try Self.write(Self.wav(seed: 9), root, "audio/second/chunk-000/file-001.wav")
        let before = try RecoveryTests.snapshot(root)
        let report = try DatasetRecovery.recover(root: root)
        #expect(report.decisions == [RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json")])
        #expect(try RecoveryTests.snapshot(root) == before)
        #expect(try Self.bytes(root, Self.stream + "file-001.wav") == Self.wav(seed: 1))
        #expect(try DatasetWriter(resuming: root, expecting: Self.info()).episodes.count == 2)
    }

    @Test func wavsOfUncountedEpisodesAndMisnamedFilesAreQuarantinedToTheirEpisode() throws {
        let dir = try TempDir("recaudio-beyond"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 2, cache: Self.cache, camera: false)
        try Self.write(Self.wav(seed: 0), root, Self.stream + "file-000.wav")
        try Self.write(Self.wav(seed: 2), root, Self.stream + "file-002.wav")
        try Self.write(Self.wav(seed: 4), root, Self.stream + "file-004.wav")
        try Self.write(Self.wav(seed: 7), root, Self.stream + "file-7.wav")
        try Self.write(Self.wav(seed: 8), root, "audio/microphone/file-000.wav")
        try Self.write(Self.wav(seed: 1000), root, "audio/microphone/chunk-001/file-000.wav")
        // Before recovery, resuming is refused: the next episode would replace file-002.wav.
        #expect {
            _ = try DatasetWriter(resuming: root, expecting: Self.info())
        } throws: {
            ($0 as? LeRobotError)?.code == .resumeUnclean && "\($0)".contains("audio/microphone/chunk-000/file-002.wav")
        }
        let report = try DatasetRecovery.recover(root: root)
        #expect(report.decisions == [
            RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json"),
            RecoveryDecision(episode: 2, action: .quarantined, paths: [Self.stream + "file-002.wav"], reason: Self.beyond),
            RecoveryDecision(episode: 4, action: .quarantined, paths: [Self.stream + "file-004.wav"], reason: Self.beyond),
            RecoveryDecision(episode: 1000, action: .quarantined, paths: ["audio/microphone/chunk-001/file-000.wav"], reason: Self.beyond),
            RecoveryDecision(episode: nil, action: .quarantined,
                             paths: [Self.stream + "file-7.wav", "audio/microphone/file-000.wav"], reason: Self.misnamed),
        ], "\(report.decisions)")
        let q = ".episodic/quarantine/"
        #expect(try Self.bytes(root, q + "episode-000002/" + Self.stream + "file-002.wav") == Self.wav(seed: 2))
        #expect(try Self.bytes(root, q + "episode-000004/" + Self.stream + "file-004.wav") == Self.wav(seed: 4))
        #expect(try Self.bytes(root, q + "episode-001000/audio/microphone/chunk-001/file-000.wav") == Self.wav(seed: 1000))
        #expect(try Self.bytes(root, q + "unassigned/" + Self.stream + "file-7.wav") == Self.wav(seed: 7))
        #expect(try Self.bytes(root, q + "unassigned/audio/microphone/file-000.wav") == Self.wav(seed: 8))
        #expect(DatasetFiles(root: root).audio == [Self.stream + "file-000.wav"])
        #expect(try Self.bytes(root, Self.stream + "file-000.wav") == Self.wav(seed: 0))
        try CrashWriter.checkRecovered(root: root, committed: [0, 1], context: "audio beyond the manifest")
        #expect(try DatasetWriter(resuming: root, expecting: Self.info()).episodes.count == 2)
        #expect(try DatasetRecovery.recover(root: root).decisions.map(\.action) == [.kept])
    }

    @Test func crashAfterTheDataFileQuarantinesTheWAVWithItsEpisodeAndARolledForwardEpisodeKeepsIt() throws {
        let dir = try TempDir("recaudio-crash"); defer { dir.remove() }
        for (step, rolled) in [("dataFile", false), ("episodeMeta", true)] {
            let root = dir.path + "/" + step
            let run = try CrashWriter.run(root: root, episodes: 3, cache: Self.cache, crashAt: step + ":2", camera: false)
            #expect(run.killed && run.committed == [0, 1], "\(step): \(run.stderr)")
            // What the engine placed before addEpisode: episode 2's WAV and its sidecar naming it.
            let wav = Self.stream + "file-002.wav", sidecar = "meta/episodic/episode-000002.json"
            try Self.write(Self.wav(seed: 2), root, wav)
            try Self.write(Data("{\"episode_index\": 2, \"audio\": [{\"stream\": \"microphone\", \"path\": \"\(wav)\"}]}\n".utf8), root, sidecar)
            let report = try DatasetRecovery.recover(root: root)
            if rolled {
                // Episode 2's task ("task 0") is already known: only stats.json and info.json change; no audio decision.
                #expect(report.decisions.map(\.action) == [.kept, .rolledForward, .rewroteManifest, .rewroteManifest],
                        "\(report.decisions)")
                #expect(report.decisions[1].episode == 2 && report.decisions.suffix(2).flatMap(\.paths) == ["meta/stats.json", "meta/info.json"])
                #expect(try Self.bytes(root, wav) == Self.wav(seed: 2))
                #expect(FileManager.default.fileExists(atPath: root + "/" + sidecar))
                try CrashWriter.checkRecovered(root: root, committed: [0, 1, 2], context: step)
            } else {
                #expect(report.decisions == [
                    RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json"),
                    RecoveryDecision(episode: 2, action: .quarantined, paths: ["data/chunk-000/file-002.parquet"],
                                     reason: "not described by any episode metadata (a crash before the episode's metadata step)"),
                    RecoveryDecision(episode: 2, action: .quarantined, paths: [wav], reason: Self.beyond),
                    RecoveryDecision(episode: 2, action: .quarantined, paths: [sidecar],
                                     reason: "recording sidecar of an episode the manifest does not count"),
                ], "\(report.decisions)")
                #expect(try Self.bytes(root, ".episodic/quarantine/episode-000002/" + wav) == Self.wav(seed: 2))
                #expect(!FileManager.default.fileExists(atPath: root + "/" + wav))
                try CrashWriter.checkRecovered(root: root, committed: [0, 1], context: step)
            }
            #expect(try DatasetRecovery.recover(root: root).decisions.map(\.action) == [.kept], "\(step): second recovery")
        }
    }

    @Test func partialWAVsAreQuarantinedAndTemporaryFilesRemovedLikeEverywhereElse() throws {
        let dir = try TempDir("recaudio-partial"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 2, cache: Self.cache, camera: false)
        try Self.write(Self.wav(seed: 1), root, Self.stream + "file-001.wav")
        try Self.write(Self.wav(seed: 11), root, Self.stream + "file-001.wav.partial")
        try Self.write(Self.wav(seed: 2), root, Self.stream + "file-002.wav.partial")
        try Self.write(Self.wav(seed: 3), root, Self.stream + ".file-002.wav.episodic-tmp")
        let report = try DatasetRecovery.recover(root: root)
        #expect(report.decisions == [
            RecoveryDecision(episode: nil, action: .removedTemp, paths: [Self.stream + ".file-002.wav.episodic-tmp"],
                             reason: "temporary file of an interrupted write (its final name was never replaced)"),
            RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json"),
            RecoveryDecision(episode: 1, action: .quarantined, paths: [Self.stream + "file-001.wav.partial"], reason: Self.unfinished),
            RecoveryDecision(episode: 2, action: .quarantined, paths: [Self.stream + "file-002.wav.partial"], reason: Self.unfinished),
        ], "\(report.decisions)")
        #expect(try Self.bytes(root, ".episodic/quarantine/episode-000001/" + Self.stream + "file-001.wav.partial") == Self.wav(seed: 11))
        #expect(try Self.bytes(root, ".episodic/quarantine/episode-000002/" + Self.stream + "file-002.wav.partial") == Self.wav(seed: 2))
        #expect(try Self.bytes(root, Self.stream + "file-001.wav") == Self.wav(seed: 1))
        #expect(DatasetFiles(root: root).audio == [Self.stream + "file-001.wav"])
        #expect(DatasetFiles(root: root).temporary.isEmpty)
    }

    @Test func dryRunReportsTheSameDecisionsAndMovesNothing() throws {
        let dir = try TempDir("recaudio-dry"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 2, cache: Self.cache, camera: false)
        try Self.write(Self.wav(seed: 0), root, Self.stream + "file-000.wav")
        try Self.write(Self.wav(seed: 2), root, Self.stream + "file-002.wav")
        try Self.write(Self.wav(seed: 3), root, Self.stream + "file-003.wav.partial")
        try Self.write(Self.wav(seed: 5), root, Self.stream + "odd.wav")
        let before = try RecoveryTests.snapshot(root)
        let dry = try DatasetRecovery.recover(root: root, dryRun: true)
        #expect(try RecoveryTests.snapshot(root) == before)
        #expect(!FileManager.default.fileExists(atPath: root + "/.episodic"))
        #expect(dry.decisions.map(\.action) == [.kept, .quarantined, .quarantined, .quarantined])
        #expect(dry.decisions.map(\.episode) == [nil, 2, 3, nil])
        let real = try DatasetRecovery.recover(root: root)
        #expect(real.decisions == dry.decisions)
        #expect(DatasetFiles(root: root).audio == [Self.stream + "file-000.wav"])
    }

    @Test func v21AudioIsNumberedByEpisode() throws {
        let dir = try TempDir("recaudio-v21"); defer { dir.remove() }
        let root = dir.path + "/ds"
        _ = try CrashWriter.run(root: root, episodes: 2, cache: Self.cache, v21: true, camera: false)
        for e in 0..<3 { try Self.write(Self.wav(seed: e), root, Self.stream + "file-00\(e).wav") }
        try Self.write(Self.wav(seed: 1001), root, "audio/microphone/chunk-001/file-001.wav")
        #expect(throws: LeRobotError.self) { _ = try DatasetWriter(resuming: root, expecting: Self.info(.v2_1)) }
        let report = try DatasetRecovery.recover(root: root)
        #expect(report.decisions == [
            RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json"),
            RecoveryDecision(episode: 2, action: .quarantined, paths: [Self.stream + "file-002.wav"], reason: Self.beyond),
            RecoveryDecision(episode: 1001, action: .quarantined, paths: ["audio/microphone/chunk-001/file-001.wav"], reason: Self.beyond),
        ], "\(report.decisions)")
        #expect(try Self.bytes(root, ".episodic/quarantine/episode-000002/" + Self.stream + "file-002.wav") == Self.wav(seed: 2))
        #expect(try Self.bytes(root, ".episodic/quarantine/episode-001001/audio/microphone/chunk-001/file-001.wav") == Self.wav(seed: 1001))
        for e in 0..<2 { #expect(try Self.bytes(root, Self.stream + "file-00\(e).wav") == Self.wav(seed: e)) }
        try CrashWriter.checkRecovered(root: root, committed: [0, 1], context: "v2.1 audio")
        #expect(try DatasetWriter(resuming: root, expecting: Self.info(.v2_1)).episodes.count == 2)
    }

    @Test func lerobotPackedDatasetNumbersByTheNextFileAndKeepsWAVsItsSidecarsName() throws {
        let dir = try TempDir("recaudio-packed"); defer { dir.remove() }
        let root = dir.path + "/ref"
        try FileManager.default.copyItem(atPath: Reference.v30, toPath: root)
        // lerobot's tiny dataset packs episodes 0 and 1 into file-000; the engine's next WAV is file-001.
        try Self.write(Self.wav(seed: 0), root, Self.stream + "file-000.wav")
        try Self.write(Self.wav(seed: 2), root, Self.stream + "file-001.wav")
        try Self.write(Self.wav(seed: 5), root, Self.stream + "file-005.wav")
        try Self.write(Data("{\"audio\": [{\"path\": \"\(Self.stream)file-005.wav\"}]}\n".utf8), root, "meta/episodic/episode-000001.json")
        let report = try DatasetRecovery.recover(root: root)
        #expect(report.decisions == [
            RecoveryDecision(episode: nil, action: .kept, paths: [], reason: "episodes 0..1 are counted by info.json"),
            RecoveryDecision(episode: 2, action: .quarantined, paths: [Self.stream + "file-001.wav"], reason: Self.beyond),
        ], "\(report.decisions)")
        #expect(DatasetFiles(root: root).audio == [Self.stream + "file-000.wav", Self.stream + "file-005.wav"])
    }
}
