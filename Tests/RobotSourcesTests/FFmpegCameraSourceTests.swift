import Foundation
import Testing
@testable import RobotSources

/// Runs ffmpeg with `arguments` and returns its stdout; fails the test with a clear message
/// when ffmpeg is not installed (CI installs it with scripts/setup.sh).
func runFFmpeg(_ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "ffmpeg \(arguments.joined(separator: " ")) failed — is ffmpeg installed? (scripts/setup.sh)")
    return data
}

/// Splits raw rgb24 bytes into frames.
func frames(_ data: Data, size: Int) -> [[UInt8]] {
    stride(from: 0, to: data.count - size + 1, by: size).map { [UInt8](data[$0..<$0 + size]) }
}

@Suite("FFmpeg camera source")
struct FFmpegCameraSourceTests {
    @Test("inputs are classified by prefix and map to ffmpeg input arguments")
    func parsing() {
        #expect(CameraInput(parsing: "/dev/video2") == .device("/dev/video2"))
        #expect(CameraInput(parsing: "rtsp://cam.local/stream").ffmpegInputArguments
                == ["-rtsp_transport", "tcp", "-i", "rtsp://cam.local/stream"])
        #expect(CameraInput(parsing: "http://x/y.mjpg") == .stream("http://x/y.mjpg"))
        #expect(CameraInput(parsing: "lavfi:testsrc=size=64x48:rate=30").ffmpegInputArguments
                == ["-re", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=30"])
        #expect(CameraInput(parsing: "clip.mp4") == .file("clip.mp4"))
        #expect(CameraInput(parsing: "/dev/video0").ffmpegInputArguments == ["-f", "v4l2", "-i", "/dev/video0"])
    }

    @Test("an odd size is refused with ERR_CAMERA_CONFIG")
    func oddSize() {
        #expect(throws: SourceError.self) { try FFmpegCameraSource(name: "c", input: .file("x"), width: 63, height: 48) }
        do {
            _ = try FFmpegCameraSource(name: "c", input: .file("x"), width: 63, height: 48)
        } catch {
            #expect(error.code == .cameraConfig)
            #expect(error.message == "camera c: size 63×48 is not positive and even")
        }
    }

    @Test("a lavfi test source delivers frames identical to ffmpeg's own decode; every tick is counted")
    func testSource() throws {
        let graph = "testsrc=size=64x48:rate=30"
        let size = 64 * 48 * 3
        let expected = Set(frames(try runFFmpeg(["-f", "lavfi", "-i", graph, "-frames:v", "600", "-vf", "scale=64:48",
                                                 "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]), size: size))
        let camera = try FFmpegCameraSource(name: "front", input: .testSource(graph), width: 64, height: 48)
        try camera.start()
        defer { camera.stop() }
        try camera.waitForFirstFrame(timeout: 20)
        var frame = [UInt8](repeating: 0, count: size)
        var fresh = 0
        for _ in 0..<6 {
            if frame.withUnsafeMutableBytes({ camera.take(into: $0) }) { fresh += 1 }
            #expect(expected.contains(frame), "a taken frame is not one of the source's frames")
            usleep(50_000)
        }
        camera.stop()
        let c = camera.counters
        #expect(c.ticks == 6)
        #expect(c.taken == fresh && c.taken + c.duplicated == 6)
        #expect(c.received == c.taken + c.skipped + (c.pending ? 1 : 0))
        #expect(c.taken >= 1)
    }

    @Test("a video file: frames overwritten before a tick are skipped, the newest is taken, then repeated as a gap")
    func videoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-cam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer {
            // Test cleanup; a leftover temp dir is harmless.
            try? FileManager.default.removeItem(at: dir)
        }
        let file = dir.appendingPathComponent("clip.mkv").path
        _ = try runFFmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=30", "-frames:v", "10",
                           "-c:v", "ffv1", "-pix_fmt", "rgb24", file])
        let size = 64 * 48 * 3
        let decoded = frames(try runFFmpeg(["-i", file, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]), size: size)
        try #require(decoded.count == 10)
        let camera = try FFmpegCameraSource(name: "file", input: .file(file), width: 64, height: 48)
        try camera.start()
        for _ in 0..<2000 where !camera.counters.ended { usleep(10_000) }
        let before = camera.counters
        #expect(before.ended)
        #expect(before.received == 10 && before.skipped == 9 && before.pending && before.ticks == 0)
        var frame = [UInt8](repeating: 0, count: size)
        #expect(frame.withUnsafeMutableBytes { camera.take(into: $0) } == true)
        #expect(frame == decoded[9])
        #expect(frame.withUnsafeMutableBytes { camera.take(into: $0) } == false)
        #expect(frame == decoded[9])
        let after = camera.counters
        #expect(after.taken == 1 && after.duplicated == 1 && after.ticks == 2 && !after.pending)
        camera.stop()
    }

    @Test("a missing file fails to start with ERR_CAMERA_START and ffmpeg's reason")
    func missingFile() throws {
        let camera = try FFmpegCameraSource(name: "gone", input: .file("/nonexistent/clip.mp4"), width: 64, height: 48)
        try camera.start()
        defer { camera.stop() }
        do {
            try camera.waitForFirstFrame(timeout: 20)
            Issue.record("expected ERR_CAMERA_START")
        } catch {
            #expect(error.code == .cameraStart)
            #expect(error.message.hasPrefix("camera gone: no frame from video file /nonexistent/clip.mp4"))
        }
    }
}
