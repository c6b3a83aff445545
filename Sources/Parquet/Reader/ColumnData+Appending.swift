// Concatenating column slices, so `readColumn(_:)` can join row groups.

extension ColumnData {
    /// The slots of `parts` one after another. Every part must have the same
    /// shape (same storage kinds at every level); list offsets are shifted and
    /// validity merged. Linear in the total size: each level is built once with
    /// its final capacity.
    ///
    /// - Throws: `.invalidMetadata` when the shapes differ (row groups of one
    ///   file that disagree about a column's type).
    static func concatenating(_ parts: [ColumnData]) throws(ParquetError) -> ColumnData {
        guard let first = parts.first else {
            throw ParquetError(.invalidMetadata, "no column slices to concatenate")
        }
        if parts.count == 1 { return first }
        let storage: Storage
        switch first.storage {
        case .boolean: storage = .boolean(try joined(parts) { if case .boolean(let v) = $0 { v } else { nil } })
        case .int32: storage = .int32(try joined(parts) { if case .int32(let v) = $0 { v } else { nil } })
        case .int64: storage = .int64(try joined(parts) { if case .int64(let v) = $0 { v } else { nil } })
        case .float: storage = .float(try joined(parts) { if case .float(let v) = $0 { v } else { nil } })
        case .double: storage = .double(try joined(parts) { if case .double(let v) = $0 { v } else { nil } })
        case .string: storage = .string(try joined(parts) { if case .string(let v) = $0 { v } else { nil } })
        case .binary: storage = .binary(try joined(parts) { if case .binary(let v) = $0 { v } else { nil } })
        case .list:
            var offsets = [0]
            offsets.reserveCapacity(parts.reduce(1) { $0 + $1.count })
            var children: [ColumnData] = []
            for part in parts {
                guard case .list(let partOffsets, let child) = part.storage else { throw mismatch() }
                let base = offsets[offsets.count - 1] - (partOffsets.first ?? 0)
                offsets.append(contentsOf: partOffsets.dropFirst().map { $0 + base })
                children.append(child)
            }
            storage = .list(offsets: offsets, child: try concatenating(children))
        case .struct(let firstChildren):
            var fields: [ColumnData] = []
            for index in firstChildren.indices {
                var column: [ColumnData] = []
                for part in parts {
                    guard case .struct(let children) = part.storage, children.count == firstChildren.count else {
                        throw mismatch()
                    }
                    column.append(children[index])
                }
                fields.append(try concatenating(column))
            }
            storage = .struct(fields)
        }
        var validity: [Bool]?
        if parts.contains(where: { $0.validity != nil }) {
            var merged: [Bool] = []
            merged.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { merged.append(contentsOf: part.validity ?? Array(repeating: true, count: part.count)) }
            validity = merged
        }
        return ColumnData(storage, validity: validity)
    }

    private static func joined<Element>(
        _ parts: [ColumnData], _ values: (Storage) -> [Element]?
    ) throws(ParquetError) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            guard let slice = values(part.storage) else { throw mismatch() }
            result.append(contentsOf: slice)
        }
        return result
    }

    private static func mismatch() -> ParquetError {
        ParquetError(
            .invalidMetadata, "row groups disagree about the shape of a column",
            hint: "the file is corrupt or from a buggy writer")
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
