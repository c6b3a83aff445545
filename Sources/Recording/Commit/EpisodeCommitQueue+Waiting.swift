extension EpisodeCommitQueue {
    /// Waits until no episode is queued or committing, or until `timeout` has passed, and
    /// returns the counts at that moment. Never waits longer than `timeout` (plus scheduling),
    /// even if the committer is stuck or was never started.
    public func waitForCommits(timeout: Duration) async -> CommitCounts {
        let id = lock.withLock { state.takeWaiterID() }
        return await withCheckedContinuation { (continuation: CheckedContinuation<CommitCounts, Never>) in
            let immediate = lock.withLock { () -> CommitCounts? in
                if state.occupancy == 0 { return state.counts }
                let timeoutTask = Task { [weak self] in
                    // Cancellation means the waiter was served; expiring is then a no-op.
                    try? await Task.sleep(for: timeout)  // ok: cancelled = served
                    self?.expireDrainWaiter(id)
                }
                state.drainWaiters[id] = DrainWaiter(continuation: continuation, timeout: timeoutTask)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// Moves waiting savers into the queue, oldest first, while there is room.
    func admitWaitersIfRoom() {
        let (admitted, wake) = lock.withLock { () -> ([(SpaceWaiter<Job>, CommitReceipt)], WorkerWake<Job>?) in
            var admitted: [(SpaceWaiter<Job>, CommitReceipt)] = []
            var wake: WorkerWake<Job>?
            while !state.closed, state.occupancy < capacity, !state.spaceWaiters.isEmpty {
                let waiter = state.spaceWaiters.removeFirst()
                let (receipt, workerWake) = admitLocked(waiter.job, waited: ContinuousClock.now - waiter.started)
                admitted.append((waiter, receipt))
                wake = wake ?? workerWake
            }
            return (admitted, wake)
        }
        wake?.resume()
        for (waiter, receipt) in admitted {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: .admitted(receipt))
        }
    }

    /// Resumes every `waitForCommits` caller if nothing is queued or committing.
    func signalDrainWaitersIfIdle() {
        let (waiters, counts) = lock.withLock { () -> ([DrainWaiter], CommitCounts) in
            guard state.occupancy == 0 else { return ([], state.counts) }
            defer { state.drainWaiters.removeAll() }
            return (Array(state.drainWaiters.values), state.counts)
        }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: counts)
        }
    }

    func expireSpaceWaiter(_ id: Int) {
        let waiter = lock.withLock { () -> SpaceWaiter<Job>? in
            guard let index = state.spaceWaiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.spaceWaiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: .timedOut)
    }

    func expireDrainWaiter(_ id: Int) {
        let (waiter, counts) = lock.withLock { () -> (DrainWaiter?, CommitCounts) in
            (state.drainWaiters.removeValue(forKey: id), state.counts)
        }
        waiter?.continuation.resume(returning: counts)
    }
}

extension EpisodeCommitQueue {
    /// Savers waiting for room right now (tests sequence on it instead of sleeping).
    var waitingSavers: Int { lock.withLock { state.spaceWaiters.count } }
}
