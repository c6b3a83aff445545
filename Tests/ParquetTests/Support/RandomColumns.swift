@testable import Parquet

/// Seeded generator of random schemas and matching columns (nested lists and
/// structs, nullable at any level, empty lists, null slots hiding non-empty
/// ranges), for randomized cross-checks. Same seed, same output.
struct RandomColumns {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    mutating func type(depth: Int) -> ParquetType {
        let primitives: [ParquetType] = [.boolean, .int32, .int64, .float, .double, .string, .binary]
        if depth >= 3 || chance(45) { return primitives[next(primitives.count)] }
        if chance(60) { return .list(element: type(depth: depth + 1), elementNullable: chance(50)) }
        return .struct((0..<(1 + next(3))).map { ParquetField("f\($0)", type(depth: depth + 1), nullable: chance(50)) })
    }

    mutating func column(_ type: ParquetType, nullable: Bool, count: Int) -> ColumnData {
        var validity: [Bool]? = nil
        if nullable && chance(80) {
            validity = (0..<count).map { _ in !chance(25) }
        } else if chance(20) {
            validity = [Bool](repeating: true, count: count)  // all valid: allowed even when required
        }
        switch type {
        case .boolean: return ColumnData(.boolean((0..<count).map { _ in chance(50) }), validity: validity)
        case .int32: return ColumnData(.int32((0..<count).map { _ in Int32(next(2000)) - 1000 }), validity: validity)
        case .int64: return ColumnData(.int64((0..<count).map { _ in Int64(next(1 << 30)) << 20 }), validity: validity)
        case .float: return ColumnData(.float((0..<count).map { _ in Float(next(400)) / 4 - 50 }), validity: validity)
        case .double: return ColumnData(.double((0..<count).map { _ in Double(next(4000)) / 8 - 250 }), validity: validity)
        case .string: return ColumnData(.string((0..<count).map { _ in "v\(next(30))ß" }), validity: validity)
        case .binary:
            return ColumnData(.binary((0..<count).map { _ in (0..<next(4)).map { _ in UInt8(next(256)) } }), validity: validity)
        case .list(let element, let elementNullable):
            var offsets = [0]
            for _ in 0..<count { offsets.append(offsets.last! + next(4)) }
            let child = column(element, nullable: elementNullable, count: offsets.last!)
            return ColumnData(.list(offsets: offsets, child: child), validity: validity)
        case .struct(let fields):
            return ColumnData(
                .struct(fields.map { column($0.type, nullable: $0.nullable, count: count) }), validity: validity)
        }
    }

    /// The type pyarrow prints for a Parquet type read back (`list<element: int32 not null>`).
    static func arrowName(_ type: ParquetType) -> String {
        switch type {
        case .boolean: "bool"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .string: "string"
        case .binary: "binary"
        case .list(let element, let nullable): "list<element: \(arrowName(element))\(nullable ? "" : " not null")>"
        case .struct(let fields):
            "struct<" + fields.map { "\($0.name): \(arrowName($0.type))\($0.nullable ? "" : " not null")" }
                .joined(separator: ", ") + ">"
        }
    }
}
