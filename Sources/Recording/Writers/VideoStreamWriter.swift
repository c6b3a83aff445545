// The built-in output of `video` features: one streaming ffmpeg encoder per camera and take.

import LeRobot
import Video

/// Claims `video` features and makes a ``VideoStreamWriter`` per camera and take, with the
/// camera's ``CameraEncoding`` from the session's configuration. Value type.
public struct VideoWriterFactory: ImageWriterFactory {
    public let configuration: RecordingConfiguration

    public init(configuration: RecordingConfiguration) {
        self.configuration = configuration
    }

    public func claims(_ feature: Feature) -> Bool { feature.dtype == .video }

    public func validate(_ feature: Feature, fps: Int) throws(RecordingError) {
        let encoding = configuration.encoding(of: feature.name)
        do {
            try encoding.videoConfig(width: feature.shape[1], height: feature.shape[0], fps: fps,
                                     finishTimeout: encoding.finishTimeout).validate()
        } catch let error as VideoError {
            throw RecordingError(.invalidConfiguration, "camera '\(feature.name)': \(error.message)",
                                 hint: "fix the camera's size or encoder settings", cause: error)
        } catch {
            throw RecordingError(.invalidConfiguration, "camera '\(feature.name)': \(error)", hint: "fix the camera's encoder settings")
        }
    }

    public func makeWriter(for feature: Feature, take: TakeContext) throws(RecordingError) -> any ImageStreamWriter {
        let config = configuration
        let name = feature.name
        return try VideoStreamWriter(
            name: name, width: feature.shape[1], height: feature.shape[0], encoding: config.encoding(of: name), take: take,
            finishTimeout: { frames in config.finishTimeout(camera: name, frames: frames) })
    }
}

/// One camera of one take: its ``StreamingVideoEncoder`` (started at creation) and the
/// statistics log its writer thread fills. Finishing moves nothing: the committer has the
/// dataset writer rename the finished mp4 into the dataset.
final class VideoStreamWriter: ImageStreamWriter, @unchecked Sendable {
    let streamName: String
    let encoder: StreamingVideoEncoder
    let statsLog: CameraStatsLog
    private let finishTimeout: @Sendable (_ frames: Int) -> Duration

    /// Creates and starts the encoder (spawns ffmpeg; blocking, milliseconds).
    init(name: String, width: Int, height: Int, encoding: CameraEncoding, take: TakeContext,
         finishTimeout: @escaping @Sendable (_ frames: Int) -> Duration) throws(RecordingError) {
        streamName = name
        self.finishTimeout = finishTimeout
        // Histograms spill to the spool disk (unlinked at once), so memory stays flat in episode length.
        let log = CameraStatsLog(width: width, height: height, expectedFrames: take.expectedFrames,
                                 spoolPath: take.directory + "/" + name + ".stats")
        statsLog = log
        let config = encoding.videoConfig(width: width, height: height, fps: take.fps, finishTimeout: finishTimeout(0))
        encoder = StreamingVideoEncoder(
            config: config, outputPath: take.directory + "/" + name + ".mp4",
            frameObserver: { first, count, rgb in log.observe(firstIndex: first, count: count, rgb: rgb) })
        do {
            try encoder.start()
        } catch {
            encoder.cancel()
            throw RecordingError(.prerequisiteFailed, "camera '\(name)' encoder could not start for take \(take.take)",
                                 hint: "see the cause; check ffmpeg (scripts/setup.sh) and the spool directory \(take.directory)",
                                 cause: error as? VideoError)
        }
    }

    func reserveSlot() -> StreamingVideoEncoder.SlotReservation? { encoder.reserveSlot() }
    func submit(_ reservation: StreamingVideoEncoder.SlotReservation, captureTime: ContinuousClock.Instant) -> SubmitOutcome {
        encoder.submit(reservation, captureTime: captureTime)
    }
    func release(_ reservation: StreamingVideoEncoder.SlotReservation) { encoder.release(reservation) }
    func submit(_ rgb: UnsafeRawBufferPointer, captureTime: ContinuousClock.Instant) -> SubmitOutcome {
        encoder.submit(rgb, captureTime: captureTime)
    }
    @discardableResult
    func submitGap(cause: GapCause) -> SubmitOutcome { encoder.submitGap(cause: cause) }
    var counters: EncoderCounters { encoder.counters }

    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> TakeContribution {
        let report: VideoFileReport
        do {
            report = try await encoder.finish(timeout: finishTimeout(context.frames))
        } catch {
            let video = error as? VideoError ?? VideoError(.encoderFailed, "\(error)")
            throw RecordingError(video.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(context.sessionEpisode): finishing camera '\(streamName)' failed",
                                 hint: "the spool files in \(context.spoolDirectory) are kept", cause: video)
        }
        guard report.frameCount == context.frames else {
            throw RecordingError(.commitFailed, "camera '\(streamName)' wrote \(report.frameCount) frames for \(context.frames) rows",
                                 hint: "the encoder lost frames; re-record the episode")
        }
        let stats: FeatureStatistics
        do {
            stats = try statsLog.statistics(length: context.frames)
        } catch {
            throw RecordingError(error.code == .diskFull ? .diskFull : .commitFailed,
                                 "episode \(context.sessionEpisode): statistics of camera '\(streamName)' failed",
                                 hint: "the spool files in \(context.spoolDirectory) are kept", cause: error)
        }
        // The dataset writer renames the finished mp4 into the dataset (no second write of the bytes).
        return TakeContribution(
            videos: [streamName: EpisodeVideo(path: report.path, frameCount: report.frameCount, handoff: .move)],
            cameraStats: [streamName: stats],
            sidecar: .imageStream(section: "cameras", name: streamName, frames: report.frameCount, counters: report.counters,
                                  codec: report.codec, encoder: report.encoder))
    }

    func cancel() { encoder.cancel() }
}
