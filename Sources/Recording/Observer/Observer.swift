// Routes what a set of recorders capture into one recording session.

import LeRobot

/// Owns the ``Recorder``s of a recording and the ``RecordingSession`` their frames go to.
///
/// Sources and outputs are both registered here: a new source is one ``Recorder``, a new output
/// format for camera or image features one ``ImageWriterFactory`` (`writers:`), for table
/// features one ``RowWriterFactory`` (`rowWriters:`).
///
/// A router, not a second engine: it merges the recorders' features into the configuration,
/// binds every recorder to the session's one reusable ``FrameBuilder``, and per tick lets each
/// recorder fill its part of that frame (in registration order) before adding it to the session.
/// Writing — rows, videos, audio, commits — stays the session's job; ``session`` is exposed for
/// ``RecordingSession/progress()`` and ``RecordingSession/events``.
///
/// ```swift
/// let observer = try Observer(configuration: RecordingConfiguration(root: "ds", fps: 30, features: []),
///                             recorders: [arm, frontCamera, forceSensor])
/// try await observer.start(task: "pick")
/// try observer.startEpisode(task: "pick the cube")
/// for _ in 0..<300 { try observer.tick() }   // paced by the caller
/// try observer.saveEpisode()
/// _ = await observer.stop(timeout: .seconds(60))
/// ```
///
/// Threading: like the session's episode calls, `startEpisode`, `tick`, `saveEpisode` and
/// `discardEpisode` belong to one control-loop thread (the recorders are called on it); not
/// thread-safe. ``session``'s `progress()` and `events` may be used from any thread.
public final class Observer {
    /// The session the frames go to (for progress, events and commit status).
    public let session: RecordingSession
    /// The recorders, in registration order: the order they capture in every tick.
    public let recorders: [any Recorder]
    /// The one frame every tick reuses (preallocated by the session).
    private let frame: FrameBuilder
    /// The index the next frame of the open episode will get (handed to `capture` as `tick`).
    private var nextTick = 0

    /// Builds the session's configuration from `configuration` and the recorders, creates the
    /// session (which validates everything; nothing is written) and binds every recorder.
    ///
    /// The recorders' features are appended, in registration order, after any already in
    /// `configuration.features`; the one recorder with an ``Recorder/audioStream`` sets
    /// `configuration.audio`.
    ///
    /// - Throws: `ERR_RECORDING_INVALID_CONFIGURATION` when two recorders (or a recorder and the
    ///   configuration) declare the same feature name or both an audio stream — the message names
    ///   both — or when the session refuses the merged configuration; a recorder's ``Recorder/bind(to:)``
    ///   error (a `RecordingError` as is, any other wrapped in that code with it as the cause).
    /// - Parameter writers: output formats for camera and image features, checked before those
    ///   already in `configuration.imageWriters` and the built-in ones (see ``ImageWriterFactory``).
    ///   `rowWriters`: the same for table features (see ``RowWriterFactory``).
    public init(configuration: RecordingConfiguration, recorders: [any Recorder], writers: [any ImageWriterFactory] = [],
                rowWriters: [any RowWriterFactory] = [], metrics: RecordingMetrics? = nil) throws(RecordingError) {
        var configuration = configuration
        configuration.imageWriters = writers + configuration.imageWriters
        configuration.rowWriters = rowWriters + configuration.rowWriters
        session = try RecordingSession(configuration: try Self.merge(configuration, recorders), metrics: metrics)
        frame = session.makeFrame()
        self.recorders = recorders
        for recorder in recorders {
            do {
                try recorder.bind(to: frame)
            } catch let error as RecordingError {
                throw error
            } catch {
                throw RecordingError(.invalidConfiguration, "recorder \(recorder.name) could not bind to the frame: \(error)",
                                     hint: "fix the recorder's bind(to:)", cause: error)
            }
        }
    }

