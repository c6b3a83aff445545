import Foundation
import LeRobot
import Recording
import RobotSources
import Video

/// Runs one validated `episodic record`: opens the sources, registers them as recorders with an
/// ``Observer`` (which owns the session), drives the paced control loop with keys and live
/// progress, then stops with a bounded wait for commits and prints the summary.
///
/// Threading: ``execute()`` runs the control loop on the calling thread (it blocks while
/// pacing); sources and the engine have their own threads.
final class RecordRun {
    let plan: RecordPlan
    private let keyboard: KeyboardControl?
    private var progress: ProgressOutput
    private var stateReader: StateStreamReader?
    private var cameras: [FFmpegCameraSource] = []
    /// The task printing `committed episode N` lines (plain mode only).
    private var commitLines: Task<Void, Never>?
    private let sessionStart = PacedClock.now()
    /// Bound on waiting for pending commits at exit.
    static let commitTimeout: Duration = .seconds(120)

    init(plan: RecordPlan) {
        self.plan = plan
        var interactive = KeyboardControl.isTerminal()
        if case .external(.lines(fd: 0)) = plan.state { interactive = false }
        keyboard = interactive ? KeyboardControl() : nil
        progress = ProgressOutput(isTerminal: KeyboardControl.isTerminal(STDERR_FILENO))
    }

    /// Records, and returns the exit status: 0 when every saved episode committed.
    func execute() async -> Int32 {
        InterruptFlag.install()
        let observer: Observer
        do {
            try openSources()
            observer = try Observer(configuration: plan.recordingConfiguration,
                                    recorders: plan.makeRecorders(stateReader: stateReader, ffmpegCameras: cameras))
            commitLines = progress.isTerminal ? nil : Self.printCommits(of: observer.session)
            try await observer.start(task: plan.task)
        } catch {
            closeSources()
            report(error)
            return 2
        }
        keyboard?.start()
        var stopReason: (any Error)?
        var saved = 0
        do {
            stopReason = nil
            saved = try loop(observer)
        } catch {
            stopReason = error
        }
        keyboard?.restore()
        progress.finish()
        let summary = await observer.stop(timeout: Self.commitTimeout)
        observer.session.events.finish()
        await commitLines?.value
        closeSources()
        if let stopReason { report(stopReason) }
        return printSummary(summary, saved: saved, failedEarly: stopReason != nil)
    }

    /// Prints `committed episode N` on stderr, unbuffered, as each episode's commit becomes
    /// durable, so a log (or a crash test) knows exactly which episodes are safe. Plain mode
    /// only: a terminal shows the count on its progress screen. The line follows the commit,
    /// so a crash may lose the line of an episode that did commit, never the reverse.
    private static func printCommits(of session: RecordingSession) -> Task<Void, Never> {
        let events = session.events.subscribe(bufferSize: 4096)
        return Task.detached {
            for await envelope in events {
                if case .episodeStatus(let episode, .committed) = envelope.event {
                    FileHandle.standardError.write(Data("committed episode \(episode)\n".utf8))
                }
            }
        }
    }

    /// The control loop over episodes; returns the number of episodes saved.
    private func loop(_ observer: Observer) throws -> Int {
        let session = observer.session
        var saved = 0
        let period = UInt64(1_000_000_000 / plan.fps)
        let frames = plan.framesPerEpisode
        episodes: while saved < plan.episodes && !InterruptFlag.isSet {
            try observer.startEpisode(task: plan.task)
            var tick = 0
            var paused = false
            var exitAfterSave = false
            var deadline = PacedClock.now()
            let started = deadline
            var pausedSeconds = 0.0
            ticks: while tick < frames {
                PacedClock.sleep(until: deadline)
                if InterruptFlag.isSet {
                    try observer.discardEpisode()
                    break episodes
                }
                for command in keyboard?.poll() ?? [] {
                    switch command {
                    case .saveAndNext: break ticks
                    case .saveAndExit:
                        exitAfterSave = true
                        break ticks
                    case .rerecord:
                        try observer.discardEpisode()
                        continue episodes
                    case .togglePause: paused.toggle()
                    }
                }
                deadline += period
                if paused {
                    pausedSeconds += Double(period) / 1e9
                    draw(session, .paused, saved, PacedClock.seconds(started, PacedClock.now()) - pausedSeconds, tick: tick)
                    continue
                }
                try observer.tick()
                tick += 1
                if tick % max(plan.fps / 5, 1) == 0 {
                    draw(session, .recording, saved, Double(tick) / Double(plan.fps), tick: tick)
                }
            }
            if tick == 0 {
                try observer.discardEpisode()
            } else {
                try observer.saveEpisode()
                saved += 1
            }
            if exitAfterSave { break }
            if saved < plan.episodes && plan.resetSeconds > 0 { try reset(session, saved: saved) }
        }
        return saved
    }

