#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process (ffmpeg, ffprobe) started with `posix_spawnp`, whose standard streams are
/// pipes this object owns.
///
/// Why a child process and not libav linked in: a crashing or hanging encoder cannot take the
/// recorder down (see docs/video.md). The child gets:
/// - its own process group, so a Ctrl-C in the recorder's terminal does not kill the encoder
///   mid-episode; the recorder decides when to stop it;
/// - the default SIGPIPE disposition and an empty signal mask (the recorder itself ignores
///   SIGPIPE, see ``ignoreSIGPIPE()``, and ignored signals would otherwise be inherited);
/// - only the three pipe ends: every pipe is created with `O_CLOEXEC`, so encoders spawned
///   concurrently for other cameras never inherit each other's pipes (which would keep a
///   pipe open after its encoder died and turn EOF/EPIPE detection into a hang).
///
/// Threading: the file descriptors are read/written by the owner's threads; ``kill(_:)`` and
/// ``waitForExit(timeout:)`` may be called from any thread (reaping is done once, under a lock).
final class ChildProcess: @unchecked Sendable {
    /// How one standard stream of the child is connected.
    enum Stdio { case pipe, null }

    /// How a child process ended.
    enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)
        var isSuccess: Bool { self == .exited(0) }
        var description: String {
            switch self {
            case .exited(let code): return "exit status \(code)"
            case .signaled(let sig): return "killed by signal \(sig)"
            }
        }
    }

    let pid: pid_t
    let executable: String
    /// Write end of the child's stdin, or -1. Closed with ``closeStdin()``.
    private(set) var stdinFD: Int32
    /// Read end of the child's stdout, or -1. Owned by the reader; closed in `deinit`.
    let stdoutFD: Int32
    /// Read end of the child's stderr (always piped). Owned by the reader; closed in `deinit`.
    let stderrFD: Int32

    private let lock = NSLock()
    private var termination: Termination?

    private init(pid: pid_t, executable: String, stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid
        self.executable = executable
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
    }

    deinit {
        if stdinFD >= 0 { close(stdinFD) }
        if stdoutFD >= 0 { close(stdoutFD) }
        if stderrFD >= 0 { close(stderrFD) }
    }

    /// Starts `executable` (a path, or a name looked up on `PATH`) with `arguments`.
    ///
    /// Returns as soon as the process exists; it does not wait for it to be ready.
    /// - Throws: ``VideoError`` `ERR_FFMPEG_MISSING` when the executable does not exist,
    ///   `ERR_ENCODER_FAILED` for other spawn failures.
    static func spawn(executable: String, arguments: [String], stdin: Stdio, stdout: Stdio) throws -> ChildProcess {
        // Glibc's pipe2 is not visible to Swift, so pipes are made with pipe()+FD_CLOEXEC; holding
        // this lock from pipe() to posix_spawn keeps our other spawns from inheriting them.
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var toClose: [Int32] = []
        defer { for fd in toClose { close(fd) } }
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else {
                throw VideoError(.encoderFailed, "pipe() failed for \(executable): errno \(errno)")
            }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return (fds[0], fds[1])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var parentStdin: Int32 = -1, parentStdout: Int32 = -1
        switch stdin {
        case .pipe:
            let p = try makePipe()
            parentStdin = p.write
            toClose.append(p.read)
            posix_spawn_file_actions_adddup2(&actions, p.read, 0)
        case .null:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        switch stdout {
        case .pipe:
            let p = try makePipe()
            parentStdout = p.read
            toClose.append(p.write)
            posix_spawn_file_actions_adddup2(&actions, p.write, 1)
        case .null:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let errPipe = try makePipe()
        toClose.append(errPipe.write)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, executable, &actions, &attr, argv, environ)
        guard rc == 0 else {
            if parentStdin >= 0 { close(parentStdin) }
            if parentStdout >= 0 { close(parentStdout) }
            close(errPipe.read)
            if rc == ENOENT || rc == EACCES {
                throw VideoError(.ffmpegMissing, "cannot run \(executable): \(String(cString: strerror(rc)))",
                                 hint: "install ffmpeg (scripts/setup.sh) or put it on PATH")
            }
            throw VideoError(.encoderFailed, "posix_spawn \(executable) failed: errno \(rc)")
        }
        return ChildProcess(pid: pid, executable: executable, stdinFD: parentStdin,
                            stdoutFD: parentStdout, stderrFD: errPipe.read)
    }

    /// Closes our end of the child's stdin, which is how ffmpeg learns the input has ended.
    /// Call from the thread that owns stdin writes, after the last write.
    func closeStdin() {
        lock.lock()
        let fd = stdinFD
        stdinFD = -1
        lock.unlock()
        if fd >= 0 { close(fd) }
    }

    /// Sends `signal` to the child unless it has already been reaped (never signals a reused pid).
    func kill(_ signal: Int32 = SIGKILL) {
        lock.lock()
        defer { lock.unlock() }
        if termination == nil { _ = Glibc.kill(pid, signal) }
    }

    /// Reaps the child if it has exited, without blocking. Returns how it ended, or nil if it runs.
    func pollExit() -> Termination? {
        lock.lock()
        defer { lock.unlock() }
        if let termination { return termination }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        guard rc == pid else { return nil }
        let sig = status & 0x7f
        termination = sig == 0 ? .exited((status >> 8) & 0xff) : .signaled(sig)
        return termination
    }

    /// Waits up to `timeout` for the child to exit (polling every 2 ms; blocks the calling thread).
    /// Returns nil if it is still running at the deadline.
    func waitForExit(timeout: Duration) -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let t = pollExit() { return t }
            if ContinuousClock.now >= deadline { return nil }
            usleep(2_000)
        }
    }
}

/// Serializes pipe creation and spawning (see ``ChildProcess/spawn(executable:arguments:stdin:stdout:)``).
private let spawnLock = NSLock()

/// Makes writes to a pipe whose reader died fail with `EPIPE` instead of killing the process.
///
/// Why process-wide: SIGPIPE's default action terminates the whole recorder when an encoder
/// dies while a frame is being written to its stdin. A per-thread mask does not help (SIGPIPE
/// is delivered to the writing thread, and blocking it leaves it pending). With the signal
/// ignored, `write` returns `EPIPE`, which the encoder turns into `ERR_ENCODER_FAILED`.
/// Children get the default disposition back (see ``ChildProcess``). Called once by every
/// encoder start; idempotent.
public func ignoreSIGPIPE() {
    _ = signal(SIGPIPE, SIG_IGN)
}
