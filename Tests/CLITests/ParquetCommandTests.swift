import Foundation
import Parquet
import Testing

/// `episodic parquet schema|cat`, run as the built binary.
@Suite("episodic parquet")
struct ParquetCommandTests {
    static let reference = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/lerobot-v3.0-tiny")

    static func referenceFile(_ relative: String) throws -> String {
        let path = reference.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [NSFilePathErrorKey: "\(path) (the reference dataset lives in ../shared next to the clone)"])
        }
        return path
    }

    /// A small file with the values JSON output must get exactly right.
    static func specialValuesFile() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("special.parquet").path
        let schema = ParquetSchema([
            ParquetField("f", .float),
            ParquetField("d", .double, nullable: true),
            ParquetField("s", .string),
            ParquetField("b", .binary),
            ParquetField("v", .list(element: .list(element: .int32), elementNullable: true)),
            ParquetField("img", .struct([ParquetField("path", .string), ParquetField("ok", .boolean)]), nullable: true),
        ])
        let writer = try ParquetFileWriter(path: path, schema: schema)
        try writer.write([
            .float([.nan, .infinity, 0.1]),
            ColumnData(.double([-.infinity, 0, 1e-300]), validity: [true, false, true]),
            .string(["tab\t\"q\" \\ é🤖", "", "line\nbreak\u{1}"]),
            .binary([[0, 1, 2, 255], [], Array("hi".utf8)]),
            ColumnData(.list(offsets: [0, 2, 2, 3], child: ColumnData(
                .list(offsets: [0, 2, 2, 3], child: .int32([1, -2, 3])), validity: [true, false, true]))),
            ColumnData(
                .struct([.string(["a.png", "", "c.png"]), .boolean([true, false, false])]),
                validity: [true, false, true]),
        ])
        try writer.close()
        return path
    }

    @Test("schema prints the tree, row groups, codec and metadata keys")
    func schema() throws {
        let result = try EpisodicBinary.run(["parquet", "schema", try Self.referenceFile("data/chunk-000/file-000.parquet")])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = """
            message schema {
              optional group observation.state (LIST) {
                repeated group list {
                  optional float element;
                }
              }
            """
        #expect(result.stdout.hasPrefix(expected))
        for line in [
            "  optional float timestamp;", "  optional int64 episode_index;", "rows: 90", "row groups: 2",
            "codecs: SNAPPY", "key-value metadata: ARROW:schema, huggingface",
        ] {
            #expect(result.stdout.split(separator: "\n").contains(Substring(line)), "missing line: \(line)")
        }
        #expect(result.stdout.contains("  row group 0: 45 rows, "))
    }

    @Test("cat --json renders special floats, binary, unicode, nulls and nesting exactly")
    func catJSONSpecialValues() throws {
        let result = try EpisodicBinary.run(["parquet", "cat", "--json", try Self.specialValuesFile()])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            #"{"f":"NaN","d":"-Infinity","s":"tab\t\"q\" \\ é🤖","b":"AAEC/w==","v":[[1,-2],null],"img":{"path":"a.png","ok":true}}"#,
            #"{"f":"Infinity","d":null,"s":"","b":"","v":[],"img":null}"#,
            #"{"f":0.1,"d":1e-300,"s":"line\nbreak\u0001","b":"aGk=","v":[[3]],"img":{"path":"c.png","ok":false}}"#,
            "",
        ])
        // Every line is valid JSON.
        for line in lines.dropLast() {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        }
    }

    @Test("cat --json on the LeRobot data file gives 90 rows with exact indices")
    func catLeRobot() throws {
        let result = try EpisodicBinary.run(
            ["parquet", "cat", "--json", "--columns", "index,episode_index", try Self.referenceFile("data/chunk-000/file-000.parquet")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 90)
        #expect(lines.first == #"{"index":0,"episode_index":0}"#)
        #expect(lines.last == #"{"index":89,"episode_index":1}"#)
    }

    @Test("cat without --json prints a header and tab-separated rows; --limit stops early")
    func catText() throws {
        let result = try EpisodicBinary.run(
            ["parquet", "cat", "--limit", "1", "--columns", "task,task_index", try Self.referenceFile("meta/tasks.parquet")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "task\ttask_index\npick the cube\t0\n")
        let none = try EpisodicBinary.run(["parquet", "cat", "--limit", "0", try Self.referenceFile("meta/tasks.parquet")])
        #expect(none.stdout == "task_index\ttask\n")
    }

    @Test("a file that is not Parquet: one-line ERR_PARQUET_BAD_MAGIC on stderr, exit 2")
    func notParquet() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("episodic-cli-\(UUID().uuidString).txt").path
        try Data("hello, not parquet\n".utf8).write(to: URL(fileURLWithPath: path))
        for command in ["schema", "cat"] {
            let result = try EpisodicBinary.run(["parquet", command, path])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("episodic: ERR_PARQUET_BAD_MAGIC: \(path) "))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test("a missing file is ERR_PARQUET_IO with exit 2; an unknown column is exit 64")
    func errors() throws {
        let missing = try EpisodicBinary.run(["parquet", "cat", "/nonexistent/x.parquet"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("episodic: ERR_PARQUET_IO: cannot open /nonexistent/x.parquet: No such file"))
        let column = try EpisodicBinary.run(["parquet", "cat", "--columns", "nope", try Self.referenceFile("meta/tasks.parquet")])
        #expect(column.status == 64)
        #expect(column.stderr.hasPrefix("episodic: ERR_PARQUET_NO_SUCH_COLUMN: "))
        #expect(column.stderr.contains("'nope'"))
        let usage = try EpisodicBinary.run(["parquet", "cat"])
        #expect(usage.status == 64)
    }
}
