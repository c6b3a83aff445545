// Decoding of schema elements and the LogicalType union from Thrift compact bytes.

extension SchemaElement {
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        let owner = "SchemaElement"
        var element = SchemaElement(name: "")
        var name: String?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: element.type = PhysicalType(rawValue: try r.i32(type, field: id, of: owner))
            case 2: element.typeLength = try r.i32(type, field: id, of: owner)
            case 3: element.repetitionType = Repetition(rawValue: try r.i32(type, field: id, of: owner))
            case 4: name = try r.string(type, field: id, of: owner)
            case 5: element.numChildren = try r.i32(type, field: id, of: owner)
            case 6: element.convertedType = ConvertedType(rawValue: try r.i32(type, field: id, of: owner))
            case 7: element.scale = try r.i32(type, field: id, of: owner)
            case 8: element.precision = try r.i32(type, field: id, of: owner)
            case 9: element.fieldID = try r.i32(type, field: id, of: owner)
            case 10:
                try r.expect(type, .struct, field: id, of: owner)
                element.logicalType = try LogicalType(thrift: &r)
            default: try r.skip(type)
            }
        }
        element.name = try reader.require(name, "name", of: owner)
        self = element
    }
}

extension LogicalType {
    /// Decodes the union; a member this model does not know becomes `.other(fieldID:)`.
    init(thrift reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: LogicalType?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            try r.expect(type, .struct, field: id, of: "LogicalType")
            switch id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enum
            case 5:
                var scale: Int32?, precision: Int32?
                try r.readStruct { (r, id, type) throws(ParquetError) in
                    switch id {
                    case 1: scale = try r.i32(type, field: id, of: "DecimalType")
                    case 2: precision = try r.i32(type, field: id, of: "DecimalType")
                    default: try r.skip(type)
                    }
                }
                result = .decimal(
                    scale: try r.require(scale, "scale", of: "DecimalType"),
                    precision: try r.require(precision, "precision", of: "DecimalType"))
                return
            case 6: result = .date
            case 7, 8:
                let (utc, unit) = try Self.readTime(&r, owner: id == 7 ? "TimeType" : "TimestampType")
                result = id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
                return
            case 10:
                var bitWidth: Int8?, signed: Bool?
                try r.readStruct { (r, id, type) throws(ParquetError) in
                    switch id {
                    case 1:
                        try r.expect(type, .byte, field: id, of: "IntType")
                        bitWidth = Int8(bitPattern: try r.readByte())
                    case 2: signed = try r.bool(type, field: id, of: "IntType")
                    default: try r.skip(type)
                    }
                }
                result = .integer(
                    bitWidth: try r.require(bitWidth, "bitWidth", of: "IntType"),
                    isSigned: try r.require(signed, "isSigned", of: "IntType"))
                return
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            default: result = .other(fieldID: id)
            }
            try r.skip(type)
        }
        guard let result else { throw reader.malformed("LogicalType union has no member") }
        self = result
    }

    private static func readTime(
        _ reader: inout ThriftCompactReader, owner: String
    ) throws(ParquetError) -> (Bool, TimeUnit) {
        var utc: Bool?, unit: TimeUnit?
        try reader.readStruct { (r, id, type) throws(ParquetError) in
            switch id {
            case 1: utc = try r.bool(type, field: id, of: owner)
            case 2:
                try r.expect(type, .struct, field: id, of: owner)
                var member: Int16?
                try r.readStruct { (r, id, type) throws(ParquetError) in
                    member = id
                    try r.skip(type)
                }
                guard let member, let known = TimeUnit(rawValue: member) else {
                    throw r.malformed("\(owner) has unknown time unit \(member.map(String.init) ?? "none")")
                }
                unit = known
            default: try r.skip(type)
            }
        }
        return (try reader.require(utc, "isAdjustedToUTC", of: owner), try reader.require(unit, "unit", of: owner))
    }
}
