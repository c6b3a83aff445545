import Foundation
import Testing
@testable import Parquet

/// Byte-level layout choices: determinism, page splitting, row-group limits,
/// dictionary fallback, empty files.
@Suite("Writer: layout and determinism")
struct WriterLayoutTests {
    @Test("same columns and options give identical bytes, from a file or memory sink")
    func deterministic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let options = ParquetWriterOptions(keyValueMetadata: [KeyValue(key: "huggingface", value: "{}")])
        _ = try WriterCrossCheckTests.writeSample(to: directory.path("a.parquet"), total: 200, groups: 2, options: options)
        _ = try WriterCrossCheckTests.writeSample(to: directory.path("b.parquet"), total: 200, groups: 2, options: options)
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.path("a.parquet")))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.path("b.parquet")))
        let hashes = try PyArrow.python(
            "import hashlib,sys; print(' '.join(hashlib.sha256(open(p,'rb').read()).hexdigest() for p in sys.argv[1:]))",
            directory.path("a.parquet"), directory.path("b.parquet")
        ).split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(hashes.count == 2 && hashes[0] == hashes[1])
        #expect(a == b)
        #expect(a.prefix(4) == Data("PAR1".utf8) && a.suffix(4) == Data("PAR1".utf8))

        let memory = MemorySink()
        let writer = try ParquetFileWriter(sink: memory, schema: SampleTable.schema, options: options)
        try writer.write(SampleTable.columns(0..<50))
        try writer.write(SampleTable.columns(50..<100))
        try writer.endRowGroup()
        try writer.write(SampleTable.columns(100..<150))
        try writer.write(SampleTable.columns(150..<200))
        try writer.close()
        #expect(Data(memory.bytes) == a)
    }

    @Test("tiny pages: many pages per chunk, each starting at a row boundary, values exact")
    func smallPages() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("pages.parquet")
        let options = ParquetWriterOptions(dataPageSize: 64)
        let footer = try WriterCrossCheckTests.writeSample(to: path, total: 500, groups: 1, options: options)
        let dump = try PyArrow.dump(path)
        for (field, column) in zip(SampleTable.schema.fields, SampleTable.columns(0..<500)) {
            #expect(try dump.columnText(field.name) == CanonicalValues.text(column, field.type), "column \(field.name)")
        }
        // A chunk of 500 int64 values (4000 bytes) in 64-byte pages: many page headers.
        let i64 = footer.rowGroups[0].columns[2].metaData!
        #expect(i64.totalUncompressedSize > 4000 + 50 * 10)
    }

    @Test("page slices cover every level once and start at repetition level 0")
    func pageSlices() {
        var leaves = SampleTable.schema.leafColumns.map { LeafBuffer(leaf: $0) }
        let columns = SampleTable.columns(0..<300)
        var first = 0
        for (index, field) in SampleTable.schema.fields.enumerated() {
            ColumnShredder.shred(columns[index], field: field, rows: 0..<300, into: &leaves, firstLeaf: first)
            first += ColumnShredder.leafCount(field.type)
        }
        for buffer in leaves {
            let pages = PageSplitter.split(buffer, targetSize: 16, valueSize: buffer.values.plainValueSize)
            #expect(pages.count > 1, "\(buffer.leaf.dottedPath)")
            #expect(pages.first?.levels.lowerBound == 0 && pages.last?.levels.upperBound == buffer.levelCount)
            #expect(pages.first?.values.lowerBound == 0 && pages.last?.values.upperBound == buffer.values.count)
            #expect(pages.reduce(0) { $0 + $1.rows } == 300, "\(buffer.leaf.dottedPath)")
            for (page, next) in zip(pages, pages.dropFirst()) {
                #expect(page.levels.upperBound == next.levels.lowerBound)
                #expect(page.values.upperBound == next.values.lowerBound)
                if buffer.leaf.maxRepetitionLevel > 0 {
                    #expect(buffer.repetitionLevels[next.levels.lowerBound] == 0)
                }
            }
        }
    }

    @Test("maxRowGroupRows flushes row groups automatically")
    func rowGroupLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("groups.parquet")
        let writer = try ParquetFileWriter(
            path: path, schema: SampleTable.schema, options: ParquetWriterOptions(maxRowGroupRows: 10))
        try writer.write(SampleTable.columns(0..<7))
        try writer.write(SampleTable.columns(7..<25))
        #expect(writer.rowsWritten == 25)
        let footer = try writer.close()
        #expect(footer.rowGroups.map(\.numRows) == [10, 10, 5])
        let dump = try PyArrow.dump(path)
        #expect(dump.rowGroups.map { $0["num_rows"] as? Int } == [10, 10, 5])
        for (field, column) in zip(SampleTable.schema.fields, SampleTable.columns(0..<25)) {
            #expect(try dump.columnText(field.name) == CanonicalValues.text(column, field.type), "column \(field.name)")
        }
    }

    @Test("dictionary: used when it pays, PLAIN past the size limit or when disabled")
    func dictionaryFallback() throws {
        let leaf = LeafColumn(path: ["s"], physicalType: .byteArray, logicalType: .string,
                              maxDefinitionLevel: 0, maxRepetitionLevel: 0)
        var buffer = LeafBuffer(leaf: leaf)
        for row in 0..<1000 { buffer.values.byteArrays.append("value \(row % 20)") }

        var encoder = ColumnChunkEncoder(options: ParquetWriterOptions())
        let dictionary = try encoder.encode(buffer, at: 4).metaData
        #expect(dictionary.dictionaryPageOffset == 4)
        #expect(dictionary.encodings == [.plain, .rle, .rleDictionary])
        #expect(dictionary.dataPageOffset > 4)

        encoder = ColumnChunkEncoder(options: ParquetWriterOptions(dictionaryPageSizeLimit: 100))
        let overLimit = try encoder.encode(buffer, at: 4).metaData
        #expect(overLimit.dictionaryPageOffset == nil)
        #expect(overLimit.encodings == [.plain, .rle])
        #expect(overLimit.dataPageOffset == 4)

        encoder = ColumnChunkEncoder(options: ParquetWriterOptions(useDictionary: false))
        #expect(try encoder.encode(buffer, at: 4).metaData.dictionaryPageOffset == nil)

        // The limit is checked while building: the dictionary of 20 values is 20 * (4 + 7..8) bytes.
        #expect(DictionaryEncoder(buffer.values.byteArrays, byteLimit: 100) == nil)
        let built = DictionaryEncoder(buffer.values.byteArrays, byteLimit: 1000)
        #expect(built?.entries.count == 20)
        #expect(built?.indices.prefix(22) == [UInt32](0..<20)[...] + [0, 1])
        #expect(built?.bitWidth == 5)
    }

    @Test("a file with no rows has no row groups and reads as an empty table")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("empty.parquet")
        let writer = try ParquetFileWriter(path: path, schema: SampleTable.schema)
        try writer.write(SampleTable.columns(0..<0))
        try writer.endRowGroup()
        let footer = try writer.close()
        #expect(footer.rowGroups.isEmpty && footer.numRows == 0)
        let dump = try PyArrow.dump(path)
        #expect(dump.metadata["num_rows"] as? Int == 0)
        #expect(dump.fields.count == SampleTable.schema.fields.count)
        #expect(try dump.columnText("s") == "[]")
    }
}
