/// Rejects schemas the writer cannot lay out. Stateless.
enum SchemaValidator {
    /// No fields, empty or duplicate names (per group), empty structs, or nesting
    /// deeper than the 255 levels a level byte holds are `.invalidSchema`.
    static func validate(_ schema: ParquetSchema) throws(ParquetError) {
        guard !schema.fields.isEmpty else {
            throw ParquetError(.invalidSchema, "the schema has no fields", hint: "add at least one column")
        }
        try checkNames(schema.fields, in: "the schema")
        for field in schema.fields {
            try check(field.type, path: field.name)
        }
        for leaf in schema.leafColumns where leaf.maxDefinitionLevel > 255 {
            throw ParquetError(
                .invalidSchema, "column '\(leaf.dottedPath)' is nested \(leaf.maxDefinitionLevel) levels deep",
                hint: "at most 255 nullable or list levels are supported")
        }
    }

    private static func check(_ type: ParquetType, path: String) throws(ParquetError) {
        switch type {
        case .list(let element, _):
            try check(element, path: path + ".element")
        case .struct(let fields):
            guard !fields.isEmpty else {
                throw ParquetError(
                    .invalidSchema, "struct '\(path)' has no fields",
                    hint: "Parquet cannot store an empty group; drop the column or add a field")
            }
            try checkNames(fields, in: "struct '\(path)'")
            for field in fields { try check(field.type, path: path + "." + field.name) }
        default:
            return
        }
    }

    private static func checkNames(_ fields: [ParquetField], in place: String) throws(ParquetError) {
        var seen = Set<String>()
        for field in fields {
            guard !field.name.isEmpty else {
                throw ParquetError(.invalidSchema, "\(place) has a field with an empty name", hint: "name every field")
            }
            guard seen.insert(field.name).inserted else {
                throw ParquetError(
                    .invalidSchema, "\(place) has two fields named '\(field.name)'", hint: "field names must be unique")
            }
        }
    }
}
