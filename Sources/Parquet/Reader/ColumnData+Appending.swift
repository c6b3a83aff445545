// Concatenating column slices, so `readColumn(_:)` can join row groups.

extension ColumnData {
    /// Appends the slots of `other`, which must have the same shape (same
    /// storage kinds at every level); list offsets are shifted, validity merged.
    ///
    /// - Throws: `.invalidMetadata` when the shapes differ (row groups of one
    ///   file that disagree about a column's type).
    mutating func append(_ other: ColumnData) throws(ParquetError) {
        let before = count
        switch (storage, other.storage) {
        case (.boolean(var a), .boolean(let b)): a += b; storage = .boolean(a)
        case (.int32(var a), .int32(let b)): a += b; storage = .int32(a)
        case (.int64(var a), .int64(let b)): a += b; storage = .int64(a)
        case (.float(var a), .float(let b)): a += b; storage = .float(a)
        case (.double(var a), .double(let b)): a += b; storage = .double(a)
        case (.string(var a), .string(let b)): a += b; storage = .string(a)
        case (.binary(var a), .binary(let b)): a += b; storage = .binary(a)
        case (.list(var offsets, var child), .list(let otherOffsets, let otherChild)):
            let base = offsets.last ?? 0
            if offsets.isEmpty { offsets = [0] }
            offsets.append(contentsOf: otherOffsets.dropFirst().map { $0 + base })
            try child.append(otherChild)
            storage = .list(offsets: offsets, child: child)
        case (.struct(var children), .struct(let otherChildren)) where children.count == otherChildren.count:
            for index in children.indices { try children[index].append(otherChildren[index]) }
            storage = .struct(children)
        default:
            throw ParquetError(
                .invalidMetadata, "row groups disagree about the shape of a column",
                hint: "the file is corrupt or from a buggy writer")
        }
        if validity != nil || other.validity != nil {
            var merged = validity ?? Array(repeating: true, count: before)
            merged.append(contentsOf: other.validity ?? Array(repeating: true, count: other.count))
            validity = merged
        }
    }

    /// An empty column of `type` (zero slots), for files without row groups.
    static func empty(of type: ParquetType) -> ColumnData {
        switch type {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .float: .float([])
        case .double: .double([])
        case .string: .string([])
        case .binary: .binary([])
        case .list(let element, _): ColumnData(.list(offsets: [0], child: empty(of: element)))
        case .struct(let fields): ColumnData(.struct(fields.map { empty(of: $0.type) }))
        }
    }
}
