import Atomics
import Testing
@testable import Recording

/// Pushes `value` as an 8-byte little-endian frame.
@discardableResult
private func push(_ ring: FrameRing, _ value: UInt64) throws -> PushOutcome {
    try withUnsafeBytes(of: value.littleEndian) { bytes throws(RecordingError) in try ring.push(bytes) }
}

/// Takes one frame and decodes it as `(value, sequence, duplicatesBefore)`.
private func take(_ ring: FrameRing) -> FrameRing.ConsumeResult<(UInt64, UInt64, Int)> {
    ring.consume(timeout: .zero) { frame in
        (frame.bytes.loadUnaligned(as: UInt64.self), frame.sequence, frame.duplicatesBefore)
    }
}

private func frameValue(_ result: FrameRing.ConsumeResult<(UInt64, UInt64, Int)>) -> [UInt64]? {
    if case .frame(let (value, sequence, duplicates)) = result { return [value, sequence, UInt64(duplicates)] }
    return nil
}

@Suite struct FrameRingTests {
    @Test func slotCountRoundsUpToAPowerOfTwoAndInvalidSizesThrow() throws {
        #expect(try FrameRing(slotCount: 5, slotSize: 10, policy: .duplicatePrevious).slotCount == 8)
        #expect(try FrameRing(slotCount: 1, slotSize: 10, policy: .duplicatePrevious).slotCount == 1)
        #expect(throws: RecordingError.self) { try FrameRing(slotCount: 0, slotSize: 8, policy: .duplicatePrevious) }
        #expect(throws: RecordingError.self) { try FrameRing(slotCount: 4, slotSize: 0, policy: .duplicatePrevious) }
    }

