// A full disk stops recording with ERR_DISK_FULL; episodes committed before stay valid.

import Foundation
import LeRobot
import Recording
import Testing

/// A 2 MB tmpfs mounted for one test (needs root); nil (with the reason printed) if mounting fails.
private final class SmallDisk {
    let path: String

    init?(_ label: String) throws {
        let dir = try engineTempDirectory(label)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dir]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print("skipping the full-disk test: cannot mount a tmpfs at \(dir) (\(reason.trimmingCharacters(in: .whitespacesAndNewlines)))")
            try? FileManager.default.removeItem(atPath: dir)  // an empty temp dir; nothing to keep
            return nil
        }
        path = dir
    }

    /// Fills the disk until fewer than `leave` bytes are free.
    func fill(leaving leave: Int) throws {
        let handle = try #require(FileHandle(forWritingAtPath: { () -> String in
            _ = FileManager.default.createFile(atPath: path + "/filler", contents: nil)  // checked by the #require on the handle
            return path + "/filler"
        }()))
        defer { try? handle.close() }  // the filler's content does not matter
        let chunk = Data(repeating: 0xAB, count: 4096)
        while free() > leave {
            do { try handle.write(contentsOf: chunk) } catch { break }  // ENOSPC: as full as it gets
        }
    }

    func free() -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    deinit {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        // Unmount failures leave only an empty tmpfs behind; they cannot affect other tests.
        try? process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("Recording engine full disk", .serialized)
struct EngineDiskFullTests {
    @Test("below the floor, startEpisode throws ERR_DISK_FULL and recording stops; the committed episode verifies")
    func floorStopsRecording() async throws {
        try requireFFmpeg()
        guard let disk = try SmallDisk("floor") else { return }
        let rig = DemoRig()
        let root = disk.path + "/ds"
        var config = rig.configuration(root: root)
        config.diskFloorBytes = 512 * 1024
        let session = try RecordingSession(configuration: config)
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "before full")
        try rig.record(session, frame: frame, episode: 0, count: 10)
        try session.saveEpisode()
        #expect(await session.waitForCommits(timeout: .seconds(60)) == CommitCounts(committed: 1, failed: 0, pending: 0))

        try disk.fill(leaving: 256 * 1024)
        #expect { try session.startEpisode(task: "after full") } throws: { ($0 as? RecordingError)?.code == .diskFull }
        #expect { try session.addFrame(frame) } throws: { ($0 as? RecordingError)?.code == .diskFull }
        let summary = await session.stop(timeout: .seconds(30))
        #expect(summary.failure?.code == .diskFull)
        #expect(summary.commits == CommitCounts(committed: 1, failed: 0, pending: 0))
        if case .failed(let code, _) = summary.state { #expect(code == .diskFull) } else {
            Issue.record("session state \(summary.state), expected failed(ERR_DISK_FULL)")
        }
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 1 && report.frames == 10)
    }

    @Test("ENOSPC while committing fails that episode with ERR_DISK_FULL; earlier episodes stay intact")
    func enospcDuringCommit() async throws {
        try requireFFmpeg()
        guard let disk = try SmallDisk("enospc") else { return }
        let rig = DemoRig()
        let root = disk.path + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "before full")
        try rig.record(session, frame: frame, episode: 0, count: 10)
        try session.saveEpisode()
        #expect(await session.waitForCommits(timeout: .seconds(60)) == CommitCounts(committed: 1, failed: 0, pending: 0))

        try session.startEpisode(task: "while full")
        try disk.fill(leaving: 0)
        try rig.record(session, frame: frame, episode: 1, count: 30)
        try session.saveEpisode()
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 1, failed: 1, pending: 0))
        if case .failed(let code, let message)? = summary.statuses[1] {
            #expect(code == .diskFull, "\(message)")
        } else {
            Issue.record("episode 1 is \(String(describing: summary.statuses[1])), expected failed(ERR_DISK_FULL)")
        }
        #expect(summary.failure?.rootCode == .diskFull)
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 1 && report.frames == 10)
    }
}
