import Foundation
import Testing
@testable import Parquet

/// Schema trees from other writers: types outside the model, legacy 2-level
/// lists, broken trees; and the footer decoder against the writer's encoder.
@Suite("Reader: schemas and footers")
struct ReaderSchemaTests {
    static func unsupportedFile() throws -> String {
        let path = try TestPaths.temporaryDirectory("unsupported").appendingPathComponent("unsupported.parquet").path
        try runPython("make_unsupported_fixture.py", [path])
        return path
    }

    @Test("INT96, FIXED_LEN_BYTE_ARRAY and MAP columns open, list as unsupported, and fail only when read")
    func unsupportedTypes() throws {
        let reader = try ParquetFileReader(path: try Self.unsupportedFile())
        #expect(reader.schema.fields.map(\.name) == ["id", "req_list"])
        #expect(Set(reader.unsupportedFields.keys) == ["ts", "fixed", "m"])
        #expect(reader.schemaTree.children.map(\.element.name) == ["id", "ts", "fixed", "m", "req_list"])
        for name in ["ts", "fixed", "m"] {
            let error = #expect(throws: ParquetError.self) { try reader.readColumn(name) }
            #expect(error?.code == .unsupported, "\(name)")
            #expect(error?.message.contains(name) == true)
        }
        #expect(try reader.readColumn("id") == .int64([1, 2, 3]))
        #expect(try reader.readColumn("req_list") == .list([[1, 2], [], [3]] as [[Int32]]))
        #expect(reader.unsupportedFields["ts"]?.message.contains("INT96") == true)
        #expect(reader.unsupportedFields["m"]?.message.contains("MAP") == true)
    }

    /// Rewrites `req_list` of the unsupported fixture into the legacy 2-level form
    /// `optional group req_list (LIST) { repeated int32 array; }` — same levels, other tree.
    @Test("a legacy 2-level list reads as list<int32>")
    func twoLevelList() throws {
        let path = try Self.unsupportedFile()
        var file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let length = Int(file[file.count - 8]) | Int(file[file.count - 7]) << 8 | Int(file[file.count - 6]) << 16
        let footerStart = file.count - 8 - length
        var reader = ThriftCompactReader(Array(file[footerStart..<(file.count - 8)]), context: "test")
        var metadata = try FileMetaData(thrift: &reader)
        let listIndex = try #require(metadata.schema.firstIndex { $0.name == "req_list" })
        #expect(metadata.schema[listIndex + 1].name == "list")
        var element = metadata.schema[listIndex + 2]
        element.name = "array"
        element.repetitionType = .repeated
        metadata.schema.replaceSubrange((listIndex + 1)...(listIndex + 2), with: [element])
        for group in metadata.rowGroups.indices {
            let last = metadata.rowGroups[group].columns.count - 1
            metadata.rowGroups[group].columns[last].metaData?.pathInSchema = ["req_list", "array"]
        }
        var footer = metadata.thriftEncoded()
        let count = UInt32(footer.count)
        footer += [UInt8(count & 0xff), UInt8(count >> 8 & 0xff), UInt8(count >> 16 & 0xff), UInt8(count >> 24)]
        file.replaceSubrange(footerStart..., with: footer + Array("PAR1".utf8))
        let rewritten = path + ".2level.parquet"
        try Data(file).write(to: URL(fileURLWithPath: rewritten))

        let twoLevel = try ParquetFileReader(path: rewritten)
        #expect(twoLevel.schema.field(named: "req_list")?.type == .list(element: .int32, elementNullable: false))
        #expect(try twoLevel.readColumn("req_list") == .list([[1, 2], [], [3]] as [[Int32]]))
    }

    @Test("a bare repeated field is a non-null list of required elements")
    func bareRepeated() throws {
        let tree = try SchemaElement.tree([
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(type: .int32, repetitionType: .repeated, name: "r"),
        ])
        let plan = try FieldPlan(tree.children[0], firstColumn: 0)
        #expect(plan.field == ParquetField("r", .list(element: .int32, elementNullable: false), nullable: false))
        #expect(plan.leaves.map(\.column.maxDefinitionLevel) == [1])
        #expect(plan.leaves.map(\.column.maxRepetitionLevel) == [1])
        #expect(plan.leaves.map(\.column.path) == [["r"]])
    }

    @Test(
        "broken schema trees are .invalidMetadata",
        arguments: [
            ("children overrun", [SchemaElement(name: "schema", numChildren: 3), SchemaElement(type: .int32, name: "a")]),
            ("negative children", [SchemaElement(name: "schema", numChildren: -1)]),
            ("leftover elements", [SchemaElement(name: "schema", numChildren: 0), SchemaElement(type: .int32, name: "a")]),
            ("leaf without type", [SchemaElement(name: "schema", numChildren: 1), SchemaElement(name: "a")]),
            ("empty", []),
            // Found by the footer fuzzer: each num_children fits, the grandchildren do not.
            ("grandchildren overrun", [
                SchemaElement(name: "schema", numChildren: 2), SchemaElement(repetitionType: .optional, name: "a", numChildren: 1),
                SchemaElement(type: .int32, name: "b"),
            ]),
        ] as [(String, [SchemaElement])])
    func brokenTrees(label: String, elements: [SchemaElement]) {
        let error = #expect(throws: ParquetError.self) { try SchemaElement.tree(elements) }
        #expect(error?.code == .invalidMetadata, "\(label)")
    }

