#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A real camera read through ffmpeg — V4L2 device, network stream, video file or ffmpeg test
/// source — delivered as packed rgb24 frames at the dataset's size and resampled to its fps.
///
/// ffmpeg decodes and scales (`-vf scale=W:H -pix_fmt rgb24 -f rawvideo pipe:1`); a reader thread
/// owned by this object reads whole frames into a back buffer and publishes each into a
/// one-slot "newest frame" mailbox. The control loop calls ``take(into:)`` once per tick:
/// - a new frame in the mailbox is copied out (`taken`);
/// - no new frame: the previous one is repeated (`duplicated`, a gap of cause `late`);
/// - a frame replaced in the mailbox before any tick took it is counted `skipped`.
/// Every frame is accounted for, see ``CameraCounters``.
///
/// Threading: ``take(into:)`` and ``counters`` may be called from any one thread (the control
/// loop); they hold a lock only for a frame copy (a few hundred µs at 640×480), never while
/// ffmpeg is read. ``start()`` and ``stop()`` are for the owner, once each.
public final class FFmpegCameraSource: @unchecked Sendable {
    public let name: String
    public let input: CameraInput
    public let width: Int
    public let height: Int
    /// Bytes per frame: width × height × 3.
    public var frameByteCount: Int { width * height * 3 }

    private let ffmpeg: String
    private let lock = NSLock()
    private var mailbox: [UInt8]
    private var state = CameraCounters()
    private var everReceived = false
    private var stderrLines: [String] = []
    private var process: Process?
    private var readerThread: Thread?

    /// - Parameters:
    ///   - name: the camera's name (the dataset feature is `observation.images.NAME`).
    ///   - width, height: the dataset's frame size; ffmpeg scales the input to it.
    ///   - ffmpeg: the ffmpeg executable (a name looked up on `PATH`, or a path).
    /// - Throws: `ERR_CAMERA_CONFIG` for a non-positive or odd size.
    public init(name: String, input: CameraInput, width: Int, height: Int, ffmpeg: String = "ffmpeg") throws(SourceError) {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw SourceError(.cameraConfig, "camera \(name): size \(width)×\(height) is not positive and even",
                              hint: "use an even width and height, e.g. 640×480")
        }
        self.name = name
        self.input = input
        self.width = width
        self.height = height
        self.ffmpeg = ffmpeg
        mailbox = [UInt8](repeating: 0, count: width * height * 3)
    }

    deinit { stop() }

    /// The ffmpeg command line (without the executable) this camera runs.
    public var ffmpegArguments: [String] {
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"] + input.ffmpegInputArguments + [
            "-map", "0:v:0", "-vf", "scale=\(width):\(height)", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1",
        ]
    }

    /// Starts ffmpeg and the reader thread. Returns at once; frames arrive as ffmpeg delivers them.
    /// - Throws: `ERR_CAMERA_START` when ffmpeg cannot be launched (not installed).
    public func start() throws(SourceError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ffmpeg] + ffmpegArguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SourceError(.cameraStart, "camera \(name): cannot launch \(ffmpeg) (\(error.localizedDescription))",
                              hint: "install ffmpeg (scripts/setup.sh)")
        }
        self.process = process
        let fd = out.fileHandleForReading.fileDescriptor
        let errHandle = err.fileHandleForReading
        let thread = Thread { [self] in readLoop(fd: fd, keepAlive: out) }
        thread.name = "episodic.camera.\(name)"
        readerThread = thread
        thread.start()
        let errThread = Thread { [self] in
            let data = errHandle.readDataToEndOfFile()
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(5).map(String.init)
            lock.withLock { stderrLines = lines }
        }
        errThread.name = "episodic.camera.\(name).stderr"
        errThread.start()
    }

    /// Blocks until the first frame has arrived or ffmpeg ended, polling every 10 ms up to `timeout` seconds.
    /// - Throws: `ERR_CAMERA_START` when ffmpeg ended or the timeout passed without a frame,
    ///   with ffmpeg's last error lines.
    public func waitForFirstFrame(timeout: Double) throws(SourceError) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let (received, ended) = lock.withLock { (everReceived, state.ended) }
            if received { return }
            if ended { break }
            usleep(10_000)
        }
        let lines = lock.withLock { stderrLines }
        throw SourceError(.cameraStart, "camera \(name): no frame from \(input) within \(timeout) s"
                          + (lines.isEmpty ? "" : ": " + lines.joined(separator: " | ")),
                          hint: "check the input with: ffmpeg " + input.ffmpegInputArguments.joined(separator: " ") + " -frames:v 1 -f null -")
    }

    /// Copies the frame for this control tick into `frame` (at least ``frameByteCount`` bytes):
    /// the newest frame if one arrived since the last tick, else the previous one again.
    /// - Returns: `true` for a new frame, `false` for a repeated one (a gap, counted).
    @discardableResult
    public func take(into frame: UnsafeMutableRawBufferPointer) -> Bool {
        precondition(frame.count >= frameByteCount, "frame buffer holds \(frame.count) bytes, need \(frameByteCount)")
        return lock.withLock {
            state.ticks += 1
            mailbox.withUnsafeBytes { frame.copyMemory(from: $0) }
            if state.pending {
                state.pending = false
                state.taken += 1
                return true
            }
            state.duplicated += 1
            return false
        }
    }

    /// A consistent copy of the counters.
    public var counters: CameraCounters { lock.withLock { state } }

    /// The last lines ffmpeg printed on stderr (empty while it runs quietly).
    public var ffmpegErrors: [String] { lock.withLock { stderrLines } }

    /// Stops ffmpeg (SIGKILL, then the reader sees EOF). Idempotent; the counters stay readable.
    ///
    /// SIGKILL rather than SIGTERM: a reading ffmpeg has nothing to flush, and a child spawned
    /// from a thread that blocks SIGTERM inherits the block (seen under the test runner), so a
    /// SIGTERM could be ignored forever.
    public func stop() {
        guard let process else { return }
        self.process = nil
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Reader thread: whole frames from ffmpeg's stdout into a back buffer, then published.
    private func readLoop(fd: Int32, keepAlive: Pipe) {
        var back = [UInt8](repeating: 0, count: frameByteCount)
        let size = frameByteCount
        while true {
            var filled = 0
            while filled < size {
                let n = back.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, size - filled) }
                if n > 0 { filled += n; continue }
                if n < 0 && errno == EINTR { continue }
                break
            }
            if filled < size { break }
            lock.withLock {
                swap(&mailbox, &back)
                state.received += 1
                if state.pending { state.skipped += 1 }
                state.pending = true
                everReceived = true
            }
        }
        lock.withLock { state.ended = true }
        withExtendedLifetime(keepAlive) {}
    }
}