    /// The reset period between episodes: keys still work (`e` ends the session, `n` skips it).
    private func reset(_ session: RecordingSession, saved: Int) throws {
        let start = PacedClock.now()
        let end = start + UInt64(plan.resetSeconds * 1e9)
        while PacedClock.now() < end && !InterruptFlag.isSet {
            PacedClock.sleep(until: min(PacedClock.now() + 100_000_000, end))
            for command in keyboard?.poll() ?? [] where command == .saveAndNext || command == .saveAndExit { return }
            draw(session, .resetting, saved, PacedClock.seconds(start, PacedClock.now()), tick: 0)
        }
    }

    private func draw(_ session: RecordingSession, _ phase: ProgressSnapshot.Phase, _ episode: Int, _ elapsed: Double, tick: Int) {
        let snapshot = ProgressSnapshot(
            progress: session.progress(), phase: phase, episode: episode, plan: plan, phaseElapsed: elapsed,
            phaseSeconds: phase == .resetting ? plan.resetSeconds : plan.episodeSeconds,
            sessionElapsed: PacedClock.seconds(sessionStart, PacedClock.now()),
            rejectedStates: stateReader?.counters.rejected, showKeys: keyboard != nil)
        progress.show(snapshot)
    }

    private func openSources() throws {
        if case .external(let endpoint) = plan.state {
            let reader = StateStreamReader(
                endpoint: endpoint,
                features: [.init(name: "observation.state", count: plan.joints), .init(name: "action", count: plan.joints)]
            ) { error in
                CLIError.report(code: error.code.rawValue, message: error.message + " (further lines with this error are counted, not printed)",
                                hint: error.hint)
            }
            try reader.start()
            stateReader = reader
        }
        for camera in plan.cameras {
            guard case .ffmpeg(let input) = camera.source else { continue }
            let source = try FFmpegCameraSource(name: camera.name, input: input, width: plan.width, height: plan.height)
            try source.start()
            cameras.append(source)
        }
        for camera in cameras { try camera.waitForFirstFrame(timeout: 15) }
    }

    private func closeSources() {
        for camera in cameras { camera.stop() }
        stateReader?.stop()
    }

    private func report(_ error: any Error) {
        switch error {
        case let e as RecordingError:
            // A wrapped failure names its cause (e.g. the resume mismatch behind ERR_PREREQ_FAILED).
            let cause = e.cause.map { " — caused by \($0)" } ?? ""
            CLIError.report(code: e.code.rawValue, message: e.message + cause, hint: e.hint)
        case let e as SourceError: CLIError.report(code: e.code.rawValue, message: e.message, hint: e.hint)
        case let e as LeRobotError: CLIError.report(code: e.code.rawValue, message: e.message, hint: e.hint)
        default: CLIError.report(code: "ERR_INTERNAL", message: "\(error)", hint: nil)
        }
    }

    /// Prints the final summary to stdout and returns the exit status.
    private func printSummary(_ summary: SessionSummary, saved: Int, failedEarly: Bool) -> Int32 {
        var lines = ["recorded \(plan.output): \(summary.episodesSaved) episode(s) saved, \(summary.episodesDiscarded) discarded, "
                     + "\(summary.framesAdded) frames"]
        lines.append("commits: \(summary.commits.committed) committed, \(summary.commits.failed) failed, "
                     + "\(summary.commits.pending) pending")
        for camera in cameras {
            let c = camera.counters
            lines.append("camera \(camera.name): \(c.received) frames received, \(c.taken) used, \(c.skipped) skipped, "
                         + "\(c.duplicated) duplicated (gaps)")
        }
        if let stateReader {
            let c = stateReader.counters
            let codes = c.rejectedByCode.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            lines.append("state: \(c.accepted) accepted, \(c.rejected) rejected\(codes.isEmpty ? "" : " (" + codes.joined(separator: ", ") + ")"), "
                         + "\(c.consumed) used, \(c.repeated) repeated, \(c.dropped) dropped")
        }
        print(lines.joined(separator: "\n"))
        let allCommitted = summary.commits.failed == 0 && summary.commits.pending == 0
            && summary.commits.committed == summary.episodesSaved && summary.episodesSaved > 0
        if allCommitted && !failedEarly && !InterruptFlag.isSet { return 0 }
        if !allCommitted {
            CLIError.report(code: CLIError.Code.notAllCommitted.rawValue,
                            message: "\(summary.commits.committed) of \(summary.episodesSaved) saved episodes committed",
                            hint: "run episodic recover \(plan.output); committed episodes are intact")
        }
        return InterruptFlag.isSet ? 130 : 1
    }
}
