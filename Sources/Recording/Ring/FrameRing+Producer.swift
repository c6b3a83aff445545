import Atomics
import Video

extension FrameRing {
    /// Hands one frame to the stream: copies `bytes` into a free slot and publishes it.
    ///
    /// Steady state (a free slot): a bounds check, one `memcpy`, one atomic store, and one
    /// atomic load to see whether the consumer is parked. No allocation, no lock, no system call
    /// — except a wake-up when the consumer is parked and ``wakeBatch`` frames are waiting.
    /// When the ring is full, ``policy`` decides (see ``BackpressurePolicy``); the returned
    /// outcome says exactly what happened and is also counted in ``counters``.
    ///
    /// Threading: producer thread only. Blocks only under ``BackpressurePolicy/block(maxWait:)``
    /// with a full ring, and never longer than its `maxWait`.
    ///
    /// - Throws: ``RecordingError/Code/frameTooLarge`` if `bytes` exceeds ``slotSize``, or
    ///   ``RecordingError/Code/streamFinished`` after ``finish()``. A throwing push changes nothing.
    @discardableResult
    public func push(_ bytes: UnsafeRawBufferPointer) throws(RecordingError) -> PushOutcome {
        guard bytes.count <= slotSize else {
            throw RecordingError(
                .frameTooLarge, "a frame of \(bytes.count) bytes does not fit a slot of \(slotSize) bytes",
                hint: "size the stream's ring for its largest frame")
        }
        guard !producerFinished else {
            throw RecordingError(
                .streamFinished, "a frame was pushed after the stream was finished",
                hint: "start a new stream for the next episode")
        }
        let position = producerTail
        var outcome = PushOutcome.accepted
        if position - producerCachedHead == slotCount {
            producerCachedHead = head.load(ordering: .acquiring)
            if position - producerCachedHead == slotCount {
                switch policy {
                case .duplicatePrevious:
                    return recordGap(.duplicated)
                case .block(let maxWait):
                    guard waitForSpace(position: position, maxWait: maxWait) else {
                        return recordGap(.timedOut)
                    }
                    outcome = .acceptedAfterWait
                }
            }
        }
        let slot = position & mask
        if let base = bytes.baseAddress, bytes.count > 0 {
            (storage + slot * slotStride).copyMemory(from: base, byteCount: bytes.count)
        }
        headers[slot] = SlotHeader(
            length: bytes.count, sequence: producerSequence, duplicatesBefore: pendingDuplicates)
        pendingDuplicates = 0
        producerSequence &+= 1
        producerTail = position + 1
        // Sequentially consistent so that this store and the load of `consumerParked` below
        // cannot be reordered against the consumer's store of `consumerParked` and load of
        // `tail` (the Dekker pattern that rules out a lost wake-up).
        tail.store(position + 1, ordering: .sequentiallyConsistent)
        // A parked consumer is not consuming, so `head` is stable and the depth below is exact.
        if consumerParked.load(ordering: .sequentiallyConsistent),
            position + 1 - head.load(ordering: .relaxed) >= wakeBatch
        {
            parking.withLock { parking.signal(0) }
        }
        if outcome == .accepted { acceptedCount.bumpFromOwner() } else { acceptedAfterWaitCount.bumpFromOwner() }
        return outcome
    }

    /// Ends the stream: the consumer sees ``ConsumeResult/finished(trailingDuplicates:)`` once it
    /// has taken every stored frame. Producer thread only; calling it twice does nothing more.
    public func finish() {
        guard !producerFinished else { return }
        producerFinished = true
        trailingDuplicates = pendingDuplicates
        pendingDuplicates = 0
        finished.store(true, ordering: .sequentiallyConsistent)
        if consumerParked.load(ordering: .sequentiallyConsistent) {
            parking.withLock { parking.signal(0) }
        }
    }

    /// Counts a frame that could not be stored as a gap at its exact position.
    private func recordGap(_ outcome: PushOutcome) -> PushOutcome {
        pendingDuplicates += 1
        producerSequence &+= 1
        if outcome == .duplicated { duplicatedCount.bumpFromOwner() } else { timedOutCount.bumpFromOwner() }
        return outcome
    }

    /// Parks the producer until the consumer frees the slot at `position - slotCount`, or until
    /// `maxWait` has passed. Returns whether space is now free.
    private func waitForSpace(position: Int, maxWait: Duration) -> Bool {
        let deadline = MonotonicTime.nanoseconds() &+ MonotonicTime.nanoseconds(of: maxWait)
        let hasSpace = parking.withLock { () -> Bool in
            producerParked.store(true, ordering: .sequentiallyConsistent)
            defer { producerParked.store(false, ordering: .sequentiallyConsistent) }
            while position - head.load(ordering: .sequentiallyConsistent) == slotCount {
                if !parking.wait(1, untilNanoseconds: deadline) {
                    return position - head.load(ordering: .sequentiallyConsistent) < slotCount
                }
            }
            return true
        }
        producerCachedHead = head.load(ordering: .acquiring)
        return hasSpace
    }
}
