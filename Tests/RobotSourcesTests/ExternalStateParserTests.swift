import Testing
@testable import RobotSources

@Suite("External state parser")
struct ExternalStateParserTests {
    private func parser() -> ExternalStateParser {
        ExternalStateParser(features: [.init(name: "observation.state", count: 3), .init(name: "action", count: 2)])
    }

    @Test("a good line gives the values in feature order; ints are accepted")
    func goodLine() throws {
        var parser = parser()
        let values = try parser.parse(line: #"{"action": [1, -2.5], "observation.state": [0.25, 0, 3]}"#)
        #expect(values == [[0.25, 0, 3], [1, -2.5]])
        #expect(parser.acceptedLines == 1)
        #expect(parser.rejectedCount == 0)
    }

    @Test("empty lines are skipped without counting")
    func emptyLine() throws {
        var parser = parser()
        #expect(try parser.parse(line: "   ") == nil)
        #expect(parser.acceptedLines == 0 && parser.rejectedCount == 0)
    }

    @Test(
        "each kind of bad line is rejected with its code and counted, then parsing goes on",
        arguments: [
            (#"{"observation.state": [1,2,3], "action": [1,2]"#, SourceError.Code.stateLineJSON),
            ("[1, 2]", .stateLineJSON),
            (#"{"observation.state": [1,2,3]}"#, .stateLineMissingKey),
            (#"{"observation.state": [1,2,3], "action": [1,2], "extra": 1}"#, .stateLineUnknownKey),
            (#"{"observation.state": [1,2], "action": [1,2]}"#, .stateLineShape),
            (#"{"observation.state": "1,2,3", "action": [1,2]}"#, .stateLineType),
            (#"{"observation.state": [1,true,3], "action": [1,2]}"#, .stateLineType),
            (#"{"observation.state": [1,null,3], "action": [1,2]}"#, .stateLineType),
            (#"{"observation.state": [1,"2",3], "action": [1,2]}"#, .stateLineType),
        ])
    func badLine(line: String, code: SourceError.Code) throws {
        var parser = parser()
        #expect(throws: SourceError.self) { try parser.parse(line: line) }
        do {
            _ = try parser.parse(line: line)
        } catch {
            #expect(error.code == code)
            #expect(error.message.hasPrefix("line 2:"))
        }
        #expect(parser.rejectedLines[code] == 2)
        _ = try parser.parse(line: #"{"observation.state": [1,2,3], "action": [1,2]}"#)
        #expect(parser.acceptedLines == 1)
    }
}
