import Testing
@testable import Video

/// Random interleavings of producer and writer operations (seeded, so every run is the same)
/// against a simple model: the writer must emit exactly the promised sequence of frames.
@Suite struct FrameQueueModelTests {
    @Test(arguments: [1, 2, 4, 7] as [Int], [1, 2, 3, 99] as [UInt64])
    func writerOutputEqualsTheModel(capacity: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var queue = FrameQueue(capacity: capacity)
        var slotContent = [Int](repeating: -1, count: capacity + 1)  // -1 = the zeroed (black) slot
        var expected: [Int] = []          // source frame id of every promised output frame
        var written: [Int] = []           // what the writer wrote, in order
        var latest = -1
        var nextID = 0
        for _ in 0..<2000 {
            switch rng.next() % 5 {
            case 0, 1:  // a camera frame
                if let slot = queue.reserveSlot() {
                    slotContent[slot] = nextID
                    queue.commit(slot: slot)
                    latest = nextID
                } else {
                    queue.duplicateLatest(cause: .queueFull)
                }
                expected.append(latest)
                nextID += 1
            case 2:  // a missing camera frame
                queue.duplicateLatest(cause: .frameMissing)
                expected.append(latest)
            default:  // the writer takes a job and writes it
                if let job = queue.takeJob() {
                    #expect(job.firstIndex == written.count)
                    for _ in 0..<job.count { written.append(slotContent[job.slot]); queue.recordWritten(latency: nil) }
                }
            }
            #expect(queue.depth == expected.count - written.count)
            #expect(queue.depth <= expected.count)
        }
        while let job = queue.takeJob() {
            for _ in 0..<job.count { written.append(slotContent[job.slot]); queue.recordWritten(latency: nil) }
        }
        #expect(written == expected)
        let c = queue.counters
        #expect(c.framesWritten == expected.count)
        #expect(c.framesSubmitted + c.framesDuplicated == expected.count)
        #expect(c.gaps.reduce(0) { $0 + $1.frames.count } == c.framesDuplicated)
        // Gap records are sorted, disjoint and name exactly the duplicated output indices.
        var previousEnd = 0
        for gap in c.gaps {
            #expect(gap.frames.lowerBound >= previousEnd)
            previousEnd = gap.frames.upperBound
        }
    }
}
