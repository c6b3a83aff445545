// Zero-copy submit: the producer fills a queue slot in place.

extension StreamingVideoEncoder {
    /// A free queue slot lent to the producer to write the next frame into directly (no copy in
    /// ``submit(_:captureTime:)-(SlotReservation,_)``). Hand it back with that `submit` or with
    /// ``release(_:)``; exactly one of them, once.
    public struct SlotReservation: @unchecked Sendable {
        /// The slot's number in its stream's ``FrameQueue``.
        public let slot: Int
        /// The slot's bytes (`width × height × 3`, packed rgb24), valid until submitted or released.
        public let buffer: UnsafeMutableRawBufferPointer

        /// A reservation of `slot` (for other streams built on ``FrameQueue`` and ``FrameBuffers``).
        public init(slot: Int, buffer: UnsafeMutableRawBufferPointer) {
            self.slot = slot
            self.buffer = buffer
        }
    }

    /// Lends the next free slot without waiting; nil when the queue is full or the encoder no
    /// longer takes frames (then use ``submit(_:captureTime:)-(UnsafeRawBufferPointer,_)`` or
    /// ``submitGap(cause:)``, which account for it). Never allocates; a short lock.
    ///
    /// Threading: the producer's thread; at most a few reservations outstanding per encoder
    /// (each holds one of the queue's slots until it is submitted or released).
    public func reserveSlot() -> SlotReservation? {
        cond.withLock {
            guard refusal() == nil, let slot = queue.reserveSlot() else { return nil }
            return SlotReservation(slot: slot, buffer: buffers.slot(slot))
        }
    }

    /// Queues a filled reservation as the next output frame: `.queued`, or `.failed` (the slot
    /// is returned) after a failure, `finish` or `cancel`. Never waits for a slot, never copies.
    public func submit(_ reservation: SlotReservation, captureTime: ContinuousClock.Instant = .now) -> SubmitOutcome {
        producerLock.lock()
        defer { producerLock.unlock() }
        buffers.captureTimes[reservation.slot] = captureTime
        cond.lock()
        defer { cond.unlock() }
        if let error = refusal() {
            queue.unreserve(slot: reservation.slot)
            cond.broadcast()
            return .failed(error)
        }
        queue.commit(slot: reservation.slot)
        wakeWriterLocked()
        return .queued
    }

    /// Returns an unused reservation's slot to the queue (the frame was not taken).
    public func release(_ reservation: SlotReservation) {
        cond.withLock {
            queue.unreserve(slot: reservation.slot)
            wakeWriterLocked()
        }
    }
}
