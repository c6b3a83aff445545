// How a logical schema is laid out in a Parquet footer: the flattened
// `SchemaElement` list and the leaf columns with their maximum levels.
//
// Lists use the standard 3-level form with the standard names, as the format
// spec (LogicalTypes.md, "Lists") and pyarrow ≥ 13 write them:
//
//     <required|optional> group <name> (LIST) {
//       repeated group list {
//         <required|optional> <element-type> element;
//       }
//     }

extension ParquetSchema {
    /// The name of the root schema element (what pyarrow writes as well).
    public static let rootName = "schema"

    /// The footer's schema: the root group, then every node depth-first.
    public func schemaElements() -> [SchemaElement] {
        var elements = [SchemaElement(name: Self.rootName, numChildren: Int32(fields.count))]
        for field in fields {
            Self.appendElements(of: field.type, name: field.name, nullable: field.nullable, to: &elements)
        }
        return elements
    }

    /// The leaf columns in file order, with their paths and maximum levels.
    public var leafColumns: [LeafColumn] {
        var leaves: [LeafColumn] = []
        for field in fields {
            Self.appendLeaves(
                of: field.type, path: [field.name], nullable: field.nullable,
                definition: 0, repetition: 0, to: &leaves)
        }
        return leaves
    }

    /// The physical type a primitive logical type is stored as; `nil` for nested types.
    public static func physicalType(of type: ParquetType) -> PhysicalType? {
        switch type {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .float: .float
        case .double: .double
        case .string, .binary: .byteArray
        case .list, .struct: nil
        }
    }

    private static func appendElements(
        of type: ParquetType, name: String, nullable: Bool, to elements: inout [SchemaElement]
    ) {
        let repetition: Repetition = nullable ? .optional : .required
        switch type {
        case .list(let element, let elementNullable):
            elements.append(
                SchemaElement(
                    repetitionType: repetition, name: name, numChildren: 1,
                    convertedType: .list, logicalType: .list))
            elements.append(SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1))
            appendElements(of: element, name: "element", nullable: elementNullable, to: &elements)
        case .struct(let children):
            elements.append(
                SchemaElement(repetitionType: repetition, name: name, numChildren: Int32(children.count)))
            for child in children {
                appendElements(of: child.type, name: child.name, nullable: child.nullable, to: &elements)
            }
        case .string:
            elements.append(
                SchemaElement(
                    type: .byteArray, repetitionType: repetition, name: name,
                    convertedType: .utf8, logicalType: .string))
        default:
            elements.append(
                SchemaElement(type: physicalType(of: type), repetitionType: repetition, name: name))
        }
    }

    private static func appendLeaves(
        of type: ParquetType, path: [String], nullable: Bool,
        definition: Int, repetition: Int, to leaves: inout [LeafColumn]
    ) {
        let definition = definition + (nullable ? 1 : 0)
        switch type {
        case .list(let element, let elementNullable):
            // The repeated `list` group adds one definition and one repetition level.
            appendLeaves(
                of: element, path: path + ["list", "element"], nullable: elementNullable,
                definition: definition + 1, repetition: repetition + 1, to: &leaves)
        case .struct(let children):
            for child in children {
                appendLeaves(
                    of: child.type, path: path + [child.name], nullable: child.nullable,
                    definition: definition, repetition: repetition, to: &leaves)
            }
        default:
            leaves.append(
                LeafColumn(
                    path: path, physicalType: physicalType(of: type)!, logicalType: type,
                    maxDefinitionLevel: definition, maxRepetitionLevel: repetition))
        }
    }
}
