// The footer structures of the Apache Parquet format (parquet.thrift), as plain
// value types. Field comments give the Thrift field id; the compact-protocol
// encoder and decoder (`ThriftCompactWriter`/`ThriftCompactReader` and the
// `+Thrift` extensions) map these ids one to one. Optional Thrift fields are
// Swift optionals; fields this library never needs are skipped when decoding.

/// `FileMetaData`: the footer of a Parquet file.
public struct FileMetaData: Hashable, Sendable {
    public var version: Int32                       // 1
    public var schema: [SchemaElement]              // 2 (depth-first, root first)
    public var numRows: Int64                       // 3
    public var rowGroups: [RowGroup]                // 4
    public var keyValueMetadata: [KeyValue]?        // 5
    public var createdBy: String?                   // 6
    public var columnOrders: [ColumnOrder]?         // 7

    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}

/// `SchemaElement`: one node of the flattened schema tree.
public struct SchemaElement: Hashable, Sendable {
    public var type: PhysicalType?                  // 1 (absent on group nodes)
    public var typeLength: Int32?                   // 2
    public var repetitionType: Repetition?          // 3 (absent on the root)
    public var name: String                         // 4
    public var numChildren: Int32?                  // 5 (present on group nodes)
    public var convertedType: ConvertedType?        // 6
    public var scale: Int32?                        // 7
    public var precision: Int32?                    // 8
    public var fieldID: Int32?                      // 9
    public var logicalType: LogicalType?            // 10

    public init(
        type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: Repetition? = nil,
        name: String, numChildren: Int32? = nil, convertedType: ConvertedType? = nil,
        scale: Int32? = nil, precision: Int32? = nil, fieldID: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }
}

/// `LogicalType` union. Only the members this library writes or interprets are
/// modelled; any other member decodes to `.other(fieldID)` so it is not lost
/// silently (the reader can name it in an error).
public enum LogicalType: Hashable, Sendable {
    case string                                     // 1
    case map                                        // 2
    case list                                       // 3
    case `enum`                                     // 4
    case decimal(scale: Int32, precision: Int32)    // 5
    case date                                       // 6
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)       // 7
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)  // 8
    case integer(bitWidth: Int8, isSigned: Bool)    // 10
    case unknown                                    // 11 (always-null)
    case json                                       // 12
    case bson                                       // 13
    case uuid                                       // 14
    case float16                                    // 15
    case other(fieldID: Int16)

    /// `TimeUnit` union: 1 MILLIS, 2 MICROS, 3 NANOS.
    public enum TimeUnit: Int16, Hashable, Sendable {
        case millis = 1
        case micros = 2
        case nanos = 3
    }
}

/// `ColumnOrder` union; only `TYPE_ORDER` (field 1) exists today.
public enum ColumnOrder: Hashable, Sendable {
    case typeDefinedOrder                           // 1
    case other(fieldID: Int16)
}

/// `KeyValue`: one entry of file (or column) key-value metadata.
public struct KeyValue: Hashable, Sendable {
    public var key: String                          // 1
    public var value: String?                       // 2

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// `RowGroup`.
public struct RowGroup: Hashable, Sendable {
    public var columns: [ColumnChunk]               // 1
    public var totalByteSize: Int64                 // 2 (uncompressed)
    public var numRows: Int64                       // 3
    public var fileOffset: Int64?                   // 5
    public var totalCompressedSize: Int64?          // 6
    public var ordinal: Int16?                      // 7

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

/// `ColumnChunk`.
public struct ColumnChunk: Hashable, Sendable {
    public var filePath: String?                    // 1
    public var fileOffset: Int64                    // 2 (deprecated; writers set 0 or the offset)
    public var metaData: ColumnMetaData?            // 3

    public init(filePath: String? = nil, fileOffset: Int64, metaData: ColumnMetaData?) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
    }
}

/// `ColumnMetaData`.
public struct ColumnMetaData: Hashable, Sendable {
    public var type: PhysicalType                   // 1
    public var encodings: [Encoding]                // 2
    public var pathInSchema: [String]               // 3
    public var codec: CompressionCodec              // 4
    public var numValues: Int64                     // 5 (including nulls, i.e. level count)
    public var totalUncompressedSize: Int64         // 6 (page headers included)
    public var totalCompressedSize: Int64           // 7 (page headers included)
    public var keyValueMetadata: [KeyValue]?        // 8
    public var dataPageOffset: Int64                // 9
    public var indexPageOffset: Int64?              // 10
    public var dictionaryPageOffset: Int64?         // 11
    public var statistics: Statistics?              // 12
    public var encodingStats: [PageEncodingStats]?  // 13

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
    }
}

/// `PageEncodingStats`.
public struct PageEncodingStats: Hashable, Sendable {
    public var pageType: PageType                   // 1
    public var encoding: Encoding                   // 2
    public var count: Int32                         // 3

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

/// `Statistics`. Values are PLAIN-encoded bytes of the column's physical type
/// (for BYTE_ARRAY: the raw bytes without a length prefix).
public struct Statistics: Hashable, Sendable {
    public var max: [UInt8]?                        // 1 (deprecated, signed order)
    public var min: [UInt8]?                        // 2 (deprecated, signed order)
    public var nullCount: Int64?                    // 3
    public var distinctCount: Int64?                // 4
    public var maxValue: [UInt8]?                   // 5
    public var minValue: [UInt8]?                   // 6
    public var isMaxValueExact: Bool?               // 7
    public var isMinValueExact: Bool?               // 8

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil,
        isMaxValueExact: Bool? = nil, isMinValueExact: Bool? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
    }
}

/// `PageHeader`.
public struct PageHeader: Hashable, Sendable {
    public var type: PageType                       // 1
    public var uncompressedPageSize: Int32          // 2
    public var compressedPageSize: Int32            // 3
    public var crc: Int32?                          // 4
    public var dataPageHeader: DataPageHeader?      // 5
    public var dictionaryPageHeader: DictionaryPageHeader?  // 7
    public var dataPageHeaderV2: DataPageHeaderV2?  // 8

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

/// `DataPageHeader` (data page v1).
public struct DataPageHeader: Hashable, Sendable {
    public var numValues: Int32                     // 1 (levels, nulls included)
    public var encoding: Encoding                   // 2
    public var definitionLevelEncoding: Encoding    // 3
    public var repetitionLevelEncoding: Encoding    // 4
    public var statistics: Statistics?              // 5

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding,
        repetitionLevelEncoding: Encoding, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

/// `DictionaryPageHeader`.
public struct DictionaryPageHeader: Hashable, Sendable {
    public var numValues: Int32                     // 1
    public var encoding: Encoding                   // 2
    public var isSorted: Bool?                      // 3

    public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

/// `DataPageHeaderV2`. Levels are stored uncompressed before the values; only
/// the values section is compressed (when `isCompressed`, default true).
public struct DataPageHeaderV2: Hashable, Sendable {
    public var numValues: Int32                     // 1
    public var numNulls: Int32                      // 2
    public var numRows: Int32                       // 3
    public var encoding: Encoding                   // 4
    public var definitionLevelsByteLength: Int32    // 5
    public var repetitionLevelsByteLength: Int32    // 6
    public var isCompressed: Bool?                  // 7 (absent means true)
    public var statistics: Statistics?              // 8

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32,
        isCompressed: Bool? = nil, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}
