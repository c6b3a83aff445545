import Foundation
import Testing
@testable import Video

/// The queue policy against a writer paused by a gate the test controls: exact counts.
@Suite struct BackpressureTests {
    static let width = 64, height = 64

    func frame(_ k: Int) -> [UInt8] {
        // Ten clearly different grey levels.
        let v = UInt8(20 + k * 22)
        return FrameFactory.solid(width: Self.width, height: Self.height, v, v, v)
    }

    func encoder(_ dir: TempDir, capacity: Int, policy: BackpressurePolicy, gate: Gate) -> StreamingVideoEncoder {
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30, queueCapacity: capacity, backpressure: policy)
        return StreamingVideoEncoder(config: config, outputPath: dir.file("out.mp4"), spoolPath: nil,
                                     logger: .init(label: "test"), hooks: .init(beforeJob: { gate.pass() }))
    }

    @Test func duplicatePreviousTurnsEveryFrameBeyondTheQueueIntoACountedDuplicate() async throws {
        let dir = try TempDir("bp")
        defer { dir.remove() }
        let gate = Gate()
        let enc = encoder(dir, capacity: 4, policy: .duplicatePrevious, gate: gate)
        try enc.start()
        let outcomes = (0..<10).map { enc.submit(frame($0)) }
        #expect(outcomes.prefix(4).allSatisfy { $0.isQueued })
        #expect(outcomes.suffix(6).allSatisfy { $0.duplicateCause == .queueFull })
        gate.open()
        let report = try await enc.finish()
        #expect(report.frameCount == 10)
        #expect(report.counters.framesSubmitted == 4)
        #expect(report.counters.framesDuplicated == 6)
        #expect(report.counters.framesWritten == 10)
        #expect(report.gaps == [GapRecord(frames: 4..<10, cause: .queueFull)])
        #expect(report.counters.maxQueueDepth == 10)
        #expect(report.counters.timeBlocked == .zero)
        let decoded = try VideoFrameReader(path: report.path).readAll()
        #expect(decoded.count == 10)
        for (k, image) in decoded.enumerated() {
            let source = min(k, 3)  // frames 4…9 repeat frame 3
            let v = UInt8(20 + source * 22)
            #expect(FrameFactory.matches(image, (v, v, v), tolerance: 4), "frame \(k): \(FrameFactory.mean(image))")
        }
        #expect(try VideoProbe().probe(report.path).frameCount == 10)
    }

    @Test func blockWaitsUpToItsBoundThenDuplicates() async throws {
        let dir = try TempDir("bp")
        defer { dir.remove() }
        let gate = Gate()
        let enc = encoder(dir, capacity: 2, policy: .block(maxWait: .milliseconds(50)), gate: gate)
        try enc.start()
        #expect(enc.submit(frame(0)).isQueued)
        #expect(enc.submit(frame(1)).isQueued)
        #expect(enc.submit(frame(2)).duplicateCause == .queueFull)
        let blocked = enc.counters.timeBlocked
        #expect(blocked >= .milliseconds(50))
        gate.open()
        let report = try await enc.finish()
        #expect(report.frameCount == 3)
        #expect(report.counters.framesSubmitted == 2)
        #expect(report.gaps == [GapRecord(frames: 2..<3, cause: .queueFull)])
    }

    @Test func blockGetsTheSlotWhenTheWriterCatchesUp() async throws {
        let dir = try TempDir("bp")
        defer { dir.remove() }
        let gate = Gate()
        let enc = encoder(dir, capacity: 2, policy: .block(maxWait: .seconds(30)), gate: gate)
        try enc.start()
        #expect(enc.submit(frame(0)).isQueued)
        #expect(enc.submit(frame(1)).isQueued)
        let opener = Thread { usleep(100_000); gate.open() }
        opener.start()
        #expect(enc.submit(frame(2)).isQueued)  // waits for the gate, then gets a slot
        #expect(enc.counters.timeBlocked > .zero)
        let report = try await enc.finish()
        #expect(report.frameCount == 3)
        #expect(report.counters.framesSubmitted == 3)
        #expect(report.counters.framesDuplicated == 0)
        let decoded = try VideoFrameReader(path: report.path).readAll()
        #expect(decoded.indices.allSatisfy { k in
            let v = UInt8(20 + k * 22); return FrameFactory.matches(decoded[k], (v, v, v), tolerance: 4)
        })
    }

    @Test func gapsAndInvalidFramesAreCountedAndFilledWithThePreviousFrame() async throws {
        let dir = try TempDir("bp")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30)
        let enc = StreamingVideoEncoder(config: config, outputPath: dir.file("gaps.mp4"))
        try enc.start()
        #expect(enc.submitGap(cause: .frameMissing).duplicateCause == .frameMissing)  // black
        #expect(enc.submit(frame(5)).isQueued)
        #expect(enc.submitGap(cause: .frameLate).duplicateCause == .frameLate)
        #expect(enc.submit([UInt8](repeating: 9, count: 10)).duplicateCause == .invalidFrame)
        #expect(enc.submit(frame(9)).isQueued)
        let report = try await enc.finish()
        #expect(report.frameCount == 5)
        #expect(report.counters.framesSubmitted == 2)
        #expect(report.counters.framesDuplicated == 3)
        #expect(report.gaps == [
            GapRecord(frames: 0..<1, cause: .frameMissing),
            GapRecord(frames: 2..<3, cause: .frameLate),
            GapRecord(frames: 3..<4, cause: .invalidFrame),
        ])
        let decoded = try VideoFrameReader(path: report.path).readAll()
        let expected: [UInt8] = [0, 130, 130, 130, 218]
        #expect(decoded.count == 5)
        for (k, image) in decoded.enumerated() {
            let v = expected[k]
            #expect(FrameFactory.matches(image, (v, v, v), tolerance: 4), "frame \(k): \(FrameFactory.mean(image))")
        }
    }
}
