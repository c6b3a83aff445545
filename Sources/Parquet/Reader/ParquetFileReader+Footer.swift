// Locating and validating the footer of a Parquet file.

extension ParquetFileReader {
    static let magic: [UInt8] = Array("PAR1".utf8)
    /// Magic of files with an encrypted footer, which this reader cannot open.
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Reads the footer bytes; returns them and the offset where they start.
    static func readFooterBytes(_ file: ReadOnlyFile) throws(ParquetError) -> ([UInt8], Int) {
        let path = file.path
        let head = try file.read(at: 0, count: min(4, file.size))
        guard head == Array(magic.prefix(head.count)) else {
            throw ParquetError(
                .badMagic, "\(path) does not start with the Parquet magic PAR1",
                hint: "the file is not a Parquet file")
        }
        guard file.size >= 12 else {
            throw ParquetError(
                .truncated, "\(path) is \(file.size) bytes long, too short for a Parquet file (at least 12)",
                hint: "the file is truncated, or its writer died before finishing it")
        }
        let tail = try file.read(at: file.size - 8, count: 8)
        let tailMagic = Array(tail[4..<8])
        if tailMagic == encryptedMagic {
            throw ParquetError(.unsupported, "\(path) has an encrypted footer", hint: "decrypt the file first")
        }
        guard tailMagic == magic else {
            throw ParquetError(
                .truncated, "\(path) starts like a Parquet file but does not end with PAR1",
                hint: "the file is truncated, or its writer died before writing the footer; restore it from its source")
        }
        let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard length <= file.size - 12 else {
            throw ParquetError(
                .footerLength,
                "\(path): the footer claims \(length) bytes but the file has only \(file.size - 12) before it",
                hint: "the file is truncated or corrupt")
        }
        let start = file.size - 8 - length
        return (try file.read(at: start, count: length), start)
    }

    /// Checks the row groups against the schema: one chunk per leaf, sane row counts.
    static func validateRowGroups(_ metadata: FileMetaData, leafCount: Int, path: String) throws(ParquetError) {
        guard metadata.numRows >= 0 else {
            throw SchemaElement.invalid("\(path): the footer says \(metadata.numRows) rows")
        }
        var total: Int64 = 0
        for (index, rowGroup) in metadata.rowGroups.enumerated() {
            guard rowGroup.columns.count == leafCount else {
                throw SchemaElement.invalid(
                    "\(path): row group \(index) has \(rowGroup.columns.count) column chunks, the schema \(leafCount) leaf columns")
            }
            guard rowGroup.numRows >= 0 else {
                throw SchemaElement.invalid("\(path): row group \(index) has \(rowGroup.numRows) rows")
            }
            let (sum, overflow) = total.addingReportingOverflow(rowGroup.numRows)
            guard !overflow else { throw SchemaElement.invalid("\(path): row counts overflow") }
            total = sum
        }
        guard total == metadata.numRows else {
            throw SchemaElement.invalid(
                "\(path): the row groups hold \(total) rows but the footer says \(metadata.numRows)")
        }
    }
}
