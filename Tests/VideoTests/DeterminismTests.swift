import Foundation
import Testing
@testable import Video

/// Same frames and settings → byte-identical MP4 (see docs/video.md for which settings).
@Suite struct DeterminismTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var codec: VideoCodec
        var threads: Int?
        var testDescription: String { "\(codec.rawValue) threads=\(threads.map(String.init) ?? "auto")" }
    }

    static let cases = [Case(codec: .h264, threads: 1), Case(codec: .h264, threads: nil),
                        Case(codec: .hevc, threads: nil), Case(codec: .av1, threads: nil)]

    func encode(_ c: Case, to path: String) throws -> [UInt8] {
        let width = 96, height = 64
        let enc = StreamingVideoEncoder(config: VideoEncoderConfig(width: width, height: height, fps: 30, codec: c.codec,
                                                                   threads: c.threads, backpressure: .block(maxWait: .seconds(30))),
                                        outputPath: path)
        try enc.start()
        var rng = SplitMix64(seed: 42)
        var frame = [UInt8](repeating: 0, count: width * height * 3)
        for k in 0..<30 {
            for i in frame.indices { frame[i] = UInt8(truncatingIfNeeded: (i / 3 + k * 4) & 0xff) ^ UInt8(truncatingIfNeeded: rng.next() & 0x0f) }
            #expect(enc.submit(frame).isQueued)
        }
        let report = try enc.finishSynchronously()
        #expect(report.frameCount == 30)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: cases)
    func sameFramesGiveTheSameBytes(_ c: Case) throws {
        let dir = try TempDir("det")
        defer { dir.remove() }
        let first = try encode(c, to: dir.file("a.mp4"))
        let second = try encode(c, to: dir.file("b.mp4"))
        #expect(first.count > 1000)
        #expect(first == second, "\(c.testDescription): \(first.count) vs \(second.count) bytes")
    }
}
