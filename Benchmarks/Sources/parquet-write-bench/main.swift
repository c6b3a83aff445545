// Writes the benchmark table to a file and prints one JSON line:
// {"impl":"swift","rows":…,"seconds":…,"rows_per_second":…,"peak_rss_mib":…,"bytes":…}
//
// Usage: parquet-write-bench [OUTPUT] [ROWS] [ROW_GROUP_ROWS]
// Build in release (scripts/compare-parquet.sh does).

#if canImport(Glibc)
import Glibc
#endif
import Parquet
import ParquetWorkload

let arguments = CommandLine.arguments
let path = arguments.count > 1 ? arguments[1] : "/tmp/episodic-bench.parquet"
let rows = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let rowGroupRows = arguments.count > 3 ? Int(arguments[3]) ?? 10_000 : 10_000

do {
    let clock = ContinuousClock()
    let began = clock.now
    var writerTime = Duration.zero
    let writer = try ParquetFileWriter(
        path: path, schema: RobotEpisodeTable.schema, options: ParquetWriterOptions(compression: .snappy))
    try RobotEpisodeTable.write(rows: rows, rowGroupRows: rowGroupRows, to: writer, writerTime: &writerTime)
    let closeBegan = clock.now
    try writer.close()
    writerTime += clock.now - closeBegan
    let total = clock.now - began

    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    var status = stat()
    stat(path, &status)
    let seconds = Double(writerTime.components.seconds) + Double(writerTime.components.attoseconds) / 1e18
    let totalSeconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    print(
        "{\"impl\":\"swift\",\"rows\":\(rows),\"seconds\":\(seconds),\"total_seconds\":\(totalSeconds),"
            + "\"rows_per_second\":\(Int(Double(rows) / seconds)),"
            + "\"peak_rss_mib\":\(Double(usage.ru_maxrss) / 1024),\"bytes\":\(status.st_size)}")
} catch {
    let message = Array("parquet-write-bench: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }  // stdout is for the JSON only
    exit(1)
}
