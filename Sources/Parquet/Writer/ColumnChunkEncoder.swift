/// Encodes one leaf's buffered row-group data into a column chunk: an optional
/// dictionary page, then data pages (v1), each compressed, each preceded by its
/// Thrift page header; and the chunk's `ColumnMetaData`.
///
/// Data page v1 body: repetition levels (4-byte LE length + RLE hybrid) when the
/// leaf repeats, definition levels (same) when it can be null or empty, then the
/// values (PLAIN, or RLE_DICTIONARY indices). The whole body is compressed.
///
/// Keeps scratch buffers between chunks to avoid reallocating per page. Used by
/// the writer's owner thread only.
struct ColumnChunkEncoder {
    let options: ParquetWriterOptions
    private var body: [UInt8] = []
    private var compressed: [UInt8] = []

    init(options: ParquetWriterOptions) {
        self.options = options
    }

    /// The encoded chunk, to be written at file offset `offset`.
    struct Chunk {
        var bytes: [UInt8]
        var metaData: ColumnMetaData
    }

    mutating func encode(_ buffer: LeafBuffer, at offset: Int64) throws(ParquetError) -> Chunk {
        let leaf = buffer.leaf
        var output: [UInt8] = []
        output.reserveCapacity(buffer.values.plainSize(0..<buffer.values.count) / 2 + 64)
        var uncompressedTotal = 0
        var encodings: [Encoding] = []
        var dictionaryPageOffset: Int64?

        var dictionary: DictionaryEncoder?
        if options.useDictionary && leaf.physicalType == .byteArray,
           let built = DictionaryEncoder(buffer.values.byteArrays, byteLimit: options.dictionaryPageSizeLimit),
           built.dictionaryByteSize + built.estimatedIndexByteSize < buffer.values.plainSize(0..<buffer.values.count)
        {
            dictionary = built
        }

        if let dictionary {
            dictionaryPageOffset = offset
            body.removeAll(keepingCapacity: true)
            PlainEncoder.encodeByteArrays(dictionary.entries, 0..<dictionary.entries.count, appendingTo: &body)
            let header = { (uncompressed: Int32, compressed: Int32) in
                PageHeader(
                    type: .dictionaryPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                    dictionaryPageHeader: DictionaryPageHeader(
                        numValues: Int32(dictionary.entries.count), encoding: .plain))
            }
            uncompressedTotal += try appendPage(header, to: &output)
            encodings.append(.plain)
        }
        let dataPageOffset = offset + Int64(output.count)

        let valueSize: PageSplitter.ValueSize =
            if let dictionary { .bits(dictionary.bitWidth) } else { buffer.values.plainValueSize }
        let pages = PageSplitter.split(buffer, targetSize: options.dataPageSize, valueSize: valueSize)
        for page in pages {
            body.removeAll(keepingCapacity: true)
            if leaf.maxRepetitionLevel > 0 {
                appendLevels(buffer.repetitionLevels, page.levels, maxLevel: leaf.maxRepetitionLevel)
            }
            if leaf.maxDefinitionLevel > 0 {
                appendLevels(buffer.definitionLevels, page.levels, maxLevel: leaf.maxDefinitionLevel)
            }
            if let dictionary {
                dictionary.encodeIndices(page.values, appendingTo: &body)
            } else {
                PlainEncoder.encode(buffer.values, page.values, appendingTo: &body)
            }
            let encoding: Encoding = dictionary == nil ? .plain : .rleDictionary
            let header = { (uncompressed: Int32, compressed: Int32) in
                PageHeader(
                    type: .dataPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                    dataPageHeader: DataPageHeader(
                        numValues: Int32(page.levels.count), encoding: encoding,
                        definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle))
            }
            uncompressedTotal += try appendPage(header, to: &output)
        }

        if dictionary != nil {
            encodings.append(.rle)
            encodings.append(.rleDictionary)
        } else {
            encodings.append(.plain)
            encodings.append(.rle)
        }
        let statistics = options.writeStatistics
            ? StatisticsBuilder.statistics(of: buffer.values, nullCount: buffer.levelCount - buffer.values.count)
            : nil
        let metaData = ColumnMetaData(
            type: leaf.physicalType, encodings: encodings, pathInSchema: leaf.path, codec: options.compression,
            numValues: Int64(buffer.levelCount), totalUncompressedSize: Int64(uncompressedTotal),
            totalCompressedSize: Int64(output.count), dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset, statistics: statistics)
        return Chunk(bytes: output, metaData: metaData)
    }

    /// Compresses `body`, appends header + compressed body, returns the
    /// uncompressed size including the header (as `total_uncompressed_size` counts it).
    private mutating func appendPage(
        _ makeHeader: (Int32, Int32) -> PageHeader, to output: inout [UInt8]
    ) throws(ParquetError) -> Int {
        var scratch: [UInt8] = []
        swap(&scratch, &compressed)  // a local, so the closure below does not capture self
        defer { swap(&scratch, &compressed) }
        scratch.removeAll(keepingCapacity: true)
        let codec = options.compression
        let input = body
        let result: Result<Void, ParquetError> = input.withUnsafeBytes { raw in
            Result { () throws(ParquetError) in try PageCodec.compress(codec, raw, appendingTo: &scratch) }
        }
        try result.get()
        guard body.count <= Int32.max, scratch.count <= Int32.max else {
            throw ParquetError(
                .invalidValue, "a page of \(body.count) bytes exceeds the format's 2 GiB page limit",
                hint: "split huge values or rows; lower dataPageSize")
        }
        let headerStart = output.count
        makeHeader(Int32(body.count), Int32(scratch.count)).thriftEncode(appendingTo: &output)
        let headerSize = output.count - headerStart
        output.append(contentsOf: scratch)
        return headerSize + body.count
    }

    /// Appends the 4-byte length prefix and the RLE hybrid of `levels[range]`.
    private mutating func appendLevels(_ levels: [UInt8], _ range: Range<Int>, maxLevel: Int) {
        let lengthAt = body.count
        body.append(contentsOf: [0, 0, 0, 0])
        let width = RLEEncoder.bitWidth(forMaxValue: UInt64(maxLevel))
        levels.withUnsafeBufferPointer { all in
            RLEEncoder.encode(UnsafeBufferPointer(rebasing: all[range]), bitWidth: width, appendingTo: &body)
        }
        let length = UInt32(body.count - lengthAt - 4)
        withUnsafeBytes(of: length.littleEndian) { bytes in
            for i in 0..<4 { body[lengthAt + i] = bytes[i] }
        }
    }
}
