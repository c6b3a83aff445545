// Decoding the pages of one column chunk into levels and values.
//
// The chunk's bytes are read in one `pread` and sliced per page; every size a
// header states is checked against the chunk before it is used, every count
// against the entries the column metadata announced and a value budget, so a
// corrupt page is a `.corruptPage` error and never a crash or a huge
// allocation. One thread; no shared state.

import CZstd

/// Decodes the pages of one column chunk whose leaf values are `Value`s.
struct ColumnChunkDecoder<Value: PlainDecodable> {
    /// Pages declaring more uncompressed bytes than this are refused (writers use ≤ 1 MiB).
    static var maxPageSize: Int { 256 << 20 }

    let column: LeafColumn
    let codec: CompressionCodec
    /// Names file, row group and column in messages.
    let context: String
    /// Entries the column metadata announces (`num_values`).
    let expectedEntries: Int

    private var dictionary: [Value]?
    private(set) var leaf = DecodedLeaf<Value>()

    init(column: LeafColumn, codec: CompressionCodec, context: String, expectedEntries: Int) {
        self.column = column
        self.codec = codec
        self.context = context
        self.expectedEntries = expectedEntries
    }

    func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corruptPage, "\(context): \(what)", hint: "the file is corrupt; restore it from its source")
    }

    /// Decodes every page in `chunk` (the chunk's bytes, starting at file offset `fileOffset`).
    mutating func decode(chunk: [UInt8], fileOffset: Int) throws(ParquetError) {
        var position = 0
        while leaf.entryCount < expectedEntries {
            guard position < chunk.count else {
                throw corrupt("the column chunk ends after \(leaf.entryCount) of \(expectedEntries) values")
            }
            var reader = ThriftCompactReader(
                chunk, start: position, context: "\(context): page header at file offset \(fileOffset + position)")
            let header = try PageHeader(thrift: &reader)
            position = reader.position
            let compressed = Int(header.compressedPageSize)
            let uncompressed = Int(header.uncompressedPageSize)
            guard compressed >= 0, uncompressed >= 0 else {
                throw corrupt("page at file offset \(fileOffset + position) has a negative size")
            }
            guard compressed <= chunk.count - position else {
                throw corrupt(
                    "page at file offset \(fileOffset + position) declares \(compressed) bytes but the column chunk has \(chunk.count - position) left")
            }
            let body = position..<position + compressed
            position += compressed
            switch header.type {
            case .dictionaryPage:
                try decodeDictionaryPage(header, chunk: chunk, body: body)
            case .dataPage:
                try decodeDataPageV1(header, chunk: chunk, body: body)
            case .dataPageV2:
                try decodeDataPageV2(header, chunk: chunk, body: body)
            default:
                continue  // index pages and future page kinds carry no values; readers skip them
            }
        }
        guard leaf.entryCount == expectedEntries else {
            throw corrupt("pages hold \(leaf.entryCount) values but the column metadata says \(expectedEntries)")
        }
    }

    // MARK: - Pages

    private mutating func decodeDictionaryPage(
        _ header: PageHeader, chunk: [UInt8], body: Range<Int>
    ) throws(ParquetError) {
        guard let dictionaryHeader = header.dictionaryPageHeader else {
            throw corrupt("dictionary page without a dictionary page header")
        }
        guard dictionary == nil else { throw corrupt("a second dictionary page") }
        guard dictionaryHeader.encoding == .plain || dictionaryHeader.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "\(context): dictionary page encoding \(dictionaryHeader.encoding)")
        }
        let count = Int(dictionaryHeader.numValues)
        guard count >= 0 else { throw corrupt("dictionary page with \(count) values") }
        let page = try decompress(chunk, body, uncompressedSize: Int(header.uncompressedPageSize))
        var values: [Value] = []
        _ = try page.withBytes { (raw) throws(ParquetError) in
            try Value.decodePlain(raw, count: count, into: &values, context: "\(context): dictionary page")
        }
        dictionary = values
    }

    private mutating func decodeDataPageV1(
        _ header: PageHeader, chunk: [UInt8], body: Range<Int>
    ) throws(ParquetError) {
        guard let dataHeader = header.dataPageHeader else { throw corrupt("data page without a data page header") }
        let count = try checkedEntryCount(dataHeader.numValues)
        let page = try decompress(chunk, body, uncompressedSize: Int(header.uncompressedPageSize))
        try page.withBytes { (raw) throws(ParquetError) in
            var offset = 0
            if column.maxRepetitionLevel > 0 {
                try requireRLE(dataHeader.repetitionLevelEncoding, "repetition")
                offset += try decodeLevelsV1(raw, at: offset, count: count, repetition: true)
            }
            if column.maxDefinitionLevel > 0 {
                try requireRLE(dataHeader.definitionLevelEncoding, "definition")
                offset += try decodeLevelsV1(raw, at: offset, count: count, repetition: false)
            }
            let present = presentCount(lastEntries: count)
            try decodeValues(
                UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: dataHeader.encoding, count: present)
        }
        leaf.entryCount += count
    }

    private mutating func decodeDataPageV2(
        _ header: PageHeader, chunk: [UInt8], body: Range<Int>
    ) throws(ParquetError) {
        guard let v2 = header.dataPageHeaderV2 else { throw corrupt("data page v2 without its header") }
        let count = try checkedEntryCount(v2.numValues)
        let repetitionLength = Int(v2.repetitionLevelsByteLength)
        let definitionLength = Int(v2.definitionLevelsByteLength)
        guard repetitionLength >= 0, definitionLength >= 0,
              repetitionLength <= body.count, definitionLength <= body.count - repetitionLength,
              repetitionLength + definitionLength <= Int(header.uncompressedPageSize)
        else {
            throw corrupt(
                "level lengths \(repetitionLength)+\(definitionLength) do not fit the \(body.count)-byte page")
        }
        let valuesStart = body.lowerBound + repetitionLength + definitionLength
        try chunk.withBytes { (raw) throws(ParquetError) in
            let repetition = UnsafeRawBufferPointer(rebasing: raw[body.lowerBound..<body.lowerBound + repetitionLength])
            let definition = UnsafeRawBufferPointer(rebasing: raw[body.lowerBound + repetitionLength..<valuesStart])
            if column.maxRepetitionLevel > 0 {
                try decodeLevels(repetition, count: count, repetition: true)
            }
            if column.maxDefinitionLevel > 0 {
                try decodeLevels(definition, count: count, repetition: false)
            }
        }
        let present = presentCount(lastEntries: count)
        guard count - present == Int(v2.numNulls) || column.maxRepetitionLevel > 0 else {
            throw corrupt("data page v2 says \(v2.numNulls) nulls but its levels hold \(count - present)")
        }
        let valuesSize = Int(header.uncompressedPageSize) - repetitionLength - definitionLength
        let values: [UInt8]
        if v2.isCompressed ?? true {
            values = try decompress(chunk, valuesStart..<body.upperBound, uncompressedSize: valuesSize)
        } else {
            guard body.upperBound - valuesStart == valuesSize else {
                throw corrupt("uncompressed v2 page has \(body.upperBound - valuesStart) value bytes, header says \(valuesSize)")
            }
            values = Array(chunk[valuesStart..<body.upperBound])
        }
        try values.withBytes { (raw) throws(ParquetError) in
            try decodeValues(raw, encoding: v2.encoding, count: present)
        }
        leaf.entryCount += count
    }

    // MARK: - Levels

    private func checkedEntryCount(_ declared: Int32) throws(ParquetError) -> Int {
        let count = Int(declared)
        guard count >= 0, count <= expectedEntries - leaf.entryCount else {
            throw corrupt(
                "a page declares \(count) values but only \(expectedEntries - leaf.entryCount) of the chunk's \(expectedEntries) remain")
        }
        return count
    }

    private func requireRLE(_ encoding: Encoding, _ kind: String) throws(ParquetError) {
        guard encoding == .rle else {
            throw ParquetError(
                .unsupported, "\(context): \(kind) levels encoded as \(encoding)",
                hint: "only RLE levels are supported; rewrite the file with pyarrow")
        }
    }

    /// v1 levels: a 4-byte little-endian length, then the RLE runs. Returns bytes consumed.
    private mutating func decodeLevelsV1(
        _ page: UnsafeRawBufferPointer, at offset: Int, count: Int, repetition: Bool
    ) throws(ParquetError) -> Int {
        guard page.count - offset >= 4 else { throw corrupt("page too short for its level length") }
        let length = Int(page.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
        guard length <= page.count - offset - 4 else {
            throw corrupt("levels declare \(length) bytes but the page has \(page.count - offset - 4) left")
        }
        try decodeLevels(
            UnsafeRawBufferPointer(rebasing: page[offset + 4..<offset + 4 + length]), count: count,
            repetition: repetition)
        return 4 + length
    }

    private mutating func decodeLevels(
        _ bytes: UnsafeRawBufferPointer, count: Int, repetition: Bool
    ) throws(ParquetError) {
        let maxLevel = repetition ? column.maxRepetitionLevel : column.maxDefinitionLevel
        let kind = repetition ? "repetition" : "definition"
        var decoder = try RLEDecoder(
            bytes, bitWidth: RLEDecoder.bitWidth(forMax: maxLevel), context: "\(context): \(kind) levels")
        let start = repetition ? leaf.repetitionLevels.count : leaf.definitionLevels.count
        if repetition {
            try decoder.decode(count: count, into: &leaf.repetitionLevels)
        } else {
            try decoder.decode(count: count, into: &leaf.definitionLevels)
        }
        let levels = repetition ? leaf.repetitionLevels[start...] : leaf.definitionLevels[start...]
        if let bad = levels.first(where: { Int($0) > maxLevel }) {
            throw corrupt("\(kind) level \(bad) exceeds the column's maximum \(maxLevel)")
        }
    }

    /// Entries among the last `count` whose value is present (not null, not an empty list).
    private func presentCount(lastEntries count: Int) -> Int {
        guard column.maxDefinitionLevel > 0 else { return count }
        let maxLevel = UInt8(column.maxDefinitionLevel)
        var present = 0
        for level in leaf.definitionLevels[(leaf.definitionLevels.count - count)...] where level == maxLevel {
            present += 1
        }
        return present
    }

    // MARK: - Values

    private mutating func decodeValues(
        _ bytes: UnsafeRawBufferPointer, encoding: Encoding, count: Int
    ) throws(ParquetError) {
        switch encoding {
        case .plain:
            _ = try Value.decodePlain(bytes, count: count, into: &leaf.values, context: "\(context): values")
        case .plainDictionary, .rleDictionary:
            guard count > 0 else { return }
            guard let dictionary else { throw corrupt("dictionary-encoded page without a dictionary page") }
            guard !bytes.isEmpty else { throw corrupt("dictionary-encoded page without a bit width") }
            var decoder = try RLEDecoder(
                UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: Int(bytes[0]),
                context: "\(context): dictionary indices")
            var indices: [UInt32] = []
            try decoder.decode(count: count, into: &indices)
            leaf.values.reserveCapacity(leaf.values.count + count)
            for index in indices {
                guard Int(index) < dictionary.count else {
                    throw corrupt("dictionary index \(index) is out of range (dictionary has \(dictionary.count) values)")
                }
                leaf.values.append(dictionary[Int(index)])
            }
        case .rle where Value.self == Bool.self:
            // Booleans in v2 pages: a 4-byte length, then RLE runs of 1-bit values.
            guard bytes.count >= 4 else { throw corrupt("RLE boolean page too short for its length") }
            let length = Int(bytes.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= bytes.count - 4 else {
                throw corrupt("RLE booleans declare \(length) bytes but the page has \(bytes.count - 4)")
            }
            var decoder = try RLEDecoder(
                UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length]), bitWidth: 1, context: "\(context): booleans")
            var bits: [UInt8] = []
            try decoder.decode(count: count, into: &bits)
            for bit in bits { leaf.values.append(unsafeBitCast(bit != 0, to: Value.self)) }
        default:
            throw ParquetError(
                .unsupported, "\(context): values encoded as \(encoding)",
                hint: "only PLAIN and dictionary encodings are supported; rewrite the file with pyarrow defaults")
        }
    }

    // MARK: - Decompression

    /// Decompresses `chunk[range]` after checking the declared size is plausible for the codec.
    private func decompress(
        _ chunk: [UInt8], _ range: Range<Int>, uncompressedSize: Int
    ) throws(ParquetError) -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= Self.maxPageSize else {
            throw corrupt("a page declares \(uncompressedSize) uncompressed bytes (limit \(Self.maxPageSize))")
        }
        return try chunk.withBytes { (raw) throws(ParquetError) in
            let input = UnsafeRawBufferPointer(rebasing: raw[range])
            switch codec {
            case .snappy:
                // Snappy expands at most ~21x; a larger claim is a lie, refused before allocating.
                guard uncompressedSize <= input.count * 32 + 64 else {
                    throw ParquetError(
                        .decompression,
                        "\(context): \(input.count) snappy bytes cannot expand to the declared \(uncompressedSize)")
                }
            case .zstd:
                let frameSize = ZSTD_getFrameContentSize(input.baseAddress, input.count)
                if frameSize != ZSTD_CONTENTSIZE_UNKNOWN && frameSize != UInt64(uncompressedSize) {
                    throw ParquetError(
                        .decompression,
                        "\(context): zstd frame holds \(frameSize == ZSTD_CONTENTSIZE_ERROR ? "no valid frame" : "\(frameSize) bytes"), the page header says \(uncompressedSize)")
                }
            default:
                break
            }
            do throws(ParquetError) {
                return try PageCodec.decompress(codec, input, uncompressedSize: uncompressedSize)
            } catch {
                var located = error
                located.message = "\(context): \(error.message)"
                throw located
            }
        }
    }
}
