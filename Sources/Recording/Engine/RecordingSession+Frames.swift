// The hot path: one frame in.

import Video

extension RecordingSession {
    /// Adds one frame to the open episode and clears `frame` for the next tick.
    ///
    /// Checks that every table feature was set (the setters already checked dtype, shape and
    /// NaN), pushes the row into the row ring and hands each camera's frame to its encoder (an
    /// unset or ``FrameBuilder/markGap(_:cause:)`` camera becomes a counted duplicate, recorded
    /// as a gap in the episode's sidecar). `timestamp` is `frame_index / fps`; `captureTime` is
    /// kept for the sidecar.
    ///
    /// Real-time: no allocation, no file I/O, no encoding; a short uncontended lock; no pixel copy
    /// for cameras rendered with ``FrameBuilder/withCameraBuffer(_:_:)`` (one copy otherwise). Blocks only
    /// under a camera's `.block(maxWait:)` policy when its encoder is behind, at most `maxWait`.
    ///
    /// - Returns: the frame's index in the episode.
    /// - Throws: `ERR_INVALID_FRAME` (frame from another session, or a table feature not set) —
    ///   the frame is not taken, its values stay, nothing else changes; `ERR_NOT_RECORDING`
    ///   without an open episode; the session's fatal error (e.g. `ERR_DISK_FULL`) once it
    ///   stopped recording.
    @discardableResult
    public func addFrame(_ frame: FrameBuilder, captureTime: ContinuousClock.Instant = .now) throws(RecordingError) -> Int {
        try lock.withLock { () throws(RecordingError) -> Int in try addFrameLocked(frame, captureTime: captureTime) }
    }

    private func addFrameLocked(_ frame: FrameBuilder, captureTime: ContinuousClock.Instant) throws(RecordingError) -> Int {
        if let fatal { throw fatal }
        guard var episode = open, let ring else {
            tallies.framesRejected += 1
            throw RecordingError(.notRecording, "no episode is open", hint: "call startEpisode(task:) before addFrame")
        }
        guard frame.sessionID == ObjectIdentifier(self) else {
            tallies.framesRejected += 1
            throw RecordingError(.invalidFrame, "the frame was made by another session", hint: "use this session's makeFrame()")
        }
        if let missing = frame.firstMissingField {
            tallies.framesRejected += 1
            throw RecordingError(.invalidFrame, "frame \(episode.frames) of episode \(episode.index) has no value for '\(missing)'",
                                 hint: "set every declared table feature each tick")
        }
        let since = captureTime - epoch
        let nanos = UInt64(max(0, since.components.seconds)) &* 1_000_000_000
            &+ UInt64(max(0, since.components.attoseconds / 1_000_000_000))
        frame.row.storeBytes(of: RowLayout.Kind.row.rawValue, toByteOffset: 0, as: UInt64.self)
        frame.row.storeBytes(of: nanos, toByteOffset: 8, as: UInt64.self)
        do {
            _ = try ring.push(UnsafeRawBufferPointer(frame.row))
        } catch {
            tallies.framesRejected += 1
            throw error
        }
        let encoders = episode.streams.imageWriters
        for i in encoders.indices {
            // A `.failed` outcome (the writer died) is not lost: the episode's commit reports
            // the writer's error when it finishes the stream.
            let outcome: SubmitOutcome
            switch frame.cameras[i] {
            case .borrowed(let rgb):
                outcome = encoders[i].submit(rgb, captureTime: captureTime)
            case .owned:
                outcome = encoders[i].submit(UnsafeRawBufferPointer(frame.cameraStorage[i]), captureTime: captureTime)
            case .none:
                outcome = encoders[i].submitGap(cause: .frameMissing)
            case .gap(let cause):
                outcome = encoders[i].submitGap(cause: cause)
            case .reserved(let encoder, let reservation):
                if encoder === encoders[i] as AnyObject {
                    outcome = encoder.submit(reservation, captureTime: captureTime)
                } else {
                    // Rendered during an earlier episode: copy it into this episode's writer.
                    outcome = encoders[i].submit(UnsafeRawBufferPointer(reservation.buffer), captureTime: captureTime)
                    encoder.release(reservation)
                }
                frame.cameras[i] = .none
            }
            switch outcome {
            case .queued: tallies.imageStreams[i].accepted += 1
            case .duplicated: tallies.imageStreams[i].duplicated += 1
            case .failed: break
            }
        }
        let index = episode.frames
        episode.frames += 1
        open = episode
        tallies.framesAdded += 1
        frame.reset()
        return index
    }
}
