import ArgumentParser
import Foundation
import LeRobot
import Recording
import RobotSources
import Video

/// `episodic bench`: can this machine keep up with my cameras? Runs the demo workload paced in
/// real time through the same public API as `record`, into a temporary dataset, and reports
/// latencies, commit times, CPU, memory, gaps and whether the result verifies.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure whether this machine keeps up: the demo workload, paced in real time, into a temp dataset.",
        discussion: """
            Defaults match LeRobot's recorder benchmark (2 cameras 640×480, 3 episodes × 10 s at 30 fps), so the \
            two can be run side by side. Build in release mode for meaningful numbers. --json prints one JSON \
            object whose fields are documented in docs/cli.md.

            Exit status: 0 when every episode committed and the dataset verifies, 1 otherwise.

            Examples:
              episodic bench
              episodic bench --cameras 3 --json
              episodic bench --width 1280 --height 720 --codec hevc --episodes 1 --episode-seconds 20
            """
    )

    @Option(help: "Synthetic cameras.") var cameras = 2
    @Option(help: "Camera frame width.") var width = 640
    @Option(help: "Camera frame height.") var height = 480
    @Option(help: "Frames per second.") var fps = 30
    @Option(help: "Episodes.") var episodes = 3
    @Option(help: "Seconds per episode.") var episodeSeconds = 10.0
    @Option(help: "Video codec: h264, hevc, av1 or auto.") var codec = "h264"
    @Option(help: "Dataset format: v3.0 or v2.1.") var format = "v3.0"
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @Flag(help: "Keep the temporary dataset and print its path.") var keep = false

    func run() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-bench-\(getpid())-\(UInt64(PacedClock.now()))").path
        // The same validation as `record`: the flags map one to one.
        let record: RecordCommand
        do {
            record = try RecordCommand.parse([
                "--output", root, "--cameras", String(cameras), "--width", String(width), "--height", String(height),
                "--fps", String(fps), "--episodes", String(episodes), "--episode-seconds", String(episodeSeconds),
                "--codec", codec, "--format", format, "--task", "bench",
            ])
        } catch {
            throw CLIError(.usage, "invalid bench flags (\(error))", hint: "see episodic bench --help").printed()
        }
        let plan: RecordPlan
        do {
            plan = try record.plan()
        } catch let error as CLIError {
            throw error.printed()
        }
        let result: BenchResult
        do {
            result = try await BenchRun(plan: plan).execute()
        } catch {
            CLIError.report(code: (error as? RecordingError)?.code.rawValue ?? "ERR_INTERNAL", message: "\(error)", hint: nil)
            throw ExitCode(1)
        }
        if !keep {
            // The benchmark's own temporary dataset; failing to remove it leaves only a temp dir.
            try? FileManager.default.removeItem(atPath: root)  // ok: best-effort cleanup or measurement, see comment above
            try? FileManager.default.removeItem(atPath: root + ".spool")  // ok: best-effort cleanup or measurement, see comment above
        }
        print(json ? result.json.pythonJSON(indent: 2) : result.text + (keep ? "\ndataset: \(root)" : ""))
        if !result.verified || result.committed != episodes { throw ExitCode(1) }
    }
}
