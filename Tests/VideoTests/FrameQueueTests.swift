import Testing
@testable import Video

/// The ring bookkeeping alone: plain calls, no threads, no clock.
@Suite struct FrameQueueTests {
    @Test func aFullQueueTurnsFramesIntoCountedDuplicatesOfTheLatest() {
        var q = FrameQueue(capacity: 4)
        var slots: [Int] = []
        for _ in 0..<4 {
            let slot = q.reserveSlot()!
            q.commit(slot: slot)
            slots.append(slot)
        }
        do { let got = q.reserveSlot(); #expect(got == nil) }
        for _ in 0..<6 { q.duplicateLatest(cause: .queueFull) }
        #expect(q.depth == 10)
        #expect(q.counters.framesSubmitted == 4)
        #expect(q.counters.framesDuplicated == 6)
        #expect(q.counters.gaps == [GapRecord(frames: 4..<10, cause: .queueFull)])
        #expect(q.counters.maxQueueDepth == 10)
        // The writer takes the four frames, the last one seven times.
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: slots[0], count: 1, firstIndex: 0)) }
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: slots[1], count: 1, firstIndex: 1)) }
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: slots[2], count: 1, firstIndex: 2)) }
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: slots[3], count: 7, firstIndex: 3)) }
        do { let got = q.takeJob(); #expect(got == nil) }
        #expect(q.depth == 0)
    }

    @Test func aGapBeforeTheFirstFrameRepeatsTheZeroedRetainedSlot() {
        var q = FrameQueue(capacity: 2)
        q.duplicateLatest(cause: .frameMissing)
        q.duplicateLatest(cause: .frameMissing)
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: 2, count: 2, firstIndex: 0)) }
        let slot = q.reserveSlot()!
        q.commit(slot: slot)
        q.duplicateLatest(cause: .frameLate)
        q.duplicateLatest(cause: .frameMissing)
        #expect(q.counters.gaps == [
            GapRecord(frames: 0..<2, cause: .frameMissing),
            GapRecord(frames: 3..<4, cause: .frameLate),
            GapRecord(frames: 4..<5, cause: .frameMissing),
        ])
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: slot, count: 3, firstIndex: 2)) }
    }

    @Test func slotsAreFreedOnlyWhenANewerFrameExists() {
        var q = FrameQueue(capacity: 1)
        let a = q.reserveSlot()!
        q.commit(slot: a)
        do { let got = q.reserveSlot(); #expect(got == nil) }
        do { let got = q.takeJob(); #expect(got?.slot == a) }   // frees the initial retained slot
        let b = q.reserveSlot()!
        #expect(b == 1)
        q.commit(slot: b)
        do { let got = q.reserveSlot(); #expect(got == nil) }  // `a` is retained until the writer moves past it
        do { let got = q.takeJob(); #expect(got?.slot == b) }
        do { let got = q.reserveSlot(); #expect(got == a) }
    }

    @Test func duplicatesAddedWhileTheLatestIsBeingWrittenAreWrittenAfterIt() {
        var q = FrameQueue(capacity: 2)
        let a = q.reserveSlot()!
        q.commit(slot: a)
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: a, count: 1, firstIndex: 0)) }
        q.duplicateLatest(cause: .frameMissing)  // writer is still writing `a`
        do { let got = q.takeJob(); #expect(got == FrameQueue.Job(slot: a, count: 1, firstIndex: 1)) }
        #expect(q.counters.framesHandedIn == 2)
    }
}
