import Atomics

extension FrameRing {
    /// One stored frame, as the consumer sees it inside ``FrameRing/consume(timeout:_:)``.
    ///
    /// `bytes` points into the ring's slot memory and is valid only inside the closure; copy
    /// what must outlive it.
    public struct Frame {
        /// The frame's bytes, exactly as pushed.
        public let bytes: UnsafeRawBufferPointer
        /// The frame's index in the stream, counting every push (stored frames and gaps).
        public let sequence: UInt64
        /// Gaps pushed just before this frame (ring full): the consumer repeats the previous frame
        /// this many times, then takes this one.
        public let duplicatesBefore: Int
    }

    /// What one call to ``FrameRing/consume(timeout:_:)`` produced.
    public enum ConsumeResult<Value> {
        /// A frame was taken; `Value` is what the closure returned.
        case frame(Value)
        /// No frame arrived within the timeout.
        case timedOut
        /// The producer finished and every frame has been taken; `trailingDuplicates` gaps came
        /// after the last stored frame.
        case finished(trailingDuplicates: Int)
    }

    /// Takes the oldest stored frame, waiting up to `timeout` for one, and frees its slot once
    /// `body` returns.
    ///
    /// Threading: consumer thread only. While the ring is empty this parks the thread on a
    /// condition variable (no spinning); the producer wakes it only when it is parked.
    public func consume<Value, Failure: Error>(
        timeout: Duration, _ body: (Frame) throws(Failure) -> Value
    ) throws(Failure) -> ConsumeResult<Value> {
        let position = consumerHead
        if consumerCachedTail == position {
            consumerCachedTail = tail.load(ordering: .acquiring)
            if consumerCachedTail == position {
                switch waitForFrame(position: position, timeout: timeout) {
                case .ready: break
                case .timedOut: return .timedOut
                case .finished: return .finished(trailingDuplicates: trailingDuplicates)
                }
            }
        }
        let slot = position & mask
        let header = headers[slot]
        let frame = Frame(
            bytes: UnsafeRawBufferPointer(start: storage + slot * slotStride, count: header.length),
            sequence: header.sequence, duplicatesBefore: header.duplicatesBefore)
        let value: Value
        do {
            value = try body(frame)
        } catch {
            release(position)
            throw error
        }
        release(position)
        return .frame(value)
    }

    private enum WaitResult { case ready, timedOut, finished }

    private func release(_ position: Int) {
        consumerHead = position + 1
        head.store(position + 1, ordering: .sequentiallyConsistent)
        if producerParked.load(ordering: .sequentiallyConsistent) {
            parking.withLock { parking.signal(1) }
        }
    }

    /// Parks until a frame is published at `position`, the stream is finished, or the timeout passes.
    private func waitForFrame(position: Int, timeout: Duration) -> WaitResult {
        let deadline = MonotonicTime.nanoseconds() &+ MonotonicTime.nanoseconds(of: timeout)
        let result = parking.withLock { () -> WaitResult in
            consumerParked.store(true, ordering: .sequentiallyConsistent)
            defer { consumerParked.store(false, ordering: .sequentiallyConsistent) }
            while true {
                if tail.load(ordering: .sequentiallyConsistent) != position { return .ready }
                if finished.load(ordering: .sequentiallyConsistent) {
                    // The producer may have published a last frame before finishing.
                    return tail.load(ordering: .sequentiallyConsistent) != position ? .ready : .finished
                }
                if !parking.wait(0, untilNanoseconds: deadline) {
                    return tail.load(ordering: .sequentiallyConsistent) != position ? .ready : .timedOut
                }
            }
        }
        if result == .ready { consumerCachedTail = tail.load(ordering: .acquiring) }
        return result
    }
}
