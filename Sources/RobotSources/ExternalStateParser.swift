import Foundation

/// Parses the newline-delimited JSON that another program sends per control
/// tick (`{"observation.state": [...], "action": [...]}`) and validates each
/// line against the dataset's vector features.
///
/// A bad line is rejected with a typed error naming the line number and what is
/// wrong, and counted; the caller goes on with the next line (recording is not
/// stopped by one malformed message). Not thread-safe: one reader thread.
public struct ExternalStateParser: Sendable {
    /// A declared vector feature: its name and element count.
    public struct Feature: Sendable, Hashable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public let features: [Feature]
    /// Lines accepted so far.
    public private(set) var acceptedLines = 0
    /// Lines rejected so far, by error code.
    public private(set) var rejectedLines: [SourceError.Code: Int] = [:]
    private var lineNumber = 0

    public init(features: [Feature]) {
        self.features = features
    }

    /// Total lines rejected, whatever the cause.
    public var rejectedCount: Int { rejectedLines.values.reduce(0, +) }

    /// Parses one line; returns the values per feature in `features` order.
    /// Empty lines are skipped (returns `nil`, not counted).
    public mutating func parse(line: String) throws(SourceError) -> [[Float]]? {
        lineNumber += 1
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        do {
            let values = try Self.decode(trimmed, features: features, lineNumber: lineNumber)
            acceptedLines += 1
            return values
        } catch {
            rejectedLines[error.code, default: 0] += 1
            throw error
        }
    }

    private static func decode(_ line: String, features: [Feature], lineNumber: Int) throws(SourceError) -> [[Float]] {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw SourceError(.stateLineJSON, "line \(lineNumber): not a JSON object")
            }
            object = parsed
        } catch let error as SourceError {
            throw error
        } catch {
            throw SourceError(
                .stateLineJSON, "line \(lineNumber): invalid JSON (\(error.localizedDescription))",
                hint: "send one JSON object per line, e.g. {\"observation.state\": [0.1, 0.2]}")
        }
        let declared = Set(features.map(\.name))
        if let unknown = object.keys.sorted().first(where: { !declared.contains($0) }) {
            throw SourceError(
                .stateLineUnknownKey, "line \(lineNumber): key \"\(unknown)\" is not a declared feature",
                hint: "declared: \(features.map(\.name).joined(separator: ", "))")
        }
        var result: [[Float]] = []
        result.reserveCapacity(features.count)
        for feature in features {
            guard let raw = object[feature.name] else {
                throw SourceError(.stateLineMissingKey, "line \(lineNumber): missing \"\(feature.name)\"")
            }
            guard let array = raw as? [Any] else {
                throw SourceError(.stateLineType, "line \(lineNumber): \"\(feature.name)\" is not an array")
            }
            guard array.count == feature.count else {
                throw SourceError(
                    .stateLineShape,
                    "line \(lineNumber): \"\(feature.name)\" has \(array.count) values, expected \(feature.count)")
            }
            var vector: [Float] = []
            vector.reserveCapacity(array.count)
            for (position, element) in array.enumerated() {
                // JSONSerialization gives NSNumber for booleans too (and on Linux `1 is Bool` holds), so check the objCType.
                guard let number = element as? NSNumber, isNumeric(number),
                      number.doubleValue.isFinite
                else {
                    throw SourceError(
                        .stateLineType,
                        "line \(lineNumber): \"\(feature.name)\"[\(position)] is not a finite number")
                }
                vector.append(number.floatValue)
            }
            result.append(vector)
        }
        return result
    }
}

/// Whether an NSNumber holds a number rather than a boolean (JSON `true` bridges to NSNumber too).
private func isNumeric(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) != "c"
}
