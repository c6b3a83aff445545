// Shared helpers for LeRobot tests: reference data location, temp dirs, external tools.

import Foundation
import Testing

enum Reference {
    /// /work/shared/reference, located relative to this file (repo/../shared/reference).
    static var root: String {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/reference").path
    }
    static var v30: String { root + "/lerobot-v3.0-tiny" }
    static var v21: String { root + "/lerobot-v2.1-tiny" }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}

struct ToolError: Error, CustomStringConvertible {
    var description: String
}

enum Tool {
    /// Runs `executable` with `arguments`; returns stdout. Throws with stderr on non-zero exit.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw ToolError(description: "cannot run \(executable): \(error); install it with scripts/setup.sh")
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting so large outputs cannot deadlock.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(description: "\(executable) \(arguments.prefix(3)) exited \(process.terminationStatus): "
                            + String(decoding: errData, as: UTF8.self).suffix(2000))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// Runs a python3 script (needs pyarrow/pandas: see scripts/setup.sh); returns stdout.
    static func python(_ script: String) throws -> String {
        try run("python3", ["-c", script])
    }
}

/// A fresh empty directory under the system temp dir, removed by the caller with `remove()`.
struct TempDir {
    let path: String

    init(_ label: String = "lerobot") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "episodic-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func remove() {
        // Test cleanup: a leftover temp dir is harmless and must not fail the test.
        try? FileManager.default.removeItem(atPath: path)
    }
}
