import Parquet

/// Renders a file's schema tree and summary as text, parquet-tools style.
/// Pure functions; output is deterministic (metadata keys sorted).
enum ParquetSchemaPrinter {
    static func describe(_ reader: ParquetFileReader) -> String {
        let metadata = reader.metadata
        var text = "message \(reader.schemaTree.element.name) {\n"
        for child in reader.schemaTree.children { append(child, indent: 1, to: &text) }
        text += "}\n"
        for name in reader.unsupportedFields.keys.sorted() {
            text += "# \(name): not readable by episodic: \(reader.unsupportedFields[name]!.message)\n"
        }
        text += "rows: \(reader.numRows)\n"
        text += "row groups: \(reader.rowGroupCount)\n"
        for (index, group) in metadata.rowGroups.enumerated() {
            let compressed = group.columns.reduce(Int64(0)) { $0 + ($1.metaData?.totalCompressedSize ?? 0) }
            text += "  row group \(index): \(group.numRows) rows, \(compressed) bytes compressed, "
                + "\(group.totalByteSize) bytes uncompressed\n"
        }
        var codecs: [String] = []
        for group in metadata.rowGroups {
            for chunk in group.columns {
                if let codec = chunk.metaData?.codec.description, !codecs.contains(codec) { codecs.append(codec) }
            }
        }
        text += "codecs: \(codecs.isEmpty ? "none" : codecs.joined(separator: ", "))\n"
        if let createdBy = metadata.createdBy { text += "created by: \(createdBy)\n" }
        let keys = reader.keyValueMetadata.keys.sorted()
        text += "key-value metadata: \(keys.isEmpty ? "none" : keys.joined(separator: ", "))\n"
        return text
    }

    private static func append(_ node: SchemaNode, indent: Int, to text: inout String) {
        let element = node.element
        let pad = String(repeating: "  ", count: indent)
        let repetition: String
        switch element.repetitionType {
        case .optional?: repetition = "optional"
        case .repeated?: repetition = "repeated"
        default: repetition = "required"
        }
        var line = "\(pad)\(repetition) "
        if let type = element.type {
            line += type.description.lowercased()
            if type == .fixedLenByteArray, let length = element.typeLength { line += "(\(length))" }
        } else {
            line += "group"
        }
        line += " \(element.name)"
        if let annotation = annotation(element) { line += " (\(annotation))" }
        if node.isGroup {
            text += line + " {\n"
            for child in node.children { append(child, indent: indent + 1, to: &text) }
            text += "\(pad)}\n"
        } else {
            text += line + ";\n"
        }
    }

    /// The logical type, or the legacy converted type when there is none.
    static func annotation(_ element: SchemaElement) -> String? {
        if let logical = element.logicalType {
            switch logical {
            case .string: return "STRING"
            case .map: return "MAP"
            case .list: return "LIST"
            case .enum: return "ENUM"
            case .decimal(let scale, let precision): return "DECIMAL(\(precision),\(scale))"
            case .date: return "DATE"
            case .time(let utc, let unit): return "TIME(\(unit),\(utc ? "UTC" : "local"))"
            case .timestamp(let utc, let unit): return "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
            case .integer(let bits, let signed): return "INT(\(bits),\(signed ? "signed" : "unsigned"))"
            case .unknown: return "UNKNOWN"
            case .json: return "JSON"
            case .bson: return "BSON"
            case .uuid: return "UUID"
            case .float16: return "FLOAT16"
            case .other(let id): return "LOGICAL(\(id))"
            }
        }
        guard let converted = element.convertedType else { return nil }
        let names = [
            "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
            "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
            "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
        ]
        let raw = Int(converted.rawValue)
        return names.indices.contains(raw) ? names[raw] : "CONVERTED(\(raw))"
    }
}
