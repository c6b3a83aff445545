// Starting, saving and discarding episodes.

import Foundation
import LeRobot

extension RecordingSession {
    /// Begins the next episode with `task`: takes the pre-warmed encoders (waiting for them
    /// only if the previous save was moments ago), checks free space, and starts pre-warming
    /// the encoders of the episode after it.
    ///
    /// - Returns: the episode number.
    /// - Throws: `ERR_NOT_RECORDING` if an episode is open or the session is not started or has
    ///   ended; `ERR_DISK_FULL` below the floor (recording stops); `ERR_PREREQ_FAILED` if the
    ///   encoders could not start (the cause has ffmpeg's error).
    @discardableResult
    public func startEpisode(task: String) throws(RecordingError) -> Int {
        try lock.withLock { () throws(RecordingError) -> Int in
            if let fatal { throw fatal }
            guard open == nil, unqueuedJob == nil else {
                throw RecordingError(.notRecording, "episode \(open?.index ?? unqueuedJob!.episodeIndex) is still open",
                                     hint: "save or discard it first")
            }
            guard !task.isEmpty else {
                throw RecordingError(.invalidFrame, "the task of an episode must not be empty", hint: "describe what the robot does")
            }
            let index: Int
            switch machine.state {
            case .recording(let episode): index = episode
            case .resetting: index = try beginFromResetLocked()
            default:
                throw RecordingError(.notRecording, "cannot start an episode in session state \(machine.state)",
                                     hint: "call start() first; a stopped or failed session is not reused")
            }
            do throws(RecordingError) {
                _ = try diskGuard.check()
            } catch {
                failLocked(error)
                throw error
            }
            guard let pending = pendingTake else {
                throw RecordingError(.notRecording, "no encoders are being prepared", hint: "call start() first")
            }
            let streams: EpisodeStreams
            do throws(RecordingError) {
                streams = try pending.wait(timeout: .seconds(15))
            } catch {
                // A later start tries a fresh take.
                prepareNextTakeLocked()
                throw error
            }
            prepareNextTakeLocked()
            let columns = EpisodeColumns(layout: validated.layout, expectedFrames: expectedFrames,
                                         claimed: Set(validated.rowStreams.flatMap { $0.features.map(\.name) }))
            columns.rowWriters = streams.rowWriters
            consumer?.expect(columns)
            guard pushMarkerLocked(.begin) else {
                streams.cancel()
                let error = RecordingError(.commitFailed, "episode \(index) could not be started: the row ring is full",
                                           hint: "the row consumer is stuck; stop the session")
                failLocked(error)
                throw error
            }
            open = OpenEpisode(index: index, task: task, streams: streams, columns: columns, started: .now)
            return index
        }
    }

    /// `resetting → recording`. Lock held.
    private func beginFromResetLocked() throws(RecordingError) -> Int {
        try transitionLocked(.resetDone)
        guard case .recording(let episode) = machine.state else {
            throw RecordingError(.invalidTransition, "session state \(machine.state) after reset", hint: "this is a bug")
        }
        return episode
    }

    /// Ends the open episode and hands it to the commit queue; returns at once.
    ///
    /// The episode's rows are sealed and its encoders go with it to the committer; the next
    /// ``startEpisode(task:)`` gets pre-warmed encoders. If the commit queue is full it waits up
    /// to `configuration.saveMaxWait` (saying so in the ticket); if there is still no room it
    /// throws `ERR_COMMIT_QUEUE_FULL_TIMEOUT` and keeps the episode — call `saveEpisode()` again.
    ///
    /// - Throws: `ERR_NOT_RECORDING` without an open episode; `ERR_EMPTY_EPISODE` before the
    ///   first frame (discard it instead); `ERR_COMMIT_QUEUE_FULL_TIMEOUT`.
    @discardableResult
    public func saveEpisode() throws(RecordingError) -> EpisodeTicket {
        let (job, queue) = try lock.withLock { () throws(RecordingError) -> (EngineCommitJob, EpisodeCommitQueue<EngineCommitter>) in
            if let fatal { throw fatal }
            guard let queue = self.queue else {
                throw RecordingError(.notRecording, "the session is not started", hint: "call start() first")
            }
            if let unqueuedJob { return (unqueuedJob, queue) }
            guard let episode = open else {
                throw RecordingError(.notRecording, "there is no open episode to save", hint: "call startEpisode(task:) first")
            }
            guard episode.frames > 0 else {
                throw RecordingError(.emptyEpisode, "episode \(episode.index) has no frames", hint: "add frames, or discard it")
            }
            guard pushMarkerLocked(.end) else {
                let error = RecordingError(.commitFailed, "episode \(episode.index) could not be sealed: the row ring is full",
                                           hint: "the row consumer is stuck; stop the session")
                failLocked(error)
                throw error
            }
            let job = EngineCommitJob(episodeIndex: episode.index, task: episode.task, frames: episode.frames,
                                      columns: episode.columns, streams: episode.streams)
            open = nil
            unqueuedJob = job
            return (job, queue)
        }
        var receipt = try queue.tryEnqueue(job)
        if receipt == nil && configuration.saveMaxWait > .zero {
            receipt = try Self.blockingEnqueue(job, queue: queue, maxWait: configuration.saveMaxWait)
        }
        guard let receipt else {
            throw RecordingError(.commitQueueFullTimeout,
                                 "episode \(job.episodeIndex) was not queued: the commit queue is full (\(queue.capacity) episodes)",
                                 hint: "the episode is kept; call saveEpisode() again, or raise saveMaxWait/commitQueueCapacity")
        }
        try lock.withLock { () throws(RecordingError) in
            unqueuedJob = nil
            tallies.episodesSaved += 1
            tallies.savedIndices.append(job.episodeIndex)
            try transitionLocked(.episodeSaved)
        }
        return EpisodeTicket(episode: job.episodeIndex, frames: job.frames, queuePosition: receipt.queuePosition,
                             waited: receipt.waited)
    }

    /// Waits for room in the queue on the calling thread (bounded by `maxWait`).
    private static func blockingEnqueue(_ job: EngineCommitJob, queue: EpisodeCommitQueue<EngineCommitter>,
                                        maxWait: Duration) throws(RecordingError) -> CommitReceipt {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Task.detached {
            do throws(RecordingError) {
                box.result = .success(try await queue.enqueue(job, maxWait: maxWait))
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Drops the open episode: its rows are discarded and its encoders killed (in the
    /// background); the next ``startEpisode(task:)`` records the same episode number again.
    ///
    /// - Throws: `ERR_NOT_RECORDING` without an open episode.
    public func discardEpisode() throws(RecordingError) {
        try lock.withLock { () throws(RecordingError) in
            if let fatal { throw fatal }
            guard let episode = open else {
                throw RecordingError(.notRecording, "there is no open episode to discard", hint: "call startEpisode(task:) first")
            }
            open = nil
            _ = pushMarkerLocked(.end)  // a lost marker only leaves rows that no job reads
            try transitionLocked(.episodeDiscarded)
            tallies.episodesDiscarded += 1
            let streams = episode.streams
            Thread.detachNewThread { streams.cancel() }
        }
    }
}

/// Carries an enqueue result from a task to the thread waiting on a semaphore.
private final class ResultBox: @unchecked Sendable {
    /// Written once by the task before it signals; read after the wait.
    var result: Result<CommitReceipt, RecordingError>?
}
