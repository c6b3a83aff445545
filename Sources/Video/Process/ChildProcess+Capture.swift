#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The complete output of a short-lived child process.
struct CapturedOutput: Sendable {
    var termination: ChildProcess.Termination
    var stdout: [UInt8]
    var stderr: [UInt8]
    var stderrLines: [String] {
        String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }
}

extension ChildProcess {
    /// Runs a short command (ffprobe, `ffmpeg -encoders`, a remux) to completion and returns
    /// everything it printed.
    ///
    /// Blocks the calling thread. stderr is drained on a helper thread while stdout is read
    /// here, so a child filling one pipe can never deadlock against the other. If the child has
    /// not exited `timeout` after closing its stdout, it is killed and the result says so.
    static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(60)) throws -> CapturedOutput {
        let child = try spawn(executable: executable, arguments: arguments, stdin: .null, stdout: .pipe)
        let errorBox = ByteBox()
        let errDone = DispatchSemaphore(value: 0)
        let errFD = child.stderrFD
        let thread = Thread {
            errorBox.bytes = readAll(errFD)
            errDone.signal()
        }
        thread.name = "episodic.capture.stderr"
        thread.start()
        let out = readAll(child.stdoutFD)
        errDone.wait()
        var termination = child.waitForExit(timeout: timeout)
        if termination == nil {
            child.kill(SIGKILL)
            termination = child.waitForExit(timeout: .seconds(5))
        }
        return CapturedOutput(termination: termination ?? .signaled(SIGKILL), stdout: out, stderr: errorBox.bytes)
    }

    /// Reads `fd` until EOF (retrying EINTR). Blocks the calling thread.
    static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { result.append(contentsOf: chunk[0..<n]) }
            else if n < 0 && errno == EINTR { continue }
            else { return result }
        }
    }
}

/// A byte array handed from a helper thread to its waiter; the semaphore orders the accesses.
private final class ByteBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
