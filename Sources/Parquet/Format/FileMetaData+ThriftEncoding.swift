// Compact-protocol encoding of the footer structs. Field ids are those in the
// comments of FileMetadata.swift (parquet.thrift); optional fields are written
// only when present, in increasing id order, so equal values give equal bytes.

extension FileMetaData {
    /// The footer bytes (without the trailing length and magic).
    public func thriftEncoded() -> [UInt8] {
        var writer = ThriftCompactWriter(reservingCapacity: 1024)
        encodeFields(to: &writer)
        writer.writeStop()
        return writer.bytes
    }

    func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeField(1, i32: version)
        w.beginListField(2, elementType: .struct, count: schema.count)
        for element in schema { w.beginStruct(); element.encodeFields(to: &w); w.endStruct() }
        w.writeField(3, i64: numRows)
        w.beginListField(4, elementType: .struct, count: rowGroups.count)
        for group in rowGroups { w.beginStruct(); group.encodeFields(to: &w); w.endStruct() }
        if let keyValueMetadata { KeyValue.encodeList(keyValueMetadata, id: 5, to: &w) }
        if let createdBy { w.writeField(6, string: createdBy) }
        if let columnOrders {
            w.beginListField(7, elementType: .struct, count: columnOrders.count)
            for order in columnOrders { w.beginStruct(); order.encodeFields(to: &w); w.endStruct() }
        }
    }
}

extension SchemaElement {
    func encodeFields(to w: inout ThriftCompactWriter) {
        if let type { w.writeField(1, i32: type.rawValue) }
        if let typeLength { w.writeField(2, i32: typeLength) }
        if let repetitionType { w.writeField(3, i32: repetitionType.rawValue) }
        w.writeField(4, string: name)
        if let numChildren { w.writeField(5, i32: numChildren) }
        if let convertedType { w.writeField(6, i32: convertedType.rawValue) }
        if let scale { w.writeField(7, i32: scale) }
        if let precision { w.writeField(8, i32: precision) }
        if let fieldID { w.writeField(9, i32: fieldID) }
        if let logicalType {
            w.beginStructField(10)
            logicalType.encodeFields(to: &w)
            w.endStruct()
        }
    }
}

extension LogicalType {
    /// A union: exactly one field, itself a struct (mostly empty).
    func encodeFields(to w: inout ThriftCompactWriter) {
        switch self {
        case .string: Self.emptyStruct(1, &w)
        case .map: Self.emptyStruct(2, &w)
        case .list: Self.emptyStruct(3, &w)
        case .enum: Self.emptyStruct(4, &w)
        case .decimal(let scale, let precision):
            w.beginStructField(5)
            w.writeField(1, i32: scale)
            w.writeField(2, i32: precision)
            w.endStruct()
        case .date: Self.emptyStruct(6, &w)
        case .time(let isAdjustedToUTC, let unit):
            Self.encodeTemporal(7, isAdjustedToUTC, unit, &w)
        case .timestamp(let isAdjustedToUTC, let unit):
            Self.encodeTemporal(8, isAdjustedToUTC, unit, &w)
        case .integer(let bitWidth, let isSigned):
            w.beginStructField(10)
            w.writeField(1, i8: bitWidth)
            w.writeField(2, bool: isSigned)
            w.endStruct()
        case .unknown: Self.emptyStruct(11, &w)
        case .json: Self.emptyStruct(12, &w)
        case .bson: Self.emptyStruct(13, &w)
        case .uuid: Self.emptyStruct(14, &w)
        case .float16: Self.emptyStruct(15, &w)
        case .other(let fieldID): Self.emptyStruct(fieldID, &w)
        }
    }

    private static func emptyStruct(_ id: Int16, _ w: inout ThriftCompactWriter) {
        w.beginStructField(id)
        w.endStruct()
    }

