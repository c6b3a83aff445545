// One episode's camera encoders, from pre-warm to finished mp4s.

import Foundation
import LeRobot
import Video

/// The camera encoders of one episode take, with their statistics logs and spool directory.
///
/// Made and started (ffmpeg spawned) ahead of time by the session, so an episode starts with
/// warm encoders. ``finish()`` finishes every camera in parallel once and remembers the
/// outcome, so a retried commit never finishes an encoder twice.
///
/// Threading: `submit` on the encoders from the producer thread; `finish`/`cancel` from the
/// committer or a background task. The lock only guards the memoized outcome.
final class EpisodeStreams: @unchecked Sendable {
    /// The take number (unique per session; a discarded and re-recorded episode gets a new one).
    let take: Int
    let directory: String
    let names: [String]
    let encoders: [StreamingVideoEncoder]
    let statsLogs: [CameraStatsLog]
    /// The take's audio WAV in the spool (`<name>.wav`), with an audio stream.
    let audio: AudioTrack?
    /// The finish bound of a camera for a stream of a given length.
    let finishTimeout: @Sendable (_ camera: String, _ frames: Int) -> Duration
    private let lock = NSLock()
    private var outcome: Result<[VideoFileReport], VideoError>?

    /// Creates and starts one encoder per camera under `spool/take-NNNNNN/`.
    /// Blocking: spawns ffmpeg per camera (ms each; the first start in a process probes encoders).
    init(take: Int, spool: String, cameras: [RecordingConfiguration.CameraSpec], fps: Int,
         finishTimeout: @escaping @Sendable (_ camera: String, _ frames: Int) -> Duration,
         expectedFrames: Int, audio audioStream: RecordingConfiguration.AudioStream? = nil) throws(RecordingError) {
        self.take = take
        self.finishTimeout = finishTimeout
        directory = spool + "/" + String(format: "take-%06d", take)
        names = cameras.map(\.name)
        var encoders: [StreamingVideoEncoder] = []
        var logs: [CameraStatsLog] = []
        for camera in cameras {
            let log = CameraStatsLog(width: camera.width, height: camera.height, expectedFrames: expectedFrames)
            let config = camera.encoding.videoConfig(width: camera.width, height: camera.height, fps: fps,
                                                     finishTimeout: finishTimeout(camera.name, 0))
            let encoder = StreamingVideoEncoder(
                config: config, outputPath: directory + "/" + camera.name + ".mp4",
                frameObserver: { first, count, rgb in log.observe(firstIndex: first, count: count, rgb: rgb) })
            do {
                try encoder.start()
            } catch {
                for started in encoders { started.cancel() }
                encoder.cancel()
                throw RecordingError(.prerequisiteFailed, "camera '\(camera.name)' encoder could not start for take \(take)",
                                     hint: "see the cause; check ffmpeg (scripts/setup.sh) and the spool directory \(spool)",
                                     cause: error as? VideoError)
            }
            encoders.append(encoder)
            logs.append(log)
        }
        self.encoders = encoders
        statsLogs = logs
        if let audioStream {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                audio = try AudioTrack(stream: audioStream, path: directory + "/" + audioStream.name + ".wav")
            } catch {
                for started in encoders { started.cancel() }
                throw RecordingError(.prerequisiteFailed, "audio stream '\(audioStream.name)' could not start for take \(take)",
                                     hint: "see the cause; check the spool directory \(spool)", cause: error as? VideoError)
            }
        } else {
            audio = nil
        }
    }

    /// Finishes every camera (in parallel) once, each bounded by its timeout for `frames`
    /// frames; later calls return the same outcome.
    func finish(frames: Int) async throws(VideoError) -> [VideoFileReport] {
        if let done = lock.withLock({ outcome }) { return try done.get() }
        let result: Result<[VideoFileReport], VideoError> = await withTaskGroup(
            of: (Int, Result<VideoFileReport, VideoError>).self
        ) { group in
            for (i, encoder) in encoders.enumerated() {
                let timeout = finishTimeout(names[i], frames)
                group.addTask {
                    do {
                        return (i, .success(try await encoder.finish(timeout: timeout)))
                    } catch let error as VideoError {
                        return (i, .failure(error))
                    } catch {
                        return (i, .failure(VideoError(.encoderFailed, "\(error)")))
                    }
                }
            }
            var reports = [VideoFileReport?](repeating: nil, count: encoders.count)
            var failure: VideoError?
            for await (i, r) in group {
                switch r {
                case .success(let report): reports[i] = report
                case .failure(let error): failure = failure ?? error
                }
            }
            if let failure { return .failure(failure) }
            return .success(reports.map { $0! })
        }
        lock.withLock { outcome = result }
        return try result.get()
    }

    /// Discards the take: kills the encoders and removes their spool files. Blocking (≈ 50 ms).
    func cancel() {
        for encoder in encoders { encoder.cancel() }
        // A missing file is fine (never created, or already gone); the consumer may still hold
        // the descriptor of an unlinked WAV, which only writes to the orphaned inode.
        for path in audio?.spoolPaths ?? [] { _ = unlink(path) }
        // The take directory is empty once the spools are gone; a failure to remove it is harmless.
        _ = rmdir(directory)
    }

    /// Removes the take's directory after a successful commit (the mp4s were copied into the dataset).
    func removeFiles() {
        if let files = try? FileManager.default.contentsOfDirectory(atPath: directory) {  // ok: leftovers are harmless, see below
            for file in files { _ = unlink(directory + "/" + file) }
        }
        // Leftovers only waste space in the spool; they never affect the dataset.
        _ = rmdir(directory)
    }
}
