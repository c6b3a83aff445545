// Stopping, waiting for commits, and failing.

import Foundation
import LeRobot

extension RecordingSession {
    /// Waits until every saved episode is committed or failed, or `timeout` passes; never
    /// longer. Any thread or task.
    public func waitForCommits(timeout: Duration) async -> CommitCounts {
        guard let queue = lock.withLock({ queue }) else { return CommitCounts(committed: 0, failed: 0, pending: 0) }
        return await queue.waitForCommits(timeout: timeout)
    }

    /// The commit status of episode `episode`, or nil if it was never saved.
    public func status(of episode: Int) -> EpisodeCommitStatus? {
        lock.withLock { queue }?.status(of: episode)
    }

    /// Ends the session: an open episode with frames is saved (stopping never loses what was
    /// recorded; an empty one is dropped), the queue is closed, and saved episodes are waited
    /// for up to `timeout`. Then the row consumer, the disk monitor and the spare encoders stop.
    ///
    /// - Returns: exact counts; `commits.pending` > 0 means the timeout passed first (those
    ///   episodes keep committing in the background until the process exits).
    public func stop(timeout: Duration) async -> SessionSummary {
        var saveError: RecordingError?
        let hasOpenFrames = lock.withLock { (open?.frames ?? 0) > 0 || unqueuedJob != nil }
        if hasOpenFrames && lock.withLock({ fatal == nil }) {
            do {
                _ = try saveEpisode()
            } catch {
                saveError = error
            }
            // A full queue: wait for room within the stop's own bound rather than drop the episode.
            if saveError?.code == .commitQueueFullTimeout, let (job, queue) = lock.withLock({ unqueuedJob.map { ($0, self.queue!) } }) {
                do throws(RecordingError) {
                    _ = try await queue.enqueue(job, maxWait: timeout)
                    lock.withLock {
                        unqueuedJob = nil
                        tallies.episodesSaved += 1
                        tallies.savedIndices.append(job.episodeIndex)
                        _ = try? transitionLocked(.episodeSaved)  // ok: recording → resetting; cannot fail here
                    }
                    saveError = nil
                } catch {
                    saveError = error
                }
            }
        }
        let (queue, emptyOpen, pending) = lock.withLock { () -> (EpisodeCommitQueue<EngineCommitter>?, EpisodeStreams?, PendingTake?) in
            let emptyOpen = open?.streams
            open = nil
            if let saveError, let index = unqueuedJob?.episodeIndex {
                // Not queued: its spool stays on disk (nothing deleted), and the failure is published.
                events.emit(.episodeStatus(episode: index, status: .failed(
                    code: saveError.rootCode, message: "episode \(index) could not be saved at stop: \(saveError)")))
            }
            if !machine.state.isTerminal {
                _ = try? transitionLocked(.stop)  // ok: accepted from every non-terminal state but stopping
            }
            defer { pendingTake = nil }
            return (self.queue, emptyOpen, pendingTake)
        }
        emptyOpen?.cancel()
        pending?.discard()
        queue?.close()
        let counts = await queue?.waitForCommits(timeout: timeout) ?? CommitCounts(committed: 0, failed: 0, pending: 0)
        monitorTask?.cancel()
        let consumer = lock.withLock { () -> RowConsumer? in
            ring?.finish()
            return self.consumer
        }
        _ = consumer?.waitUntilFinished(timeout: .seconds(5))
        // The reporter's last report after cancellation makes the frame metrics final.
        let metricsTask = lock.withLock { self.metricsTask }
        metricsTask?.cancel()
        await metricsTask?.value
        // Removes the spool directory only if empty (failed takes keep it); ENOTEMPTY is expected then.
        _ = rmdir(configuration.effectiveSpoolDirectory)
        return lock.withLock { () -> SessionSummary in
            if case .stopping = machine.state, counts.pending == 0 { _ = try? transitionLocked(.drained) }  // ok: drained is valid from stopping
            var statuses: [Int: EpisodeCommitStatus] = [:]
            for episode in tallies.savedIndices { statuses[episode] = queue?.status(of: episode) }
            return SessionSummary(
                state: machine.state, commits: counts, statuses: statuses, framesAdded: tallies.framesAdded,
                framesRejected: tallies.framesRejected, episodesSaved: tallies.episodesSaved,
                episodesDiscarded: tallies.episodesDiscarded, failure: fatal ?? saveError)
        }
    }

    /// Stops recording because of `error` (disk full, an encoder that cannot start, a lost
    /// marker): the open episode is failed visibly and its encoders killed; later `addFrame`
    /// calls throw `error`. Episodes already saved still commit. Any thread.
    func fail(_ error: RecordingError) {
        lock.withLock { failLocked(error) }
    }

    /// ``fail(_:)`` with the lock held.
    func failLocked(_ error: RecordingError) {
        guard fatal == nil else { return }
        fatal = error
        if !machine.state.isTerminal, machine.state != .stopping {
            _ = try? transitionLocked(.fatal(error))  // ok: accepted from every non-terminal state
        }
        events.emit(.error(code: error.rootCode, message: error.message))
        if let episode = open {
            open = nil
            events.emit(.episodeStatus(episode: episode.index, status: .failed(
                code: error.rootCode, message: "episode \(episode.index) was being recorded when recording stopped: \(error.message)")))
            _ = pushMarkerLocked(.end)
            let streams = episode.streams
            Thread.detachNewThread { streams.cancel() }
        }
    }
}
