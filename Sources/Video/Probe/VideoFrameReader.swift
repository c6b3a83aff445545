#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Decodes a video file to packed rgb24 frames, one at a time, through `ffmpeg … -f rawvideo
/// pipe:1` (for readers, `verify` and tests).
///
/// Frames come in presentation order; `-vsync passthrough` keeps ffmpeg from inventing or
/// dropping frames, so frame k here is frame k of the file. Memory: one frame at a time.
/// Threading: use from one thread at a time; ``next()`` blocks while ffmpeg decodes.
/// Call ``close()`` when stopping early (it kills the decoder); reading to the end reaps it.
public final class VideoFrameReader: @unchecked Sendable {
    public let path: String
    public let width: Int
    public let height: Int
    /// Bytes per frame: width × height × 3.
    public var frameByteCount: Int { width * height * 3 }

    private let child: ChildProcess
    private let stderrTail = StderrTail()
    private var finished = false

    /// Probes `path` for its size and starts the decoder.
    /// - Throws: `ERR_FFMPEG_MISSING`, `ERR_VIDEO_PROBE_FAILED`.
    public init(path: String, tools: FFmpegTools = .system) throws {
        let probe = try VideoProbe(tools: tools).probe(path)
        self.path = path
        width = probe.width
        height = probe.height
        let ffmpeg = try FFmpegTools.resolve(tools.ffmpeg)
        child = try ChildProcess.spawn(executable: ffmpeg, arguments: [
            "-hide_banner", "-nostats", "-loglevel", "error", "-i", path,
            "-map", "0:v:0", "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ], stdin: .null, stdout: .pipe)
        stderrTail.start(fd: child.stderrFD, name: "episodic.video.decode.stderr") {}
    }

    deinit { close() }

    /// The next decoded frame, or nil at the end of the stream.
    /// - Throws: `ERR_VIDEO_PROBE_FAILED` when ffmpeg fails or the stream ends mid-frame.
    public func next() throws -> [UInt8]? {
        guard !finished else { return nil }
        var frame = [UInt8](repeating: 0, count: frameByteCount)
        var filled = 0
        while filled < frameByteCount {
            let n = frame.withUnsafeMutableBytes { read(child.stdoutFD, $0.baseAddress! + filled, frameByteCount - filled) }
            if n > 0 { filled += n; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        if filled == frameByteCount { return frame }
        finished = true
        let termination = child.waitForExit(timeout: .seconds(10))
        _ = stderrTail.waitForEOF(timeout: .seconds(2))
        guard filled == 0, termination?.isSuccess == true else {
            throw VideoError(.probeFailed, "decoding \(path) failed (\(termination.map { "\($0)" } ?? "timeout"), \(filled) stray bytes)",
                             stderrTail: stderrTail.snapshot)
        }
        return nil
    }

    /// Decodes every remaining frame (memory: frames × frame size; for short test files).
    public func readAll() throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while let frame = try next() { frames.append(frame) }
        return frames
    }

    /// Stops decoding early: kills ffmpeg if it still runs. Idempotent.
    public func close() {
        guard !finished else { return }
        finished = true
        child.kill(SIGKILL)
        _ = child.waitForExit(timeout: .seconds(5))
    }
}
