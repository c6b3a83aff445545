import Benchmark
import Parquet
import ParquetWorkload

/// Counts bytes and drops them: measures encoding, not the disk.
final class DiscardingSink: ByteSink {
    private(set) var position: Int64 = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) { position += Int64(bytes.count) }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .memoryLeaked, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 20)

    // 100,000 rows as 10 row groups of 10,000 (the compare script does 1,000,000 to a file).
    Benchmark("ParquetFileWriter: 100k robot rows, snappy, 10k-row groups") { benchmark in
        let groups = (0..<10).map { RobotEpisodeTable.columns(($0 * 10_000)..<(($0 + 1) * 10_000)) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let writer = try ParquetFileWriter(
                sink: DiscardingSink(), schema: RobotEpisodeTable.schema,
                options: ParquetWriterOptions(compression: .snappy))
            for columns in groups {
                try writer.write(columns)
                try writer.endRowGroup()
            }
            blackHole(try writer.close())
        }
    }
}
