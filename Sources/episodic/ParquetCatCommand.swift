import ArgumentParser
import Parquet

/// `episodic parquet cat FILE`: print rows, as text or JSON lines.
///
/// Reads one row group at a time (only the selected columns), so memory is
/// bounded by a row group, and stops reading once `--limit` rows are printed.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the rows of a Parquet file.",
        discussion: """
            Without --json, prints a header line of column names, then one tab-separated line per row \
            (nested values as JSON). With --json, prints one JSON object per row: floats in shortest \
            round-trip form, NaN and infinities as the strings "NaN", "Infinity", "-Infinity", binary as base64.
            """)

    @Argument(help: "The Parquet file to print.")
    var file: String

    @Flag(help: "Print one JSON object per line.")
    var json = false

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    @Option(help: "Comma-separated top-level columns to print (default: all).")
    var columns: String?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if let columns, columns.split(separator: ",").isEmpty {
            throw ValidationError("--columns needs at least one column name")
        }
    }

    func run() throws {
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(path: file)
        } catch {
            throw ParquetFailure.report(error)
        }
        defer { reader.close() }
        do {
            let fields = try selectedFields(reader)
            try printRows(reader, fields)
        } catch {
            throw ParquetFailure.report(error)
        }
    }

    private func selectedFields(_ reader: ParquetFileReader) throws(ParquetError) -> [ParquetField] {
        guard let columns else {
            for name in reader.unsupportedFields.keys.sorted() {
                ParquetFailure.printError("episodic: note: skipping column '\(name)' (\(reader.unsupportedFields[name]!.message))")
            }
            return reader.schema.fields
        }
        var fields: [ParquetField] = []
        for name in columns.split(separator: ",").map({ String($0).trimmingSpaces }) {
            if let field = reader.schema.field(named: name) {
                fields.append(field)
            } else if let error = reader.unsupportedFields[name] {
                throw error
            } else {
                throw ParquetError(
                    .noSuchColumn, "\(file) has no column '\(name)'",
                    hint: "columns: \(reader.schemaTree.children.map(\.element.name).joined(separator: ", "))")
            }
        }
        return fields
    }

    private func printRows(_ reader: ParquetFileReader, _ fields: [ParquetField]) throws(ParquetError) {
        var remaining = limit ?? Int.max
        if !json { print(fields.map(\.name).joined(separator: "\t")) }
        for group in 0..<reader.rowGroupCount where remaining > 0 {
            var data: [ColumnData] = []
            for field in fields { data.append(try reader.readColumn(field.name, rowGroup: group)) }
            let rows = min(reader.rowCount(ofRowGroup: group), remaining)
            for row in 0..<rows {
                var line = ""
                if json {
                    line = "{"
                    for (index, field) in fields.enumerated() {
                        if index > 0 { line += "," }
                        ParquetJSON.appendString(field.name, to: &line)
                        line += ":"
                        ParquetJSON.append(data[index], field.type, row, to: &line)
                    }
                    line += "}"
                } else {
                    for (index, field) in fields.enumerated() {
                        if index > 0 { line += "\t" }
                        ParquetJSON.append(data[index], field.type, row, to: &line, bareStrings: true)
                    }
                }
                print(line)
            }
            remaining -= rows
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
