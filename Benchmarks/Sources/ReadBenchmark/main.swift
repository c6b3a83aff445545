// The read side of the Parquet benchmark: reads every column of every row
// group of a file with ParquetFileReader and prints one JSON line:
// {"impl":"swift","rows":…,"seconds":…,"rows_per_second":…,"peak_rss_mib":…,"checksum":…}
//
// Usage: ReadBenchmark FILE [--write ROWS] [--whole]
//   --write ROWS: first write the benchmark table (RobotEpisodeTable, snappy,
//   10,000-row groups) to FILE with the Swift writer, outside the timing.
//   --whole: read each column over all row groups at once (`readColumn(_:)`)
//   and keep it, like pyarrow's read_table, instead of one row group at a time.
// Build in release (scripts/ReadBenchmark.sh does). Runs in its own process so
// peak RSS is the reader's (plus the writer's, with --write).

#if canImport(Glibc)
import Glibc
#endif
import Parquet
import ParquetWorkload

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    let usage = Array("usage: ReadBenchmark FILE [--write ROWS]\n".utf8)
    _ = usage.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(64)
}
let path = arguments[1]

/// A checksum over every value read, so the work cannot be optimised away and
/// both implementations can be compared.
func checksum(_ column: ColumnData) -> Double {
    switch column.storage {
    case .int64(let values): return Double(values.reduce(0, &+))
    case .int32(let values): return Double(values.reduce(0, &+))
    case .float(let values): return Double(values.reduce(0, +))
    case .double(let values): return values.reduce(0, +)
    case .list(_, let child): return checksum(child)
    case .struct(let children): return children.reduce(0) { $0 + checksum($1) }
    case .boolean(let values): return Double(values.count)
    case .string(let values): return Double(values.count)
    case .binary(let values): return Double(values.count)
    }
}

do {
    if let flag = arguments.firstIndex(of: "--write"), flag + 1 < arguments.count, let rows = Int(arguments[flag + 1]) {
        var ignoredTime = 0.0, ignoredCPU = 0.0
        let writer = try ParquetFileWriter(
            path: path, schema: RobotEpisodeTable.schema, options: ParquetWriterOptions(compression: .snappy))
        try RobotEpisodeTable.write(rows: rows, rowGroupRows: 10_000, to: writer, writerTime: &ignoredTime, writerCPU: &ignoredCPU)
        try writer.close()
    }
    let clock = ContinuousClock()
    let began = clock.now
    let reader = try ParquetFileReader(path: path)
    var sum = 0.0
    var rows = 0
    let whole = arguments.contains("--whole")
    if whole {
        var kept: [ColumnData] = []
        for field in reader.schema.fields { kept.append(try reader.readColumn(field.name)) }
        rows = kept.first?.count ?? 0
        for column in kept { sum += checksum(column) }
    } else {
        for group in 0..<reader.rowGroupCount {
            let columns = try reader.readRowGroup(group)
            rows += columns.first?.count ?? 0
            for column in columns { sum += checksum(column) }
        }
    }
    reader.close()
    let elapsed = clock.now - began
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(
        "{\"impl\":\"swift (\(whole ? "whole table" : "per row group"))\",\"rows\":\(rows),\"seconds\":\(seconds),"
            + "\"rows_per_second\":\(Int(Double(rows) / seconds)),"
            + "\"peak_rss_mib\":\(Double(usage.ru_maxrss) / 1024),\"checksum\":\(sum)}")
} catch {
    let message = Array("ReadBenchmark: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }  // stdout is for the JSON only
    exit(1)
}
