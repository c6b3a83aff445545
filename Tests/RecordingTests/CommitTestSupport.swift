@testable import Recording

/// An episode job as the tests see it: an index and some payload the committer must not change.
struct TestJob: EpisodeCommitJob, Hashable {
    var episodeIndex: Int
    var frames: [Int]
}

/// A door that commits wait behind until the test opens it; lets tests hold the committer
/// "slow" for exactly as long as they need, without sleeping.
final class Gate: @unchecked Sendable {
    private let lock = ConditionLock()
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passNow = lock.withLock { () -> Bool in
                if isOpen { return true }
                waiters.append(continuation)
                return false
            }
            if passNow { continuation.resume() }
        }
    }

    func open() {
        let released = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            isOpen = true
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in released { waiter.resume() }
    }
}

/// A committer whose behaviour per episode the test chooses, recording every call.
final class FakeCommitter: EpisodeCommitting, @unchecked Sendable {
    enum Behaviour {
        case succeed
        /// Throws ERR_TRANSIENT_IO on the first `times` attempts, then succeeds.
        case failTransient(times: Int)
        /// Throws ERR_TRANSIENT_IO on every attempt.
        case failForever
        /// Throws a permanent error with this code.
        case failPermanent(RecordingError.Code)
        /// Waits for the gate, then succeeds.
        case hold(Gate)
    }

    struct Call: Hashable {
        var episode: Int
        var attempt: Int
        var job: TestJob
    }

    private let lock = ConditionLock()
    private var behaviours: [Int: Behaviour]
    private var log: [Call] = []

    init(_ behaviours: [Int: Behaviour] = [:]) {
        self.behaviours = behaviours
    }

    var calls: [Call] { lock.withLock { log } }

    func commit(_ job: TestJob, attempt: Int) async throws {
        let behaviour = lock.withLock { () -> Behaviour in
            log.append(Call(episode: job.episodeIndex, attempt: attempt, job: job))
            return behaviours[job.episodeIndex] ?? .succeed
        }
        // What a careless committer might do: change its copy of the job. The queue must hand
        // the next attempt the original anyway.
        var scratch = job
        scratch.frames.removeAll()
        scratch.episodeIndex = -1
        _ = scratch
        switch behaviour {
        case .succeed:
            return
        case .failTransient(let times):
            if attempt <= times { throw RecordingError(.transientIO, "EAGAIN writing episode \(job.episodeIndex)") }
        case .failForever:
            throw RecordingError(.transientIO, "EAGAIN writing episode \(job.episodeIndex)")
        case .failPermanent(let code):
            throw RecordingError(code, "episode \(job.episodeIndex) cannot be written")
        case .hold(let gate):
            await gate.wait()
        }
    }
}

/// Records the backoff waits the queue asks for, and returns at once.
final class SleepRecorder: @unchecked Sendable {
    private let lock = ConditionLock()
    private var log: [Duration] = []

    var delays: [Duration] { lock.withLock { log } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in self.lock.withLock { self.log.append(duration) } }
    }
}

/// Every event published so far on a bus that has since been finished.
func collect(_ stream: AsyncStream<RecordingEventEnvelope>) async -> [RecordingEvent] {
    var events: [RecordingEvent] = []
    for await envelope in stream { events.append(envelope.event) }
    return events
}

/// The status events of `events`, as (episode, status) pairs in order.
func statuses(_ events: [RecordingEvent]) -> [String] {
    events.compactMap { event in
        if case .episodeStatus(let episode, let status) = event { return "\(episode):\(status)" }
        return nil
    }
}

/// Suspends until `condition` holds (cooperatively; no fixed sleep).
func eventually(_ condition: () -> Bool) async {
    while !condition() { await Task.yield() }
}
