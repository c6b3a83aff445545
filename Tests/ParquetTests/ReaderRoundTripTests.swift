import Foundation
import PropertyBased
import Testing
@testable import Parquet

/// Swift writer → Swift reader: what goes in comes out (null slots compared as
/// null, whatever placeholder they held).
@Suite("Reader: round trip with the Swift writer")
struct ReaderRoundTripTests {
    static func roundTrip(
        _ schema: ParquetSchema, _ batches: [[ColumnData]], options: ParquetWriterOptions, label: String
    ) throws -> ParquetFileReader {
        let path = try TestPaths.temporaryDirectory("roundtrip").appendingPathComponent("\(label).parquet").path
        let writer = try ParquetFileWriter(path: path, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        try writer.close()
        return try ParquetFileReader(path: path)
    }

    static let optionMatrix: [(CompressionCodec, Bool)] = [
        (.uncompressed, false), (.uncompressed, true), (.snappy, true), (.snappy, false), (.zstd, true),
    ]

    @Test("the sample table reads back exactly, across row groups", arguments: 0..<optionMatrix.count)
    func sampleTable(option: Int) throws {
        let (codec, dictionary) = Self.optionMatrix[option]
        let options = ParquetWriterOptions(
            compression: codec, dataPageSize: 512, useDictionary: dictionary,
            keyValueMetadata: [KeyValue(key: "lerobot", value: "v3.0"), KeyValue(key: "empty", value: nil)],
            maxRowGroupRows: 37)
        let batches = [SampleTable.columns(0..<50), SampleTable.columns(50..<120)]
        let reader = try Self.roundTrip(SampleTable.schema, batches, options: options, label: "sample-\(option)")
        #expect(reader.schema == SampleTable.schema)
        #expect(reader.numRows == 120)
        #expect(reader.rowGroupCount == 4)
        #expect((0..<4).map(reader.rowCount(ofRowGroup:)) == [37, 37, 37, 9])
        #expect(reader.keyValueMetadata == ["lerobot": "v3.0", "empty": ""])
        let all = SampleTable.columns(0..<120)
        for (index, field) in SampleTable.schema.fields.enumerated() {
            let read = try reader.readColumn(field.name)
            #expect(
                CanonicalValues.text(read, field.type) == CanonicalValues.text(all[index], field.type),
                "column \(field.name) codec \(codec) dictionary \(dictionary)")
        }
    }

    @Test("random schemas and values round-trip")
    func randomSchemas() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SplitMix(seed: UInt64(seed))
            let schema = RandomTable.schema(&random)
            let rows = Int.random(in: 0...60, using: &random)
            let columns = schema.fields.map { RandomTable.column($0.type, nullable: $0.nullable, count: rows, &random) }
            let codec = [CompressionCodec.uncompressed, .snappy, .zstd][Int.random(in: 0...2, using: &random)]
            let options = ParquetWriterOptions(
                compression: codec, dataPageSize: Int.random(in: 64...4096, using: &random),
                useDictionary: Bool.random(using: &random), maxRowGroupRows: Int.random(in: 1...80, using: &random))
            do {
                let reader = try Self.roundTrip(schema, [columns], options: options, label: "random-\(seed)")
                #expect(reader.schema == schema, "seed \(seed)")
                #expect(reader.numRows == rows)
                for (index, field) in schema.fields.enumerated() {
                    let read = try reader.readColumn(field.name)
                    #expect(
                        CanonicalValues.text(read, field.type) == CanonicalValues.text(columns[index], field.type),
                        "seed \(seed) column \(field.name): \(field.type)")
                }
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed reproduces.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random schemas (primitives, lists up to 3 deep, structs) and matching columns.
enum RandomTable {
    static func schema(_ random: inout SplitMix) -> ParquetSchema {
        let count = Int.random(in: 1...4, using: &random)
        return ParquetSchema((0..<count).map { index in
            ParquetField("c\(index)", type(depth: 0, &random), nullable: Bool.random(using: &random))
        })
    }

    static func type(depth: Int, _ random: inout SplitMix) -> ParquetType {
        let primitives: [ParquetType] = [.boolean, .int32, .int64, .float, .double, .string, .binary]
        let choice = Int.random(in: 0..<(depth < 3 ? 10 : 7), using: &random)
        switch choice {
        case 0..<7: return primitives[choice]
        case 7, 8: return .list(element: type(depth: depth + 1, &random), elementNullable: Bool.random(using: &random))
        default:
            let count = Int.random(in: 1...3, using: &random)
            return .struct((0..<count).map { index in
                ParquetField("f\(index)", type(depth: depth + 1, &random), nullable: Bool.random(using: &random))
            })
        }
    }

    static func column(_ type: ParquetType, nullable: Bool, count: Int, _ random: inout SplitMix) -> ColumnData {
        let validity: [Bool]? = nullable && Bool.random(using: &random)
            ? (0..<count).map { _ in Int.random(in: 0..<4, using: &random) != 0 } : nil
        func values<T>(_ make: (inout SplitMix) -> T) -> [T] { (0..<count).map { _ in make(&random) } }
        let storage: ColumnData.Storage
        switch type {
        case .boolean: storage = .boolean(values { Bool.random(using: &$0) })
        case .int32: storage = .int32(values { Int32.random(in: .min ... .max, using: &$0) })
        case .int64: storage = .int64(values { Int64.random(in: .min ... .max, using: &$0) })
        case .float: storage = .float(values { Float(bitPattern: UInt32.random(in: .min ... .max, using: &$0)) })
        case .double: storage = .double(values { Double(bitPattern: $0.next()) })
        case .string:
            let words = ["", "a", "héllo", "日本", "🤖", "x y z"]
            storage = .string(values { words[Int.random(in: 0..<words.count, using: &$0)] })
        case .binary: storage = .binary(values { r in (0..<Int.random(in: 0...5, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) } })
        case .list(let element, let elementNullable):
            var offsets = [0]
            for index in 0..<count {
                let isNull = validity.map { !$0[index] } ?? false
                offsets.append(offsets.last! + (isNull ? 0 : Int.random(in: 0...4, using: &random)))
            }
            let child = column(element, nullable: elementNullable, count: offsets.last!, &random)
            storage = .list(offsets: offsets, child: child)
        case .struct(let fields):
            storage = .struct(fields.map { column($0.type, nullable: $0.nullable, count: count, &random) })
        }
        return ColumnData(storage, validity: validity)
    }
}
