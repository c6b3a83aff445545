// Pre-warming the camera encoders of the next episode on a background thread.

import Foundation

/// The encoders of an upcoming episode take, being created and started on their own thread
/// (spawning ffmpeg blocks for milliseconds, which neither the control loop nor the Swift
/// concurrency pool should pay).
///
/// Threading: ``wait(timeout:)`` and ``discard()`` from any thread.
final class PendingTake: @unchecked Sendable {
    let take: Int
    private let cond = NSCondition()
    private var result: Result<EpisodeStreams, RecordingError>?
    private var discarded = false

    /// Starts preparing take `take` now, with `make` on a new thread.
    init(take: Int, make: @escaping @Sendable () throws(RecordingError) -> EpisodeStreams) {
        self.take = take
        let thread = Thread { [self] in
            let made: Result<EpisodeStreams, RecordingError>
            do throws(RecordingError) { made = .success(try make()) } catch { made = .failure(error) }
            let cancelNow = cond.withLock { () -> Bool in
                result = made
                cond.broadcast()
                return discarded
            }
            if cancelNow, case .success(let streams) = made { streams.cancel() }
        }
        thread.name = "episodic.prewarm"
        thread.start()
    }

    /// The started encoders, waiting up to `timeout` for them.
    func wait(timeout: Duration) throws(RecordingError) -> EpisodeStreams {
        let seconds = timeout.timeInterval
        let deadline = Date(timeIntervalSinceNow: seconds)
        let outcome = cond.withLock { () -> Result<EpisodeStreams, RecordingError>? in
            while result == nil {
                if !cond.wait(until: deadline) { break }
            }
            return result
        }
        guard let outcome else {
            throw RecordingError(.prerequisiteFailed, "the encoders of take \(take) were not ready after \(timeout)",
                                 hint: "ffmpeg is slow to start on this machine; try again")
        }
        return try outcome.get()
    }

    /// Cancels the take's encoders (now if ready, else as soon as they are).
    func discard() {
        let ready = cond.withLock { () -> EpisodeStreams? in
            discarded = true
            if case .success(let streams) = result { return streams }
            return nil
        }
        ready?.cancel()
    }
}
