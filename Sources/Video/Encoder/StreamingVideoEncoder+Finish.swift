#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension StreamingVideoEncoder {
    /// Ends the stream: writes the queued frames, closes ffmpeg's stdin, waits for it to exit
    /// (killing it after `config.finishTimeout`), remuxes the spool file to ``outputPath`` with
    /// `+faststart` (via a temporary name and `rename`), and removes the spool file.
    ///
    /// Runs the blocking work on a dedicated thread, never on the caller's executor. Typically
    /// 0.1–0.4 s: only the last frames remain to encode.
    /// - Throws: `ERR_ENCODER_FAILED`, `ERR_ENCODER_TIMEOUT`, `ERR_DISK_FULL`, `ERR_VIDEO_CLOSED`.
    /// - Parameter timeout: overrides `config.finishTimeout` for this call (a caller that knows
    ///   the stream's length scales the bound with it).
    public func finish(timeout: Duration? = nil) async throws -> VideoFileReport {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<VideoFileReport, any Error>) in
            let thread = Thread { [self] in
                continuation.resume(with: Result { try finishSynchronously(timeout: timeout) })
            }
            thread.name = "episodic.video.finish"
            thread.start()
        }
    }

    /// ``finish()`` on the calling thread, which it blocks (at most `finishTimeout` plus the remux).
    public func finishSynchronously(timeout: Duration? = nil) throws -> VideoFileReport {
        let finishTimeout = timeout ?? config.finishTimeout
        let child: ChildProcess = try cond.withLock {
            guard let child = self.child, phase == .running else {
                throw VideoError(.closed, "encoder for \(outputPath) is not running (not started, finished or cancelled)")
            }
            phase = .closing
            cond.broadcast()
            return child
        }
        let started = ContinuousClock.now
        let deadline = started + finishTimeout
        let drained = waitForWriter(until: deadline)
        let drainedAt = ContinuousClock.now
        let termination = drained ? child.waitForExit(timeout: max(deadline - ContinuousClock.now, .zero)) : nil
        let exitedAt = ContinuousClock.now
        guard let termination else {
            child.kill(SIGKILL)
            _ = child.waitForExit(timeout: .seconds(5))
            _ = waitForWriter(until: ContinuousClock.now + .seconds(2))
            cond.withLock { phase = .finished }
            throw VideoError(.encoderTimeout,
                             "ffmpeg for \(outputPath) did not finish within \(finishTimeout); killed it",
                             hint: "the machine is overloaded or the encoder is too slow for this stream; use a faster preset",
                             stderrTail: stderrTail.snapshot)
        }
        _ = stderrTail.waitForEOF(timeout: .seconds(2))
        let (failure, counters) = cond.withLock {
            phase = .finished
            return (self.failure, queue.counters)
        }
        if let failure { throw failure }
        guard termination.isSuccess else {
            throw encoderError("ffmpeg for \(outputPath) ended with \(termination)")
        }
        guard counters.framesWritten == counters.framesHandedIn else {
            throw VideoError(.encoderFailed, "\(outputPath): wrote \(counters.framesWritten) of \(counters.framesHandedIn) frames")
        }
        try remuxSpool()
        let timing = VideoFileReport.FinishTiming(
            drain: drainedAt - started, encoderExit: exitedAt - drainedAt, remux: ContinuousClock.now - exitedAt)
        if unlink(spoolPath) != 0 {
            throw VideoError.fromErrno(errno, "remove spool file", path: spoolPath)
        }
        var info = stat()
        let size = stat(outputPath, &info) == 0 ? Int64(info.st_size) : 0
        return VideoFileReport(
            path: outputPath, frameCount: counters.framesWritten, fps: config.fps,
            codec: config.infoCodecName, encoder: encoderName, width: config.width, height: config.height,
            pixelFormat: config.pixelFormat, timescale: config.timescale, byteCount: size, counters: counters,
            finishTiming: timing)
    }

    /// Discards the episode: kills ffmpeg, stops the writer and removes the spool file. Later
    /// `submit` calls return `.failed`. Blocks briefly (the kill and reap, normally < 50 ms).
    /// Safe to call at any time, also after a failure or a failed `finish()` (it then removes the
    /// kept spool); it never removes a finished output file. A second call does nothing.
    public func cancel() {
        let (wasFinished, child): (Bool, ChildProcess?) = cond.withLock {
            guard phase != .cancelled else { return (true, nil) }
            let finished = phase == .finished
            phase = .cancelled
            cond.broadcast()
            return (finished, finished ? nil : self.child)
        }
        if wasFinished {
            // After a failed finish the spool is still there; after a successful one it is gone.
            _ = unlink(spoolPath)  // ENOENT is fine
            return
        }
        guard let child else { return }
        child.kill(SIGKILL)
        _ = child.waitForExit(timeout: .seconds(5))
        _ = waitForWriter(until: ContinuousClock.now + .seconds(2))
        // ENOENT is fine: ffmpeg may not have created the file yet.
        _ = unlink(spoolPath)
    }

    /// Waits until the writer thread has exited; returns false at the deadline.
    func waitForWriter(until deadline: ContinuousClock.Instant) -> Bool {
        cond.lock()
        defer { cond.unlock() }
        while !writerFinished {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return false }
            let seconds = left.timeInterval
            _ = cond.wait(until: Date(timeIntervalSinceNow: seconds))
        }
        return true
    }

    /// Copies the fragmented spool MP4 into a regular MP4 with the index at the front
    /// (`-c copy`, no re-encode; same timescale so timestamps stay exact), via `<output>.partial`.
    /// Without `config.faststart` the index stays at the end (one pass instead of two).
    func remuxSpool() throws {
        let ffmpeg = try FFmpegTools.resolve(config.tools.ffmpeg)
        let partial = outputPath + ".partial"
        let output = try ChildProcess.run(ffmpeg, [
            "-hide_banner", "-nostats", "-loglevel", "error", "-i", spoolPath, "-map", "0", "-c", "copy",
            "-video_track_timescale", "\(config.timescale)",
        ] + (config.faststart ? ["-movflags", "+faststart"] : []) + ["-f", "mp4", "-y", partial], timeout: .seconds(30))
        guard output.termination.isSuccess else {
            _ = unlink(partial)  // ENOENT is fine; a partial file would only mislead
            let lines = Array(output.stderrLines.suffix(20))
            let full = lines.contains { $0.contains("No space left on device") }
            throw VideoError(full ? .diskFull : .encoderFailed,
                             "remux of \(spoolPath) to \(outputPath) failed (\(output.termination))",
                             hint: full ? "free disk space; the spool file is kept" : "the spool file is kept for inspection",
                             stderrTail: lines)
        }
        guard rename(partial, outputPath) == 0 else {
            throw VideoError.fromErrno(errno, "rename \(partial) to", path: outputPath)
        }
    }
}
