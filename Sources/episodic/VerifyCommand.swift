import ArgumentParser
import Foundation
import LeRobot

/// `episodic verify DATASET [--json]`: check a LeRobot dataset the way lerobot's loaders rely on it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a LeRobot dataset (v3.0 or v2.1) is complete and consistent.",
        discussion: """
            Checks info.json totals, every Parquet footer, row counts against the episode metadata, the \
            index/episode_index/frame_index/timestamp/task_index columns, statistics shapes, and that every \
            video has exactly one frame per row at pts k/fps (needs ffprobe). Each problem is printed with \
            a stable code, the file and a fix hint.

            Exit status: 0 when the dataset is valid, 1 when problems were found, 2 when the path is not a \
            dataset or its info.json is unreadable.
            """
    )

    @Argument(help: "The dataset root (the directory that holds meta/).")
    var dataset: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let report: VerificationReport
        do {
            report = try Verifier().verify(root: dataset)
        } catch {
            if json {
                let value = JSONValue.object([
                    ("dataset", .string(dataset)), ("valid", .bool(false)),
                    ("error", .object([("code", .string(error.code.rawValue)), ("message", .string(error.message)),
                                       ("hint", .string(error.hint ?? ""))])),
                ])
                print(value.pythonJSON(indent: 2))
            } else {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
            throw ExitCode(2)
        }
        if json {
            print(report.json.pythonJSON(indent: 2))
        } else {
            for p in report.problems {
                print("\(p.code.rawValue) \(p.path): \(p.message)\n  hint: \(p.hint)")
            }
            for s in report.skipped { print("skipped: \(s)") }
            print(report.isValid
                  ? "OK: \(report.root) (LeRobot \(report.version.rawValue), \(report.episodes) episodes, \(report.frames) frames)"
                  : "\(report.problems.count) problem(s) in \(report.root)")
        }
        if !report.isValid { throw ExitCode(1) }
    }
}
