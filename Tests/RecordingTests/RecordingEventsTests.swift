import MetricsTestKit
import Testing
@testable import Recording

@Suite struct RecordingEventsTests {
    /// A subscriber that does not read loses the oldest *events* beyond its buffer; the loss is
    /// counted and visible as a jump in sequence numbers.
    @Test func aSlowSubscriberMissesOldEventsAndTheLossIsCounted() async {
        let bus = RecordingEvents()
        let slow = bus.subscribe(bufferSize: 2)
        let roomy = bus.subscribe(bufferSize: 100)
        for depth in 0..<5 { bus.emit(.commitQueueDepth(depth)) }
        bus.finish()
        var slowSeen: [RecordingEventEnvelope] = []
        for await envelope in slow { slowSeen.append(envelope) }
        var roomySeen: [UInt64] = []
        for await envelope in roomy { roomySeen.append(envelope.sequence) }
        #expect(slowSeen == [
            RecordingEventEnvelope(sequence: 3, event: .commitQueueDepth(3)),
            RecordingEventEnvelope(sequence: 4, event: .commitQueueDepth(4)),
        ])
        #expect(roomySeen == [0, 1, 2, 3, 4])
        #expect(bus.droppedEvents == 3)
        #expect(bus.publishedEvents == 5)
    }

    @Test func subscribingAfterFinishYieldsAnEndedStreamAndEmitIsIgnored() async {
        let bus = RecordingEvents()
        bus.finish()
        bus.emit(.commitQueueDepth(1))
        var count = 0
        for await _ in bus.subscribe() { count += 1 }
        #expect(count == 0)
        #expect(bus.publishedEvents == 0)
    }

    @Test func frameCountersUseTheDocumentedNamesAndDimensions() throws {
        let factory = TestMetrics()
        let metrics = RecordingMetrics(factory: factory)
        let before = FrameRingCounters(accepted: 10, acceptedAfterWait: 1, duplicated: 2, timedOut: 0)
        let after = FrameRingCounters(accepted: 25, acceptedAfterWait: 3, duplicated: 5, timedOut: 4)
        metrics.recordRingDelta(stream: "observation.images.front", from: .init(), to: before)
        metrics.recordRingDelta(stream: "observation.images.front", from: before, to: after)
        metrics.recordFrames(stream: "observation.state", outcome: .written, count: 30)
        func total(_ stream: String, _ outcome: String) throws -> Int64 {
            try factory.expectCounter("episodic_frames_total", [("stream", stream), ("outcome", outcome)]).totalValue
        }
        #expect(try total("observation.images.front", "accepted") == 28)
        #expect(try total("observation.images.front", "duplicated") == 5)
        #expect(try total("observation.images.front", "timed_out") == 4)
        #expect(try total("observation.state", "written") == 30)
        metrics.recordQueueDepth(3)
        metrics.recordQueueDepth(1)
        #expect(try factory.expectGauge("episodic_queue_depth", [("queue", "commit")]).values == [3, 1])
        metrics.recordCommit(nanoseconds: 1_500_000)
        #expect(try factory.expectTimer("episodic_commit_seconds").values == [1_500_000])
    }
}
