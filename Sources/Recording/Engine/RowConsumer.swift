// The thread that drains the row ring into episode column stores.

import Foundation

/// Drains the session's row ring on its own thread (never the Swift concurrency pool: it parks
/// while the ring is empty) and appends each row to the current episode's ``EpisodeColumns``.
///
/// Episodes are delimited in the ring itself: a `begin` marker takes the next store from the
/// hand-off list (``expect(_:)``, filled by the producer before it pushes the marker), an `end`
/// marker seals it. Rows the ring had to drop (`duplicatesBefore`) repeat the previous row, so
/// the row count always equals the number of `addFrame` calls.
///
/// Threading: ``expect(_:)`` from the producer's thread; everything else on the consumer thread.
final class RowConsumer: @unchecked Sendable {
    let ring: FrameRing
    private let lock = NSLock()
    private var handOff: [EpisodeColumns] = []
    private var current: EpisodeColumns?
    private let done = NSCondition()
    private var finished = false

    init(ring: FrameRing) {
        self.ring = ring
    }

    /// Queues the store that the next `begin` marker opens. Call before pushing the marker.
    func expect(_ columns: EpisodeColumns) {
        lock.withLock { handOff.append(columns) }
    }

    /// Starts the consumer thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "episodic.rows"
        thread.start()
    }

    /// Waits (blocking) until the ring was finished and drained; false at the timeout.
    func waitUntilFinished(timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.timeInterval)
        done.lock()
        defer { done.unlock() }
        while !finished {
            if !done.wait(until: deadline) { return finished }
        }
        return true
    }

    private func run() {
        while true {
            // Short timeout: with the ring's wake batch, rows below the batch are picked up by polling.
            let result = ring.consume(timeout: .milliseconds(20)) { frame in handle(frame) }
            if case .finished(let trailing) = result {
                current?.repeatLast(trailing)
                break
            }
        }
        // A stopped session seals whatever is open so no committer waits forever.
        current?.seal()
        done.withLock {
            finished = true
            done.broadcast()
        }
    }

    private func handle(_ frame: FrameRing.Frame) {
        current?.repeatLast(frame.duplicatesBefore)
        let kind = frame.bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let capture = frame.bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        switch RowLayout.Kind(rawValue: kind) {
        case .row:
            current?.append(row: frame.bytes, captureNanos: capture)
        case .begin:
            current?.seal()
            current = lock.withLock { handOff.isEmpty ? nil : handOff.removeFirst() }
        case .end:
            current?.seal()
            current = nil
        case nil:
            break
        }
    }
}
