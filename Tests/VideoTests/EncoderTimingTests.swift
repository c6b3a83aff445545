import Foundation
import Testing
@testable import Video

/// Real ffmpeg, real files: every submitted frame is exactly one output frame at exactly k/fps.
@Suite struct EncoderTimingTests {
    static let width = 64, height = 64, fps = 30, frames = 90

    /// Encodes `frames` solid-colour frames on `cameras` concurrent encoders (one producer
    /// thread each) and checks count, exact timing and content of every output.
    func encodeAndCheck(codec: VideoCodec, cameras: Int) async throws {
        let dir = try TempDir("timing")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: Self.fps, codec: codec,
                                        backpressure: .block(maxWait: .seconds(30)))
        let encoders = (0..<cameras).map { StreamingVideoEncoder(config: config, outputPath: dir.file("cam\($0).mp4")) }
        for encoder in encoders { try encoder.start() }
        let palette = (0..<4).map { FrameFactory.colour(forFrame: $0 * 30) }
            .map { FrameFactory.solid(width: Self.width, height: Self.height, $0.0, $0.1, $0.2) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for encoder in encoders {
                group.addTask {
                    for k in 0..<Self.frames {
                        let outcome = encoder.submit(palette[(k / 30) % 4])
                        #expect(outcome.isQueued, "frame \(k): \(outcome)")
                    }
                }
            }
            try await group.waitForAll()
        }
        var reports: [VideoFileReport] = []
        for encoder in encoders { reports.append(try await encoder.finish()) }
        for report in reports {
            #expect(report.frameCount == Self.frames)
            #expect(report.counters.framesSubmitted == Self.frames)
            #expect(report.counters.framesWritten == Self.frames)
            #expect(report.counters.framesDuplicated == 0)
            #expect(report.gaps.isEmpty)
            #expect(report.duration == Rational(3))
            #expect(report.codec == codec.infoName)
            #expect(!FileManager.default.fileExists(atPath: report.path + ".spool.mp4"))

            let probe = try VideoProbe().probe(report.path)
            #expect(probe.codec == codec.infoName)
            #expect(probe.width == Self.width && probe.height == Self.height)
            #expect(probe.pixelFormat == "yuv420p")
            #expect(probe.frameCount == Self.frames)
            #expect(probe.timeBase == Rational(1, Int64(Self.fps * 512)))
            #expect(probe.startTime == Rational(0))
            if let mismatch = probe.firstTimingMismatch(fps: Self.fps) {
                Issue.record("\(report.path): frame \(mismatch.index) at \(mismatch.actual), expected \(mismatch.expected)")
            }
            #expect(probe.duration == Rational(3))

            let decoded = try VideoFrameReader(path: report.path).readAll()
            #expect(decoded.count == Self.frames)
            for (k, frame) in decoded.enumerated() where !FrameFactory.matches(frame, FrameFactory.colour(forFrame: k)) {
                Issue.record("\(report.path) frame \(k): mean \(FrameFactory.mean(frame)), expected \(FrameFactory.colour(forFrame: k))")
            }
        }
    }

    @Test(arguments: [VideoCodec.h264, .hevc, .av1])
    func oneCameraIsFrameExact(codec: VideoCodec) async throws {
        try await encodeAndCheck(codec: codec, cameras: 1)
    }

    @Test func twoConcurrentCamerasAreFrameExact() async throws {
        try await encodeAndCheck(codec: .h264, cameras: 2)
    }

    @Test func threeConcurrentCamerasAreFrameExact() async throws {
        try await encodeAndCheck(codec: .h264, cameras: 3)
    }
}
