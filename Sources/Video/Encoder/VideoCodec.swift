/// Which video codec a camera stream is encoded with.
public enum VideoCodec: String, Sendable, Hashable, CaseIterable {
    /// H.264 with libx264 (the default: fast enough for 3×480p@30 live on 2 cores, plays everywhere).
    case h264
    /// H.265 with libx265 (tagged `hvc1` so browsers and LeRobot accept it).
    case hevc
    /// AV1 with libsvtav1 (LeRobot's default; too slow to record 3 cameras live on 2 cores,
    /// see docs/video.md — use it for offline transcodes).
    case av1
    /// A hardware H.264 encoder when one actually works on this machine (nvenc, qsv, vaapi,
    /// videotoolbox — each is tried with a one-frame encode, once per process), else libx264.
    case auto

    /// The codec name LeRobot's `info.json` uses (`video.codec`): "h264", "hevc" or "av1".
    /// `.auto` always resolves to an H.264 encoder, so it is "h264".
    public var infoName: String {
        switch self {
        case .h264, .auto: return "h264"
        case .hevc: return "hevc"
        case .av1: return "av1"
        }
    }

    /// The software ffmpeg encoder for this codec (for `.auto`, the fallback).
    var softwareEncoder: String {
        switch self {
        case .h264, .auto: return "libx264"
        case .hevc: return "libx265"
        case .av1: return "libsvtav1"
        }
    }

    /// The preset used when the configuration gives none: the fastest one, since frames are
    /// encoded live.
    var defaultPreset: String? {
        switch self {
        case .h264, .hevc: return "ultrafast"
        case .av1: return "12"
        case .auto: return nil
        }
    }

    /// The CRF used when the configuration gives none (LeRobot uses 30 for AV1).
    var defaultCRF: Int? {
        switch self {
        case .h264: return 23
        case .hevc: return 28
        case .av1: return 30
        case .auto: return nil
        }
    }
}
