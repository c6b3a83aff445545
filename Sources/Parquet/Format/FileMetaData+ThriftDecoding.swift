// Decoding of the footer's top-level structs from Thrift compact bytes.
// Field ids follow parquet.thrift (see FileMetadata.swift); unknown fields are
// skipped so files from newer writers still open.

extension FileMetaData {
    /// Decodes a footer. Errors are `.malformedThrift`.
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "FileMetaData"
        var version: Int32?, schema: [SchemaElement]?, numRows: Int64?, rowGroups: [RowGroup]?
        var keyValues: [KeyValue]?, createdBy: String?, columnOrders: [ColumnOrder]?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: version = try r.i32(type, field: id, of: owner)
            case 2:
                try r.expect(type, .list, field: id, of: owner)
                schema = try r.readList(of: .struct) { (r) throws(ParquetError) in try SchemaElement(thrift: &r) }
            case 3: numRows = try r.i64(type, field: id, of: owner)
            case 4:
                try r.expect(type, .list, field: id, of: owner)
                rowGroups = try r.readList(of: .struct) { (r) throws(ParquetError) in try RowGroup(thrift: &r) }
            case 5:
                try r.expect(type, .list, field: id, of: owner)
                keyValues = try r.readList(of: .struct) { (r) throws(ParquetError) in try KeyValue(thrift: &r) }
            case 6: createdBy = try r.string(type, field: id, of: owner)
            case 7:
                try r.expect(type, .list, field: id, of: owner)
                columnOrders = try r.readList(of: .struct) { (r) throws(ParquetError) in try ColumnOrder(thrift: &r) }
            default: try r.skip(type)
            }
        }
        self.init(
            version: try reader.require(version, "version", of: owner),
            schema: try reader.require(schema, "schema", of: owner),
            numRows: try reader.require(numRows, "num_rows", of: owner),
            rowGroups: try reader.require(rowGroups, "row_groups", of: owner),
            keyValueMetadata: keyValues, createdBy: createdBy, columnOrders: columnOrders)
    }
}

extension KeyValue {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "KeyValue"
        var key: String?, value: String?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: key = try r.string(type, field: id, of: owner)
            case 2: value = try r.string(type, field: id, of: owner)
            default: try r.skip(type)
            }
        }
        self.init(key: try reader.require(key, "key", of: owner), value: value)
    }
}

extension ColumnOrder {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        var order: ColumnOrder?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            order = id == 1 ? .typeDefinedOrder : .other(fieldID: id)
            try r.skip(type)
        }
        guard let order else { throw reader.malformed("ColumnOrder union has no member") }
        self = order
    }
}

extension RowGroup {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "RowGroup"
        var columns: [ColumnChunk]?, totalByteSize: Int64?, numRows: Int64?
        var fileOffset: Int64?, totalCompressedSize: Int64?, ordinal: Int16?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1:
                try r.expect(type, .list, field: id, of: owner)
                columns = try r.readList(of: .struct) { (r) throws(ParquetError) in try ColumnChunk(thrift: &r) }
            case 2: totalByteSize = try r.i64(type, field: id, of: owner)
            case 3: numRows = try r.i64(type, field: id, of: owner)
            case 5: fileOffset = try r.i64(type, field: id, of: owner)
            case 6: totalCompressedSize = try r.i64(type, field: id, of: owner)
            case 7:
                try r.expect(type, .i16, field: id, of: owner)
                ordinal = try r.readI16()
            default: try r.skip(type)
            }
        }
        self.init(
            columns: try reader.require(columns, "columns", of: owner),
            totalByteSize: try reader.require(totalByteSize, "total_byte_size", of: owner),
            numRows: try reader.require(numRows, "num_rows", of: owner),
            fileOffset: fileOffset, totalCompressedSize: totalCompressedSize, ordinal: ordinal)
    }
}

extension ColumnChunk {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "ColumnChunk"
        var filePath: String?, fileOffset: Int64?, metaData: ColumnMetaData?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: filePath = try r.string(type, field: id, of: owner)
            case 2: fileOffset = try r.i64(type, field: id, of: owner)
            case 3:
                try r.expect(type, .struct, field: id, of: owner)
                metaData = try ColumnMetaData(thrift: &r)
            default: try r.skip(type)
            }
        }
        self.init(filePath: filePath, fileOffset: fileOffset ?? 0, metaData: metaData)
    }
}
