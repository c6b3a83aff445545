// Rebuilding the schema tree from the footer's flat, depth-first element list,
// and mapping it to the logical `ParquetSchema` plus the reader's plan of how
// to reassemble each field from its leaf columns.
//
// Files from any writer must open: a field whose type is outside the model
// (INT96, FIXED_LEN_BYTE_ARRAY, MAP, …) is kept aside with the reason, and only
// reading that field fails (`.unsupported`). A tree that is itself broken
// (children overrunning the list, a leaf without a type) is `.invalidMetadata`.

/// One node of a file's schema as the footer describes it: the element and its children.
public struct SchemaNode: Hashable, Sendable {
    public var element: SchemaElement
    public var children: [SchemaNode]

    /// `true` for a group (a node with children or without a physical type).
    public var isGroup: Bool { element.type == nil }
}

extension SchemaElement {
    /// Deeper schema trees are rejected (LeRobot's deepest field is 7 levels).
    static let maxTreeDepth = 64

    /// Rebuilds the tree from depth-first `elements` (root first).
    ///
    /// - Throws: `.invalidMetadata` if the list is empty, `num_children`
    ///   overruns it or is negative, elements are left over, a leaf has no
    ///   type, or the tree is deeper than ``maxTreeDepth``.
    public static func tree(_ elements: [SchemaElement]) throws(ParquetError) -> SchemaNode {
        guard !elements.isEmpty else { throw invalid("the schema has no elements") }
        var index = 0
        let root = try node(elements, &index, depth: 0)
        guard index == elements.count else {
            throw invalid(
                "the schema root covers \(index) element(s) but the footer has \(elements.count)")
        }
        guard root.isGroup else { throw invalid("the schema root '\(root.element.name)' is not a group") }
        return root
    }

    private static func node(
        _ elements: [SchemaElement], _ index: inout Int, depth: Int
    ) throws(ParquetError) -> SchemaNode {
        guard depth < maxTreeDepth else { throw invalid("the schema is nested deeper than \(maxTreeDepth) levels") }
        // Grandchildren consume elements too, so a sibling can find the list exhausted.
        guard index < elements.count else {
            throw invalid("the schema's num_children counts need more than the \(elements.count) elements the footer has")
        }
        let element = elements[index]
        index += 1
        let childCount = Int(element.numChildren ?? 0)
        guard childCount >= 0 else {
            throw invalid("schema element '\(element.name)' has \(childCount) children")
        }
        if element.type == nil && element.numChildren == nil {
            throw invalid("schema element '\(element.name)' has neither a type nor children")
        }
        guard childCount <= elements.count - index else {
            throw invalid(
                "schema element '\(element.name)' claims \(childCount) children but only \(elements.count - index) elements follow")
        }
        var children: [SchemaNode] = []
        for _ in 0..<childCount {
            children.append(try node(elements, &index, depth: depth + 1))
        }
        if element.type != nil && childCount > 0 {
            throw invalid("schema element '\(element.name)' has a physical type and children")
        }
        return SchemaNode(element: element, children: children)
    }

    static func invalid(_ message: String) -> ParquetError {
        ParquetError(.invalidMetadata, message, hint: "the file is corrupt or from a buggy writer")
    }
}

extension SchemaNode {
    /// Number of leaf (primitive) columns under this node, itself included.
    var leafCount: Int {
        isGroup ? children.reduce(0) { $0 + $1.leafCount } : 1
    }

    /// `true` when annotated LIST by the logical or the legacy converted type.
    var isListAnnotated: Bool {
        element.logicalType == .list || element.convertedType == .list
    }

    /// `true` when annotated MAP or MAP_KEY_VALUE.
    var isMapAnnotated: Bool {
        element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
    }

    /// The logical type of a primitive node, or `nil` with the reason it is outside the model.
    func primitiveType() -> Result<ParquetType, ParquetError> {
        let element = element
        let unsupported = { (what: String) in
            Result<ParquetType, ParquetError>.failure(
                ParquetError(
                    .unsupported, "column '\(element.name)' has type \(what), which this reader does not handle",
                    hint: "convert the column (e.g. with pyarrow) to int, float, string or binary"))
        }
        switch element.type {
        case .boolean?: return .success(.boolean)
        case .int32?: return .success(.int32)
        case .int64?: return .success(.int64)
        case .float?: return .success(.float)
        case .double?: return .success(.double)
        case .byteArray?:
            switch element.logicalType {
            case .string?, .enum?, .json?: return .success(.string)
            case nil:
                let textual: Set<ConvertedType> = [.utf8, .enum, .json]
                return .success(element.convertedType.map(textual.contains) == true ? .string : .binary)
            default: return .success(.binary)
            }
        case let other?: return unsupported(other.description)
        case nil: return unsupported("none")
        }
    }
}
