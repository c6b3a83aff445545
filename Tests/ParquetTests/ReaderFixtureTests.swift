import Foundation
import Testing
@testable import Parquet

/// pyarrow-written files of every variant, read back and compared value by value.
@Suite("Reader: pyarrow fixtures")
struct ReaderFixtureTests {
    struct Manifest: Decodable, Sendable {
        struct File: Decodable, Sendable {
            var table: String
            var rows: Int
            var row_group_rows: [Int]
        }

        var files: [String: File]
        var tables: [String: [String: [Canon]]]
    }

    struct Fixtures: Sendable {
        var directory: URL
        var manifest: Manifest
    }

    /// Generated once per test run, into a temporary directory.
    static let fixtures: Result<Fixtures, ToolFailure> = {
        do {
            let directory = try TestPaths.temporaryDirectory("reader-fixtures")
            try runPython("make_reader_fixtures.py", [directory.path])
            let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
            return .success(Fixtures(directory: directory, manifest: try JSONDecoder().decode(Manifest.self, from: data)))
        } catch {
            return .failure(ToolFailure(description: "\(error)"))
        }
    }()

    static let variants: [String] = ["1", "2"].flatMap { version in
        ["dict", "plain"].flatMap { dictionary in
            ["none", "snappy", "zstd"].map { "v\(version)-\(dictionary)-\($0)" }
        }
    } + ["legacy-item", "empty"]

    @Test("every column reads back exactly (all row groups)", arguments: variants)
    func readsEveryColumn(variant: String) throws {
        let fixtures = try Self.fixtures.get()
        let file = try #require(fixtures.manifest.files[variant])
        let expected = try #require(fixtures.manifest.tables[file.table])
        let reader = try ParquetFileReader(path: fixtures.directory.appendingPathComponent("\(variant).parquet").path)
        defer { reader.close() }

        #expect(reader.numRows == file.rows)
        #expect(reader.rowGroupCount == file.row_group_rows.count)
        #expect((0..<reader.rowGroupCount).map(reader.rowCount(ofRowGroup:)) == file.row_group_rows)
        #expect(reader.keyValueMetadata["episodic.test"] == "reader fixture ✓")
        #expect(reader.keyValueMetadata["ARROW:schema"] != nil)
        #expect(reader.unsupportedFields.isEmpty)
        #expect(Set(reader.schema.fields.map(\.name)) == Set(expected.keys))

        for field in reader.schema.fields {
            let column = try reader.readColumn(field.name)
            let rows = Canon.rows(column, type: field.type)
            expectRows(rows, expected[field.name] ?? [], "\(variant) column \(field.name)")
        }
    }

    @Test("row groups read separately match their slice of the table", arguments: ["v1-dict-snappy", "v2-plain-zstd"])
    func readsRowGroups(variant: String) throws {
        let fixtures = try Self.fixtures.get()
        let file = try #require(fixtures.manifest.files[variant])
        let expected = try #require(fixtures.manifest.tables[file.table])
        let reader = try ParquetFileReader(path: fixtures.directory.appendingPathComponent("\(variant).parquet").path)
        var start = 0
        for (group, rows) in file.row_group_rows.enumerated() {
            let columns = try reader.readRowGroup(group)
            #expect(columns.count == reader.schema.fields.count)
            for (field, column) in zip(reader.schema.fields, columns) {
                #expect(column.count == rows)
                let slice = Array((expected[field.name] ?? [])[start..<start + rows])
                expectRows(Canon.rows(column, type: field.type), slice, "\(variant) rg \(group) \(field.name)")
                let single = try reader.readColumn(field.name, rowGroup: group)
                #expect(Canon.rows(single, type: field.type) == Canon.rows(column, type: field.type))
            }
            start += rows
        }
        #expect(start == 1000)
    }

    @Test("column statistics decode to pyarrow's exact min, max and null count", arguments: ["v1-dict-none", "v2-plain-zstd"])
    func statistics(variant: String) throws {
        let fixtures = try Self.fixtures.get()
        let expected = try #require(fixtures.manifest.tables["main"])
        let reader = try ParquetFileReader(path: fixtures.directory.appendingPathComponent("\(variant).parquet").path)
        func littleEndian(_ value: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let columns = reader.metadata.rowGroups[1].columns
        let index = try #require(columns[0].metaData?.statistics)
        #expect(index.minValue == littleEndian(300))
        #expect(index.maxValue == littleEndian(599))
        #expect(index.nullCount == 0)
        let optional = try #require(columns.first { $0.metaData?.pathInSchema == ["opt_i64"] }?.metaData?.statistics)
        let nulls = (expected["opt_i64"] ?? [])[300..<600].filter { $0 == .null }.count
        #expect(nulls > 0)
        #expect(optional.nullCount == Int64(nulls))
    }

    @Test("the schema is rebuilt with nullability at every level")
    func schemaShapes() throws {
        let fixtures = try Self.fixtures.get()
        for variant in ["v1-dict-none", "legacy-item"] {
            let reader = try ParquetFileReader(path: fixtures.directory.appendingPathComponent("\(variant).parquet").path)
            let schema = reader.schema
            #expect(schema.field(named: "index") == ParquetField("index", .int64, nullable: false))
            #expect(schema.field(named: "f32") == ParquetField("f32", .float, nullable: false))
            #expect(schema.field(named: "opt_text") == ParquetField("opt_text", .string, nullable: true))
            #expect(schema.field(named: "blob") == ParquetField("blob", .binary, nullable: true))
            #expect(
                schema.field(named: "req_vec")
                    == ParquetField("req_vec", .list(element: .float, elementNullable: false), nullable: false))
            #expect(
                schema.field(named: "stats3")
                    == ParquetField(
                        "stats3",
                        .list(
                            element: .list(element: .list(element: .double, elementNullable: true), elementNullable: true),
                            elementNullable: true),
                        nullable: true))
            #expect(
                schema.field(named: "image")
                    == ParquetField(
                        "image",
                        .struct([ParquetField("bytes", .binary, nullable: true), ParquetField("path", .string, nullable: true)]),
                        nullable: true))
        }
    }

    @Test("unknown columns and row groups are .noSuchColumn")
    func noSuchColumn() throws {
        let fixtures = try Self.fixtures.get()
        let reader = try ParquetFileReader(path: fixtures.directory.appendingPathComponent("v1-dict-none.parquet").path)
        let missing = #expect(throws: ParquetError.self) { try reader.readColumn("nope") }
        #expect(missing?.code == .noSuchColumn)
        #expect(missing?.message.contains("nope") == true)
        let badGroup = #expect(throws: ParquetError.self) { try reader.readColumn("index", rowGroup: 4) }
        #expect(badGroup?.code == .noSuchColumn)
        reader.close()
        let closed = #expect(throws: ParquetError.self) { try reader.readColumn("index") }
        #expect(closed?.code == .closed)
    }
}
