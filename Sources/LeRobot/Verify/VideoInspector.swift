// The video facts this module needs, behind a small seam.

import Video

/// What the writer and verifier need to know about an mp4.
public struct VideoFacts: Sendable, Hashable {
    public var codec: String
    public var width: Int
    public var height: Int
    public var pixelFormat: String
    /// Presentation time of every frame in presentation order, as exact fractions
    /// of a second (`numerator / denominator`).
    public var frameTimes: [(numerator: Int64, denominator: Int64)]

    public init(codec: String, width: Int, height: Int, pixelFormat: String,
                frameTimes: [(numerator: Int64, denominator: Int64)]) {
        self.codec = codec
        self.width = width
        self.height = height
        self.pixelFormat = pixelFormat
        self.frameTimes = frameTimes
    }

    public var frameCount: Int { frameTimes.count }

    public static func == (a: VideoFacts, b: VideoFacts) -> Bool {
        a.codec == b.codec && a.width == b.width && a.height == b.height && a.pixelFormat == b.pixelFormat
            && a.frameTimes.count == b.frameTimes.count
            && zip(a.frameTimes, b.frameTimes).allSatisfy { $0.numerator == $1.numerator && $0.denominator == $1.denominator }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(codec); hasher.combine(frameTimes.count)
    }

    /// Whether frame `k` is at exactly `(first + k) / fps` seconds.
    public func isAtExactTime(frame k: Int, fileFrame: Int, fps: Int) -> Bool {
        let t = frameTimes[k]
        // t.n / t.d == fileFrame / fps  ⇔  t.n · fps == fileFrame · t.d
        return t.numerator.multipliedFullWidth(by: Int64(fps)) == Int64(fileFrame).multipliedFullWidth(by: t.denominator)
    }
}

/// Reads ``VideoFacts`` from an mp4. Blocking (runs a probe process); call off the control loop.
public protocol VideoInspector: Sendable {
    func inspect(_ path: String) throws -> VideoFacts
}

/// The real inspector: ffprobe through the Video module's ``VideoProbe``.
public struct FFprobeVideoInspector: VideoInspector {
    public var probe: VideoProbe

    public init(probe: VideoProbe = VideoProbe()) {
        self.probe = probe
    }

    public func inspect(_ path: String) throws -> VideoFacts {
        let r = try probe.probe(path)
        let times = (0..<r.frameCount).map { i in
            let t = r.frameTime(i)
            return (numerator: t.numerator, denominator: t.denominator)
        }
        return VideoFacts(codec: r.codec, width: r.width, height: r.height, pixelFormat: r.pixelFormat, frameTimes: times)
    }
}
