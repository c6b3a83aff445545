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

@Suite struct FrameCounterReporterTests {
    private func pushBytes(_ ring: FrameRing, _ count: Int) throws {
        let bytes: [UInt8] = [1, 2, 3, 4]
        for _ in 0..<count { _ = try bytes.withUnsafeBytes { raw throws(RecordingError) in try ring.push(raw) } }
    }

    /// Only changed streams are reported, and the metric receives exact deltas.
    @Test func reportsChangedStreamsAndExactDeltas() async throws {
        let factory = TestMetrics()
        let events = RecordingEvents()
        let stream = events.subscribe(bufferSize: 100)
        let front = try FrameRing(slotCount: 4, slotSize: 4, policy: .duplicatePrevious)
        let state = try FrameRing(slotCount: 16, slotSize: 4, policy: .duplicatePrevious)
        let reporter = FrameCounterReporter(
            streams: [("observation.images.front", front), ("observation.state", state)], events: events,
            metrics: RecordingMetrics(factory: factory))
        try pushBytes(front, 6)  // 4 accepted, 2 duplicated
        #expect(reporter.report() == 1)
        #expect(reporter.report() == 0)
        try pushBytes(state, 3)
        try pushBytes(front, 1)  // duplicated: the ring is still full
        #expect(reporter.report() == 2)
        events.finish()
        #expect(await collect(stream) == [
            .frameCounters(stream: "observation.images.front", counters: FrameRingCounters(accepted: 4, duplicated: 2)),
            .frameCounters(stream: "observation.images.front", counters: FrameRingCounters(accepted: 4, duplicated: 3)),
            .frameCounters(stream: "observation.state", counters: FrameRingCounters(accepted: 3)),
        ])
        func total(_ stream: String, _ outcome: String) throws -> Int64 {
            try factory.expectCounter("episodic_frames_total", [("stream", stream), ("outcome", outcome)]).totalValue
        }
        #expect(try total("observation.images.front", "accepted") == 4)
        #expect(try total("observation.images.front", "duplicated") == 3)
        #expect(try total("observation.state", "accepted") == 3)
    }

    @Test func theLoopReportsOnceMoreAfterItIsStopped() async throws {
        let ring = try FrameRing(slotCount: 4, slotSize: 4, policy: .duplicatePrevious)
        let sleeps = SleepRecorder()
        let ticks = CallCounter()
        let events = RecordingEvents()
        let stream = events.subscribe()
        let reporter = FrameCounterReporter(
            streams: [("action", ring)], events: events, metrics: nil,
            sleep: { duration in
                try await sleeps.sleep(duration)
                // The producer keeps pushing between ticks; the second sleep is "cancelled".
                try self.pushBytes(ring, 1)
                if ticks.addAndCount(.diskFull) == 2 { throw CancellationError() }
            })
        await reporter.run(every: .milliseconds(500))
        events.finish()
        #expect(await collect(stream) == [
            .frameCounters(stream: "action", counters: FrameRingCounters(accepted: 1)),
            .frameCounters(stream: "action", counters: FrameRingCounters(accepted: 2)),
        ])
        #expect(sleeps.delays == [.milliseconds(500), .milliseconds(500)])
    }
}
