import ArgumentParser
import Foundation
import LeRobot

/// `episodic recover DATASET [--dry-run] [--json]`: repair a dataset after a crash.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Bring a LeRobot dataset back to a clean state after a crash or kill.",
        discussion: """
            Removes temporary files of interrupted writes, rolls forward complete episodes the manifest \
            does not count yet (rebuilding info.json, stats.json and the tasks table from the per-episode \
            metadata), and moves incomplete episodes and engine spool leftovers to \
            .episodic/quarantine/episode-XXXXXX/ — nothing is deleted. Then verifies the dataset.

            Exit status: 0 when the dataset is valid afterwards, 1 when problems remain (they are \
            printed), 2 when the path is not a dataset or its info.json is unreadable.
            """
    )

    @Argument(help: "The dataset root (the directory that holds meta/).")
    var dataset: String

    @Flag(help: "List the decisions without changing anything.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let report: RecoveryReport
        do {
            report = try DatasetRecovery.recover(root: dataset, dryRun: dryRun)
        } catch {
            let notADataset: Set<LeRobotError.Code> = [.notADataset, .json, .info, .version]
            if json {
                print(JSONValue.object([
                    ("dataset", .string(dataset)), ("valid", .bool(false)),
                    ("error", .object([("code", .string(error.code.rawValue)), ("message", .string(error.message)),
                                       ("hint", .string(error.hint ?? ""))])),
                ]).pythonJSON(indent: 2))
            } else {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
            throw ExitCode(notADataset.contains(error.code) ? 2 : 1)
        }
        let verification: VerificationReport
        do {
            verification = try Verifier().verify(root: dataset)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            print(JSONValue.object([
                ("recovery", report.json), ("valid", .bool(verification.isValid)), ("verify", verification.json),
            ]).pythonJSON(indent: 2))
        } else {
            for d in report.decisions { print((dryRun ? "would: " : "") + d.description) }
            for p in verification.problems { print("\(p.code.rawValue) \(p.path): \(p.message)\n  hint: \(p.hint)") }
            print(verification.isValid
                  ? "OK: \(dataset) (\(report.episodes) episodes, \(report.frames) frames)"
                  : "\(verification.problems.count) problem(s) remain in \(dataset)")
        }
        if !verification.isValid { throw ExitCode(1) }
    }
}