    private static func encodeTemporal(
        _ id: Int16, _ isAdjustedToUTC: Bool, _ unit: TimeUnit, _ w: inout ThriftCompactWriter
    ) {
        w.beginStructField(id)
        w.writeField(1, bool: isAdjustedToUTC)
        w.beginStructField(2)
        emptyStruct(unit.rawValue, &w)
        w.endStruct()
        w.endStruct()
    }
}

extension ColumnOrder {
    func encodeFields(to w: inout ThriftCompactWriter) {
        switch self {
        case .typeDefinedOrder: w.beginStructField(1)
        case .other(let fieldID): w.beginStructField(fieldID)
        }
        w.endStruct()
    }
}

extension KeyValue {
    static func encodeList(_ pairs: [KeyValue], id: Int16, to w: inout ThriftCompactWriter) {
        w.beginListField(id, elementType: .struct, count: pairs.count)
        for pair in pairs {
            w.beginStruct()
            w.writeField(1, string: pair.key)
            if let value = pair.value { w.writeField(2, string: value) }
            w.endStruct()
        }
    }
}

extension RowGroup {
    func encodeFields(to w: inout ThriftCompactWriter) {
        w.beginListField(1, elementType: .struct, count: columns.count)
        for column in columns { w.beginStruct(); column.encodeFields(to: &w); w.endStruct() }
        w.writeField(2, i64: totalByteSize)
        w.writeField(3, i64: numRows)
        if let fileOffset { w.writeField(5, i64: fileOffset) }
        if let totalCompressedSize { w.writeField(6, i64: totalCompressedSize) }
        if let ordinal { w.writeField(7, i16: ordinal) }
    }
}

extension ColumnChunk {
    func encodeFields(to w: inout ThriftCompactWriter) {
        if let filePath { w.writeField(1, string: filePath) }
        w.writeField(2, i64: fileOffset)
        if let metaData {
            w.beginStructField(3)
            metaData.encodeFields(to: &w)
            w.endStruct()
        }
    }
}

extension ColumnMetaData {
    func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeField(1, i32: type.rawValue)
        w.beginListField(2, elementType: .i32, count: encodings.count)
        for encoding in encodings { w.writeI32(encoding.rawValue) }
        w.beginListField(3, elementType: .binary, count: pathInSchema.count)
        for name in pathInSchema { w.writeString(name) }
        w.writeField(4, i32: codec.rawValue)
        w.writeField(5, i64: numValues)
        w.writeField(6, i64: totalUncompressedSize)
        w.writeField(7, i64: totalCompressedSize)
        if let keyValueMetadata { KeyValue.encodeList(keyValueMetadata, id: 8, to: &w) }
        w.writeField(9, i64: dataPageOffset)
        if let indexPageOffset { w.writeField(10, i64: indexPageOffset) }
        if let dictionaryPageOffset { w.writeField(11, i64: dictionaryPageOffset) }
        if let statistics {
            w.beginStructField(12)
            statistics.encodeFields(to: &w)
            w.endStruct()
        }
        if let encodingStats {
            w.beginListField(13, elementType: .struct, count: encodingStats.count)
            for stats in encodingStats {
                w.beginStruct()
                w.writeField(1, i32: stats.pageType.rawValue)
                w.writeField(2, i32: stats.encoding.rawValue)
                w.writeField(3, i32: stats.count)
                w.endStruct()
            }
        }
    }
}

extension Statistics {
    func encodeFields(to w: inout ThriftCompactWriter) {
        if let max { w.writeField(1, binary: max) }
        if let min { w.writeField(2, binary: min) }
        if let nullCount { w.writeField(3, i64: nullCount) }
        if let distinctCount { w.writeField(4, i64: distinctCount) }
        if let maxValue { w.writeField(5, binary: maxValue) }
        if let minValue { w.writeField(6, binary: minValue) }
        if let isMaxValueExact { w.writeField(7, bool: isMaxValueExact) }
        if let isMinValueExact { w.writeField(8, bool: isMinValueExact) }
    }
}
