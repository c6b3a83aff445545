import Foundation

/// Finds a hardware H.264 encoder that really works here, for ``VideoCodec/auto``.
///
/// Being listed by `ffmpeg -encoders` is not enough (Debian's ffmpeg lists nvenc and vaapi on
/// machines without a GPU), so each listed candidate encodes one 64×64 frame to the null
/// muxer; the first that succeeds wins. The result is cached per ffmpeg executable for the
/// life of the process. Blocking (up to a few hundred ms the first time); thread-safe.
enum HardwareEncoderProbe {
    /// A hardware encoder and the extra ffmpeg arguments it needs.
    struct Choice: Sendable, Hashable {
        var encoder: String
        /// Arguments placed before `-i` (device setup).
        var inputArguments: [String]
        /// Arguments placed after `-c:v` (upload filter, rate control).
        var outputArguments: [String]
    }

    /// Candidates in order of preference, as LeRobot orders them.
    static let candidates: [Choice] = [
        Choice(encoder: "h264_videotoolbox", inputArguments: [], outputArguments: []),
        Choice(encoder: "h264_nvenc", inputArguments: [], outputArguments: []),
        Choice(encoder: "h264_vaapi", inputArguments: ["-vaapi_device", "/dev/dri/renderD128"],
               outputArguments: ["-vf", "format=nv12,hwupload"]),
        Choice(encoder: "h264_qsv", inputArguments: [], outputArguments: []),
    ]

    /// The first working hardware encoder, or nil when none works (then libx264 is used).
    static func choose(tools: FFmpegTools) throws -> Choice? {
        let ffmpeg = try FFmpegTools.resolve(tools.ffmpeg)
        if let cached = cache.withLock({ $0[ffmpeg] }) { return cached }
        let listed = try tools.encoders()
        var found: Choice?
        for candidate in candidates where listed.contains(candidate.encoder) {
            let args = ["-hide_banner", "-v", "error"] + candidate.inputArguments
                + ["-f", "lavfi", "-i", "color=black:size=64x64:rate=1", "-frames:v", "1"]
                + candidate.outputArguments + ["-c:v", candidate.encoder, "-f", "null", "-"]
            let output = try ChildProcess.run(ffmpeg, args, timeout: .seconds(10))
            if output.termination.isSuccess { found = candidate; break }
        }
        cache.withLock { $0[ffmpeg] = .some(found) }
        return found
    }

    private static let cache = LockedBox<[String: Choice?]>([:])
}
