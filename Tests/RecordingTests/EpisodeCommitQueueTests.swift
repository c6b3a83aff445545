import MetricsTestKit
import Testing
@testable import Recording

@Suite struct EpisodeCommitQueueTests {
    private func job(_ index: Int) -> TestJob { TestJob(episodeIndex: index, frames: [index, index + 1, index + 2]) }

    @Test func commitsInFifoOrderAndPublishesEachStatus() async throws {
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 1000)
        let committer = FakeCommitter()
        let queue = try EpisodeCommitQueue(capacity: 4, committer: committer, events: events)
        var positions: [Int] = []
        for index in 0..<3 { positions.append(try #require(try queue.tryEnqueue(job(index))).queuePosition) }
        #expect(positions == [0, 1, 2])
        queue.close()
        await queue.run()  // returns once closed and drained
        #expect(queue.counts == CommitCounts(committed: 3, failed: 0, pending: 0))
        #expect(committer.calls.map(\.episode) == [0, 1, 2])
        #expect(committer.calls.map(\.attempt) == [1, 1, 1])
        events.finish()
        let published = await collect(stream)
        #expect(statuses(published) == [
            "0:queued", "1:queued", "2:queued",
            "0:committing(attempt: 1)", "0:committed",
            "1:committing(attempt: 1)", "1:committed",
            "2:committing(attempt: 1)", "2:committed",
        ])
        let depths = published.compactMap { event -> Int? in
            if case .commitQueueDepth(let depth) = event { return depth }
            return nil
        }
        #expect(depths == [1, 2, 3, 2, 1, 0])
    }

    @Test func transientFailuresAreRetriedWithExponentialBackoff() async throws {
        let sleeps = SleepRecorder()
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 1000)
        let committer = FakeCommitter([0: .failTransient(times: 3)])
        let queue = try EpisodeCommitQueue(
            capacity: 2, committer: committer,
            retry: RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .milliseconds(300)),
            events: events, backoffSleep: sleeps.sleep)
        _ = try queue.tryEnqueue(job(0))
        queue.close()
        await queue.run()
        #expect(sleeps.delays == [.milliseconds(100), .milliseconds(200), .milliseconds(300)])
        #expect(committer.calls.map(\.attempt) == [1, 2, 3, 4])
        #expect(queue.status(of: 0) == .committed)
        events.finish()
        let published = await collect(stream)
        #expect(statuses(published) == [
            "0:queued", "0:committing(attempt: 1)", "0:committing(attempt: 2)", "0:committing(attempt: 3)",
            "0:committing(attempt: 4)", "0:committed",
        ])
        let retries = published.filter { if case .commitRetry = $0 { true } else { false } }
        #expect(retries == [
            .commitRetry(episode: 0, attempt: 1, code: .transientIO, delay: .milliseconds(100)),
            .commitRetry(episode: 0, attempt: 2, code: .transientIO, delay: .milliseconds(200)),
            .commitRetry(episode: 0, attempt: 3, code: .transientIO, delay: .milliseconds(300)),
        ])
    }

    /// Every attempt gets the job exactly as queued, though the committer changes its copy.
    @Test func retriesSeeTheOriginalJob() async throws {
        let committer = FakeCommitter([7: .failTransient(times: 2)])
        let queue = try EpisodeCommitQueue(capacity: 1, committer: committer, backoffSleep: SleepRecorder().sleep)
        let original = job(7)
        _ = try queue.tryEnqueue(original)
        queue.close()
        await queue.run()
        #expect(committer.calls == [
            .init(episode: 7, attempt: 1, job: original), .init(episode: 7, attempt: 2, job: original),
            .init(episode: 7, attempt: 3, job: original),
        ])
    }

    @Test func aJobThatFailsForeverIsMarkedFailedAndKept() async throws {
        let metrics = TestMetrics()
        let sleeps = SleepRecorder()
        let committer = FakeCommitter([1: .failForever])
        let queue = try EpisodeCommitQueue(
            capacity: 3, committer: committer, retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10)),
            metrics: RecordingMetrics(factory: metrics), backoffSleep: sleeps.sleep)
        for index in 0..<3 { _ = try queue.tryEnqueue(job(index)) }
        queue.close()
        await queue.run()
        #expect(queue.counts == CommitCounts(committed: 2, failed: 1, pending: 0))
        #expect(queue.status(of: 1) == .failed(
            code: .transientIO,
            message: "episode 1 failed after 3 attempt(s): ERR_TRANSIENT_IO: EAGAIN writing episode 1"))
        #expect(queue.failedJob(episode: 1) == job(1))
        #expect(queue.failedJob(episode: 0) == nil)
        #expect(sleeps.delays == [.milliseconds(10), .milliseconds(20)])
        // The episodes after the failed one still commit, in order.
        #expect(committer.calls.map(\.episode) == [0, 1, 1, 1, 2])
        #expect(try metrics.expectCounter(RecordingMetrics.Name.commitFailures, [("code", "ERR_TRANSIENT_IO")]).totalValue == 1)
        #expect(try metrics.expectTimer(RecordingMetrics.Name.commitSeconds).values.count == 2)
        #expect(try metrics.expectGauge(RecordingMetrics.Name.queueDepth, [("queue", "commit")]).lastValue == 0)
    }

    @Test func permanentErrorsAreNotRetried() async throws {
        let sleeps = SleepRecorder()
        let committer = FakeCommitter([0: .failPermanent(.diskFull)])
        let queue = try EpisodeCommitQueue(capacity: 1, committer: committer, backoffSleep: sleeps.sleep)
        _ = try queue.tryEnqueue(job(0))
        queue.close()
        await queue.run()
        #expect(committer.calls.count == 1)
        #expect(sleeps.delays.isEmpty)
        #expect(queue.status(of: 0) == .failed(
            code: .diskFull, message: "episode 0 failed after 1 attempt(s): ERR_DISK_FULL: episode 0 cannot be written"))
    }

    /// Capacity 1 and a held committer: the second save waits, is admitted when the first
    /// commit ends, and says it waited. Nothing is dropped.
    @Test func aSaveIntoAFullQueueWaitsAndSaysSo() async throws {
        let gate = Gate()
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 1000)
        let queue = try EpisodeCommitQueue(capacity: 1, committer: FakeCommitter([0: .hold(gate)]), events: events)
        let worker = Task { await queue.run() }
        #expect(try queue.tryEnqueue(job(0))?.queuePosition == 0)
        await eventually { queue.status(of: 0) == .committing(attempt: 1) }
        #expect(try queue.tryEnqueue(job(1)) == nil)
        #expect(queue.status(of: 1) == nil)
        async let second = queue.enqueue(job(1), maxWait: .seconds(600))
        await eventually { queue.waitingSavers == 1 }
        // A newcomer may not jump the waiting saver, even if room appeared.
        #expect(try queue.tryEnqueue(job(2)) == nil)
        gate.open()
        let receipt = try await second
        #expect(receipt.episodeIndex == 1)
        #expect(receipt.queuePosition == 0)
        #expect(receipt.waited != nil)
        #expect(await queue.waitForCommits(timeout: .seconds(600)) == CommitCounts(committed: 2, failed: 0, pending: 0))
        queue.close()
        await worker.value
        events.finish()
        let waited = await collect(stream).filter { if case .commitQueueWaited(1, _) = $0 { true } else { false } }
        #expect(waited.count == 1)
    }

    @Test func aSaveThatWaitsPastItsBoundFailsAndTheJobStaysTheCallers() async throws {
        let gate = Gate()
        let queue = try EpisodeCommitQueue(capacity: 1, committer: FakeCommitter([0: .hold(gate)]))
        let worker = Task { await queue.run() }
        _ = try queue.tryEnqueue(job(0))
        do {
            _ = try await queue.enqueue(job(1), maxWait: .milliseconds(20))
            Issue.record("a save into a held full queue succeeded")
        } catch {
            #expect(error.code == .commitQueueFullTimeout)
            #expect(error.message.hasPrefix("episode 1 could not be queued: the commit queue stayed full (1 episodes) for"))
        }
        #expect(queue.status(of: 1) == nil)
        #expect(queue.waitingSavers == 0)
        #expect(queue.counts == CommitCounts(committed: 0, failed: 0, pending: 1))
        gate.open()
        queue.close()
        await worker.value
        #expect(queue.counts == CommitCounts(committed: 1, failed: 0, pending: 0))
    }

    @Test func waitForCommitsReturnsCountsWhenTheCommitterIsStuck() async throws {
        let gate = Gate()
        let queue = try EpisodeCommitQueue(capacity: 4, committer: FakeCommitter([0: .hold(gate)]))
        let worker = Task { await queue.run() }
        _ = try queue.tryEnqueue(job(0))
        _ = try queue.tryEnqueue(job(1))
        #expect(await queue.waitForCommits(timeout: .milliseconds(20)) == CommitCounts(committed: 0, failed: 0, pending: 2))
        gate.open()
        #expect(await queue.waitForCommits(timeout: .seconds(600)) == CommitCounts(committed: 2, failed: 0, pending: 0))
        queue.close()
        await worker.value
    }

    @Test func waitForCommitsReturnsWhenNoCommitterRuns() async throws {
        let queue = try EpisodeCommitQueue(capacity: 2, committer: FakeCommitter())
        #expect(await queue.waitForCommits(timeout: .milliseconds(5)) == CommitCounts(committed: 0, failed: 0, pending: 0))
        _ = try queue.tryEnqueue(job(0))
        #expect(await queue.waitForCommits(timeout: .milliseconds(20)) == CommitCounts(committed: 0, failed: 0, pending: 1))
    }

    @Test func duplicateIndicesAndClosedQueuesAreRefused() async throws {
        let queue = try EpisodeCommitQueue(capacity: 4, committer: FakeCommitter([0: .failPermanent(.commitFailed)]))
        _ = try queue.tryEnqueue(job(0))
        #expect { try queue.tryEnqueue(job(0)) } throws: { ($0 as? RecordingError)?.code == .duplicateEpisode }
        _ = try queue.tryEnqueue(job(1))
        let worker = Task { await queue.run() }
        _ = await queue.waitForCommits(timeout: .seconds(600))
        // A failed episode may be queued again (recovery); a committed one may not.
        #expect(queue.status(of: 0) == .failed(
            code: .commitFailed, message: "episode 0 failed after 1 attempt(s): ERR_COMMIT_FAILED: episode 0 cannot be written"))
        #expect { try queue.tryEnqueue(job(1)) } throws: { ($0 as? RecordingError)?.code == .duplicateEpisode }
        queue.close()
        await worker.value
        #expect { try queue.tryEnqueue(job(5)) } throws: { ($0 as? RecordingError)?.code == .commitQueueClosed }
        await #expect { try await queue.enqueue(job(5), maxWait: .seconds(1)) } throws: {
            ($0 as? RecordingError)?.code == .commitQueueClosed
        }
    }

    /// Eight savers racing into a queue of capacity 3 while the committer retries and fails
    /// some episodes: every episode ends committed or failed, none is lost, counts are exact,
    /// and the committer takes episodes in exactly the order they were admitted.
    @Test func concurrentSaversIntoASmallQueueLoseNothing() async throws {
        var behaviours: [Int: FakeCommitter.Behaviour] = [:]
        for index in 0..<200 {
            if index % 7 == 0 { behaviours[index] = .failForever } else if index % 5 == 0 { behaviours[index] = .failTransient(times: 1) }
        }
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 10_000)
        let committer = FakeCommitter(behaviours)
        let queue = try EpisodeCommitQueue(
            capacity: 3, committer: committer, retry: RetryPolicy(maxAttempts: 3), events: events,
            backoffSleep: SleepRecorder().sleep)
        let worker = Task { await queue.run() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for saver in 0..<8 {
                group.addTask {
                    for k in 0..<25 {
                        let index = saver * 25 + k
                        _ = try await queue.enqueue(TestJob(episodeIndex: index, frames: [index]), maxWait: .seconds(600))
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = await queue.waitForCommits(timeout: .seconds(600))
        #expect(counts == CommitCounts(committed: 171, failed: 29, pending: 0))
        for index in 0..<200 {
            #expect(queue.status(of: index)?.isFinal == true)
            #expect((queue.failedJob(episode: index) != nil) == (index % 7 == 0))
        }
        queue.close()
        await worker.value
        events.finish()
        let published = await collect(stream)
        let admitted = statuses(published).filter { $0.hasSuffix(":queued") }.compactMap { Int($0.split(separator: ":")[0]) }
        let firstAttempts = committer.calls.filter { $0.attempt == 1 }.map(\.episode)
        #expect(admitted.count == 200)
        #expect(firstAttempts == admitted)
        let retriedOnce = (0..<200).filter { $0 % 5 == 0 && $0 % 7 != 0 }.count
        let expectedCalls = 200 + 29 * 2 + retriedOnce
        #expect(committer.calls.count == expectedCalls)
    }

    @Test func retryDelaysGrowExponentiallyUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(50), multiplier: 3, maxDelay: .seconds(1))
        #expect((1...6).map(policy.delay(afterAttempt:)) == [
            .milliseconds(50), .milliseconds(150), .milliseconds(450), .seconds(1), .seconds(1), .seconds(1),
        ])
    }

    @Test func zeroCapacityIsRefused() {
        #expect { try EpisodeCommitQueue(capacity: 0, committer: FakeCommitter()) } throws: {
            ($0 as? RecordingError)?.code == .invalidConfiguration
        }
    }
}
