import ArgumentParser
import Foundation
import Parquet

/// How the `parquet` subcommands report a failure: one line on stderr,
/// `episodic: <CODE>: <message>`, then a non-zero exit.
enum ParquetFailure {
    /// `EX_USAGE`, as argument-parser uses for bad arguments.
    static let usage = ExitCode(64)
    /// The input file cannot be read or is not valid Parquet.
    static let unreadable = ExitCode(2)

    /// Prints `error` as one line and returns the exit code to throw:
    /// 64 for a column the file does not have, 2 for everything else.
    static func report(_ error: ParquetError) -> ExitCode {
        var line = "episodic: \(error.code): \(error.message)"
        if let hint = error.hint { line += " (\(hint))" }
        printError(line)
        return error.code == .noSuchColumn ? usage : unreadable
    }

    static func printError(_ line: String) {
        let flat = line.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data((flat + "\n").utf8))
    }
}
