// Column-wise values, as the writer takes them and the reader returns them.
//
// The layout follows Apache Arrow: each nesting level is an array of slots, with
// an optional validity bitmap (here `[Bool]`); a list level holds offsets into
// its child. A null slot still occupies a place in the storage array (holding a
// zero, an empty string, or an empty list), so indices line up across levels.

/// The values of one field for a run of rows (or for the elements of a list).
public struct ColumnData: Hashable, Sendable {
    public var storage: Storage
    /// One flag per slot, `false` where the slot is null; `nil` when no slot is null.
    public var validity: [Bool]?

    public init(_ storage: Storage, validity: [Bool]? = nil) {
        self.storage = storage
        self.validity = validity
    }

    /// The values of one nesting level.
    public indirect enum Storage: Hashable, Sendable {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case float([Float])
        case double([Double])
        case string([String])
        case binary([[UInt8]])
        /// Slot `i` holds `child` slots `offsets[i] ..< offsets[i+1]`;
        /// `offsets.count == count + 1`, `offsets[0] == 0`, non-decreasing.
        case list(offsets: [Int], child: ColumnData)
        /// One child per struct field, each with `count` slots.
        case `struct`([ColumnData])
    }

    /// Number of slots at this level (rows, for a top-level column).
    public var count: Int {
        switch storage {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .string(let v): v.count
        case .binary(let v): v.count
        case .list(let offsets, _): max(offsets.count - 1, 0)
        case .struct(let children): children.first?.count ?? 0
        }
    }

    /// Whether slot `index` is non-null.
    public func isValid(_ index: Int) -> Bool {
        validity?[index] ?? true
    }
}

// MARK: - Convenience constructors

extension ColumnData {
    public static func boolean(_ values: [Bool]) -> ColumnData { ColumnData(.boolean(values)) }
    public static func int32(_ values: [Int32]) -> ColumnData { ColumnData(.int32(values)) }
    public static func int64(_ values: [Int64]) -> ColumnData { ColumnData(.int64(values)) }
    public static func float(_ values: [Float]) -> ColumnData { ColumnData(.float(values)) }
    public static func double(_ values: [Double]) -> ColumnData { ColumnData(.double(values)) }
    public static func string(_ values: [String]) -> ColumnData { ColumnData(.string(values)) }
    public static func binary(_ values: [[UInt8]]) -> ColumnData { ColumnData(.binary(values)) }

    /// A list column from one array per row (no null rows, no null elements).
    public static func list(_ rows: [[Float]]) -> ColumnData {
        listColumn(rows) { .float($0) }
    }

    /// A list column from one array per row (no null rows, no null elements).
    public static func list(_ rows: [[Double]]) -> ColumnData {
        listColumn(rows) { .double($0) }
    }

    /// A list column from one array per row (no null rows, no null elements).
    public static func list(_ rows: [[Int64]]) -> ColumnData {
        listColumn(rows) { .int64($0) }
    }

    /// A list column from one array per row (no null rows, no null elements).
    public static func list(_ rows: [[Int32]]) -> ColumnData {
        listColumn(rows) { .int32($0) }
    }

    /// A list column from one array per row (no null rows, no null elements).
    public static func list(_ rows: [[String]]) -> ColumnData {
        listColumn(rows) { .string($0) }
    }

    private static func listColumn<Element>(
        _ rows: [[Element]], _ makeChild: ([Element]) -> Storage
    ) -> ColumnData {
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var flat: [Element] = []
        flat.reserveCapacity(rows.reduce(0) { $0 + $1.count })
        for row in rows {
            flat.append(contentsOf: row)
            offsets.append(flat.count)
        }
        return ColumnData(.list(offsets: offsets, child: ColumnData(makeChild(flat))))
    }
}
