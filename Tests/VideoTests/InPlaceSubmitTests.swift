// Zero-copy submit: filling a reserved queue slot in place.

import Foundation
import Testing
@testable import Video

@Suite("StreamingVideoEncoder in-place slots")
struct InPlaceSubmitTests {
    @Test("reserved slots become output frames in submit order; released ones do not count; a full queue lends nothing")
    func reserveFillSubmit() async throws {
        let dir = try TempDir("inplace")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: 32, height: 16, fps: 30, threads: 1, queueCapacity: 2)
        let encoder = StreamingVideoEncoder(config: config, outputPath: dir.file("i.mp4"))
        // Not started yet: the writer takes nothing, so the two slots stay taken.
        let a = try #require(encoder.reserveSlot())
        let b = try #require(encoder.reserveSlot())
        #expect(encoder.reserveSlot() == nil)
        a.buffer.initializeMemory(as: UInt8.self, repeating: 200)
        b.buffer.initializeMemory(as: UInt8.self, repeating: 60)
        #expect(encoder.submit(b).isQueued)
        encoder.release(a)
        let c = try #require(encoder.reserveSlot())
        c.buffer.initializeMemory(as: UInt8.self, repeating: 120)
        #expect(encoder.submit(c).isQueued)
        try encoder.start()
        let report = try await encoder.finish()
        #expect(report.frameCount == 2)
        #expect(report.counters.framesSubmitted == 2 && report.counters.framesDuplicated == 0)
        // Decode: frame 0 is the 60-grey of `b`, frame 1 the 120-grey of `c`.
        let raw = try runTool("ffmpeg", ["-v", "error", "-i", dir.file("i.mp4"), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        #expect(raw.count == 2 * 32 * 16 * 3)
        let means = [0, 1].map { k in Double(raw[k * 1536 ..< (k + 1) * 1536].reduce(0) { $0 + Int($1) }) / 1536 }
        #expect(abs(means[0] - 60) < 6 && abs(means[1] - 120) < 6, "\(means)")
        // After finish, reservations are refused and a late submit fails without counting.
        #expect(encoder.reserveSlot() == nil)
    }

    @Test("with writerPollInterval the writer finds frames without being woken: all written, in order, no duplicates")
    func pollingWriter() async throws {
        let dir = try TempDir("poll")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: 32, height: 16, fps: 30, threads: 1, queueCapacity: 16,
                                        writerPollInterval: .milliseconds(3))
        let encoder = StreamingVideoEncoder(config: config, outputPath: dir.file("p.mp4"))
        try encoder.start()
        for k in 0..<12 {
            let reservation = try #require(encoder.reserveSlot())
            reservation.buffer.initializeMemory(as: UInt8.self, repeating: UInt8(k * 20))
            #expect(encoder.submit(reservation).isQueued)
        }
        let report = try await encoder.finish()
        #expect(report.frameCount == 12 && report.counters.framesWritten == 12 && report.counters.framesDuplicated == 0)
        let raw = try runTool("ffmpeg", ["-v", "error", "-i", dir.file("p.mp4"), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        let means = (0..<12).map { k in Double(raw[k * 1536 ..< (k + 1) * 1536].reduce(0) { $0 + Int($1) }) / 1536 }
        for k in 0..<12 { #expect(abs(means[k] - Double(k * 20)) < 8, "frame \(k): \(means[k])") }
    }
}
