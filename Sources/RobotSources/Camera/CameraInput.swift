/// Where a camera's frames come from, as ffmpeg reads it.
///
/// Parsed from the `--camera NAME=INPUT` value of `episodic record`:
/// - `/dev/videoN` → a V4L2 device (`-f v4l2`);
/// - `rtsp://…`, `rtsps://…`, `http://…`, `https://…`, `udp://…`, `srt://…` → a network stream;
/// - `lavfi:GRAPH` → an ffmpeg test source such as `lavfi:testsrc=size=640x480:rate=30`;
/// - anything else → a video file (read at its native rate, as a live camera would deliver it).
public enum CameraInput: Sendable, Hashable, CustomStringConvertible {
    case device(String)
    case stream(String)
    case testSource(String)
    case file(String)

    /// Classifies `text` (see the type's documentation). Never fails: an unknown string is a file path,
    /// and a missing file is reported by ffmpeg when the camera starts.
    public init(parsing text: String) {
        let lowered = text.lowercased()
        if text.hasPrefix("/dev/video") {
            self = .device(text)
        } else if lowered.hasPrefix("lavfi:") {
            self = .testSource(String(text.dropFirst("lavfi:".count)))
        } else if ["rtsp://", "rtsps://", "http://", "https://", "udp://", "srt://", "rtmp://"].contains(where: lowered.hasPrefix) {
            self = .stream(text)
        } else {
            self = .file(text)
        }
    }

    /// The ffmpeg arguments that open this input (everything before the output options).
    public var ffmpegInputArguments: [String] {
        switch self {
        case .device(let path): ["-f", "v4l2", "-i", path]
        case .stream(let url):
            url.lowercased().hasPrefix("rtsp") ? ["-rtsp_transport", "tcp", "-i", url] : ["-i", url]
        // -re: a test source or a file would otherwise be decoded as fast as the CPU allows;
        // a camera delivers frames at its own rate, so these are paced the same way.
        case .testSource(let graph): ["-re", "-f", "lavfi", "-i", graph]
        case .file(let path): ["-re", "-i", path]
        }
    }

    /// Whether the input ends by itself (a file, or a test source with a duration).
    public var isFinite: Bool {
        if case .file = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .device(let path): "V4L2 device \(path)"
        case .stream(let url): "stream \(url)"
        case .testSource(let graph): "ffmpeg test source \(graph)"
        case .file(let path): "video file \(path)"
        }
    }
}
