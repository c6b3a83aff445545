// Decoding of page headers from Thrift compact bytes.

extension PageHeader {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "PageHeader"
        var type: PageType?, uncompressed: Int32?, compressed: Int32?, crc: Int32?
        var v1: DataPageHeader?, dictionary: DictionaryPageHeader?, v2: DataPageHeaderV2?
        try reader.readStruct { (r, id, wire) throws(ParquetError) in
            switch id {
            case 1: type = PageType(rawValue: try r.i32(wire, field: id, of: owner))
            case 2: uncompressed = try r.i32(wire, field: id, of: owner)
            case 3: compressed = try r.i32(wire, field: id, of: owner)
            case 4: crc = try r.i32(wire, field: id, of: owner)
            case 5:
                try r.expect(wire, .struct, field: id, of: owner)
                v1 = try DataPageHeader(thrift: &r)
            case 7:
                try r.expect(wire, .struct, field: id, of: owner)
                dictionary = try DictionaryPageHeader(thrift: &r)
            case 8:
                try r.expect(wire, .struct, field: id, of: owner)
                v2 = try DataPageHeaderV2(thrift: &r)
            default: try r.skip(wire)
            }
        }
        self.init(
            type: try reader.require(type, "type", of: owner),
            uncompressedPageSize: try reader.require(uncompressed, "uncompressed_page_size", of: owner),
            compressedPageSize: try reader.require(compressed, "compressed_page_size", of: owner),
            crc: crc, dataPageHeader: v1, dictionaryPageHeader: dictionary, dataPageHeaderV2: v2)
    }
}

extension DataPageHeader {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "DataPageHeader"
        var numValues: Int32?, encoding: Int32?, definition: Int32?, repetition: Int32?
        var statistics: Statistics?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: numValues = try r.i32(type, field: id, of: owner)
            case 2: encoding = try r.i32(type, field: id, of: owner)
            case 3: definition = try r.i32(type, field: id, of: owner)
            case 4: repetition = try r.i32(type, field: id, of: owner)
            case 5:
                try r.expect(type, .struct, field: id, of: owner)
                statistics = try Statistics(thrift: &r)
            default: try r.skip(type)
            }
        }
        self.init(
            numValues: try reader.require(numValues, "num_values", of: owner),
            encoding: Encoding(rawValue: try reader.require(encoding, "encoding", of: owner)),
            definitionLevelEncoding: Encoding(
                rawValue: try reader.require(definition, "definition_level_encoding", of: owner)),
            repetitionLevelEncoding: Encoding(
                rawValue: try reader.require(repetition, "repetition_level_encoding", of: owner)),
            statistics: statistics)
    }
}

extension DictionaryPageHeader {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "DictionaryPageHeader"
        var numValues: Int32?, encoding: Int32?, sorted: Bool?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: numValues = try r.i32(type, field: id, of: owner)
            case 2: encoding = try r.i32(type, field: id, of: owner)
            case 3: sorted = try r.bool(type, field: id, of: owner)
            default: try r.skip(type)
            }
        }
        self.init(
            numValues: try reader.require(numValues, "num_values", of: owner),
            encoding: Encoding(rawValue: try reader.require(encoding, "encoding", of: owner)),
            isSorted: sorted)
    }
}

extension DataPageHeaderV2 {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "DataPageHeaderV2"
        var numValues: Int32?, numNulls: Int32?, numRows: Int32?, encoding: Int32?
        var definitionLength: Int32?, repetitionLength: Int32?, compressed: Bool?
        var statistics: Statistics?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: numValues = try r.i32(type, field: id, of: owner)
            case 2: numNulls = try r.i32(type, field: id, of: owner)
            case 3: numRows = try r.i32(type, field: id, of: owner)
            case 4: encoding = try r.i32(type, field: id, of: owner)
            case 5: definitionLength = try r.i32(type, field: id, of: owner)
            case 6: repetitionLength = try r.i32(type, field: id, of: owner)
            case 7: compressed = try r.bool(type, field: id, of: owner)
            case 8:
                try r.expect(type, .struct, field: id, of: owner)
                statistics = try Statistics(thrift: &r)
            default: try r.skip(type)
            }
        }
        self.init(
            numValues: try reader.require(numValues, "num_values", of: owner),
            numNulls: try reader.require(numNulls, "num_nulls", of: owner),
            numRows: try reader.require(numRows, "num_rows", of: owner),
            encoding: Encoding(rawValue: try reader.require(encoding, "encoding", of: owner)),
            definitionLevelsByteLength: try reader.require(
                definitionLength, "definition_levels_byte_length", of: owner),
            repetitionLevelsByteLength: try reader.require(
                repetitionLength, "repetition_levels_byte_length", of: owner),
            isCompressed: compressed, statistics: statistics)
    }
}
