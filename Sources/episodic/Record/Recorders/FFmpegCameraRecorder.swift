import LeRobot
import Recording
import RobotSources

/// A real camera read by ffmpeg (``FFmpegCameraSource``): each tick copies the newest frame
/// straight into the encoder's queue slot; with no new frame since the last tick it records a
/// `frameLate` gap (the video repeats the previous frame), so the video and the gap log agree.
///
/// Threading: the control loop's thread; the source has its own reader thread and is started
/// and stopped by its owner (``RecordRun``).
final class FFmpegCameraRecorder: Recorder {
    let feature: String
    let features: [Feature]
    let source: FFmpegCameraSource
    private var key: FrameBuilder.FrameKey?

    /// - Parameter feature: the camera's video feature, `observation.images.NAME`.
    init(feature: String, width: Int, height: Int, source: FFmpegCameraSource) {
        self.feature = feature
        features = [.video(feature, height: height, width: width)]
        self.source = source
    }

    var name: String { "ffmpeg camera \(feature)" }

    func bind(to frame: FrameBuilder) throws {
        key = try frame.key(feature)
    }

    func capture(into frame: FrameBuilder, tick: Int) throws {
        let fresh = try frame.withCameraBuffer(key!) { source.take(into: $0) }
        if !fresh { try frame.markGap(key!, cause: .frameLate) }
    }
}
