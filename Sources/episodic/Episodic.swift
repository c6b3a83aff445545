import ArgumentParser

/// The `episodic` command: records robot episodes into LeRobot datasets and
/// inspects the files it writes.
@main
struct Episodic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episodic",
        abstract: "Record robot and simulation episodes into LeRobot datasets, with zero operator wait.",
        discussion: """
            Episodic writes LeRobot v3.0 (default) or v2.1 datasets: Parquet tables, MP4 videos and JSON
            metadata that the Hugging Face `lerobot` library loads frame by frame.
            """,
        version: "0.1.0",
        subcommands: [ParquetCommand.self, VerifyCommand.self, InfoCommand.self, RecoverCommand.self, RecordCommand.self, BenchCommand.self, ConvertCommand.self]
    )
}
