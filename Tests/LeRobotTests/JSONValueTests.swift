import Foundation
import Testing
@testable import LeRobot

@Suite struct JSONValueTests {
    @Test func floatReprMatchesPython() throws {
        let values: [Double] = [0, 1, -1.5, 0.1, 1e-4, 1e-5, 1.5e-5, 123456789012345.6, 1e15, 1e16, 1.5e16,
                                1.4666666666666666, -9.999999999999999e-11, Double.leastNonzeroMagnitude, 1.7976931348623157e308,
                                25.97915831328388, 0.000123, 100.0, 2.5e-7]
        let script = "print('\\n'.join(repr(float(v)) for v in [\(values.map { "\($0)" }.joined(separator: ","))]))"
        let expected = try Tool.python(script).split(separator: "\n").map(String.init)
        #expect(values.map(JSONValue.pythonFloatRepr) == expected)
    }

    @Test func indentedOutputMatchesPythonJsonDump() throws {
        let value: JSONValue = .object([
            ("a", .array([.int(1), .double(2.5), .null, .bool(true)])),
            ("empty", .object([])), ("list", .array([])),
            ("text", .string("héllo \"q\" \\ \n\t\u{1}\u{7f} 😀")),
            ("nested", .object([("x", .array([.array([.array([.double(0.25)])])]))])),
        ])
        let script = """
        import json,sys
        v = {"a": [1, 2.5, None, True], "empty": {}, "list": [], "text": "h\\u00e9llo \\"q\\" \\\\ \\n\\t\\u0001\\u007f \\U0001F600", "nested": {"x": [[[0.25]]]}}
        sys.stdout.write(json.dumps(v, indent=4) + "\\n====\\n" + json.dumps(v, ensure_ascii=False))
        """
        let parts = try Tool.python(script).components(separatedBy: "\n====\n")
        #expect(value.pythonJSON() == parts[0])
        #expect(value.pythonCompactJSON(ensureASCII: false) == parts[1])
        #expect(try JSONValue.parse(parts[0]) == value)
        #expect(try JSONValue.parse(parts[1]) == value)
    }

    @Test func parserKeepsOrderIntsAndSpecialFloats() throws {
        let v = try JSONValue.parse(#"{"z": 1, "a": 1.0, "m": [NaN, Infinity, -Infinity, -0.5e-3], "s": "\u00e9\ud83d\ude00"}"#)
        guard case .object(let pairs) = v else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["z", "a", "m", "s"])
        #expect(v["z"] == .int(1))
        #expect(v["a"] == .double(1.0))
        #expect(v["m"]?.arrayValue?.count == 4)
        #expect(v["m"]?.arrayValue?[3] == .double(-0.0005))
        #expect(v["s"] == .string("é😀"))
        #expect(v.pythonCompactJSON(ensureASCII: true) == #"{"z": 1, "a": 1.0, "m": [NaN, Infinity, -Infinity, -0.0005], "s": "\u00e9\ud83d\ude00"}"#)
    }

    @Test func parserRejectsInvalidJSONWithCode() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2"] {
            #expect(throws: LeRobotError.self) { try JSONValue.parse(bad) }
            do { _ = try JSONValue.parse(bad) } catch { #expect(error.code == .json) }
        }
    }

    @Test func referenceInfoJSONRoundTripsByteForByte() throws {
        for root in [Reference.v30, Reference.v21] {
            let text = try Reference.text(root + "/meta/info.json")
            let info = try DatasetInfo.parse(text)
            #expect(info.fileText == text, "info.json of \(root) does not round-trip")
        }
    }

    @Test func referenceStatsJSONRoundTripsByteForByte() throws {
        let text = try Reference.text(Reference.v30 + "/meta/stats.json")
        let stats = try DatasetStatistics.fromJSON(try JSONValue.parse(text))
        #expect(stats.fileText == text)
        #expect(stats["observation.images.front"]?.layout == .channels)
        #expect(stats["index"]?.count == 90)
        #expect(stats["index"]?.quantiles[.q50] == [44.5])
    }
}
