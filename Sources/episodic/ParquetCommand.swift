import ArgumentParser

/// `episodic parquet …`: inspect Parquet files, like `parquet-tools`.
struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect Parquet files (schema, rows).",
        subcommands: [ParquetSchemaCommand.self, ParquetCatCommand.self]
    )
}
