#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Video

/// Failures are typed, bounded in time, and never reported as written frames.
@Suite struct EncoderFailureTests {
    static let width = 64, height = 64

    /// Writes an executable shell script standing in for ffmpeg (answers `-encoders` with `encoders`).
    func fakeFFmpeg(_ dir: TempDir, encoders: [String], body: String) throws -> String {
        let path = dir.file("fake-ffmpeg")
        let list = encoders.map { "echo ' V....D \($0)  fake'" }.joined(separator: "\n")
        let script = """
        #!/bin/sh
        if [ "$2" = "-encoders" ]; then
          echo 'Encoders:'
          echo ' ------'
        \(list)
          exit 0
        fi
        \(body)
        """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Submits frames until one fails or `bound` elapses; returns the failure (nil on timeout).
    func submitUntilFailure(_ enc: StreamingVideoEncoder, bound: Duration) -> VideoError? {
        let frame = FrameFactory.solid(width: enc.config.width, height: enc.config.height, 9, 9, 9)
        let deadline = ContinuousClock.now + bound
        while ContinuousClock.now < deadline {
            if let error = enc.submit(frame).error { return error }
            usleep(2_000)
        }
        return nil
    }

    @Test func missingBinaryFailsAtStart() throws {
        let config = VideoEncoderConfig(width: 64, height: 64, fps: 30, tools: FFmpegTools(ffmpeg: "/nonexistent/ffmpeg"))
        let enc = StreamingVideoEncoder(config: config, outputPath: "/tmp/never.mp4")
        let error = #expect(throws: VideoError.self) { try enc.start() }
        #expect(error?.code == .ffmpegMissing)
        #expect(error?.message.contains("/nonexistent/ffmpeg") == true)
    }

    @Test func anEncoderMissingFromThisFFmpegFailsAtStart() throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let fake = try fakeFFmpeg(dir, encoders: ["mpeg4", "libx264"], body: "exit 1")
        let config = VideoEncoderConfig(width: 64, height: 64, fps: 30, codec: .av1, tools: FFmpegTools(ffmpeg: fake))
        let enc = StreamingVideoEncoder(config: config, outputPath: dir.file("x.mp4"))
        let error = #expect(throws: VideoError.self) { try enc.start() }
        #expect(error?.code == .encoderUnsupported)
        #expect(error?.message.contains("libsvtav1") == true)
    }

    @Test func anOddFrameSizeIsAnInvalidConfig() throws {
        let enc = StreamingVideoEncoder(config: VideoEncoderConfig(width: 63, height: 48, fps: 30), outputPath: "/tmp/never.mp4")
        let error = #expect(throws: VideoError.self) { try enc.start() }
        #expect(error?.code == .invalidConfig)
        #expect(error?.message.contains("63x48") == true)
    }

