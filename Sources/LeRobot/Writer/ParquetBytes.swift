// Encoding a small Parquet file in memory, to be written with DurableFile.

import Parquet

/// Encodes one Parquet file in memory: one row group per entry of `rowGroups`.
/// LeRobot's per-episode files are small (kilobytes to a few megabytes), so the
/// bytes are built in RAM and then written with temp + fsync + rename.
func parquetBytes(
    schema: ParquetSchema, rowGroups: [[ColumnData]], metadata: [KeyValue], path: String
) throws(LeRobotError) -> [UInt8] {
    let sink = MemorySink()
    do {
        let writer = try ParquetFileWriter(
            sink: sink, schema: schema,
            options: ParquetWriterOptions(compression: .snappy, keyValueMetadata: metadata))
        for group in rowGroups {
            try writer.write(group)
            try writer.endRowGroup()
        }
        _ = try writer.close()
    } catch {
        throw LeRobotError(.episode, "cannot encode \(path): \(error.message)",
                           hint: error.hint ?? "check the episode values", cause: error)
    }
    return sink.bytes
}
