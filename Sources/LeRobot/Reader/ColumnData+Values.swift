// Reading plain values out of Parquet columns as LeRobot metadata needs them.

import Parquet

extension ColumnData {
    /// Integer values (int64 or int32 storage), or `nil` for other storage.
    public var int64Values: [Int64]? {
        switch storage {
        case .int64(let v): return v
        case .int32(let v): return v.map(Int64.init)
        default: return nil
        }
    }

    /// Numeric values as doubles (double, float, int64, int32 storage).
    public var doubleValues: [Double]? {
        switch storage {
        case .double(let v): return v
        case .float(let v): return v.map(Double.init)
        case .int64(let v): return v.map(Double.init)
        case .int32(let v): return v.map(Double.init)
        default: return nil
        }
    }

    /// Float32 values (float storage only: the exact bits of a `timestamp` column).
    public var floatValues: [Float]? {
        if case .float(let v) = storage { return v }
        return nil
    }

    /// A `list<string>` column as one array per row.
    public var stringLists: [[String]]? {
        guard case .list(let offsets, let child) = storage, case .string(let s) = child.storage else { return nil }
        return (0..<count).map { Array(s[offsets[$0]..<offsets[$0 + 1]]) }
    }

    /// The numbers of row `row` of a (possibly nested) list column, flattened, and the
    /// nesting depth (1 for `[v…]`, 3 for `[[[v]]…]`). `nil` for non-list or non-numeric columns.
    public func flattenedNumbers(row: Int) -> (values: [Double], depth: Int)? {
        guard case .list(let offsets, let child) = storage, row < count else { return nil }
        var out: [Double] = []
        var depth = 0
        func walk(_ c: ColumnData, _ range: Range<Int>, _ level: Int) -> Bool {
            switch c.storage {
            case .list(let o, let inner):
                for i in range where !walk(inner, o[i]..<o[i + 1], level + 1) { return false }
                if range.isEmpty { depth = max(depth, level + 1) }
                return true
            default:
                guard let values = c.doubleValues else { return false }
                out.append(contentsOf: values[range])
                depth = max(depth, level)
                return true
            }
        }
        guard walk(child, offsets[row]..<offsets[row + 1], 1) else { return nil }
        return (out, depth)
    }

    /// Rows `range` of this column (offsets rebased, validity kept).
    public func rows(_ range: Range<Int>) -> ColumnData {
        let validity = self.validity.map { Array($0[range]) }
        switch storage {
        case .boolean(let v): return ColumnData(.boolean(Array(v[range])), validity: validity)
        case .int32(let v): return ColumnData(.int32(Array(v[range])), validity: validity)
        case .int64(let v): return ColumnData(.int64(Array(v[range])), validity: validity)
        case .float(let v): return ColumnData(.float(Array(v[range])), validity: validity)
        case .double(let v): return ColumnData(.double(Array(v[range])), validity: validity)
        case .string(let v): return ColumnData(.string(Array(v[range])), validity: validity)
        case .binary(let v): return ColumnData(.binary(Array(v[range])), validity: validity)
        case .list(let offsets, let child):
            let lo = offsets[range.lowerBound], hi = offsets[range.upperBound]
            let rebased = offsets[range.lowerBound...range.upperBound].map { $0 - lo }
            return ColumnData(.list(offsets: rebased, child: child.rows(lo..<hi)), validity: validity)
        case .struct(let children):
            return ColumnData(.struct(children.map { $0.rows(range) }), validity: validity)
        }
    }
}