    @Test func ffmpegRejectingItsOptionsSurfacesItsStderrFromSubmitAndFinish() async throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30, extraOptions: ["-no_such_option_xyz", "1"])
        let enc = StreamingVideoEncoder(config: config, outputPath: dir.file("bad.mp4"))
        try enc.start()
        let submitError = try #require(submitUntilFailure(enc, bound: .seconds(10)))
        #expect(submitError.code == .encoderFailed)
        #expect(submitError.stderrTail.contains { $0.contains("no_such_option_xyz") })
        let finishError = await #expect(throws: VideoError.self) { _ = try await enc.finish() }
        #expect(finishError?.code == .encoderFailed)
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.mp4")))
    }

    @Test func killingFFmpegMidEpisodeFailsSubmitAndFinishWithinABound() async throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30, backpressure: .block(maxWait: .seconds(5)))
        let enc = StreamingVideoEncoder(config: config, outputPath: dir.file("killed.mp4"))
        try enc.start()
        for k in 0..<30 {
            #expect(enc.submit(FrameFactory.solid(width: Self.width, height: Self.height, UInt8(k), 0, 0)).isQueued)
        }
        let pid = try #require(enc.processID)
        #expect(kill(pid, SIGKILL) == 0)
        let started = ContinuousClock.now
        let error = try #require(submitUntilFailure(enc, bound: .seconds(10)))
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error.code == .encoderFailed)
        #expect(error.message.contains("signal 9"))
        let counters = enc.counters
        #expect(counters.framesWritten <= counters.framesHandedIn)
        let finishError = await #expect(throws: VideoError.self) { _ = try await enc.finish() }
        #expect(finishError?.code == .encoderFailed)
        #expect(!FileManager.default.fileExists(atPath: dir.file("killed.mp4")))
        // after failure, submit answers at once
        #expect(enc.submit(FrameFactory.solid(width: Self.width, height: Self.height, 1, 1, 1)).error != nil)
    }

    @Test func anEncoderThatNeverExitsTimesOutAndIsKilled() throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let fake = try fakeFFmpeg(dir, encoders: ["libx264"], body: "cat > /dev/null\nexec sleep 60")
        let config = VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30,
                                        finishTimeout: .milliseconds(500), tools: FFmpegTools(ffmpeg: fake))
        let enc = StreamingVideoEncoder(config: config, outputPath: dir.file("hang.mp4"))
        try enc.start()
        #expect(enc.submit(FrameFactory.solid(width: Self.width, height: Self.height, 1, 2, 3)).isQueued)
        let started = ContinuousClock.now
        let error = #expect(throws: VideoError.self) { _ = try enc.finishSynchronously() }
        #expect(error?.code == .encoderTimeout)
        #expect(ContinuousClock.now - started < .seconds(5))
        let pid = try #require(enc.processID)
        #expect(kill(pid, 0) != 0)  // reaped: no such process
    }

    @Test func cancelKillsTheEncoderAndRemovesTheSpool() throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let enc = StreamingVideoEncoder(config: VideoEncoderConfig(width: Self.width, height: Self.height, fps: 30),
                                        outputPath: dir.file("discard.mp4"))
        try enc.start()
        for _ in 0..<10 { _ = enc.submit(FrameFactory.solid(width: Self.width, height: Self.height, 5, 5, 5)) }
        enc.cancel()
        #expect(!FileManager.default.fileExists(atPath: enc.spoolPath))
        #expect(!FileManager.default.fileExists(atPath: enc.outputPath))
        #expect(enc.submit(FrameFactory.solid(width: Self.width, height: Self.height, 5, 5, 5)).error?.code == .closed)
        #expect(throws: VideoError.self) { _ = try enc.finishSynchronously() }
    }

    @Test func theSpoolOfASIGKILLedEncoderStillDecodesAPrefix() throws {
        let dir = try TempDir("fail")
        defer { dir.remove() }
        let width = 320, height = 240, frames = 150
        let enc = StreamingVideoEncoder(config: VideoEncoderConfig(width: width, height: height, fps: 30,
                                                                   backpressure: .block(maxWait: .seconds(10))),
                                        outputPath: dir.file("crash.mp4"))
        try enc.start()
        for k in 0..<frames {
            #expect(enc.submit(FrameFactory.solid(width: width, height: height, UInt8(k), UInt8(255 - k), 60)).isQueued)
        }
        // Wait until every frame is in ffmpeg's stdin, then give it half a second, then SIGKILL.
        let deadline = ContinuousClock.now + .seconds(20)
        while enc.counters.framesWritten < frames && ContinuousClock.now < deadline { usleep(5_000) }
        usleep(500_000)
        let pid = try #require(enc.processID)
        #expect(kill(pid, SIGKILL) == 0)
        _ = submitUntilFailure(enc, bound: .seconds(5))
        let probe = try VideoProbe().probe(enc.spoolPath)
        #expect(probe.frameCount >= frames * 8 / 10, "only \(probe.frameCount) of \(frames) frames survived")
        #expect(probe.firstTimingMismatch(fps: 30) == nil)
        let decoded = try VideoFrameReader(path: enc.spoolPath).readAll()
        #expect(decoded.count == probe.frameCount)
        enc.cancel()
    }
}
