// The one error type of the Parquet module.

/// An error from reading or writing a Parquet file.
///
/// Every error carries a stable ``Code`` (documented in `docs/errors.md`; a code
/// is never reused for another meaning), a message naming the file, column or
/// value involved, and a hint that says what to do about it.
public struct ParquetError: Error, Sendable, CustomStringConvertible {
    /// A stable, documented error code such as `ERR_PARQUET_BAD_MAGIC`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file does not start or end with the `PAR1` magic.
        public static let badMagic = Code("ERR_PARQUET_BAD_MAGIC")
        /// The file is shorter than its structure says (truncated copy, crash mid-write).
        public static let truncated = Code("ERR_PARQUET_TRUNCATED")
        /// The footer length points outside the file.
        public static let footerLength = Code("ERR_PARQUET_FOOTER_LENGTH")
        /// The footer or a page header is not valid Thrift compact protocol.
        public static let malformedThrift = Code("ERR_PARQUET_MALFORMED_THRIFT")
        /// The footer decodes but is inconsistent (schema tree, offsets, counts).
        public static let invalidMetadata = Code("ERR_PARQUET_INVALID_METADATA")
        /// A page's content does not match its header (sizes, level or value counts).
        public static let corruptPage = Code("ERR_PARQUET_CORRUPT_PAGE")
        /// Decompression failed or produced a size other than the header says.
        public static let decompression = Code("ERR_PARQUET_DECOMPRESSION")
        /// A codec, encoding, type or page kind this library does not handle.
        public static let unsupported = Code("ERR_PARQUET_UNSUPPORTED")
        /// A schema given to the writer is invalid (empty or duplicate names, bad nesting).
        public static let invalidSchema = Code("ERR_PARQUET_INVALID_SCHEMA")
        /// A value handed to the writer does not fit its column (type, null in a required column, length).
        public static let invalidValue = Code("ERR_PARQUET_INVALID_VALUE")
        /// A column name or index that the file does not have.
        public static let noSuchColumn = Code("ERR_PARQUET_NO_SUCH_COLUMN")
        /// The writer or reader was used after `close()`, or after a failed write.
        public static let closed = Code("ERR_PARQUET_CLOSED")
        /// An operating-system I/O error (EIO, EBADF, EACCES, …); `errno` is in the message.
        public static let io = Code("ERR_PARQUET_IO")
        /// The disk is full (ENOSPC or EDQUOT). Shared with the rest of Episodic.
        public static let diskFull = Code("ERR_DISK_FULL")
    }

    public var code: Code
    public var message: String
    public var hint: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, hint: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let hint { text += " (\(hint))" }
        if let cause { text += "; caused by: \(cause)" }
        return text
    }
}
