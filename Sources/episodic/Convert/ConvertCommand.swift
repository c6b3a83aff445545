import ArgumentParser
import Foundation
import LeRobot

/// `episodic convert DATASET --to v3.0|v2.1 --output DIR`: rewrite a dataset in the other
/// LeRobot layout, then verify the result.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a LeRobot dataset between v3.0 and v2.1, then verify the output.",
        discussion: """
            Tables are read episode by episode and written through the same dataset writer that \
            `record` uses (crash-safe, deterministic). Videos are copied when a file holds exactly one \
            episode, and cut out and re-encoded with the same codec (GOP 2) when a v3.0 file holds \
            several episodes. Per-episode statistics are carried over.

            Exit status: 0 when the output verifies; 1 when conversion failed or the output does not \
            verify; 2 when the input is not a dataset or the output directory is refused.

            Examples:
              episodic convert demo-dataset --to v2.1 --output demo-v21
              episodic convert old-dataset --to v3.0 --output new-dataset
            """
    )

    @Argument(help: "The source dataset root (the directory that holds meta/).")
    var dataset: String

    @Option(help: "Target format: v3.0 or v2.1.")
    var to: String

    @Option(help: "The directory to create for the converted dataset.")
    var output: String

    func run() throws {
        guard let version = CodebaseVersion(rawValue: to) else {
            throw CLIError(.usage, "--to \(to) is not a dataset format", hint: "use --to v3.0 or --to v2.1").printed()
        }
        do {
            try RecordCommand.checkOutput(output, resume: false)
        } catch let error as CLIError {
            throw error.printed()
        }
        let reader: DatasetReader
        do {
            reader = try DatasetReader(root: dataset)
        } catch {
            CLIError.report(code: error.code.rawValue, message: error.message, hint: error.hint)
            throw ExitCode(2)
        }
        let converter = DatasetConverter(reader: reader, version: version, output: output)
        do {
            try converter.run()
        } catch let error as CLIError {
            throw error.printed()
        } catch {
            throw CLIError(.convertFailed, "\(error)", hint: "the source may be damaged: run episodic verify \(dataset)",
                           exitCode: 1).printed()
        }
        let report: VerificationReport
        do {
            report = try Verifier().verify(root: output)
        } catch {
            throw CLIError(.convertFailed, "the output does not open as a dataset: \(error)", hint: "report this as a bug",
                           exitCode: 1).printed()
        }
        for p in report.problems { print("\(p.code.rawValue) \(p.path): \(p.message)") }
        guard report.isValid else {
            throw CLIError(.convertFailed, "\(report.problems.count) problem(s) in the converted dataset \(output)",
                           hint: "the problems are listed above", exitCode: 1).printed()
        }
        print("converted \(dataset) (LeRobot \(reader.info.version.rawValue)) → \(output) (LeRobot \(version.rawValue)): "
              + "\(report.episodes) episodes, \(report.frames) frames, verified")
    }
}