    @Test("a LIST group without a repeated child is .invalidMetadata")
    func badList() throws {
        let tree = try SchemaElement.tree([
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(repetitionType: .optional, name: "l", numChildren: 1, convertedType: .list),
            SchemaElement(type: .int32, repetitionType: .optional, name: "element"),
        ])
        let error = #expect(throws: ParquetError.self) { try FieldPlan(tree.children[0], firstColumn: 0) }
        #expect(error?.code == .invalidMetadata)
    }

    @Test("every footer field survives the writer's encoder and the reader's decoder")
    func footerRoundTrip() throws {
        let logicalTypes: [LogicalType] = [
            .string, .map, .list, .enum, .decimal(scale: 2, precision: 9), .date,
            .time(isAdjustedToUTC: true, unit: .millis), .timestamp(isAdjustedToUTC: false, unit: .nanos),
            .integer(bitWidth: 16, isSigned: false), .unknown, .json, .bson, .uuid, .float16,
        ]
        let schema = [SchemaElement(name: "schema", numChildren: Int32(logicalTypes.count))]
            + logicalTypes.enumerated().map { index, logical in
                SchemaElement(
                    type: .int32, typeLength: 4, repetitionType: .optional, name: "c\(index)",
                    convertedType: .int16, scale: 1, precision: 3, fieldID: Int32(index), logicalType: logical)
            }
        let statistics = Statistics(
            max: [1], min: [0], nullCount: 3, distinctCount: 7, maxValue: [9, 9], minValue: [], isMaxValueExact: true,
            isMinValueExact: false)
        let column = ColumnChunk(
            filePath: nil, fileOffset: 4,
            metaData: ColumnMetaData(
                type: .int32, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["c0"], codec: .zstd,
                numValues: 10, totalUncompressedSize: 100, totalCompressedSize: 80,
                keyValueMetadata: [KeyValue(key: "k", value: nil)], dataPageOffset: 4, indexPageOffset: 90,
                dictionaryPageOffset: 3, statistics: statistics,
                encodingStats: [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 2)]))
        let metadata = FileMetaData(
            version: 2, schema: schema, numRows: 10,
            rowGroups: [RowGroup(columns: [column], totalByteSize: 100, numRows: 10, fileOffset: 4, totalCompressedSize: 80, ordinal: 0)],
            keyValueMetadata: [KeyValue(key: "pandas", value: "{}"), KeyValue(key: "ü", value: "✓")],
            createdBy: "test", columnOrders: [.typeDefinedOrder])
        var reader = ThriftCompactReader(metadata.thriftEncoded(), context: "test")
        #expect(try FileMetaData(thrift: &reader) == metadata)
        #expect(reader.remaining == 0)

        let page = PageHeader(
            type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 8, crc: -5,
            dataPageHeaderV2: DataPageHeaderV2(
                numValues: 4, numNulls: 1, numRows: 2, encoding: .rleDictionary, definitionLevelsByteLength: 2,
                repetitionLevelsByteLength: 1, isCompressed: false, statistics: statistics))
        var pageReader = ThriftCompactReader(page.thriftEncoded(), context: "test")
        #expect(try PageHeader(thrift: &pageReader) == page)
    }

    @Test("unknown fields of every wire type are skipped; unknown union members are kept as .other")
    func unknownFields() throws {
        // KeyValue { 1: "k", 3: list<i32>[1, 2], 4: map<binary,i64>{"x": 1}, 5: struct{1: double, 2: set<bool>[true]},
        //            6: true, 7: i8 5, 8: i16 -1, 2: "v" (field id given absolutely) }
        let bytes: [UInt8] = [
            0x18, 0x01, 0x6b,  // 1: binary "k"
            0x29, 0x25, 0x02, 0x04,  // 3: list<i32> [1, 2]
            0x1b, 0x01, 0x86, 0x01, 0x78, 0x02,  // 4: map {"x": 1}
            0x1c, 0x17, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x1a, 0x11, 0x01, 0x00,  // 5: struct {1: 1.0, 2: set<bool>[true]}
            0x11,  // 6: true
            0x13, 0x05,  // 7: byte 5
            0x14, 0x01,  // 8: i16 -1
            0x08, 0x04, 0x01, 0x76,  // 2 (absolute id): binary "v"
            0x00,
        ]
        var reader = ThriftCompactReader(bytes, context: "test")
        #expect(try KeyValue(thrift: &reader) == KeyValue(key: "k", value: "v"))
        #expect(reader.remaining == 0)

        var union = ThriftCompactReader([0x0c, 0x20, 0x00, 0x00], context: "test")  // field 16 (zigzag 0x20): empty struct
        #expect(try LogicalType(thrift: &union) == .other(fieldID: 16))
    }
}
