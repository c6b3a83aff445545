import Foundation
import Testing
@testable import Parquet

/// The byte sinks: file (with and without fsync) and memory.
@Suite("Writer: byte sinks")
struct WriterSinkTests {
    @Test("FileSink writes every byte, counts its position, and refuses writes after close")
    func fileSink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("bytes.bin")
        let sink = try FileSink(path: path, fsyncOnClose: true)
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try sink.write(payload)
        try sink.write([1, 2, 3])
        #expect(sink.position == 100_003)
        try sink.close()
        try sink.close()  // a second close is a no-op
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(payload + [1, 2, 3]))
        do {
            try sink.write([4])
            Issue.record("write after close succeeded")
        } catch {
            #expect(error.code == .closed)
        }
    }

    @Test("a writer opened with fsyncOnClose produces the same file as without")
    func fsyncOnClose() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for fsync in [false, true] {
            let writer = try ParquetFileWriter(
                path: directory.path("\(fsync).parquet"), schema: SampleTable.schema,
                options: ParquetWriterOptions(fsyncOnClose: fsync))
            try writer.write(SampleTable.columns(0..<30))
            try writer.close()
        }
        let plain = try Data(contentsOf: URL(fileURLWithPath: directory.path("false.parquet")))
        let synced = try Data(contentsOf: URL(fileURLWithPath: directory.path("true.parquet")))
        #expect(plain == synced)
        #expect(try PyArrow.dump(directory.path("true.parquet")).metadata["num_rows"] as? Int == 30)
    }

    @Test("the footer returned by close() is the one in the file: offsets point at pages")
    func footerOffsets() throws {
        let sink = MemorySink()
        let writer = try ParquetFileWriter(sink: sink, schema: SampleTable.schema)
        try writer.write(SampleTable.columns(0..<40))
        let footer = try writer.close()
        let bytes = sink.bytes
        let length = Int(UInt32(bytes[bytes.count - 8]) | UInt32(bytes[bytes.count - 7]) << 8
            | UInt32(bytes[bytes.count - 6]) << 16 | UInt32(bytes[bytes.count - 5]) << 24)
        #expect(Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)]) == footer.thriftEncoded())
        var expectedOffset: Int64 = 4
        for chunk in footer.rowGroups[0].columns {
            let meta = try #require(chunk.metaData)
            #expect((meta.dictionaryPageOffset ?? meta.dataPageOffset) == expectedOffset, "\(meta.pathInSchema)")
            #expect(chunk.fileOffset == expectedOffset)
            expectedOffset += meta.totalCompressedSize
        }
        #expect(expectedOffset == Int64(bytes.count - 8 - length))
    }
}
