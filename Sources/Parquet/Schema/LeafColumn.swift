/// One leaf (primitive) column of a schema: what a column chunk in a row group
/// stores. Levels follow the Dremel encoding the Parquet format uses.
public struct LeafColumn: Hashable, Sendable {
    /// Names from the top-level field down to the leaf (`["action", "list", "element"]`).
    public var path: [String]
    public var physicalType: PhysicalType
    /// The logical type the leaf stands for (`.string` vs `.binary` for BYTE_ARRAY).
    public var logicalType: ParquetType
    /// Highest definition level: the number of OPTIONAL or REPEATED nodes on the path.
    public var maxDefinitionLevel: Int
    /// Highest repetition level: the number of REPEATED nodes on the path.
    public var maxRepetitionLevel: Int

    public init(
        path: [String], physicalType: PhysicalType, logicalType: ParquetType,
        maxDefinitionLevel: Int, maxRepetitionLevel: Int
    ) {
        self.path = path
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
    }

    /// The dotted path, as tools print it (`action.list.element`).
    public var dottedPath: String { path.joined(separator: ".") }
}
