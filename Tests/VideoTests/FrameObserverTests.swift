// The encoder's frame observer sees every output frame once, in order, on the writer thread.

import Foundation
import Testing
@testable import Video

@Suite("StreamingVideoEncoder frame observer")
struct FrameObserverTests {
    /// What the observer saw: (first index, count, first byte of the frame).
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var calls: [(Int, Int, UInt8)] = []
        var threads: Set<UInt> = []
    }

    @Test("observer gets each output frame index exactly once, duplicates included, with the frame's bytes")
    func observesEveryFrame() async throws {
        let dir = try TempDir("observer")
        defer { dir.remove() }
        let seen = Seen()
        let config = VideoEncoderConfig(width: 32, height: 16, fps: 30, threads: 1)
        let encoder = StreamingVideoEncoder(config: config, outputPath: dir.file("o.mp4")) { first, count, rgb in
            seen.lock.withLock {
                seen.calls.append((first, count, rgb[0]))
                seen.threads.insert(UInt(pthread_self()))
            }
        }
        try encoder.start()
        let producer = UInt(pthread_self())  // no suspension until finish: the submits run on this thread
        for value: UInt8 in [10, 20, 30] {
            let frame = FrameFactory.solid(width: 32, height: 16, value, value, value)
            #expect(frame.withUnsafeBytes { encoder.submit($0) }.isQueued)
        }
        encoder.submitGap(cause: .frameMissing)
        encoder.submitGap(cause: .frameMissing)
        let frame = FrameFactory.solid(width: 32, height: 16, 40, 40, 40)
        #expect(frame.withUnsafeBytes { encoder.submit($0) }.isQueued)
        let report = try await encoder.finish()
        #expect(report.frameCount == 6)
        let calls = seen.lock.withLock { seen.calls }
        // Expand (first, count) into per-frame values: frame k shows the byte it was written with.
        var perFrame: [Int: UInt8] = [:]
        for (first, count, byte) in calls {
            for k in first ..< first + count {
                #expect(perFrame[k] == nil, "frame \(k) observed twice")
                perFrame[k] = byte
            }
        }
        #expect(perFrame == [0: 10, 1: 20, 2: 30, 3: 30, 4: 30, 5: 40])
        let threads = seen.lock.withLock { seen.threads }
        #expect(threads.count == 1 && !threads.contains(producer))
    }
}
