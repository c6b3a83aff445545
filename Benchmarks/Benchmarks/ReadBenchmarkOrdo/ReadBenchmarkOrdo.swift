#if canImport(Glibc)
import Glibc
#endif
import Benchmark
import Parquet
import ParquetWorkload

/// The read side of the ordo-one Parquet benchmarks: the writer benchmark's
/// 100,000 robot rows (10 row groups), written once to a temporary file, then
/// read back completely (every column of every row group) per iteration.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .memoryLeaked, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 20)

    Benchmark("ParquetFileReader: 100k robot rows, snappy, 10k-row groups") { benchmark in
        let path = "/tmp/episodic-read-benchmark-\(getpid()).parquet"
        defer { unlink(path) }
        var ignoredTime = 0.0, ignoredCPU = 0.0
        let writer = try ParquetFileWriter(
            path: path, schema: RobotEpisodeTable.schema, options: ParquetWriterOptions(compression: .snappy))
        try RobotEpisodeTable.write(rows: 100_000, rowGroupRows: 10_000, to: writer, writerTime: &ignoredTime, writerCPU: &ignoredCPU)
        try writer.close()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let reader = try ParquetFileReader(path: path)
            for group in 0..<reader.rowGroupCount { blackHole(try reader.readRowGroup(group)) }
            reader.close()
        }
    }
}
