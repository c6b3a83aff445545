// The built-in output of `image` features: PNGs embedded in the episode's parquet.

import LeRobot
import Video

/// How `image` features are written: one PNG per frame, encoded off the control loop and
/// embedded in the episode's parquet (`struct<bytes, path>`, as lerobot stores image features).
/// Value type.
public struct PNGImageSettings: Sendable, Hashable {
    /// zlib level 0–9; 1 (lerobot's image writer level) keeps up with 30 fps at 640×480 on one core.
    public var compressionLevel: Int32
    /// Frame slots between `addFrame` and the encoding thread; nil = one second of frames.
    public var queueCapacity: Int?
    /// What `addFrame` does when the queue is full (default: duplicate the previous frame, counted).
    public var backpressure: BackpressurePolicy
    /// Bound for draining the queue at commit, plus ``RecordingConfiguration/finishTimeoutPerSecond`` per second.
    public var finishTimeout: Duration

    public init(compressionLevel: Int32 = 1, queueCapacity: Int? = nil, backpressure: BackpressurePolicy = .duplicatePrevious,
                finishTimeout: Duration = .seconds(10)) {
        self.compressionLevel = compressionLevel
        self.queueCapacity = queueCapacity
        self.backpressure = backpressure
        self.finishTimeout = finishTimeout
    }
}

/// Claims `image` features and makes a ``PNGSequenceWriter`` per feature and take.
public struct PNGWriterFactory: ImageWriterFactory {
    public let settings: PNGImageSettings
    /// Added to the settings' finish bound per second of episode.
    public let finishTimeoutPerSecond: Duration

    public init(settings: PNGImageSettings = PNGImageSettings(), finishTimeoutPerSecond: Duration = .milliseconds(500)) {
        self.settings = settings
        self.finishTimeoutPerSecond = finishTimeoutPerSecond
    }

    public func claims(_ feature: Feature) -> Bool { feature.dtype == .image }

    public func validate(_ feature: Feature, fps: Int) throws(RecordingError) {
        guard (0...9).contains(settings.compressionLevel) else {
            throw RecordingError(.invalidConfiguration, "image '\(feature.name)': PNG compression level \(settings.compressionLevel) is not in 0...9",
                                 hint: "use 1 (fast) to 9 (small)")
        }
        guard feature.shape.count == 3, feature.shape[2] == 3, feature.shape[0] > 0, feature.shape[1] > 0 else {
            throw RecordingError(.invalidConfiguration, "image '\(feature.name)' has shape \(feature.shape); the engine records [height, width, 3]",
                                 hint: "declare RGB images as [height, width, 3]")
        }
        if let capacity = settings.queueCapacity, capacity < 1 {
            throw RecordingError(.invalidConfiguration, "image '\(feature.name)': queue capacity \(capacity) must be at least 1",
                                 hint: "leave it nil for one second of frames")
        }
    }

    public func makeWriter(for feature: Feature, take: TakeContext) throws(RecordingError) -> any ImageStreamWriter {
        let fps = take.fps
        let (base, perSecond) = (settings.finishTimeout, finishTimeoutPerSecond)
        return try PNGSequenceWriter(
            name: feature.name, width: feature.shape[1], height: feature.shape[0], settings: settings, take: take,
            finishTimeout: { frames in base + perSecond * (Double(frames) / Double(max(fps, 1))) })
    }
}
