// The optional microphone stream of a recording: its settings and one take's WAV.

import Foundation
import LeRobot
import Video

extension RecordingConfiguration {
    /// An optional audio stream recorded beside every episode (interleaved 16-bit PCM in, WAV out).
    ///
    /// Each tick's samples are handed with ``FrameBuilder/setAudio(samples:)``; the take's WAV is
    /// written off the control thread and placed at `audio/<name>/chunk-XXX/file-XXX.wav` on commit
    /// (the episode's data file numbering), described in the episode's sidecar. The dataset's
    /// `info.json` features are not changed (lerobot knows no audio dtype). Value type.
    public struct AudioStream: Sendable, Hashable {
        /// The stream's name: the directory under `audio/` (letters, digits, `_`, `-`, `.`).
        public var name: String
        /// Samples per second per channel.
        public var sampleRate: Int
        /// Interleaved channels (1...8).
        public var channels: Int
        /// Sample frames (one sample per channel) one tick may carry; nil = twice `ceil(sampleRate / fps)`.
        /// Bounds the per-tick buffer preallocated in each ``FrameBuilder`` and each row-ring slot.
        public var maxFramesPerTick: Int?

        public init(name: String = "microphone", sampleRate: Int = 48_000, channels: Int = 1, maxFramesPerTick: Int? = nil) {
            self.name = name
            self.sampleRate = sampleRate
            self.channels = channels
            self.maxFramesPerTick = maxFramesPerTick
        }

        /// The sample format: always 16-bit signed little-endian PCM.
        public var format: WAVSampleFormat { .s16le }

        /// Sample frames per tick actually reserved at `fps`.
        public func effectiveMaxFramesPerTick(fps: Int) -> Int {
            maxFramesPerTick ?? 2 * ((sampleRate + max(fps, 1) - 1) / max(fps, 1))
        }

        /// Path of episode data location `location`'s WAV, relative to the dataset root.
        public func relativePath(chunk: Int, file: Int) -> String {
            DatasetPaths.audio(stream: name, FileLocation(chunk: chunk, file: file))
        }
    }
}

/// One take's audio: the spool WAV being written by the row consumer thread.
///
/// Threading: ``append(_:)`` only on the row consumer thread; ``finish()`` on the committer after
/// the take's columns were sealed (the seal lock orders it after the last append); ``spoolPaths``
/// from any thread. A write error is kept and reported by `finish` (never swallowed).
final class AudioTrack: @unchecked Sendable {
    let stream: RecordingConfiguration.AudioStream
    let path: String
    private let writer: WAVWriter
    private var failure: VideoError?
    private var outcome: Result<AudioFileReport, VideoError>?

    /// Creates `path + ".partial"` with a placeholder header. Blocking (file create); called on
    /// the pre-warm thread.
    init(stream: RecordingConfiguration.AudioStream, path: String) throws(VideoError) {
        self.stream = stream
        self.path = path
        do {
            writer = try WAVWriter(path: path, sampleRate: stream.sampleRate, channels: stream.channels, format: .s16le)
        } catch let error as VideoError {
            throw error
        } catch {
            throw VideoError(.io, "WAV \(path): \(error)")
        }
    }

    /// Appends one tick's little-endian s16 samples (row consumer thread). After a failure the
    /// rest is skipped; `finish` reports the first error.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !bytes.isEmpty else { return }
        do {
            try writer.append(bytes)
        } catch let error as VideoError {
            failure = error
        } catch {
            failure = VideoError(.io, "WAV \(path): \(error)")
        }
    }

    /// Finishes the WAV once (header patched, fsync, renamed to ``path``); later calls return the same outcome.
    func finish() throws(VideoError) -> AudioFileReport {
        if let outcome { return try outcome.get() }
        let result: Result<AudioFileReport, VideoError>
        if let failure {
            result = .failure(failure)
        } else {
            do {
                result = .success(try writer.finish())
            } catch let error as VideoError {
                result = .failure(error)
            } catch {
                result = .failure(VideoError(.io, "WAV \(path): \(error)"))
            }
        }
        outcome = result
        return try result.get()
    }

    /// The files this track may leave in the spool.
    var spoolPaths: [String] { [path, path + ".partial"] }
}
