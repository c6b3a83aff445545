import ArgumentParser
import Foundation

/// An error of the `episodic` command line itself (refused flags, output directory, incomplete
/// sessions), printed as `episodic: CODE: message` plus a `hint:` line, with a fixed exit status.
///
/// Errors of the modules below (recording, sources, video) are printed the same way through
/// ``report(code:message:hint:exitCode:)``.
struct CLIError: Error, CustomStringConvertible {
    /// Stable codes, documented in docs/errors.md.
    enum Code: String {
        /// Flags that contradict each other or are out of range (nothing was written).
        case usage = "ERR_USAGE"
        /// The output directory exists and is not empty, and `--resume` was not given.
        case outputNotEmpty = "ERR_OUTPUT_NOT_EMPTY"
        /// Some saved episodes did not commit (failed, or still pending at the timeout).
        case notAllCommitted = "ERR_NOT_ALL_COMMITTED"
        /// `episodic convert` could not produce a valid dataset.
        case convertFailed = "ERR_CONVERT_FAILED"
    }

    var code: Code
    var message: String
    var hint: String
    var exitCode: Int32

    init(_ code: Code, _ message: String, hint: String, exitCode: Int32 = 2) {
        self.code = code
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
    }

    var description: String { "\(code.rawValue): \(message)" }

    /// Prints the error to stderr and returns the `ExitCode` to throw.
    func printed() -> ExitCode {
        Self.report(code: code.rawValue, message: message, hint: hint)
        return ExitCode(exitCode)
    }

    /// Prints `episodic: CODE: message` and `hint: …` to stderr.
    static func report(code: String, message: String, hint: String?) {
        var text = "episodic: \(code): \(message)\n"
        if let hint, !hint.isEmpty { text += "hint: \(hint)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
