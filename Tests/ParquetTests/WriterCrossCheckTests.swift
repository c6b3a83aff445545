import Foundation
import Testing
@testable import Parquet

/// Files written by the Swift writer, read back by pyarrow: exact values, Arrow
/// types, and footer metadata.
@Suite("Writer cross-check with pyarrow")
struct WriterCrossCheckTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .zstd]

    /// Writes rows 0..<total as `groups` row groups (two `write` calls per group).
    static func writeSample(
        to path: String, total: Int, groups: Int, options: ParquetWriterOptions
    ) throws -> FileMetaData {
        let writer = try ParquetFileWriter(path: path, schema: SampleTable.schema, options: options)
        let perGroup = (total + groups - 1) / groups
        var start = 0
        while start < total {
            let end = min(total, start + perGroup)
            let middle = (start + end) / 2
            try writer.write(SampleTable.columns(start..<middle))
            try writer.write(SampleTable.columns(middle..<end))
            try writer.endRowGroup()
            start = end
        }
        return try writer.close()
    }

    @Test("every type, codec and row-group count reads back exactly", arguments: codecs, [1, 3])
    func roundTrip(codec: CompressionCodec, groups: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("sample.parquet")
        let options = ParquetWriterOptions(
            compression: codec,
            keyValueMetadata: [KeyValue(key: "huggingface", value: "{\"info\": 1}"), KeyValue(key: "pandas", value: "{}")])
        let total = 60
        let footer = try Self.writeSample(to: path, total: total, groups: groups, options: options)
        #expect(footer.numRows == Int64(total))
        #expect(footer.rowGroups.count == groups)

        let dump = try PyArrow.dump(path)
        #expect(dump.fields == [
            "b bool required",
            "i32 int32 required",
            "i64 int64 required",
            "f float required",
            "d double required",
            "s string required",
            "bin binary required",
            "lf list<element: float not null> required",
            "ld list<element: double not null> required",
            "li32 list<element: int32 not null> required",
            "li64 list<element: int64 not null> required",
            "ls list<element: string not null> required",
            "nested list<element: list<element: list<element: double not null> not null> not null> required",
            "opt_i64 int64 nullable",
            "opt_s string nullable",
            "opt_list list<element: float> nullable",
            "image struct<bytes: binary not null, path: string not null> nullable",
        ])
        let columns = SampleTable.columns(0..<total)
        for (field, column) in zip(SampleTable.schema.fields, columns) {
            #expect(try dump.columnText(field.name) == CanonicalValues.text(column, field.type), "column \(field.name)")
        }
        let metadata = dump.metadata
        #expect(metadata["num_rows"] as? Int == total)
        #expect(metadata["num_row_groups"] as? Int == groups)
        #expect(metadata["created_by"] as? String == "episodic-parquet version 0.1.0")
        #expect(metadata["key_value"] as? [String: String] == ["huggingface": "{\"info\": 1}", "pandas": "{}"])
        let expectedCodec = ["UNCOMPRESSED", "SNAPPY", "ZSTD"][Self.codecs.firstIndex(of: codec)!]
        for group in dump.rowGroups {
            for column in group["columns"] as? [[String: Any]] ?? [] {
                #expect(column["compression"] as? String == expectedCodec)
            }
        }
        #expect(dump.rowGroups.map { $0["num_rows"] as? Int } == Self.groupSizes(total: total, groups: groups))
    }

    static func groupSizes(total: Int, groups: Int) -> [Int?] {
        let perGroup = (total + groups - 1) / groups
        return stride(from: 0, to: total, by: perGroup).map { min(perGroup, total - $0) }
    }
}