    @Test func framesComeOutInOrderWithTheirBytesAndSequence() throws {
        let ring = try FrameRing(slotCount: 4, slotSize: 8, policy: .duplicatePrevious)
        for value: UInt64 in [7, 8, 9] { #expect(try push(ring, value) == .accepted) }
        #expect(ring.depth == 3)
        #expect(frameValue(take(ring)) == [7, 0, 0])
        #expect(frameValue(take(ring)) == [8, 1, 0])
        #expect(frameValue(take(ring)) == [9, 2, 0])
        guard case .timedOut = take(ring) else { Issue.record("an empty ring returned a frame"); return }
    }

    /// A stalled consumer under the duplicate policy: exact outcome counts, and the gaps show up
    /// at their exact position in the stream.
    @Test func duplicatePolicyCountsEveryGapExactly() throws {
        let ring = try FrameRing(slotCount: 4, slotSize: 8, policy: .duplicatePrevious)
        var outcomes: [PushOutcome] = []
        for value in 0..<10 as Range<UInt64> { outcomes.append(try push(ring, value)) }
        #expect(outcomes == Array(repeating: .accepted, count: 4) + Array(repeating: .duplicated, count: 6))
        #expect(ring.counters == FrameRingCounters(accepted: 4, duplicated: 6))
        for value in 0..<4 as Range<UInt64> { #expect(frameValue(take(ring)) == [value, value, 0]) }
        #expect(try push(ring, 10) == .accepted)
        // Frame 10 comes after the six gaps (frames 4...9), so the consumer repeats frame 3 six times.
        #expect(frameValue(take(ring)) == [10, 10, 6])
        #expect(try push(ring, 11) == .accepted)
        #expect(frameValue(take(ring)) == [11, 11, 0])
        #expect(ring.counters.pushed == 12)
    }

    @Test func gapsAfterTheLastFrameAreReportedWhenTheStreamFinishes() throws {
        let ring = try FrameRing(slotCount: 2, slotSize: 8, policy: .duplicatePrevious)
        for value in 0..<5 as Range<UInt64> { try push(ring, value) }
        ring.finish()
        #expect(frameValue(take(ring)) == [0, 0, 0])
        #expect(frameValue(take(ring)) == [1, 1, 0])
        guard case .finished(let trailing) = take(ring) else { Issue.record("stream did not finish"); return }
        #expect(trailing == 3)
        #expect(throws: RecordingError.self) { try push(ring, 5) }
    }

    /// A stalled consumer under the block policy: each push past capacity waits its bound, then
    /// becomes a counted gap. The bound is tiny; only counts are asserted.
    @Test func blockPolicyTimesOutIntoCountedGapsWhenTheConsumerStalls() throws {
        let ring = try FrameRing(slotCount: 2, slotSize: 8, policy: .block(maxWait: .microseconds(200)))
        var outcomes: [PushOutcome] = []
        for value in 0..<5 as Range<UInt64> { outcomes.append(try push(ring, value)) }
        #expect(outcomes == [.accepted, .accepted, .timedOut, .timedOut, .timedOut])
        #expect(ring.counters == FrameRingCounters(accepted: 2, timedOut: 3))
        #expect(frameValue(take(ring)) == [0, 0, 0])
        #expect(try push(ring, 5) == .accepted)
        #expect(frameValue(take(ring)) == [1, 1, 0])
        #expect(frameValue(take(ring)) == [5, 5, 3])
    }

    /// A producer parked on a full ring resumes when the consumer frees a slot, and reports that
    /// it waited. Sequenced by the parked flag, not by sleeping.
    @Test func blockedProducerResumesWhenTheConsumerFreesASlot() throws {
        let ring = try FrameRing(slotCount: 1, slotSize: 8, policy: .block(maxWait: .seconds(60)))
        try push(ring, 1)
        let outcome = ManagedAtomic<Int>(-1)
        let producer = TestThread {
            // Fails the expectation below (outcome stays -1) if the push throws.
            if let result = try? push(ring, 2) { outcome.store(result == .acceptedAfterWait ? 1 : 0, ordering: .sequentiallyConsistent) }
        }
        spinUntil { ring.isProducerParked }
        #expect(frameValue(take(ring)) == [1, 0, 0])
        producer.join()
        #expect(outcome.load(ordering: .sequentiallyConsistent) == 1)
        #expect(frameValue(take(ring)) == [2, 1, 0])
        #expect(ring.counters == FrameRingCounters(accepted: 1, acceptedAfterWait: 1))
    }

    /// A consumer parked on an empty ring is woken by the next push and by finish.
    @Test func parkedConsumerIsWokenByPushAndByFinish() throws {
        let ring = try FrameRing(slotCount: 4, slotSize: 8, policy: .duplicatePrevious)
        let got = ManagedAtomic<Int>(0)
        let consumer = TestThread {
            while true {
                let result = ring.consume(timeout: .seconds(60)) { $0.bytes.loadUnaligned(as: UInt64.self) }
                switch result {
                case .frame(let value): got.wrappingIncrement(by: Int(value), ordering: .sequentiallyConsistent)
                case .finished: return
                case .timedOut: got.store(-1_000_000, ordering: .sequentiallyConsistent); return
                }
            }
        }
        spinUntil { ring.isConsumerParked }
        try push(ring, 40)
        spinUntil { got.load(ordering: .sequentiallyConsistent) == 40 && ring.isConsumerParked }
        try push(ring, 2)
        ring.finish()
        consumer.join()
        #expect(got.load(ordering: .sequentiallyConsistent) == 42)
    }

    @Test func wakeBatchIsClampedToTheRing() throws {
        #expect(try FrameRing(slotCount: 8, slotSize: 8, policy: .duplicatePrevious, wakeBatch: 100).wakeBatch == 8)
        #expect(try FrameRing(slotCount: 8, slotSize: 8, policy: .duplicatePrevious, wakeBatch: 0).wakeBatch == 1)
    }

    /// With a wake batch of 3, the third stored frame wakes a consumer parked with a long
    /// timeout, and finish wakes it for the rest; every frame arrives.
    @Test func aBatchedRingWakesItsConsumerAtTheBatchAndOnFinish() throws {
        let ring = try FrameRing(slotCount: 8, slotSize: 8, policy: .duplicatePrevious, wakeBatch: 3)
        let frames = ManagedAtomic<Int>(0)
        let sum = ManagedAtomic<Int>(0)
        let consumer = TestThread {
            while true {
                let result = ring.consume(timeout: .seconds(600)) { Int($0.bytes.loadUnaligned(as: UInt64.self)) }
                guard case .frame(let value) = result else { return }
                sum.wrappingIncrement(by: value, ordering: .sequentiallyConsistent)
                frames.wrappingIncrement(ordering: .sequentiallyConsistent)
            }
        }
        spinUntil { ring.isConsumerParked }
        for value: UInt64 in [1, 2, 3] { try push(ring, value) }
        spinUntil { frames.load(ordering: .sequentiallyConsistent) == 3 }
        try push(ring, 4)
        ring.finish()
        consumer.join()
        #expect(frames.load(ordering: .sequentiallyConsistent) == 4)
        #expect(sum.load(ordering: .sequentiallyConsistent) == 10)
    }

    @Test func oversizedFrameThrowsAndChangesNothing() throws {
        let ring = try FrameRing(slotCount: 2, slotSize: 4, policy: .duplicatePrevious)
        do {
            try push(ring, 1)
            Issue.record("an 8-byte frame fit a 4-byte slot")
        } catch let error as RecordingError {
            #expect(error.code == .frameTooLarge)
            #expect(error.message == "a frame of 8 bytes does not fit a slot of 4 bytes")
        }
        #expect(ring.counters.pushed == 0)
        #expect(ring.depth == 0)
    }

    /// One producer thread, one consumer thread, a million variable-length frames through a
    /// small ring: every byte arrives, in order (checksums and sequence numbers match), nothing
    /// is lost or duplicated under the block policy, and the slot memory never moves.
    @Test func millionFramesBetweenTwoThreadsArriveIntact() throws {
        let count = 1_000_000
        let ring = try FrameRing(slotCount: 16, slotSize: 64, policy: .block(maxWait: .seconds(120)))
        let base = ring.slotStorageBaseAddress
        let consumerSum = ManagedAtomic<UInt64>(0)
        let consumerFrames = ManagedAtomic<Int>(0)
        let outOfOrder = ManagedAtomic<Int>(0)
        let consumer = TestThread {
            var sum: UInt64 = 0
            var expected: UInt64 = 0
            var frames = 0
            var disorder = 0
            while true {
                let result = ring.consume(timeout: .seconds(120)) { frame -> UInt64 in
                    if frame.sequence != expected || frame.duplicatesBefore != 0 { disorder += 1 }
                    expected = frame.sequence + 1
                    var hash: UInt64 = 0
                    for byte in frame.bytes { hash = hash &* 31 &+ UInt64(byte) }
                    return hash &+ UInt64(frame.bytes.count)
                }
                guard case .frame(let hash) = result else { break }
                sum &+= hash
                frames += 1
            }
            consumerSum.store(sum, ordering: .sequentiallyConsistent)
            consumerFrames.store(frames, ordering: .sequentiallyConsistent)
            outOfOrder.store(disorder, ordering: .sequentiallyConsistent)
        }
        var producerSum: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 64)
        for index in 0..<count {
            let length = 1 + index % 64
            var hash: UInt64 = 0
            for position in 0..<length {
                let byte = UInt8(truncatingIfNeeded: index &* 7 &+ position)
                buffer[position] = byte
                hash = hash &* 31 &+ UInt64(byte)
            }
            producerSum &+= hash &+ UInt64(length)
            let outcome = try buffer.withUnsafeBytes { raw throws(RecordingError) in
                try ring.push(UnsafeRawBufferPointer(rebasing: raw[0..<length]))
            }
            if outcome == .timedOut { break }
        }
        ring.finish()
        consumer.join()
        #expect(consumerFrames.load(ordering: .sequentiallyConsistent) == count)
        #expect(consumerSum.load(ordering: .sequentiallyConsistent) == producerSum)
        #expect(outOfOrder.load(ordering: .sequentiallyConsistent) == 0)
        #expect(ring.counters.stored == count)
        #expect(ring.counters.gaps == 0)
        #expect(ring.slotStorageBaseAddress == base)
    }
}
