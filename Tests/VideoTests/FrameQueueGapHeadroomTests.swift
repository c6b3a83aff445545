import Testing
@testable import Video

/// The producer's duplicate path must not allocate: the gap log is grown by the writer in
/// `takeJob`, so the producer always finds room for `gapHeadroom` new gap runs.
@Suite struct FrameQueueGapHeadroomTests {
    @Test func theProducerNeverGrowsTheGapLogTheWriterDoes() {
        var queue = FrameQueue(capacity: 4)
        #expect(queue.counters.gaps.capacity >= FrameQueue.gapHeadroom)
        var grownByWriter = 0
        for _ in 0..<200 {
            let before = queue.counters.gaps.capacity
            // `gapHeadroom` separate runs (alternating causes never merge) between two jobs.
            for k in 0..<FrameQueue.gapHeadroom {
                queue.duplicateLatest(cause: k.isMultiple(of: 2) ? .frameLate : .frameMissing)
            }
            #expect(queue.counters.gaps.capacity == before, "the producer's duplicates grew the gap log")
            let capacityBeforeJobs = queue.counters.gaps.capacity
            while queue.takeJob() != nil {}
            if queue.counters.gaps.capacity > capacityBeforeJobs { grownByWriter += 1 }
        }
        #expect(queue.counters.gaps.count == 200 * FrameQueue.gapHeadroom)
        #expect(queue.counters.framesDuplicated == 200 * FrameQueue.gapHeadroom)
        #expect(grownByWriter > 0)
    }
}
