// The reader's plan for one top-level field: its logical type, which leaf
// columns hold it, and the definition level at which each node on a leaf's path
// becomes non-null. Built once per file from the schema tree; immutable.
//
// List forms accepted (LogicalTypes.md, "Lists", backward-compatibility rules):
//   * standard 3-level: `<opt> group a (LIST) { repeated group <any name> { <opt> elem } }`
//     (pyarrow writes `list/element`, older pyarrow `list/item`, Hive `bag/array_element`);
//   * 2-level: the repeated child is itself the (required) element — a primitive,
//     a group with several fields, or a group named `array` or `<a>_tuple`;
//   * a bare `repeated` field outside any LIST group: a list of required elements.

/// What one node on a leaf's path is, and the definition level from which it is non-null.
struct PathStep: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A list; its elements exist from `definedFrom + 1`.
        case list
        case group
        case leaf
    }

    var kind: Kind
    /// Definition level at or above which this node is non-null.
    var definedFrom: Int
}

/// One leaf column of a field, with its path steps from the top-level field down.
struct LeafPlan: Hashable, Sendable {
    /// Index of the column chunk in every row group (depth-first leaf order).
    var columnIndex: Int
    var column: LeafColumn
    var steps: [PathStep]
}

/// The shape of a field as the reader reassembles it.
indirect enum PlanNode: Hashable, Sendable {
    /// Index into `FieldPlan.leaves`.
    case leaf(Int)
    case list(PlanNode)
    case group([PlanNode])

    /// Every leaf under this node, in order.
    var leafIndices: [Int] {
        switch self {
        case .leaf(let index): [index]
        case .list(let child): child.leafIndices
        case .group(let children): children.flatMap(\.leafIndices)
        }
    }

    /// The first leaf under this node: lists and groups take their validity and offsets from it.
    var firstLeaf: Int {
        switch self {
        case .leaf(let index): index
        case .list(let child): child.firstLeaf
        case .group(let children): children.first?.firstLeaf ?? 0
        }
    }
}

/// How to read one top-level field.
struct FieldPlan: Hashable, Sendable {
    var field: ParquetField
    var node: PlanNode
    var leaves: [LeafPlan]

    /// Levels are held as bytes; deeper nesting is refused as unsupported.
    static let maxLevel = 255

    /// Plans the field rooted at `node`, whose first leaf is column `firstColumn`.
    /// Throws `.unsupported` for types outside the model, `.invalidMetadata` for a malformed list.
    init(_ node: SchemaNode, firstColumn: Int) throws(ParquetError) {
        var builder = Builder(nextColumn: firstColumn)
        let built = try builder.build(
            node, repetition: node.element.repetitionType ?? .required, definition: 0, repetition: 0,
            path: [], steps: [])
        field = ParquetField(node.element.name, built.type, nullable: built.nullable)
        self.node = built.node
        leaves = builder.leaves
    }

    private struct Builder {
        var nextColumn: Int
        var leaves: [LeafPlan] = []

        struct Built {
            var type: ParquetType
            var nullable: Bool
            var node: PlanNode
        }

        mutating func build(
            _ node: SchemaNode, repetition: Repetition, definition: Int, repetition repetitionLevel: Int,
            path: [String], steps: [PathStep]
        ) throws(ParquetError) -> Built {
            let path = path + [node.element.name]
            let name = path.joined(separator: ".")
            guard definition < FieldPlan.maxLevel - 2 else {
                throw ParquetError(.unsupported, "column '\(name)' is nested deeper than this reader handles")
            }
            switch repetition {
            case .repeated:
                // A bare repeated field: a non-null list whose elements are this node.
                let step = PathStep(kind: .list, definedFrom: definition)
                let element = try build(
                    node, repetition: .required, definition: definition + 1, repetition: repetitionLevel + 1,
                    path: Array(path.dropLast()), steps: steps + [step])
                return Built(type: .list(element: element.type, elementNullable: false), nullable: false,
                             node: .list(element.node))
            case .required, .optional:
                break
            default:
                throw SchemaElement.invalid("column '\(name)' has unknown repetition \(repetition.rawValue)")
            }
            let nullable = repetition == .optional
            let defined = definition + (nullable ? 1 : 0)

            if node.isMapAnnotated {
                throw ParquetError(
                    .unsupported, "column '\(name)' is a MAP, which this reader does not handle",
                    hint: "convert it to a list of structs")
            }
            if node.isListAnnotated {
                guard node.children.count == 1, let repeated = node.children.first,
                      repeated.element.repetitionType == .repeated
                else {
                    throw SchemaElement.invalid("LIST column '\(name)' must have exactly one repeated child")
                }
                let step = PathStep(kind: .list, definedFrom: defined)
                let listPath = path + [repeated.element.name]
                let element: Built
                if !repeated.isGroup || repeated.children.count != 1 || repeated.element.name == "array"
                    || repeated.element.name == node.element.name + "_tuple"
                {
                    // 2-level: the repeated node is the element itself.
                    element = try build(
                        repeated, repetition: .required, definition: defined + 1, repetition: repetitionLevel + 1,
                        path: path, steps: steps + [step])
                } else {
                    let child = repeated.children[0]
                    element = try build(
                        child, repetition: child.element.repetitionType ?? .required,
                        definition: defined + 1, repetition: repetitionLevel + 1,
                        path: listPath, steps: steps + [step])
                }
                return Built(
                    type: .list(element: element.type, elementNullable: element.nullable), nullable: nullable,
                    node: .list(element.node))
            }
            if node.isGroup {
                guard !node.children.isEmpty else {
                    throw ParquetError(.unsupported, "column '\(name)' is an empty group")
                }
                let step = PathStep(kind: .group, definedFrom: defined)
                var fields: [ParquetField] = []
                var nodes: [PlanNode] = []
                for child in node.children {
                    let built = try build(
                        child, repetition: child.element.repetitionType ?? .required, definition: defined,
                        repetition: repetitionLevel, path: path, steps: steps + [step])
                    fields.append(ParquetField(child.element.name, built.type, nullable: built.nullable))
                    nodes.append(built.node)
                }
                return Built(type: .struct(fields), nullable: nullable, node: .group(nodes))
            }
            let type = try node.primitiveType().get()
            let leaf = LeafPlan(
                columnIndex: nextColumn,
                column: LeafColumn(
                    path: path, physicalType: node.element.type!, logicalType: type,
                    maxDefinitionLevel: defined, maxRepetitionLevel: repetitionLevel),
                steps: steps + [PathStep(kind: .leaf, definedFrom: defined)])
            nextColumn += 1
            leaves.append(leaf)
            return Built(type: type, nullable: nullable, node: .leaf(leaves.count - 1))
        }
    }
}
