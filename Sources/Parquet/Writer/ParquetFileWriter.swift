/// Writes a Parquet file: `PAR1`, row groups of column chunks, the Thrift footer,
/// its 4-byte length, `PAR1`.
///
/// Feed it column-wise values with ``write(_:)``; they are buffered for the open
/// row group only and encoded when the row group ends (``endRowGroup()``, the
/// `maxRowGroupRows` limit, or ``close()``), so memory is bounded by one row
/// group, not by the file. LeRobot writes one row group per episode.
///
/// Output is deterministic: the same schema, columns and options give the same
/// bytes (no timestamps; `created_by` is fixed text).
///
/// Threading: **not thread-safe**. One owner thread calls every method. All
/// methods block on the sink's writes.
///
/// Errors: a rejected `write` (invalid values) changes nothing and the writer
/// stays usable. A failed write to the sink (`.diskFull`, `.io`) leaves the file
/// incomplete; the writer then refuses every call with `.closed`.
public final class ParquetFileWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions
    private let sink: any ByteSink
    /// The file this writer opened itself (closed by ``close()``), if any.
    private let ownedFile: FileSink?
    private let leafColumns: [LeafColumn]
    /// Index of the first leaf of each top-level field.
    private let firstLeaves: [Int]
    private var leaves: [LeafBuffer]
    private var chunkEncoder: ColumnChunkEncoder
    private var rowGroups: [RowGroup] = []
    private var openRows = 0
    private var state = State.open

    private enum State {
        case open
        case closed
        case failed(ParquetError)
    }

    /// Rows accepted so far, including those buffered in the open row group.
    public private(set) var rowsWritten = 0

    /// Creates (or truncates) the file at `path` and writes the leading magic.
    public convenience init(
        path: String, schema: ParquetSchema, options: ParquetWriterOptions = .init()
    ) throws(ParquetError) {
        try SchemaValidator.validate(schema)
        let file = try FileSink(path: path, fsyncOnClose: options.fsyncOnClose)
        try self.init(sink: file, ownedFile: file, schema: schema, options: options)
    }

    /// Writes to `sink`, which the caller owns (and closes, if it needs closing).
    public convenience init(
        sink: any ByteSink, schema: ParquetSchema, options: ParquetWriterOptions = .init()
    ) throws(ParquetError) {
        try self.init(sink: sink, ownedFile: nil, schema: schema, options: options)
    }

    private init(
        sink: any ByteSink, ownedFile: FileSink?, schema: ParquetSchema, options: ParquetWriterOptions
    ) throws(ParquetError) {
        try SchemaValidator.validate(schema)
        guard options.maxRowGroupRows > 0 else {
            throw ParquetError(.invalidValue, "maxRowGroupRows is \(options.maxRowGroupRows)", hint: "use at least 1")
        }
        guard PageCodec.supported.contains(options.compression) else {
            throw ParquetError(
                .unsupported, "cannot write codec \(options.compression)", hint: "use uncompressed, snappy or zstd")
        }
        self.schema = schema
        self.options = options
        self.sink = sink
        self.ownedFile = ownedFile
        leafColumns = schema.leafColumns
        leaves = leafColumns.map { LeafBuffer(leaf: $0) }
        var first = 0
        var starts: [Int] = []
        for field in schema.fields {
            starts.append(first)
            first += ColumnShredder.leafCount(field.type)
        }
        firstLeaves = starts
        chunkEncoder = ColumnChunkEncoder(options: options)
        try sink.write(Self.magic)
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Appends rows to the open row group: one `ColumnData` per top-level field,
    /// in schema order, all with the same row count.
    ///
    /// When the open row group reaches `maxRowGroupRows`, it is written out
    /// automatically (the rest of the rows start the next one).
    public func write(_ columns: [ColumnData]) throws(ParquetError) {
        try checkOpen()
        guard columns.count == schema.fields.count else {
            throw ParquetError(
                .invalidValue, "got \(columns.count) columns for a schema of \(schema.fields.count) fields",
                hint: "pass one ColumnData per top-level field, in schema order")
        }
        let rowCount = columns.first?.count ?? 0
        for (column, field) in zip(columns, schema.fields) {
            guard column.count == rowCount else {
                throw ParquetError(
                    .invalidValue,
                    "column '\(field.name)' has \(column.count) rows, column '\(schema.fields[0].name)' has \(rowCount)",
                    hint: "every column of one write needs the same number of rows")
            }
            try ColumnValidator.validate(column, field: field)
        }
        var start = 0
        while start < rowCount {
            let take = min(rowCount - start, options.maxRowGroupRows - openRows)
            for (index, column) in columns.enumerated() {
                ColumnShredder.shred(
                    column, field: schema.fields[index], rows: start..<(start + take),
                    into: &leaves, firstLeaf: firstLeaves[index])
            }
            openRows += take
            rowsWritten += take
            start += take
            if openRows >= options.maxRowGroupRows { try endRowGroup() }
        }
    }

    /// Encodes and writes the open row group. Does nothing when it is empty.
    public func endRowGroup() throws(ParquetError) {
        try checkOpen()
        guard openRows > 0 else { return }
        do throws(ParquetError) {
            var chunks: [ColumnChunk] = []
            chunks.reserveCapacity(leaves.count)
            let groupOffset = sink.position
            var uncompressed: Int64 = 0
            var compressed: Int64 = 0
            for index in leaves.indices {
                let start = sink.position
                let chunk = try chunkEncoder.encode(leaves[index], at: start)
                try sink.write(chunk.bytes)
                leaves[index].removeAll()
                chunks.append(ColumnChunk(fileOffset: start, metaData: chunk.metaData))
                uncompressed += chunk.metaData.totalUncompressedSize
                compressed += chunk.metaData.totalCompressedSize
            }
            rowGroups.append(
                RowGroup(
                    columns: chunks, totalByteSize: uncompressed, numRows: Int64(openRows),
                    fileOffset: groupOffset, totalCompressedSize: compressed,
                    ordinal: rowGroups.count <= Int(Int16.max) ? Int16(rowGroups.count) : nil))
            openRows = 0
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Ends the open row group, writes the footer and, for a writer opened on a
    /// path, closes the file (after `fsync` when `fsyncOnClose`).
    /// - Returns: the footer as written.
    @discardableResult
    public func close() throws(ParquetError) -> FileMetaData {
        try endRowGroup()
        let metadata = FileMetaData(
            version: 2, schema: schema.schemaElements(), numRows: Int64(rowsWritten), rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
            createdBy: options.createdBy,
            columnOrders: Array(repeating: .typeDefinedOrder, count: leafColumns.count))
        do throws(ParquetError) {
            var footer = metadata.thriftEncoded()
            PlainEncoder.appendLittleEndian(UInt32(footer.count), &footer)
            footer.append(contentsOf: Self.magic)
            try sink.write(footer)
            try ownedFile?.close()
            state = .closed
        } catch {
            state = .failed(error)
            throw error
        }
        return metadata
    }

    private func checkOpen() throws(ParquetError) {
        switch state {
        case .open:
            return
        case .closed:
            throw ParquetError(.closed, "the Parquet writer is closed", hint: "open a new writer")
        case .failed(let cause):
            throw ParquetError(
                .closed, "the Parquet writer failed earlier and its file is incomplete",
                hint: "open a new writer; the first error says what went wrong", cause: cause)
        }
    }
}
