import Foundation
import Testing
@testable import Parquet

/// A value in the canonical form the fixture scripts dump (see
/// Scripts/make_reader_fixtures.py): exact integers and float bit patterns as
/// tagged strings, so comparisons are exact.
enum Canon: Hashable, Sendable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case text(String)
    case list([Canon])
    case object([String: Canon])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {  // not a Bool: try the next shape
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {  // not a String: try the next shape
            self = .text(value)
        } else if let value = try? container.decode([Canon].self) {  // not an array: must be an object
            self = .list(value)
        } else {
            self = .object(try container.decode([String: Canon].self))
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .text(let value): value.count > 60 ? "\(value.prefix(60))…" : value
        case .list(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .object(let fields): "{\(fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        }
    }

    /// The rows of a column read by the Swift reader, in canonical form.
    static func rows(_ column: ColumnData, type: ParquetType) -> [Canon] {
        var result: [Canon] = []
        result.reserveCapacity(column.count)
        switch column.storage {
        case .boolean(let values): result = values.map { .bool($0) }
        case .int32(let values): result = values.map { .text("i:\($0)") }
        case .int64(let values): result = values.map { .text("i:\($0)") }
        case .float(let values): result = values.map { .text("f:" + hex($0.bitPattern, digits: 8)) }
        case .double(let values): result = values.map { .text("d:" + hex($0.bitPattern, digits: 16)) }
        case .string(let values): result = values.map { .text("s:" + $0) }
        case .binary(let values): result = values.map { .text("b:" + Data($0).base64EncodedString()) }
        case .list(let offsets, let child):
            guard case .list(let elementType, _) = type else { return [] }
            let elements = rows(child, type: elementType)
            for index in 0..<column.count { result.append(.list(Array(elements[offsets[index]..<offsets[index + 1]]))) }
        case .struct(let children):
            guard case .struct(let fields) = type else { return [] }
            let childRows = zip(children, fields).map { rows($0, type: $1.type) }
            for index in 0..<column.count {
                var object: [String: Canon] = [:]
                for (field, values) in zip(fields, childRows) { object[field.name] = values[index] }
                result.append(.object(object))
            }
        }
        if let validity = column.validity {
            for index in result.indices where !validity[index] { result[index] = .null }
        }
        return result
    }

    private static func hex<T: BinaryInteger>(_ value: T, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// Locations in the repository, found from this source file.
enum TestPaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let scripts = testsDirectory.appendingPathComponent("Scripts")
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    /// `../shared` next to the repository (the coordinator's reference data).
    static let shared = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    /// A fresh temporary directory.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("episodic-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs `python3 script arguments…`; fails with the script's stderr and a hint when python or pyarrow is missing.
func runPython(_ script: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", TestPaths.scripts.appendingPathComponent(script).path] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(
            description: "python3 \(script) failed (status \(process.terminationStatus)); it needs python3 with pyarrow "
                + "(scripts/setup.sh installs them):\n\(stderr)")
    }
}

/// Compares read rows with expected rows, recording the first difference with its row index.
func expectRows(
    _ actual: [Canon], _ expected: [Canon], _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    if actual.count != expected.count {
        Issue.record("\(label): \(actual.count) rows, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    let index = actual.indices.first { actual[$0] != expected[$0] } ?? 0
    Issue.record(
        "\(label): row \(index) is \(actual[index]), expected \(expected[index])", sourceLocation: sourceLocation)
}
