import ArgumentParser
import Parquet

/// `episodic parquet schema FILE`: the schema tree and a summary of the file.
struct ParquetSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a Parquet file's schema, row groups and metadata keys.",
        discussion: """
            Prints the schema as a tree (repetition, physical type, name, logical type), then the number of \
            rows and row groups, the compression codecs used and the keys of the key-value metadata. Works for \
            any valid Parquet file, including columns that `cat` cannot decode.
            """)

    @Argument(help: "The Parquet file to inspect.")
    var file: String

    func run() throws {
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(path: file)
        } catch {
            throw ParquetFailure.report(error)
        }
        defer { reader.close() }
        print(ParquetSchemaPrinter.describe(reader), terminator: "")
    }
}
