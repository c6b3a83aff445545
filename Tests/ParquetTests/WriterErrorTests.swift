import Foundation
import Testing
@testable import Parquet

/// Every failure is a typed `ParquetError` with its documented code.
@Suite("Writer: errors")
struct WriterErrorTests {
    static let schema = ParquetSchema([
        ParquetField("id", .int64),
        ParquetField("vec", .list(element: .float)),
        ParquetField("name", .string, nullable: true),
    ])

    static func columns(_ rows: Int) -> [ColumnData] {
        [
            .int64((0..<rows).map { Int64($0) }),
            .list((0..<rows).map { [Float($0), 1] }),
            .string((0..<rows).map { "n\($0)" }),
        ]
    }

    private func code(_ body: () throws -> Void) -> ParquetError.Code? {
        do {
            try body()
            return nil
        } catch let error as ParquetError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test("disk full while writing a row group: .diskFull, then the writer refuses with .closed")
    func diskFull() throws {
        let sink = FailingSink(capacity: 100)
        let writer = try ParquetFileWriter(sink: sink, schema: Self.schema)
        try writer.write(Self.columns(1000))  // buffered only
        #expect(code { try writer.endRowGroup() } == .diskFull)
        #expect(code { try writer.write(Self.columns(1)) } == .closed)
        #expect(code { try writer.endRowGroup() } == .closed)
        #expect(code { try writer.close() } == .closed)
        #expect(sink.failures == 1)  // nothing retried behind the caller's back
    }

    @Test("disk full while writing the footer")
    func diskFullInFooter() throws {
        let probe = MemorySink()
        let probeWriter = try ParquetFileWriter(sink: probe, schema: Self.schema)
        try probeWriter.write(Self.columns(10))
        try probeWriter.endRowGroup()
        let beforeFooter = probe.bytes.count
        let sink = FailingSink(capacity: beforeFooter)
        let writer = try ParquetFileWriter(sink: sink, schema: Self.schema)
        try writer.write(Self.columns(10))
        try writer.endRowGroup()
        #expect(code { try writer.close() } == .diskFull)
        #expect(code { try writer.close() } == .closed)
    }

    @Test("a real ENOSPC from /dev/full is .diskFull with the errno text")
    func devFull() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else {
            Issue.record("/dev/full is missing; this test needs a Linux host")
            return
        }
        do {
            _ = try ParquetFileWriter(path: "/dev/full", schema: Self.schema)
            Issue.record("writing the magic to /dev/full did not fail")
        } catch {
            #expect(error.code == .diskFull)
            #expect(error.message.contains("/dev/full"))
            #expect(error.message.contains("No space left on device"))
        }
    }

    @Test("an unwritable path is .io naming the path and errno")
    func ioError() {
        do {
            _ = try ParquetFileWriter(path: "/nonexistent-dir/x.parquet", schema: Self.schema)
            Issue.record("creating a file in a missing directory did not fail")
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains("/nonexistent-dir/x.parquet"))
            #expect(error.message.contains("No such file or directory"))
        }
    }

    @Test("use after close is .closed")
    func useAfterClose() throws {
        let writer = try ParquetFileWriter(sink: MemorySink(), schema: Self.schema)
        try writer.write(Self.columns(3))
        try writer.close()
        #expect(code { try writer.write(Self.columns(1)) } == .closed)
        #expect(code { try writer.endRowGroup() } == .closed)
        #expect(code { try writer.close() } == .closed)
    }

    @Test("invalid values are rejected, named, and leave the writer usable")
    func invalidValues() throws {
        let sink = MemorySink()
        let writer = try ParquetFileWriter(sink: sink, schema: Self.schema)
        var wrongKind = Self.columns(2)
        wrongKind[0] = .int32([1, 2])
        var nullInRequired = Self.columns(3)
        nullInRequired[0] = ColumnData(.int64([1, 2, 3]), validity: [true, true, false])
        var countsDiffer = Self.columns(3)
        countsDiffer[2] = .string(["a"])
        var decreasing = Self.columns(2)
        decreasing[1] = ColumnData(.list(offsets: [0, 2, 1], child: .float([1, 2])))
        var pastEnd = Self.columns(2)
        pastEnd[1] = ColumnData(.list(offsets: [0, 1, 5], child: .float([1, 2])))
        var nullElement = Self.columns(1)
        nullElement[1] = ColumnData(.list(offsets: [0, 2], child: ColumnData(.float([1, 2]), validity: [true, false])))
        var badValidity = Self.columns(2)
        badValidity[2] = ColumnData(.string(["a", "b"]), validity: [true])

        let cases: [(String, [ColumnData], String)] = [
            ("wrong kind", wrongKind, "column 'id' holds int32 values but the schema says int64"),
            ("null in required", nullInRequired, "column 'id' row 2 is null"),
            ("counts differ", countsDiffer, "column 'name' has 1 rows"),
            ("decreasing offsets", decreasing, "column 'vec' has decreasing list offsets at row 1"),
            ("offset past end", pastEnd, "column 'vec' has list offset 5 past its 2 elements"),
            ("null element", nullElement, "column 'vec.element' element 1 is null"),
            ("validity length", badValidity, "column 'name' has 2 values but 1 validity flags"),
            ("column count", Array(Self.columns(1).prefix(2)), "got 2 columns for a schema of 3 fields"),
        ]
        for (name, columns, message) in cases {
            do {
                try writer.write(columns)
                Issue.record("\(name): accepted")
            } catch {
                #expect(error.code == .invalidValue, "\(name)")
                #expect(error.message.contains(message), "\(name): \(error.message)")
            }
        }
        try writer.write(Self.columns(4))
        #expect(writer.rowsWritten == 4)
        let footer = try writer.close()
        #expect(footer.numRows == 4)
    }

    @Test("invalid schemas are .invalidSchema")
    func invalidSchemas() {
        let schemas: [(ParquetSchema, String)] = [
            (ParquetSchema([]), "no fields"),
            (ParquetSchema([ParquetField("", .int32)]), "empty name"),
            (ParquetSchema([ParquetField("a", .int32), ParquetField("a", .string)]), "two fields named 'a'"),
            (ParquetSchema([ParquetField("s", .struct([]))]), "struct 's' has no fields"),
            (ParquetSchema([ParquetField("s", .list(element: .struct([ParquetField("x", .int32), ParquetField("x", .int64)])))]),
             "two fields named 'x'"),
        ]
        for (schema, message) in schemas {
            do {
                _ = try ParquetFileWriter(sink: MemorySink(), schema: schema)
                Issue.record("accepted: \(message)")
            } catch {
                #expect(error.code == .invalidSchema)
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }
}