    /// `configuration` with every recorder's features and audio stream, each name declared once.
    static func merge(_ configuration: RecordingConfiguration,
                      _ recorders: [any Recorder]) throws(RecordingError) -> RecordingConfiguration {
        var merged = configuration
        var declaredBy: [String: String] = [:]
        for feature in configuration.features { declaredBy[feature.name] = "the configuration" }
        var audioBy = configuration.audio.map { "the configuration (stream '\($0.name)')" }
        for (position, recorder) in recorders.enumerated() {
            let label = "recorder \(position) (\(recorder.name))"
            for feature in recorder.features {
                if let first = declaredBy[feature.name] {
                    let who = first == label ? "\(label) declares" : "\(first) and \(label) both declare"
                    throw RecordingError(.invalidConfiguration, "\(who) feature '\(feature.name)'",
                                         hint: "every feature has exactly one recorder; rename one of them")
                }
                declaredBy[feature.name] = label
                merged.features.append(feature)
            }
            if let stream = recorder.audioStream {
                if let first = audioBy {
                    throw RecordingError(.invalidConfiguration,
                                         "\(first) and \(label) (stream '\(stream.name)') both declare an audio stream",
                                         hint: "a session records one audio stream; register one microphone recorder")
                }
                audioBy = "\(label) (stream '\(stream.name)')"
                merged.audio = stream
            }
        }
        return merged
    }

    /// Starts the session (approval, dataset writer, pre-warmed encoders); see
    /// ``RecordingSession/start(task:requester:)``.
    public func start(task: String = "", requester: String = "episodic") async throws(RecordingError) {
        try await session.start(task: task, requester: requester)
    }

    /// Opens the next episode (``RecordingSession/startEpisode(task:)``), then tells every recorder
    /// its index with ``Recorder/episodeWillStart(_:)``. A re-recording after
    /// ``discardEpisode()`` gets the discarded episode's index.
    /// - Returns: the episode number.
    @discardableResult
    public func startEpisode(task: String) throws(RecordingError) -> Int {
        let index = try session.startEpisode(task: task)
        nextTick = 0
        for recorder in recorders { recorder.episodeWillStart(index) }
        return index
    }

    /// One tick: ``captureFrame()`` then ``addFrame(captureTime:)``.
    ///
    /// If a recorder throws, the frame is reset, nothing is added (the episode's frame count is
    /// unchanged; the next tick has the same `tick` number) and the recorder's error is rethrown;
    /// recorders that captured before it did capture (a reader may have consumed a value).
    ///
    /// - Parameter captureTime: the frame's monotonic capture time; nil (the default) means the
    ///   moment the recorders finished, as ``RecordingSession/addFrame(_:captureTime:)`` would take it.
    /// - Returns: the frame's index in the episode.
    @discardableResult
    public func tick(captureTime: ContinuousClock.Instant? = nil) throws -> Int {
        try captureFrame()
        return try addFrame(captureTime: captureTime ?? .now)
    }

    /// The first half of ``tick(captureTime:)``: every recorder fills the frame, in registration
    /// order. Separate so a caller can time ``addFrame(captureTime:)`` alone (the bench does).
    /// A recorder's throw resets the frame and is rethrown.
    public func captureFrame() throws {
        do {
            for recorder in recorders { try recorder.capture(into: frame, tick: nextTick) }
        } catch {
            frame.reset()
            throw error
        }
    }

    /// The second half of ``tick(captureTime:)``: adds the captured frame to the open episode
    /// (``RecordingSession/addFrame(_:captureTime:)``). On a refusal the frame is reset (not
    /// kept, unlike the session's), so the next tick starts clean.
    @discardableResult
    public func addFrame(captureTime: ContinuousClock.Instant = .now) throws(RecordingError) -> Int {
        do throws(RecordingError) {
            let index = try session.addFrame(frame, captureTime: captureTime)
            nextTick = index + 1
            return index
        } catch {
            frame.reset()
            throw error
        }
    }

    /// Hands the open episode to the commit queue; see ``RecordingSession/saveEpisode()``.
    @discardableResult
    public func saveEpisode() throws(RecordingError) -> EpisodeTicket {
        try session.saveEpisode()
    }

    /// Drops the open episode; the next ``startEpisode(task:)`` records the same index again.
    public func discardEpisode() throws(RecordingError) {
        try session.discardEpisode()
    }

    /// Waits (bounded) for saved episodes to commit; see ``RecordingSession/waitForCommits(timeout:)``.
    public func waitForCommits(timeout: Duration) async -> CommitCounts {
        await session.waitForCommits(timeout: timeout)
    }

    /// Ends the session (an open episode with frames is saved); see ``RecordingSession/stop(timeout:)``.
    public func stop(timeout: Duration) async -> SessionSummary {
        await session.stop(timeout: timeout)
    }
}
