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
    let began = RobotEpisodeTable.seconds(CLOCK_MONOTONIC)
    var writerTime = 0.0
    var writerCPU = 0.0
    let writer = try ParquetFileWriter(
        path: path, schema: RobotEpisodeTable.schema, options: ParquetWriterOptions(compression: .snappy))
    try RobotEpisodeTable.write(
        rows: rows, rowGroupRows: rowGroupRows, to: writer, writerTime: &writerTime, writerCPU: &writerCPU)
    let closeBegan = (wall: RobotEpisodeTable.seconds(CLOCK_MONOTONIC),
                      cpu: RobotEpisodeTable.seconds(CLOCK_PROCESS_CPUTIME_ID))
    try writer.close()
    writerTime += RobotEpisodeTable.seconds(CLOCK_MONOTONIC) - closeBegan.wall
    writerCPU += RobotEpisodeTable.seconds(CLOCK_PROCESS_CPUTIME_ID) - closeBegan.cpu
    let total = RobotEpisodeTable.seconds(CLOCK_MONOTONIC) - began

    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    var status = stat()
    stat(path, &status)
    print(
        "{\"impl\":\"swift\",\"rows\":\(rows),\"seconds\":\(writerTime),\"cpu_seconds\":\(writerCPU),"
            + "\"total_seconds\":\(total),\"rows_per_second\":\(Int(Double(rows) / writerTime)),"
            + "\"rows_per_cpu_second\":\(Int(Double(rows) / writerCPU)),"
            + "\"peak_rss_mib\":\(Double(usage.ru_maxrss) / 1024),\"bytes\":\(status.st_size)}")
} catch {
    let message = Array("parquet-write-bench: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }  // stdout is for the JSON only
    exit(1)
}
