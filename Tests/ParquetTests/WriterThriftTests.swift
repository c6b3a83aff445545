import Testing
@testable import Parquet

/// Thrift compact protocol bytes of small structs, computed by hand from the
/// spec (thrift-compact-protocol.md): field header = delta << 4 | type, zigzag
/// varints, bool in the type nibble, list header size << 4 | element type.
@Suite("Writer: Thrift compact encoding")
struct WriterThriftTests {
    @Test("statistics: i64 and binary fields with deltas, then stop")
    func statistics() {
        var writer = ThriftCompactWriter()
        Statistics(nullCount: 3, maxValue: [1], minValue: [0]).encodeFields(to: &writer)
        writer.writeStop()
        // 0x36: delta 3, i64; zigzag(3) = 6. 0x28: delta 2, binary, length 1. 0x18: delta 1, binary.
        #expect(writer.bytes == [0x36, 0x06, 0x28, 0x01, 0x01, 0x18, 0x01, 0x00, 0x00])
    }

    @Test("page header with a nested data page header")
    func pageHeader() {
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 50,
            dataPageHeader: DataPageHeader(
                numValues: 10, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle))
        #expect(header.thriftEncoded() == [
            0x15, 0x00,  // 1: type 0 (delta 1, i32)
            0x15, 0xC8, 0x01,  // 2: zigzag(100) = 200 as varint
            0x15, 0x64,  // 3: zigzag(50) = 100
            0x2C,  // 5: struct (delta 2)
            0x15, 0x14, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06,  // 10, PLAIN, RLE, RLE
            0x00,  // end of DataPageHeader
            0x00,  // end of PageHeader
        ])
    }

    @Test("dictionary page header: the id after a nested struct is a delta from the struct's id")
    func dictionaryPageHeader() {
        let header = PageHeader(
            type: .dictionaryPage, uncompressedPageSize: 1, compressedPageSize: 1,
            dictionaryPageHeader: DictionaryPageHeader(numValues: 2, encoding: .plain, isSorted: false))
        #expect(header.thriftEncoded() == [
            0x15, 0x04, 0x15, 0x02, 0x15, 0x02,  // fields 1, 2, 3: each a delta of 1
            0x4C,  // 7: struct, delta 4 from field 3
            0x15, 0x04, 0x15, 0x00, 0x12,  // 2 values, PLAIN, is_sorted false (type 2 in the header)
            0x00, 0x00,
        ])
    }

    @Test("schema element with a STRING logical type union")
    func schemaElement() {
        var writer = ThriftCompactWriter()
        SchemaElement(
            type: .byteArray, repetitionType: .required, name: "s", convertedType: .utf8, logicalType: .string
        ).encodeFields(to: &writer)
        writer.writeStop()
        #expect(writer.bytes == [
            0x15, 0x0C,  // 1: BYTE_ARRAY (6)
            0x25, 0x00,  // 3: REQUIRED
            0x18, 0x01, 0x73,  // 4: "s"
            0x25, 0x00,  // 6: UTF8
            0x4C, 0x1C, 0x00, 0x00,  // 10: LogicalType { 1: StringType {} }
            0x00,
        ])
    }

    @Test("long field-id jumps, negative values, booleans and long lists")
    func primitives() {
        var writer = ThriftCompactWriter()
        writer.writeField(1, bool: true)
        writer.writeField(2, bool: false)
        writer.writeField(20, i32: -1)  // delta 18 > 15: full header
        writer.beginListField(21, elementType: .i32, count: 20)
        for value in 0..<20 { writer.writeI32(Int32(value)) }
        writer.writeField(22, i64: Int64.min)
        writer.writeStop()
        var expected: [UInt8] = [0x11, 0x12, 0x05, 0x28, 0x01, 0x19, 0xF5, 0x14]
        expected += (0..<20).map { UInt8($0 * 2) }
        expected += [0x16] + [UInt8](repeating: 0xFF, count: 9) + [0x01]  // zigzag(Int64.min) = UInt64.max
        expected += [0x00]
        #expect(writer.bytes == expected)
    }

    @Test("footer of a file with one column and no rows")
    func emptyFooter() {
        let footer = FileMetaData(
            version: 2, schema: [SchemaElement(name: "schema", numChildren: 1),
                                 SchemaElement(type: .int32, repetitionType: .required, name: "x")],
            numRows: 0, rowGroups: [], createdBy: "c", columnOrders: [.typeDefinedOrder])
        #expect(footer.thriftEncoded() == [
            0x15, 0x04,  // version 2
            0x19, 0x2C,  // 2: list; 2 elements of type struct
            0x48, 0x06, 0x73, 0x63, 0x68, 0x65, 0x6D, 0x61, 0x15, 0x02, 0x00,  // root: name, num_children
            0x15, 0x02, 0x25, 0x00, 0x18, 0x01, 0x78, 0x00,  // x: INT32 REQUIRED
            0x16, 0x00,  // 3: num_rows 0
            0x19, 0x0C,  // 4: empty list of structs
            0x28, 0x01, 0x63,  // 6: created_by "c"
            0x19, 0x1C, 0x1C, 0x00, 0x00,  // 7: [ColumnOrder { 1: TypeDefinedOrder {} }]
            0x00,
        ])
    }
}
