import Foundation
import Testing
@testable import Video

/// A fresh directory under /tmp for one test, removed by the caller with `remove()`.
struct TempDir {
    let path: String
    init(_ label: String = "video") throws {
        path = NSTemporaryDirectory() + "episodic-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }  // best effort: a leftover /tmp dir is harmless
}

/// Runs a tool the tests need (ffmpeg, python3) and fails the test with a clear message when
/// it is missing or exits non-zero. Returns stdout.
@discardableResult
func runTool(_ tool: String, _ args: [String]) throws -> [UInt8] {
    let path: String
    do { path = try FFmpegTools.resolve(tool) } catch {
        Issue.record("\(tool) is required for this test and is not on PATH; run scripts/setup.sh --test")
        throw error
    }
    let out = try ChildProcess.run(path, args)
    if !out.termination.isSuccess {
        Issue.record("\(tool) \(args.joined(separator: " ")) failed: \(out.termination)\n\(out.stderrLines.suffix(10).joined(separator: "\n"))")
        throw VideoError(.encoderFailed, "\(tool) failed")
    }
    return out.stdout
}
