import Foundation
import Testing

/// Runs pyarrow (the independent Parquet implementation) on files the tests
/// write or read. Reusable by writer and reader tests: `dump` reads any Parquet
/// file; `run` executes an arbitrary Python snippet (for writing fixtures).
///
/// pyarrow missing is a test failure with a clear message, not a skip:
/// `scripts/setup.sh --test` installs it.
enum PyArrow {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The directory of the helper scripts (Tests/ParquetTests/Scripts).
    static let scriptsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    /// Runs `python3 arguments…`, returns stdout; throws with stderr on failure.
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start python3 (\(error)); run scripts/setup.sh --test")
        }
        // Read both pipes before waiting so a large dump cannot fill a pipe and block.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            if stderr.contains("No module named 'pyarrow'") {
                throw Failure(description: "pyarrow is not installed; run scripts/setup.sh --test")
            }
            throw Failure(description: "python3 \(arguments.joined(separator: " ")) failed: \(stderr)")
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// Runs a Python snippet with `python3 -c`.
    static func python(_ code: String, _ arguments: String...) throws -> String {
        try run(["-c", code] + arguments)
    }

    /// A file as pyarrow reads it: canonical JSON text (see Scripts/parquet_dump.py) and its parse.
    struct Dump {
        var text: String
        var json: [String: Any]

        /// `[[name, arrow type, nullable]]` as one comparable string per field.
        var fields: [String] {
            (json["fields"] as? [[Any]] ?? []).map { field in
                "\(field[0]) \(field[1]) \((field[2] as? Bool) == true ? "nullable" : "required")"
            }
        }

        /// The canonical JSON text of one column's values.
        func columnText(_ name: String) throws -> String {
            let columns = json["columns"] as? [String: String] ?? [:]
            guard let values = columns[name] else { throw Failure(description: "no column \(name) in dump") }
            return values
        }

        var metadata: [String: Any] { json["metadata"] as? [String: Any] ?? [:] }
        var rowGroups: [[String: Any]] { metadata["row_groups"] as? [[String: Any]] ?? [] }
    }

    static func dump(_ path: String) throws -> Dump {
        let text = try run([scriptsDirectory.appendingPathComponent("parquet_dump.py").path, path])
        guard let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(description: "parquet_dump.py printed no JSON object: \(text.prefix(200))")
        }
        return Dump(text: text, json: json)
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("episodic-parquet-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() {
        // Best effort: a leftover temp directory is harmless and must not fail a test.
        try? FileManager.default.removeItem(at: url)
    }
}
