import Foundation
import Testing
@testable import Parquet

/// Damaged copies of valid files: each must fail with its specific error code,
/// never crash, hang, or allocate what the file cannot back.
@Suite("Reader: corrupt files")
struct CorruptFileTests {
    static let small: Result<URL, ToolFailure> = {
        do {
            let directory = try TestPaths.temporaryDirectory("corrupt-base")
            try runPython("make_small_fixtures.py", [directory.path])
            return .success(directory)
        } catch {
            return .failure(ToolFailure(description: "\(error)"))
        }
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try small.get().appendingPathComponent(name)))
    }

    /// Writes `bytes` to a temporary file, opens it and reads every column; returns the first error.
    static func firstError(_ bytes: [UInt8], label: String = "case") throws -> ParquetError? {
        let url = try TestPaths.temporaryDirectory("corrupt").appendingPathComponent("\(label).parquet")
        try Data(bytes).write(to: url)
        do {
            let reader = try ParquetFileReader(path: url.path)
            for field in reader.schema.fields { _ = try reader.readColumn(field.name) }
            return nil
        } catch {
            return error
        }
    }

    static func footerRange(_ file: [UInt8]) -> Range<Int> {
        let length = Int(file[file.count - 8]) | Int(file[file.count - 7]) << 8
            | Int(file[file.count - 6]) << 16 | Int(file[file.count - 5]) << 24
        return (file.count - 8 - length)..<(file.count - 8)
    }

    /// Replaces the footer with `footer`, fixing the length field.
    static func withFooter(_ file: [UInt8], _ footer: [UInt8]) -> [UInt8] {
        let range = footerRange(file)
        let length = UInt32(footer.count)
        return Array(file[..<range.lowerBound]) + footer
            + [UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24)]
            + Array("PAR1".utf8)
    }

    static func metadata(_ file: [UInt8]) throws -> FileMetaData {
        var reader = ThriftCompactReader(Array(file[footerRange(file)]), context: "test")
        return try FileMetaData(thrift: &reader)
    }

    @Test("the untouched base files read cleanly")
    func baseline() throws {
        #expect(try Self.firstError(try Self.bytes("small-none.parquet")) == nil)
        #expect(try Self.firstError(try Self.bytes("small-snappy.parquet")) == nil)
    }

    @Test("truncated copies are .truncated", arguments: [0, 1, 3, 4, 11, 40, 200])
    func truncated(keep: Int) throws {
        let file = try Self.bytes("small-snappy.parquet")
        let error = try Self.firstError(Array(file.prefix(keep)), label: "trunc-\(keep)")
        #expect(error?.code == .truncated, "\(String(describing: error))")
    }

    @Test("a copy missing its last bytes is .truncated", arguments: [1, 5, 9, 100])
    func truncatedTail(drop: Int) throws {
        let file = try Self.bytes("small-none.parquet")
        let error = try Self.firstError(Array(file.dropLast(drop)), label: "drop-\(drop)")
        #expect(error?.code == .truncated, "\(String(describing: error))")
    }

    @Test("a flipped leading magic, or no Parquet at all, is .badMagic")
    func badMagic() throws {
        var file = try Self.bytes("small-none.parquet")
        file[0] ^= 0xff
        #expect(try Self.firstError(file)?.code == .badMagic)
        let text = Array("this is a CSV file, not Parquet\n1,2,3\n".utf8)
        let error = try Self.firstError(text)
        #expect(error?.code == .badMagic)
        #expect(error?.message.contains("PAR1") == true)
    }

    @Test("a footer length beyond the file is .footerLength")
    func footerLength() throws {
        var file = try Self.bytes("small-none.parquet")
        for (index, byte) in [UInt8(0xf0), 0xff, 0xff, 0xff].enumerated() { file[file.count - 8 + index] = byte }
        let error = try Self.firstError(file)
        #expect(error?.code == .footerLength)
        #expect(error?.message.contains("4294967280") == true)
    }

    @Test(
        "Thrift garbage in the footer is .malformedThrift",
        arguments: [
            ("0xff bytes", [UInt8](repeating: 0xff, count: 64)),
            ("list of 1e9 structs", [0x15, 0x02, 0x19, 0xfc, 0x80, 0x94, 0xeb, 0xdc, 0x03]),
            ("binary of 1 GiB", [0x15, 0x02, 0x19, 0x1c, 0x48, 0x80, 0x80, 0x80, 0x80, 0x04]),
            ("structs nested 1000 deep", [0x15, 0x02] + [UInt8](repeating: 0x1c, count: 1000)),
            ("11-byte varint", [0x15] + [UInt8](repeating: 0x80, count: 11)),
            ("missing required fields", [0x15, 0x02, 0x00]),
            ("no stop byte", [0x15, 0x02, 0x16, 0x14]),
        ] as [(String, [UInt8])])
    func malformedThrift(label: String, footer: [UInt8]) throws {
        let file = Self.withFooter(try Self.bytes("small-none.parquet"), footer)
        let error = try Self.firstError(file, label: "thrift")
        #expect(error?.code == .malformedThrift, "\(label): \(String(describing: error))")
    }

    /// Offset of the first page header of column `index`, and the positions of its
    /// uncompressed and compressed size varints.
    static func pageHeaderFields(_ file: [UInt8], column index: Int) throws -> (uncompressed: Int, compressed: Int) {
        let meta = try #require(try metadata(file).rowGroups[0].columns[index].metaData)
        var position = Int(meta.dictionaryPageOffset ?? meta.dataPageOffset)
        func skipVarint() { while file[position] & 0x80 != 0 { position += 1 }; position += 1 }
        #expect(file[position] == 0x15)  // field 1 (type), i32
        position += 1
        skipVarint()
        #expect(file[position] == 0x15)  // field 2 (uncompressed_page_size)
        let uncompressed = position + 1
        position += 1
        skipVarint()
        #expect(file[position] == 0x15)  // field 3 (compressed_page_size)
        return (uncompressed, position + 1)
    }

    /// Overwrites the varint at `position` with the largest even value of the same byte length.
    static func inflateVarint(_ file: inout [UInt8], at position: Int) {
        var index = position
        while file[index] & 0x80 != 0 {
            file[index] = 0xff
            index += 1
        }
        if index == position { file[index] = 0x7e } else { file[position] = 0xfe; file[index] = 0x7f }
    }

    @Test("a page larger than its column chunk is .corruptPage")
    func pageLargerThanChunk() throws {
        var file = try Self.bytes("small-none.parquet")
        let fields = try Self.pageHeaderFields(file, column: 0)
        Self.inflateVarint(&file, at: fields.compressed)
        let error = try Self.firstError(file)
        #expect(error?.code == .corruptPage, "\(String(describing: error))")
        #expect(error?.message.contains("val") == true)
    }

    @Test("an uncompressed size that lies is .corruptPage (none) or .decompression (snappy)")
    func uncompressedSizeLie() throws {
        var plain = try Self.bytes("small-none.parquet")
        Self.inflateVarint(&plain, at: try Self.pageHeaderFields(plain, column: 0).uncompressed)
        #expect(try Self.firstError(plain)?.code == .corruptPage)
        var snappy = try Self.bytes("small-snappy.parquet")
        Self.inflateVarint(&snappy, at: try Self.pageHeaderFields(snappy, column: 0).uncompressed)
        #expect(try Self.firstError(snappy)?.code == .decompression)
    }

    /// Rewrites the codec of column `name` in the footer (an i32 right after its path).
    static func withCodec(_ file: [UInt8], column name: String, codec: Int32) throws -> [UInt8] {
        var footer = Array(file[footerRange(file)])
        let pattern: [UInt8] = [0x18, UInt8(name.utf8.count)] + Array(name.utf8) + [0x15]
        let start = try #require(
            footer.indices.first { footer[$0...].starts(with: pattern) }, "path of \(name) not found in the footer")
        let value = start + pattern.count
        var zigzag = UInt32(bitPattern: (codec << 1) ^ (codec >> 31))
        var encoded: [UInt8] = []
        repeat {
            encoded.append(UInt8(zigzag & 0x7f) | (zigzag > 0x7f ? 0x80 : 0))
            zigzag >>= 7
        } while zigzag != 0
        var end = value
        while footer[end] & 0x80 != 0 { end += 1 }
        footer.replaceSubrange(value...end, with: encoded)
        return withFooter(file, footer)
    }

    @Test("codec id 99 is .unsupported; LZO is .unsupported; snappy bytes read as zstd are .decompression")
    func codecs() throws {
        let snappy = try Self.bytes("small-snappy.parquet")
        let unknown = try Self.firstError(try Self.withCodec(snappy, column: "val", codec: 99))
        #expect(unknown?.code == .unsupported)
        #expect(unknown?.message.contains("CODEC(99)") == true)
        #expect(try Self.firstError(try Self.withCodec(snappy, column: "val", codec: 3))?.code == .unsupported)
        #expect(try Self.firstError(try Self.withCodec(snappy, column: "val", codec: 6))?.code == .decompression)
    }

    @Test("dictionary indices beyond the dictionary are .corruptPage")
    func dictionaryIndexOutOfRange() throws {
        var file = try Self.bytes("small-none.parquet")
        let meta = try #require(try Self.metadata(file).rowGroups[0].columns[1].metaData)
        #expect(meta.dictionaryPageOffset != nil)
        // The data page's values start with the index bit width (2 for 4 entries); make it 7.
        var reader = ThriftCompactReader(file, start: Int(meta.dataPageOffset), context: "test")
        let header = try PageHeader(thrift: &reader)
        let valuesStart = reader.position + 4 + Int(file[reader.position])  // 4-byte def-level length + levels
        #expect(header.type == .dataPage)
        #expect(file[valuesStart] == 2)
        file[valuesStart] = 7
        let error = try Self.firstError(file)
        #expect(error?.code == .corruptPage, "\(String(describing: error))")
    }

    @Test("reading one column touches only its own chunk: garbage in another column does not matter")
    func columnIsolation() throws {
        var file = try Self.bytes("small-none.parquet")
        let meta = try #require(try Self.metadata(file).rowGroups[0].columns[1].metaData)
        let start = Int(meta.dictionaryPageOffset ?? meta.dataPageOffset)
        for index in start..<(start + Int(meta.totalCompressedSize)) { file[index] = 0xff }
        let url = try TestPaths.temporaryDirectory("isolation").appendingPathComponent("isolation.parquet")
        try Data(file).write(to: url)
        let reader = try ParquetFileReader(path: url.path)
        #expect(try reader.readColumn("val") == .int64(Array(0..<10)))
        let error = #expect(throws: ParquetError.self) { try reader.readColumn("name") }
        #expect(error?.code == .malformedThrift)
        #expect(error?.message.contains("column name") == true)
    }

    @Test("struct leaves that disagree about their parent's nulls are .corruptPage")
    func leavesDisagree() throws {
        let file = try Self.bytes("pairs.parquet")
        #expect(try Self.firstError(file) == nil)
        // Point s1.y's chunk at s2.y's bytes: both are valid pages, but s1.x and s1.y now
        // describe different null rows for s1.
        var metadata = try Self.metadata(file)
        var swapped = metadata.rowGroups[0].columns[3]
        swapped.metaData?.pathInSchema = ["s1", "y"]
        metadata.rowGroups[0].columns[1] = swapped
        let error = try Self.firstError(Self.withFooter(file, metadata.thriftEncoded()))
        #expect(error?.code == .corruptPage, "\(String(describing: error))")
        #expect(error?.message.contains("s1.x and s1.y disagree") == true)
    }

    @Test("files found by fuzzing fail with a typed error", arguments: corruptFixtures())
    func fuzzRegressions(name: String) throws {
        let url = TestPaths.fixtures.appendingPathComponent("corrupt").appendingPathComponent(name)
        let bytes = [UInt8](try Data(contentsOf: url))
        // Any ParquetError code is fine; the point is that reading fails cleanly instead of crashing.
        let error = try Self.firstError(bytes, label: name)
        #expect(error != nil, "\(name) read without error")
    }

    static func corruptFixtures() -> [String] {
        let directory = TestPaths.fixtures.appendingPathComponent("corrupt")
        // A missing directory simply means no regressions were recorded yet.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }
}
