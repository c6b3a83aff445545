// Compact-protocol encoding of page headers (written before every page).

extension PageHeader {
    /// The header bytes, appended to `output` (page headers are written inline
    /// with the page bodies, so appending avoids a temporary array per page).
    public func thriftEncode(appendingTo output: inout [UInt8]) {
        var w = ThriftCompactWriter(reservingCapacity: 48)
        w.writeField(1, i32: type.rawValue)
        w.writeField(2, i32: uncompressedPageSize)
        w.writeField(3, i32: compressedPageSize)
        if let crc { w.writeField(4, i32: crc) }
        if let header = dataPageHeader {
            w.beginStructField(5)
            w.writeField(1, i32: header.numValues)
            w.writeField(2, i32: header.encoding.rawValue)
            w.writeField(3, i32: header.definitionLevelEncoding.rawValue)
            w.writeField(4, i32: header.repetitionLevelEncoding.rawValue)
            if let statistics = header.statistics {
                w.beginStructField(5)
                statistics.encodeFields(to: &w)
                w.endStruct()
            }
            w.endStruct()
        }
        if let header = dictionaryPageHeader {
            w.beginStructField(7)
            w.writeField(1, i32: header.numValues)
            w.writeField(2, i32: header.encoding.rawValue)
            if let isSorted = header.isSorted { w.writeField(3, bool: isSorted) }
            w.endStruct()
        }
        if let header = dataPageHeaderV2 {
            w.beginStructField(8)
            w.writeField(1, i32: header.numValues)
            w.writeField(2, i32: header.numNulls)
            w.writeField(3, i32: header.numRows)
            w.writeField(4, i32: header.encoding.rawValue)
            w.writeField(5, i32: header.definitionLevelsByteLength)
            w.writeField(6, i32: header.repetitionLevelsByteLength)
            if let isCompressed = header.isCompressed { w.writeField(7, bool: isCompressed) }
            if let statistics = header.statistics {
                w.beginStructField(8)
                statistics.encodeFields(to: &w)
                w.endStruct()
            }
            w.endStruct()
        }
        w.writeStop()
        output.append(contentsOf: w.bytes)
    }

    /// The header bytes alone.
    public func thriftEncoded() -> [UInt8] {
        var bytes: [UInt8] = []
        thriftEncode(appendingTo: &bytes)
        return bytes
    }
}
