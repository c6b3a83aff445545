// The public entry point for reading Parquet files.

/// Reads a Parquet file column by column, one row group at a time.
///
/// Opening reads and validates only the magic bytes and the footer; each
/// `readColumn` call then reads exactly the byte range of the column chunks it
/// needs with `pread`, so the whole file is never loaded. Corrupt input of any
/// kind is reported as a ``ParquetError`` with a specific code — never a crash,
/// a hang or an allocation the file's size does not justify.
///
/// Threading: one owner thread. The class is not `Sendable`; all calls block on
/// disk I/O, so call it from a background thread or task, not a latency-critical one.
///
/// Fields whose types are outside ``ParquetType`` (INT96, FIXED_LEN_BYTE_ARRAY,
/// MAP, …) do not prevent opening: they are left out of ``schema``, listed in
/// ``unsupportedFields``, and reading them throws `.unsupported`.
public final class ParquetFileReader {
    /// The decoded footer, exactly as stored.
    public let metadata: FileMetaData
    /// The logical schema of the fields this reader can return, in file order.
    public let schema: ParquetSchema
    /// The footer's schema as a tree (every field, supported or not), for printing.
    public let schemaTree: SchemaNode
    /// Top-level fields that cannot be read, with the reason.
    public let unsupportedFields: [String: ParquetError]

    let file: ReadOnlyFile
    let plans: [FieldPlan]
    /// Where the footer starts: every column chunk must end before it.
    let dataEnd: Int

    /// Opens `path` and decodes its footer.
    ///
    /// - Throws: `.io` if the file cannot be opened, `.badMagic` if it is not
    ///   Parquet, `.truncated` if it starts like Parquet but its end is missing,
    ///   `.footerLength` if the footer length points outside the file,
    ///   `.malformedThrift` / `.invalidMetadata` for a corrupt footer.
    public init(path: String) throws(ParquetError) {
        let file = try ReadOnlyFile(path: path)
        self.file = file
        let (footer, footerStart) = try Self.readFooterBytes(file)
        var reader = ThriftCompactReader(footer, context: "\(path): footer")
        metadata = try FileMetaData(thrift: &reader)
        dataEnd = footerStart
        schemaTree = try SchemaElement.tree(metadata.schema)

        var plans: [FieldPlan] = []
        var unsupported: [String: ParquetError] = [:]
        var column = 0
        for node in schemaTree.children {
            do {
                plans.append(try FieldPlan(node, firstColumn: column))
            } catch where error.code == .unsupported {
                unsupported[node.element.name] = error
            }
            column += node.leafCount
        }
        self.plans = plans
        schema = ParquetSchema(plans.map(\.field))
        unsupportedFields = unsupported
        try Self.validateRowGroups(metadata, leafCount: column, path: path)
    }

    /// Total rows in the file, as the footer states.
    public var numRows: Int { Int(metadata.numRows) }

    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Rows in row group `index` (`0 ..< rowGroupCount`; out of range traps, like an array).
    public func rowCount(ofRowGroup index: Int) -> Int { Int(metadata.rowGroups[index].numRows) }

    /// The file's key-value metadata (pandas and Arrow schema, LeRobot info …);
    /// a key without a value maps to the empty string, a repeated key to its last value.
    public var keyValueMetadata: [String: String] {
        var result: [String: String] = [:]
        for entry in metadata.keyValueMetadata ?? [] { result[entry.key] = entry.value ?? "" }
        return result
    }

    /// Reads top-level field `name` of row group `rowGroup`, reading only its column chunks.
    ///
    /// - Throws: `.noSuchColumn` for an unknown name or row group, `.unsupported`
    ///   for a field outside the model, and the page-level codes for corrupt data.
    public func readColumn(_ name: String, rowGroup: Int) throws(ParquetError) -> ColumnData {
        let plan = try plan(named: name)
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(
                .noSuchColumn, "\(file.path) has \(rowGroupCount) row group(s); there is no row group \(rowGroup)")
        }
        return try read(plan, rowGroup: rowGroup)
    }

    /// Reads top-level field `name` from every row group, concatenated in order.
    public func readColumn(_ name: String) throws(ParquetError) -> ColumnData {
        let plan = try plan(named: name)
        var parts: [ColumnData] = []
        for rowGroup in metadata.rowGroups.indices { parts.append(try read(plan, rowGroup: rowGroup)) }
        return parts.isEmpty ? ColumnData.empty(of: plan.field.type) : try ColumnData.concatenating(parts)
    }

    /// Reads every field of ``schema`` (in order) from row group `index`.
    public func readRowGroup(_ index: Int) throws(ParquetError) -> [ColumnData] {
        guard metadata.rowGroups.indices.contains(index) else {
            throw ParquetError(
                .noSuchColumn, "\(file.path) has \(rowGroupCount) row group(s); there is no row group \(index)")
        }
        var columns: [ColumnData] = []
        for plan in plans { columns.append(try read(plan, rowGroup: index)) }
        return columns
    }

    /// Closes the file. Later reads throw `.closed`; `metadata` and `schema` stay usable.
    public func close() {
        file.close()
    }

    private func plan(named name: String) throws(ParquetError) -> FieldPlan {
        if let plan = plans.first(where: { $0.field.name == name }) { return plan }
        if let error = unsupportedFields[name] { throw error }
        throw ParquetError(
            .noSuchColumn, "\(file.path) has no column '\(name)'",
            hint: "columns: \(schemaTree.children.map(\.element.name).joined(separator: ", "))")
    }
}
