extension EpisodeCommitQueue {
    /// The committer: takes episodes in FIFO order and commits each, with retries, until the
    /// queue is closed and empty. Run it exactly once, in a task the owner keeps (a second call
    /// returns at once).
    ///
    /// Cancelling the task does not abandon the episode in hand: its remaining attempts run
    /// without backoff waits, and the loop still ends only when the queue is closed and empty.
    public func run() async {
        let first = lock.withLock { () -> Bool in
            defer { state.running = true }
            return !state.running
        }
        guard first else { return }
        while let job = await nextJob() {
            await commitWithRetries(job)
            admitWaitersIfRoom()
            signalDrainWaitersIfIdle()
        }
    }

    /// The next job, marked committing; `nil` once the queue is closed and empty.
    private func nextJob() async -> Job? {
        while true {
            let taken = lock.withLock { () -> Job?? in
                if !state.pending.isEmpty {
                    let job = state.pending.removeFirst()
                    state.committing = true
                    setStatusLocked(job.episodeIndex, .committing(attempt: 1))
                    return .some(job)
                }
                return state.closed ? .some(nil) : nil
            }
            if let taken { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = lock.withLock { () -> Bool in
                    if !state.pending.isEmpty || state.closed { return true }
                    state.parkedWorker = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Commits `job`, retrying transient errors; records the final status.
    private func commitWithRetries(_ job: Job) async {
        let started = ContinuousClock.now
        var attempt = 1
        while true {
            do {
                try await committer.commit(job, attempt: attempt)
                let elapsed = ContinuousClock.now - started
                lock.withLock {
                    state.committing = false
                    state.committedCount += 1
                    setStatusLocked(job.episodeIndex, .committed)
                    publishDepthLocked()
                }
                metrics?.recordCommit(nanoseconds: Self.nanoseconds(elapsed))
                return
            } catch {
                if attempt < retry.maxAttempts && committer.isTransient(error) {
                    let delay = retry.delay(afterAttempt: attempt)
                    let code = (error as? RecordingError)?.rootCode ?? .transientIO
                    events?.emit(.commitRetry(episode: job.episodeIndex, attempt: attempt, code: code, delay: delay))
                    do {
                        try await backoffSleep(delay)
                    } catch {
                        // Only cancellation interrupts the wait; retrying at once is still
                        // better than giving up on an episode that may commit.
                    }
                    attempt += 1
                    lock.withLock { setStatusLocked(job.episodeIndex, .committing(attempt: attempt)) }
                    continue
                }
                let code = (error as? RecordingError)?.rootCode ?? .commitFailed
                let message = "episode \(job.episodeIndex) failed after \(attempt) attempt(s): \(error)"
                lock.withLock {
                    state.committing = false
                    state.failedCount += 1
                    state.failedJobs[job.episodeIndex] = job
                    setStatusLocked(job.episodeIndex, .failed(code: code, message: message))
                    publishDepthLocked()
                }
                metrics?.recordCommitFailure(code: code)
                return
            }
        }
    }

    func setStatusLocked(_ episode: Int, _ status: EpisodeCommitStatus) {
        state.statuses[episode] = status
        events?.emit(.episodeStatus(episode: episode, status: status))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
