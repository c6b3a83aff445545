import Foundation
import Testing
@testable import Video

@Suite struct VideoProbeTests {
    @Test func probesAnIndependentlyEncodedH264File() throws {
        let dir = try TempDir("probe")
        defer { dir.remove() }
        let path = dir.file("testsrc.mp4")
        try runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=30", "-frames:v", "90",
                               "-c:v", "libx264", "-g", "2", "-pix_fmt", "yuv420p", "-video_track_timescale", "15360", path])
        let result = try VideoProbe().probe(path)
        #expect(result.codec == "h264")
        #expect(result.width == 64 && result.height == 48)
        #expect(result.pixelFormat == "yuv420p")
        #expect(result.timeBase == Rational(1, 15360))
        #expect(result.frameCount == 90)
        #expect(result.framePTS.first == 0 && result.framePTS.last == 89 * 512)
        #expect(result.startTime == Rational(0))
        #expect(result.frameTime(45) == Rational(3, 2))
        #expect(result.duration == Rational(3))
        #expect(result.keyframeCount == 45)
        #expect(result.averageFrameRate == Rational(30))
        #expect(result.firstTimingMismatch(fps: 30) == nil)
    }

    @Test func reportsTheFirstInexactFrameOfAMillisecondTimescale() throws {
        let dir = try TempDir("probe")
        defer { dir.remove() }
        let path = dir.file("ms.mp4")
        try runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=30", "-frames:v", "10",
                               "-c:v", "libx264", "-g", "2", "-pix_fmt", "yuv420p", "-video_track_timescale", "1000", path])
        let result = try VideoProbe().probe(path)
        #expect(result.timeBase == Rational(1, 1000))
        let mismatch = try #require(result.firstTimingMismatch(fps: 30))
        #expect(mismatch.index == 1)
        #expect(mismatch.expected == Rational(1, 30))
        #expect(mismatch.actual == Rational(33, 1000) || mismatch.actual == Rational(34, 1000))
    }

    @Test func missingFileIsATypedProbeError() throws {
        let error = #expect(throws: VideoError.self) { try VideoProbe().probe("/nonexistent/episode.mp4") }
        #expect(error?.code == .probeFailed)
        #expect(error?.message.contains("/nonexistent/episode.mp4") == true)
        #expect(error?.stderrTail.isEmpty == false)
    }

    @Test func missingFFprobeIsATypedError() throws {
        let error = #expect(throws: VideoError.self) {
            try VideoProbe(tools: FFmpegTools(ffprobe: "/nonexistent/ffprobe")).probe("/tmp/x.mp4")
        }
        #expect(error?.code == .ffmpegMissing)
    }

    @Test func rationalArithmeticIsExact() {
        #expect(Rational(512, 15360) == Rational(1, 30))
        #expect(Rational(1, 30) + Rational(1, 30) == Rational(1, 15))
        #expect(Rational(parsing: "1/15360") == Rational(1, 15360))
        #expect(Rational(parsing: "30") == Rational(30))
        #expect(Rational(parsing: "1/0") == nil)
        #expect(Rational(2, -4).description == "-1/2")
    }
}
