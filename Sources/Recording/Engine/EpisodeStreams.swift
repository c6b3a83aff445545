// One episode take's writers, from pre-warm to finished files.

import Foundation
import LeRobot
import Video

/// The writers of one episode take: one ``ImageStreamWriter`` per camera or image feature (made
/// by the factory that claimed it), one ``RowStreamWriter`` per registered row writer factory
/// that claimed table features, and the optional audio track, under the take's spool directory.
///
/// Made and started (ffmpeg spawned) ahead of time by the session, so an episode starts with
/// warm writers. ``finish(_:)`` finishes every writer in parallel once and remembers the
/// outcome, so a retried commit never finishes a writer twice.
///
/// Threading: the image writers are fed from the producer thread, the row writers from the row
/// consumer; `finish`/`cancel` from the committer or a background task. The lock only guards
/// the memoized outcome.
final class EpisodeStreams: @unchecked Sendable {
    /// The take number (unique per session; a discarded and re-recorded episode gets a new one).
    let take: Int
    let directory: String
    /// One writer per image feature, in the frame builder's camera order.
    let imageWriters: [any ImageStreamWriter]
    /// Registered row writers, in registration order.
    let registeredRowWriters: [any RowStreamWriter]
    /// The take's audio WAV in the spool (`<name>.wav`), with an audio stream.
    let audio: AudioTrack?
    private let lock = NSLock()
    private var outcome: Result<[TakeContribution], RecordingError>?

    /// Creates and starts one writer per image stream under `spool/take-NNNNNN/`.
    /// Blocking: spawns ffmpeg per camera (ms each; the first start in a process probes encoders).
    init(take: Int, spool: String, imageStreams: [RecordingConfiguration.ImageStreamSpec],
         rowStreams: [RecordingConfiguration.RowStreamSpec] = [], fps: Int,
         expectedFrames: Int, audio audioStream: RecordingConfiguration.AudioStream? = nil) throws(RecordingError) {
        self.take = take
        directory = spool + "/" + String(format: "take-%06d", take)
        let context = TakeContext(take: take, directory: directory, fps: fps, expectedFrames: expectedFrames)
        var writers: [any ImageStreamWriter] = []
        for stream in imageStreams {
            do {
                writers.append(try stream.factory.makeWriter(for: stream.feature, take: context))
            } catch {
                for started in writers { started.cancel() }
                throw error
            }
        }
        imageWriters = writers
        var rowWriters: [any RowStreamWriter] = []
        for stream in rowStreams {
            do {
                rowWriters.append(try stream.factory.makeWriter(for: stream.features, take: context))
            } catch {
                for started in writers { started.cancel() }
                for started in rowWriters { started.cancel() }
                throw error
            }
        }
        registeredRowWriters = rowWriters
        if let audioStream {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                audio = try AudioTrack(stream: audioStream, path: directory + "/" + audioStream.name + ".wav")
            } catch {
                for started in writers { started.cancel() }
                for started in rowWriters { started.cancel() }
                throw RecordingError(.prerequisiteFailed, "audio stream '\(audioStream.name)' could not start for take \(take)",
                                     hint: "see the cause; check the spool directory \(spool)", cause: error as? VideoError)
            }
        } else {
            audio = nil
        }
    }

    /// The writers fed by the row consumer: registered ones, then the audio track.
    var rowWriters: [any RowStreamWriter] {
        registeredRowWriters + (audio.map { [$0 as any RowStreamWriter] } ?? [])
    }

    /// Every writer of the take: image streams in feature order, then the row writers.
    var writers: [any TakeWriter] {
        imageWriters.map { $0 as any TakeWriter } + rowWriters.map { $0 as any TakeWriter }
    }

    /// The image streams' names, in frame builder order.
    var names: [String] { imageWriters.map(\.streamName) }

    /// Finishes every writer (in parallel) once; later calls return the same outcome.
    /// - Returns: each writer's contribution, in ``writers`` order.
    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> [TakeContribution] {
        if let done = lock.withLock({ outcome }) { return try done.get() }
        let all = writers
        // Untyped throws inside the task group: a typed-throws `do` in these closures was
        // miscompiled in release builds by Swift 6.3 (results lost).
        let finished: [(Int, Result<TakeContribution, RecordingError>)] = await withTaskGroup(
            of: (Int, Result<TakeContribution, RecordingError>).self
        ) { group in
            for (i, writer) in all.enumerated() {
                group.addTask { (i, await Self.finish(writer, context)) }
            }
            var collected: [(Int, Result<TakeContribution, RecordingError>)] = []
            for await item in group { collected.append(item) }
            return collected
        }
        let ordered = finished.sorted { $0.0 < $1.0 }.map(\.1)
        let result: Result<[TakeContribution], RecordingError>
        if ordered.count != all.count {
            result = .failure(RecordingError(.commitFailed, "\(all.count - ordered.count) of \(all.count) writers of take \(take) did not report",
                                             hint: "this is a bug; the spool files in \(directory) are kept"))
        } else if let failure = ordered.first(where: { if case .failure = $0 { true } else { false } }), case .failure(let error) = failure {
            // The first failing writer in stream order (deterministic messages).
            result = .failure(error)
        } else {
            result = .success(ordered.compactMap { try? $0.get() })  // ok: every element is a success here
        }
        lock.withLock { outcome = result }
        return try result.get()
    }

    /// One writer's finish as a value.
    private static func finish(_ writer: any TakeWriter, _ context: TakeFinishContext) async -> Result<TakeContribution, RecordingError> {
        do {
            return .success(try await writer.finish(context))
        } catch {
            return .failure(error)
        }
    }

    /// Discards the take: stops the writers and removes their spool files. Blocking (≈ 50 ms).
    func cancel() {
        for writer in writers { writer.cancel() }
        // The take directory is empty once the spools are gone; a failure to remove it is harmless.
        _ = rmdir(directory)
    }

    /// Removes the take's directory after a successful commit (its files were moved into the dataset).
    func removeFiles() {
        if let files = try? FileManager.default.contentsOfDirectory(atPath: directory) {  // ok: leftovers are harmless, see below
            for file in files { _ = unlink(directory + "/" + file) }
        }
        // Leftovers only waste space in the spool; they never affect the dataset.
        _ = rmdir(directory)
    }
}
