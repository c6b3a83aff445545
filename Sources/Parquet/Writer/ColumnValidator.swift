/// Checks the writer's input before anything is buffered, so a rejected
/// `write` leaves the open row group untouched. Stateless.
enum ColumnValidator {
    /// Checks that `column` fits `field`: storage kind, validity length, nulls only
    /// where nullable, list offsets in range and non-decreasing, struct children.
    static func validate(_ column: ColumnData, field: ParquetField) throws(ParquetError) {
        try check(column, type: field.type, nullable: field.nullable, path: field.name, unit: "row")
    }

    private static func check(
        _ data: ColumnData, type: ParquetType, nullable: Bool, path: String, unit: String
    ) throws(ParquetError) {
        let count = data.count
        if let validity = data.validity {
            guard validity.count == count else {
                throw invalid(path, "has \(count) values but \(validity.count) validity flags")
            }
            if !nullable, let index = validity.firstIndex(of: false) {
                throw ParquetError(
                    .invalidValue, "column '\(path)' \(unit) \(index) is null, but the field is not nullable",
                    hint: "give a value, or declare the field nullable in the schema")
            }
        }
        switch (type, data.storage) {
        case (.boolean, .boolean), (.int32, .int32), (.int64, .int64), (.float, .float), (.double, .double),
            (.string, .string), (.binary, .binary):
            return
        case (.list(let element, let elementNullable), .list(let offsets, let child)):
            guard let first = offsets.first else {
                throw invalid(path, "is a list without offsets (a list needs count + 1 offsets, starting with 0)")
            }
            guard first >= 0 else { throw invalid(path, "has negative list offset \(first) at \(unit) 0") }
            for index in 0..<(offsets.count - 1) where offsets[index + 1] < offsets[index] {
                throw invalid(
                    path, "has decreasing list offsets at \(unit) \(index): \(offsets[index]) then \(offsets[index + 1])")
            }
            guard offsets[offsets.count - 1] <= child.count else {
                throw invalid(
                    path, "has list offset \(offsets[offsets.count - 1]) past its \(child.count) elements")
            }
            try check(child, type: element, nullable: elementNullable, path: path + ".element", unit: "element")
        case (.struct(let fields), .struct(let children)):
            guard fields.count == children.count else {
                throw invalid(path, "has \(children.count) struct children, the schema has \(fields.count) fields")
            }
            for (field, child) in zip(fields, children) {
                guard child.count == count else {
                    throw invalid(path + "." + field.name, "has \(child.count) values, its struct has \(count)")
                }
                try check(child, type: field.type, nullable: field.nullable, path: path + "." + field.name, unit: unit)
            }
        default:
            throw invalid(path, "holds \(kind(of: data.storage)) values but the schema says \(type)")
        }
    }

    private static func invalid(_ path: String, _ problem: String) -> ParquetError {
        ParquetError(.invalidValue, "column '\(path)' \(problem)", hint: "build the ColumnData to match the schema")
    }

    private static func kind(of storage: ColumnData.Storage) -> String {
        switch storage {
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .string: "string"
        case .binary: "binary"
        case .list: "list"
        case .struct: "struct"
        }
    }
}
