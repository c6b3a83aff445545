/// How a ``ParquetFileWriter`` encodes its file. Defaults match what pyarrow
/// writes for LeRobot datasets (snappy, dictionary strings, 1 MiB pages).
public struct ParquetWriterOptions: Sendable {
    /// Page compression: `.uncompressed`, `.snappy` (default) or `.zstd`.
    public var compression: CompressionCodec
    /// Target uncompressed size of a data page, in bytes. Pages end at a row boundary
    /// once they reach this size, so a single huge row may exceed it.
    public var dataPageSize: Int
    /// Largest dictionary (PLAIN size) before a string/binary chunk falls back to PLAIN.
    public var dictionaryPageSizeLimit: Int
    /// Dictionary-encode string and binary columns (when it pays). Other types are always PLAIN.
    public var useDictionary: Bool
    /// Write min/max/null-count statistics for every column chunk.
    public var writeStatistics: Bool
    /// File-level key-value metadata, written as given (LeRobot: `huggingface`, `pandas`).
    public var keyValueMetadata: [KeyValue]
    /// The footer's `created_by`. Fixed text, never a timestamp, so output is reproducible.
    public var createdBy: String
    /// Rows after which the open row group is written automatically, bounding memory.
    public var maxRowGroupRows: Int
    /// For writers opened on a path: `fsync` the file before closing it.
    public var fsyncOnClose: Bool

    /// The `created_by` written unless you set another.
    public static let defaultCreatedBy = "episodic-parquet version 0.1.0"

    public init(
        compression: CompressionCodec = .snappy,
        dataPageSize: Int = 1 << 20,
        dictionaryPageSizeLimit: Int = 1 << 20,
        useDictionary: Bool = true,
        writeStatistics: Bool = true,
        keyValueMetadata: [KeyValue] = [],
        createdBy: String = ParquetWriterOptions.defaultCreatedBy,
        maxRowGroupRows: Int = 1_048_576,
        fsyncOnClose: Bool = false
    ) {
        self.compression = compression
        self.dataPageSize = dataPageSize
        self.dictionaryPageSizeLimit = dictionaryPageSizeLimit
        self.useDictionary = useDictionary
        self.writeStatistics = writeStatistics
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.maxRowGroupRows = maxRowGroupRows
        self.fsyncOnClose = fsyncOnClose
    }
}
