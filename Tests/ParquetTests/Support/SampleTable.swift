@testable import Parquet

/// A deterministic table covering every type the writer handles: scalars,
/// strings, binary, lists of each primitive, a 3-deep nested list, nullable
/// top-level fields, nullable list elements and a nullable struct. Values are
/// formulas of the row number (no randomness), including -0.0 and unicode.
enum SampleTable {
    static let imageType = ParquetType.struct([ParquetField("bytes", .binary), ParquetField("path", .string)])
    static let nestedType = ParquetType.list(element: .list(element: .list(element: .double)))

    static let schema = ParquetSchema([
        ParquetField("b", .boolean),
        ParquetField("i32", .int32),
        ParquetField("i64", .int64),
        ParquetField("f", .float),
        ParquetField("d", .double),
        ParquetField("s", .string),
        ParquetField("bin", .binary),
        ParquetField("lf", .list(element: .float)),
        ParquetField("ld", .list(element: .double)),
        ParquetField("li32", .list(element: .int32)),
        ParquetField("li64", .list(element: .int64)),
        ParquetField("ls", .list(element: .string)),
        ParquetField("nested", nestedType),
        ParquetField("opt_i64", .int64, nullable: true),
        ParquetField("opt_s", .string, nullable: true),
        ParquetField("opt_list", .list(element: .float, elementNullable: true), nullable: true),
        ParquetField("image", imageType, nullable: true),
    ])

    /// Columns for rows `rows`, in schema order.
    static func columns(_ rows: Range<Int>) -> [ColumnData] {
        let r = Array(rows)
        func lengths(_ row: Int) -> Int { row % 4 }
        return [
            .boolean(r.map { $0 % 3 == 0 }),
            .int32(r.map { Int32($0 * 7 - 50) }),
            .int64(r.map { Int64($0) * 1_000_000_007 - 3 }),
            .float(r.map { $0 == 4 ? -0.0 : Float($0) * 0.25 - 1 }),
            .double(r.map { Double($0) / 3 }),
            .string(r.map { "task \($0 % 5) ü" }),
            .binary(r.map { [UInt8($0 % 256), 0, 255] }),
            .list(r.map { row in (0..<lengths(row)).map { Float(row) + Float($0) / 2 } }),
            .list(r.map { row in (0..<lengths(row + 1)).map { Double(row) * 1.5 - Double($0) } }),
            .list(r.map { row in (0..<lengths(row + 2)).map { Int32(row - $0) } }),
            .list(r.map { row in (0..<lengths(row + 3)).map { Int64(row) << 33 + Int64($0) } }),
            .list(r.map { row in (0..<lengths(row)).map { "e\(row)-\($0)" } }),
            nested(r),
            ColumnData(.int64(r.map { Int64($0) - 10 }), validity: r.map { $0 % 4 != 1 }),
            ColumnData(.string(r.map { $0 % 3 == 2 ? "" : "opt \($0)" }), validity: r.map { $0 % 3 != 2 }),
            optionalList(r),
            image(r),
        ]
    }

    /// Row r: r % 3 middle lists; middle list j holds j % 2 + (r % 2) inner lists of j + 1 doubles.
    static func nested(_ rows: [Int]) -> ColumnData {
        var outer = [0], middle = [0], inner = [0]
        var values: [Double] = []
        for row in rows {
            for j in 0..<(row % 3) {
                for k in 0..<(j % 2 + row % 2) {
                    for e in 0...j { values.append(Double(row * 100 + j * 10 + k) + Double(e) / 4) }
                    inner.append(values.count)
                }
                middle.append(inner.count - 1)
            }
            outer.append(middle.count - 1)
        }
        let innerList = ColumnData(.list(offsets: inner, child: .double(values)))
        let middleList = ColumnData(.list(offsets: middle, child: innerList))
        return ColumnData(.list(offsets: outer, child: middleList))
    }

    /// Null every 5th row; rows hold r % 3 elements, every element e with e % 3 == 1 null.
    static func optionalList(_ rows: [Int]) -> ColumnData {
        var offsets = [0]
        var values: [Float] = []
        var validity: [Bool] = []
        for row in rows where row % 5 != 0 {
            for e in 0..<(row % 3) {
                values.append(e % 3 == 1 ? 0 : Float(row) - Float(e))
                validity.append(e % 3 != 1)
            }
            offsets.append(values.count)
        }
        // Rebuild with null rows in place (a null row is an empty slot).
        offsets = [0]
        var cursor = 0
        for row in rows {
            if row % 5 != 0 { cursor += row % 3 }
            offsets.append(cursor)
        }
        return ColumnData(
            .list(offsets: offsets, child: ColumnData(.float(values), validity: validity)),
            validity: rows.map { $0 % 5 != 0 })
    }

    /// `struct<bytes, path>`, null every 6th row (at r % 6 == 5).
    static func image(_ rows: [Int]) -> ColumnData {
        ColumnData(
            .struct([
                .binary(rows.map { $0 % 6 == 5 ? [] : [0x89, 0x50, UInt8($0 % 256)] }),
                .string(rows.map { $0 % 6 == 5 ? "" : "frame_\($0).png" }),
            ]),
            validity: rows.map { $0 % 6 != 5 })
    }
}
