// The logical schema shared by the writer and the reader.
//
// Deliberately small: the column shapes LeRobot datasets use (scalars, strings,
// binary blobs, nested LISTs for vectors and per-channel image statistics,
// structs for embedded images) and what pyarrow writes for them by default.
// The writer flattens a schema into `SchemaElement`s (3-level LIST, standard
// naming `list`/`element`); the reader rebuilds it from any writer's elements.

/// The columns of a Parquet file, in file order.
public struct ParquetSchema: Hashable, Sendable {
    public var fields: [ParquetField]

    public init(_ fields: [ParquetField]) {
        self.fields = fields
    }

    /// The field with this top-level name, if any.
    public func field(named name: String) -> ParquetField? {
        fields.first { $0.name == name }
    }
}

/// One named field of a schema (top level, or inside a struct).
public struct ParquetField: Hashable, Sendable {
    public var name: String
    public var type: ParquetType
    /// `true` for an OPTIONAL field (values may be null), `false` for REQUIRED.
    public var nullable: Bool

    public init(_ name: String, _ type: ParquetType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// The logical type of a field.
public indirect enum ParquetType: Hashable, Sendable {
    case boolean
    case int32
    case int64
    case float
    case double
    /// UTF-8 text: BYTE_ARRAY annotated STRING.
    case string
    /// Opaque bytes: BYTE_ARRAY without annotation (PNG images, for instance).
    case binary
    /// A variable-length list (3-level LIST). Vectors are lists of float or double;
    /// LeRobot's per-channel image statistics are lists of lists of lists of double.
    case list(element: ParquetType, elementNullable: Bool = false)
    /// A group of named fields (LeRobot's embedded image: `struct<bytes: binary, path: string>`).
    case `struct`([ParquetField])

    /// `true` for the types stored in exactly one leaf column without nesting.
    public var isPrimitive: Bool {
        switch self {
        case .list, .struct: false
        default: true
        }
    }
}
