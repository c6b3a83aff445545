#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension StreamingVideoEncoder {
    /// The writer thread: takes jobs from the queue and writes them to ffmpeg's stdin, holding no
    /// lock while writing. Ends when the queue is drained after `finish()`, or on failure; then
    /// closes stdin so ffmpeg flushes and exits.
    func writerLoop(child: ChildProcess) {
        Self.yieldToProducers()
        let fd = child.stdinFD
        outer: while true {
            cond.lock()
            while !queue.hasWork && failure == nil && (phase == .created || phase == .running) {
                if let poll = config.writerPollInterval {
                    let seconds = poll.timeInterval
                    _ = cond.wait(until: Date(timeIntervalSinceNow: seconds))
                } else {
                    cond.wait()
                }
            }
            if failure != nil || phase == .cancelled || !queue.hasWork {
                cond.unlock()
                break
            }
            cond.unlock()
            hooks.beforeJob?()
            cond.lock()
            let job = queue.takeJob()
            cond.broadcast()  // slots may have been freed
            cond.unlock()
            guard let job else { continue }
            let bytes = UnsafeRawBufferPointer(buffers.slot(job.slot))
            let captured = buffers.captureTimes[job.slot]
            frameObserver?(job.firstIndex, job.count, bytes)
            for index in 0..<job.count {
                if let errorNumber = Self.writeAll(fd, bytes) {
                    recordWriteFailure(errno: errorNumber, frame: job.firstIndex + index)
                    break outer
                }
                let latency = index == 0 ? captured.map { ContinuousClock.now - $0 } : nil
                cond.withLock { queue.recordWritten(latency: latency) }
            }
        }
        child.closeStdin()
        cond.withLock {
            writerFinished = true
            cond.broadcast()
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR. Returns errno on failure.
    /// Public for the recording engine's PNG writer, which appends to its spool the same way.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard fd >= 0 else { return EBADF }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            return n < 0 ? errno : EIO
        }
        return nil
    }

    /// The write of output frame `frame` failed (EPIPE: ffmpeg died). Waits briefly for ffmpeg's
    /// last stderr lines, then records the failure so every later `submit` fails at once.
    func recordWriteFailure(errno errorNumber: Int32, frame: Int) {
        _ = stderrTail.waitForEOF(timeout: .seconds(2))
        let termination = child?.waitForExit(timeout: .milliseconds(500))
        let reason = errorNumber == EPIPE ? "ffmpeg stopped reading" : "write to ffmpeg failed with errno \(errorNumber)"
        let error = encoderError("\(reason) at output frame \(frame) of \(outputPath) (\(termination.map { "\($0)" } ?? "still running"))")
        cond.withLock {
            if failure == nil && phase != .cancelled { failure = error }
            cond.broadcast()
        }
    }

    /// Called on the stderr thread when ffmpeg closed stderr (it exited). If that happened while
    /// frames were still expected, the encoder has died: record the failure at once, so
    /// producers learn it even when no frame is being written.
    func encoderClosedStderr() {
        let termination = child?.waitForExit(timeout: .seconds(5))
        cond.withLock {
            guard failure == nil, phase == .created || phase == .running else { return }
            failure = encoderError("ffmpeg for \(outputPath) exited while recording (\(termination.map { "\($0)" } ?? "unknown status"))")
            cond.broadcast()
        }
    }

    /// An `ERR_ENCODER_FAILED` (or `ERR_DISK_FULL` when ffmpeg said so) carrying the stderr tail.
    func encoderError(_ message: String) -> VideoError {
        let tail = stderrTail.snapshot
        if stderrTail.mentionsDiskFull {
            return VideoError(.diskFull, message, hint: "free disk space; episodes committed before are intact", stderrTail: tail)
        }
        return VideoError(.encoderFailed, message,
                          hint: "see ffmpeg's lines below; the spool file \(spoolPath) keeps the frames encoded so far",
                          stderrTail: tail)
    }

    /// Lowers this (writer) thread's scheduling priority (Linux: nice +10 for the thread only), so
    /// waking it for a new frame does not preempt the producer's control-loop thread on a busy
    /// machine: the producer finishes its tick, the writer runs when a core is free. Best effort:
    /// elsewhere, or if refused, the thread keeps the default priority.
    static func yieldToProducers() {
        #if os(Linux)
        // On Linux `who == 0` names the calling thread only (threads are tasks with their own nice).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    /// After a producer queued work: wakes the writer, unless it polls (see
    /// ``VideoEncoderConfig/writerPollInterval``). Call with `cond` held.
    func wakeWriterLocked() {
        if config.writerPollInterval == nil { cond.broadcast() }
    }
}
