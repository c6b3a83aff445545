import Testing
@testable import Parquet

/// Seeded random schemas and values (any nesting of lists and structs, nulls at
/// any level), written by Swift and read back by pyarrow: exact values and types.
@Suite("Writer: randomized cross-check with pyarrow")
struct WriterRandomizedTests {
    @Test("random nested columns read back exactly", arguments: 0..<12)
    func randomNested(seed: Int) throws {
        var random = RandomColumns(seed: UInt64(seed))
        let fields = (0..<(2 + random.next(4))).map {
            ParquetField("c\($0)", random.type(depth: 0), nullable: random.chance(50))
        }
        let schema = ParquetSchema(fields)
        let batches = (0..<3).map { _ in
            let rows = random.next(40)
            return fields.map { random.column($0.type, nullable: $0.nullable, count: rows) }
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("random.parquet")
        // Small pages and row groups so pages and groups split inside the data.
        let writer = try ParquetFileWriter(
            path: path, schema: schema,
            options: ParquetWriterOptions(
                compression: [.uncompressed, .snappy, .zstd][seed % 3], dataPageSize: 48, maxRowGroupRows: 25))
        for batch in batches { try writer.write(batch) }
        try writer.close()

        let dump = try PyArrow.dump(path)
        #expect(dump.fields == fields.map {
            "\($0.name) \(RandomColumns.arrowName($0.type)) \($0.nullable ? "nullable" : "required")"
        })
        for (index, field) in fields.enumerated() {
            let expected = "[" + batches.filter { $0[index].count > 0 }.map {
                String(CanonicalValues.text($0[index], field.type).dropFirst().dropLast())
            }.joined(separator: ",") + "]"
            #expect(try dump.columnText(field.name) == expected, "seed \(seed), column \(field.name): \(field.type)")
        }
    }
}
