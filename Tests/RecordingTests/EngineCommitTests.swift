// Saving fast, stopping with commits pending, and a failing episode among good ones.

import Foundation
import LeRobot
import Recording
import Testing

@Suite("Recording engine commits")
struct EngineCommitTests {
    @Test("save/save/save/stop back to back commits every episode")
    func rapidSaves() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("rapid")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        var config = rig.configuration(root: root)
        config.commitQueueCapacity = 8
        let session = try RecordingSession(configuration: config)
        try await session.start()
        let frame = session.makeFrame()
        var tickets: [EpisodeTicket] = []
        for episode in 0..<4 {
            try session.startEpisode(task: "rapid")
            try rig.record(session, frame: frame, episode: episode, count: 6 + episode)
            tickets.append(try session.saveEpisode())
        }
        #expect(tickets.map(\.episode) == [0, 1, 2, 3])
        #expect(tickets.map(\.frames) == [6, 7, 8, 9])
        #expect(tickets.allSatisfy { $0.waited == nil })
        let summary = await session.stop(timeout: .seconds(120))
        #expect(summary.commits == CommitCounts(committed: 4, failed: 0, pending: 0))
        #expect(summary.statuses == [0: .committed, 1: .committed, 2: .committed, 3: .committed])
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.frames == 6 + 7 + 8 + 9)
    }

    @Test("stop with a zero timeout reports exact counts; the pending episodes still commit")
    func stopWithPendingCommits() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("pending")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        try await session.start()
        let frame = session.makeFrame()
        for episode in 0..<3 {
            try session.startEpisode(task: "pending")
            try rig.record(session, frame: frame, episode: episode, count: 5)
            try session.saveEpisode()
        }
        let summary = await session.stop(timeout: .zero)
        #expect(summary.commits.committed + summary.commits.failed + summary.commits.pending == 3)
        #expect(summary.commits.failed == 0)
        let later = await session.waitForCommits(timeout: .seconds(120))
        #expect(later == CommitCounts(committed: 3, failed: 0, pending: 0))
        #expect(try Verifier().verify(root: root).problems.isEmpty)
    }

    @Test("an episode whose video cannot be put in place fails with its spool kept; later episodes commit")
    func failingEpisode() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("failing")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        let session = try RecordingSession(configuration: rig.configuration(root: root))
        let stream = session.events.subscribe()
        try await session.start()
        let frame = session.makeFrame()
        for episode in 0..<3 {
            try session.startEpisode(task: "fail one")
            try rig.record(session, frame: frame, episode: episode, count: 8)
            if episode == 1 {
                // Episode 1 is take 1: a directory where its mp4 must go makes the final rename fail.
                try FileManager.default.createDirectory(atPath: root + ".spool/take-000001/\(DemoRig.camera).mp4",
                                                        withIntermediateDirectories: true)
            }
            try session.saveEpisode()
        }
        let summary = await session.stop(timeout: .seconds(120))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 1, pending: 0))
        guard case .failed(let code, let message)? = summary.statuses[1] else {
            Issue.record("episode 1 is \(String(describing: summary.statuses[1])), expected failed")
            return
        }
        #expect(code == .commitFailed)
        #expect(message.contains("episode 1"))
        #expect(summary.statuses[0] == .committed && summary.statuses[2] == .committed)
        // The failed take's spool video is kept for recovery; committed takes are removed.
        #expect(FileManager.default.fileExists(atPath: root + ".spool/take-000001/\(DemoRig.camera).mp4.spool.mp4"))
        #expect(!FileManager.default.fileExists(atPath: root + ".spool/take-000000"))
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 2 && report.frames == 16)
        // The failure was published as an event.
        session.events.finish()
        let events = await collect(stream)
        #expect(events.contains { if case .episodeStatus(1, .failed) = $0 { true } else { false } })
    }

    @Test("a full commit queue keeps the episode: save throws ERR_COMMIT_QUEUE_FULL_TIMEOUT, a later save or stop queues it")
    func fullQueueKeepsEpisode() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("full-queue")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        var config = rig.configuration(root: root)
        config.commitQueueCapacity = 1
        let session = try RecordingSession(configuration: config)
        try await session.start()
        let frame = session.makeFrame()
        var sawFull = 0
        for episode in 0..<3 {
            try session.startEpisode(task: "full queue")
            try rig.record(session, frame: frame, episode: episode, count: 6)
            if episode == 2 { break }  // stop saves it
            while true {
                do {
                    try session.saveEpisode()
                    break
                } catch {
                    try #require(error.code == .commitQueueFullTimeout, "\(error)")
                    // The episode is kept: nothing new can start until it is queued.
                    sawFull += 1
                    let early: RecordingError.Code? = startRefusal(session)
                    #expect(early == .notRecording)
                    _ = await session.waitForCommits(timeout: .seconds(60))
                }
            }
        }
        let summary = await session.stop(timeout: .seconds(120))
        #expect(summary.commits == CommitCounts(committed: 3, failed: 0, pending: 0))
        #expect(summary.episodesSaved == 3)
        let expected: [Int: EpisodeCommitStatus] = [0: .committed, 1: .committed, 2: .committed]
        #expect(summary.statuses == expected)
        print("full commit queue met \(sawFull) time(s)")
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.frames == 18)
    }
}

/// The code `startEpisode` is refused with, or nil if it was accepted.
private func startRefusal(_ session: RecordingSession) -> RecordingError.Code? {
    do {
        try session.startEpisode(task: "too early")
        return nil
    } catch {
        return error.code
    }
}
