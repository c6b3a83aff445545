#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LeRobot
import Recording

/// The benchmark loop: the demo workload (the same recorders as `episodic record`) paced at the
/// plan's fps through an `Observer` and its `RecordingSession`, with each session call timed
/// (`addFrame` alone: the recorders capture before the clock starts). Control loop on the calling thread; commit times come from the
/// session's event stream on a detached task.
struct BenchRun {
    let plan: RecordPlan

    /// Commit instants per episode, written by the event listener.
    final class CommitTimes: @unchecked Sendable {
        let lock = NSLock()
        var committed: [Int: UInt64] = [:]
    }

    func execute() async throws -> BenchResult {
        let observer = try Observer(configuration: plan.recordingConfiguration,
                                    recorders: plan.makeRecorders(stateReader: nil, ffmpegCameras: []))
        let session = observer.session
        let times = CommitTimes()
        let events = session.events.subscribe(bufferSize: 4096)
        let listener = Task.detached {
            for await envelope in events {
                if case .episodeStatus(let episode, .committed) = envelope.event {
                    times.lock.withLock { times.committed[episode] = PacedClock.now() }
                }
            }
        }
        let started = PacedClock.now()
        try await observer.start(task: plan.task)
        let period = UInt64(1_000_000_000 / plan.fps)
        var adds: [UInt64] = []
        adds.reserveCapacity(plan.episodes * plan.framesPerEpisode)
        var saves: [UInt64] = []
        var savedAt: [Int: UInt64] = [:]
        var streams: [[BenchResult.Stream]] = []
        for _ in 0..<plan.episodes {
            let number = try observer.startEpisode(task: plan.task)
            var deadline = PacedClock.now()
            for _ in 0..<plan.framesPerEpisode {
                PacedClock.sleep(until: deadline)
                deadline += period
                try observer.captureFrame()
                let t0 = PacedClock.now()
                try observer.addFrame()
                adds.append(PacedClock.now() - t0)
            }
            streams.append(session.progress().streams.map {
                .init(name: $0.name, frames: $0.frames, duplicates: $0.duplicates, gaps: $0.gaps)
            })
            let s0 = PacedClock.now()
            try observer.saveEpisode()
            let s1 = PacedClock.now()
            saves.append(s1 - s0)
            savedAt[number] = s1
        }
        let summary = await observer.stop(timeout: .seconds(600))
        let wall = PacedClock.seconds(started, PacedClock.now())
        session.events.finish()
        await listener.value
        let durable: [UInt64?] = savedAt.keys.sorted().map { episode in
            times.lock.withLock { times.committed[episode] }.map { $0 &- savedAt[episode]! }
        }
        var me = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &me)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        var problems = -1
        do {
            problems = try Verifier().verify(root: plan.output).problems.count
        } catch {
            problems = -1  // not a readable dataset: reported as unverified below
        }
        return BenchResult(
            cameras: plan.cameras.count, width: plan.width, height: plan.height, fps: plan.fps, episodes: plan.episodes,
            episodeSeconds: plan.episodeSeconds, codec: plan.codec.rawValue, addFrame: adds, saveEpisode: saves,
            endToDurable: durable, framePeriod: period, wallSeconds: wall,
            cpuSelf: seconds(me.ru_utime) + seconds(me.ru_stime), cpuChildren: seconds(children.ru_utime) + seconds(children.ru_stime),
            peakRSSSelf: me.ru_maxrss * 1024, peakRSSChildren: children.ru_maxrss * 1024, streams: streams,
            committed: summary.commits.committed, failed: summary.commits.failed, verified: problems == 0,
            verifyProblems: max(problems, 0))
    }
}
