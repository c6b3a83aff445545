// Column chunk statistics: min/max in the type's defined order, PLAIN-encoded
// (byte arrays without their length prefix), and the null count.
//
// Rules from parquet.thrift (ColumnOrder / TypeDefinedOrder):
//   - signed comparison for INT32/INT64, false < true for BOOLEAN;
//   - floats: NaN is ignored; when the min is ±0 write -0.0, when the max is
//     ±0 write +0.0; a chunk of only NaNs has no min/max;
//   - byte arrays (strings and binary): unsigned lexicographic byte order.

/// Computes the `Statistics` of one column chunk. Stateless.
enum StatisticsBuilder {
    static func statistics(of values: LeafValues, nullCount: Int) -> Statistics {
        var stats = Statistics(nullCount: Int64(nullCount))
        if let (min, max) = minMax(values) {
            stats.minValue = min
            stats.maxValue = max
        }
        return stats
    }

    /// PLAIN-encoded (min, max), or `nil` when there is no non-null, non-NaN value.
    static func minMax(_ values: LeafValues) -> ([UInt8], [UInt8])? {
        switch values.physicalType {
        case .boolean:
            guard !values.booleans.isEmpty else { return nil }
            let min: UInt8 = values.booleans.contains(false) ? 0 : 1
            let max: UInt8 = values.booleans.contains(true) ? 1 : 0
            return ([min], [max])
        case .int32: return integerMinMax(values.int32s)
        case .int64: return integerMinMax(values.int64s)
        case .float: return floatMinMax(values.floats)
        case .double: return floatMinMax(values.doubles)
        default: return byteArrayMinMax(values.byteArrays)
        }
    }

    private static func integerMinMax<T: FixedWidthInteger>(_ values: [T]) -> ([UInt8], [UInt8])? {
        guard var min = values.first else { return nil }
        var max = min
        for value in values {
            if value < min { min = value }
            if value > max { max = value }
        }
        return (bytes(min), bytes(max))
    }

    private static func floatMinMax<T: BinaryFloatingPoint>(_ values: [T]) -> ([UInt8], [UInt8])? {
        values.withUnsafeBufferPointer { buffer -> ([UInt8], [UInt8])? in
            guard let first = buffer.firstIndex(where: { !$0.isNaN }) else { return nil }
            var min = buffer[first]
            var max = min
            // Comparisons with NaN are false, so NaNs after the first value drop out
            // by themselves, and the selects below compile to vector min/max.
            for value in buffer[first...] {
                min = value < min ? value : min
                max = value > max ? value : max
            }
            if min == 0 { min = -T.zero }
            if max == 0 { max = T.zero }
            return (bytes(min), bytes(max))
        }
    }

    private static func byteArrayMinMax(_ values: ByteArrayBuffer) -> ([UInt8], [UInt8])? {
        guard values.count > 0 else { return nil }
        var min = values[0]
        var max = min
        for index in 1..<values.count {
            let value = values[index]
            if value.lexicographicallyPrecedes(min) { min = value }
            if max.lexicographicallyPrecedes(value) { max = value }
        }
        return (Array(min), Array(max))
    }

    private static func bytes<T>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }
}
