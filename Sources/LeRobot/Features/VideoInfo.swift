// The `info` block of a video feature in `info.json`.

/// Stream facts of a camera's mp4 files, written into the feature's `info` block.
public struct VideoInfo: Hashable, Sendable {
    /// Codec names lerobot accepts in `video.codec` (ffmpeg encoder-family names;
    /// `lerobot-edit-dataset` rebuilds an encoder from it, so `"avc1"` would break it).
    public enum Codec: String, Hashable, Sendable, CaseIterable {
        case h264
        case hevc
        case av1
    }

    public var height: Int
    public var width: Int
    public var codec: Codec
    public var pixelFormat: String
    public var fps: Int

    public init(height: Int, width: Int, codec: Codec, pixelFormat: String = "yuv420p", fps: Int) {
        self.height = height
        self.width = width
        self.codec = codec
        self.pixelFormat = pixelFormat
        self.fps = fps
    }

    /// The block in the key order lerobot writes for `version`: v3.0 puts
    /// `is_depth_map` last; v2.1 uses the legacy `video.is_depth_map` after `video.pix_fmt`.
    public func json(for version: CodebaseVersion) -> JSONValue {
        switch version {
        case .v3_0:
            return .object([
                ("video.height", .int(Int64(height))),
                ("video.width", .int(Int64(width))),
                ("video.codec", .string(codec.rawValue)),
                ("video.pix_fmt", .string(pixelFormat)),
                ("video.fps", .int(Int64(fps))),
                ("video.channels", .int(3)),
                ("has_audio", .bool(false)),
                ("is_depth_map", .bool(false)),
            ])
        case .v2_1:
            return .object([
                ("video.height", .int(Int64(height))),
                ("video.width", .int(Int64(width))),
                ("video.codec", .string(codec.rawValue)),
                ("video.pix_fmt", .string(pixelFormat)),
                ("video.is_depth_map", .bool(false)),
                ("video.fps", .int(Int64(fps))),
                ("video.channels", .int(3)),
                ("has_audio", .bool(false)),
            ])
        }
    }
}
