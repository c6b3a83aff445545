/// Optional AAC encoding of a finished WAV, through ffmpeg's native `aac` encoder into an
/// `.m4a` (MP4 audio) file. Blocking (runs ffmpeg to completion); thread-safe.
public struct AACEncoder: Sendable {
    public var bitrate: Int
    public var tools: FFmpegTools

    public init(bitrate: Int = 128_000, tools: FFmpegTools = .system) {
        self.bitrate = bitrate
        self.tools = tools
    }

    /// Encodes `wav` (a finished ``WAVWriter`` report) to `outputPath`, written under
    /// `outputPath + ".partial"` and renamed. The report keeps the source's exact sample count
    /// (AAC pads to 1024-sample frames internally; the MP4 edit list trims it).
    /// - Throws: `ERR_FFMPEG_MISSING`, `ERR_ENCODER_FAILED` / `ERR_DISK_FULL` with ffmpeg's lines.
    public func encode(_ wav: AudioFileReport, to outputPath: String) throws -> AudioFileReport {
        let ffmpeg = try FFmpegTools.resolve(tools.ffmpeg)
        let partial = outputPath + ".partial"
        let output = try ChildProcess.run(ffmpeg, [
            "-hide_banner", "-nostats", "-loglevel", "error", "-i", wav.path, "-vn", "-c:a", "aac",
            "-b:a", "\(bitrate)", "-f", "mp4", "-y", partial,
        ])
        let lines = Array(output.stderrLines.suffix(20))
        guard output.termination.isSuccess else {
            let full = lines.contains { $0.contains("No space left on device") }
            throw VideoError(full ? .diskFull : .encoderFailed, "AAC encoding of \(wav.path) failed (\(output.termination))", stderrTail: lines)
        }
        guard rename(partial, outputPath) == 0 else { throw VideoError.fromErrno(errno, "rename to", path: outputPath) }
        var info = stat()
        let size = stat(outputPath, &info) == 0 ? Int64(info.st_size) : 0
        return AudioFileReport(path: outputPath, codec: "aac", sampleRate: wav.sampleRate, channels: wav.channels,
                               frameCount: wav.frameCount, byteCount: size)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
