// Starting a session: approval, then the dataset writer, the row consumer and the committer.

import Foundation
import LeRobot

extension RecordingSession {
    /// Asks the approval gate, then opens the dataset (writing nothing until the first commit
    /// but its directory), starts the row consumer thread, the committer, the disk monitor, and
    /// pre-warms the first episode's encoders. Returns once approved and started; episode 0
    /// begins with ``startEpisode(task:)``.
    ///
    /// - Parameters:
    ///   - task: shown to the approver.
    ///   - requester: who asks (shown to the approver).
    /// - Throws: `ERR_APPROVAL_DENIED` (nothing opened), `ERR_INVALID_TRANSITION` if already
    ///   started, `ERR_DISK_FULL` below the floor, `ERR_PREREQ_FAILED` if the dataset cannot be
    ///   created (the cause says why, e.g. it already exists).
    public func start(task: String = "", requester: String = "episodic") async throws(RecordingError) {
        // Resuming: episode numbers continue after the dataset's last (read only; nothing written).
        let first = configuration.resume ? try existingEpisodeCount() : 0
        try lock.withLock { () throws(RecordingError) in
            if machine.state == .idle, first != machine.firstEpisodeIndex { machine = SessionStateMachine(firstEpisodeIndex: first) }
            _ = try transitionLocked(.start)
        }
        let request = ApprovalRequest(dataset: configuration.root, task: task, requester: requester)
        let answer = await configuration.approvalGate.sessionEvent(for: request)
        try lock.withLock { () throws(RecordingError) in
            _ = try transitionLocked(answer)
            switch machine.state {
            case .rejected(let reason):
                throw RecordingError(.approvalDenied, "recording into \(configuration.root) was not approved: \(reason)",
                                     hint: "ask the reviewer, or record without a gate")
            case .failed(let code, let message):
                throw RecordingError(code, message, hint: "the approval gate failed; nothing was opened")
            default:
                break
            }
            do throws(RecordingError) {
                try openLocked()
            } catch {
                _ = try? transitionLocked(.fatal(error))  // ok: cannot fail from `recording`
                fatal = error
                throw error
            }
        }
    }

    /// Creates the writer, ring, consumer, queue and tasks. Lock held.
    private func openLocked() throws(RecordingError) {
        var info = DatasetInfo(version: configuration.version, fps: configuration.fps,
                               features: validated.features, robotType: configuration.robotType)
        info.writesEpisodicBlock = true
        let durable = DurableFile()
        let writer: DatasetWriter
        do {
            writer = configuration.resume
                ? try DatasetWriter(resuming: configuration.root, expecting: info, durable: durable)
                : try DatasetWriter(root: configuration.root, info: info, durable: durable)
        } catch {
            throw RecordingError.prerequisite("opening the dataset \(configuration.root)", failedBecause: error)
        }
        guard writer.episodes.count == machine.firstEpisodeIndex else {
            throw RecordingError(.prerequisiteFailed,
                                 "\(configuration.root) changed while waiting for approval: it has \(writer.episodes.count) episodes, expected \(machine.firstEpisodeIndex)",
                                 hint: "do not record into one dataset from two sessions")
        }
        _ = try diskGuard.check()
        // wakeBatch: the control loop wakes the row consumer once per 8 rows, not per row (the
        // consumer also polls every 20 ms, so a sealed episode waits at most that long).
        let ring = try FrameRing(slotCount: configuration.effectiveRowRingSlots, slotSize: validated.layout.rowBytes,
                                 policy: .duplicatePrevious, wakeBatch: 8)
        let consumer = RowConsumer(ring: ring)
        consumer.start()
        let committer = EngineCommitter(box: DatasetWriterBox(writer: writer, durable: durable), metrics: metrics,
                                        stall: commitStall) { [weak self] error in
            self?.fail(error)
        }
        let queue = try EpisodeCommitQueue(capacity: configuration.commitQueueCapacity, committer: committer,
                                           retry: configuration.retry, events: events, metrics: metrics)
        self.ring = ring
        self.consumer = consumer
        self.queue = queue
        committerTask = Task.detached { await queue.run() }
        let monitor = DiskSpaceMonitor(diskGuard: diskGuard, events: events, onDiskFull: { [weak self] error in self?.fail(error) })
        let interval = configuration.diskCheckInterval
        monitorTask = Task.detached { await monitor.run(every: interval) }
        if let metrics { startFrameMetricsLocked(metrics, ring: ring) }
        prepareNextTakeLocked()
    }

    /// Forwards `episodic_frames_total{stream,outcome}` every 500 ms: the row ring's counters
    /// (stream `rows`) and each image stream's queued and duplicated frames, counted by
    /// `addFrame` under the session lock. (`written` is added by the committer per committed
    /// episode.) Lock held.
    private func startFrameMetricsLocked(_ metrics: RecordingMetrics, ring: FrameRing) {
        var sources: [(name: String, counters: @Sendable () -> FrameRingCounters)] = [("rows", { [weak self] in
            guard let self else { return FrameRingCounters() }
            // The ring also carries the episode markers; they are not frames.
            var counters = ring.counters
            let markers = self.lock.withLock { self.tallies.rowMarkers }
            let fromAccepted = min(markers, counters.accepted)
            counters.accepted -= fromAccepted
            counters.acceptedAfterWait -= min(markers - fromAccepted, counters.acceptedAfterWait)
            return counters
        })]
        for (i, stream) in validated.imageStreams.enumerated() {
            sources.append((stream.name, { [weak self] in
                guard let self else { return FrameRingCounters() }
                return self.lock.withLock { self.tallies.imageStreams[i] }
            }))
        }
        let reporter = FrameCounterReporter(sources: sources, events: nil, metrics: metrics)
        metricsTask = Task.detached { await reporter.run(every: .milliseconds(500)) }
    }

    /// Episodes already in the dataset being resumed (reads its metadata only).
    private func existingEpisodeCount() throws(RecordingError) -> Int {
        do {
            return try DatasetReader(root: configuration.root).episodes.count
        } catch {
            throw RecordingError.prerequisite("reading the dataset \(configuration.root) to resume it", failedBecause: error)
        }
    }
}
