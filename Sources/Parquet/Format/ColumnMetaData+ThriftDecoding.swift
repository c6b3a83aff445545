// Decoding of column-chunk metadata and statistics from Thrift compact bytes.

extension ColumnMetaData {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "ColumnMetaData"
        var type: PhysicalType?, encodings: [Encoding]?, path: [String]?, codec: CompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, keyValues: [KeyValue]?
        var dataPageOffset: Int64?, indexPageOffset: Int64?, dictionaryPageOffset: Int64?
        var statistics: Statistics?, encodingStats: [PageEncodingStats]?
        try reader.readStruct { (r, id, wire) throws(ParquetError) in
            switch id {
            case 1: type = PhysicalType(rawValue: try r.i32(wire, field: id, of: owner))
            case 2:
                try r.expect(wire, .list, field: id, of: owner)
                encodings = try r.readList(of: .i32) { (r) throws(ParquetError) in Encoding(rawValue: try r.readI32()) }
            case 3:
                try r.expect(wire, .list, field: id, of: owner)
                path = try r.readList(of: .binary) { (r) throws(ParquetError) in try r.readString() }
            case 4: codec = CompressionCodec(rawValue: try r.i32(wire, field: id, of: owner))
            case 5: numValues = try r.i64(wire, field: id, of: owner)
            case 6: uncompressed = try r.i64(wire, field: id, of: owner)
            case 7: compressed = try r.i64(wire, field: id, of: owner)
            case 8:
                try r.expect(wire, .list, field: id, of: owner)
                keyValues = try r.readList(of: .struct) { (r) throws(ParquetError) in try KeyValue(thrift: &r) }
            case 9: dataPageOffset = try r.i64(wire, field: id, of: owner)
            case 10: indexPageOffset = try r.i64(wire, field: id, of: owner)
            case 11: dictionaryPageOffset = try r.i64(wire, field: id, of: owner)
            case 12:
                try r.expect(wire, .struct, field: id, of: owner)
                statistics = try Statistics(thrift: &r)
            case 13:
                try r.expect(wire, .list, field: id, of: owner)
                encodingStats = try r.readList(of: .struct) { (r) throws(ParquetError) in
                    try PageEncodingStats(thrift: &r)
                }
            default: try r.skip(wire)
            }
        }
        self.init(
            type: try reader.require(type, "type", of: owner),
            encodings: try reader.require(encodings, "encodings", of: owner),
            pathInSchema: try reader.require(path, "path_in_schema", of: owner),
            codec: try reader.require(codec, "codec", of: owner),
            numValues: try reader.require(numValues, "num_values", of: owner),
            totalUncompressedSize: try reader.require(uncompressed, "total_uncompressed_size", of: owner),
            totalCompressedSize: try reader.require(compressed, "total_compressed_size", of: owner),
            keyValueMetadata: keyValues,
            dataPageOffset: try reader.require(dataPageOffset, "data_page_offset", of: owner),
            indexPageOffset: indexPageOffset, dictionaryPageOffset: dictionaryPageOffset,
            statistics: statistics, encodingStats: encodingStats)
    }
}

extension Statistics {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "Statistics"
        var stats = Statistics()
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: stats.max = try r.binary(type, field: id, of: owner)
            case 2: stats.min = try r.binary(type, field: id, of: owner)
            case 3: stats.nullCount = try r.i64(type, field: id, of: owner)
            case 4: stats.distinctCount = try r.i64(type, field: id, of: owner)
            case 5: stats.maxValue = try r.binary(type, field: id, of: owner)
            case 6: stats.minValue = try r.binary(type, field: id, of: owner)
            case 7: stats.isMaxValueExact = try r.bool(type, field: id, of: owner)
            case 8: stats.isMinValueExact = try r.bool(type, field: id, of: owner)
            default: try r.skip(type)
            }
        }
        self = stats
    }
}

extension PageEncodingStats {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "PageEncodingStats"
        var pageType: PageType?, encoding: Encoding?, count: Int32?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: pageType = PageType(rawValue: try r.i32(type, field: id, of: owner))
            case 2: encoding = Encoding(rawValue: try r.i32(type, field: id, of: owner))
            case 3: count = try r.i32(type, field: id, of: owner)
            default: try r.skip(type)
            }
        }
        self.init(
            pageType: try reader.require(pageType, "page_type", of: owner),
            encoding: try reader.require(encoding, "encoding", of: owner),
            count: try reader.require(count, "count", of: owner))
    }
}
